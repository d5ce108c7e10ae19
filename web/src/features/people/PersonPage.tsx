import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../app/api.ts';
import { useSession } from '../../app/session.tsx';
import type { Person } from '../../app/types.ts';
import { ErrorState, Loading, PageHeading, Tags } from '../../app/ui.tsx';

/** What a person shares about themselves with the network. */
export function PersonPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const { session } = useSession();
  const person = useQuery({
    queryKey: ['person', id],
    queryFn: () => api<Person>(`/people/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
  });
  if (person.isPending) return <Loading />;
  if (person.isError) {
    return (
      <>
        <PageHeading title={t('person.unavailable')} />
        <ErrorState error={person.error} />
      </>
    );
  }
  const p = person.data;
  const languageName = (code: string) => {
    try {
      return new Intl.DisplayNames([t('localeTag')], { type: 'language' }).of(code) ?? code;
    } catch {
      return code;
    }
  };
  return (
    <>
      <PageHeading title={p.displayName}>
        {session.account && session.account.id !== p.id && (
          <p>
            {/* the way to pick someone new there: nobody's name is listed for everyone to search */}
            <Link className="button secondary" to={`/begegnungen?mit=${encodeURIComponent(p.id)}`}>
              {t('person.logInteraction', { name: p.displayName })}
            </Link>
          </p>
        )}
      </PageHeading>
      <div className="stack">
        <section className="card" aria-labelledby="person-about">
          <h2 id="person-about">{t('person.about')}</h2>
          {p.bio ? <p className="prewrap">{p.bio}</p> : <p className="muted">{t('person.noBio')}</p>}
          {p.skills.length > 0 && (
            <>
              <h3>{t('profile.skills')}</h3>
              <Tags items={p.skills} label={t('profile.skills')} />
            </>
          )}
          {p.interests.length > 0 && (
            <>
              <h3>{t('profile.interests')}</h3>
              <Tags items={p.interests} label={t('profile.interests')} />
            </>
          )}
          {p.languages.length > 0 && (
            <>
              <h3>{t('profile.languages')}</h3>
              <Tags items={p.languages.map(languageName)} label={t('profile.languages')} />
            </>
          )}
        </section>
        <section className="card" aria-labelledby="person-orgs">
          <h2 id="person-orgs">{t('person.organisations')}</h2>
          {p.memberships.length === 0 ? (
            <p className="muted">{t('person.noOrganisations')}</p>
          ) : (
            <ul className="link-list">
              {p.memberships.map((m) => (
                <li key={m.organisationId}>
                  <Link to={`/organisationen/${m.slug}`}>{m.name}</Link>{' '}
                  <span className="muted">({t(`role.${m.role}`)})</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}
