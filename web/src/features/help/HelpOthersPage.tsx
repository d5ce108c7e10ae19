import './help.css';
import type { Static } from '@fastify/type-provider-typebox';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { OpportunityView } from '../../../../server/areas/participation/routes/opportunities/schema.ts';
import type { PostView } from '../../../../server/areas/sharing/routes/exchange/schema.ts';
import { api } from '../../app/api.ts';
import { formatDateTime, formatMinutes } from '../../app/localTime.ts';
import { useSession } from '../../app/session.tsx';
import type { Page } from '../../app/types.ts';
import { PageHeading, QueryView } from '../../app/ui.tsx';
import { useSignInHere } from './parts.tsx';

type Opportunity = Static<typeof OpportunityView>;
type Post = Static<typeof PostView>;

function OpportunityItem({ o }: { o: Opportunity }) {
  const { t } = useTranslation();
  const lead = o.organisations.find((x) => x.isLead) ?? o.organisations[0];
  const facts = [
    o.effortMinutes ? t('help.helpOthers.effort', { minutes: formatMinutes(t, o.effortMinutes) }) : null,
    o.mode === 'online' ? t('help.helpOthers.online') : o.place || null,
    o.nextShiftAt ? t('help.helpOthers.next', { date: formatDateTime(o.nextShiftAt) }) : null,
  ].filter(Boolean);
  return (
    <li className="card help-hit">
      <h3>
        <Link to={`/mitmachen/${o.id}`}>{o.title}</Link>
      </h3>
      {lead && <p className="meta">{t('help.helpOthers.by', { name: lead.name })}</p>}
      {facts.length > 0 && <p>{facts.join(' · ')}</p>}
    </li>
  );
}

/**
 * /helfen, "Ich möchte helfen": the smallest step first — mini tasks of at most two hours — then
 * the other ways to take part, then the neighbours who ask for help in the Tauschring, and a way to
 * offer what one can do. (Support circles are private: nobody is shown one to join from here.)
 */
export default function HelpOthersPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const signIn = useSignInHere();
  const mini = useQuery({
    queryKey: ['help', 'mini'],
    queryFn: () => api<Page<Opportunity>>('/opportunities', { query: { level: 'mini', limit: 5 } }),
  });
  const more = useQuery({
    queryKey: ['help', 'opportunities'],
    queryFn: () => api<Page<Opportunity>>('/opportunities', { query: { limit: 12 } }),
    select: (p) => p.items.filter((o) => o.level !== 'mini').slice(0, 5),
  });
  const wants = useQuery({
    queryKey: ['help', 'wants'],
    queryFn: () => api<Page<Post>>('/exchange/posts', { query: { kind: 'want', limit: 5 } }),
    enabled: Boolean(session.account),
  });
  return (
    <>
      <PageHeading title={t('help.helpOthers.title')}>
        <p className="lead">{t('help.helpOthers.lead')}</p>
      </PageHeading>
      <section aria-labelledby="help-mini">
        <h2 id="help-mini">{t('help.helpOthers.mini')}</h2>
        <QueryView query={mini} isEmpty={(p) => p.items.length === 0} empty={t('help.helpOthers.miniNone')}>
          {(p) => (
            <ul className="card-list">
              {p.items.map((o) => (
                <OpportunityItem key={o.id} o={o} />
              ))}
            </ul>
          )}
        </QueryView>
        <p>
          <Link to="/mitmachen?stufe=mini">{t('help.helpOthers.allMini')}</Link>
        </p>
      </section>
      <section aria-labelledby="help-more">
        <h2 id="help-more">{t('help.helpOthers.more')}</h2>
        <QueryView query={more} isEmpty={(items) => items.length === 0} empty={t('help.helpOthers.moreNone')}>
          {(items) => (
            <ul className="card-list">
              {items.map((o) => (
                <OpportunityItem key={o.id} o={o} />
              ))}
            </ul>
          )}
        </QueryView>
        <p>
          <Link to="/mitmachen">{t('help.helpOthers.allOpportunities')}</Link>
        </p>
      </section>
      <section aria-labelledby="help-wants">
        <h2 id="help-wants">{t('help.helpOthers.wants')}</h2>
        {session.account ? (
          <>
            <p>{t('help.helpOthers.wantsLead')}</p>
            <QueryView
              query={wants}
              isEmpty={(p) => p.items.length === 0}
              empty={t('help.helpOthers.wantsNone')}
            >
              {(p) => (
                <ul className="card-list">
                  {p.items.map((w) => (
                    <li key={w.id} className="card help-hit">
                      <h3>
                        <Link to={`/tauschring/${w.id}`}>{w.title}</Link>
                      </h3>
                      <p className="meta">{w.organisation?.name ?? w.author.name}</p>
                      {w.description && <p className="clamp">{w.description}</p>}
                    </li>
                  ))}
                </ul>
              )}
            </QueryView>
            <p>
              <Link to="/tauschring?art=want">{t('help.helpOthers.allWants')}</Link>
            </p>
          </>
        ) : (
          <p className="notice">
            {t('help.helpOthers.wantsSignIn')} <Link to={signIn}>{t('help.helpOthers.wantsSignInLink')}</Link>
          </p>
        )}
      </section>
      <section className="card" aria-labelledby="help-offer">
        <h2 id="help-offer">{t('help.helpOthers.offer')}</h2>
        <p>{t('help.helpOthers.offerText')}</p>
        <p className="actions">
          <Link className="button primary" to="/teilen/neu">
            {t('help.helpOthers.offerSkill')}
          </Link>
          <Link className="button secondary" to="/tauschring">
            {t('help.helpOthers.offerExchange')}
          </Link>
        </p>
      </section>
    </>
  );
}
