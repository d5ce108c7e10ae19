import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../app/api.ts';
import { SelectField, TextField } from '../../app/forms.tsx';
import { localDate, zonedInstant } from '../../app/localTime.ts';
import { useSession } from '../../app/session.tsx';
import { PageHeading, QueryView, ScrollRegion } from '../../app/ui.tsx';
import { sharingKeys } from './queries.ts';
import { SharingNav } from './SharingNav.tsx';
import type { Utilisation } from './types.ts';

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
    queryKey: sharingKeys.utilisation(owner, from, to),
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
