import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { api } from '../../../app/api.ts';
import { FormError, useAction } from '../../../app/forms.tsx';
import { formatSlot } from '../../../app/localTime.ts';
import { RichText } from '../../../app/RichText.tsx';
import { useSession } from '../../../app/session.tsx';
import { ConfirmButton, PageHeading, QueryView } from '../../../app/ui.tsx';
import './events.css';
import { eventKeys } from './queries.ts';
import type { PlaceEvent, RegisterResult } from './types.ts';

/** "12 von 20 frei", "Ausgebucht – 3 warten", "Keine Begrenzung". */
function placesText(t: ReturnType<typeof useTranslation>['t'], e: PlaceEvent): string {
  if (e.capacity === null) return t('placesEvents.event.unlimited');
  if ((e.freePlaces ?? 0) > 0)
    return t('placesEvents.event.freeOf', { free: e.freePlaces, capacity: e.capacity });
  return e.waitlisted > 0
    ? t('placesEvents.event.fullWaiting', { count: e.waitlisted })
    : t('placesEvents.event.full');
}

/** Register, join the waitlist, withdraw — or why not. */
function Registration({ e, onChanged }: { e: PlaceEvent; onChanged: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const location = useLocation();
  const action = useAction();
  const over = new Date(e.endsAt).getTime() <= Date.now();
  const mine = e.mine;

  let body = null;
  if (e.status === 'cancelled') body = null;
  else if (!e.registration) body = <p>{t('placesEvents.event.noRegistration')}</p>;
  else if (over && !mine) body = <p>{t('placesEvents.event.over')}</p>;
  else if (!session.account)
    body = (
      <p>
        <Link className="button primary" to={`/anmelden?weiter=${encodeURIComponent(location.pathname)}`}>
          {t('placesEvents.event.signInFirst')}
        </Link>
      </p>
    );
  else if (mine) {
    const said =
      mine.status === 'signed_up'
        ? t('placesEvents.event.registered')
        : mine.status === 'waitlisted'
          ? t('placesEvents.event.waitlisted', { position: mine.waitlistPosition ?? 1 })
          : mine.status === 'checked_in'
            ? t('placesEvents.event.attended')
            : t('placesEvents.event.noShow');
    body = (
      <>
        <p className="event-mine">
          <strong>{said}</strong>
        </p>
        {e.abilities.withdraw && (
          <div className="actions">
            <ConfirmButton
              className="button secondary"
              label={
                mine.status === 'waitlisted'
                  ? t('placesEvents.event.leaveWaitlist')
                  : t('placesEvents.event.withdraw')
              }
              title={t('placesEvents.event.withdrawTitle')}
              message={t('placesEvents.event.withdrawText')}
              confirmLabel={t('placesEvents.event.withdrawConfirm')}
              onConfirm={async () => {
                await api(`/places/events/${e.id}/withdraw`, { method: 'POST' });
                await onChanged();
              }}
              done={t('placesEvents.event.withdrawn')}
            />
          </div>
        )}
      </>
    );
  } else if (e.abilities.register) {
    const waiting = e.freePlaces === 0;
    if (waiting && !e.waitlistEnabled) body = <p>{t('placesEvents.event.fullNoWaitlist')}</p>;
    else
      body = (
        <>
          <FormError error={action.error} />
          <div className="actions">
            <button
              type="button"
              className={waiting ? 'button secondary' : 'button primary'}
              disabled={action.pending}
              onClick={() =>
                void action.run(
                  async () => {
                    const r = await api<RegisterResult>(`/places/events/${e.id}/register`, {
                      method: 'POST',
                    });
                    await onChanged();
                    return r;
                  },
                  null,
                  (r) =>
                    r.status === 'signed_up'
                      ? t('placesEvents.event.doneRegistered', { title: e.title })
                      : t('placesEvents.event.doneWaitlisted', {
                          title: e.title,
                          position: r.waitlistPosition ?? 1,
                        }),
                )
              }
            >
              {waiting ? t('placesEvents.event.joinWaitlist') : t('placesEvents.event.register')}
            </button>
          </div>
        </>
      );
  }
  if (!body) return null;
  return (
    <section className="card event-registration" aria-labelledby="registration-title">
      <h2 id="registration-title">{t('placesEvents.event.registration')}</h2>
      {body}
    </section>
  );
}

/** The host's tools: edit, who registered and who came, cancel (with a reason, after a confirmation). */
function HostTools({ e, onChanged }: { e: PlaceEvent; onChanged: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const reasonId = useId();
  // a cancelled event without registration leaves its host nothing to do here
  if (!e.abilities.manage || !(e.abilities.edit || e.registration || e.abilities.cancel)) return null;
  const told = e.signedUp + e.waitlisted;
  return (
    <section className="card event-host" aria-labelledby="host-title">
      <h2 id="host-title">{t('placesEvents.event.hostTools')}</h2>
      <div className="actions">
        {e.abilities.edit && (
          <Link className="button secondary" to={`/raeume/kalender/${e.id}/bearbeiten`}>
            {t('placesEvents.event.edit')}
          </Link>
        )}
        {e.registration && (
          <Link className="button secondary" to={`/raeume/kalender/${e.id}/anmeldungen`}>
            {t('placesEvents.event.registrations')}
          </Link>
        )}
        {e.abilities.cancel && (
          <ConfirmButton
            label={t('placesEvents.event.cancel')}
            title={t('placesEvents.event.cancelTitle')}
            message={
              told > 0
                ? t('placesEvents.event.cancelText', { count: told })
                : t('placesEvents.event.cancelTextNone')
            }
            confirmLabel={t('placesEvents.event.cancelConfirm')}
            onConfirm={async () => {
              await api(`/places/events/${e.id}/cancel`, { method: 'POST', body: { reason } });
              await onChanged();
            }}
            done={t('placesEvents.event.cancelDone')}
          >
            <div className="field">
              <label htmlFor={reasonId}>{t('placesEvents.event.cancelReason')}</label>
              <textarea
                id={reasonId}
                rows={3}
                maxLength={1000}
                value={reason}
                onChange={(x) => setReason(x.target.value)}
              />
            </div>
          </ConfirmButton>
        )}
      </div>
    </section>
  );
}

/** /raeume/kalender/:id — an event: what, when, where, for whom, registering; the host's tools. */
export default function EventPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const event = useQuery({
    queryKey: eventKeys.event(id),
    queryFn: () => api<PlaceEvent>(`/places/events/${id}`),
  });
  const changed = async () => {
    await qc.invalidateQueries({ queryKey: eventKeys.calendar() });
    await qc.invalidateQueries({ queryKey: eventKeys.mine() });
    await event.refetch();
  };

  return (
    <QueryView query={event}>
      {(e) => (
        <article className="event-page">
          <p>
            <Link to="/raeume/kalender">
              <span aria-hidden="true">← </span>
              {t('placesEvents.event.back')}
            </Link>
          </p>
          <PageHeading title={e.title} />
          {e.status === 'cancelled' && (
            <div className="event-cancelled" role="note">
              <p>
                <strong>{t('placesEvents.event.cancelled')}</strong>
              </p>
              {e.cancelReason && <p>{t('placesEvents.event.cancelledWhy', { reason: e.cancelReason })}</p>}
            </div>
          )}
          <dl className="event-facts">
            <div>
              <dt>{t('placesEvents.event.when')}</dt>
              <dd>{formatSlot(e.startsAt, e.endsAt)}</dd>
            </div>
            {e.venue && (
              <div>
                <dt>{t('placesEvents.event.where')}</dt>
                <dd>{e.venue}</dd>
              </div>
            )}
            {e.online && (
              <div>
                <dt>{t('placesEvents.event.online')}</dt>
                <dd>
                  {e.onlineUrl ? (
                    <a href={e.onlineUrl} rel="noopener noreferrer nofollow" target="_blank">
                      {t('placesEvents.event.onlineJoin')}
                    </a>
                  ) : (
                    t('placesEvents.event.onlineAfterRegistering')
                  )}
                </dd>
              </div>
            )}
            {e.district && (
              <div>
                <dt>{t('placesEvents.event.district')}</dt>
                <dd>{e.district.name}</dd>
              </div>
            )}
            {e.venue && (
              <div>
                <dt>{t('placesEvents.event.access')}</dt>
                <dd>{e.stepFree ? t('placesEvents.event.stepFree') : t('placesEvents.event.notStepFree')}</dd>
              </div>
            )}
            <div>
              <dt>{t('placesEvents.event.cost')}</dt>
              <dd>{e.free ? t('placesEvents.event.free') : e.price}</dd>
            </div>
            <div>
              <dt>{t('placesEvents.event.host')}</dt>
              <dd>{e.host.name}</dd>
            </div>
            <div>
              <dt>{t('placesEvents.event.audience')}</dt>
              <dd>
                {e.visibility === 'public'
                  ? t('placesEvents.event.everyone')
                  : t('placesEvents.event.membersOf', { host: e.host.name })}
              </dd>
            </div>
            {e.registration && (
              <div>
                <dt>{t('placesEvents.event.places')}</dt>
                <dd>{placesText(t, e)}</dd>
              </div>
            )}
          </dl>
          <Registration e={e} onChanged={changed} />
          {e.html && <RichText html={e.html} className="event-description" />}
          <HostTools e={e} onChanged={changed} />
        </article>
      )}
    </QueryView>
  );
}
