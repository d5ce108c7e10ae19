import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api.ts';
import {
  FormError,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
  useAction,
} from '../../../app/forms.tsx';
import { formatDate } from '../../../app/ui.tsx';
import { accountabilityKeys } from './queries.ts';
import { type OutcomeAnswer, type OutcomeStatus, type OutcomeUpdate, outcomeStatuses } from './types.ts';

/** Where the result stands: status, progress, in words, and when the group looks back; organisers change it. */
export function OutcomeSection({ projectId, answer }: { projectId: string; answer: OutcomeAnswer }) {
  const { t } = useTranslation();
  const o = answer.outcome;
  return (
    <section aria-labelledby="outcome-title" className="stack">
      <h2 id="outcome-title">{t('codesignAccountability.outcome.title')}</h2>
      {o ? (
        <div className="card stack">
          <p>
            <strong>{t('codesignAccountability.outcome.statusLabel')}:</strong>{' '}
            {t(`codesignAccountability.outcome.status.${o.status}`)}
          </p>
          <div>
            <label htmlFor={`progress-${projectId}`}>{t('codesignAccountability.outcome.progress')}</label>{' '}
            <progress id={`progress-${projectId}`} max={100} value={o.progress}>
              {t('codesignAccountability.outcome.progressValue', { value: o.progress })}
            </progress>{' '}
            <span>{t('codesignAccountability.outcome.progressValue', { value: o.progress })}</span>
          </div>
          {o.statement && <p className="prewrap">{o.statement}</p>}
          <p>
            <strong>{t('codesignAccountability.outcome.reviewOn')}:</strong>{' '}
            {o.reviewOn ? formatDate(o.reviewOn) : t('codesignAccountability.outcome.noReview')}
            {o.reviewDue && (
              <span className="badge reach-warning">
                <span aria-hidden="true">⏰ </span>
                {t('codesignAccountability.outcome.reviewDue')}
              </span>
            )}
          </p>
          <p className="meta">
            {o.updatedBy
              ? t('codesignAccountability.outcome.updated', {
                  date: formatDate(o.updatedAt),
                  name: o.updatedBy,
                })
              : t('codesignAccountability.outcome.updatedNoName', { date: formatDate(o.updatedAt) })}
          </p>
          <OutcomeHistory projectId={projectId} />
        </div>
      ) : (
        <p>{t('codesignAccountability.outcome.none')}</p>
      )}
      {answer.may.organise && <OutcomeForm projectId={projectId} answer={answer} />}
    </section>
  );
}

function OutcomeHistory({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const history = useQuery({
    queryKey: accountabilityKeys.project(projectId, 'outcome-updates'),
    queryFn: () =>
      api<{ items: OutcomeUpdate[]; total: number }>(`/codesign/projects/${projectId}/outcome/updates`, {
        query: { limit: 20 },
      }),
    enabled: open,
  });
  return (
    <details onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{t('codesignAccountability.outcome.history')}</summary>
      <ul>
        {history.data?.items.map((u) => (
          <li key={u.id}>
            {t('codesignAccountability.outcome.historyItem', {
              date: formatDate(u.createdAt),
              status: t(`codesignAccountability.outcome.status.${u.status}`),
              progress: u.progress,
            })}
          </li>
        ))}
      </ul>
    </details>
  );
}

function OutcomeForm({ projectId, answer }: { projectId: string; answer: OutcomeAnswer }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const formId = useId();
  const o = answer.outcome;
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<OutcomeStatus>(o?.status ?? 'planned');
  const [progress, setProgress] = useState(String(o?.progress ?? 0));
  const [statement, setStatement] = useState(o?.statement ?? '');
  const [reviewOn, setReviewOn] = useState(o?.reviewOn ?? '');
  const action = useAction({ done: t('codesignAccountability.outcome.done') });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await action.run(async () => {
      await api(`/codesign/projects/${projectId}/outcome`, {
        method: 'PUT',
        body: {
          status,
          progress: Math.max(0, Math.min(100, Number(progress) || 0)),
          statement: statement.trim(),
          reviewOn: reviewOn || null,
          basedOn: o?.updatedAt ?? null,
        },
      });
      await qc.invalidateQueries({ queryKey: accountabilityKeys.project(projectId) });
    }, form.current);
    if (ok) setOpen(false);
  };
  return (
    <div>
      <button
        type="button"
        className="button secondary"
        aria-expanded={open}
        aria-controls={formId}
        onClick={() => setOpen((x) => !x)}
      >
        {t('codesignAccountability.outcome.edit')}
      </button>
      {open && (
        <form id={formId} ref={form} onSubmit={submit} noValidate className="stack">
          <FormError error={action.error} fields={['status', 'progress', 'statement', 'reviewOn']} />
          <SelectField
            label={t('codesignAccountability.outcome.statusLabel')}
            name="status"
            error={action.error}
            value={status}
            options={outcomeStatuses.map((s) => ({
              value: s,
              label: t(`codesignAccountability.outcome.status.${s}`),
            }))}
            onChange={(e) => setStatus(e.target.value as OutcomeStatus)}
          />
          <TextField
            label={`${t('codesignAccountability.outcome.progress')} (%)`}
            name="progress"
            error={action.error}
            type="number"
            min={0}
            max={100}
            step={5}
            value={progress}
            onChange={(e) => setProgress(e.target.value)}
          />
          <TextAreaField
            label={t('codesignAccountability.outcome.statement')}
            hint={t('codesignAccountability.outcome.statementHint')}
            name="statement"
            error={action.error}
            maxLength={5000}
            value={statement}
            onChange={(e) => setStatement(e.target.value)}
          />
          <TextField
            label={t('codesignAccountability.outcome.reviewOn')}
            hint={t('codesignAccountability.outcome.reviewOnHint')}
            name="reviewOn"
            error={action.error}
            type="date"
            value={reviewOn}
            onChange={(e) => setReviewOn(e.target.value)}
          />
          <div className="actions">
            <SubmitButton pending={action.pending}>{t('codesignAccountability.outcome.save')}</SubmitButton>
            <button type="button" className="button secondary" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
