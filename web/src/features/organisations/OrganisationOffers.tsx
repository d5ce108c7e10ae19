import type { Static } from '@fastify/type-provider-typebox';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PostSummary } from '../../../../server/areas/knowledge/news/routes/posts/schema.ts';
import type { OpportunityView } from '../../../../server/areas/participation/routes/opportunities/schema.ts';
import type { PostView } from '../../../../server/areas/sharing/routes/exchange/schema.ts';
import type { ResourceView } from '../../../../server/areas/sharing/routes/resources/schema.ts';
import { api } from '../../app/api.ts';
import { useSession } from '../../app/session.tsx';
import type { Organisation, Page } from '../../app/types.ts';
import { formatDate, QueryView } from '../../app/ui.tsx';

type Resource = Static<typeof ResourceView>;
type Opportunity = Static<typeof OpportunityView>;
type Post = Static<typeof PostView>;
type NewsPost = Static<typeof PostSummary>;

/** How many of each the page shows before it links to the whole list. */
const shown = 5;

function More({ total, to, label }: { total: number; to: string; label: string }) {
  if (total <= shown) return null;
  return (
    <p>
      <Link to={to}>{label}</Link>
    </p>
  );
}

/**
 * What an organisation offers, on its page: its latest news (Wissen), things and rooms to share (Teilen), its opportunities to
 * get involved (Mitmachen) and — for those signed in, as the board is — its Tauschring posts. Each
 * from the area's own list with an organisation filter; each with an empty state that says so.
 */
export function OrganisationOffers({ org }: { org: Organisation }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const query = { organisationId: org.id, limit: shown };
  const resources = useQuery({
    queryKey: ['organisation', org.id, 'resources'],
    queryFn: () => api<Page<Resource>>('/resources', { query }),
  });
  const opportunities = useQuery({
    queryKey: ['organisation', org.id, 'opportunities'],
    queryFn: () => api<Page<Opportunity>>('/opportunities', { query }),
  });
  const news = useQuery({
    queryKey: ['organisation', org.id, 'news'],
    queryFn: () => api<Page<NewsPost>>('/news', { query: { organisationId: org.id, limit: 3 } }),
  });
  const posts = useQuery({
    queryKey: ['organisation', org.id, 'exchange'],
    queryFn: () => api<Page<Post>>('/exchange/posts', { query }),
    enabled: Boolean(session.account),
  });
  const newsOf = `/wissen/neuigkeiten?organisation=${encodeURIComponent(org.slug)}`;
  return (
    <>
      <section aria-labelledby="org-news" className="card">
        <h2 id="org-news">{t('organisation.offers.news')}</h2>
        <QueryView
          query={news}
          isEmpty={(p) => p.items.length === 0}
          empty={t('organisation.offers.noNews', { name: org.name })}
        >
          {(p) => (
            <ul className="link-list org-offers">
              {p.items.map((n) => (
                <li key={n.id}>
                  <Link to={`/wissen/neuigkeiten/${n.id}`}>{n.title}</Link>
                  {n.publishedAt && <span className="meta"> · {formatDate(n.publishedAt)}</span>}
                </li>
              ))}
            </ul>
          )}
        </QueryView>
        <p>
          <Link to={newsOf}>{t('organisation.offers.allNews', { name: org.name })}</Link>
        </p>
      </section>
      <section aria-labelledby="org-opportunities" className="card">
        <h2 id="org-opportunities">{t('organisation.offers.opportunities')}</h2>
        <QueryView
          query={opportunities}
          isEmpty={(p) => p.items.length === 0}
          empty={t('organisation.offers.noOpportunities', { name: org.name })}
        >
          {(p) => (
            <>
              <ul className="link-list org-offers">
                {p.items.map((o) => (
                  <li key={o.id}>
                    <Link to={`/mitmachen/${o.id}`}>{o.title}</Link>
                    <span className="meta"> · {t(`participation.level.${o.level}`)}</span>
                  </li>
                ))}
              </ul>
              <More
                total={p.total}
                to="/mitmachen"
                label={t('organisation.offers.allOpportunities', { count: p.total })}
              />
            </>
          )}
        </QueryView>
      </section>
      <section aria-labelledby="org-resources" className="card">
        <h2 id="org-resources">{t('organisation.offers.resources')}</h2>
        <QueryView
          query={resources}
          isEmpty={(p) => p.items.length === 0}
          empty={t('organisation.offers.noResources', { name: org.name })}
        >
          {(p) => (
            <>
              <ul className="link-list org-offers">
                {p.items.map((r) => (
                  <li key={r.id}>
                    <Link to={`/teilen/ressourcen/${r.id}`}>{r.title}</Link>
                    <span className="meta"> · {t(`sharing.kind.${r.kind}`)}</span>
                  </li>
                ))}
              </ul>
              <More
                total={p.total}
                to="/teilen"
                label={t('organisation.offers.allResources', { count: p.total })}
              />
            </>
          )}
        </QueryView>
      </section>
      {session.account && (
        <section aria-labelledby="org-exchange" className="card">
          <h2 id="org-exchange">{t('organisation.offers.exchange')}</h2>
          <QueryView
            query={posts}
            isEmpty={(p) => p.items.length === 0}
            empty={t('organisation.offers.noExchange', { name: org.name })}
          >
            {(p) => (
              <>
                <ul className="link-list org-offers">
                  {p.items.map((x) => (
                    <li key={x.id}>
                      <Link to={`/tauschring/${x.id}`}>{x.title}</Link>
                      <span className="meta"> · {t(`sharing.exchange.kind.${x.kind}`)}</span>
                    </li>
                  ))}
                </ul>
                <More
                  total={p.total}
                  to="/tauschring"
                  label={t('organisation.offers.allExchange', { count: p.total })}
                />
              </>
            )}
          </QueryView>
        </section>
      )}
    </>
  );
}
