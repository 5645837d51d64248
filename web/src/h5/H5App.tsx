import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { HomePage } from './HomePage';
import { H5Page } from './H5Page';
import './h5.css';
import './reactCompat';

// Each page is its own chunk: a resident who only opens the home page downloads almost nothing more.
const SubmitPage = lazy(() => import('../features/appeals/components/h5/SubmitPage'));
const SubmitResultPage = lazy(() => import('../features/appeals/components/h5/SubmitResultPage'));
const TrackPage = lazy(() => import('../features/appeals/components/h5/TrackPage'));
const BoardPage = lazy(() => import('../features/appeals/components/h5/BoardPage'));
const MyAppealsPage = lazy(() => import('../features/appeals/components/h5/MyAppealsPage'));
const MyElectionsPage = lazy(() => import('../features/consult/elections/components/h5/MyElectionsPage'));
const MyAppraisalsPage = lazy(() => import('../features/consult/appraisal/components/h5/MyAppraisalsPage'));
const AppraisalPage = lazy(() => import('../features/consult/appraisal/components/h5/AppraisalPage'));
const ElectionPage = lazy(() => import('../features/consult/elections/components/h5/ElectionPage'));

const HearingListPage = lazy(() => import('../features/consult/hearings/components/h5/HearingListPage'));
const HearingPage = lazy(() => import('../features/consult/hearings/components/h5/HearingPage'));
const HearingOutcomePage = lazy(() => import('../features/consult/hearings/components/h5/OutcomePage'));

const MySurveysPage = lazy(() => import('../features/consult/surveys/components/h5/MySurveysPage'));
const SurveyPage = lazy(() => import('../features/consult/surveys/components/h5/SurveyPage'));
const SurveyDonePage = lazy(() => import('../features/consult/surveys/components/h5/SurveyDonePage'));
const SurveyResultsPage = lazy(() => import('../features/consult/surveys/components/h5/SurveyResultsPage'));

function NotFound() {
  return (
    <H5Page title="页面不存在">
      <p className="h5-hint">您要找的页面不存在。</p>
      <a href="/">返回首页</a>
    </H5Page>
  );
}

export default function H5App() {
  return (
    <Suspense
      fallback={
        <div className="app-loading" role="status">
          正在加载…
        </div>
      }
    >
      <Routes>
        <Route index element={<HomePage />} />
        <Route path="h5" element={<HomePage />} />
        <Route path="h5/submit" element={<SubmitPage />} />
        <Route path="h5/submit/done" element={<SubmitResultPage />} />
        <Route path="h5/track" element={<TrackPage />} />
        <Route path="h5/board" element={<BoardPage />} />
        <Route path="h5/my" element={<MyAppealsPage />} />
        <Route path="h5/elections" element={<MyElectionsPage />} />
        <Route path="h5/elections/:id" element={<ElectionPage />} />
        <Route path="h5/appraisals" element={<MyAppraisalsPage />} />
        <Route path="h5/appraisals/:id" element={<AppraisalPage />} />
        <Route path="h5/hearings" element={<HearingListPage />} />
        <Route path="h5/hearings/:id" element={<HearingPage />} />
        <Route path="h5/hearings/:id/outcome" element={<HearingOutcomePage />} />
        <Route path="h5/surveys" element={<MySurveysPage />} />
        <Route path="h5/surveys/:id" element={<SurveyPage />} />
        <Route path="h5/surveys/:id/done" element={<SurveyDonePage />} />
        <Route path="h5/survey-results/:id" element={<SurveyResultsPage />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Suspense>
  );
}
