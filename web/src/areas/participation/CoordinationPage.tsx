import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { announce, originOf } from '../../app/announce.tsx';
import { api, errorMessage } from '../../app/api.ts';
import { FormError, SelectField, SubmitButton, TextField, useAction } from '../../app/forms.tsx';
import { formatMinutes, localDate } from '../../app/localTime.ts';
import type { Page } from '../../app/types.ts';
import { ConfirmButton, Empty, PageHeading, Pagination, QueryView, ScrollRegion } from '../../app/ui.tsx';
import { OpportunityCard, ParticipationNav, useCoordinatedOrganisations } from './common.tsx';
import { HoursRow } from './HoursParts.tsx';
import { PartnerInvitations } from './PartnerParts.tsx';
import { participationKeys } from './queries.ts';
import { type Hours, ladderLevels, type Opportunity, type Stats as StatsData } from './types.ts';

/** One pending hours entry with confirm and reject (a note goes to the volunteer with either). */
function DecideHours({ h, onDecided }: { h: Hours; onDecided: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const decide = async (what: 'confirm' | 'reject') => {
    await api(`/hours/${h.id}/${what}`, { method: 'POST', body: note.trim() ? { note: note.trim() } : {} });
    await onDecided();
  };
  return (
    <li className="card hours-card">
      <HoursRow h={h} showVolunteer />
      {h.abilities.decide ? (
        <>
          <TextField
            label={t('participation.coordination.note', { name: h.volunteer.name })}
            name={`note-${h.id}`}
            maxLength={1000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <div className="actions">
            <button
              type="button"
              className="button primary"
              disabled={pending}
              onClick={(e) => {
                const origin = originOf(e.currentTarget);
                setPending(true);
                setError(null);
                decide('confirm')
                  .then(() =>
                    announce(t('participation.done.hoursConfirmed', { name: h.volunteer.name }), origin),
                  )
                  .catch(setError)
                  .finally(() => setPending(false));
              }}
            >
              {t('participation.coordination.confirm', { name: h.volunteer.name })}
            </button>
            <ConfirmButton
              className="button secondary"
              label={t('participation.coordination.reject')}
              title={t('participation.coordination.rejectTitle')}
              message={t('participation.coordination.rejectText', {
                name: h.volunteer.name,
                activity: h.activity,
              })}
              confirmLabel={t('participation.coordination.rejectConfirm')}
              onConfirm={() => decide('reject')}
              done={t('participation.done.hoursRejected', { name: h.volunteer.name })}
            />
          </div>
        </>
      ) : (
        <p className="hint">{t('participation.coordination.ownHours')}</p>
      )}
      {error !== null && (
        <p className="form-error" role="alert">
          <strong>{t('common.errorPrefix')}</strong> {errorMessage(error)}
        </p>
      )}
    </li>
  );
}

function PendingHours({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [offset, setOffset] = useState(0);
  const [status, setStatus] = useState<'pending' | 'confirmed' | 'rejected'>('pending');
  const list = useQuery({
    queryKey: participationKeys.hours('organisation', organisationId, status, offset),
    queryFn: () =>
      api<Page<Hours>>(`/hours/organisations/${organisationId}`, { query: { status, limit: 10, offset } }),
    placeholderData: keepPreviousData,
  });
  return (
    <section aria-labelledby="pending-title" id="pending" tabIndex={-1}>
      <h2 id="pending-title">{t('participation.coordination.hoursTitle')}</h2>
      <div className="field narrow">
        <SelectField
          label={t('participation.coordination.hoursShow')}
          name="hoursStatus"
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as typeof status);
            setOffset(0);
          }}
          options={(['pending', 'confirmed', 'rejected'] as const).map((s) => ({
            value: s,
            label: t(`participation.hours.status.${s}`),
          }))}
        />
      </div>
      <QueryView
        query={list}
        isEmpty={(p) => p.items.length === 0}
        empty={
          status === 'pending' ? t('participation.coordination.nonePending') : t('participation.hours.none')
        }
      >
        {(p) => (
          <>
            <p role="status">{t('participation.hours.count', { count: p.total })}</p>
            <ul className="card-list">
              {p.items.map((h) =>
                status === 'pending' ? (
                  <DecideHours
                    key={h.id}
                    h={h}
                    onDecided={() => qc.invalidateQueries({ queryKey: participationKeys.hours() })}
                  />
                ) : (
                  <li key={h.id} className="card hours-card">
                    <HoursRow h={h} showVolunteer />
                  </li>
                ),
              )}
            </ul>
            <Pagination
              total={p.total}
              limit={p.limit}
              offset={p.offset}
              onOffset={(o) => {
                setOffset(o);
                document.getElementById('pending')?.focus();
              }}
            />
          </>
        )}
      </QueryView>
    </section>
  );
}

function CreditSettings({ organisationId, isAdmin }: { organisationId: string; isAdmin: boolean }) {
  const { t } = useTranslation();
  const form = useRef<HTMLFormElement>(null);
  const action = useAction({ done: t('participation.coordination.creditsSaved') });
  const settings = useQuery({
    queryKey: participationKeys.hours('settings', organisationId),
    queryFn: () => api<{ creditMinutesPerHour: number }>(`/hours/settings/${organisationId}`),
  });
  const [rate, setRate] = useState('');
  useEffect(() => {
    if (settings.data) setRate(String(settings.data.creditMinutesPerHour));
  }, [settings.data]);
  return (
    <section aria-labelledby="credits-title" className="card">
      <h2 id="credits-title">{t('participation.coordination.creditsTitle')}</h2>
      <p className="hint">{t('participation.coordination.creditsHint')}</p>
      <QueryView query={settings}>
        {(s) =>
          isAdmin ? (
            <form
              ref={form}
              noValidate
              onSubmit={(e: FormEvent) => {
                e.preventDefault();
                void action.run(async () => {
                  await api(`/hours/settings/${organisationId}`, {
                    method: 'PUT',
                    body: { creditMinutesPerHour: Number(rate) },
                  });
                  await settings.refetch();
                }, form.current);
              }}
            >
              <FormError error={action.error} fields={['creditMinutesPerHour']} />
              <TextField
                label={t('participation.coordination.creditsLabel')}
                name="creditMinutesPerHour"
                type="number"
                min={0}
                max={240}
                required
                value={rate}
                onChange={(e) => setRate(e.target.value)}
                error={action.error}
              />
              <SubmitButton pending={action.pending}>{t('common.save')}</SubmitButton>
            </form>
          ) : (
            <p>
              {s.creditMinutesPerHour === 0
                ? t('participation.coordination.creditsNone')
                : t('participation.coordination.creditsRate', {
                    time: formatMinutes(t, s.creditMinutesPerHour),
                  })}
            </p>
          )
        }
      </QueryView>
    </section>
  );
}

/** Places taken, volunteers and confirmed hours per ladder level, month by month (last six months). */
function Stats({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  const to = localDate(new Date(), 60);
  const from = (() => {
    const d = new Date();
    d.setMonth(d.getMonth() - 5, 1);
    return localDate(d);
  })();
  const stats = useQuery({
    queryKey: participationKeys.opportunities('stats', organisationId, from, to),
    queryFn: () => api<StatsData>('/opportunities/stats', { query: { organisationId, from, to } }),
  });
  // a dash to the eye, words to a screen reader
  const notShown = (
    <>
      <span aria-hidden="true">–</span>
      <span className="visually-hidden">{t('participation.stats.notShown')}</span>
    </>
  );
  const monthName = (m: string) => {
    const [y = 0, mo = 1] = m.split('-').map(Number);
    return new Intl.DateTimeFormat(t('localeTag'), {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(Date.UTC(y, mo - 1, 1)));
  };
  return (
    <section aria-labelledby="stats-title">
      <h2 id="stats-title">{t('participation.stats.title')}</h2>
      <QueryView query={stats} isEmpty={(d) => d.items.length === 0} empty={t('participation.stats.none')}>
        {(d) => (
          <>
            <ScrollRegion label={t('participation.stats.caption')}>
              <table>
                <caption className="visually-hidden">{t('participation.stats.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('participation.stats.month')}</th>
                    <th scope="col">{t('participation.stats.level')}</th>
                    <th scope="col" className="num">
                      {t('participation.stats.signups')}
                    </th>
                    <th scope="col" className="num">
                      {t('participation.stats.volunteers')}
                    </th>
                    <th scope="col" className="num">
                      {t('participation.stats.hours')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {[...d.items]
                    .sort(
                      (a, b) =>
                        a.month.localeCompare(b.month) ||
                        ladderLevels.indexOf(a.level) - ladderLevels.indexOf(b.level),
                    )
                    .map((r) => (
                      <tr key={`${r.month}-${r.level}`}>
                        <th scope="row">{monthName(r.month)}</th>
                        <td>{t(`participation.level.${r.level}`)}</td>
                        {r.suppressed ? (
                          <>
                            <td className="num">{notShown}</td>
                            <td className="num">
                              {t('participation.stats.fewer', { min: d.minPeoplePerCell })}
                            </td>
                            <td className="num">{notShown}</td>
                          </>
                        ) : (
                          <>
                            <td className="num">{r.signups}</td>
                            <td className="num">{r.volunteers}</td>
                            <td className="num">{formatMinutes(t, r.confirmedMinutes)}</td>
                          </>
                        )}
                      </tr>
                    ))}
                </tbody>
              </table>
            </ScrollRegion>
            {d.items.some((r) => r.suppressed) && (
              <p className="muted small">
                {t('participation.stats.suppressedNote', { min: d.minPeoplePerCell })}
              </p>
            )}
          </>
        )}
      </QueryView>
    </section>
  );
}

function OrganisationOpportunities({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  const [offset, setOffset] = useState(0);
  const list = useQuery({
    queryKey: participationKeys.opportunities('organisation', organisationId, offset),
    queryFn: () => api<Page<Opportunity>>('/opportunities', { query: { organisationId, limit: 10, offset } }),
    placeholderData: keepPreviousData,
  });
  return (
    <section aria-labelledby="own-title" id="own" tabIndex={-1}>
      <h2 id="own-title">{t('participation.coordination.opportunities')}</h2>
      <p>
        <Link className="button secondary" to="/mitmachen/neu">
          {t('participation.list.create')}
        </Link>
      </p>
      <QueryView
        query={list}
        isEmpty={(p) => p.items.length === 0}
        empty={t('participation.coordination.noOpportunities')}
      >
        {(p) => (
          <>
            <ul className="card-list">
              {p.items.map((o) => (
                <OpportunityCard key={o.id} o={o} districts={undefined} />
              ))}
            </ul>
            <Pagination
              total={p.total}
              limit={p.limit}
              offset={p.offset}
              onOffset={(o) => {
                setOffset(o);
                document.getElementById('own')?.focus();
              }}
            />
          </>
        )}
      </QueryView>
    </section>
  );
}

/**
 * /mitmachen/koordination — for one organisation: invitations to run an opportunity jointly, hours to
 * decide, its opportunities, credits, counts per level.
 */
export function CoordinationPage() {
  const { t } = useTranslation();
  const mine = useCoordinatedOrganisations();
  const [params, setParams] = useSearchParams();
  const chosen = mine.find((m) => m.organisationId === params.get('org')) ?? mine[0];
  return (
    <>
      <PageHeading title={t('participation.coordination.title')}>
        <p className="lead">{t('participation.coordination.lead')}</p>
      </PageHeading>
      <ParticipationNav />
      {!chosen ? (
        <Empty>{t('participation.edit.notCoordinator')}</Empty>
      ) : (
        <>
          {mine.length > 1 && (
            <div className="field narrow">
              <SelectField
                label={t('participation.coordination.organisation')}
                name="org"
                value={chosen.organisationId}
                onChange={(e) => setParams({ org: e.target.value })}
                options={mine.map((m) => ({ value: m.organisationId, label: m.name }))}
              />
            </div>
          )}
          {mine.length === 1 && <p className="meta">{chosen.name}</p>}
          <PartnerInvitations key={`i-${chosen.organisationId}`} organisationId={chosen.organisationId} />
          <PendingHours key={`h-${chosen.organisationId}`} organisationId={chosen.organisationId} />
          <OrganisationOpportunities
            key={`o-${chosen.organisationId}`}
            organisationId={chosen.organisationId}
          />
          <Stats organisationId={chosen.organisationId} />
          <CreditSettings
            key={`c-${chosen.organisationId}`}
            organisationId={chosen.organisationId}
            isAdmin={chosen.role === 'admin'}
          />
        </>
      )}
    </>
  );
}
