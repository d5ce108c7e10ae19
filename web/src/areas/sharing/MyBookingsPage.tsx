import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeading, Pagination, QueryView } from '../../app/ui.tsx';
import { BookingCard } from './BookingCard.tsx';
import { StatusFilter, useBookingList } from './BookingParts.tsx';
import { FeedLink } from './FeedLink.tsx';
import { SharingNav } from './SharingNav.tsx';

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
