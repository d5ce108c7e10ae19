import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../app/api.ts';
import { useSession } from '../../app/session.tsx';
import type { Page } from '../../app/types.ts';
import { PageHeading, Pagination, QueryView } from '../../app/ui.tsx';
import { useDistricts } from '../../features/profile/ProfilePage.tsx';
import {
  filterQuery,
  hasFilters,
  LevelBadge,
  OpportunityCard,
  OpportunityFilters,
  ParticipationNav,
  readFilters,
  useCoordinatedOrganisations,
} from './common.tsx';
import { participationKeys } from './queries.ts';
import type { NextStep, Opportunity, Suggestion } from './types.ts';

const pageSize = 10;

/** "Your next step": one rung up the ladder from the highest level with confirmed hours. */
function NextStepSection() {
  const { t } = useTranslation();
  const districts = useDistricts();
  const next = useQuery({
    queryKey: participationKeys.opportunities('next-step'),
    queryFn: () => api<NextStep>('/opportunities/next-step', { query: { limit: 3 } }),
  });
  if (!next.data) return null;
  const n = next.data;
  return (
    <section aria-labelledby="next-step-title" className="card next-step">
      <h2 id="next-step-title">{t('participation.nextStep.title')}</h2>
      <p>
        {n.currentLevel ? (
          <>
            {t('participation.nextStep.done')} <LevelBadge level={n.currentLevel} />
          </>
        ) : (
          t('participation.nextStep.start')
        )}
      </p>
      {n.nextLevel ? (
        <>
          <p>
            {t('participation.nextStep.next')} <LevelBadge level={n.nextLevel} />
          </p>
          {n.suggestions.length === 0 ? (
            <p className="state state-empty">{t('participation.nextStep.none')}</p>
          ) : (
            <ul className="card-list">
              {n.suggestions.map((s) => (
                <OpportunityCard
                  key={s.opportunity.id}
                  o={s.opportunity}
                  districts={districts.data}
                  reasons={s.reasons}
                />
              ))}
            </ul>
          )}
        </>
      ) : (
        <p>{t('participation.nextStep.top')}</p>
      )}
    </section>
  );
}

function SuggestionsSection() {
  const { t } = useTranslation();
  const districts = useDistricts();
  const suggestions = useQuery({
    queryKey: participationKeys.opportunities('suggestions'),
    queryFn: () => api<{ items: Suggestion[] }>('/opportunities/suggestions', { query: { limit: 4 } }),
  });
  return (
    <section aria-labelledby="suggestions-title">
      <h2 id="suggestions-title">{t('participation.suggestions.title')}</h2>
      <QueryView
        query={suggestions}
        isEmpty={(d) => d.items.length === 0}
        empty={
          <>
            {t('participation.suggestions.none')}{' '}
            <Link to="/profil">{t('participation.suggestions.profile')}</Link>
          </>
        }
      >
        {(d) => (
          <ul className="card-list">
            {d.items.map((s) => (
              <OpportunityCard
                key={s.opportunity.id}
                o={s.opportunity}
                districts={districts.data}
                reasons={s.reasons}
              />
            ))}
          </ul>
        )}
      </QueryView>
    </section>
  );
}

/** /mitmachen: find an opportunity — the next step and suggestions for signed-in people, then the filtered list. */
export default function ListPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const districts = useDistricts();
  const coordinates = useCoordinatedOrganisations().length > 0;
  const filters = readFilters(params);
  const offset = Math.max(0, Number(params.get('ab') ?? 0) || 0);
  const query = filterQuery(filters);
  const list = useQuery({
    queryKey: participationKeys.opportunities('list', query, offset),
    queryFn: () => api<Page<Opportunity>>('/opportunities', { query: { ...query, limit: pageSize, offset } }),
    placeholderData: keepPreviousData,
  });

  function goTo(next: number) {
    const p = new URLSearchParams(params);
    if (next > 0) p.set('ab', String(next));
    else p.delete('ab');
    setParams(p);
    document.getElementById('results')?.focus();
  }

  return (
    <>
      <PageHeading title={t('participation.list.title')}>
        <p className="lead">{t('participation.list.lead')}</p>
      </PageHeading>
      <ParticipationNav />
      {coordinates && (
        <p>
          <Link className="button secondary" to="/mitmachen/neu">
            {t('participation.list.create')}
          </Link>
        </p>
      )}
      {session.account && !hasFilters(filters) && offset === 0 && (
        <div className="columns">
          <NextStepSection />
          <SuggestionsSection />
        </div>
      )}
      <OpportunityFilters />
      <section id="results" tabIndex={-1} aria-labelledby="results-title" className="results">
        <h2 id="results-title">{t('participation.list.results')}</h2>
        <QueryView
          query={list}
          isEmpty={(p) => p.items.length === 0}
          empty={hasFilters(filters) ? t('participation.list.noMatch') : t('participation.list.none')}
        >
          {(p) => (
            <>
              <p role="status">{t('participation.list.count', { count: p.total })}</p>
              <ul className="card-list">
                {p.items.map((o) => (
                  <OpportunityCard key={o.id} o={o} districts={districts.data} />
                ))}
              </ul>
              <Pagination total={p.total} limit={p.limit} offset={p.offset} onOffset={goTo} />
            </>
          )}
        </QueryView>
      </section>
    </>
  );
}
