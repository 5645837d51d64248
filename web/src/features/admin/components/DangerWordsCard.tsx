import { App, Button, Popconfirm, Skeleton, Typography } from 'antd';
import { errorMessage } from '../../../shared/http';
import { useAppealSettings, useSaveAppealSettings } from '../queries';
import { DEFAULT_DANGER_WORDS, MAX_DANGER_WORDS } from '../types';
import { WordTags } from './WordTags';

/** 危险信号词: saved with the rest of the appeal settings, which stay as they are. */
export function DangerWordsCard() {
  const { message } = App.useApp();
  const settings = useAppealSettings();
  const save = useSaveAppealSettings();
  const words = settings.data?.dangerWords ?? [];

  const problemOf = (word: string): string | null => {
    if ([...word].length < 2 || [...word].length > 20) {
      return '危险信号词须为 2–20 个字';
    }
    if (words.includes(word)) {
      return `「${word}」已在列表中`;
    }
    return words.length >= MAX_DANGER_WORDS ? `危险信号词最多 ${MAX_DANGER_WORDS} 个` : null;
  };

  const onSave = async (dangerWords: string[], done = '危险信号词已保存') => {
    try {
      await save.mutateAsync({ ...settings.data!, dangerWords });
      void message.success(done);
      return true;
    } catch (error) {
      void message.error(errorMessage(error));
      return false;
    }
  };

  return (
    <section className="console-panel" aria-labelledby="danger-words-title">
      <h2 id="danger-words-title">危险信号词</h2>
      <Typography.Paragraph type="secondary">
        群众诉求中出现这些词（繁体、简体均可识别）时，诉求立即定为特急，并通知领导和受理员。
      </Typography.Paragraph>
      {settings.isLoading ? <Skeleton active paragraph={{ rows: 2 }} /> : null}
      {settings.isError ? <Typography.Text type="danger">{errorMessage(settings.error)}</Typography.Text> : null}
      {settings.data ? (
        <>
          <WordTags words={words} noun="危险信号词" color="red" problemOf={problemOf} onSave={onSave} saving={save.isPending} />
          <Popconfirm
            title="恢复默认？"
            description={`危险信号词将恢复为系统默认的 ${DEFAULT_DANGER_WORDS.length} 个词，其他设置不变。`}
            okText="恢复"
            cancelText="取消"
            onConfirm={() => void onSave(DEFAULT_DANGER_WORDS, '已恢复默认的危险信号词')}
          >
            <Button style={{ marginTop: 16 }} disabled={save.isPending}>
              恢复默认
            </Button>
          </Popconfirm>
        </>
      ) : null}
    </section>
  );
}
