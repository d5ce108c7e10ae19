import type { Executor } from '../../../db/tx.ts';
import { renderMarkdown, wikiLinkTargets } from '../../../platform/markdown.ts';
import type { Actor } from '../../../policies/actor.ts';
import { wikiPagePolicy } from './policies/wikiPage.ts';
import { cachedHtml, rememberHtml, renderKey } from './renderCache.ts';
import { linkCandidates } from './repositories/pages.ts';
import { slugify } from './slug.ts';

/** A wiki page's path in the client (also webPaths.wikiPage; here as a plain string for hrefs). */
export const pageHref = (id: string) => `/wissen/wiki/${encodeURIComponent(id)}`;

type Candidate = Awaited<ReturnType<typeof linkCandidates>>[number];

/**
 * Where each `[[link]]` of a text in this wiki leads: to the page of that slug or title in the same
 * wiki first, then in the network's wiki; an archived page only when no other has the name (so its
 * backlinks are right again once it comes back). Keyed by the link's target as written.
 */
export async function resolveLinks(
  db: Executor,
  networkId: string,
  organisationId: string | null,
  body: string,
): Promise<Map<string, Candidate>> {
  const targets = wikiLinkTargets(body);
  const out = new Map<string, Candidate>();
  if (targets.length === 0) return out;
  const found = await linkCandidates(
    db,
    networkId,
    organisationId,
    [...new Set(targets.map(slugify))],
    targets,
  );
  // an archived page only when nothing else has the name; the own wiki before the network's
  const score = (c: Candidate) => (c.archived_at ? 2 : 0) + (c.organisation_id === organisationId ? 0 : 1);
  for (const target of targets) {
    const slug = slugify(target);
    const lower = target.toLowerCase();
    const best = found
      .filter((c) => c.slug === slug || c.title.toLowerCase() === lower)
      .sort((a, b) => score(a) - score(b) || (a.slug === slug ? -1 : 1))[0];
    if (best) out.set(target, best);
  }
  return out;
}

/**
 * A page's text as the person may see it: Markdown rendered and sanitised by the platform, its
 * `[[links]]` leading to pages they may read and shown as missing otherwise — a link to a page they
 * may not read looks exactly like one to a page that does not exist. `missing` lists the targets
 * that lead nowhere, for an editor's offer to write them. The HTML of a revision is rendered once
 * for all readers whose links lead to the same places (renderCache.ts).
 */
export async function renderPage(
  db: Executor,
  networkId: string,
  actor: Actor,
  page: { id: string; organisationId: string | null; revision: number },
  body: string,
): Promise<{ html: string; missing: string[] }> {
  const links = await resolveLinks(db, networkId, page.organisationId, body);
  const missing: string[] = [];
  const destinations = new Map<string, string | null>();
  for (const target of wikiLinkTargets(body)) {
    const linked = links.get(target);
    if (linked && !linked.archived_at && wikiPagePolicy.read(actor, linked))
      destinations.set(target, pageHref(linked.id));
    else {
      destinations.set(target, null);
      // an archived page is not offered to be written again: its title is still taken
      if (!linked) missing.push(target);
    }
  }
  const key = renderKey(page.id, page.revision, [...destinations.values()]);
  let html = cachedHtml(key, body);
  if (html === undefined) {
    html = renderMarkdown(body, { wikiLink: (target) => destinations.get(target) ?? null });
    rememberHtml(key, body, html);
  }
  return { html, missing };
}
