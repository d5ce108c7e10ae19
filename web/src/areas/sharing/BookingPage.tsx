import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../app/api.ts';
import { PageHeading, QueryView } from '../../app/ui.tsx';
import { CommittedTo } from '../codesign/index.ts';
import { BookingCard } from './BookingCard.tsx';
import { sharingKeys } from './queries.ts';
import { SharingNav } from './SharingNav.tsx';
import type { Booking } from './types.ts';

/** /teilen/buchungen/:id (the link in notifications and calendar events). */
export function BookingPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const booking = useQuery({
    queryKey: sharingKeys.booking(id),
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
              <BookingCard b={b} showRequester headingLevel={2} />
            </ul>
            <CommittedTo type="booking" id={b.id} />
            <p>
              <Link to={`/teilen/ressourcen/${b.resource.id}`}>{t('sharing.booking.toResource')}</Link>
            </p>
          </>
        )}
      </QueryView>
    </>
  );
}
