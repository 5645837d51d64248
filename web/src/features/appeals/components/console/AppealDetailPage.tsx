import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Descriptions, Image, Result, Row, Skeleton, Space, Timeline, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { PageTitle } from '../../../../console/PageTitle';
import { ApiError, errorMessage } from '../../../../shared/http';
import { formatDateTime } from '../../../../shared/format';
import { APPEAL_TYPE_LABELS, SATISFACTION_LABELS } from '../../labels';
import { useAppealDetail } from '../../queries';
import type { AppealDetail, RevealResult } from '../../types';
import { ActionPanel } from './ActionPanel';
import { DueText, StateTag, SupervisedTag, UrgencyTag } from './common';
import { RevealContact } from './RevealContact';
import { SimilarAppealsCard } from './SimilarAppealsCard';

const CHANNEL_LABELS: Record<string, string> = { h5: '手机网页', console: '工作台录入', open311: '外部系统接入' };

function contactItems(detail: AppealDetail, revealed: RevealResult | null, onRevealed: (contact: RevealResult) => void) {
  if (detail.anonymous) {
    return [{ key: 'contact', label: '联系人', children: '匿名反映', span: 2 as const }];
  }
  const reveal = detail.canReveal && !detail.contactRevealed && !revealed;
  return [
    {
      key: 'contactName',
      label: '联系人',
      children: <span data-testid="contact-name">{revealed?.contactName ?? detail.contactName ?? '—'}</span>,
    },
    {
      key: 'contactPhone',
      label: '联系电话',
      children: (
        <Space>
          <span data-testid="contact-phone">{revealed?.contactPhone ?? detail.contactPhone ?? '—'}</span>
          {reveal ? <RevealContact appealId={detail.id} onRevealed={onRevealed} /> : null}
        </Space>
      ),
    },
  ];
}

function DetailBody({ detail, onStale }: { detail: AppealDetail; onStale: () => void }) {
  const [revealed, setRevealed] = useState<RevealResult | null>(null);

  const contact = contactItems(detail, revealed, setRevealed);

  const basics: DescriptionsProps['items'] = [
    { key: 'trackingNo', label: '受理编号', children: detail.trackingNo },
    { key: 'category', label: '诉求类别', children: `${APPEAL_TYPE_LABELS[detail.appealType]} · ${detail.categoryName}` },
    { key: 'receivedAt', label: '受理时间', children: formatDateTime(detail.receivedAt) },
    { key: 'channel', label: '来源渠道', children: CHANNEL_LABELS[detail.channel] ?? detail.channel },
    { key: 'unit', label: '承办单位', children: detail.unitName ?? '未派单' },
    { key: 'handler', label: '承办人', children: detail.handlerName ?? '—' },
    {
      key: 'signDueAt',
      label: '签收时限',
      children: detail.signedAt ? `已于 ${formatDateTime(detail.signedAt)} 签收` : formatDateTime(detail.signDueAt),
    },
    { key: 'contactedAt', label: '首次联系', children: formatDateTime(detail.contactedAt) },
    {
      key: 'dueAt',
      label: '办理时限',
      children: (
        <>
          <DueText dueAt={detail.dueAt} overdue={detail.overdue} nearDue={detail.nearDue} />
          {detail.extensionDueAt ? <div>申请延期至 {formatDateTime(detail.extensionDueAt)}</div> : null}
        </>
      ),
    },
    { key: 'closedAt', label: '办结时间', children: formatDateTime(detail.closedAt) },
    ...contact,
    { key: 'address', label: '发生地点', children: detail.address ?? '—', span: detail.lat !== null ? 1 : 2 },
    ...(detail.lat !== null && detail.lng !== null
      ? [{ key: 'position', label: '定位', children: `经度 ${detail.lng.toFixed(5)}，纬度 ${detail.lat.toFixed(5)}` }]
      : []),
    { key: 'publicable', label: '同意公开', children: detail.publicable ? '同意' : '不同意' },
    { key: 'counts', label: '重办 / 附议', children: `重办 ${detail.redoCount} 次 · 附议 ${detail.supportCount} 人` },
    {
      key: 'content',
      label: '诉求内容',
      span: 2,
      children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{detail.content}</Typography.Paragraph>,
    },
  ];

  if (detail.pendingReason) {
    basics.push({ key: 'pendingReason', label: '待审批理由', span: 2, children: detail.pendingReason });
  }
  if (detail.replyText) {
    basics.push({
      key: 'reply',
      label: '答复',
      span: 2,
      children: (
        <>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{detail.replyText}</Typography.Paragraph>
          <Typography.Text type="secondary">{formatDateTime(detail.repliedAt)}</Typography.Text>
        </>
      ),
    });
  }
  if (detail.satisfaction) {
    basics.push({
      key: 'rating',
      label: '群众评价',
      span: 2,
      children: `${SATISFACTION_LABELS[detail.satisfaction]}${detail.resolved === null ? '' : detail.resolved ? '，已解决' : '，未解决'}${
        detail.ratingComment ? `。${detail.ratingComment}` : ''
      }`,
    });
  }
  if (detail.mergedIntoId) {
    basics.push({
      key: 'mergedInto',
      label: '已并入',
      span: 2,
      children: <Link to={`/console/appeals/${detail.mergedIntoId}`}>查看主件</Link>,
    });
  }
  if (detail.mergedChildren.length > 0) {
    basics.push({
      key: 'children',
      label: '并入的重复件',
      span: 2,
      children: (
        <Space wrap>
          {detail.mergedChildren.map((child) => (
            <Link key={child.id} to={`/console/appeals/${child.id}`}>
              {child.trackingNo}
            </Link>
          ))}
        </Space>
      ),
    });
  }

  return (
    <Row gutter={16}>
      <Col xs={24} xl={16}>
        <section className="console-panel" aria-labelledby="detail-info">
          <h2 id="detail-info">诉求信息</h2>
          <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} items={basics} />
        </section>
        <SimilarAppealsCard detail={detail} onStale={onStale} />
        <section className="console-panel" aria-labelledby="detail-photos">
          <h2 id="detail-photos">现场照片</h2>
          {detail.photos.length === 0 ? (
            <Typography.Text>无</Typography.Text>
          ) : (
            <Image.PreviewGroup>
              <Space wrap>
                {detail.photos.map((photo, index) => (
                  <Image
                    key={photo.id}
                    src={photo.url}
                    alt={`诉求照片 ${index + 1}`}
                    width={120}
                    height={120}
                    style={{ objectFit: 'cover' }}
                  />
                ))}
              </Space>
            </Image.PreviewGroup>
          )}
        </section>
      </Col>
      <Col xs={24} xl={8}>
        <section className="console-panel" aria-labelledby="detail-actions" data-testid="action-panel">
          <h2 id="detail-actions">办理操作</h2>
          <ActionPanel detail={detail} onStale={onStale} />
        </section>
        <section className="console-panel" aria-labelledby="detail-timeline">
          <h2 id="detail-timeline">办理过程</h2>
          <Timeline
            items={detail.timeline.map((entry, index) => ({
              key: `${entry.at}-${index}`,
              color: index === detail.timeline.length - 1 ? 'blue' : 'gray',
              content: (
                <>
                  <div>
                    <strong>{entry.label}</strong>
                    {entry.actorName ? `（${entry.actorName}）` : ''}
                  </div>
                  {entry.note ? <div style={{ whiteSpace: 'pre-wrap' }}>{entry.note}</div> : null}
                  <Typography.Text type="secondary">
                    <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                  </Typography.Text>
                </>
              ),
            }))}
          />
        </section>
      </Col>
    </Row>
  );
}

export default function AppealDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const detail = useAppealDetail(id);
  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(-1)}>
      返回
    </Button>
  );

  if (detail.isLoading) {
    return (
      <>
        <PageTitle title="诉求详情" extra={back} />
        <Skeleton active />
      </>
    );
  }
  if (detail.isError || !detail.data) {
    const notFound = detail.error instanceof ApiError && detail.error.status === 404;
    return (
      <>
        <PageTitle title="诉求详情" extra={back} />
        <Result
          status={notFound ? '404' : 'error'}
          title={notFound ? '诉求不存在或您无权查看' : '加载失败'}
          subTitle={errorMessage(detail.error)}
        />
      </>
    );
  }
  const data = detail.data;
  return (
    <>
      <PageTitle title={`诉求 ${data.trackingNo}`} extra={back}>
        <StateTag state={data.state} label={data.stateLabel} />
        <UrgencyTag urgency={data.urgency} />
        <SupervisedTag supervised={data.supervised} />
      </PageTitle>
      {detail.isRefetching ? <Alert type="info" title="正在刷新…" style={{ marginBottom: 12 }} /> : null}
      <DetailBody key={data.id} detail={data} onStale={() => void detail.refetch()} />
    </>
  );
}
