import { App, Button, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { ApiError, errorMessage } from '../../../../shared/http';
import { formatDateTime } from '../../../../shared/format';
import { appealKeys, useAppealAction, useSimilarAppeals } from '../../queries';
import type { AppealDetail, SimilarAppeal } from '../../types';
import { StateTag } from './common';
import './similarAppealsCard.css';

const percent = (similarity: number): string => `${Math.round(similarity * 100)}%`;

/**
 * 疑似重复诉求: open appeals within the viewer's scope that likely tell of the same problem, best first,
 * each with 并入此件 (merge this appeal into it). Shown only to a viewer who may merge this appeal now,
 * and only when there is a candidate.
 */
export function SimilarAppealsCard({ detail, onStale }: { detail: AppealDetail; onStale: () => void }) {
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const canMerge = detail.allowedActions.includes('merge');
  const similar = useSimilarAppeals(detail.id, canMerge);
  const run = useAppealAction(detail.id);

  const items = similar.data?.items ?? [];
  if (!canMerge || items.length === 0) {
    return null;
  }

  const merge = (master: SimilarAppeal) =>
    void modal.confirm({
      title: `并入 ${master.trackingNo}？`,
      content: `本诉求 ${detail.trackingNo} 将并入 ${master.trackingNo}（主件），随主件办理，不再单独派单；主件附议人数加一。`,
      okText: '确认并入',
      cancelText: '取消',
      onOk: async () => {
        try {
          await run.mutateAsync({ action: 'merge', body: { version: detail.version, masterId: master.id } });
          await client.invalidateQueries({ queryKey: appealKeys.detail(master.id) });
          void message.success(`已并入 ${master.trackingNo}`);
        } catch (error) {
          void message.error(errorMessage(error));
          if (error instanceof ApiError && error.status === 409) {
            // Someone acted first, or the master was closed meanwhile: show the current record and candidates.
            onStale();
            void similar.refetch();
          }
        }
      },
    });

  return (
    <section className="console-panel" aria-labelledby="detail-similar" data-testid="similar-appeals">
      <h2 id="detail-similar">疑似重复诉求</h2>
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        近 30 天内反映同一问题、仍在办理的诉求，按相似度排列。确属同一件事的，可把本件并入其中一件，随主件办理。
      </Typography.Paragraph>
      <ol className="similar-candidates">
        {items.map((item) => (
          <li key={item.id} className="similar-candidate" data-testid={`similar-${item.trackingNo}`}>
            <div className="similar-candidate-head">
              <Link to={`/console/appeals/${item.id}`} className="similar-candidate-link">
                {item.trackingNo}
              </Link>
              <Tag className="similar-score">相似度 {percent(item.similarity)}</Tag>
              <StateTag state={item.state} label={item.stateLabel} />
            </div>
            <div className="similar-candidate-meta">
              <span>{item.categoryName}</span>
              <span>承办单位：{item.unitName ?? '未派单'}</span>
              <span>
                受理时间：<time dateTime={item.receivedAt}>{formatDateTime(item.receivedAt)}</time>
              </span>
              <span>附议 {item.supportCount} 人</span>
            </div>
            <div className="similar-candidate-body">
              <Typography.Paragraph className="similar-candidate-preview" style={{ margin: 0 }}>
                {item.preview}
              </Typography.Paragraph>
              <Button
                onClick={() => merge(item)}
                loading={run.isPending && run.variables?.action === 'merge' && run.variables.body.masterId === item.id}
                aria-label={`并入此件 ${item.trackingNo}`}
              >
                并入此件
              </Button>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
