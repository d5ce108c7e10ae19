import './search.css';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, Fragment, type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { api } from '../../app/api.ts';
import { TextField } from '../../app/forms.tsx';
import { useSession } from '../../app/session.tsx';
import { PageHeading, Pagination, QueryView } from '../../app/ui.tsx';
import { isSearchType, type SearchHit, type SearchResults, type SearchType } from './types.ts';

const pageSize = 10;
/** Everyday searches offered before the first one and when nothing was found (search.suggestions.*). */
const suggestions = ['shopping', 'escort', 'phone', 'garden', 'visit', 'room'] as const;

/** As the server compares words (platform/searchWords.ts fold): no accents or umlauts, ß as ss, lower case. */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/ß/g, 'ss').toLowerCase();

/**
 * The text with the words looked for marked: a word that is one of them, has one inside
 * ("Arztbegleitung"), or starts like a longer one but for its ending ("begleitet" for "begleiten").
 */
function Marked({ text, terms }: { text: string; terms: string[] }) {
  const folded = terms.map(fold).filter((w) => w.length >= 3);
  const stems = folded.filter((w) => w.length >= 7).map((w) => w.slice(0, -2));
  const parts = text.split(/([\p{L}\p{N}]+)/u);
  return (
    <>
      {parts.map((part, i) => {
        const f = fold(part);
        const hit =
          i % 2 === 1 &&
          (folded.some((w) => f === w || (w.length >= 4 && f.includes(w))) ||
            stems.some((w) => f.startsWith(w)));
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed text, in order
        return hit ? <mark key={i}>{part}</mark> : <Fragment key={i}>{part}</Fragment>;
      })}
    </>
  );
}

/** Links to searches for everyday help, for a start or when nothing was found. */
function Suggestions({ label }: { label: string }) {
  const { t } = useTranslation();
  return (
    <nav className="subnav search-suggestions" aria-label={label}>
      <p>{label}</p>
      <ul>
        {suggestions.map((s) => {
          const q = t(`search.suggestions.${s}`);
          return (
            <li key={s}>
              <Link to={`/suche?q=${encodeURIComponent(q)}`}>{q}</Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

function searchPath(q: string, type?: SearchType) {
  const p = new URLSearchParams({ q });
  if (type) p.set('art', type);
  return `/suche?${p.toString()}`;
}

/** One link per kind of thing found, with its count; the chosen one is marked as the current page. */
function TypeFilter({ q, chosen, result }: { q: string; chosen: SearchType | null; result: SearchResults }) {
  const { t } = useTranslation();
  const all = result.types.reduce((sum, f) => sum + f.count, 0);
  const withCount = result.moreThanCounted ? 'search.withCountAtLeast' : 'search.withCount';
  const shown = result.types.filter((f) => f.count > 0 || f.type === chosen);
  if (chosen && !shown.some((f) => f.type === chosen)) shown.push({ type: chosen, count: 0 });
  if (all === 0 && !chosen) return null;
  return (
    <nav className="subnav search-types" aria-label={t('search.filter')}>
      <ul>
        <li>
          <Link to={searchPath(q)} aria-current={chosen ? undefined : 'page'}>
            {t(withCount, { label: t('search.all'), count: all })}
          </Link>
        </li>
        {shown.map((f) => (
          <li key={f.type}>
            <Link to={searchPath(q, f.type)} aria-current={f.type === chosen ? 'page' : undefined}>
              {t(withCount, { label: t(`search.types.${f.type}`), count: f.count })}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Hit({ hit, terms }: { hit: SearchHit; terms: string[] }) {
  const { t } = useTranslation();
  return (
    <li className="card search-hit">
      <p className="meta">
        <span className="pill">{t(`search.type.${hit.type}`)}</span>
      </p>
      <h3>
        <Link to={hit.link}>
          <Marked text={hit.title} terms={terms} />
        </Link>
      </h3>
      {hit.snippet.trim() && (
        <p className="search-snippet">
          <Marked text={hit.snippet.trim()} terms={terms} />
        </p>
      )}
    </li>
  );
}

/** Nothing found: other words to try, and people to ask instead. */
function NoResults({ q, chosen, all }: { q: string; chosen: SearchType | null; all: number }) {
  const { t } = useTranslation();
  if (chosen && all > 0)
    return (
      <div className="state state-empty">
        <p>{t('search.noneInType', { q, type: t(`search.types.${chosen}`) })}</p>
        <p>
          <Link to={searchPath(q)}>{t('search.withCount', { label: t('search.showAll'), count: all })}</Link>
        </p>
      </div>
    );
  return (
    <div className="state state-empty search-empty">
      <p>
        <strong>{t('search.none', { q })}</strong>
      </p>
      <Suggestions label={t('search.tryOther')} />
      <p>{t('search.askOrganisations')}</p>
      <p className="actions">
        <Link className="button secondary" to="/hilfe-finden">
          {t('search.findHelp')}
        </Link>
        <Link className="button secondary" to="/organisationen">
          {t('search.organisations')}
        </Link>
      </p>
    </div>
  );
}

/**
 * /suche: one search over everything of every area the person may see (GET /api/v1/search), with a
 * filter by kind that says how many of each were found, the words looked for marked in each hit,
 * paging, and — when nothing was found — other words to try and people to ask.
 */
export function SearchPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim().slice(0, 200);
  const art = params.get('art') ?? '';
  const chosen = isSearchType(art) ? art : null;
  const offset = Math.max(0, Number(params.get('ab') ?? 0) || 0);
  const [draft, setDraft] = useState(q);
  const heading = useRef<HTMLHeadingElement>(null);
  const paged = useRef(false);
  useEffect(() => setDraft(q), [q]);

  const signedIn = Boolean(session.account);
  const results = useQuery({
    queryKey: ['search', { q, type: chosen, offset, account: session.account?.id ?? null }],
    queryFn: () =>
      api<SearchResults>('/search', { query: { q, type: chosen ?? undefined, limit: pageSize, offset } }),
    // no placeholder from the last search: its counts would be shown as this one's
    enabled: q !== '',
  });

  // after turning a page, the reader starts at the top of the new results
  useEffect(() => {
    if (paged.current && !results.isFetching) {
      paged.current = false;
      heading.current?.focus();
    }
  }, [results.isFetching]);

  function submit(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams();
    if (draft.trim()) next.set('q', draft.trim());
    if (chosen && draft.trim() === q) next.set('art', chosen);
    setParams(next);
  }

  function goTo(o: number) {
    const next = new URLSearchParams(params);
    if (o > 0) next.set('ab', String(o));
    else next.delete('ab');
    paged.current = true;
    setParams(next);
  }

  const typed = new Set(q.split(/[^\p{L}\p{N}]+/u).map(fold));
  let body: ReactNode;
  if (q === '') body = <Suggestions label={t('search.start')} />;
  else
    body = (
      <section aria-labelledby="search-results" className="search-results">
        <h2 id="search-results" ref={heading} tabIndex={-1}>
          {t('search.resultsFor', { q })}
        </h2>
        <QueryView query={results}>
          {(r) => {
            const all = r.types.reduce((sum, f) => sum + f.count, 0);
            const others = r.terms.filter((w) => !typed.has(fold(w)));
            return (
              <>
                <TypeFilter q={q} chosen={chosen} result={r} />
                <p role="status" className="search-count">
                  {t(`search.${chosen ? 'countIn' : 'count'}${r.moreThanCounted ? 'AtLeast' : ''}`, {
                    count: r.total,
                    q,
                    type: chosen ? t(`search.types.${chosen}`) : '',
                  })}
                </p>
                {others.length > 0 && r.total > 0 && (
                  <p className="hint">
                    {t('search.alsoLookedFor', { words: others.slice(0, 8).join(', ') })}
                  </p>
                )}
                {r.items.length === 0 ? (
                  <NoResults q={q} chosen={chosen} all={all} />
                ) : (
                  <ul className="card-list search-list">
                    {r.items.map((h) => (
                      <Hit key={`${h.entityType}:${h.entityId}`} hit={h} terms={r.terms} />
                    ))}
                  </ul>
                )}
                <Pagination total={r.total} limit={r.limit} offset={r.offset} onOffset={goTo} />
              </>
            );
          }}
        </QueryView>
        {!signedIn && (
          <p className="hint">
            {t('search.signInForMore')}{' '}
            <Link to={`/anmelden?weiter=${encodeURIComponent(`${location.pathname}${location.search}`)}`}>
              {t('search.signIn')}
            </Link>
          </p>
        )}
      </section>
    );

  return (
    <>
      <PageHeading title={t('search.title')}>
        <p className="lead">{t('search.lead')}</p>
      </PageHeading>
      <search>
        <form className="search-form" onSubmit={submit}>
          <TextField
            label={t('search.query')}
            hint={t('search.queryHint')}
            name="q"
            type="search"
            maxLength={200}
            autoComplete="off"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
          />
          <button type="submit" className="button primary">
            {t('search.submit')}
          </button>
        </form>
      </search>
      {body}
    </>
  );
}
