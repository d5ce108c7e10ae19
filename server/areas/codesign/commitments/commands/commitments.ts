import type {
  CodesignCommitmentKind,
  CodesignCommitmentStatus,
  CodesignMeasureType,
} from '../../../../db/schema.ts';
import { type Executor, executeTx } from '../../../../db/tx.ts';
import type { CommandContext } from '../../../../http/context.ts';
import { Problem } from '../../../../http/problem.ts';
import type { MessageKey } from '../../../../i18n/messages.ts';
import { audit } from '../../../../platform/audit.ts';
import { notify } from '../../../../platform/notifications.ts';
import { webPaths } from '../../../../platform/webPaths.ts';
import { actsFor } from '../../../../policies/actor.ts';
import {
  coordinates,
  findOpportunity,
  findShift,
  opportunityPolicy,
  refOf,
} from '../../../participation/index.ts';
import {
  bookingPolicy,
  bookingRef,
  bookResource,
  findBooking,
  findResource,
  resourcePolicy,
} from '../../../sharing/index.ts';
import { findTimebankAccount, findTransfer, timebankPolicy } from '../../../timebank/index.ts';
import { type ProjectAccess, projectFor } from '../../projects/access.ts';
import { addToTimeline } from '../../projects/timeline.ts';
import {
  type CommitmentFields,
  type CommitmentRow,
  findCommitment,
  insertCommitment,
  isInProject,
  setCommitmentStatus,
  updateCommitment,
} from '../repositories/commitments.ts';

/**
 * A project's commitments: made, changed and moved on by its organisers and facilitators while the
 * project is not closed. Guarantees, each in one transaction with its timeline event:
 * - a commitment links only what the actor may see (else: it does not exist, 422 on the field) and
 *   only what their own organisation has — a booking the actor or their organisation asked for (so
 *   a neighbour's booking of the room never appears on a project page), an opportunity it runs and
 *   that opportunity's shifts, its own time credits (else 422 saying so);
 * - a room can be asked for right here, through Teilen's own booking command (its rules: availability,
 *   no overlap; the owner side decides);
 * - the person made responsible for a task is told, unless they made it themself;
 * - the timeline says when a commitment is made, done or dropped; the audit log has every making,
 *   change and move, with who and from where.
 */

export interface CommitmentInput {
  kind: CodesignCommitmentKind;
  title: string;
  measure?: string;
  measureType?: CodesignMeasureType | null;
  measureId?: string | null;
  owner?: { type: 'person' | 'organisation'; id: string } | null;
  dueOn?: string | null;
  note?: string;
  bookingId?: string | null;
  /** ask for a booking of a resource now (through Teilen), and link it */
  bookingRequest?: { resourceId: string; start: string; end: string; note?: string } | null;
  opportunityId?: string | null;
  shiftIds?: string[];
  minutes?: number | null;
  transferId?: string | null;
}

const fieldProblem = (field: string, code: MessageKey, params?: Record<string, string | number>) =>
  new Problem(422, 'validation', { fields: [{ field, code, ...(params ? { params } : {}) }] });

const missing = (field: string) => fieldProblem(field, 'codesign.commitment_link_missing');
const notYours = (field: string) => fieldProblem(field, 'codesign.commitment_not_yours');

function checkText(input: CommitmentInput) {
  const title = input.title.trim();
  if (title.length < 3) throw fieldProblem('/title', 'field.too_short', { min: 3 });
  if (((input.measureType ?? null) === null) !== ((input.measureId ?? null) === null))
    throw fieldProblem('/measureId', 'field.required');
  return title;
}

/** The fields to store, with every link checked against the actor's rights. */
async function resolve(
  tx: Executor,
  ctx: CommandContext,
  access: ProjectAccess,
  input: CommitmentInput,
  /** on a change: the links it already has stay without a new check (they were checked when made) */
  existing?: CommitmentRow,
): Promise<CommitmentFields> {
  const title = checkText(input);
  const same = (a: string | null | undefined, b: string | null) => !!existing && (a ?? null) === b;
  const { networkId, actor } = ctx;
  const f: CommitmentFields = {
    kind: input.kind,
    title,
    measure: (input.measure ?? '').trim(),
    measureType: input.measureType ?? null,
    measureId: input.measureId ?? null,
    ownerAccountId: input.owner?.type === 'person' ? input.owner.id : null,
    ownerOrganisationId: input.owner?.type === 'organisation' ? input.owner.id : null,
    dueOn: input.dueOn ?? null,
    note: (input.note ?? '').trim(),
    bookingId: null,
    opportunityId: null,
    shiftIds: [],
    minutes: null,
    transferId: null,
  };
  /** the organisations of the actor that may stand as owner by default */
  const ownOrg = (candidates: readonly (string | null)[]) =>
    candidates.find((o): o is string => !!o && actsFor(actor, o)) ?? null;

  if (input.kind === 'booking' || input.kind === 'loan') {
    if (input.bookingRequest) {
      const resource = await findResource(tx, networkId, input.bookingRequest.resourceId);
      if (!resource || !resourcePolicy.view(actor, resource)) throw missing('/bookingRequest/resourceId');
      if (input.kind === 'loan' && resource.kind === 'room')
        throw fieldProblem('/bookingRequest/resourceId', 'codesign.commitment_wrong_resource');
      const organisationId = ownOrg([
        resource.owner_type === 'organisation' ? resource.organisation_id : null,
        ...access.project.runningOrganisationIds,
      ]);
      const { created, refused } = await bookResource(tx, ctx, resource, {
        start: new Date(input.bookingRequest.start),
        end: new Date(input.bookingRequest.end),
        note: input.bookingRequest.note ?? `Mitgestalten: ${access.project.title}`,
        ...(organisationId ? { organisationId } : {}),
      });
      const id = created[0];
      if (!id) {
        const r = refused[0];
        throw new Problem(r?.status === 409 ? 409 : 422, 'codesign.commitment_booking_refused', {
          params: { reason: r?.message ?? '' },
        });
      }
      f.bookingId = id;
    } else if (existing && same(input.bookingId, existing.booking_id) && existing.booking_id) {
      f.bookingId = existing.booking_id;
    } else {
      if (!input.bookingId) throw fieldProblem('/bookingId', 'field.required');
      const b = await findBooking(tx, networkId, input.bookingId);
      if (!b || !bookingPolicy.view(actor, bookingRef(b))) throw missing('/bookingId');
      // one's own or one's organisation's booking: a private person's booking of the room stays private
      const ownSide =
        b.requester_id === ctx.actorId || (!!b.organisation_id && actsFor(actor, b.organisation_id));
      if (!ownSide) throw notYours('/bookingId');
      if (input.kind === 'loan' && b.resource_kind === 'room')
        throw fieldProblem('/bookingId', 'codesign.commitment_wrong_resource');
      f.bookingId = b.id;
    }
    if (!f.ownerAccountId && !f.ownerOrganisationId) {
      const b = await findBooking(tx, networkId, f.bookingId);
      f.ownerOrganisationId = b ? ownOrg([b.owner_organisation_id, b.organisation_id]) : null;
      if (!f.ownerOrganisationId) f.ownerAccountId = ctx.actorId;
    }
  } else if (input.kind === 'shifts' || input.kind === 'opportunity') {
    if (!input.opportunityId) throw fieldProblem('/opportunityId', 'field.required');
    const o = await findOpportunity(tx, networkId, input.opportunityId);
    const kept = same(input.opportunityId, existing?.opportunity_id ?? null);
    if (!o || (!kept && !opportunityPolicy.view(actor, refOf(o)))) throw missing('/opportunityId');
    if (!kept && !coordinates(actor, refOf(o))) throw notYours('/opportunityId');
    f.opportunityId = o.id;
    if (input.kind === 'shifts') {
      const ids = [...new Set(input.shiftIds ?? [])];
      if (ids.length === 0) throw fieldProblem('/shiftIds', 'field.required');
      if (ids.length > 50) throw fieldProblem('/shiftIds', 'field.too_large', { max: 50 });
      for (const id of ids) {
        const s = await findShift(tx, networkId, id);
        if (!s || s.opportunity_id !== o.id)
          throw fieldProblem('/shiftIds', 'codesign.commitment_shift_not_of_opportunity');
      }
      f.shiftIds = ids;
    }
    if (!f.ownerAccountId && !f.ownerOrganisationId) f.ownerOrganisationId = ownOrg(refOf(o).organisationIds);
  } else if (input.kind === 'credits') {
    if (!input.minutes) throw fieldProblem('/minutes', 'field.required');
    f.minutes = input.minutes;
    if (!input.owner) throw fieldProblem('/owner', 'field.required');
    if (input.owner.type === 'organisation' && !actsFor(actor, input.owner.id)) throw notYours('/owner');
    if (existing && same(input.transferId, existing.transfer_id) && existing.transfer_id) {
      f.transferId = existing.transfer_id;
    } else if (input.transferId) {
      const t = await findTransfer(tx, networkId, input.transferId);
      const payer = t && (await findTimebankAccount(tx, networkId, t.payer_account_id));
      const payee = t && (await findTimebankAccount(tx, networkId, t.payee_account_id));
      if (!t || !payer || !payee || !timebankPolicy.viewTransfer(actor, { status: t.status, payer, payee }))
        throw missing('/transferId');
      const fromPledger =
        input.owner.type === 'organisation'
          ? payer.owner_type === 'organisation' && payer.organisation_id === input.owner.id
          : payer.owner_type === 'person' && payer.person_id === input.owner.id;
      if (!fromPledger) throw fieldProblem('/transferId', 'codesign.commitment_transfer_not_of_pledger');
      f.transferId = t.id;
    }
  } else if (input.kind === 'task') {
    if (input.owner?.type !== 'person') throw fieldProblem('/owner', 'field.required');
  }

  if (f.ownerAccountId && !(await isInProject(tx, networkId, access.project.id, f.ownerAccountId)))
    throw fieldProblem('/owner', 'codesign.commitment_owner_not_in_project');
  if (
    f.ownerOrganisationId &&
    input.owner?.type === 'organisation' &&
    !access.project.runningOrganisationIds.includes(f.ownerOrganisationId) &&
    !actsFor(actor, f.ownerOrganisationId)
  )
    throw fieldProblem('/owner', 'codesign.commitment_owner_not_in_project');
  return f;
}

/** The project for a change of its commitments: organisers and facilitators, not once it is closed. */
async function projectForChange(tx: Executor, ctx: CommandContext, projectId: string) {
  const access = await projectFor(tx, ctx.networkId, ctx.actor, projectId, 'facilitate');
  if (access.project.status === 'closed') throw new Problem(409, 'codesign.project_not_active');
  return access;
}

async function tellOwner(
  tx: Executor,
  ctx: CommandContext,
  access: ProjectAccess,
  id: string,
  f: CommitmentFields,
) {
  if (f.kind !== 'task' || !f.ownerAccountId || f.ownerAccountId === ctx.actorId) return;
  await notify(tx, {
    networkId: ctx.networkId,
    accountId: f.ownerAccountId,
    kind: 'codesign.commitment_assigned',
    params: { title: f.title, project: access.project.title },
    link: webPaths.codesignCommitment(access.project.id, id),
  });
}

export async function createCommitment(
  db: Executor,
  ctx: CommandContext,
  projectId: string,
  input: CommitmentInput,
): Promise<string> {
  return executeTx(db, async (tx) => {
    const access = await projectForChange(tx, ctx, projectId);
    const f = await resolve(tx, ctx, access, input);
    const id = await insertCommitment(tx, ctx.networkId, projectId, ctx.actorId, f);
    await addToTimeline(tx, {
      networkId: ctx.networkId,
      projectId,
      kind: 'commitments.made',
      actorId: ctx.actorId,
      subject: { type: 'codesign_commitment', id },
      params: { title: f.title, kind: f.kind },
    });
    await tellOwner(tx, ctx, access, id, f);
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'codesign.commitment_made',
      entityType: 'codesign_commitment',
      entityId: id,
      details: { projectId, kind: f.kind },
      ip: ctx.ip,
    });
    return id;
  });
}

/** The commitment for a change by the actor: 404 when its project is not visible to them. */
async function commitmentForChange(tx: Executor, ctx: CommandContext, id: string) {
  const c = await findCommitment(tx, ctx.networkId, id, true);
  if (!c) throw new Problem(404, 'not_found');
  const access = await projectForChange(tx, ctx, c.project_id);
  return { c, access };
}

export async function changeCommitment(
  db: Executor,
  ctx: CommandContext,
  id: string,
  input: CommitmentInput,
  baseUpdatedAt: Date | null,
): Promise<CommitmentRow> {
  return executeTx(db, async (tx) => {
    const { c, access } = await commitmentForChange(tx, ctx, id);
    if (baseUpdatedAt && c.updated_at.getTime() !== baseUpdatedAt.getTime())
      throw new Problem(409, 'codesign.commitment_stale');
    // the kind stays: a room that becomes a task is a new commitment (drop this one)
    const f = await resolve(tx, ctx, access, { ...input, kind: c.kind }, c);
    await updateCommitment(tx, ctx.networkId, id, f);
    if (f.ownerAccountId !== c.owner_account_id) await tellOwner(tx, ctx, access, id, f);
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'codesign.commitment_changed',
      entityType: 'codesign_commitment',
      entityId: id,
      details: { projectId: c.project_id, kind: c.kind },
      ip: ctx.ip,
    });
    return c;
  });
}

export async function moveCommitment(
  db: Executor,
  ctx: CommandContext,
  id: string,
  status: CodesignCommitmentStatus,
): Promise<void> {
  await executeTx(db, async (tx) => {
    const { c } = await commitmentForChange(tx, ctx, id);
    if (c.status === status) return;
    await setCommitmentStatus(tx, ctx.networkId, id, status);
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'codesign.commitment_moved',
      entityType: 'codesign_commitment',
      entityId: id,
      details: { projectId: c.project_id, from: c.status, to: status },
      ip: ctx.ip,
    });
    if (status === 'done' || status === 'dropped')
      await addToTimeline(tx, {
        networkId: ctx.networkId,
        projectId: c.project_id,
        kind: `commitments.${status}`,
        actorId: ctx.actorId,
        subject: { type: 'codesign_commitment', id },
        params: { title: c.title, kind: c.kind },
      });
  });
}
