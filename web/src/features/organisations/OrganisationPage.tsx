import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../app/api.ts';
import { useSession } from '../../app/session.tsx';
import type { NetworkSettings, Organisation } from '../../app/types.ts';
import { ErrorState, Loading, PageHeading, QueryView } from '../../app/ui.tsx';
import { FlagButton } from './FlagButton.tsx';
import { OrganisationOffers } from './OrganisationOffers.tsx';
import { OrganisationServices } from './OrganisationServices.tsx';

const OrganisationMap = lazy(() => import('./OrganisationMap.tsx'));

export function useOrganisation(slug: string | undefined) {
  return useQuery({
    queryKey: ['organisation', slug],
    queryFn: () => api<Organisation>(`/organisations/${encodeURIComponent(slug ?? '')}`),
    enabled: Boolean(slug),
  });
}

export function useNetworkSettings() {
  return useQuery({
    queryKey: ['network'],
    queryFn: () => api<NetworkSettings>('/network'),
    retry: false,
    staleTime: 5 * 60_000,
  });
}

function Details({ org }: { org: Organisation }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const network = useNetworkSettings();
  const tiles = network.data?.settings;
  const canAdmin = org.abilities.update || org.abilities.manageMembers || org.abilities.invite;
  const myRole = session.account?.memberships.find((m) => m.organisationId === org.id)?.role;
  return (
    <>
      <PageHeading title={org.name}>
        <p className="meta">
          {t(`sector.${org.sector}`)} · {t(`kind.${org.kind}`)} ·{' '}
          {t('organisation.memberCount', { count: org.memberCount })}
        </p>
      </PageHeading>
      {myRole && <p className="notice">{t('organisation.yourRole', { role: t(`role.${myRole}`) })}</p>}
      {canAdmin && (
        <p>
          <Link className="button primary" to={`/organisationen/${org.slug}/verwaltung`}>
            {t('organisation.manage')}
          </Link>
        </p>
      )}
      <div className="columns">
        <section aria-labelledby="org-about" className="card">
          <h2 id="org-about">{t('organisation.about')}</h2>
          {org.description ? (
            <p className="prewrap">{org.description}</p>
          ) : (
            <p className="muted">{t('organisation.noDescription')}</p>
          )}
        </section>
        <section aria-labelledby="org-contact" className="card">
          <h2 id="org-contact">{t('organisation.contact')}</h2>
          {org.website || org.email || org.phone || org.address ? (
            <dl className="facts">
              {org.address && (
                <>
                  <dt>{t('organisation.address')}</dt>
                  <dd className="prewrap">{org.address}</dd>
                </>
              )}
              {org.phone && (
                <>
                  <dt>{t('organisation.phone')}</dt>
                  <dd>
                    <a href={`tel:${org.phone.replace(/[^+\d]/g, '')}`}>{org.phone}</a>
                  </dd>
                </>
              )}
              {org.email && (
                <>
                  <dt>{t('organisation.email')}</dt>
                  <dd>
                    <a href={`mailto:${org.email}`}>{org.email}</a>
                  </dd>
                </>
              )}
              {org.website && (
                <>
                  <dt>{t('organisation.website')}</dt>
                  <dd>
                    <a href={org.website} rel="noopener noreferrer">
                      {org.website.replace(/^https?:\/\//, '')}
                    </a>
                  </dd>
                </>
              )}
            </dl>
          ) : (
            <p className="muted">{t('organisation.noContact')}</p>
          )}
          <p>
            <Link className="button primary" to={`/organisationen/${org.slug}/anfrage`}>
              {t('help.need.askOrganisation')}
            </Link>
          </p>
        </section>
      </div>
      <OrganisationServices org={org} />
      <OrganisationOffers org={org} />
      {org.lat !== null && org.lng !== null && (
        <section aria-labelledby="org-map" className="card">
          <h2 id="org-map">{t('organisation.map')}</h2>
          <Suspense fallback={<Loading />}>
            <OrganisationMap
              lat={org.lat}
              lng={org.lng}
              name={org.name}
              zoom={Math.max(15, tiles?.mapZoom ?? 15)}
            />
          </Suspense>
        </section>
      )}
      {session.account && session.abilities.flag && (
        <p className="page-end">
          <FlagButton entityType="organisation" entityId={org.id} />
        </p>
      )}
      <p>
        <Link to="/organisationen">{t('organisation.back')}</Link>
      </p>
    </>
  );
}

export function OrganisationPage() {
  const { t } = useTranslation();
  const { slug } = useParams();
  const org = useOrganisation(slug);
  if (org.isError) {
    return (
      <>
        <PageHeading title={t('organisation.unavailable')} />
        <ErrorState error={org.error} />
        <p>
          <Link to="/organisationen">{t('organisation.back')}</Link>
        </p>
      </>
    );
  }
  return <QueryView query={org}>{(o) => <Details org={o} />}</QueryView>;
}
