import { formatDate } from '../../../shared/format';
import { usePublicResponses } from '../queries';

/** 回应关切: what the organisation found and did about what many people wrote, as its workers published it. */
export function PublicResponses() {
  const responses = usePublicResponses();
  const items = responses.data?.items ?? [];
  if (items.length === 0) {
    return null;
  }
  return (
    <section aria-labelledby="public-responses-title" className="h5-section" data-testid="public-responses">
      <h2 id="public-responses-title">回应关切</h2>
      <div className="h5-section-body">
        {items.map((item) => (
          <article key={item.id} className="h5-card">
            <div className="h5-card-meta">
              <span>关于“{item.term}”</span>
              <span>
                {item.orgName} · {formatDate(item.publishedAt)}
              </span>
            </div>
            <p className="h5-content">{item.text}</p>
          </article>
        ))}
      </div>
    </section>
  );
}
