import './help.css';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../app/api.ts';
import { useSession } from '../../app/session.tsx';
import { TileIcon } from '../../app/TileIcon.tsx';
import type { Page } from '../../app/types.ts';
import { Empty, PageHeading, QueryView } from '../../app/ui.tsx';
import { type HelpType, type Need, needBySlug, needQuery } from './needs.ts';
import { useSignInHere } from './parts.tsx';

/** A search hit as the help path reads it (server/routes/api/search): what it is, and where it leads. */
interface Hit {
  type?: string;
  entityType: string;
  entityId: string;
  title: string;
  snippet: string;
  link: string;
}

const kindOf = (h: Hit): HelpType | string => h.type ?? h.entityType;
const organisationSlug = (link: string) => /^\/organisationen\/([^/?#]+)$/.exec(link)?.[1];

/** How many things the search is asked for, and how many of each group the second tap shows. */
const asked = 24;
const perGroup = { organisations: 6, offers: 8 };

export function useNeedResults(need: Need | undefined, signedIn: boolean) {
  return useQuery({
    queryKey: ['help', 'need', need?.slug, signedIn],
    queryFn: () =>
      api<Page<Hit>>('/search', {
        query: { q: need ? needQuery(need) : '', type: need?.types.join(','), limit: asked },
      }),
    enabled: Boolean(need),
  });
}

function HitCard({ hit, subject }: { hit: Hit; subject: string }) {
  const { t } = useTranslation();
  const slug = kindOf(hit) === 'organisation' ? organisationSlug(hit.link) : undefined;
  return (
    <li className="card help-hit">
      <p className="meta">{t(`help.need.type.${kindOf(hit)}`, { defaultValue: '' })}</p>
      <h3>
        <Link to={hit.link}>{hit.title}</Link>
      </h3>
      {hit.snippet.trim() && <p className="clamp">{hit.snippet.trim()}</p>}
      {slug && (
        <p>
          <Link
            className="button secondary"
            to={`/organisationen/${slug}/anfrage?betreff=${encodeURIComponent(subject)}`}
          >
            {t('help.need.askOrganisation')}
            <span className="visually-hidden">: {hit.title}</span>
          </Link>
        </p>
      )}
    </li>
  );
}

/**
 * /hilfe-finden/:need: the second tap — who helps with it (organisations) and what is offered
 * (services, things to borrow, the neighbours' offers in the Tauschring for people signed in), each
 * one tap from its page; and, whatever was found, a way to ask: an organisation directly, or
 * everyone in the Tauschring.
 */
export default function NeedPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const { need: slug } = useParams();
  const need = needBySlug(slug);
  const signIn = useSignInHere();
  const results = useNeedResults(need, Boolean(session.account));
  if (!need) {
    return (
      <>
        <PageHeading title={t('help.find.title')} />
        <p role="alert">{t('help.need.unknown')}</p>
        <p>
          <Link to="/hilfe-finden">{t('help.need.back')}</Link>
        </p>
      </>
    );
  }
  const title = t(`help.needs.${need.key}.title`);
  return (
    <>
      <PageHeading title={title}>
        <p className="lead">{t('help.need.lead', { network: session.network.name })}</p>
        <p>
          <Link to={`/hilfe-finden/${need.slug}/fragen`}>{t('help.need.askDirectly')}</Link>
        </p>
      </PageHeading>
      <QueryView query={results}>
        {(page) => {
          const organisations = page.items
            .filter((h) => kindOf(h) === 'organisation')
            .slice(0, perGroup.organisations);
          const offers = page.items.filter((h) => kindOf(h) !== 'organisation').slice(0, perGroup.offers);
          return (
            <>
              {page.items.length === 0 && <Empty>{t('help.need.none')}</Empty>}
              {need.types.includes('organisation') && organisations.length > 0 && (
                <section aria-labelledby="help-who">
                  <h2 id="help-who">{t('help.need.who')}</h2>
                  <ul className="card-list">
                    {organisations.map((h) => (
                      <HitCard key={h.entityId} hit={h} subject={title} />
                    ))}
                  </ul>
                </section>
              )}
              {offers.length > 0 && (
                <section aria-labelledby="help-offers">
                  <h2 id="help-offers">{t('help.need.offers')}</h2>
                  <ul className="card-list">
                    {offers.map((h) => (
                      <HitCard key={`${h.entityType}:${h.entityId}`} hit={h} subject={title} />
                    ))}
                  </ul>
                </section>
              )}
            </>
          );
        }}
      </QueryView>
      {!session.account && (
        <p className="notice">
          {t('help.need.signInForMore')} <Link to={signIn}>{t('help.need.signInForMoreLink')}</Link>
        </p>
      )}
      <section className="card help-ask" aria-labelledby="help-ask-title">
        <TileIcon path="M4 5h16v10H9l-5 4V5Zm8 2v4m0 2v.1" />
        <div>
          <h2 id="help-ask-title">{t('help.need.askTitle')}</h2>
          <p>{t('help.need.askText')}</p>
          <p>
            <Link className="button primary" to={`/hilfe-finden/${need.slug}/fragen`}>
              {t('help.need.askButton')}
            </Link>
          </p>
        </div>
      </section>
      <ul className="page-end link-list">
        <li>
          <Link to="/hilfe-finden">{t('help.need.back')}</Link>
        </li>
        <li>
          <Link to={`/suche?q=${encodeURIComponent(need.words[0] ?? '')}`}>{t('help.need.searchMore')}</Link>
        </li>
        <li>
          <Link to="/organisationen">{t('help.need.directory')}</Link>
        </li>
      </ul>
    </>
  );
}
