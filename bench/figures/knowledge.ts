import { wanted } from '../runner/options.ts';
import { emit } from '../runner/output.ts';
import type { TownHandles } from './town.ts';

/**
 * The reads of Wissen on the knowledge corpus (issue "Wissen"): a wiki page view, a thread page, the
 * map reports in a bounding box (each p99 < 50 ms with 16 connections on PostgreSQL), and full-text
 * search over everything, now with the corpus in the index (p99 < 100 ms). Each against the
 * hello-world baseline like the other reads, as a visitor (the wiki page, thread and reports as a
 * member of the network if a visitor may not read them); a route that does not exist yet is skipped
 * with a line that says so.
 */

/** The same view as http.resources_bbox: a box of about 2 × 2 km around the town centre. */
export const knowledgeBbox = '9.467,51.303,9.495,51.321';

/** Everyday searches that hit wiki pages, threads, news and map reports alike. */
export const knowledgeQueries: readonly (readonly [string, string])[] = [
  ['pflegegrad', 'Pflegegrad'],
  ['aufzug_defekt', 'Aufzug defekt'],
  ['jugendraum', 'Jugendraum'],
];

type Paths = Record<string, Record<string, unknown>>;
export interface KnowledgeEndpoint {
  name: string;
  path: string;
  p99Target?: number;
  about?: Record<string, unknown>;
  /** read as a visitor; if the route answers 401/403/404 to one, as a member of the network */
  signedInIfNeeded?: boolean;
}

/** The endpoints to load, and a `skipped` line for each figure whose route or data is missing. */
export function knowledgeEndpoints(town: TownHandles, paths: Paths): KnowledgeEndpoint[] {
  const k = town.knowledge;
  const out: KnowledgeEndpoint[] = [];
  const skip = (name: string, why: string) => {
    if (wanted(name)) emit(`${name}.throughput`, null, 'req/s', null, { skipped: why });
  };
  const has = (path: string) => Boolean(paths[path] ?? paths[`${path}/`]);
  const noCorpus = 'no knowledge corpus in the town (tables missing)';

  if (!k) skip('http.knowledge_wiki_page', noCorpus);
  else if (!has('/api/v1/wiki/pages/{id}'))
    skip('http.knowledge_wiki_page', 'GET /api/v1/wiki/pages/{id} does not exist yet');
  else
    out.push({
      name: 'http.knowledge_wiki_page',
      path: `/api/v1/wiki/pages/${k.wikiPageId}`,
      about: {
        page_revisions: k.wikiPageRevisions,
        note: 'a public page of the network wiki, median revisions',
      },
      signedInIfNeeded: true,
    });

  if (!k) skip('http.knowledge_thread', noCorpus);
  else if (!has('/api/v1/discussions/threads/{id}/posts'))
    skip('http.knowledge_thread', 'GET /api/v1/discussions/threads/{id}/posts does not exist yet');
  else
    out.push({
      name: 'http.knowledge_thread',
      // the thread page's posts (its head, GET …/threads/{id}, is one row by key)
      path: `/api/v1/discussions/threads/${k.threadId}/posts`,
      about: { thread_posts: k.threadPosts, note: 'the busiest thread, its first page of posts' },
      signedInIfNeeded: true,
    });

  if (!k) skip('http.knowledge_map_reports_bbox', noCorpus);
  else if (!has('/api/v1/map-reports'))
    skip('http.knowledge_map_reports_bbox', 'GET /api/v1/map-reports does not exist yet');
  else
    out.push({
      name: 'http.knowledge_map_reports_bbox',
      path: `/api/v1/map-reports?bbox=${knowledgeBbox}&limit=50`,
      signedInIfNeeded: true,
    });

  for (const [slug, q] of knowledgeQueries) {
    const name = `http.knowledge_search_${slug}`;
    if (!k) skip(name, noCorpus);
    else if (!has('/api/v1/search')) skip(name, 'GET /api/v1/search does not exist yet');
    else
      out.push({
        name,
        path: `/api/v1/search?q=${encodeURIComponent(q)}`,
        p99Target: 100,
        about: {
          q,
          knowledge_types_indexed: k.searchTypes,
          note: 'full-text search over the whole index with the knowledge types the server registers',
        },
      });
  }
  return out;
}
