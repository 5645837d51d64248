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
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Suspense>
  );
}
