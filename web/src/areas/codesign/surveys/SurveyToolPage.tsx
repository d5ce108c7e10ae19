import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError, api } from '../../../app/api.ts';
import { FormError, SubmitButton, useAction } from '../../../app/forms.tsx';
import { useSession } from '../../../app/session.tsx';
import { PageHeading, QueryView } from '../../../app/ui.tsx';
import { OnBehalfField } from '../offline/OnBehalfField.tsx';
import type { OnBehalf, ToolPageProps } from '../tools.tsx';
import { SurveyBuilder } from './SurveyBuilder.tsx';
import { SurveyResults } from './SurveyResults.tsx';
import type { Answer, Question, Survey } from './types.ts';
import { surveyKeys } from './types.ts';
import './surveys.css';

/**
 * The page of a survey (tool kind 'survey'), under the project's header: for participants the
 * questions, one section each, with the progress and — when anonymous — the promise that nobody sees
 * what they ticked; for facilitators the builder (while nobody has answered) and the entry of a paper
 * questionnaire for a person who consented; the results for whoever may see them.
 */
export default function SurveyToolPage({ toolId }: ToolPageProps) {
  const query = useQuery({
    queryKey: surveyKeys.survey(toolId),
    queryFn: () => api<Survey>(`/codesign/surveys/${toolId}`),
  });
  // under the tool page's header, which names the survey and says what it is for
  return (
    <QueryView query={query}>
      {(survey) => <SurveyPage survey={survey} heading={false} describe={false} />}
    </QueryView>
  );
}

/**
 * /mitgestalten/umfragen/:toolId — the survey on a page of its own (the short link to hand out or
 * print), with a way to its project.
 */
export function SurveyDirectPage() {
  const { t } = useTranslation();
  const { toolId = '' } = useParams();
  const query = useQuery({
    queryKey: surveyKeys.survey(toolId),
    queryFn: () => api<Survey>(`/codesign/surveys/${toolId}`),
  });
  return (
    <QueryView query={query}>
      {(survey) => (
        <>
          <PageHeading title={survey.tool.title}>
            <p>
              {t('codesignSurveys.partOf')}{' '}
              <Link to={`/mitgestalten/projekte/${survey.tool.project.id}`}>{survey.tool.project.title}</Link>
            </p>
          </PageHeading>
          <SurveyPage survey={survey} heading={false} />
        </>
      )}
    </QueryView>
  );
}

function SurveyPage({
  survey,
  heading = true,
  describe = true,
}: {
  survey: Survey;
  heading?: boolean;
  describe?: boolean;
}) {
  const { t } = useTranslation();
  const { tool } = survey;
  const facilitate = tool.may.facilitate;
  const [tab, setTab] = useState<'answer' | 'build' | 'results'>(
    facilitate && survey.questions.length === 0 ? 'build' : 'answer',
  );
  const status = tool.open
    ? t('codesignSurveys.statusOpen')
    : tool.closesAt && new Date(tool.closesAt) <= new Date()
      ? t('codesignSurveys.statusClosed')
      : t('codesignSurveys.statusNotOpen');

  return (
    <section className="survey" aria-labelledby={heading ? 'survey-title' : 'page-title'}>
      {heading && <h2 id="survey-title">{tool.title}</h2>}
      {describe && tool.description && <p className="lead">{tool.description}</p>}
      <p className="survey-meta">
        <span>{status}</span>
        {tool.closesAt && (
          <span>
            {t('codesignSurveys.closesAt', {
              date: new Date(tool.closesAt).toLocaleString(undefined, {
                dateStyle: 'medium',
                timeStyle: 'short',
              }),
            })}
          </span>
        )}
        <span>{t('codesignSurveys.responses', { count: survey.responses })}</span>
      </p>
      {survey.anonymous ? (
        <p className="survey-privacy">
          <span aria-hidden="true">🔒 </span>
          {t('codesignSurveys.anonymousNote')}
        </p>
      ) : (
        <p className="survey-privacy named">{t('codesignSurveys.namedNote')}</p>
      )}

      {(facilitate || survey.resultsVisible) && (
        <fieldset className="survey-tabs">
          <legend className="visually-hidden">{t('codesignSurveys.views')}</legend>
          <button
            type="button"
            className="button secondary"
            aria-pressed={tab === 'answer'}
            onClick={() => setTab('answer')}
          >
            {t('codesignSurveys.tabAnswer')}
          </button>
          {facilitate && (
            <button
              type="button"
              className="button secondary"
              aria-pressed={tab === 'build'}
              onClick={() => setTab('build')}
            >
              {t('codesignSurveys.tabBuild')}
            </button>
          )}
          {survey.resultsVisible && (
            <button
              type="button"
              className="button secondary"
              aria-pressed={tab === 'results'}
              onClick={() => setTab('results')}
            >
              {t('codesignSurveys.tabResults')}
            </button>
          )}
        </fieldset>
      )}

      {tab === 'build' && facilitate && <SurveyBuilder survey={survey} />}
      {tab === 'results' && survey.resultsVisible && (
        <SurveyResults toolId={tool.id} facilitate={facilitate} />
      )}
      {tab === 'answer' && <AnswerSection survey={survey} />}
    </section>
  );
}

function AnswerSection({ survey }: { survey: Survey }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const location = useLocation();
  const { tool } = survey;
  const [again, setAgain] = useState(false);
  if (survey.questions.length === 0)
    return <p className="state state-empty">{t('codesignSurveys.noQuestions')}</p>;
  if (!tool.open)
    return (
      <p className="state state-empty">
        {tool.closesAt && new Date(tool.closesAt) <= new Date()
          ? t('codesignSurveys.closedText')
          : t('codesignSurveys.notOpenText')}
      </p>
    );
  const own = survey.answered && !again;
  if (own)
    return (
      <div className="survey-thanks card" role="status">
        <p>
          <strong>{t('codesignSurveys.thanks')}</strong> {t('codesignSurveys.answeredOnce')}
        </p>
        {tool.may.facilitate && (
          <button type="button" className="button secondary" onClick={() => setAgain(true)}>
            {t('codesignSurveys.enterPaper')}
          </button>
        )}
      </div>
    );
  if (!tool.may.participate && !tool.may.facilitate)
    return session.account ? (
      <p className="state state-empty">{t('codesignSurveys.mayNotAnswer')}</p>
    ) : (
      <p className="notice">
        <Link to={`/anmelden?weiter=${encodeURIComponent(location.pathname)}`}>
          {t('codesignSurveys.signIn')}
        </Link>
      </p>
    );
  return <AnswerForm survey={survey} forOthersOnly={survey.answered || !tool.may.participate} />;
}

type Values = Record<string, { choices?: number[]; scale?: number; text?: string; date?: string }>;

function isAnswered(q: Question, v: Values[string] | undefined) {
  if (!v) return false;
  if (q.kind === 'single' || q.kind === 'multiple') return (v.choices?.length ?? 0) > 0;
  if (q.kind === 'scale') return v.scale !== undefined;
  if (q.kind === 'text') return Boolean(v.text?.trim());
  return Boolean(v.date);
}

function AnswerForm({ survey, forOthersOnly }: { survey: Survey; forOthersOnly: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { tool, questions } = survey;
  const [values, setValues] = useState<Values>({});
  const [onBehalf, setOnBehalf] = useState<OnBehalf | null>(null);
  const { run, pending, error } = useAction({ done: t('codesignSurveys.sent') });
  const done = questions.filter((q) => isAnswered(q, values[q.id])).length;
  const set = (id: string, v: Values[string]) => setValues((old) => ({ ...old, [id]: v }));

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    // every question in its order, unanswered ones empty: the server names a field by its place
    const answers: Answer[] = questions.map((q) => {
      const v = values[q.id];
      if (!isAnswered(q, v)) return { questionId: q.id };
      if (q.kind === 'single' || q.kind === 'multiple')
        return { questionId: q.id, choices: v?.choices ?? [] };
      if (q.kind === 'scale') return { questionId: q.id, scale: v?.scale ?? 3 };
      if (q.kind === 'text') return { questionId: q.id, text: v?.text?.trim() ?? '' };
      return { questionId: q.id, date: v?.date ?? '' };
    });
    const ok = await run(
      () =>
        api<Survey>(`/codesign/surveys/${tool.id}/responses`, {
          method: 'POST',
          body: { answers, ...(onBehalf ? { onBehalf } : {}) },
        }),
      form,
    );
    if (ok) {
      setValues({});
      setOnBehalf(null);
      await qc.invalidateQueries({ queryKey: surveyKeys.survey(tool.id) });
    }
  }

  return (
    <form className="survey-form" onSubmit={submit} noValidate>
      <FormError error={error} fields={['answers']} />
      {tool.may.facilitate && (
        <div className="survey-on-behalf">
          <OnBehalfField projectId={tool.project.id} value={onBehalf} onChange={setOnBehalf} />
          {forOthersOnly && !onBehalf && <p className="hint">{t('codesignSurveys.pickPerson')}</p>}
        </div>
      )}
      <div className="survey-progress">
        <label htmlFor={`progress-${tool.id}`}>
          {t('codesignSurveys.progress', { done, count: questions.length })}
        </label>
        <progress id={`progress-${tool.id}`} max={questions.length} value={done} />
      </div>
      <ol className="survey-questions">
        {questions.map((q, i) => (
          <li key={q.id}>
            <QuestionField
              question={q}
              index={i}
              total={questions.length}
              value={values[q.id]}
              onChange={(v) => set(q.id, v)}
              error={error}
            />
          </li>
        ))}
      </ol>
      <p className="hint">
        {survey.anonymous ? t('codesignSurveys.anonymousNote') : t('codesignSurveys.namedNote')}
      </p>
      <SubmitButton pending={pending}>{t('codesignSurveys.send')}</SubmitButton>
    </form>
  );
}

function QuestionField({
  question: q,
  index,
  total,
  value,
  onChange,
  error,
}: {
  question: Question;
  index: number;
  total: number;
  value: Values[string] | undefined;
  onChange: (v: Values[string]) => void;
  error: unknown;
}) {
  const { t } = useTranslation();
  const id = useId();
  const message = error instanceof ApiError ? error.field(`answers/${index}`) : undefined;
  const describedBy =
    [q.help && `${id}-help`, message && `${id}-error`].filter(Boolean).join(' ') || undefined;
  const legend = (
    <legend>
      <span className="survey-step">{t('codesignSurveys.questionOf', { n: index + 1, count: total })}</span>
      <span className="survey-prompt">{q.prompt}</span>
      <span className="survey-req">
        {q.required ? t('codesignSurveys.required') : t('codesignSurveys.optional')}
      </span>
    </legend>
  );
  const help = q.help ? (
    <p id={`${id}-help`} className="hint">
      {q.help}
    </p>
  ) : null;
  const err = message ? (
    <p id={`${id}-error`} className="field-error">
      <span aria-hidden="true">⚠ </span>
      {message}
    </p>
  ) : null;
  const invalid = message ? true : undefined;

  if (q.kind === 'single' || q.kind === 'multiple' || q.kind === 'scale') {
    const options =
      q.kind === 'scale'
        ? [1, 2, 3, 4, 5].map((n) => ({
            value: n,
            label: n === 1 ? `1 – ${q.lowLabel ?? ''}` : n === 5 ? `5 – ${q.highLabel ?? ''}` : String(n),
          }))
        : q.options.map((label, i) => ({ value: i, label }));
    const chosen = q.kind === 'scale' ? (value?.scale ? [value.scale] : []) : (value?.choices ?? []);
    const type = q.kind === 'multiple' ? 'checkbox' : 'radio';
    return (
      <fieldset className={`survey-question card${message ? ' invalid' : ''}`} aria-describedby={describedBy}>
        {legend}
        {help}
        {q.kind === 'multiple' && <p className="hint">{t('codesignSurveys.severalAllowed')}</p>}
        <ul className={q.kind === 'scale' ? 'survey-choices survey-scale' : 'survey-choices'}>
          {options.map((o) => (
            <li key={o.value}>
              <label className="survey-choice">
                <input
                  type={type}
                  name={`q-${q.id}`}
                  value={o.value}
                  checked={chosen.includes(o.value)}
                  aria-invalid={invalid}
                  onChange={(e) => {
                    if (q.kind === 'scale') onChange({ scale: o.value });
                    else if (type === 'radio') onChange({ choices: [o.value] });
                    else
                      onChange({
                        choices: e.target.checked
                          ? [...chosen, o.value]
                          : chosen.filter((c) => c !== o.value),
                      });
                  }}
                />
                <span>{o.label}</span>
              </label>
            </li>
          ))}
        </ul>
        {!q.required && chosen.length > 0 && type === 'radio' && (
          <button type="button" className="button secondary" onClick={() => onChange({})}>
            {t('codesignSurveys.clearAnswer')}
          </button>
        )}
        {err}
      </fieldset>
    );
  }
  return (
    <fieldset className={`survey-question card${message ? ' invalid' : ''}`} aria-describedby={describedBy}>
      {legend}
      {help}
      <label className="visually-hidden" htmlFor={`${id}-input`}>
        {q.prompt}
      </label>
      {q.kind === 'text' ? (
        <textarea
          id={`${id}-input`}
          rows={4}
          maxLength={4000}
          value={value?.text ?? ''}
          aria-invalid={invalid}
          onChange={(e) => onChange({ text: e.target.value })}
        />
      ) : (
        <input
          id={`${id}-input`}
          type="date"
          value={value?.date ?? ''}
          aria-invalid={invalid}
          onChange={(e) => onChange(e.target.value ? { date: e.target.value } : {})}
        />
      )}
      {err}
    </fieldset>
  );
}
