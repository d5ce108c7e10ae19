import type { Executor } from '../../../../db/tx.ts';
import { hiddenIds } from '../../../../platform/moderation.ts';
import { threadReadable } from '../../discussions/scope.ts';

/**
 * What is new, between `since` and `until`, in what one person follows — only what they may see, and
 * nothing they wrote themselves:
 * - followed threads: new posts (visible, not deleted, not hidden; the thread visible, not hidden, and
 *   readable by the person: not of a members-only community they left);
 * - followed organisations: published news posts for everyone, for the network's members, or for the
 *   organisation's members when the person is one; not hidden;
 * - followed map reports: those changed (with the status as it stands now; who changed one is not
 *   known here, so a change of one's own comes too); not hidden;
 * - followed districts: new visible threads the person may read and new map reports there;
 * - followed wiki pages: new revisions, while the page is not archived and the person may see it.
 * Each list is capped (`cap`); the digest says how many more there are.
 */

export interface Reader {
  accountId: string;
  /** the organisations the person belongs to (for members-only news and pages) */
  organisationIds: ReadonlySet<string>;
}

export interface DigestItems {
  threads: { id: string; title: string; newPosts: number }[];
  news: { id: string; title: string; organisation: string }[];
  reports: { id: string; title: string; status: string }[];
  districtThreads: { id: string; title: string; district: string }[];
  districtReports: { id: string; title: string; district: string }[];
  wikiPages: { id: string; slug: string; title: string; revisions: number }[];
}

export const cap = 20;

export function itemCount(items: DigestItems): number {
  return (
    items.threads.length +
    items.news.length +
    items.reports.length +
    items.districtThreads.length +
    items.districtReports.length +
    items.wikiPages.length
  );
}

/** The organisations a person belongs to, in any role. */
export async function organisationsOf(
  db: Executor,
  networkId: string,
  accountId: string,
): Promise<Set<string>> {
  const rows = await db
    .selectFrom('membership')
    .select('organisation_id')
    .where('network_id', '=', networkId)
    .where('account_id', '=', accountId)
    .execute();
  return new Set(rows.map((r) => r.organisation_id));
}

async function withoutHidden<T extends { id: string }>(
  db: Executor,
  networkId: string,
  entityType: string,
  rows: T[],
): Promise<T[]> {
  const hidden = await hiddenIds(
    db,
    networkId,
    entityType,
    rows.map((r) => r.id),
  );
  return rows.filter((r) => !hidden.has(r.id));
}

export async function gatherDigest(
  db: Executor,
  networkId: string,
  reader: Reader,
  since: Date,
  until: Date,
): Promise<DigestItems> {
  const me = reader.accountId;
  const followed = (type: 'discussion_thread' | 'organisation' | 'district' | 'wiki_page' | 'map_report') =>
    db
      .selectFrom('knowledge_follow')
      .select('target_id')
      .where('network_id', '=', networkId)
      .where('account_id', '=', me)
      .where('target_type', '=', type);
  const notMine = <C extends string>(column: C) => [column, 'is distinct from', me] as const;

  // new posts in followed threads
  const posts = await db
    .selectFrom('discussion_post as p')
    .innerJoin('discussion_thread as t', (j) =>
      j.onRef('t.network_id', '=', 'p.network_id').onRef('t.id', '=', 'p.thread_id'),
    )
    .select(['p.id', 'p.thread_id', 't.title'])
    .where('p.network_id', '=', networkId)
    .where('p.thread_id', 'in', followed('discussion_thread'))
    .where('t.review_status', '=', 'visible')
    .where(threadReadable('t', me))
    .where('p.review_status', '=', 'visible')
    .where('p.deleted_at', 'is', null)
    .where(...notMine('p.author_id'))
    .where('p.created_at', '>', since)
    .where('p.created_at', '<=', until)
    .orderBy('p.created_at')
    .limit(500)
    .execute();
  const hiddenPosts = await hiddenIds(
    db,
    networkId,
    'discussion_post',
    posts.map((p) => p.id),
  );
  const hiddenThreads = await hiddenIds(db, networkId, 'discussion_thread', [
    ...new Set(posts.map((p) => p.thread_id)),
  ]);
  const threads = new Map<string, { id: string; title: string; newPosts: number }>();
  for (const p of posts) {
    if (hiddenPosts.has(p.id) || hiddenThreads.has(p.thread_id)) continue;
    const t = threads.get(p.thread_id) ?? { id: p.thread_id, title: p.title, newPosts: 0 };
    t.newPosts++;
    threads.set(p.thread_id, t);
  }

  // news of followed organisations, as far as the person may read them
  const memberOf = [...reader.organisationIds];
  const news = await db
    .selectFrom('news_post as n')
    .innerJoin('organisation as o', (j) =>
      j.onRef('o.network_id', '=', 'n.network_id').onRef('o.id', '=', 'n.organisation_id'),
    )
    .select(['n.id', 'n.title', 'o.name as organisation'])
    .where('n.network_id', '=', networkId)
    .where('n.organisation_id', 'in', followed('organisation'))
    .where('n.status', '=', 'published')
    .where((eb) =>
      eb.or([
        eb('n.visibility', 'in', ['public', 'signed_in']),
        ...(memberOf.length > 0
          ? [eb.and([eb('n.visibility', '=', 'members'), eb('n.organisation_id', 'in', memberOf)])]
          : []),
      ]),
    )
    .where(...notMine('n.author_id'))
    .where('n.published_at', '>', since)
    .where('n.published_at', '<=', until)
    .orderBy('n.published_at', 'desc')
    .limit(cap)
    .execute();

  // followed map reports that changed
  const reports = await db
    .selectFrom('map_report')
    .select(['id', 'title', 'status'])
    .where('network_id', '=', networkId)
    .where('id', 'in', followed('map_report'))
    .where('updated_at', '>', since)
    .where('updated_at', '<=', until)
    .orderBy('updated_at', 'desc')
    .limit(cap)
    .execute();

  // new threads and reports in followed districts
  const districtThreads = await db
    .selectFrom('discussion_thread as t')
    .innerJoin('district as d', (j) =>
      j.onRef('d.network_id', '=', 't.network_id').onRef('d.id', '=', 't.district_id'),
    )
    .select(['t.id', 't.title', 'd.name as district'])
    .where('t.network_id', '=', networkId)
    .where('t.district_id', 'in', followed('district'))
    .where('t.review_status', '=', 'visible')
    .where(threadReadable('t', me))
    .where(...notMine('t.author_id'))
    .where('t.created_at', '>', since)
    .where('t.created_at', '<=', until)
    .orderBy('t.created_at', 'desc')
    .limit(cap)
    .execute();
  const districtReports = await db
    .selectFrom('map_report as r')
    .innerJoin('district as d', (j) =>
      j.onRef('d.network_id', '=', 'r.network_id').onRef('d.id', '=', 'r.district_id'),
    )
    .select(['r.id', 'r.title', 'd.name as district'])
    .where('r.network_id', '=', networkId)
    .where('r.district_id', 'in', followed('district'))
    .where(...notMine('r.author_id'))
    .where('r.created_at', '>', since)
    .where('r.created_at', '<=', until)
    .orderBy('r.created_at', 'desc')
    .limit(cap)
    .execute();

  // new revisions of followed wiki pages
  const revisions = await db
    .selectFrom('wiki_revision as v')
    .innerJoin('wiki_page as w', (j) =>
      j.onRef('w.network_id', '=', 'v.network_id').onRef('w.id', '=', 'v.page_id'),
    )
    .select(['w.id', 'w.slug', 'w.title'])
    .select((eb) => eb.fn.countAll<number>().as('revisions'))
    .where('v.network_id', '=', networkId)
    .where('v.page_id', 'in', followed('wiki_page'))
    .where('w.archived_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('w.visibility', 'in', ['public', 'signed_in']),
        ...(memberOf.length > 0
          ? [eb.and([eb('w.visibility', '=', 'members'), eb('w.organisation_id', 'in', memberOf)])]
          : []),
      ]),
    )
    .where(...notMine('v.author_id'))
    .where('v.created_at', '>', since)
    .where('v.created_at', '<=', until)
    .groupBy(['w.id', 'w.slug', 'w.title'])
    .orderBy('w.title')
    .limit(cap)
    .execute();

  return {
    threads: [...threads.values()].slice(0, cap),
    news: await withoutHidden(db, networkId, 'news_post', news),
    reports: await withoutHidden(db, networkId, 'map_report', reports),
    districtThreads: await withoutHidden(db, networkId, 'discussion_thread', districtThreads),
    districtReports: await withoutHidden(db, networkId, 'map_report', districtReports),
    wikiPages: (await withoutHidden(db, networkId, 'wiki_page', revisions)).map((r) => ({
      ...r,
      revisions: Number(r.revisions),
    })),
  };
}
