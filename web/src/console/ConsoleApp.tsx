import { App as AntApp, ConfigProvider, Result, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, Suspense, type ReactNode } from 'react';
import { Link, Navigate, Route, Routes } from 'react-router-dom';
import ChangePasswordPage from '../features/auth/components/ChangePasswordPage';
import LoginPage from '../features/auth/components/LoginPage';
import { useMe } from '../features/auth/queries';
import { ConsoleLayout } from './ConsoleLayout';
import { homePath } from './nav';
import { RequireAuth } from './RequireAuth';
import { consoleTheme } from './theme';
import './console.css';

dayjs.locale('zh-cn');

const InboxPage = lazy(() => import('../features/appeals/components/console/InboxPage'));
const AppealDetailPage = lazy(() => import('../features/appeals/components/console/AppealDetailPage'));
const ConsoleBoardPage = lazy(() => import('../features/appeals/components/console/ConsoleBoardPage'));
// ECharts lives only in the dashboard's chunk.
const DashboardPage = lazy(() => import('../features/dashboard/components/DashboardPage'));
const OpinionPage = lazy(() => import('../features/opinion/components/OpinionPage'));
const UsersPage = lazy(() => import('../features/admin/components/UsersPage'));
const RolesPage = lazy(() => import('../features/admin/components/RolesPage'));
const RollCorrectionsPage = lazy(() => import('../features/consult/elections/components/RollCorrectionsPage'));
const AuditPage = lazy(() => import('../features/admin/components/AuditPage'));
const TextSettingsPage = lazy(() => import('../features/admin/components/TextSettingsPage'));
const SearchResultsPage = lazy(() => import('../features/search/components/SearchResultsPage'));
const ArticleListPage = lazy(() => import('../features/articles/components/ArticleListPage'));
const ArticleDetailPage = lazy(() => import('../features/articles/components/ArticleDetailPage'));
const ArticleImportPage = lazy(() => import('../features/articles/components/ArticleImportPage'));
const AppraisalListPage = lazy(() => import('../features/consult/appraisal/components/AppraisalListPage'));
const AppraisalDetailPage = lazy(() => import('../features/consult/appraisal/components/AppraisalDetailPage'));
const ElectionListPage = lazy(() => import('../features/consult/elections/components/ElectionListPage'));
const ElectionDetailPage = lazy(() => import('../features/consult/elections/components/ElectionDetailPage'));
const ElectionCreatePage = lazy(() =>
  import('../features/consult/elections/components/ElectionFormPage').then((module) => ({ default: module.ElectionCreatePage })),
);
const ElectionEditPage = lazy(() =>
  import('../features/consult/elections/components/ElectionFormPage').then((module) => ({ default: module.ElectionEditPage })),
);

const HearingListPage = lazy(() => import('../features/consult/hearings/components/console/HearingListPage'));
const HearingDetailPage = lazy(() => import('../features/consult/hearings/components/console/HearingDetailPage'));
const HearingCheckInPage = lazy(() => import('../features/consult/hearings/components/console/CheckInPage'));
const HearingCreatePage = lazy(() =>
  import('../features/consult/hearings/components/console/HearingFormPage').then((module) => ({ default: module.HearingCreatePage })),
);
const HearingEditPage = lazy(() =>
  import('../features/consult/hearings/components/console/HearingFormPage').then((module) => ({ default: module.HearingEditPage })),
);

const SurveyListPage = lazy(() => import('../features/consult/surveys/components/SurveyListPage'));
const SurveyDetailPage = lazy(() => import('../features/consult/surveys/components/SurveyDetailPage'));
const SurveyCreatePage = lazy(() =>
  import('../features/consult/surveys/components/SurveyEditorPage').then((module) => ({ default: module.SurveyCreatePage })),
);
const SurveyEditPage = lazy(() =>
  import('../features/consult/surveys/components/SurveyEditorPage').then((module) => ({ default: module.SurveyEditPage })),
);

function Page({ children }: { children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <div className="app-loading" role="status">
          <Spin /> 正在加载…
        </div>
      }
    >
      {children}
    </Suspense>
  );
}

function Home() {
  const me = useMe().data!;
  return <Navigate to={homePath(me)} replace />;
}

function NotFound() {
  return <Result status="404" title="页面不存在" extra={<Link to="/console">返回工作台</Link>} />;
}

export default function ConsoleApp() {
  return (
    <ConfigProvider locale={zhCN} theme={consoleTheme}>
      <AntApp>
        <Routes>
          <Route path="login" element={<LoginPage />} />
          <Route path="password" element={<ChangePasswordPage />} />
          <Route
            element={
              <RequireAuth>
                <ConsoleLayout />
              </RequireAuth>
            }
          >
            <Route index element={<Home />} />
            <Route
              path="inbox"
              element={
                <Page>
                  <InboxPage mode="intake" />
                </Page>
              }
            />
            <Route
              path="todo"
              element={
                <Page>
                  <InboxPage mode="unit" />
                </Page>
              }
            />
            <Route
              path="search"
              element={
                <Page>
                  <SearchResultsPage />
                </Page>
              }
            />
            <Route
              path="opinion"
              element={
                <Page>
                  <OpinionPage />
                </Page>
              }
            />
            <Route
              path="appeals/:id"
              element={
                <Page>
                  <AppealDetailPage />
                </Page>
              }
            />
            <Route
              path="dashboard"
              element={
                <Page>
                  <DashboardPage />
                </Page>
              }
            />
            <Route
              path="board"
              element={
                <Page>
                  <ConsoleBoardPage />
                </Page>
              }
            />
            <Route
              path="admin/users"
              element={
                <Page>
                  <UsersPage />
                </Page>
              }
            />
            <Route
              path="admin/roles"
              element={
                <Page>
                  <RolesPage />
                </Page>
              }
            />
            <Route
              path="admin/rolls"
              element={
                <Page>
                  <RollCorrectionsPage />
                </Page>
              }
            />
            <Route
              path="admin/text"
              element={
                <Page>
                  <TextSettingsPage />
                </Page>
              }
            />
            <Route
              path="admin/audit"
              element={
                <Page>
                  <AuditPage />
                </Page>
              }
            />
            <Route
              path="articles"
              element={
                <Page>
                  <ArticleListPage />
                </Page>
              }
            />
            <Route
              path="articles/:id"
              element={
                <Page>
                  <ArticleDetailPage />
                </Page>
              }
            />
            <Route
              path="article-import"
              element={
                <Page>
                  <ArticleImportPage />
                </Page>
              }
            />
            <Route
              path="elections"
              element={
                <Page>
                  <ElectionListPage />
                </Page>
              }
            />
            <Route
              path="elections/new"
              element={
                <Page>
                  <ElectionCreatePage />
                </Page>
              }
            />
            <Route
              path="elections/:id"
              element={
                <Page>
                  <ElectionDetailPage />
                </Page>
              }
            />
            <Route
              path="elections/:id/edit"
              element={
                <Page>
                  <ElectionEditPage />
                </Page>
              }
            />
            <Route
              path="hearings"
              element={
                <Page>
                  <HearingListPage />
                </Page>
              }
            />
            <Route
              path="hearings/new"
              element={
                <Page>
                  <HearingCreatePage />
                </Page>
              }
            />
            <Route
              path="hearings/:id"
              element={
                <Page>
                  <HearingDetailPage />
                </Page>
              }
            />
            <Route
              path="hearings/:id/edit"
              element={
                <Page>
                  <HearingEditPage />
                </Page>
              }
            />
            <Route
              path="hearings/:id/check-in"
              element={
                <Page>
                  <HearingCheckInPage />
                </Page>
              }
            />
            <Route
              path="surveys"
              element={
                <Page>
                  <SurveyListPage />
                </Page>
              }
            />
            <Route
              path="surveys/new"
              element={
                <Page>
                  <SurveyCreatePage />
                </Page>
              }
            />
            <Route
              path="surveys/:id"
              element={
                <Page>
                  <SurveyDetailPage />
                </Page>
              }
            />
            <Route
              path="surveys/:id/edit"
              element={
                <Page>
                  <SurveyEditPage />
                </Page>
              }
            />
            <Route
              path="appraisals"
              element={
                <Page>
                  <AppraisalListPage />
                </Page>
              }
            />
            <Route
              path="appraisals/:id"
              element={
                <Page>
                  <AppraisalDetailPage />
                </Page>
              }
            />
            <Route path="*" element={<NotFound />} />
          </Route>
        </Routes>
      </AntApp>
    </ConfigProvider>
  );
}
