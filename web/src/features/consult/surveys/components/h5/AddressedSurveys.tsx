import { Link } from 'react-router-dom';
import { useMySurveys } from '../../queries';

/** On the H5 home: the open surveys addressed to the signed-in person; nothing for visitors without an account. */
export function AddressedSurveys() {
  const mine = useMySurveys();
  const open = (mine.data?.items ?? []).filter((survey) => survey.acceptingAnswers);
  if (open.length === 0) {
    return null;
  }
  return (
    <section className="h5-section" aria-labelledby="home-surveys">
      <h2 id="home-surveys">请您填写的问卷</h2>
      {open.map((survey) => (
        <article className="h5-card" key={survey.id}>
          <h3>
            <Link to={`/h5/surveys/${survey.id}`}>{survey.title}</Link>
          </h3>
          <div className="h5-card-meta">
            <span>{survey.orgName}</span>
            {survey.closesAt ? <span>截止 {survey.closesAt.slice(0, 10)}</span> : null}
          </div>
        </article>
      ))}
    </section>
  );
}
