import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { AddressedSurveys } from '../features/consult/surveys/components/h5/AddressedSurveys';

const ENTRIES = [
  { to: '/h5/track', title: '查询进度', hint: '凭受理编号和查询码' },
  { to: '/h5/board', title: '公开栏', hint: '看看大家反映的事' },
  { to: '/h5/my', title: '我的诉求', hint: '登录后查看' },
  { to: '/h5/elections', title: '评选投票', hint: '提名、投票、核验选票' },
  { to: '/h5/appraisals', title: '民主评议', hint: '党员自评与民主测评' },
  { to: '/h5/hearings', title: '听证议事', hint: '报名参加听证会、议事会' },
  { to: '/h5/surveys', title: '问卷调查', hint: '填写问卷、查看调查结果' },
];

/** The landing page for residents; kept free of UI libraries so the first load on a phone is tiny. */
export function HomePage() {
  useEffect(() => {
    document.title = '连心 - 群众诉求 接诉即办';
  }, []);
  return (
    <div className="h5-page">
      <header className="h5-hero">
        <h1>连心</h1>
        <p>有事您说话，我们马上办</p>
      </header>
      <main>
        <nav className="h5-entries" aria-label="办事入口">
          <Link className="h5-entry h5-entry-primary" to="/h5/submit" data-testid="home-submit">
            <strong>我要反映</strong>
            <span>咨询、求助、投诉、建议，都可以在这里说</span>
          </Link>
          {ENTRIES.map((entry) => (
            <Link key={entry.to} className="h5-entry" to={entry.to}>
              <strong>{entry.title}</strong>
              <span>{entry.hint}</span>
            </Link>
          ))}
        </nav>
        <div className="h5-main">
          <AddressedSurveys />
          <p className="h5-notice">遇到火灾、治安、急救等紧急情况，请直接拨打 110、119、120。</p>
        </div>
        <p className="h5-footer-links">
          <Link to="/console/login">工作人员登录</Link>
        </p>
      </main>
    </div>
  );
}
