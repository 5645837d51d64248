import { Button, Toast } from 'antd-mobile';
import { useLocation, useNavigate } from 'react-router-dom';
import { H5Page } from '../../../../h5/H5Page';
import { copyText } from '../../../../shared/clipboard';
import { formatDateTime } from '../../../../shared/format';
import type { SubmitAppealResult } from '../../types';
import { readLastSubmission } from './lastSubmission';

function isResult(value: unknown): value is SubmitAppealResult {
  return typeof value === 'object' && value !== null && 'trackingNo' in value && 'queryCode' in value;
}

async function copy(text: string, what: string) {
  const ok = await copyText(text);
  Toast.show({ content: ok ? `${what}已复制` : '复制失败，请长按文字手动复制' });
}

export default function SubmitResultPage() {
  const navigate = useNavigate();
  const { state } = useLocation();
  const result = isResult(state) ? state : readLastSubmission();

  if (!result) {
    return (
      <H5Page title="提交结果">
        <p className="h5-hint">没有找到提交记录。如果您已经提交过，请凭受理编号和查询码查询进度。</p>
        <div className="h5-buttons">
          <Button block color="primary" size="large" onClick={() => void navigate('/h5/track')}>
            查询进度
          </Button>
        </div>
      </H5Page>
    );
  }

  return (
    <H5Page title="提交成功">
      <section className="h5-section" aria-labelledby="result-title">
        <h2 id="result-title">您的诉求已提交</h2>
        <div className="h5-section-body">
          <p style={{ marginTop: 0 }}>提交时间：{formatDateTime(result.receivedAt)}。我们会尽快安排办理。</p>
          <div className="h5-codes">
            <div className="h5-code">
              <span className="h5-code-label">受理编号</span>
              <strong className="h5-code-value" data-testid="tracking-no">
                {result.trackingNo}
              </strong>
              <Button
                size="small"
                fill="outline"
                color="primary"
                onClick={() => void copy(result.trackingNo, '受理编号')}
                aria-label="复制受理编号"
              >
                复制
              </Button>
            </div>
            <div className="h5-code">
              <span className="h5-code-label">查询码</span>
              <strong className="h5-code-value" data-testid="query-code">
                {result.queryCode}
              </strong>
              <Button
                size="small"
                fill="outline"
                color="primary"
                onClick={() => void copy(result.queryCode, '查询码')}
                aria-label="复制查询码"
              >
                复制
              </Button>
            </div>
          </div>
          <p className="h5-notice" style={{ marginTop: 12, marginBottom: 0 }} role="note">
            请截图或抄下<strong>受理编号</strong>和<strong>查询码</strong>
            并妥善保存。查询办理进度、评价办理结果都要用到它们，关闭本页后将无法再次查看查询码。
          </p>
        </div>
      </section>
      <div className="h5-buttons">
        <Button
          block
          color="primary"
          size="large"
          onClick={() => void copy(`受理编号：${result.trackingNo}\n查询码：${result.queryCode}`, '受理编号和查询码')}
          data-testid="copy-both"
        >
          一键复制编号和查询码
        </Button>
        <Button
          block
          size="large"
          onClick={() => void navigate('/h5/track', { state: { trackingNo: result.trackingNo, queryCode: result.queryCode } })}
        >
          查看办理进度
        </Button>
        <Button block size="large" fill="none" onClick={() => void navigate('/')}>
          返回首页
        </Button>
      </div>
    </H5Page>
  );
}
