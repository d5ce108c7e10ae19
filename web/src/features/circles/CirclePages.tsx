import './circles.css';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, errorMessage } from '../../app/api.ts';
import { FormError, SelectField, SubmitButton, TextAreaField, useAction } from '../../app/forms.tsx';
import { currentLocale } from '../../app/i18n.ts';
import { useSession } from '../../app/session.tsx';
import type { Page } from '../../app/types.ts';
import { PageHeading, QueryView } from '../../app/ui.tsx';
import { formatDateTime, localDate, networkTimeZone } from '../sharing/lib.ts';
import {
  type Circle,
  type CircleListItem,
  type Load,
  type Need,
  type Update,
  type Visibility,
  visibilities,
} from './types.ts';

const circleKey = (id: string) => ['circle', id] as const;

/** /kreise: the circles I belong to, with what nobody has taken on yet this week. */
export function CirclesPage() {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: ['circles'],
    queryFn: () => api<{ items: CircleListItem[] }>('/circles'),
  });
  return (
    <>
      <PageHeading title={t('circles.list.title')}>
        <p className="lead">{t('circles.list.lead')}</p>
      </PageHeading>
      <QueryView query={list} isEmpty={(d) => d.items.length === 0} empty={t('circles.list.empty')}>
        {(d) => (
          <ul className="card-list circle-list">
            {d.items.map((c) => (
              <li key={c.id} className="card">
                <h2>
                  <Link to={`/kreise/${c.id}`}>{t('circles.circleOf', { name: c.personLabel })}</Link>
                </h2>
                <p className="meta">
                  {t(`circles.role.${c.myRole}`)}
                  {c.status !== 'active' && (
                    <>
                      {' · '}
                      <span className="pill pill-warn">{t(`circles.status.${c.status}`)}</span>
                    </>
                  )}
                </p>
                {c.status === 'active' && (
                  <p className={c.unclaimedThisWeek > 0 ? 'circle-open' : 'muted'}>
                    {c.unclaimedThisWeek > 0
                      ? t('circles.list.unclaimed', { count: c.unclaimedThisWeek })
                      : t('circles.list.allClaimed')}
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryView>
    </>
  );
}

/** /kreise/:id: the person, the status, the care calendar, the warnings and the latest updates. */
export function CirclePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const circle = useQuery({
    queryKey: circleKey(id),
    queryFn: () => api<Circle>(`/circles/${encodeURIComponent(id)}`),
    retry: false,
  });
  return (
    <QueryView query={circle}>
      {(c) => (
        <>
          <PageHeading title={t('circles.circleOf', { name: c.personLabel })}>
            <p className="meta">
              {t('circles.overview.myRole', { role: t(`circles.role.${c.myRole}`) })}
              {c.organisation && ` · ${t('circles.overview.openedWith', { org: c.organisation.name })}`}
            </p>
          </PageHeading>
          <StatusNotice circle={c} />
          {c.abilities.viewLoad && c.status === 'active' && <Warnings circleId={c.id} />}
          {c.abilities.viewNeeds && <Calendar circle={c} />}
          {c.abilities.viewUpdates && <Updates circle={c} />}
          <p>
            <Link to="/kreise">{t('circles.overview.back')}</Link>
          </p>
        </>
      )}
    </QueryView>
  );
}

function StatusNotice({ circle }: { circle: Circle }) {
  const { t } = useTranslation();
  if (circle.status === 'active') return null;
  return (
    <section className="notice circle-status" aria-labelledby="circle-status">
      <h2 id="circle-status">{t(`circles.status.${circle.status}`)}</h2>
      <p>
        {circle.status === 'frozen'
          ? t('circles.overview.frozen', { name: circle.personLabel })
          : t('circles.overview.deletion', { date: formatDateTime(circle.purgeAfter ?? circle.createdAt) })}
      </p>
    </section>
  );
}

/** What the coordinators must see first: needs nobody took, and one person carrying most of the load. */
function Warnings({ circleId }: { circleId: string }) {
  const { t } = useTranslation();
  const load = useQuery({
    queryKey: [...circleKey(circleId), 'load'],
    queryFn: () => api<Load>(`/circles/${encodeURIComponent(circleId)}/load`),
  });
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

function Calendar({ circle }: { circle: Circle }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [message, setMessage] = useState('');
  const needs = useQuery({
    queryKey: [...circleKey(circle.id), 'needs'],
    queryFn: () => api<{ items: Need[] }>(`/circles/${encodeURIComponent(circle.id)}/needs`),
  });
  const days = new Map<string, Need[]>();
  for (const n of needs.data?.items ?? []) {
    const day = localDate(new Date(n.start));
    days.set(day, [...(days.get(day) ?? []), n]);
  }

  async function act(n: Need, action: 'claim' | 'unclaim' | 'done', thanks?: string) {
    setMessage('');
    try {
      await api<Need>(`/circles/${encodeURIComponent(circle.id)}/needs/${n.id}/${action}`, {
        method: 'POST',
        ...(action === 'done' ? { body: thanks ? { thanks } : {} } : {}),
      });
      setMessage(t(`circles.calendar.result.${action}`, { title: n.title }));
      await qc.invalidateQueries({ queryKey: circleKey(circle.id) });
      await qc.invalidateQueries({ queryKey: ['circles'] });
    } catch (err) {
      setMessage(`${t('common.errorPrefix')} ${errorMessage(err)}`);
    }
  }

  return (
    <section className="section" aria-labelledby="circle-calendar">
      <h2 id="circle-calendar">{t('circles.calendar.title')}</h2>
      <p className="circle-live" role="status" aria-live="polite">
        {message}
      </p>
      <QueryView query={needs} isEmpty={(d) => d.items.length === 0} empty={t('circles.calendar.empty')}>
        {() => (
          <ol className="circle-days">
            {[...days.entries()].map(([day, items]) => (
              <li key={day}>
                <h3>{formatDay(items[0]!.start)}</h3>
                <ul className="circle-needs">
                  {items.map((n) => (
                    <NeedCard key={n.id} need={n} onAct={act} />
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        )}
      </QueryView>
    </section>
  );
}

function formatDay(iso: string): string {
  return new Intl.DateTimeFormat(currentLocale() === 'en' ? 'en-GB' : 'de-DE', {
    timeZone: networkTimeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  }).format(new Date(iso));
}

function formatTimes(startIso: string, endIso: string): string {
  const time = new Intl.DateTimeFormat(currentLocale() === 'en' ? 'en-GB' : 'de-DE', {
    timeZone: networkTimeZone,
    hour: '2-digit',
    minute: '2-digit',
  });
  return `${time.format(new Date(startIso))}–${time.format(new Date(endIso))}`;
}

function NeedCard({
  need: n,
  onAct,
}: {
  need: Need;
  onAct: (n: Need, action: 'claim' | 'unclaim' | 'done', thanks?: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const { session } = useSession();
  const mine = n.claimedBy?.id === session.account?.id;
  const [doneOpen, setDoneOpen] = useState(false);
  const [thanks, setThanks] = useState('');
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const run = async (action: 'claim' | 'unclaim' | 'done', text?: string) => {
    setBusy(true);
    await onAct(n, action, text);
    setBusy(false);
  };
  const open = !n.claimedBy && !n.doneAt;
  return (
    <li className={`card circle-need${open ? ' is-open' : ''}`} aria-labelledby={titleId}>
      <p className="meta">
        {t(`circles.kind.${n.kind}`)} · {formatTimes(n.start, n.end)}
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
      </div>
      {n.abilities.done && doneOpen && (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            void run('done', thanks.trim());
          }}
        >
          <TextAreaField
            label={t('circles.calendar.thanks')}
            hint={t('circles.calendar.thanksHint')}
            name="thanks"
            rows={2}
            maxLength={1000}
            value={thanks}
            onChange={(e) => setThanks(e.target.value)}
          />
          <div className="actions">
            <SubmitButton pending={busy}>{t('circles.calendar.markDone')}</SubmitButton>
            <button type="button" className="button secondary" onClick={() => setDoneOpen(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}

function Updates({ circle }: { circle: Circle }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const key = [...circleKey(circle.id), 'updates'];
  const updates = useQuery({
    queryKey: key,
    queryFn: () =>
      api<Page<Update>>(`/circles/${encodeURIComponent(circle.id)}/updates`, { query: { limit: 10 } }),
  });
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<Visibility>('all_members');
  const action = useAction();

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const ok = await action.run(
      () =>
        api(`/circles/${encodeURIComponent(circle.id)}/updates`, {
          method: 'POST',
          body: { body: body.trim(), visibility },
        }),
      form,
    );
    if (ok) {
      setBody('');
      await qc.invalidateQueries({ queryKey: key });
    }
  }

  return (
    <section className="section" aria-labelledby="circle-updates">
      <h2 id="circle-updates">{t('circles.updates.title')}</h2>
      {circle.abilities.post && circle.status === 'active' && (
        <form className="stack circle-post" onSubmit={(e) => void submit(e)} noValidate>
          <FormError error={action.error} fields={['body', 'visibility']} />
          <TextAreaField
            label={t('circles.updates.body')}
            name="body"
            required
            rows={3}
            maxLength={5000}
            value={body}
            error={action.error}
            onChange={(e) => setBody(e.target.value)}
          />
          <SelectField
            label={t('circles.updates.visibility')}
            name="visibility"
            value={visibility}
            error={action.error}
            onChange={(e) => setVisibility(e.target.value as Visibility)}
            options={visibilities.map((v) => ({ value: v, label: t(`circles.visibility.${v}`) }))}
          />
          <div className="actions">
            <SubmitButton pending={action.pending}>{t('circles.updates.post')}</SubmitButton>
          </div>
          <p className="saved" role="status">
            {action.done ? t('circles.updates.posted') : ''}
          </p>
        </form>
      )}
      <QueryView query={updates} isEmpty={(d) => d.items.length === 0} empty={t('circles.updates.empty')}>
        {(d) => (
          <ul className="card-list circle-updates">
            {d.items.map((u) => (
              <li key={u.id} className="card">
                <p className="meta">
                  {t('circles.updates.byline', { name: u.author.name, date: formatDateTime(u.createdAt) })}
                  {' · '}
                  {t(`circles.visibility.${u.visibility}`)}
                </p>
                <p className="prewrap">{u.body}</p>
                {u.comments.length > 0 && (
                  <ul className="circle-comments" aria-label={t('circles.updates.comments')}>
                    {u.comments.map((c) => (
                      <li key={c.id}>
                        <strong>{c.author.name}:</strong> {c.body}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryView>
    </section>
  );
}
