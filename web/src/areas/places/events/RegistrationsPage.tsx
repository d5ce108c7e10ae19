import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../../app/api.ts';
import { FormError, useAction } from '../../../app/forms.tsx';
import { formatSlot } from '../../../app/localTime.ts';
import { PageHeading, QueryView, ScrollRegion } from '../../../app/ui.tsx';
import './events.css';
import { eventKeys } from './queries.ts';
import type { PlaceEvent, RegistrationList } from './types.ts';

type Row = RegistrationList['items'][number];

/** Came or did not come, for one person with a place. */
function Attendance({
  eventId,
  r,
  onChanged,
}: {
  eventId: string;
  r: Row;
  onChanged: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const action = useAction();
  const mark = (came: boolean) =>
    void action.run(
      async () => {
        await api(`/places/events/${eventId}/registrations/${r.id}/attendance`, {
          method: 'PUT',
          body: { came },
        });
        await onChanged();
      },
      null,
      came
        ? t('placesEvents.registrations.doneCame', { name: r.name })
        : t('placesEvents.registrations.doneNotCame', { name: r.name }),
    );
  return (
    <>
      <div className="actions compact">
        <button
          type="button"
          className={r.status === 'checked_in' ? 'button primary' : 'button secondary'}
          aria-pressed={r.status === 'checked_in'}
          aria-label={t('placesEvents.registrations.cameNamed', { name: r.name })}
          disabled={action.pending}
          onClick={() => mark(true)}
        >
          {t('placesEvents.registrations.came')}
        </button>
        <button
          type="button"
          className={r.status === 'no_show' ? 'button primary' : 'button secondary'}
          aria-pressed={r.status === 'no_show'}
          aria-label={t('placesEvents.registrations.notCameNamed', { name: r.name })}
          disabled={action.pending}
          onClick={() => mark(false)}
        >
          {t('placesEvents.registrations.notCame')}
        </button>
      </div>
      <FormError error={action.error} />
    </>
  );
}

/** /raeume/kalender/:id/anmeldungen — the host: who has a place, who waits, and who came. */
export default function RegistrationsPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const event = useQuery({
    queryKey: eventKeys.event(id),
    queryFn: () => api<PlaceEvent>(`/places/events/${id}`),
  });
  const list = useQuery({
    queryKey: eventKeys.event(id, 'registrations'),
    queryFn: () => api<RegistrationList>(`/places/events/${id}/registrations`),
  });
  return (
    <QueryView query={event}>
      {(e) => (
        <>
          <p>
            <Link to={`/raeume/kalender/${e.id}`}>
              <span aria-hidden="true">← </span>
              {e.title}
            </Link>
          </p>
          <PageHeading title={t('placesEvents.registrations.title', { title: e.title })}>
            <p className="lead">
              {formatSlot(e.startsAt, e.endsAt)} · {t('placesEvents.registrations.lead')}
            </p>
          </PageHeading>
          <QueryView
            query={list}
            isEmpty={(l) => l.items.length === 0}
            empty={t('placesEvents.registrations.none')}
          >
            {(l) => (
              <>
                <p className="hint">
                  {l.attendanceOpen
                    ? e.host.type === 'organisation'
                      ? t('placesEvents.registrations.attendanceHint')
                      : ''
                    : t('placesEvents.registrations.attendanceLater')}
                </p>
                <ScrollRegion label={t('placesEvents.registrations.table')}>
                  <table className="registrations">
                    <caption className="visually-hidden">{t('placesEvents.registrations.table')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('placesEvents.registrations.name')}</th>
                        <th scope="col">{t('placesEvents.registrations.status')}</th>
                        {l.attendanceOpen && <th scope="col">{t('placesEvents.registrations.came')}</th>}
                      </tr>
                    </thead>
                    <tbody>
                      {l.items.map((r) => (
                        <tr key={r.id}>
                          <th scope="row">{r.name}</th>
                          <td>
                            {r.status === 'waitlisted'
                              ? t('placesEvents.registrations.waitlistPosition', {
                                  position: r.waitlistPosition,
                                })
                              : t(`placesEvents.status.${r.status}`)}
                          </td>
                          {l.attendanceOpen && (
                            <td>
                              {r.status !== 'waitlisted' && (
                                <Attendance eventId={e.id} r={r} onChanged={() => list.refetch()} />
                              )}
                            </td>
                          )}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </ScrollRegion>
              </>
            )}
          </QueryView>
        </>
      )}
    </QueryView>
  );
}
