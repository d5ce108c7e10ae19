import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { announce, originOf } from '../../app/announce.tsx';
import { api, errorMessage } from '../../app/api.ts';
import { FormError, SubmitButton, TextAreaField, TextField, useAction } from '../../app/forms.tsx';
import { formatDateTime, formatSlot } from '../../app/localTime.ts';
import { ConfirmButton, Empty, PageHeading, QueryView } from '../../app/ui.tsx';
import { ParticipationNav, SignupStatusPill } from './common.tsx';
import { participationKeys } from './queries.ts';
import type { Roster } from './types.ts';

function MessageForm({ shiftId }: { shiftId: string }) {
  const { t } = useTranslation();
  const form = useRef<HTMLFormElement>(null);
  const action = useAction();
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [includeWaitlist, setIncludeWaitlist] = useState(false);
  return (
    <form
      ref={form}
      className="card"
      aria-labelledby="message-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(
          async () => {
            const r = await api<{ recipients: number }>(`/shifts/${shiftId}/message`, {
              method: 'POST',
              body: { subject: subject.trim(), body: body.trim(), includeWaitlist },
            });
            setSubject('');
            setBody('');
            return r.recipients;
          },
          form.current,
          (count) => t('participation.roster.sent', { count }),
        );
      }}
    >
      <h2 id="message-title">{t('participation.roster.messageTitle')}</h2>
      <FormError error={action.error} fields={['subject', 'body']} />
      <TextField
        label={t('participation.roster.subject')}
        name="subject"
        required
        minLength={3}
        maxLength={150}
        value={subject}
        onChange={(e) => setSubject(e.target.value)}
        error={action.error}
      />
      <TextAreaField
        label={t('participation.roster.body')}
        name="body"
        required
        maxLength={5000}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        error={action.error}
      />
      <div className="field checkbox">
        <label>
          <input
            type="checkbox"
            checked={includeWaitlist}
            onChange={(e) => setIncludeWaitlist(e.target.checked)}
          />{' '}
          {t('participation.roster.includeWaitlist')}
        </label>
      </div>
      <SubmitButton pending={action.pending}>{t('participation.roster.send')}</SubmitButton>
    </form>
  );
}

/** /mitmachen/schichten/:id — the roster of one shift: check in, mark no-shows, take someone off, write to all, CSV. */
export function RosterPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const roster = useQuery({
    queryKey: participationKeys.shifts('roster', id),
    queryFn: () => api<Roster>(`/shifts/${id}/roster`),
    enabled: Boolean(id),
  });
  const refresh = () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: participationKeys.shifts() }),
      qc.invalidateQueries({ queryKey: participationKeys.hours() }),
    ]);
  async function act(path: string, done: string) {
    const origin = originOf();
    setError(null);
    try {
      await api(path, { method: 'POST' });
      await refresh();
      announce(done, origin);
    } catch (err) {
      setError(err);
    }
  }

  return (
    <QueryView query={roster}>
      {(r) => {
        const started = new Date(r.shift.startsAt).getTime() <= Date.now();
        const checkInOpen = new Date(r.shift.startsAt).getTime() - 60 * 60_000 <= Date.now();
        const active = r.items.filter((i) => i.status !== 'withdrawn');
        return (
          <>
            <PageHeading title={t('participation.roster.title', { title: r.shift.opportunityTitle })}>
              <p className="lead">
                {formatSlot(r.shift.startsAt, r.shift.endsAt)} ·{' '}
                {t('participation.roster.places', { signedUp: r.shift.signedUp, capacity: r.shift.capacity })}
              </p>
            </PageHeading>
            <ParticipationNav />
            <div className="actions">
              <Link className="button secondary" to={`/mitmachen/${r.shift.opportunityId}`}>
                {t('participation.roster.back')}
              </Link>
              <a className="button secondary" href={`/api/v1/shifts/${r.shift.id}/roster.csv`} download>
                {t('participation.roster.csv')}
              </a>
            </div>
            <section aria-labelledby="people-title">
              <h2 id="people-title">{t('participation.roster.people')}</h2>
              {error !== null && (
                <p className="form-error" role="alert">
                  <strong>{t('common.errorPrefix')}</strong> {errorMessage(error)}
                </p>
              )}
              {active.length === 0 ? (
                <Empty>{t('participation.roster.none')}</Empty>
              ) : (
                <ul className="card-list">
                  {active.map((p) => (
                    <li key={p.signupId} className="card roster-card">
                      <h3>{p.name}</h3>
                      <p className="meta">
                        <SignupStatusPill status={p.status} position={p.waitlistPosition} /> · {p.email}
                        {p.checkedInAt &&
                          ` · ${t('participation.roster.checkedInAt', { when: formatDateTime(p.checkedInAt) })}`}
                      </p>
                      <div className="actions">
                        {(p.status === 'signed_up' || p.status === 'no_show') && checkInOpen && (
                          <button
                            type="button"
                            className="button primary"
                            onClick={() =>
                              void act(
                                `/shifts/${r.shift.id}/signups/${p.signupId}/check-in`,
                                t('participation.roster.checkedIn', { name: p.name }),
                              )
                            }
                          >
                            {t('participation.roster.checkIn', { name: p.name })}
                          </button>
                        )}
                        {p.status === 'signed_up' && started && (
                          <button
                            type="button"
                            className="button secondary"
                            onClick={() =>
                              void act(
                                `/shifts/${r.shift.id}/signups/${p.signupId}/no-show`,
                                t('participation.roster.markedNoShow', { name: p.name }),
                              )
                            }
                          >
                            {t('participation.roster.noShow', { name: p.name })}
                          </button>
                        )}
                        {(p.status === 'signed_up' || p.status === 'waitlisted') && (
                          <ConfirmButton
                            className="button danger"
                            label={t('participation.roster.remove', { name: p.name })}
                            title={t('participation.roster.removeTitle')}
                            message={t('participation.roster.removeText', { name: p.name })}
                            confirmLabel={t('participation.roster.removeConfirm')}
                            onConfirm={async () => {
                              const res = await api<{ promoted: boolean }>(
                                `/shifts/${r.shift.id}/signups/${p.signupId}`,
                                { method: 'DELETE' },
                              );
                              await refresh();
                              return res.promoted;
                            }}
                            done={(promoted) =>
                              promoted
                                ? t('participation.roster.removedPromoted', { name: p.name })
                                : t('participation.roster.removed', { name: p.name })
                            }
                          />
                        )}
                      </div>
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <MessageForm shiftId={r.shift.id} />
          </>
        );
      }}
    </QueryView>
  );
}
