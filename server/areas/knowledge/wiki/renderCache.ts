import { BoundedCache } from '../../../platform/boundedCache.ts';

/**
 * The rendered HTML of wiki pages, kept in this process for the next reader: rendering a page's
 * Markdown and sanitising it was about half the server's CPU of a page view (0.5 ms of 1.1 ms for a
 * 3-KB page at size M, see docs/PERFORMANCE.md). A page's HTML depends on its text and on where
 * each of its `[[links]]` leads for the reader (a page they may not read looks missing), so an
 * entry is kept per page, revision and those destinations: readers who may follow the same links
 * share it, others get their own. The text is compared on every hit, so an entry can never show
 * another text (two test databases in one process may have a page of the same id and revision).
 *
 * Bounded by entries and by characters (a page may hold 100 000); the least recently used goes
 * first. Nothing to invalidate: a revision's text never changes, and a link's destination is part
 * of the key.
 */
const entries = new BoundedCache<{ body: string; html: string }>(
  500,
  4_000_000,
  (e) => e.body.length + e.html.length,
);

/** The key of a page's revision as one reader sees it: `destinations` in the order of its links. */
export function renderKey(pageId: string, revision: number, destinations: (string | null)[]): string {
  return `${pageId}:${revision}:${destinations.map((d) => d ?? '-').join('\n')}`;
}

/** The HTML rendered before for this key and text, or undefined. */
export function cachedHtml(key: string, body: string): string | undefined {
  const entry = entries.get(key);
  return entry && entry.body === body ? entry.html : undefined;
}

export function rememberHtml(key: string, body: string, html: string): void {
  entries.set(key, { body, html });
}

/** How many entries are kept (for tests). */
export const renderCacheSize = () => entries.size.entries;
