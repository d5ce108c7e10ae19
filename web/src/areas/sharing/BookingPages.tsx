import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../app/api.ts';
import { SelectField, TextField } from '../../app/forms.tsx';
import { localDate, zonedInstant } from '../../app/localTime.ts';
import { useSession } from '../../app/session.tsx';
import type { Page } from '../../app/types.ts';
import { PageHeading, Pagination, QueryView, ScrollRegion } from '../../app/ui.tsx';
import { BookingCard } from './BookingCard.tsx';
import { FeedLink } from './FeedLink.tsx';
import { SharingNav } from './SharingNav.tsx';
import { type Booking, bookingStatuses, type Utilisation } from './types.ts';

const pageSize = 20;

function useBookingList(path: '/bookings/mine' | '/bookings/incoming', defaultStatus: string) {
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? defaultStatus;
  const offset = Math.max(0, Number(params.get('ab') ?? 0) || 0);
  const list = useQuery({
    queryKey: ['bookings', path, status, offset],
    queryFn: () =>
      api<Page<Booking>>(path, {
        query: { status: status === 'alle' ? undefined : status, limit: pageSize, offset },
      }),
    placeholderData: keepPreviousData,
  });
  const setStatus = (s: string) => {
    const p = new URLSearchParams();
    if (s !== defaultStatus) p.set('status', s);
    setParams(p);
  };
  const goTo = (n: number) => {
    const p = new URLSearchParams(params);
    if (n > 0) p.set('ab', String(n));
    else p.delete('ab');
    setParams(p);
    document.getElementById('results')?.focus();
  };
  return { list, status, setStatus, goTo };
}

function StatusFilter({ value, onChange }: { value: string; onChange: (s: string) => void }) {
  const { t } = useTranslation();
  return (
    <div className="inline-form narrow">
      <SelectField
        label={t('sharing.booking.statusFilter')}
        name="status"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        options={[
          { value: 'alle', label: t('sharing.booking.allStatuses') },
          ...bookingStatuses.map((s) => ({ value: s, label: t(`sharing.booking.status.${s}`) })),
        ]}
      />
    </div>
  );
}

/** /teilen/buchungen: my bookings and requests, with cancel, and my personal calendar feed. */
export function MyBookingsPage() {
  const { t } = useTranslation();
  const { list, status, setStatus, goTo } = useBookingList('/bookings/mine', 'alle');
  return (
    <>
      <PageHeading title={t('sharing.myBookings.title')}>
        <p className="lead">{t('sharing.myBookings.lead')}</p>
      </PageHeading>
      <SharingNav />
      <StatusFilter value={status} onChange={setStatus} />
      <section id="results" tabIndex={-1} aria-labelledby="results-title">
        <h2 id="results-title">{t('sharing.myBookings.list')}</h2>
        <QueryView
          query={list}
          isEmpty={(p) => p.items.length === 0}
          empty={
            <>
              {t('sharing.myBookings.none')} <Link to="/teilen">{t('sharing.myBookings.browse')}</Link>
            </>
          }
        >
          {(p) => (
            <>
              <p role="status">{t('sharing.myBookings.count', { count: p.total })}</p>
              <ul className="card-list">
                {p.items.map((b) => (
                  <BookingCard key={b.id} b={b} />
                ))}
              </ul>
              <Pagination total={p.total} limit={p.limit} offset={p.offset} onOffset={goTo} />
            </>
          )}
        </QueryView>
      </section>
      <FeedLink createPath="/bookings/feed" label={t('sharing.feed.personalTitle')} />
    </>
  );
}

/** /teilen/anfragen: bookings of the resources I look after; open requests first. */
export function RequestsPage() {
  const { t } = useTranslation();
  const { list, status, setStatus, goTo } = useBookingList('/bookings/incoming', 'requested');
  return (
    <>
      <PageHeading title={t('sharing.requests.title')}>
        <p className="lead">{t('sharing.requests.lead')}</p>
      </PageHeading>
      <SharingNav />
      <StatusFilter value={status} onChange={setStatus} />
      <section id="results" tabIndex={-1} aria-labelledby="results-title">
        <h2 id="results-title">{t('sharing.requests.list')}</h2>
        <QueryView query={list} isEmpty={(p) => p.items.length === 0} empty={t('sharing.requests.none')}>
          {(p) => (
            <>
              <p role="status">{t('sharing.requests.count', { count: p.total })}</p>
              <ul className="card-list">
                {p.items.map((b) => (
                  <BookingCard key={b.id} b={b} showRequester />
                ))}
              </ul>
              <Pagination total={p.total} limit={p.limit} offset={p.offset} onOffset={goTo} />
            </>
          )}
        </QueryView>
      </section>
    </>
  );
}

/** /teilen/buchungen/:id (the link in notifications and calendar events). */
export function BookingPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const booking = useQuery({
    queryKey: ['booking', id],
    queryFn: () => api<Booking>(`/bookings/${encodeURIComponent(id ?? '')}`),
  });
  return (
    <>
      <PageHeading title={booking.data ? booking.data.resource.title : t('sharing.booking.title')}>
        <p className="lead">{t('sharing.booking.title')}</p>
      </PageHeading>
      <SharingNav />
      <QueryView query={booking}>
        {(b) => (
          <>
            <ul className="card-list">
              <BookingCard b={b} showRequester />
            </ul>
            <p>
              <Link to={`/teilen/ressourcen/${b.resource.id}`}>{t('sharing.booking.toResource')}</Link>
            </p>
          </>
        )}
      </QueryView>
    </>
  );
}

/**
 * /teilen/auslastung: booked against available hours of my resources or an organisation's, so idle
 * ones can be offered more widely. Idle rows are marked in words, not only by colour.
 */
export function UtilisationPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const orgs = (session.account?.memberships ?? []).filter((m) => m.role === 'admin' || m.role === 'staff');
  const [params, setParams] = useSearchParams();
  const today = new Date();
  const owner = params.get('org') ?? orgs[0]?.organisationId ?? '';
  const from = params.get('von') ?? localDate(today, -30);
  const to = params.get('bis') ?? localDate(today);
  const [draft, setDraft] = useState({ owner, from, to });
  const data = useQuery({
    queryKey: ['utilisation', owner, from, to],
    queryFn: () =>
      api<Utilisation>('/resources/utilisation', {
        query: {
          from: zonedInstant(from, '00:00').toISOString(),
          to: zonedInstant(to, '24:00').toISOString(),
          organisationId: owner || undefined,
        },
      }),
    placeholderData: keepPreviousData,
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    const p = new URLSearchParams();
    p.set('org', draft.owner);
    p.set('von', draft.from);
    p.set('bis', draft.to);
    setParams(p);
  }
  const pct = (x: number) => `${Math.round(x * 100)} %`;
  const hours = (x: number) => x.toLocaleString(undefined, { maximumFractionDigits: 1 });
  return (
    <>
      <PageHeading title={t('sharing.utilisation.title')}>
        <p className="lead">{t('sharing.utilisation.lead')}</p>
      </PageHeading>
      <SharingNav />
      <form className="sharing-filters" onSubmit={submit} aria-label={t('sharing.utilisation.filter')}>
        <div className="field-row">
          <SelectField
            label={t('sharing.utilisation.owner')}
            name="org"
            value={draft.owner}
            onChange={(e) => setDraft((d) => ({ ...d, owner: e.target.value }))}
            options={[
              ...orgs.map((m) => ({ value: m.organisationId, label: m.name })),
              { value: '', label: t('sharing.utilisation.mine') },
            ]}
          />
          <TextField
            label={t('sharing.utilisation.from')}
            name="from"
            type="date"
            value={draft.from}
            onChange={(e) => setDraft((d) => ({ ...d, from: e.target.value }))}
          />
          <TextField
            label={t('sharing.utilisation.to')}
            name="to"
            type="date"
            value={draft.to}
            onChange={(e) => setDraft((d) => ({ ...d, to: e.target.value }))}
          />
        </div>
        <div className="actions">
          <button type="submit" className="button primary">
            {t('sharing.filters.apply')}
          </button>
        </div>
      </form>
      <QueryView query={data} isEmpty={(u) => u.items.length === 0} empty={t('sharing.utilisation.none')}>
        {(u) => {
          const idle = u.items.filter((i) => i.idle).length;
          return (
            <>
              <p role="status">
                {t('sharing.utilisation.summary', {
                  booked: hours(u.bookedHours),
                  available: hours(u.availableHours),
                  count: idle,
                })}
              </p>
              <ScrollRegion label={t('sharing.utilisation.caption')}>
                <table>
                  <caption>{t('sharing.utilisation.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('sharing.utilisation.resource')}</th>
                      <th scope="col" className="num">
                        {t('sharing.utilisation.booked')}
                      </th>
                      <th scope="col" className="num">
                        {t('sharing.utilisation.available')}
                      </th>
                      <th scope="col" className="num">
                        {t('sharing.utilisation.share')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {u.items.map((i) => (
                      <tr key={i.resourceId} className={i.idle ? 'idle' : undefined}>
                        <th scope="row">
                          <Link to={`/teilen/ressourcen/${i.resourceId}`}>{i.title}</Link>
                          <br />
                          <span className="meta">{t(`sharing.kind.${i.kind}`)}</span>
                          {i.idle && (
                            <>
                              {' '}
                              <span className="status-pill wait">{t('sharing.utilisation.idle')}</span>
                            </>
                          )}
                        </th>
                        <td className="num">{hours(i.bookedHours)}</td>
                        <td className="num">{hours(i.availableHours)}</td>
                        <td className="num">{pct(i.utilisation)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
              {idle > 0 && <p className="notice">{t('sharing.utilisation.idleHint')}</p>}
            </>
          );
        }}
      </QueryView>
    </>
  );
}
