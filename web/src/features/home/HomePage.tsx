import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../app/session.tsx';
import { PageHeading } from '../../app/ui.tsx';

/** Start: what this network is, in plain words, and where to go next. */
export function HomePage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const account = session.account;
  return (
    <>
      <PageHeading title={session.network.name}>
        <p className="lead">{t('home.lead', { network: session.network.name })}</p>
      </PageHeading>
      {account && (
        <section className="card" aria-labelledby="home-welcome">
          <h2 id="home-welcome">{t('home.welcome', { name: account.displayName })}</h2>
          {account.memberships.length === 0 ? (
            <p>{t('home.noMemberships')}</p>
          ) : (
            <>
              <p>{t('home.yourOrganisations')}</p>
              <ul className="link-list">
                {account.memberships.map((m) => (
                  <li key={m.organisationId}>
                    <Link to={`/organisationen/${m.slug}`}>{m.name}</Link>{' '}
                    <span className="muted">({t(`role.${m.role}`)})</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
      <section aria-labelledby="home-what">
        <h2 id="home-what">{t('home.whatTitle')}</h2>
        <p>{t('home.what1')}</p>
        <p>{t('home.what2')}</p>
        <ul className="feature-list">
          <li>
            <Link to="/organisationen">{t('home.linkOrganisations')}</Link>
            <span>{t('home.linkOrganisationsText')}</span>
          </li>
          <li>
            <Link to="/suche">{t('home.linkSearch')}</Link>
            <span>{t('home.linkSearchText')}</span>
          </li>
          {!account && (
            <li>
              <Link to="/anmelden">{t('home.linkSignIn')}</Link>
              <span>{t('home.linkSignInText')}</span>
            </li>
          )}
        </ul>
      </section>
      <section aria-labelledby="home-privacy">
        <h2 id="home-privacy">{t('home.privacyTitle')}</h2>
        <p>{t('home.privacy')}</p>
      </section>
    </>
  );
}
