import { Link } from 'react-router-dom';
import { H5Page } from '../../../../../h5/H5Page';

/** 提交成功: thanks, and where the results will be published. */
export default function SurveyDonePage() {
  return (
    <H5Page title="提交成功" backTo="/h5/surveys">
      <section className="h5-card" role="status">
        <h2>感谢您的参与！</h2>
        <p>您的答卷已收到。调查结束后，结果摘要将在公开栏公布。</p>
      </section>
      <p>
        <Link to="/h5/surveys">查看其他问卷和调查结果</Link>
      </p>
      <p>
        <Link to="/">返回首页</Link>
      </p>
    </H5Page>
  );
}
