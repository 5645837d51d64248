import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';

interface WordTagsProps {
  words: string[];
  /** What a word is called here (领域词, 危险信号词), for the list's and the input's labels. */
  noun: string;
  /** Why the word cannot be added, or null when it can. */
  problemOf: (word: string) => string | null;
  /** Saves the whole new list (the tags then show what the server kept); false when it failed. */
  onSave: (words: string[]) => Promise<boolean>;
  saving: boolean;
  color?: string;
}

/** A list of words as tags, each removable, and an input to add one. Every change is saved at once. */
export function WordTags({ words, noun, problemOf, onSave, saving, color }: WordTagsProps) {
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const add = () => {
    const word = draft.trim();
    const found = problemOf(word);
    setProblem(found);
    if (!found) {
      void onSave([...words, word]).then((saved) => saved && setDraft(''));
    }
  };

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {words.length === 0 ? (
        <Typography.Text type="secondary">尚未添加{noun}</Typography.Text>
      ) : (
        <Flex wrap gap={8} role="list" aria-label={`${noun}列表`}>
          {words.map((word) => (
            <Tag
              key={word}
              role="listitem"
              color={color}
              closable={saving ? false : { 'aria-label': `删除「${word}」` }}
              onClose={(event) => {
                // The tag goes when the server's list comes back without it.
                event.preventDefault();
                void onSave(words.filter((other) => other !== word));
              }}
            >
              {word}
            </Tag>
          ))}
        </Flex>
      )}
      <div>
        <Space.Compact>
          <Input
            aria-label={`新的${noun}`}
            placeholder={`输入新的${noun}`}
            value={draft}
            maxLength={20}
            status={problem ? 'error' : undefined}
            onChange={(event) => {
              setDraft(event.target.value);
              setProblem(null);
            }}
            onPressEnter={add}
            style={{ width: 240 }}
          />
          <Button icon={<PlusOutlined />} onClick={add} loading={saving}>
            添加
          </Button>
        </Space.Compact>
        {problem ? (
          <Typography.Paragraph type="danger" role="alert" style={{ margin: '4px 0 0' }}>
            {problem}
          </Typography.Paragraph>
        ) : null}
      </div>
    </Space>
  );
}
