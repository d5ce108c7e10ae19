import { createHash, randomInt } from 'node:crypto';
import type { CodesignAgeBand, CodesignConsent, CodesignStake } from '../../../../db/schema.ts';
import { type Executor, executeTx } from '../../../../db/tx.ts';
import type { CommandContext } from '../../../../http/context.ts';
import { notFound, Problem } from '../../../../http/problem.ts';
import { audit } from '../../../../platform/audit.ts';
import { projectFor } from '../../projects/access.ts';
import { enteredRoleOf } from '../../projects/contribute.ts';

/**
 * Assisted participation: a facilitator adds a person to a project — a member of the network or a
 * person without an account under the name they chose — recording how the person agreed that staff
 * enter contributions for them; the person can withdraw that agreement (nothing more is entered for
 * them, what was entered stays, marked with who entered it), and can take their row over with an
 * account by a claim code handed to them on paper. Each step is one transaction with its audit row,
 * which names the staff member's role.
 */

export interface GroupsInput {
  districtId?: string | null;
  ageBand?: CodesignAgeBand | null;
  stake?: CodesignStake | null;
  language?: string | null;
}

/** How long a claim code can be used after it is handed out. */
export const claimCodeDays = 60;
/** Letters and digits that cannot be mistaken for each other on paper (no 0/O, 1/I/L, 5/S, 2/Z, 8/B). */
const claimAlphabet = 'ACDEFGHJKMNPQRTUVWXY34679';

/** A code to print: 12 characters in three groups ("HQ7A-KM4C-XR9T"), about 56 bits. */
export function newClaimCode(): string {
  let s = '';
  for (let i = 0; i < 12; i++) s += claimAlphabet[randomInt(claimAlphabet.length)];
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

/** The stored form of a code as the person types it (case, spaces and dashes do not matter). */
export function claimCodeHash(code: string): string {
  const normal = code.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return createHash('sha256').update(normal).digest('hex');
}

async function checkDistrict(db: Executor, networkId: string, districtId: string | null | undefined) {
  if (!districtId) return;
  const d = await db
    .selectFrom('district')
    .select('id')
    .where('network_id', '=', networkId)
    .where('id', '=', districtId)
    .executeTakeFirst();
  if (!d)
    throw new Problem(422, 'validation', {
      fields: [{ field: '/groups/districtId', code: 'codesign.offline_unknown_district' }],
    });
}

const groupColumns = (g: GroupsInput) => ({
  district_id: g.districtId ?? null,
  age_band: g.ageBand ?? null,
  stake: g.stake ?? null,
  language: g.language ?? null,
});

export async function addAssisted(
  db: Executor,
  ctx: CommandContext,
  projectId: string,
  input: { displayName?: string; email?: string; consent: CodesignConsent; groups?: GroupsInput },
): Promise<string> {
  const displayName = input.displayName?.trim();
  if (!displayName === !input.email)
    throw new Problem(422, 'validation', {
      fields: [{ field: '/displayName', code: 'codesign.offline_name_or_email' }],
    });
  return executeTx(db, async (tx) => {
    const access = await projectFor(tx, ctx.networkId, ctx.actor, projectId, 'facilitate');
    if (access.project.status === 'closed') throw new Problem(409, 'codesign.project_not_active');
    const groups = input.groups ?? {};
    await checkDistrict(tx, ctx.networkId, groups.districtId);
    const role = enteredRoleOf(ctx, access.project.runningOrganisationIds);
    const consent = {
      consent: input.consent,
      consent_recorded_by: ctx.actorId,
      consent_at: new Date(),
      consent_withdrawn_at: null,
      consent_withdrawn_by: null,
    };
    let participantId: string;
    if (input.email) {
      const account = await tx
        .selectFrom('account')
        .select('id')
        .where('network_id', '=', ctx.networkId)
        .where((eb) => eb(eb.fn('lower', ['email']), '=', input.email!.toLowerCase()))
        .executeTakeFirst();
      if (!account)
        throw new Problem(422, 'validation', {
          fields: [{ field: '/email', code: 'codesign.offline_no_member' }],
        });
      const existing = await tx
        .selectFrom('codesign_participant')
        .select(['id'])
        .where('network_id', '=', ctx.networkId)
        .where('project_id', '=', projectId)
        .where('account_id', '=', account.id)
        .forUpdate()
        .executeTakeFirst();
      if (existing) {
        await tx
          .updateTable('codesign_participant')
          .set({ ...consent, status: 'active', ...(input.groups ? groupColumns(groups) : {}) })
          .where('network_id', '=', ctx.networkId)
          .where('id', '=', existing.id)
          .execute();
        participantId = existing.id;
      } else {
        const row = await tx
          .insertInto('codesign_participant')
          .values({
            network_id: ctx.networkId,
            project_id: projectId,
            account_id: account.id,
            joined_via: 'assisted',
            invited_by: ctx.actorId,
            ...groupColumns(groups),
            ...consent,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        participantId = row.id;
      }
    } else {
      const row = await tx
        .insertInto('codesign_participant')
        .values({
          network_id: ctx.networkId,
          project_id: projectId,
          display_name: displayName!,
          joined_via: 'assisted',
          invited_by: ctx.actorId,
          ...groupColumns(groups),
          ...consent,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      participantId = row.id;
    }
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'codesign.assisted_added',
      entityType: 'codesign_participant',
      entityId: participantId,
      details: { projectId, consent: input.consent, role, withAccount: Boolean(input.email) },
      ip: ctx.ip,
    });
    return participantId;
  });
}

/** The participant, locked, for a facilitator's change: 404 unless it is one of the project's. */
async function participantForChange(tx: Executor, ctx: CommandContext, projectId: string, id: string) {
  const p = await tx
    .selectFrom('codesign_participant')
    .select(['id', 'account_id', 'consent', 'consent_withdrawn_at', 'claimed_at', 'status', 'joined_via'])
    .where('network_id', '=', ctx.networkId)
    .where('project_id', '=', projectId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!p) throw notFound();
  return p;
}

/** Records the person's groups as they gave them (a facilitator, for a person they assist). */
export async function changeAssistedGroups(
  db: Executor,
  ctx: CommandContext,
  projectId: string,
  participantId: string,
  groups: GroupsInput,
): Promise<void> {
  await executeTx(db, async (tx) => {
    const access = await projectFor(tx, ctx.networkId, ctx.actor, projectId, 'facilitate');
    const p = await participantForChange(tx, ctx, projectId, participantId);
    if (!p.consent) throw notFound();
    if (p.consent_withdrawn_at) throw new Problem(409, 'codesign.assist_consent_withdrawn');
    await checkDistrict(tx, ctx.networkId, groups.districtId);
    await tx
      .updateTable('codesign_participant')
      .set(groupColumns(groups))
      .where('network_id', '=', ctx.networkId)
      .where('id', '=', participantId)
      .execute();
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'codesign.assisted_groups_changed',
      entityType: 'codesign_participant',
      entityId: participantId,
      details: { projectId, role: enteredRoleOf(ctx, access.project.runningOrganisationIds) },
      ip: ctx.ip,
    });
  });
}

/**
 * The person no longer agrees: from now on nothing is entered for them (contribute() refuses, and the
 * database too); what was entered stays, marked with who entered it. An open claim code stays valid,
 * so they can still take their contributions over themselves.
 */
export async function withdrawConsent(
  db: Executor,
  ctx: CommandContext,
  projectId: string,
  participantId: string,
): Promise<void> {
  await executeTx(db, async (tx) => {
    const access = await projectFor(tx, ctx.networkId, ctx.actor, projectId, 'facilitate');
    const p = await participantForChange(tx, ctx, projectId, participantId);
    if (!p.consent) throw notFound();
    if (p.consent_withdrawn_at) return;
    await tx
      .updateTable('codesign_participant')
      .set({ consent_withdrawn_at: new Date(), consent_withdrawn_by: ctx.actorId })
      .where('network_id', '=', ctx.networkId)
      .where('id', '=', participantId)
      .execute();
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'codesign.assisted_consent_withdrawn',
      entityType: 'codesign_participant',
      entityId: participantId,
      details: { projectId, role: enteredRoleOf(ctx, access.project.runningOrganisationIds) },
      ip: ctx.ip,
    });
  });
}

/**
 * A new claim code for a person without an account (any earlier one stops working): returned once,
 * to be written down and handed over; only its SHA-256 is stored, and it expires.
 */
export async function issueClaimCode(
  db: Executor,
  ctx: CommandContext,
  projectId: string,
  participantId: string,
  now = new Date(),
): Promise<{ code: string; expiresAt: Date }> {
  return executeTx(db, async (tx) => {
    const access = await projectFor(tx, ctx.networkId, ctx.actor, projectId, 'facilitate');
    const p = await participantForChange(tx, ctx, projectId, participantId);
    if (p.joined_via !== 'assisted' || !p.consent) throw notFound();
    if (p.account_id) throw new Problem(409, 'codesign.offline_has_account');
    const code = newClaimCode();
    const expiresAt = new Date(now.getTime() + claimCodeDays * 86_400_000);
    await tx
      .updateTable('codesign_participant')
      .set({ claim_token_hash: claimCodeHash(code), claim_expires_at: expiresAt })
      .where('network_id', '=', ctx.networkId)
      .where('id', '=', participantId)
      .execute();
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'codesign.claim_code_issued',
      entityType: 'codesign_participant',
      entityId: participantId,
      details: {
        projectId,
        role: enteredRoleOf(ctx, access.project.runningOrganisationIds),
        expiresAt: expiresAt.toISOString(),
      },
      ip: ctx.ip,
    });
    return { code, expiresAt };
  });
}

/**
 * The person, signed in, takes their row over with the code: their account is set, the code is gone
 * (it works once), their past contributions stay theirs and stay marked "mit Unterstützung von …".
 * Refused when the account already takes part in the project (merging two rows is not done here).
 */
export async function claimParticipation(
  db: Executor,
  ctx: CommandContext,
  code: string,
  now = new Date(),
): Promise<{ projectId: string; participantId: string; projectTitle: string }> {
  return executeTx(db, async (tx) => {
    const p = await tx
      .selectFrom('codesign_participant as p')
      .innerJoin('codesign_project as pr', (j) =>
        j.onRef('pr.network_id', '=', 'p.network_id').onRef('pr.id', '=', 'p.project_id'),
      )
      .select(['p.id', 'p.project_id', 'p.account_id', 'p.claim_expires_at', 'pr.title'])
      .where('p.network_id', '=', ctx.networkId)
      .where('p.claim_token_hash', '=', claimCodeHash(code))
      .forUpdate('p')
      .executeTakeFirst();
    if (!p || p.account_id) throw new Problem(404, 'codesign.offline_claim_unknown');
    if (!p.claim_expires_at || p.claim_expires_at <= now)
      throw new Problem(410, 'codesign.offline_claim_expired');
    const already = await tx
      .selectFrom('codesign_participant')
      .select('id')
      .where('network_id', '=', ctx.networkId)
      .where('project_id', '=', p.project_id)
      .where('account_id', '=', ctx.actorId)
      .executeTakeFirst();
    if (already) throw new Problem(409, 'codesign.offline_claim_already_participant');
    await tx
      .updateTable('codesign_participant')
      .set({
        account_id: ctx.actorId,
        claimed_at: now,
        claim_token_hash: null,
        claim_expires_at: null,
        status: 'active',
      })
      .where('network_id', '=', ctx.networkId)
      .where('id', '=', p.id)
      .execute();
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'codesign.participation_claimed',
      entityType: 'codesign_participant',
      entityId: p.id,
      details: { projectId: p.project_id },
      ip: ctx.ip,
    });
    return { projectId: p.project_id, participantId: p.id, projectTitle: p.title };
  });
}
