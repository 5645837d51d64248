import { useEffect, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';

interface H5PageProps {
  title: string;
  /** Where the back button leads when there is no history (a shared link opened directly). */
  backTo?: string;
  children: ReactNode;
}

/** One phone page: a header with a back button and the page's only h1, then the main landmark. */
export function H5Page({ title, backTo = '/', children }: H5PageProps) {
  const navigate = useNavigate();
  useEffect(() => {
    document.title = `${title} - 连心`;
  }, [title]);
  const goBack = () => {
    if (window.history.state && typeof window.history.state.idx === 'number' && window.history.state.idx > 0) {
      void navigate(-1);
    } else {
      void navigate(backTo);
    }
  };
  return (
    <div className="h5-page">
      <header className="h5-header">
        <button type="button" className="h5-back" onClick={goBack} aria-label="返回上一页">
          ‹ 返回
        </button>
        <h1>{title}</h1>
        <span className="h5-header-spacer" aria-hidden="true" />
      </header>
      <main className="h5-main">{children}</main>
    </div>
  );
}
