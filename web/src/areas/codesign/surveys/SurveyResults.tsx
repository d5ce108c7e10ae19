import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, apiUrl } from '../../../app/api.ts';
import { QueryView } from '../../../app/ui.tsx';
import type { QuestionResults, Results } from './types.ts';
import { surveyKeys } from './types.ts';

/**
 * A survey's results: per question a bar chart whose numbers are written out (the bars only repeat
 * them), the same numbers as a table, the scale's average, the free-text answers without names, and
 * — named surveys only — the breakdown by groups, where a cell of fewer than five people says so
 * instead of a number. Facilitators download the same as CSV.
 */
export function SurveyResults({ toolId, facilitate }: { toolId: string; facilitate: boolean }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: surveyKeys.results(toolId),
    queryFn: () => api<Results>(`/codesign/surveys/${toolId}/results`),
  });
  return (
    <QueryView query={query}>
      {(r) => (
        <div className="survey-results">
          <p>
            {t('codesignSurveys.results.total', { count: r.responses })}
            {r.anonymous && ` ${t('codesignSurveys.results.anonymous')}`}
          </p>
          {r.pending > 0 && (
            <p className="hint">{t('codesignSurveys.results.pending', { count: r.pending })}</p>
          )}
          {facilitate && (
            <p>
              <a
                className="button secondary"
                href={apiUrl(`/codesign/surveys/${toolId}/results.csv`)}
                download
              >
                {t('codesignSurveys.results.csv')}
              </a>
            </p>
          )}
          {r.responses === 0 && r.pending === 0 ? (
            <p className="state state-empty">{t('codesignSurveys.results.none')}</p>
          ) : r.tooFew ? (
            <p className="state state-empty">
              {t('codesignSurveys.results.tooFew', { count: r.minResponses })}
            </p>
          ) : (
            r.questions.map((q, i) => <QuestionResult key={q.id} q={q} n={i + 1} minTexts={r.minTexts} />)
          )}
        </div>
      )}
    </QueryView>
  );
}

function QuestionResult({ q, n, minTexts }: { q: QuestionResults; n: number; minTexts: number }) {
  const { t } = useTranslation();
  const label = (o: { label: string }, i: number) =>
    q.kind === 'scale'
      ? i === 0
        ? `1 – ${q.lowLabel ?? ''}`
        : i === 4
          ? `5 – ${q.highLabel ?? ''}`
          : o.label
      : q.kind === 'date'
        ? new Date(`${o.label}T12:00:00`).toLocaleDateString(undefined, { dateStyle: 'medium' })
        : o.label;
  const headingId = `result-${q.id}`;
  return (
    <section className="card survey-result" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <span className="survey-step">{t('codesignSurveys.questionNumber', { n })}</span> {q.prompt}
      </h3>
      <p className="hint">{t('codesignSurveys.results.answered', { count: q.answered })}</p>
      {q.kind !== 'text' && q.options.length > 0 && (
        <>
          <ul className="survey-bars">
            {q.options.map((o, i) => (
              <li key={o.label}>
                <span className="survey-bar-label">{label(o, i)}</span>
                <span className="survey-bar" aria-hidden="true">
                  <span style={{ width: `${Math.min(100, o.percent)}%` }} />
                </span>
                <span className="survey-bar-value">
                  {t('codesignSurveys.results.countShare', {
                    count: o.count,
                    percent: o.percent.toLocaleString(),
                  })}
                </span>
              </li>
            ))}
          </ul>
          <details className="survey-table">
            <summary>{t('codesignSurveys.results.asTable')}</summary>
            <div className="table-wrap">
              <table>
                <caption>{q.prompt}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('codesignSurveys.results.answer')}</th>
                    <th scope="col">{t('codesignSurveys.results.count')}</th>
                    <th scope="col">{t('codesignSurveys.results.share')}</th>
                  </tr>
                </thead>
                <tbody>
                  {q.options.map((o, i) => (
                    <tr key={o.label}>
                      <th scope="row">{label(o, i)}</th>
                      <td>{o.count}</td>
                      <td>{o.percent.toLocaleString()} %</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
      {q.average !== null && (
        <p>
          <strong>{t('codesignSurveys.results.average', { value: q.average.toLocaleString() })}</strong>
        </p>
      )}
      {q.kind === 'text' &&
        (q.texts ? (
          <ul className="survey-texts">
            {q.texts.map((text, i) => (
              // shuffled, without names: the place in the list is all there is to tell them apart
              // biome-ignore lint/suspicious/noArrayIndexKey: answers have no id of their own, on purpose
              <li key={i}>{text}</li>
            ))}
          </ul>
        ) : (
          q.answered > 0 && (
            <p className="hint">{t('codesignSurveys.results.textsLater', { count: minTexts })}</p>
          )
        ))}
      {q.breakdown && <Breakdown q={q} label={label} />}
    </section>
  );
}

function Breakdown({ q, label }: { q: QuestionResults; label: (o: { label: string }, i: number) => string }) {
  const { t } = useTranslation();
  const groupName = (dimension: string, key: string | null, l: string | null) => {
    if (key === null) return t('codesignSurveys.results.notGiven');
    if (dimension === 'district') return l ?? key;
    return t(`codesignSurveys.groups.${dimension}.${key}`, { defaultValue: key });
  };
  return (
    <details className="survey-table">
      <summary>{t('codesignSurveys.results.byGroup')}</summary>
      <p className="hint">{t('codesignSurveys.results.smallCells')}</p>
      {(q.breakdown ?? []).map((b) => (
        <div className="table-wrap" key={b.dimension}>
          <table>
            <caption>
              {q.prompt} – {t(`codesignSurveys.dimensions.${b.dimension}`)}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t(`codesignSurveys.dimensions.${b.dimension}`)}</th>
                <th scope="col">{t('codesignSurveys.results.people')}</th>
                {q.options.map((o, i) => (
                  <th scope="col" key={o.label}>
                    {label(o, i)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {b.groups.map((g) => (
                <tr key={g.key ?? '-'}>
                  <th scope="row">{groupName(b.dimension, g.key, g.label)}</th>
                  <td>{g.people ?? t('codesignSurveys.results.fewer')}</td>
                  {g.counts.map((c, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: one cell per option, in the options' order
                    <td key={i}>{c ?? t('codesignSurveys.results.fewer')}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </details>
  );
}
