import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, StrictMode, Suspense, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes, useNavigate } from 'react-router-dom';
import { loginPath, retryTransient, setAuthHandlers } from './shared/http';
import './shared/base.css';

// Two separate worlds: residents' phones load only the H5 chunks (antd-mobile), workers' desktops
// the console (antd, ECharts). Neither pays for the other.
const H5App = lazy(() => import('./h5/H5App'));
const ConsoleApp = lazy(() => import('./console/ConsoleApp'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: retryTransient, refetchOnWindowFocus: false, staleTime: 30_000 },
    mutations: { retry: false },
  },
});

/** Sends 401 to the console login (coming back afterwards) and PASSWORD_CHANGE_REQUIRED to the change-password page. */
function AuthRedirects() {
  const navigate = useNavigate();
  useEffect(() => {
    setAuthHandlers({
      unauthenticated: () => {
        if (!window.location.pathname.startsWith('/console/login')) {
          queryClient.clear();
          void navigate(loginPath(), { replace: true });
        }
      },
      passwordChangeRequired: () => {
        if (!window.location.pathname.startsWith('/console/password')) {
          void navigate('/console/password', { replace: true });
        }
      },
    });
  }, [navigate]);
  return null;
}

function Loading() {
  return (
    <div className="app-loading" role="status">
      正在加载…
    </div>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <AuthRedirects />
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route path="/console/*" element={<ConsoleApp />} />
            <Route path="/*" element={<H5App />} />
          </Routes>
        </Suspense>
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
