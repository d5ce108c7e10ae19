import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../app/api.ts';
import { FormError, useAction } from '../../../app/forms.tsx';
import { PageHeading, QueryView } from '../../../app/ui.tsx';
import './analytics.css';
import { analyticsKeys } from './queries.ts';
import type { Ego } from './types.ts';

/**
 * One's own network: the organisations and communities one dealt with (people only counted), how
 * diverse the contacts are, and the choice not to be counted. Only the person sees it.
 */
export function OwnNetworkPage() {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: analyticsKeys.me(), queryFn: () => api<Ego>('/places/analytics/me') });
  return (
    <div className="places-analytics">
      <PageHeading title={t('placesAnalytics.own.title')}>
        <p className="lead">{t('placesAnalytics.own.lead')}</p>
      </PageHeading>
      <QueryView query={query}>{(ego) => <Own ego={ego} />}</QueryView>
    </div>
  );
}

function Own({ ego }: { ego: Ego }) {
  const { t } = useTranslation();
  const list = (xs: string[]) => (xs.length ? xs.join(', ') : t('placesAnalytics.own.noneYet'));
  return (
    <>
      {ego.interactions.total === 0 ? (
        <p className="state state-empty">{t('placesAnalytics.own.empty')}</p>
      ) : (
        <>
          <p>
            {t('placesAnalytics.own.interactions', {
              count: ego.interactions.total,
              online: ego.interactions.online,
            })}
            {' · '}
            {t('placesAnalytics.own.people', { count: ego.people })}
          </p>
          {ego.peopleOptedOut > 0 && (
            <p className="meta">{t('placesAnalytics.own.optedOutPeople', { count: ego.peopleOptedOut })}</p>
          )}
          <section aria-labelledby="diversity-heading">
            <h2 id="diversity-heading">{t('placesAnalytics.own.diversity')}</h2>
            <p>
              {t('placesAnalytics.own.sectors', {
                list: list(ego.diversity.sectors.map((s) => t(`sector.${s}`))),
              })}
            </p>
            <p>{t('placesAnalytics.own.districts', { list: list(ego.diversity.districts) })}</p>
          </section>
          <section aria-labelledby="groups-heading">
            <h2 id="groups-heading">{t('placesAnalytics.own.groups')}</h2>
            <ul className="cards">
              {ego.groups.map((g) => (
                <li key={g.id} className="card">
                  <h3>{g.name}</h3>
                  <p className="meta">
                    {t(`placesAnalytics.table.types.${g.type}`)}
                    {g.sector ? ` · ${t(`sector.${g.sector}`)}` : ''}
                    {g.district ? ` · ${g.district}` : ''}
                  </p>
                  <p>
                    {g.direct > 0 && t('placesAnalytics.own.direct', { count: g.direct })}
                    {g.direct > 0 && g.viaPeople > 0 && ' · '}
                    {g.viaPeople > 0 && t('placesAnalytics.own.viaPeople', { count: g.viaPeople })}
                  </p>
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
      <OptOut optOut={ego.optOut} />
      {ego.coordinator && (
        <p>
          <Link to="/raeume/netzwerk">{t('placesAnalytics.own.townNetwork')}</Link>
        </p>
      )}
    </>
  );
}

function OptOut({ optOut }: { optOut: boolean }) {
  const { t } = useTranslation();
  const [checked, setChecked] = useState(optOut);
  const client = useQueryClient();
  const save = useAction();
  return (
    <section aria-labelledby="optout-heading">
      <h2 id="optout-heading">{t('placesAnalytics.own.optOut.heading')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const form = e.currentTarget;
          void save.run(
            async () => {
              await api('/places/analytics/me/opt-out', { method: 'PUT', body: { optOut: checked } });
              await client.invalidateQueries({ queryKey: analyticsKeys.me() });
            },
            form,
            checked ? t('placesAnalytics.own.optOut.doneOut') : t('placesAnalytics.own.optOut.doneIn'),
          );
        }}
      >
        <FormError error={save.error} />
        <p className="meta" id="optout-explain">
          {t('placesAnalytics.own.optOut.explain')}
        </p>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={checked}
            aria-describedby="optout-explain"
            onChange={(e) => setChecked(e.target.checked)}
          />{' '}
          {t('placesAnalytics.own.optOut.label')}
        </label>
        <button type="submit" className="button primary" disabled={save.pending}>
          {t('placesAnalytics.own.optOut.save')}
        </button>
      </form>
    </section>
  );
}
