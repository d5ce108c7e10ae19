import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../../app/api.ts';
import { FormError, SubmitButton, useAction } from '../../../app/forms.tsx';
import type { Survey } from './types.ts';
import { surveyKeys } from './types.ts';

/** A question as the builder holds it: the choices as lines of text, a local key for React. */
interface Draft {
  key: number;
  kind: 'single' | 'multiple' | 'scale' | 'text' | 'date';
  prompt: string;
  help: string;
  required: boolean;
  options: string;
  lowLabel: string;
  highLabel: string;
}

const kinds = ['single', 'multiple', 'scale', 'text', 'date'] as const;
let keys = 0;

/**
 * The survey's questions for facilitators: add, change, remove, move up and down, then save the
 * whole list at once. Once somebody has answered, the questions are shown but cannot change (the
 * server refuses it too): every answer must mean what its question said.
 */
export function SurveyBuilder({ survey }: { survey: Survey }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const locked = survey.responses > 0;
  const [drafts, setDrafts] = useState<Draft[]>(() =>
    survey.questions.map((q) => ({
      key: ++keys,
      kind: q.kind,
      prompt: q.prompt,
      help: q.help,
      required: q.required,
      options: q.options.join('\n'),
      lowLabel: q.lowLabel ?? '',
      highLabel: q.highLabel ?? '',
    })),
  );
  const { run, pending, error } = useAction({ done: t('codesignSurveys.builder.saved') });
  const change = (key: number, patch: Partial<Draft>) =>
    setDrafts((list) => list.map((d) => (d.key === key ? { ...d, ...patch } : d)));
  const move = (i: number, by: -1 | 1) =>
    setDrafts((list) => {
      const next = [...list];
      const [d] = next.splice(i, 1);
      if (d) next.splice(i + by, 0, d);
      return next;
    });
  const add = () =>
    setDrafts((list) => [
      ...list,
      {
        key: ++keys,
        kind: 'single',
        prompt: '',
        help: '',
        required: false,
        options: '',
        lowLabel: '',
        highLabel: '',
      },
    ]);

  async function save(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const questions = drafts.map((d) => ({
      kind: d.kind,
      prompt: d.prompt,
      help: d.help,
      required: d.required,
      ...(d.kind === 'single' || d.kind === 'multiple'
        ? {
            options: d.options
              .split('\n')
              .map((o) => o.trim())
              .filter(Boolean),
          }
        : {}),
      ...(d.kind === 'scale'
        ? { lowLabel: d.lowLabel.trim() || null, highLabel: d.highLabel.trim() || null }
        : {}),
    }));
    const ok = await run(
      () =>
        api<Survey>(`/codesign/surveys/${survey.tool.id}/questions`, { method: 'PUT', body: { questions } }),
      e.currentTarget,
    );
    if (ok) await qc.invalidateQueries({ queryKey: surveyKeys.survey(survey.tool.id) });
  }

  if (locked)
    return (
      <div className="survey-builder">
        <p className="notice survey-locked" role="note">
          {t('codesignSurveys.builder.locked', { count: survey.responses })}
        </p>
        <ol className="survey-builder-list locked">
          {survey.questions.map((q) => (
            <li key={q.id} className="card">
              <strong>{q.prompt}</strong>{' '}
              <span className="hint">({t(`codesignSurveys.kinds.${q.kind}`)})</span>
            </li>
          ))}
        </ol>
      </div>
    );

  return (
    <form className="survey-builder" onSubmit={save} noValidate>
      <p className="hint">{t('codesignSurveys.builder.intro')}</p>
      <FormError error={error} fields={['questions']} />
      {drafts.length === 0 && <p className="state state-empty">{t('codesignSurveys.builder.empty')}</p>}
      <ol className="survey-builder-list">
        {drafts.map((d, i) => (
          <li key={d.key}>
            <DraftEditor
              draft={d}
              index={i}
              count={drafts.length}
              error={error}
              onChange={(patch) => change(d.key, patch)}
              onMove={(by) => move(i, by)}
              onRemove={() => setDrafts((list) => list.filter((x) => x.key !== d.key))}
            />
          </li>
        ))}
      </ol>
      <div className="actions">
        <button type="button" className="button secondary" onClick={add}>
          {t('codesignSurveys.builder.add')}
        </button>
        <SubmitButton pending={pending}>{t('codesignSurveys.builder.save')}</SubmitButton>
      </div>
    </form>
  );
}

function DraftEditor({
  draft: d,
  index,
  count,
  error,
  onChange,
  onMove,
  onRemove,
}: {
  draft: Draft;
  index: number;
  count: number;
  error: unknown;
  onChange: (patch: Partial<Draft>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const at = `questions/${index}`;
  const msg = (f: string) => (error instanceof ApiError ? error.field(`${at}/${f}`) : undefined);
  const field = (name: string, label: string, input: ReactNode, hint?: string) => {
    const m = msg(name);
    return (
      <div className={m ? 'field invalid' : 'field'}>
        <label htmlFor={`${id}-${name}`}>{label}</label>
        {hint && <p className="hint">{hint}</p>}
        {input}
        {m && (
          <p className="field-error" id={`${id}-${name}-error`}>
            <span aria-hidden="true">⚠ </span>
            {m}
          </p>
        )}
      </div>
    );
  };
  const aria = (name: string) =>
    msg(name) ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-${name}-error` } : {};
  const n = index + 1;
  return (
    <fieldset className="card survey-draft">
      <legend>{t('codesignSurveys.builder.question', { n })}</legend>
      {field(
        'kind',
        t('codesignSurveys.builder.kind'),
        <select
          id={`${id}-kind`}
          value={d.kind}
          onChange={(e) => onChange({ kind: e.target.value as Draft['kind'] })}
        >
          {kinds.map((k) => (
            <option key={k} value={k}>
              {t(`codesignSurveys.kinds.${k}`)}
            </option>
          ))}
        </select>,
      )}
      {field(
        'prompt',
        t('codesignSurveys.builder.prompt'),
        <input
          id={`${id}-prompt`}
          value={d.prompt}
          maxLength={500}
          onChange={(e) => onChange({ prompt: e.target.value })}
          {...aria('prompt')}
        />,
      )}
      {field(
        'help',
        t('codesignSurveys.builder.help'),
        <input
          id={`${id}-help`}
          value={d.help}
          maxLength={1000}
          onChange={(e) => onChange({ help: e.target.value })}
        />,
      )}
      {(d.kind === 'single' || d.kind === 'multiple') &&
        field(
          'options',
          t('codesignSurveys.builder.options'),
          <textarea
            id={`${id}-options`}
            rows={4}
            value={d.options}
            onChange={(e) => onChange({ options: e.target.value })}
            {...aria('options')}
          />,
          t('codesignSurveys.builder.optionsHint'),
        )}
      {d.kind === 'scale' && (
        <>
          {field(
            'lowLabel',
            t('codesignSurveys.builder.lowLabel'),
            <input
              id={`${id}-lowLabel`}
              value={d.lowLabel}
              maxLength={60}
              onChange={(e) => onChange({ lowLabel: e.target.value })}
              {...aria('lowLabel')}
            />,
          )}
          {field(
            'highLabel',
            t('codesignSurveys.builder.highLabel'),
            <input
              id={`${id}-highLabel`}
              value={d.highLabel}
              maxLength={60}
              onChange={(e) => onChange({ highLabel: e.target.value })}
              {...aria('highLabel')}
            />,
          )}
        </>
      )}
      <label className="check">
        <input
          type="checkbox"
          checked={d.required}
          onChange={(e) => onChange({ required: e.target.checked })}
        />
        <span>{t('codesignSurveys.builder.required')}</span>
      </label>
      <div className="actions">
        <button
          type="button"
          className="button secondary"
          disabled={index === 0}
          onClick={() => onMove(-1)}
          aria-label={t('codesignSurveys.builder.upLabel', { n })}
        >
          {t('codesignSurveys.builder.up')}
        </button>
        <button
          type="button"
          className="button secondary"
          disabled={index === count - 1}
          onClick={() => onMove(1)}
          aria-label={t('codesignSurveys.builder.downLabel', { n })}
        >
          {t('codesignSurveys.builder.down')}
        </button>
        <button
          type="button"
          className="button secondary danger"
          onClick={onRemove}
          aria-label={t('codesignSurveys.builder.removeLabel', { n })}
        >
          {t('codesignSurveys.builder.remove')}
        </button>
      </div>
    </fieldset>
  );
}
