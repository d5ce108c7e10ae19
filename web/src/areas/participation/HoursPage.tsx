import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { FormError, SelectField, SubmitButton, TextField, useAction } from '../../app/forms.tsx';
import { formatMinutes, localDate } from '../../app/localTime.ts';
import type { Page } from '../../app/types.ts';
import { PageHeading, Pagination, QueryView } from '../../app/ui.tsx';
import { useAllOrganisations } from '../../features/organisations/useAllOrganisations.ts';
import { ParticipationNav } from './common.tsx';
import { HoursRow } from './HoursParts.tsx';
import { participationKeys } from './queries.ts';
import type { Certificate, Hours, HoursStatus } from './types.ts';

/** Log hours given to an organisation; its coordinators confirm or reject them. */
function LogHoursForm({ onLogged }: { onLogged: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const form = useRef<HTMLFormElement>(null);
  const action = useAction({ done: t('participation.hours.logged') });
  const organisations = useAllOrganisations();
  const [organisationId, setOrganisationId] = useState('');
  const [activity, setActivity] = useState('');
  const [date, setDate] = useState(localDate(new Date()));
  const [hours, setHours] = useState('');
  const [minutes, setMinutes] = useState('');

  function submit(e: FormEvent) {
    e.preventDefault();
    void action.run(async () => {
      await api('/hours', {
        method: 'POST',
        body: {
          organisationId,
          activity: activity.trim(),
          date,
          minutes: Number(hours || 0) * 60 + Number(minutes || 0),
        },
      });
      setActivity('');
      setHours('');
      setMinutes('');
      await onLogged();
    }, form.current);
  }

  return (
    <form ref={form} className="card" onSubmit={submit} aria-labelledby="log-title" noValidate>
      <h2 id="log-title">{t('participation.hours.logTitle')}</h2>
      <p className="hint">{t('participation.hours.logHint')}</p>
      <FormError error={action.error} fields={['organisationId', 'activity', 'date', 'minutes']} />
      <SelectField
        label={t('participation.hours.organisation')}
        name="organisationId"
        required
        value={organisationId}
        onChange={(e) => setOrganisationId(e.target.value)}
        options={[
          { value: '', label: t('participation.hours.chooseOrganisation') },
          ...(organisations.data?.items ?? []).map((o) => ({ value: o.id, label: o.name })),
        ]}
        error={action.error}
      />
      <TextField
        label={t('participation.hours.activity')}
        name="activity"
        required
        minLength={2}
        maxLength={200}
        value={activity}
        onChange={(e) => setActivity(e.target.value)}
        error={action.error}
      />
      <div className="field-row">
        <TextField
          label={t('participation.hours.date')}
          name="date"
          type="date"
          required
          max={localDate(new Date())}
          value={date}
          onChange={(e) => setDate(e.target.value)}
          error={action.error}
        />
        <TextField
          label={t('participation.hours.hours')}
          name="hours"
          type="number"
          min={0}
          max={24}
          inputMode="numeric"
          value={hours}
          onChange={(e) => setHours(e.target.value)}
          error={action.error}
          serverField="minutes"
        />
        <TextField
          label={t('participation.hours.minutes')}
          name="minutes"
          type="number"
          min={0}
          max={59}
          inputMode="numeric"
          value={minutes}
          onChange={(e) => setMinutes(e.target.value)}
        />
      </div>
      <SubmitButton pending={action.pending}>{t('participation.hours.log')}</SubmitButton>
    </form>
  );
}

const hoursPage = 10;

/** /mitmachen/stunden — my hours across organisations, logging, and the volunteer certificate. */
export function HoursPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [status, setStatus] = useState<'' | HoursStatus>('');
  const [offset, setOffset] = useState(0);
  const certificate = useQuery({
    queryKey: participationKeys.hours('certificate'),
    queryFn: () => api<Certificate>('/hours/certificate'),
  });
  const list = useQuery({
    queryKey: participationKeys.hours('mine', status, offset),
    queryFn: () =>
      api<Page<Hours>>('/hours', { query: { status: status || undefined, limit: hoursPage, offset } }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => qc.invalidateQueries({ queryKey: participationKeys.hours() });

  return (
    <>
      <PageHeading title={t('participation.hours.title')}>
        <p className="lead">{t('participation.hours.lead')}</p>
      </PageHeading>
      <ParticipationNav />
      <section aria-labelledby="certificate-title" className="card">
        <h2 id="certificate-title">{t('participation.hours.certificateTitle')}</h2>
        <QueryView query={certificate}>
          {(c) =>
            c.totalMinutes === 0 ? (
              <p>{t('participation.hours.noneConfirmed')}</p>
            ) : (
              <>
                <p>{t('participation.hours.total', { time: formatMinutes(t, c.totalMinutes) })}</p>
                <ul className="plain-list">
                  {c.organisations.map((o) => (
                    <li key={o.id}>
                      {o.name}: {formatMinutes(t, o.minutes)}
                    </li>
                  ))}
                </ul>
                <div className="actions">
                  <a
                    className="button secondary"
                    href="/api/v1/hours/certificate.html"
                    target="_blank"
                    rel="noopener"
                  >
                    {t('participation.hours.certificatePage')}
                    <span className="visually-hidden"> {t('participation.hours.newWindow')}</span>
                  </a>
                  <a className="button primary" href="/api/v1/hours/certificate.pdf" download>
                    {t('participation.hours.certificatePdf')}
                  </a>
                </div>
              </>
            )
          }
        </QueryView>
      </section>
      <LogHoursForm onLogged={refresh} />
      <section aria-labelledby="history-title" id="history" tabIndex={-1}>
        <h2 id="history-title">{t('participation.hours.history')}</h2>
        <div className="field narrow">
          <SelectField
            label={t('participation.hours.filterStatus')}
            name="status"
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as '' | HoursStatus);
              setOffset(0);
            }}
            options={[
              { value: '', label: t('participation.hours.allStatuses') },
              ...(['pending', 'confirmed', 'rejected'] as const).map((s) => ({
                value: s,
                label: t(`participation.hours.status.${s}`),
              })),
            ]}
          />
        </div>
        <QueryView query={list} isEmpty={(p) => p.items.length === 0} empty={t('participation.hours.none')}>
          {(p) => (
            <>
              <p role="status">{t('participation.hours.count', { count: p.total })}</p>
              <ul className="card-list">
                {p.items.map((h) => (
                  <li key={h.id} className="card hours-card">
                    <HoursRow h={h} />
                  </li>
                ))}
              </ul>
              <Pagination
                total={p.total}
                limit={p.limit}
                offset={p.offset}
                onOffset={(o) => {
                  setOffset(o);
                  document.getElementById('history')?.focus();
                }}
              />
            </>
          )}
        </QueryView>
      </section>
    </>
  );
}
