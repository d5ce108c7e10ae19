import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearchParams } from 'react-router';
import { announce, originOf } from '../../app/announce.tsx';
import { api, errorMessage } from '../../app/api.ts';
import {
  FormError,
  invalid,
  Saved,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
  useAction,
} from '../../app/forms.tsx';
import { formatMinutes, localDate } from '../../app/localTime.ts';
import { useSession } from '../../app/session.tsx';
import { ConfirmButton, QueryView } from '../../app/ui.tsx';
import type { Account } from '../timebank/index.ts';
import { accountName } from '../timebank/index.ts';
import { circlePath, formatDay, formatShortDay, formatTimes, refreshCircle } from './lib.ts';
import { NeedForm } from './NeedForm.tsx';
import { supportKeys } from './queries.ts';
import type { Circle, Load, Need } from './types.ts';

const day = 24 * 3600_000;
const stepWeeks = 4;

/** What the coordinators must see first: needs nobody took, and one person carrying most of the load. */
export function Warnings({ circleId }: { circleId: string }) {
  const { t } = useTranslation();
  const load = useLoad(circleId);
  const l = load.data;
  if (!l || (l.unclaimedNextWeek === 0 && !l.warning)) return null;
  return (
    <section className="circle-warnings" aria-label={t('circles.warnings.label')}>
      {l.unclaimedNextWeek > 0 && (
        <p className="notice warn">
          <span aria-hidden="true">⚠ </span>
          {t('circles.warnings.unclaimed', { count: l.unclaimedNextWeek })}
        </p>
      )}
      {l.warning && (
        <p className="notice warn">
          <span aria-hidden="true">⚠ </span>
          {t('circles.warnings.load', {
            name: l.warning.name,
            percent: Math.round(l.warning.share * 100),
            weeks: l.weeks,
          })}
        </p>
      )}
    </section>
  );
}

function useLoad(circleId: string) {
  return useQuery({
    queryKey: [...supportKeys.circle(circleId), 'load'],
    queryFn: () => api<Load>(`${circlePath(circleId)}/load`),
  });
}

/** Who took on how much in the last weeks, as a list with counts and shares (no chart to decode). */
export function LoadSection({ circleId }: { circleId: string }) {
  const { t } = useTranslation();
  const load = useLoad(circleId);
  return (
    <section className="section" aria-labelledby="circle-load">
      <h2 id="circle-load">{t('circles.load.title')}</h2>
      <QueryView
        query={load}
        isEmpty={(l) => l.helpers.length === 0}
        empty={t('circles.load.empty', { weeks: load.data?.weeks ?? 8 })}
      >
        {(l) => (
          <>
            <p className="hint">{t('circles.load.lead', { weeks: l.weeks, total: l.total })}</p>
            <ul className="circle-load">
              {l.helpers.map((h) => {
                const percent = Math.round(h.share * 100);
                return (
                  <li key={h.accountId} className="circle-load-row">
                    <span className="circle-load-name">{h.name}</span>
                    <span className="circle-load-bar" aria-hidden="true">
                      <span style={{ width: `${percent}%` }} />
                    </span>
                    <span>{t('circles.load.count', { count: h.count, percent })}</span>
                  </li>
                );
              })}
            </ul>
          </>
        )}
      </QueryView>
    </section>
  );
}

/**
 * `/kreise/:id?bedarf=<need>` (the home's link to one need): once the calendar has loaded, its card is
 * scrolled to and focused — after the layout's own focus on the page heading, a frame after navigating.
 */
function useFocusNeed(loaded: boolean) {
  const [params] = useSearchParams();
  const location = useLocation();
  const wanted = params.get('bedarf');
  const handled = useRef<string | null>(null);
  useEffect(() => {
    if (!wanted || !loaded || handled.current === location.key) return;
    handled.current = location.key;
    let second = 0;
    const first = requestAnimationFrame(() => {
      second = requestAnimationFrame(() => {
        const card = document.getElementById(`bedarf-${wanted}`);
        card?.scrollIntoView({ block: 'center' });
        card?.focus({ preventScroll: true });
      });
    });
    return () => {
      cancelAnimationFrame(first);
      cancelAnimationFrame(second);
    };
  }, [wanted, loaded, location.key]);
}

/**
 * The care calendar: what is coming up, day by day, with claim / give back / done-with-thanks; for
 * those who organise also new needs (weekly too), changes, cancelling, and when to be alerted.
 */
export function CalendarSection({ circle }: { circle: Circle }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [message, setMessage] = useState('');
  const [creating, setCreating] = useState(false);
  const [written, setWritten] = useState<Need[]>([]);
  const [weeks, setWeeks] = useState(stepWeeks);
  const newButton = useRef<HTMLButtonElement>(null);
  const live = circle.status === 'active';
  // from the start of yesterday, so what happened today and yesterday can still be marked done
  const [from] = useState(() => new Date(Date.now() - day).toISOString());
  const to = new Date(Date.parse(from) + weeks * 7 * day).toISOString();
  const needs = useQuery({
    queryKey: [...supportKeys.circle(circle.id), 'needs', weeks],
    queryFn: () => api<{ items: Need[] }>(`${circlePath(circle.id)}/needs`, { query: { from, to } }),
    placeholderData: (prev) => prev,
  });
  useFocusNeed(needs.isSuccess);
  const days = new Map<string, Need[]>();
  for (const n of needs.data?.items ?? []) {
    const d = localDate(new Date(n.start));
    days.set(d, [...(days.get(d) ?? []), n]);
  }

  async function act(n: Need, action: 'claim' | 'unclaim') {
    const origin = originOf();
    setMessage('');
    try {
      await api<Need>(`${circlePath(circle.id)}/needs/${n.id}/${action}`, { method: 'POST' });
      await refreshCircle(qc, circle.id);
      announce(t(`circles.calendar.result.${action}`, { title: n.title }), origin);
    } catch (err) {
      setMessage(`${t('common.errorPrefix')} ${errorMessage(err)}`);
    }
  }

  /** After a need was written, changed or cancelled: said, and focus kept in the calendar. */
  async function changed(text: string) {
    setMessage('');
    await refreshCircle(qc, circle.id);
    announce(text, originOf(document.getElementById('circle-calendar')));
  }

  return (
    <section className="section" aria-labelledby="circle-calendar">
      <h2 id="circle-calendar">{t('circles.calendar.title')}</h2>
      {circle.abilities.manageNeeds && live && !creating && (
        <p>
          <button
            ref={newButton}
            type="button"
            className="button primary"
            aria-expanded={false}
            onClick={() => {
              setCreating(true);
              setWritten([]);
            }}
          >
            {t('circles.calendar.new')}
          </button>
        </p>
      )}
      {creating && (
        <NeedForm
          circleId={circle.id}
          onCancel={() => {
            setCreating(false);
            requestAnimationFrame(() => newButton.current?.focus());
          }}
          onDone={async (items) => {
            setCreating(false);
            setWritten(items);
            await changed(t('circles.calendar.created', { count: items.length }));
            requestAnimationFrame(() => newButton.current?.focus());
          }}
        />
      )}
      <div className="circle-live">
        {message && <p role="alert">{message}</p>}
        {written.length > 1 && (
          <ul className="circle-written" aria-label={t('circles.calendar.writtenDates')}>
            {written.map((n) => (
              <li key={n.id}>
                {formatShortDay(n.start)}, {formatTimes(n.start, n.end)}
              </li>
            ))}
          </ul>
        )}
      </div>
      <QueryView
        query={needs}
        isEmpty={(d) => d.items.length === 0}
        empty={t('circles.calendar.empty', { weeks })}
      >
        {() => (
          <ol className="circle-days">
            {[...days.entries()].map(([d, items]) => (
              <li key={d}>
                <h3>{formatDay(items[0]!.start)}</h3>
                <ul className="circle-needs">
                  {items.map((n) => (
                    <NeedCard key={n.id} circle={circle} need={n} onAct={act} onChanged={changed} />
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        )}
      </QueryView>
      {weeks < 52 && needs.isSuccess && (
        <p>
          <button type="button" className="button secondary" onClick={() => setWeeks(weeks + stepWeeks)}>
            {t('circles.calendar.more', { weeks: stepWeeks })}
          </button>
        </p>
      )}
      {((circle.abilities.update && live) || circle.abilities.feed) && (
        <details className="circle-settings-more">
          <summary>{t('circles.calendar.settings')}</summary>
          {circle.abilities.update && live && <AlertHoursForm circle={circle} />}
          {circle.abilities.feed && <FeedLink circleId={circle.id} />}
        </details>
      )}
    </section>
  );
}

function NeedCard({
  circle,
  need: n,
  onAct,
  onChanged,
}: {
  circle: Circle;
  need: Need;
  onAct: (n: Need, action: 'claim' | 'unclaim') => Promise<void>;
  onChanged: (message: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const { session } = useSession();
  const mine = n.claimedBy?.id === session.account?.id;
  const [doneOpen, setDoneOpen] = useState(false);
  const [editing, setEditing] = useState(false);
  const [following, setFollowing] = useState(false);
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const run = async (action: 'claim' | 'unclaim') => {
    setBusy(true);
    await onAct(n, action);
    setBusy(false);
  };
  const open = !n.claimedBy && !n.doneAt;
  const canEdit = n.abilities.edit && circle.status === 'active' && !n.doneAt;
  if (editing)
    return (
      <li>
        <NeedForm
          circleId={circle.id}
          need={n}
          onCancel={() => setEditing(false)}
          onDone={async () => {
            setEditing(false);
            await onChanged(t('circles.calendar.saved', { title: n.title }));
          }}
        />
      </li>
    );
  return (
    <li
      id={`bedarf-${n.id}`}
      tabIndex={-1}
      className={`card circle-need${open ? ' is-open' : ''}`}
      aria-labelledby={titleId}
    >
      <p className="meta">
        {t(`circles.kind.${n.kind}`)} · {formatTimes(n.start, n.end)}
        {n.seriesId && ` · ${t('circles.calendar.weekly')}`}
        {n.visibility !== 'all_members' && ` · ${t(`circles.visibility.${n.visibility}`)}`}
      </p>
      <h4 id={titleId}>{n.title}</h4>
      {n.place && <p>{t('circles.calendar.place', { place: n.place })}</p>}
      {n.notes && <p className="prewrap muted">{n.notes}</p>}
      <p className="circle-who">
        {n.doneAt
          ? t('circles.calendar.doneBy', { name: n.claimedBy?.name ?? '' })
          : n.claimedBy
            ? t('circles.calendar.claimedBy', { name: n.claimedBy.name })
            : t('circles.calendar.open')}
      </p>
      {n.doneAt && n.thanks && (
        <p className="prewrap">{t('circles.calendar.thanksShown', { thanks: n.thanks })}</p>
      )}
      {n.credit && (
        <p className="circle-credit">
          {t(n.credit.reversed ? 'circles.calendar.creditReversed' : 'circles.calendar.creditShown', {
            amount: formatMinutes(t, n.credit.minutes),
          })}
        </p>
      )}
      <div className="actions">
        {n.abilities.claim && (
          <button
            type="button"
            className="button primary"
            disabled={busy}
            aria-describedby={titleId}
            onClick={() => void run('claim')}
          >
            {t('circles.calendar.claim')}
          </button>
        )}
        {n.abilities.unclaim && (
          <button
            type="button"
            className="button secondary"
            disabled={busy}
            aria-describedby={titleId}
            onClick={() => void run('unclaim')}
          >
            {mine ? t('circles.calendar.unclaim') : t('circles.calendar.release')}
          </button>
        )}
        {n.abilities.done && !doneOpen && (
          <button
            type="button"
            className="button secondary"
            aria-describedby={titleId}
            aria-expanded={false}
            onClick={() => setDoneOpen(true)}
          >
            {t('circles.calendar.done')}
          </button>
        )}
        {canEdit && (
          <button
            type="button"
            className="button secondary"
            aria-describedby={titleId}
            onClick={() => setEditing(true)}
          >
            {t('circles.calendar.edit')}
          </button>
        )}
        {canEdit && (
          <ConfirmButton
            label={t('circles.calendar.cancelNeed')}
            title={t('circles.calendar.cancelTitle', { title: n.title })}
            message={
              <p>
                {t('circles.calendar.cancelText', {
                  when: `${formatDay(n.start)}, ${formatTimes(n.start, n.end)}`,
                })}
                {n.claimedBy && ` ${t('circles.calendar.cancelClaimed', { name: n.claimedBy.name })}`}
              </p>
            }
            confirmLabel={t('circles.calendar.cancelConfirm')}
            onConfirm={async () => {
              await api(`${circlePath(circle.id)}/needs/${n.id}`, {
                method: 'DELETE',
                query: { following: following || undefined },
              });
              await onChanged(
                following
                  ? t('circles.calendar.cancelledSeries', { title: n.title })
                  : t('circles.calendar.cancelled', { title: n.title }),
              );
            }}
          >
            {n.seriesId && (
              <label className="check">
                <input type="checkbox" checked={following} onChange={(e) => setFollowing(e.target.checked)} />
                {t('circles.calendar.cancelFollowing')}
              </label>
            )}
          </ConfirmButton>
        )}
      </div>
      {n.abilities.done && doneOpen && (
        <DoneForm
          circleId={circle.id}
          need={n}
          onCancel={() => setDoneOpen(false)}
          onDone={async (text) => {
            setDoneOpen(false);
            await onChanged(text);
          }}
        />
      )}
    </li>
  );
}

/** The minutes a need lasts, as the suggested credit (1 to 1440). */
function durationMinutes(n: Need): number {
  return Math.min(
    maxCreditMinutes,
    Math.max(1, Math.round((Date.parse(n.end) - Date.parse(n.start)) / 60_000)),
  );
}

const maxCreditMinutes = 1440;

/**
 * Marking a need done: an optional thank-you and, for those who organise, an optional time credit to
 * the helper from an account they may pay from. The server does all of it in one step — when the
 * account cannot cover the credit, nothing is marked done and the form says why.
 */
function DoneForm({
  circleId,
  need: n,
  onCancel,
  onDone,
}: {
  circleId: string;
  need: Need;
  onCancel: () => void;
  onDone: (message: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const action = useAction();
  const [thanks, setThanks] = useState('');
  const [give, setGive] = useState(false);
  const [minutes, setMinutes] = useState(String(durationMinutes(n)));
  const [payer, setPayer] = useState('');
  const accounts = useQuery({
    queryKey: ['timebank', 'accounts'],
    queryFn: () => api<{ items: Account[] }>('/timebank/accounts/mine'),
    enabled: n.abilities.credit && give,
  });
  // the accounts I may pay from: my own and my organisations' (the community pool is not for this)
  const payers = (accounts.data?.items ?? []).filter((a) => a.abilities.pay && a.ownerType !== 'pool');
  const chosen = payers.find((a) => a.id === payer) ?? payers[0];
  const amount = Number(minutes);
  const validAmount = /^\d+$/.test(minutes.trim()) && amount >= 1 && amount <= maxCreditMinutes;
  const helper = n.claimedBy?.name ?? '';

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const credit = give && n.abilities.credit;
    const ok = await action.run(async () => {
      if (credit && !validAmount)
        throw invalid(t('circles.form.invalid'), {
          'credit/minutes': t('circles.calendar.creditMinutesInvalid'),
        });
      if (credit && !chosen)
        throw invalid(t('circles.calendar.creditNoAccount'), {
          'credit/payerAccountId': t('circles.calendar.creditNoAccount'),
        });
      await api<Need>(`${circlePath(circleId)}/needs/${n.id}/done`, {
        method: 'POST',
        body: {
          ...(thanks.trim() ? { thanks: thanks.trim() } : {}),
          ...(credit && chosen ? { credit: { payerAccountId: chosen.id, minutes: amount } } : {}),
        },
      });
    }, form.current);
    if (!ok) return;
    if (credit) await qc.invalidateQueries({ queryKey: ['timebank'] });
    await onDone(
      credit
        ? t('circles.calendar.result.doneCredit', {
            title: n.title,
            name: helper,
            amount: formatMinutes(t, amount),
          })
        : t('circles.calendar.result.done', { title: n.title }),
    );
  }

  const payerLabel = (a: Account) => {
    const name = a.ownerType === 'person' ? t('circles.calendar.creditOwnAccount') : accountName(t, a);
    return a.available == null
      ? t('circles.calendar.creditPayerUnlimited', { name })
      : t('circles.calendar.creditPayerOption', { name, available: formatMinutes(t, a.available) });
  };

  return (
    <form ref={form} className="stack circle-done" onSubmit={(e) => void submit(e)} noValidate>
      <FormError error={action.error} fields={['thanks', 'credit/minutes', 'credit/payerAccountId']} />
      <TextAreaField
        label={t('circles.calendar.thanks')}
        hint={t('circles.calendar.thanksHint')}
        name="thanks"
        rows={2}
        maxLength={1000}
        value={thanks}
        error={action.error}
        onChange={(e) => setThanks(e.target.value)}
      />
      {n.abilities.credit && (
        <div className="circle-credit-fields">
          <label className="check">
            <input
              type="checkbox"
              name="giveCredit"
              checked={give}
              onChange={(e) => setGive(e.target.checked)}
            />
            {t('circles.calendar.giveCredit')}
          </label>
          {give && (
            <>
              <p className="hint">{t('circles.calendar.giveCreditHint', { name: helper })}</p>
              <TextField
                label={t('circles.calendar.creditMinutes')}
                hint={t('circles.calendar.creditMinutesHint')}
                name="creditMinutes"
                serverField="credit/minutes"
                type="number"
                inputMode="numeric"
                min={1}
                max={maxCreditMinutes}
                required
                value={minutes}
                error={action.error}
                onChange={(e) => setMinutes(e.target.value)}
              />
              <QueryView query={accounts}>
                {() =>
                  payers.length === 0 ? (
                    <p className="notice warn">{t('circles.calendar.creditNoAccount')}</p>
                  ) : (
                    <SelectField
                      label={t('circles.calendar.creditPayer')}
                      name="payer"
                      serverField="credit/payerAccountId"
                      value={chosen?.id ?? ''}
                      error={action.error}
                      onChange={(e) => setPayer(e.target.value)}
                      options={payers.map((a) => ({ value: a.id, label: payerLabel(a) }))}
                    />
                  )
                }
              </QueryView>
            </>
          )}
        </div>
      )}
      <div className="actions">
        <SubmitButton pending={action.pending}>
          {give && n.abilities.credit && validAmount
            ? t('circles.calendar.markDoneCredit', { amount: formatMinutes(t, amount) })
            : t('circles.calendar.markDone')}
        </SubmitButton>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** How long before an unclaimed need the coordinators hear about it. */
function AlertHoursForm({ circle }: { circle: Circle }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [hours, setHours] = useState(String(circle.alertHours));
  const [saved, setSaved] = useState(circle.alertHours);
  const action = useAction();

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const ok = await action.run(async () => {
      const n = Number(hours);
      if (!Number.isInteger(n) || n < 1 || n > 336)
        throw invalid(t('circles.form.invalid'), { alertHours: t('circles.alert.range') });
      await api(circlePath(circle.id), { method: 'PATCH', body: { alertHours: n } });
      setSaved(n);
    }, e.currentTarget);
    if (ok) await refreshCircle(qc, circle.id);
  }

  return (
    <form className="card stack circle-alert" onSubmit={(e) => void submit(e)} noValidate>
      <h3>{t('circles.alert.title')}</h3>
      <FormError error={action.error} fields={['alertHours']} />
      <TextField
        label={t('circles.alert.hours')}
        hint={t('circles.alert.hint')}
        name="alertHours"
        type="number"
        inputMode="numeric"
        min={1}
        max={336}
        required
        value={hours}
        error={action.error}
        onChange={(e) => setHours(e.target.value)}
      />
      <div className="actions">
        <SubmitButton pending={action.pending}>{t('common.save')}</SubmitButton>
      </div>
      <Saved show={action.done}>{t('circles.alert.saved', { hours: saved })}</Saved>
    </form>
  );
}

/** A private calendar address for phone calendars; making a new one stops the old one. */
function FeedLink({ circleId }: { circleId: string }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState('');
  const inputId = useId();
  const action = useAction({ done: { text: t('circles.done.feedCreated'), focus: inputId } });
  return (
    <div className="card stack circle-feed">
      <h3>{t('circles.feed.title')}</h3>
      <p className="hint">{t('circles.feed.hint')}</p>
      <FormError error={action.error} />
      {url && (
        <div className="field">
          <label htmlFor={inputId}>{t('circles.feed.url')}</label>
          <input id={inputId} readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
        </div>
      )}
      <div className="actions">
        <button
          type="button"
          className="button secondary"
          disabled={action.pending}
          onClick={() =>
            void action.run(async () => {
              const r = await api<{ url: string }>(`${circlePath(circleId)}/feed`, { method: 'POST' });
              setUrl(r.url);
            })
          }
        >
          {url ? t('circles.feed.renew') : t('circles.feed.create')}
        </button>
      </div>
    </div>
  );
}
