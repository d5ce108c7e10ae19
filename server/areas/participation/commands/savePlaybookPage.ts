import { type Executor, executeTx } from '../../../db/tx.ts';
import { forbidden, notFound, Problem } from '../../../http/problem.ts';
import { audit } from '../../../platform/audit.ts';
import { indexDocument } from '../../../platform/search.ts';
import { webPaths } from '../../../platform/webPaths.ts';
import { actsFor } from '../../../policies/actor.ts';
import { playbookPolicy } from '../policies/playbook.ts';
import { insertPage, insertRevision, lockPage, type RevisionFields } from '../repositories/playbook.ts';
import type { ParticipationContext } from './signUpForShift.ts';

function checkOrganisation(ctx: ParticipationContext, f: RevisionFields) {
  // a revision may name the organisation it was written for, if the author acts for it
  if (f.organisationId !== null && !actsFor(ctx.actor, f.organisationId))
    throw new Problem(422, 'validation', { fields: [{ field: '/organisationId', code: 'field.invalid' }] });
}

async function index(db: Executor, networkId: string, pageId: string, f: RevisionFields) {
  await indexDocument(db, {
    networkId,
    type: 'playbook_page',
    entityType: 'playbook_page',
    entityId: pageId,
    title: f.title,
    body: f.body,
    keywords: [f.tags.join(', '), f.channels.map((c) => `${c.channel}: ${c.reached}`).join('\n')].join('\n'),
    link: webPaths.playbookPage(pageId),
  });
}

/** Creates a playbook page with its first revision. */
export async function createPlaybookPage(
  db: Executor,
  ctx: ParticipationContext,
  f: RevisionFields,
): Promise<string> {
  if (!playbookPolicy.edit(ctx.actor)) throw forbidden();
  checkOrganisation(ctx, f);
  return executeTx(db, async (tx) => {
    const id = await insertPage(tx, ctx.networkId, ctx.actorId);
    await insertRevision(tx, ctx.networkId, id, 1, ctx.actorId, f);
    await index(tx, ctx.networkId, id, f);
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'playbook.page_created',
      entityType: 'playbook_page',
      entityId: id,
      ip: ctx.ip,
    });
    return id;
  });
}

/**
 * Saves a new revision of a page. Guarantees: revisions are numbered without gaps and never
 * change (append-only table); a save based on an older revision than the current one is refused
 * (409) instead of silently overwriting someone else's change — the page row is locked while the
 * number is checked and taken.
 */
export async function savePlaybookRevision(
  db: Executor,
  ctx: ParticipationContext,
  pageId: string,
  baseRevision: number,
  f: RevisionFields,
): Promise<number> {
  if (!playbookPolicy.edit(ctx.actor)) throw forbidden();
  checkOrganisation(ctx, f);
  return executeTx(db, async (tx) => {
    const page = await lockPage(tx, ctx.networkId, pageId);
    if (!page) throw notFound();
    if (page.current_revision !== baseRevision)
      throw new Problem(409, 'playbook.stale_revision', { params: { current: page.current_revision } });
    const revision = page.current_revision + 1;
    await insertRevision(tx, ctx.networkId, pageId, revision, ctx.actorId, f);
    await index(tx, ctx.networkId, pageId, f);
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'playbook.revision_saved',
      entityType: 'playbook_page',
      entityId: pageId,
      details: { revision },
      ip: ctx.ip,
    });
    return revision;
  });
}
