import { useEffect, type ReactNode } from 'react';

/** The page's one h1, with actions at the right; also sets the document title. */
export function PageTitle({ title, extra, children }: { title: string; extra?: ReactNode; children?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} - 连心工作台`;
  }, [title]);
  return (
    <div className="console-page-title">
      <h1>
        {title}
        {children}
      </h1>
      {extra ? <div className="console-page-actions">{extra}</div> : null}
    </div>
  );
}
