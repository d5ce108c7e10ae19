import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, apiUrl } from '../../../app/api.ts';
import { SelectField, TextField } from '../../../app/forms.tsx';
import { useSession } from '../../../app/session.tsx';
import type { Page } from '../../../app/types.ts';
import { PageHeading, Pagination, QueryView } from '../../../app/ui.tsx';
import { useUrlFilters } from '../../../app/urlFilters.ts';
import { Subscribe } from '../../../features/data/Subscribe.tsx';
import { ThreadBadges, ThreadMeta, useDistricts } from './DiscussionParts.tsx';
import { discussionKeys } from './queries.ts';
import { type Thread, themes } from './types.ts';

const read = (p: URLSearchParams) => ({
  q: p.get('q') ?? '',
  thema: p.get('thema') ?? '',
  stadtteil: p.get('stadtteil') ?? '',
  stand: p.get('stand') ?? '',
});
const stateOf = { offen: 'unanswered', geloest: 'solved' } as const;

/** /wissen/diskussionen — the town's discussions by last activity, with filters and paging. */
export function ThreadListPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const { current, draft, set, setParams } = useUrlFilters(read);
  const [params] = useSearchParams();
  const offset = Math.max(0, Number(params.get('ab') ?? 0) || 0);
  const districts = useDistricts();
  const state = stateOf[current.stand as keyof typeof stateOf];
  const list = useQuery({
    queryKey: discussionKeys.threads(current, offset),
    queryFn: () =>
      api<Page<Thread>>('/discussions/threads', {
        query: {
          q: current.q || undefined,
          theme: current.thema || undefined,
          districtId: current.stadtteil || undefined,
          state,
          limit: 20,
          offset,
        },
      }),
    placeholderData: keepPreviousData,
  });
  const filtered = Boolean(current.q || current.thema || current.stadtteil || current.stand);
  const apply = (next: typeof draft, o = 0) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v.trim()) p.set(k, v.trim());
    if (o > 0) p.set('ab', String(o));
    setParams(p);
  };
  return (
    <>
      <PageHeading title={t('discussions.title')}>
        <p className="lead">{t('discussions.lead')}</p>
      </PageHeading>
      <p className="discussion-actions">
        {session.account ? (
          <Link className="button primary" to="/wissen/diskussionen/neu">
            {t('discussions.start')}
          </Link>
        ) : (
          <Link to="/anmelden?next=/wissen/diskussionen/neu">{t('discussions.signInToStart')}</Link>
        )}
        {session.account?.isInstanceAdmin && (
          <Link className="button secondary" to="/wissen/diskussionen/pruefen">
            {t('discussions.review.link')}
          </Link>
        )}
      </p>
      <search>
        <form
          className="discussion-filters"
          onSubmit={(e) => {
            e.preventDefault();
            apply(draft);
          }}
        >
          <TextField
            label={t('discussions.filters.q')}
            name="q"
            type="search"
            value={draft.q}
            onChange={set('q')}
          />
          <div className="field-row">
            <SelectField
              label={t('discussions.filters.theme')}
              name="thema"
              value={draft.thema}
              onChange={set('thema')}
              options={[
                { value: '', label: t('discussions.filters.all') },
                ...themes.map((x) => ({ value: x, label: t(`discussions.themes.${x}`) })),
              ]}
            />
            <SelectField
              label={t('discussions.filters.district')}
              name="stadtteil"
              value={draft.stadtteil}
              onChange={set('stadtteil')}
              options={[
                { value: '', label: t('discussions.filters.allDistricts') },
                ...(districts.data?.items ?? []).map((d) => ({ value: d.id, label: d.name })),
              ]}
            />
            <SelectField
              label={t('discussions.filters.state')}
              name="stand"
              value={draft.stand}
              onChange={set('stand')}
              options={[
                { value: '', label: t('discussions.filters.anyState') },
                { value: 'offen', label: t('discussions.filters.unanswered') },
                { value: 'geloest', label: t('discussions.filters.solved') },
              ]}
            />
          </div>
          <div className="actions">
            <button type="submit" className="button primary">
              {t('discussions.filters.apply')}
            </button>
            {filtered && (
              <button type="button" className="button secondary" onClick={() => setParams({})}>
                {t('discussions.filters.reset')}
              </button>
            )}
          </div>
        </form>
      </search>
      <section id="discussion-results" tabIndex={-1} aria-labelledby="discussion-results-title">
        <h2 id="discussion-results-title" className="visually-hidden">
          {t('discussions.results')}
        </h2>
        <QueryView
          query={list}
          isEmpty={(p) => p.items.length === 0}
          empty={filtered ? t('discussions.noMatch') : t('discussions.none')}
        >
          {(p) => (
            <>
              <p role="status">{t('discussions.count', { count: p.total })}</p>
              <ul className="card-list discussion-list">
                {p.items.map((x) => (
                  <li key={x.id} className="card">
                    <h3>
                      <Link to={`/wissen/diskussionen/${x.id}`}>{x.title}</Link> <ThreadBadges thread={x} />
                    </h3>
                    <ThreadMeta thread={x} />
                    <p className="meta">{t('discussions.replies', { count: x.replyCount })}</p>
                  </li>
                ))}
              </ul>
              <Pagination
                total={p.total}
                limit={p.limit}
                offset={p.offset}
                onOffset={(o) => {
                  apply(current, o);
                  document.getElementById('discussion-results')?.focus();
                }}
              />
            </>
          )}
        </QueryView>
      </section>
      <Subscribe
        title={t('discussions.title')}
        links={(['rss', 'atom'] as const).map((format) => ({
          format,
          href: apiUrl(`/discussions/feed.${format}`, {
            theme: current.thema || undefined,
            districtId: current.stadtteil || undefined,
          }),
        }))}
      />
    </>
  );
}
