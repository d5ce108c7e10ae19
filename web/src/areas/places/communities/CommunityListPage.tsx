import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../../app/api.ts';
import { SelectField, TextField } from '../../../app/forms.tsx';
import { useSession } from '../../../app/session.tsx';
import type { Page } from '../../../app/types.ts';
import { PageHeading, Pagination, QueryView } from '../../../app/ui.tsx';
import { useUrlFilters } from '../../../app/urlFilters.ts';
import { CommunityCard } from './CommunityParts.tsx';
import { communitiesPath, communityKeys, useDistricts } from './queries.ts';
import { type CommunitySummary, spaces } from './types.ts';

const read = (p: URLSearchParams) => ({
  q: p.get('q') ?? '',
  raum: p.get('raum') ?? '',
  stadtteil: p.get('stadtteil') ?? '',
  meine: p.get('meine') ?? '',
});

/** /raeume/gemeinschaften — the communities of the network by name, with search, filters and paging. */
export function CommunityListPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const { current, draft, set, setDraft, setParams } = useUrlFilters(read);
  const [params] = useSearchParams();
  const offset = Math.max(0, Number(params.get('ab') ?? 0) || 0);
  const districts = useDistricts();
  const mine = current.meine === 'ja' && Boolean(session.account);
  const list = useQuery({
    queryKey: communityKeys.list(current, offset),
    queryFn: () =>
      api<Page<CommunitySummary>>('/places/communities', {
        query: {
          q: current.q.trim() || undefined,
          space: current.raum || undefined,
          districtId: current.stadtteil || undefined,
          mine: mine || undefined,
          limit: 20,
          offset,
        },
      }),
    placeholderData: keepPreviousData,
  });
  const filtered = Boolean(current.q || current.raum || current.stadtteil || mine);
  const apply = (next: typeof draft, o = 0) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v.trim()) p.set(k, v.trim());
    if (o > 0) p.set('ab', String(o));
    setParams(p);
  };
  return (
    <>
      <PageHeading title={t('placesCommunities.title')}>
        <p className="lead">{t('placesCommunities.lead')}</p>
      </PageHeading>
      <p className="community-actions">
        {session.account ? (
          <Link className="button primary" to={`${communitiesPath}/neu`}>
            {t('placesCommunities.createLink')}
          </Link>
        ) : (
          <Link to={`/anmelden?weiter=${encodeURIComponent(`${communitiesPath}/neu`)}`}>
            {t('placesCommunities.signInToCreate')}
          </Link>
        )}
      </p>
      <search>
        <form
          className="community-filters"
          onSubmit={(e) => {
            e.preventDefault();
            apply(draft);
          }}
        >
          <TextField
            label={t('placesCommunities.filters.q')}
            name="q"
            type="search"
            maxLength={100}
            value={draft.q}
            onChange={set('q')}
          />
          <div className="field-row">
            <SelectField
              label={t('placesCommunities.filters.space')}
              name="raum"
              value={draft.raum}
              onChange={set('raum')}
              options={[
                { value: '', label: t('placesCommunities.filters.anySpace') },
                ...spaces.map((s) => ({ value: s, label: t(`placesCommunities.space.${s}`) })),
              ]}
            />
            <SelectField
              label={t('placesCommunities.filters.district')}
              name="stadtteil"
              value={draft.stadtteil}
              onChange={set('stadtteil')}
              options={[
                { value: '', label: t('placesCommunities.filters.allDistricts') },
                ...(districts.data?.items ?? []).map((d) => ({ value: d.id, label: d.name })),
              ]}
            />
          </div>
          {session.account && (
            <label className="check">
              <input
                type="checkbox"
                name="meine"
                checked={draft.meine === 'ja'}
                onChange={(e) => setDraft((d) => ({ ...d, meine: e.target.checked ? 'ja' : '' }))}
              />
              <span>{t('placesCommunities.filters.mine')}</span>
            </label>
          )}
          <div className="actions">
            <button type="submit" className="button primary">
              {t('placesCommunities.filters.apply')}
            </button>
            {filtered && (
              <button type="button" className="button secondary" onClick={() => setParams({})}>
                {t('placesCommunities.filters.reset')}
              </button>
            )}
          </div>
        </form>
      </search>
      <section id="community-results" tabIndex={-1} aria-labelledby="community-results-title">
        <h2 id="community-results-title" className="visually-hidden">
          {t('placesCommunities.results')}
        </h2>
        <QueryView
          query={list}
          isEmpty={(p) => p.items.length === 0}
          empty={filtered ? t('placesCommunities.noMatch') : t('placesCommunities.none')}
        >
          {(p) => (
            <>
              <p role="status">{t('placesCommunities.count', { count: p.total })}</p>
              <ul className="card-list">
                {p.items.map((c) => (
                  <CommunityCard key={c.id} c={c} />
                ))}
              </ul>
              <Pagination
                total={p.total}
                limit={p.limit}
                offset={p.offset}
                onOffset={(o) => {
                  apply(current, o);
                  document.getElementById('community-results')?.focus();
                }}
              />
            </>
          )}
        </QueryView>
      </section>
    </>
  );
}
