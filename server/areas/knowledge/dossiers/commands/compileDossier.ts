import type { DossierItemType } from '../../../../db/schema.ts';
import { type Executor, executeTx } from '../../../../db/tx.ts';
import type { CommandContext } from '../../../../http/context.ts';
import { forbidden, notFound, Problem } from '../../../../http/problem.ts';
import { audit } from '../../../../platform/audit.ts';
import { type DossierAccess, dossierPolicy } from '../policies/dossier.ts';
import {
  countItems,
  type DossierFields,
  deleteDossier,
  deleteItem,
  evidenceState,
  insertDossier,
  insertItem,
  lockDossier,
  updateDossier,
} from '../repositories/dossiers.ts';

/** How many pieces of evidence one dossier holds at most (a bundle, not an archive). */
export const maxItems = 200;

/** Who may not even see the draft is told it does not exist; a compiler of a sent dossier learns it is sent. */
function mayChange(ctx: CommandContext, d: DossierAccess) {
  if (!dossierPolicy.view(ctx.actor, d)) throw notFound();
  if (!dossierPolicy.compile(ctx.actor, d)) throw forbidden();
  if (d.status !== 'draft') throw new Problem(409, 'dossiers.not_draft');
}

async function lockedDraft(tx: Executor, ctx: CommandContext, id: string) {
  const d = await lockDossier(tx, ctx.networkId, id);
  if (!d) throw notFound();
  mayChange(ctx, d);
  return d;
}

/**
 * Starts a draft for an organisation the person acts for, or (instance admins) for the network.
 * Guarantees: nobody compiles in an organisation's name they do not act for (422 on the field).
 */
export async function createDossier(
  db: Executor,
  ctx: CommandContext,
  organisationId: string | null,
  f: DossierFields,
): Promise<string> {
  if (!dossierPolicy.create(ctx.actor)) throw forbidden();
  if (!dossierPolicy.createFor(ctx.actor, organisationId))
    throw new Problem(422, 'validation', {
      fields: [{ field: '/organisationId', code: 'dossiers.not_compiler' }],
    });
  return executeTx(db, async (tx) => {
    const id = await insertDossier(tx, ctx.networkId, organisationId, ctx.actorId, f);
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'dossier.created',
      entityType: 'dossier',
      entityId: id,
      ip: ctx.ip,
    });
    return id;
  });
}

/** Changes a draft's title and summary; a sent dossier is a record and stays as it was sent (409). */
export async function editDossier(db: Executor, ctx: CommandContext, id: string, f: DossierFields) {
  await executeTx(db, async (tx) => {
    await lockedDraft(tx, ctx, id);
    await updateDossier(tx, ctx.networkId, id, f);
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'dossier.updated',
      entityType: 'dossier',
      entityId: id,
      ip: ctx.ip,
    });
  });
}

/** Deletes a draft with its evidence list (the evidence itself stays where it is). */
export async function discardDossier(db: Executor, ctx: CommandContext, id: string) {
  await executeTx(db, async (tx) => {
    const d = await lockedDraft(tx, ctx, id);
    await deleteDossier(tx, ctx.networkId, id);
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'dossier.deleted',
      entityType: 'dossier',
      entityId: id,
      details: { title: d.title },
      ip: ctx.ip,
    });
  });
}

/**
 * Adds a piece of evidence to a draft. Guarantees: only what everyone may see can be evidence — a
 * thing that is not public, not yet approved, deleted, archived or hidden is refused with a 422 that
 * says so; a thing is in a dossier once (409); a dossier holds at most `maxItems`.
 */
export async function addEvidence(
  db: Executor,
  ctx: CommandContext,
  id: string,
  item: { type: DossierItemType; id: string; note: string },
) {
  await executeTx(db, async (tx) => {
    await lockedDraft(tx, ctx, id);
    const state = await evidenceState(tx, ctx.networkId, item.type, item.id);
    if (state !== 'ok')
      throw new Problem(422, 'validation', {
        fields: [
          {
            field: '/itemId',
            code: state === 'missing' ? 'dossiers.item_missing' : 'dossiers.item_not_public',
          },
        ],
      });
    if ((await countItems(tx, ctx.networkId, id)) >= maxItems)
      throw new Problem(422, 'dossiers.too_many_items', { params: { max: maxItems } });
    if (!(await insertItem(tx, ctx.networkId, id, item, ctx.actorId)))
      throw new Problem(409, 'dossiers.item_already_added');
    await updateDossierTouched(tx, ctx.networkId, id);
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'dossier.item_added',
      entityType: 'dossier',
      entityId: id,
      details: { itemType: item.type, itemId: item.id },
      ip: ctx.ip,
    });
  });
}

/** Takes a piece of evidence out of a draft (404 when it was not in it). */
export async function removeEvidence(
  db: Executor,
  ctx: CommandContext,
  id: string,
  type: DossierItemType,
  itemId: string,
) {
  await executeTx(db, async (tx) => {
    await lockedDraft(tx, ctx, id);
    if (!(await deleteItem(tx, ctx.networkId, id, type, itemId))) throw notFound();
    await updateDossierTouched(tx, ctx.networkId, id);
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'dossier.item_removed',
      entityType: 'dossier',
      entityId: id,
      details: { itemType: type, itemId },
      ip: ctx.ip,
    });
  });
}

async function updateDossierTouched(tx: Executor, networkId: string, id: string) {
  await tx
    .updateTable('dossier')
    .set({ updated_at: new Date() })
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .execute();
}
