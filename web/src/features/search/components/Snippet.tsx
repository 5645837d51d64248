import type { SnippetPart } from '../../appeals/types';

/** The passage around the first hit, with every hit in <mark> (the server sends plain parts, never HTML). */
export function Snippet({ parts, fallback }: { parts: SnippetPart[]; fallback?: string }) {
  if (parts.length === 0) {
    return <span className="search-snippet">{fallback ?? ''}</span>;
  }
  return (
    <span className="search-snippet">
      {parts.map((part, index) => (part.hit ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>))}
    </span>
  );
}
