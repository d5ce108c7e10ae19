import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { api, errorMessage } from '../../../app/api.ts';
import {
  FormError,
  invalid,
  SelectField,
  SubmitButton,
  TextAreaField,
  useAction,
} from '../../../app/forms.tsx';
import { useSession } from '../../../app/session.tsx';
import { formatDate } from '../../../app/ui.tsx';
import './freshness.css';
import { intervalChoices } from './lib.ts';
import { freshnessKeys } from './queries.ts';
import type { FreshnessDetail } from './types.ts';

/** How fresh a wiki page or a map report is, as the server sends it (`freshness` in their views). */
export interface Freshness {
  ownerId: string | null;
  ownerName: string | null;
  reviewIntervalDays: number;
  reviewedAt: string;
  reviewDueAt: string;
  outdatedNotes: number;
  stale: boolean;
}

/** The mark on stale content, in lists: words and a symbol, never colour alone. */
export function StaleBadge({ freshness }: { freshness: Freshness }) {
  const { t } = useTranslation();
  if (!freshness.stale) return null;
  return (
    <span className="badge stale-badge">
      <span aria-hidden="true">⚠ </span>
      {t('freshness.stale')}
    </span>
  );
}

/** What a freshness note is about. */
export interface FreshnessTarget {
  type: 'wiki_page' | 'map_report';
  id: string;
}

/** The one query of a thing's freshness: what the caller may do, and (for its owner) the open notes. */
export function useFreshness(target: FreshnessTarget) {
  return useQuery({
    queryKey: freshnessKeys.freshness(target.type, target.id),
    queryFn: () => api<FreshnessDetail>(`/freshness/${target.type}/${target.id}`),
  });
}

/**
 * After a check, a note or a change: this thing's freshness, and whatever the page around it shows
 * (its `freshness`, a list's stale marks) — the page's queries are the wiki's or the map's, which
 * this part does not know by name, so every active one is asked again.
 */
function useRefresh() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
}

/** "Alle 3 Monate" for 90 days: the interval in the words people use. */
export function intervalLabel(t: (key: string, o?: Record<string, unknown>) => string, days: number) {
  if (days % 365 === 0) return t('freshness.interval.years', { count: days / 365 });
  if (days % 30 === 0) return t('freshness.interval.months', { count: days / 30 });
  if (days % 7 === 0) return t('freshness.interval.weeks', { count: days / 7 });
  return t('freshness.interval.days', { count: days });
}

/** "Ist noch aktuell": the owner or an editor says it was checked (readers' notes are dealt with). */
function ConfirmFresh({ target, title }: { target: FreshnessTarget; title: string }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const confirm = useMutation({
    mutationFn: () =>
      api<FreshnessDetail>(`/freshness/${target.type}/${target.id}/confirm`, { method: 'POST' }),
    onSuccess: () => refresh(),
    meta: { done: () => t('freshness.done.confirmed', { title }) },
  });
  return (
    <div className="freshness-confirm">
      <button
        type="button"
        className="button primary"
        disabled={confirm.isPending}
        onClick={() => confirm.mutate()}
      >
        <span aria-hidden="true">✓</span>
        {confirm.isPending ? t('common.working') : t('freshness.confirm')}
      </button>
      <p className="hint">{t('freshness.confirmHint')}</p>
      {confirm.isError && (
        <p className="form-error" role="alert">
          <strong>{t('common.errorPrefix')}</strong> {errorMessage(confirm.error)}
        </p>
      )}
    </div>
  );
}

/** Readers' open notes, for the owner and the editors. */
function OpenNotes({ notes }: { notes: FreshnessDetail['notes'] }) {
  const { t } = useTranslation();
  const id = useId();
  if (notes.length === 0) return null;
  return (
    <div className="freshness-notes">
      <p id={id}>
        <strong>{t('freshness.notes.title', { count: notes.length })}</strong>
      </p>
      <ul aria-labelledby={id}>
        {notes.map((n) => (
          <li key={n.id}>
            <p className="freshness-note-text">{n.note}</p>
            <p className="hint">
              {n.reporter
                ? t('freshness.notes.by', { name: n.reporter.name, date: formatDate(n.createdAt) })
                : t('freshness.notes.byGone', { date: formatDate(n.createdAt) })}
            </p>
          </li>
        ))}
      </ul>
      <p className="hint">{t('freshness.notes.hint')}</p>
    </div>
  );
}

/** "Das stimmt nicht mehr": a reader's short note to the person who keeps it current. */
function ReportOutdated({ target, reportedByMe }: { target: FreshnessTarget; reportedByMe: boolean }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const form = useRef<HTMLFormElement>(null);
  // once sent, the form gives way to the sentence saying so: focus goes there
  const thanksId = `freshness-reported-${target.id}`;
  const action = useAction({ done: { text: t('freshness.done.reported'), focus: thanksId } });
  const formId = useId();
  if (reportedByMe)
    return (
      <p id={thanksId} className="freshness-reported">
        {t('freshness.report.already')}
      </p>
    );
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await action.run(async () => {
      await api(`/freshness/${target.type}/${target.id}/outdated`, {
        method: 'POST',
        body: { note: note.trim() },
      });
      await refresh();
    }, form.current);
    if (ok) {
      setNote('');
      setOpen(false);
    }
  };
  return (
    <div className="freshness-report">
      <button
        type="button"
        className="button secondary"
        aria-expanded={open}
        aria-controls={formId}
        onClick={() => setOpen((o) => !o)}
      >
        {t('freshness.report.open')}
      </button>
      {open && (
        <form id={formId} ref={form} onSubmit={submit} noValidate>
          <FormError error={action.error} fields={['note']} />
          <TextAreaField
            label={t('freshness.report.note')}
            hint={t('freshness.report.hint')}
            name="note"
            required
            maxLength={1000}
            rows={3}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            error={action.error}
          />
          <div className="actions">
            <SubmitButton pending={action.pending}>{t('freshness.report.send')}</SubmitButton>
            <button type="button" className="button secondary" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

/** Who keeps it current and how often it is checked — chosen from the thing's editors. */
function ChangeOwnership({ target, detail }: { target: FreshnessTarget; detail: FreshnessDetail }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const f = detail.freshness;
  const [ownerId, setOwnerId] = useState(f.ownerId ?? '');
  const [days, setDays] = useState(String(f.reviewIntervalDays));
  const form = useRef<HTMLFormElement>(null);
  const action = useAction();
  const candidates = detail.ownerCandidates;
  const owners = [
    ...(f.ownerId === null ? [{ value: '', label: t('freshness.manage.nobody') }] : []),
    ...(f.ownerId !== null && !candidates.some((c) => c.id === f.ownerId)
      ? [{ value: f.ownerId, label: f.ownerName ?? t('freshness.manage.formerOwner') }]
      : []),
    ...candidates.map((c) => ({ value: c.id, label: c.name })),
  ];
  const choices = [...new Set([...intervalChoices, f.reviewIntervalDays])].sort((a, b) => a - b);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body: { ownerId?: string; reviewIntervalDays?: number } = {};
    if (ownerId && ownerId !== f.ownerId) body.ownerId = ownerId;
    if (Number(days) !== f.reviewIntervalDays) body.reviewIntervalDays = Number(days);
    if (Object.keys(body).length === 0) {
      await action.run(async () => {
        throw invalid(t('freshness.manage.nothing'), {});
      }, form.current);
      return;
    }
    const name = candidates.find((c) => c.id === ownerId)?.name ?? f.ownerName ?? '';
    await action.run(
      async () => {
        await api(`/freshness/${target.type}/${target.id}`, { method: 'PATCH', body });
        await refresh();
      },
      form.current,
      body.ownerId
        ? t('freshness.done.ownerChanged', { name })
        : t('freshness.done.intervalChanged', { interval: intervalLabel(t, Number(days)) }),
    );
  };
  return (
    <details className="freshness-manage">
      <summary>{t('freshness.manage.open')}</summary>
      <form ref={form} onSubmit={submit} noValidate>
        <FormError error={action.error} fields={['ownerId', 'reviewIntervalDays']} />
        <SelectField
          label={t('freshness.manage.owner')}
          hint={t('freshness.manage.ownerHint')}
          name="ownerId"
          value={ownerId}
          onChange={(e) => setOwnerId(e.target.value)}
          options={owners}
          error={action.error}
        />
        <SelectField
          label={t('freshness.manage.interval')}
          name="reviewIntervalDays"
          value={days}
          onChange={(e) => setDays(e.target.value)}
          options={choices.map((d) => ({ value: String(d), label: intervalLabel(t, d) }))}
          error={action.error}
        />
        <SubmitButton pending={action.pending}>{t('freshness.manage.save')}</SubmitButton>
      </form>
    </details>
  );
}

/**
 * Who keeps this current and when it was last checked; a stale thing says so plainly. Shown on every
 * wiki page and map report (`target` names it). It fetches what it needs itself: the owner and the
 * editors get "Ist noch aktuell", the readers' open notes and the owner and interval to change;
 * readers signed in get "Das stimmt nicht mehr" with a short note.
 */
export function FreshnessNote({
  freshness: given,
  target,
}: {
  freshness: Freshness;
  target: FreshnessTarget;
}) {
  const { t } = useTranslation();
  const { session } = useSession();
  const location = useLocation();
  const detail = useFreshness(target);
  const freshness = detail.data?.freshness ?? given;
  const d = detail.data;
  return (
    <aside
      className={freshness.stale ? 'freshness-note stale' : 'freshness-note'}
      aria-label={t('freshness.label')}
    >
      {freshness.stale && (
        <p>
          <StaleBadge freshness={freshness} />{' '}
          {freshness.outdatedNotes > 0
            ? t('freshness.staleNotes', { count: freshness.outdatedNotes })
            : t('freshness.staleOverdue')}
        </p>
      )}
      <p className="hint">
        {t('freshness.checked', { date: formatDate(freshness.reviewedAt) })}
        {freshness.ownerName && <> · {t('freshness.owner', { name: freshness.ownerName })}</>}
        {d?.abilities.confirm && (
          <> · {t('freshness.nextCheck', { date: formatDate(freshness.reviewDueAt) })}</>
        )}
      </p>
      {d?.abilities.confirm && (
        <>
          <ConfirmFresh target={target} title={d.target.title} />
          <OpenNotes notes={d.notes} />
          <ChangeOwnership
            key={`${freshness.ownerId}-${freshness.reviewIntervalDays}`}
            target={target}
            detail={d}
          />
        </>
      )}
      {d && !d.abilities.confirm && d.abilities.report && (
        <ReportOutdated target={target} reportedByMe={d.reportedByMe} />
      )}
      {d && !session.account && (
        <p className="hint">
          <Link to={`/anmelden?weiter=${encodeURIComponent(`${location.pathname}${location.search}`)}`}>
            {t('freshness.report.signIn')}
          </Link>
        </p>
      )}
    </aside>
  );
}
