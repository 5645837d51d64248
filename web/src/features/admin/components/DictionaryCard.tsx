import { Alert, App, Button, Collapse, Flex, Popconfirm, Skeleton, Tag, Typography } from 'antd';
import { errorMessage } from '../../../shared/http';
import { useReindexAppeals, useSaveDictionary, useTextDictionary } from '../queries';
import { ADMIN_WORD, MAX_ADMIN_WORDS } from '../types';
import { SegmentTrial } from './SegmentTrial';
import { WordTags } from './WordTags';

const sameWord = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** 领域词典: the words the segmenter keeps whole on top of the built-in ones, with a trial box and a re-index. */
export function DictionaryCard() {
  const { message } = App.useApp();
  const dictionary = useTextDictionary();
  const save = useSaveDictionary();
  const reindex = useReindexAppeals();

  const problemOf = (word: string): string | null => {
    const { words = [], builtInWords = [] } = dictionary.data ?? {};
    if (!ADMIN_WORD.test(word)) {
      return '词语须为 2–20 个汉字、字母或数字，不含空格和标点';
    }
    if (words.some((other) => sameWord(other, word))) {
      return `「${word}」已在词典中`;
    }
    if (builtInWords.some((other) => sameWord(other, word))) {
      return `「${word}」已是内置词`;
    }
    return words.length >= MAX_ADMIN_WORDS ? `领域词典最多 ${MAX_ADMIN_WORDS} 个词` : null;
  };

  const onSave = async (words: string[]) => {
    try {
      await save.mutateAsync(words);
      void message.success('领域词典已保存');
      return true;
    } catch (error) {
      void message.error(errorMessage(error));
      return false;
    }
  };

  const onReindex = () =>
    reindex.mutate(undefined, {
      onSuccess: () => void message.success('已开始重建索引，诉求将在后台陆续按新词典重新索引'),
      onError: (error) => void message.error(errorMessage(error)),
    });

  return (
    <section className="console-panel" aria-labelledby="dictionary-title">
      <h2 id="dictionary-title">领域词典</h2>
      <Typography.Paragraph type="secondary">
        分词时整体保留的词，用于全文检索、相似诉求和关键词提取，例如本单位的场所、项目和机构名称。繁体、全角和大小写不同的写法视为同一个词。
      </Typography.Paragraph>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="新词只对之后写入的内容生效，已有内容可由管理员重建索引（本页下方「重建诉求索引」）。"
      />
      {dictionary.isLoading ? <Skeleton active paragraph={{ rows: 2 }} /> : null}
      {dictionary.isError ? <Typography.Text type="danger">{errorMessage(dictionary.error)}</Typography.Text> : null}
      {dictionary.data ? (
        <>
          <WordTags
            words={dictionary.data.words}
            noun="领域词"
            color="blue"
            problemOf={problemOf}
            onSave={onSave}
            saving={save.isPending}
          />
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 16px' }}>
            已添加 {dictionary.data.words.length} / {MAX_ADMIN_WORDS} 个词
          </Typography.Paragraph>
          <Collapse
            size="small"
            items={[
              {
                key: 'built-in',
                label: `内置词（${dictionary.data.builtInWords.length} 个，随系统提供，不可修改）`,
                children: (
                  <Flex wrap gap={4}>
                    {dictionary.data.builtInWords.map((word) => (
                      <Tag key={word} color="purple">
                        {word}
                      </Tag>
                    ))}
                  </Flex>
                ),
              },
            ]}
          />
        </>
      ) : null}
      <div style={{ margin: '16px 0' }}>
        <SegmentTrial />
      </div>
      <Popconfirm
        title="重建诉求索引？"
        description="将在后台按当前词典重新索引全部诉求，分批进行，期间检索照常可用。"
        okText="重建"
        cancelText="取消"
        onConfirm={onReindex}
      >
        <Button loading={reindex.isPending}>重建诉求索引</Button>
      </Popconfirm>
    </section>
  );
}
