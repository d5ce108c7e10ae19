import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { announce } from '../../../app/announce.tsx';
import { api, apiUrl } from '../../../app/api.ts';
import { CopyLink } from '../../../app/CopyLink.tsx';
import { SelectField, useAction } from '../../../app/forms.tsx';
import { formatSlot, localDate, localParts } from '../../../app/localTime.ts';
import { RemoteLink } from '../../../app/Remote.tsx';
import { useSession } from '../../../app/session.tsx';
import { ConfirmButton, formatDate, PageHeading, QueryView } from '../../../app/ui.tsx';
import { useUrlFilters } from '../../../app/urlFilters.ts';
import { Subscribe } from '../../../features/data/Subscribe.tsx';
import { useDistricts } from '../../../features/profile/ProfilePage.tsx';
import { byDay, clock, dayTitle, EntryCard, useMayHost } from './EventParts.tsx';
import { eventKeys } from './queries.ts';
import {
  type CommunityOptions,
  calendarAreas,
  type FeedState,
  type MyEventList,
  type CalendarPage as Page,
} from './types.ts';

const pageSize = 20;

/** The filters as the URL holds them (German names, as people see the address). */
interface Filters {
  district: string;
  area: string;
  community: string;
  accessible: string;
  free: string;
  online: string;
}
const paramNames: Record<keyof Filters, string> = {
  district: 'stadtteil',
  area: 'bereich',
  community: 'gemeinschaft',
  accessible: 'stufenlos',
  free: 'kostenlos',
  online: 'online',
};
const readFilters = (p: URLSearchParams): Filters => ({
  district: p.get(paramNames.district) ?? '',
  area: p.get(paramNames.area) ?? '',
  community: p.get(paramNames.community) ?? '',
  accessible: p.get(paramNames.accessible) ?? '',
  free: p.get(paramNames.free) ?? '',
  online: p.get(paramNames.online) ?? '',
});
const hasFilters = (f: Filters) => Object.values(f).some(Boolean);
/** The filters as the API takes them. */
const apiFilters = (f: Filters) => ({
  district: f.district || undefined,
  area: f.area || undefined,
  community: f.community || undefined,
  accessible: f.accessible ? true : undefined,
  free: f.free ? true : undefined,
  online: f.online ? true : undefined,
});

/** YYYY-MM-DD of a day `n` days after `day`. */
function plusDays(day: string, n: number): string {
  const [y = 0, m = 1, d = 1] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

function CalendarFilters() {
  const { t } = useTranslation();
  const { current, draft, setDraft, set, setParams } = useUrlFilters(readFilters);
  const [params] = useSearchParams();
  const districts = useDistricts();
  const communities = useQuery({
    queryKey: eventKeys.calendar('communities'),
    queryFn: () => api<CommunityOptions>('/places/events/communities'),
    staleTime: 60_000,
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams();
    // the view and the month stay; the list starts again at its first page
    for (const keep of ['ansicht', 'monat', 'tag']) {
      const v = params.get(keep);
      if (v) next.set(keep, v);
    }
    for (const [k, v] of Object.entries(draft) as [keyof Filters, string][])
      if (v) next.set(paramNames[k], v);
    setParams(next);
    document.getElementById('results')?.focus();
  }

  const check = (k: 'accessible' | 'free' | 'online') => (
    <li>
      <label className="check">
        <input
          type="checkbox"
          name={paramNames[k]}
          checked={Boolean(draft[k])}
          onChange={(e) => setDraft((d) => ({ ...d, [k]: e.target.checked ? '1' : '' }))}
        />
        <span>{t(`placesEvents.filters.${k}`)}</span>
      </label>
    </li>
  );

  return (
    <search>
      <form className="card event-filters" onSubmit={submit} aria-label={t('placesEvents.filters.label')}>
        <div className="field-row">
          <SelectField
            label={t('placesEvents.filters.district')}
            name="stadtteil"
            value={draft.district}
            onChange={set('district')}
            options={[
              { value: '', label: t('placesEvents.filters.allDistricts') },
              ...(districts.data ?? []).map((d) => ({ value: d.id, label: d.name })),
            ]}
          />
          <SelectField
            label={t('placesEvents.filters.area')}
            name="bereich"
            value={draft.area}
            onChange={set('area')}
            options={[
              { value: '', label: t('placesEvents.filters.allAreas') },
              ...calendarAreas.map((a) => ({ value: a, label: t(`placesEvents.area.${a}`) })),
            ]}
          />
          {(communities.data?.items.length ?? 0) > 0 && (
            <SelectField
              label={t('placesEvents.filters.community')}
              name="gemeinschaft"
              value={draft.community}
              onChange={set('community')}
              options={[
                { value: '', label: t('placesEvents.filters.allCommunities') },
                ...(communities.data?.items ?? []).map((c) => ({ value: c.id, label: c.name })),
              ]}
            />
          )}
        </div>
        <fieldset className="field">
          <legend>{t('placesEvents.filters.only')}</legend>
          <ul className="check-list">
            {check('accessible')}
            {check('free')}
            {check('online')}
          </ul>
        </fieldset>
        <div className="actions">
          <button type="submit" className="button primary">
            {t('placesEvents.filters.apply')}
          </button>
          {hasFilters(current) && (
            <button
              type="button"
              className="button secondary"
              onClick={() => {
                const next = new URLSearchParams();
                const view = params.get('ansicht');
                if (view) next.set('ansicht', view);
                setParams(next);
              }}
            >
              {t('placesEvents.filters.reset')}
            </button>
          )}
        </div>
      </form>
    </search>
  );
}

/** The list: the next 30 days from `from`, grouped by day, page by page ("load more"). */
function ListView({ filters, from }: { filters: Filters; from: string }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const listRef = useRef<HTMLDivElement>(null);
  const to = plusDays(from, 30);
  const query = { from, to, ...apiFilters(filters) };
  const list = useInfiniteQuery({
    queryKey: eventKeys.calendar('list', query),
    queryFn: ({ pageParam }) =>
      api<Page>('/places/events/calendar', { query: { ...query, limit: pageSize, offset: pageParam } }),
    initialPageParam: 0,
    getNextPageParam: (last) =>
      last.offset + last.limit < last.total ? last.offset + last.limit : undefined,
  });

  async function more() {
    const before = list.data?.pages.flatMap((p) => p.items).length ?? 0;
    const r = await list.fetchNextPage();
    const after = r.data?.pages.flatMap((p) => p.items).length ?? before;
    announce(t('placesEvents.calendar.moreLoaded', { count: after - before }));
    // the first new entry's link, so the keyboard goes on where the list grew
    requestAnimationFrame(() =>
      listRef.current?.querySelectorAll<HTMLAnchorElement>('.event-title a')[before]?.focus(),
    );
  }

  function laterPeriod() {
    const next = new URLSearchParams(params);
    next.set('tag', plusDays(to, 1));
    setParams(next);
    document.getElementById('results')?.focus();
  }

  return (
    <QueryView
      query={list}
      isEmpty={(d) => (d.pages[0]?.total ?? 0) === 0}
      empty={hasFilters(filters) ? t('placesEvents.calendar.noMatch') : t('placesEvents.calendar.none')}
    >
      {(d) => {
        const entries = d.pages.flatMap((p) => p.items);
        const first = d.pages[0];
        return (
          <div ref={listRef}>
            <p>{t('placesEvents.calendar.count', { count: first?.total ?? 0 })}</p>
            {byDay(entries).map(([day, items]) => (
              <section key={day} className="event-day" aria-labelledby={`day-${day}`}>
                <h3 id={`day-${day}`}>{dayTitle(day)}</h3>
                <ul className="card-list event-list">
                  {items.map((e) => (
                    <EntryCard key={e.key} e={e} headingLevel={4} />
                  ))}
                </ul>
              </section>
            ))}
            {first?.capped && <p className="hint">{t('placesEvents.calendar.capped')}</p>}
            <div className="actions">
              {list.hasNextPage ? (
                <button
                  type="button"
                  className="button secondary"
                  disabled={list.isFetchingNextPage}
                  onClick={() => void more()}
                >
                  {t('placesEvents.calendar.more')}
                </button>
              ) : (
                <button type="button" className="button secondary" onClick={laterPeriod}>
                  {t('placesEvents.calendar.from', { date: dayTitle(plusDays(to, 1)) })}
                </button>
              )}
            </div>
          </div>
        );
      }}
    </QueryView>
  );
}

const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;

/** The month as a table of weeks: each day with its entries (a count on a phone), and a way to the list. */
function MonthView({ filters, month }: { filters: Filters; month: string }) {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [y = 2026, m = 1] = month.split('-').map(Number);
  const first = `${month}-01`;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const last = `${month}-${String(days).padStart(2, '0')}`;
  const query = { from: first, to: last, ...apiFilters(filters) };
  const data = useQuery({
    queryKey: eventKeys.calendar('month', query),
    queryFn: () => api<Page>('/places/events/calendar', { query: { ...query, limit: 200 } }),
  });
  const locale = i18n.language === 'en' ? 'en-GB' : 'de-DE';
  const monthName = new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    month: 'long',
    year: 'numeric',
  }).format(new Date(Date.UTC(y, m - 1, 1)));
  const weekdayName = (n: number, style: 'short' | 'long') =>
    new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: style }).format(
      new Date(Date.UTC(2024, 0, n)),
    );
  const shift = (n: number) => {
    const d = new Date(Date.UTC(y, m - 1 + n, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  };
  const go = (n: number) => {
    const next = new URLSearchParams(params);
    next.set('monat', shift(n));
    setParams(next);
    const [ny = y, nm = m] = shift(n).split('-').map(Number);
    announce(
      new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(
        new Date(Date.UTC(ny, nm - 1, 1)),
      ),
    );
  };
  const dayLink = (day: string) => {
    const next = new URLSearchParams(params);
    next.delete('ansicht');
    next.delete('monat');
    next.set('tag', day);
    return `?${next.toString()}`;
  };
  const offset = (new Date(Date.UTC(y, m - 1, 1)).getUTCDay() + 6) % 7; // Monday first
  // the days of the month in weeks from Monday; the cells before and after are blank
  const cells: { key: string; day: string | null }[] = [
    ...Array.from({ length: offset }, (_, i) => ({ key: `before-${i}`, day: null })),
    ...Array.from({ length: days }, (_, i) => {
      const day = `${month}-${String(i + 1).padStart(2, '0')}`;
      return { key: day, day };
    }),
  ];
  while (cells.length % 7 !== 0) cells.push({ key: `after-${cells.length}`, day: null });
  const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
  const today = localDate(new Date());

  return (
    <>
      <div className="month-nav">
        <h3>{monthName}</h3>
        <div className="month-steps">
          <button type="button" className="button secondary" onClick={() => go(-1)}>
            <span aria-hidden="true">←&nbsp;</span>
            {t('placesEvents.month.previous')}
          </button>
          <button type="button" className="button secondary" onClick={() => go(1)}>
            {t('placesEvents.month.next')}
            <span aria-hidden="true">&nbsp;→</span>
          </button>
        </div>
      </div>
      <QueryView query={data}>
        {(d) => {
          const grouped = new Map(byDay(d.items));
          return (
            <>
              {d.total === 0 && <p className="state state-empty">{t('placesEvents.month.none')}</p>}
              <table className="month-grid">
                <caption className="visually-hidden">
                  {t('placesEvents.month.caption', { month: monthName })}
                </caption>
                <thead>
                  <tr>
                    {weekdays.map((n) => (
                      <th key={n} scope="col">
                        <abbr title={weekdayName(n, 'long')}>{weekdayName(n, 'short')}</abbr>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {weeks.map((week) => (
                    <tr key={week[0]?.key}>
                      {week.map(({ key, day }) => {
                        if (!day) return <td key={key} className="month-empty" />;
                        const items = grouped.get(day) ?? [];
                        const n = Number(day.slice(8));
                        return (
                          <td key={day} className={day === today ? 'month-today' : undefined}>
                            {/* on a phone a day with entries shows as its link below, and this goes */}
                            <span className="month-day">{n}</span>
                            {items.length > 0 && (
                              <>
                                <Link className="month-count" to={dayLink(day)}>
                                  <span className="visually-hidden">
                                    {t('placesEvents.month.dayLink', { date: dayTitle(day) })}:{' '}
                                  </span>
                                  <span aria-hidden="true">{n}</span>
                                  <span className="month-dots">{items.length}</span>
                                </Link>
                                <ul className="month-entries">
                                  {items.slice(0, 3).map((e) => (
                                    <li key={e.key}>
                                      {e.remote ? (
                                        <RemoteLink remote={e.remote}>
                                          {!e.allDay && (
                                            <span className="month-time">{clock(e.startsAt)} </span>
                                          )}
                                          {e.title}
                                        </RemoteLink>
                                      ) : (
                                        <Link
                                          to={e.link}
                                          className={e.cancelled ? 'cancelled-link' : undefined}
                                        >
                                          {!e.allDay && (
                                            <span className="month-time">{clock(e.startsAt)} </span>
                                          )}
                                          {e.title}
                                        </Link>
                                      )}
                                    </li>
                                  ))}
                                  {items.length > 3 && (
                                    <li>
                                      <Link to={dayLink(day)}>
                                        {t('placesEvents.month.more', { count: items.length - 3 })}
                                      </Link>
                                    </li>
                                  )}
                                </ul>
                              </>
                            )}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          );
        }}
      </QueryView>
    </>
  );
}

/** The calendar in people's own calendar apps: this choice for anyone; one's own dates behind a secret URL. */
function Feeds({ filters }: { filters: Filters }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const state = useQuery({
    queryKey: eventKeys.mine('feed'),
    queryFn: () => api<FeedState>('/places/events/feed'),
    enabled: Boolean(session.account),
  });
  const [made, setMade] = useState('');
  const action = useAction();
  const filterUrl = `${window.location.origin}${apiUrl('/places/events/calendar.ics', apiFilters(filters))}`;

  return (
    <section className="card event-feeds" aria-labelledby="feeds-title">
      <h2 id="feeds-title">{t('placesEvents.feeds.title')}</h2>
      <p>{t('placesEvents.feeds.lead')}</p>
      <CopyLink label={t('placesEvents.feeds.filter')} url={filterUrl} />
      <Subscribe
        links={[
          { format: 'ics', href: apiUrl('/places/events/calendar.ics', apiFilters(filters)) },
          { format: 'geojson', href: apiUrl('/places/events/geojson') },
        ]}
      />
      {session.account && (
        <>
          <h3>{t('placesEvents.feeds.mine')}</h3>
          <p>{t('placesEvents.feeds.mineLead')}</p>
          {made && (
            <>
              <p>{t('placesEvents.feeds.made')}</p>
              <CopyLink label={t('placesEvents.feeds.mineAddress')} url={made} focusOnShow />
            </>
          )}
          {!made && state.data?.active && state.data.createdAt && (
            <p className="hint">
              {t('placesEvents.feeds.active', { date: formatDate(state.data.createdAt) })}
            </p>
          )}
          <div className="actions">
            <button
              type="button"
              className="button secondary"
              disabled={action.pending}
              onClick={() =>
                void action.run(async () => {
                  const r = await api<{ url: string }>('/places/events/feed', { method: 'POST' });
                  setMade(r.url);
                  await state.refetch();
                })
              }
            >
              {state.data?.active ? t('placesEvents.feeds.remake') : t('placesEvents.feeds.make')}
            </button>
            {state.data?.active && (
              <ConfirmButton
                className="button secondary"
                label={t('placesEvents.feeds.revoke')}
                title={t('placesEvents.feeds.revokeTitle')}
                message={t('placesEvents.feeds.revokeText')}
                confirmLabel={t('placesEvents.feeds.revokeConfirm')}
                onConfirm={async () => {
                  await api('/places/events/feed', { method: 'DELETE' });
                  setMade('');
                  await state.refetch();
                }}
                done={t('placesEvents.feeds.revoked')}
              />
            )}
          </div>
        </>
      )}
    </section>
  );
}

/** The events the person registered for that have not ended (Heute's "more" leads here). */
function MyEvents() {
  const { t } = useTranslation();
  const { session } = useSession();
  const mine = useQuery({
    queryKey: eventKeys.mine('events'),
    queryFn: () => api<MyEventList>('/places/events/mine'),
    enabled: Boolean(session.account),
  });
  const items = mine.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section id="meine-termine" className="card my-events" aria-labelledby="my-events-title">
      <h2 id="my-events-title">{t('placesEvents.mine.title')}</h2>
      <ul className="card-list">
        {items.map((m) => (
          <li key={m.registrationId}>
            <Link className="my-event-link" to={`/raeume/kalender/${m.eventId}`}>
              {m.title}
            </Link>
            <span className="meta">
              {' · '}
              {formatSlot(m.startsAt, m.endsAt)}
              {' · '}
              {m.cancelled
                ? t('placesEvents.mine.cancelled')
                : m.status === 'waitlisted'
                  ? t('placesEvents.mine.waitlisted', { position: m.waitlistPosition ?? 1 })
                  : t('placesEvents.mine.registered')}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** /raeume/kalender: the one calendar across all areas — a list by day (default) or a month, with filters. */
export default function CalendarPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const mayHost = useMayHost();
  const filters = readFilters(params);
  const view = params.get('ansicht') === 'monat' ? 'month' : 'list';
  const today = localDate(new Date());
  const day = /^\d{4}-\d{2}-\d{2}$/.test(params.get('tag') ?? '') ? (params.get('tag') as string) : today;
  const now = localParts(new Date());
  const thisMonth = `${now.year}-${String(now.month).padStart(2, '0')}`;
  const month = /^\d{4}-\d{2}$/.test(params.get('monat') ?? '') ? (params.get('monat') as string) : thisMonth;
  const viewLink = (v: 'list' | 'month') => {
    const next = new URLSearchParams(params);
    next.delete('tag');
    next.delete('monat');
    if (v === 'month') next.set('ansicht', 'monat');
    else next.delete('ansicht');
    return `?${next.toString()}`;
  };

  return (
    <>
      <PageHeading title={t('placesEvents.calendar.title')}>
        <p className="lead">{t('placesEvents.calendar.lead')}</p>
      </PageHeading>
      <div className="event-toolbar">
        <nav aria-label={t('placesEvents.calendar.views')} className="view-switch">
          <Link
            to={viewLink('list')}
            aria-current={view === 'list' ? 'page' : undefined}
            className="button secondary"
          >
            {t('placesEvents.calendar.list')}
          </Link>
          <Link
            to={viewLink('month')}
            aria-current={view === 'month' ? 'page' : undefined}
            className="button secondary"
          >
            {t('placesEvents.calendar.month')}
          </Link>
        </nav>
        {mayHost && (
          <Link className="button primary" to="/raeume/kalender/neu">
            {t('placesEvents.calendar.create')}
          </Link>
        )}
      </div>
      <MyEvents />
      <CalendarFilters />
      <section id="results" tabIndex={-1} aria-labelledby="results-title" className="event-results">
        <h2 id="results-title" className="visually-hidden">
          {t('placesEvents.calendar.results')}
        </h2>
        {view === 'list' ? (
          <ListView filters={filters} from={day} />
        ) : (
          <MonthView filters={filters} month={month} />
        )}
      </section>
      <Feeds filters={filters} />
    </>
  );
}
