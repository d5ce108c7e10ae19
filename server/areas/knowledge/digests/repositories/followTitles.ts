import type { FollowTarget } from '../../../../db/schema.ts';
import type { Executor } from '../../../../db/tx.ts';
import { hiddenIds } from '../../../../platform/moderation.ts';
import { threadReadable } from '../../discussions/scope.ts';
import { thingPaths } from '../links.ts';

/**
 * The title and page of each followed thing — only for what the person may still see: a thread still
 * visible (or their own) and readable by them (not of a members-only community they left), a wiki page not archived whose visibility lets them in, nothing a moderator
 * hid. What they may no longer see stays in their list without a title, so they can still stop
 * following it, and learn nothing of it.
 */
export async function followTitles(
  db: Executor,
  networkId: string,
  reader: { accountId: string; organisationIds: ReadonlySet<string> },
  follows: readonly { target_type: FollowTarget; target_id: string }[],
): Promise<Map<string, { title: string; path: string }>> {
  const out = new Map<string, { title: string; path: string }>();
  const ids = (type: FollowTarget) => follows.filter((f) => f.target_type === type).map((f) => f.target_id);
  const put = async (type: FollowTarget, rows: { id: string; title: string; path: string }[]) => {
    const hidden =
      type === 'district' || type === 'organisation'
        ? new Set<string>()
        : await hiddenIds(
            db,
            networkId,
            type,
            rows.map((r) => r.id),
          );
    for (const r of rows) if (!hidden.has(r.id)) out.set(`${type}:${r.id}`, { title: r.title, path: r.path });
  };
  const memberOf = [...reader.organisationIds];

  const threadIds = ids('discussion_thread');
  if (threadIds.length > 0) {
    const rows = await db
      .selectFrom('discussion_thread as t')
      .select(['t.id', 't.title'])
      .where('t.network_id', '=', networkId)
      .where('t.id', 'in', threadIds)
      .where((eb) => eb.or([eb('t.review_status', '=', 'visible'), eb('t.author_id', '=', reader.accountId)]))
      .where(threadReadable('t', reader.accountId))
      .execute();
    await put(
      'discussion_thread',
      rows.map((r) => ({ ...r, path: thingPaths.discussionThread(r.id) })),
    );
  }
  const organisationIds = ids('organisation');
  if (organisationIds.length > 0) {
    const rows = await db
      .selectFrom('organisation')
      .select(['id', 'name', 'slug'])
      .where('network_id', '=', networkId)
      .where('id', 'in', organisationIds)
      .execute();
    await put(
      'organisation',
      rows.map((r) => ({ id: r.id, title: r.name, path: thingPaths.organisation(r.slug) })),
    );
  }
  const districtIds = ids('district');
  if (districtIds.length > 0) {
    const rows = await db
      .selectFrom('district')
      .select(['id', 'name'])
      .where('network_id', '=', networkId)
      .where('id', 'in', districtIds)
      .execute();
    await put(
      'district',
      rows.map((r) => ({ id: r.id, title: r.name, path: thingPaths.district(r.id) })),
    );
  }
  const pageIds = ids('wiki_page');
  if (pageIds.length > 0) {
    const rows = await db
      .selectFrom('wiki_page')
      .select(['id', 'title'])
      .where('network_id', '=', networkId)
      .where('id', 'in', pageIds)
      .where('archived_at', 'is', null)
      .where((eb) =>
        eb.or([
          eb('visibility', 'in', ['public', 'signed_in']),
          ...(memberOf.length > 0
            ? [eb.and([eb('visibility', '=', 'members'), eb('organisation_id', 'in', memberOf)])]
            : []),
        ]),
      )
      .execute();
    await put(
      'wiki_page',
      rows.map((r) => ({ ...r, path: thingPaths.wikiPage(r.id) })),
    );
  }
  const reportIds = ids('map_report');
  if (reportIds.length > 0) {
    const rows = await db
      .selectFrom('map_report')
      .select(['id', 'title'])
      .where('network_id', '=', networkId)
      .where('id', 'in', reportIds)
      .execute();
    await put(
      'map_report',
      rows.map((r) => ({ ...r, path: thingPaths.mapReport(r.id) })),
    );
  }
  return out;
}
