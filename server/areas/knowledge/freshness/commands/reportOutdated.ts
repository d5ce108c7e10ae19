import type { FreshnessTarget } from '../../../../db/schema.ts';
import { type Executor, executeTx } from '../../../../db/tx.ts';
import type { CommandContext } from '../../../../http/context.ts';
import { notFound, Problem } from '../../../../http/problem.ts';
import { recordInteraction } from '../../../../platform/interactions.ts';
import { notify } from '../../../../platform/notifications.ts';
import { webPaths } from '../../../../platform/webPaths.ts';
import { freshnessPolicy } from '../policies/freshness.ts';
import { findSubject, hasOpenNote, insertNote } from '../repositories/freshness.ts';

/**
 * "This is out of date": a reader who may see the thing leaves a note. Guarantees: one open note per
 * reader and thing (a second is a friendly 409 — the unique index holds it under concurrency too);
 * the owner, if there is one and it is not the reader, is notified in the same transaction, and the
 * contact between reader and owner is recorded once (source: the note). A thing the reader may not
 * see is 404. Without an owner the note waits in the coordinator's list.
 */
export async function reportOutdated(
  db: Executor,
  ctx: CommandContext,
  type: FreshnessTarget,
  id: string,
  note: string,
): Promise<string> {
  return executeTx(db, async (tx) => {
    const s = await findSubject(tx, ctx.networkId, type, id);
    if (!s || !freshnessPolicy.report(ctx.actor, s)) throw notFound();
    if (await hasOpenNote(tx, ctx.networkId, type, id, ctx.actorId))
      throw new Problem(409, 'freshness.already_reported');
    let noteId: string;
    try {
      noteId = await insertNote(tx, ctx.networkId, type, id, ctx.actorId, note);
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw new Problem(409, 'freshness.already_reported');
      throw err;
    }
    if (s.ownerId && s.ownerId !== ctx.actorId) {
      const reporter = await tx
        .selectFrom('account')
        .select('display_name')
        .where('network_id', '=', ctx.networkId)
        .where('id', '=', ctx.actorId)
        .executeTakeFirstOrThrow();
      await notify(tx, {
        networkId: ctx.networkId,
        accountId: s.ownerId,
        kind: 'freshness.reported',
        params: { title: s.title, name: reporter.display_name },
        link: webPaths.freshnessCheck(type, id),
      });
      await recordInteraction(tx, {
        networkId: ctx.networkId,
        area: 'knowledge',
        // worded by the places area's list of kinds (interactions.kinds.comment)
        kind: 'comment',
        mode: 'online',
        a: { type: 'person', id: ctx.actorId },
        b: { type: 'person', id: s.ownerId },
        source: { type: 'knowledge_outdated', id: noteId },
      });
    }
    return noteId;
  });
}
