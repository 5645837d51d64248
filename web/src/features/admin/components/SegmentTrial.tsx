import { Button, Flex, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../../shared/http';
import { useSegmentText } from '../queries';
import type { WordSource } from '../types';

const SOURCE_COLORS: Record<WordSource, string | undefined> = { admin: 'blue', builtIn: 'purple', general: undefined };

/** 试一试: how the server cuts a sentence with the current dictionary, the words kept whole by a dictionary coloured. */
export function SegmentTrial() {
  const [text, setText] = useState('');
  const segment = useSegmentText();
  const words = segment.data?.words;

  return (
    <div>
      <h3 id="segment-trial">试一试</h3>
      <Space.Compact style={{ width: '100%', maxWidth: 640 }}>
        <Input
          aria-labelledby="segment-trial"
          placeholder="输入一句话，查看切分结果"
          value={text}
          maxLength={500}
          onChange={(event) => setText(event.target.value)}
          onPressEnter={() => text.trim() && segment.mutate(text)}
        />
        <Button type="primary" onClick={() => segment.mutate(text)} disabled={!text.trim()} loading={segment.isPending}>
          切分
        </Button>
      </Space.Compact>
      {segment.isError ? (
        <Typography.Paragraph type="danger" role="alert">
          {errorMessage(segment.error)}
        </Typography.Paragraph>
      ) : null}
      {words ? (
        <>
          <Flex wrap gap={4} role="list" aria-label="切分结果" style={{ marginTop: 12 }}>
            {words.map(({ word, source }, index) => (
              <Tag key={index} role="listitem" color={SOURCE_COLORS[source]}>
                {word}
              </Tag>
            ))}
          </Flex>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            <Tag color="blue">管理员添加的词</Tag>
            <Tag color="purple">内置词</Tag>
            <Tag>通用词典</Tag>
          </Typography.Paragraph>
        </>
      ) : null}
    </div>
  );
}
