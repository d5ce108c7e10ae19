import { useTranslation } from 'react-i18next';
import { PageHeading, Pagination, QueryView } from '../../app/ui.tsx';
import { BookingCard } from './BookingCard.tsx';
import { StatusFilter, useBookingList } from './BookingParts.tsx';
import { SharingNav } from './SharingNav.tsx';

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
