import type { Static } from '@fastify/type-provider-typebox';
import type { SearchResults as SearchResultsSchema } from '../../../../server/routes/api/search/index.ts';

/** The search's answer (server/routes/api/search): a page of hits, the count per type, the words looked for. */
export type SearchResults = Static<typeof SearchResultsSchema>;
export type SearchHit = SearchResults['items'][number];
export type SearchType = SearchHit['type'];

/**
 * Every kind of thing search finds, in the server's order (platform/search.ts `searchTypes`): the
 * filter accepts only these. The type below fails to compile when the server adds one not listed.
 */
export const searchTypes = [
  'organisation',
  'service',
  'resource',
  'exchange_offer',
  'exchange_want',
  'opportunity',
  'playbook_page',
  'community',
  'wiki_page',
  'news_post',
  'discussion_thread',
  'map_report',
  'dossier',
] as const satisfies readonly SearchType[];

export type EveryTypeListed = [Exclude<SearchType, (typeof searchTypes)[number]>] extends [never]
  ? true
  : never;
export const everyTypeListed: EveryTypeListed = true;

export function isSearchType(s: string): s is SearchType {
  return (searchTypes as readonly string[]).includes(s);
}
