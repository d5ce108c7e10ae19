import { randomUUID } from 'node:crypto';
import type { CodesignChannel, CodesignEnteredRole } from '../../../db/schema.ts';
import { type Executor, insertTogether, type TogetherInsert } from '../../../db/tx.ts';
import type { CommandContext } from '../../../http/context.ts';
import { notFound, Problem } from '../../../http/problem.ts';
import { auditInsert } from '../../../platform/audit.ts';
import { interactionInsert } from '../../../platform/interactions.ts';
import { roleIn } from '../../../policies/actor.ts';
import type { ProjectAccess, ToolAccess } from './access.ts';

/** Who a contribution is for when a facilitator enters it: a participant of the project, and how it came in. */
export interface OnBehalf {
  participantId: string;
  channel: CodesignChannel;
}

export interface Contribution {
  /** the row of codesign_contribution: the part's row points at it */
  contributionId: string;
  participantId: string;
}

/**
 * Records one contribution to a project, in the caller's transaction — the one place that decides
 * whose it is and how it came in, so every part counts people and shows "mit Unterstützung von …"
 * alike:
 *
 * - in one's own name: the actor's active participation; where joining is open they join with it
 *   (their groups taken from their profile, which they can change on the project);
 * - for someone else (`onBehalf`): only a facilitator or an organiser, only for a participant of this
 *   project whose consent is recorded; the contribution names who entered it and in which role, and
 *   the audit log keeps it (a professional acting for a person is logged, like every access to a
 *   person's data by staff).
 *
 * A tool must be open (the parts' tables hold the same rule in the database). Every contribution is
 * an edge of the interaction record between the person and the lead organisation (area `codesign`,
 * online or offline).
 */
export async function contribute(
  tx: Executor,
  ctx: CommandContext,
  access: ProjectAccess | ToolAccess,
  kind: string,
  onBehalf?: OnBehalf,
): Promise<Contribution> {
  const { inserts, ...c } = await contributionWrites(tx, ctx, access, kind, onBehalf);
  await insertTogether(tx, inserts);
  return c;
}

/**
 * contribute() up to its writes: the contribution (its id chosen here), its audit row and its
 * interaction as inserts, for the part to write together with its own row in one statement
 * (insertTogether; a row of the part may point at the contribution, the keys are checked at the
 * statement's end). The checks run first, as in contribute().
 */
export async function contributionWrites(
  tx: Executor,
  ctx: CommandContext,
  access: ProjectAccess | ToolAccess,
  kind: string,
  onBehalf?: OnBehalf,
): Promise<Contribution & { inserts: TogetherInsert[] }> {
  const { project } = access;
  const tool = 'tool' in access ? access.tool : null;
  if (project.status !== 'active') throw new Problem(409, 'codesign.project_not_active');
  if (tool && !(access as ToolAccess).open) throw new Problem(409, 'codesign.tool_not_open');

  let participantId: string;
  let accountId: string | null;
  let enteredRole: CodesignEnteredRole | null = null;
  let channel: CodesignChannel = 'online';
  if (onBehalf) {
    if (!access.may.facilitate) throw new Problem(403, 'codesign.assist_not_allowed');
    const p = await tx
      .selectFrom('codesign_participant')
      .select(['id', 'account_id', 'consent', 'consent_withdrawn_at', 'status'])
      .where('network_id', '=', ctx.networkId)
      .where('project_id', '=', project.id)
      .where('id', '=', onBehalf.participantId)
      .executeTakeFirst();
    if (!p || p.status === 'left') throw notFound();
    if (p.account_id !== ctx.actorId) {
      if (!p.consent) throw new Problem(409, 'codesign.assist_no_consent');
      if (p.consent_withdrawn_at) throw new Problem(409, 'codesign.assist_consent_withdrawn');
      enteredRole = enteredRoleOf(ctx, project.runningOrganisationIds);
    }
    participantId = p.id;
    accountId = p.account_id;
    channel = onBehalf.channel;
  } else {
    participantId = await ownParticipation(tx, ctx, access);
    accountId = ctx.actorId;
  }

  const contributionId = randomUUID();
  const inserts: TogetherInsert[] = [
    tx.insertInto('codesign_contribution').values({
      network_id: ctx.networkId,
      id: contributionId,
      project_id: project.id,
      tool_id: tool?.id ?? null,
      participant_id: participantId,
      kind,
      channel,
      entered_by: enteredRole ? ctx.actorId : null,
      entered_role: enteredRole,
    }),
    enteredRole &&
      auditInsert(tx, {
        networkId: ctx.networkId,
        actorId: ctx.actorId,
        action: 'codesign.contribution_entered',
        entityType: 'codesign_participant',
        entityId: participantId,
        details: { projectId: project.id, kind, channel, role: enteredRole, contributionId },
        ip: ctx.ip,
      }),
    accountId && project.leadOrganisationId
      ? interactionInsert(tx, {
          networkId: ctx.networkId,
          area: 'codesign',
          kind: 'contribution',
          mode: channel === 'online' ? 'online' : 'offline',
          a: { type: 'person', id: accountId },
          b: { type: 'organisation', id: project.leadOrganisationId },
          source: { type: 'codesign_contribution', id: contributionId },
        })
      : null,
  ];
  return { contributionId, participantId, inserts };
}

/** The role a facilitator acts in: their role in the first running organisation they belong to, or 'facilitator'. */
export function enteredRoleOf(
  ctx: CommandContext,
  runningOrganisationIds: readonly string[],
): CodesignEnteredRole {
  for (const o of runningOrganisationIds) {
    const role = roleIn(ctx.actor, o);
    if (role === 'admin' || role === 'staff') return role;
  }
  return 'facilitator';
}

/** The actor's own participant row, joining an open project on the way (safe against a parallel first contribution). */
async function ownParticipation(tx: Executor, ctx: CommandContext, access: ProjectAccess): Promise<string> {
  const { project } = access;
  if (project.participantId && project.me?.status === 'active') return project.participantId;
  if (!access.may.participate) throw new Problem(403, 'codesign.not_participant');
  return joinProject(tx, ctx.networkId, project.id, ctx.actorId, 'open');
}

/**
 * Makes the account an active participant (or finds it one), its groups taken from its profile where
 * it has them: the first district it lives in and the first language it speaks. Idempotent.
 */
export async function joinProject(
  tx: Executor,
  networkId: string,
  projectId: string,
  accountId: string,
  via: 'open' | 'link' | 'invitation' | 'organiser',
): Promise<string> {
  const profile = await tx
    .selectFrom('profile')
    .select(['district_ids', 'languages'])
    .where('network_id', '=', networkId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  const language = profile?.languages.find((l) => /^[a-z]{2,3}$/.test(l)) ?? null;
  await tx
    .insertInto('codesign_participant')
    .values({
      network_id: networkId,
      project_id: projectId,
      account_id: accountId,
      joined_via: via,
      status: 'active',
      district_id: profile?.district_ids[0] ?? null,
      language,
    })
    .onConflict((oc) =>
      oc
        .columns(['network_id', 'project_id', 'account_id'])
        .where('account_id', 'is not', null)
        .doUpdateSet({ status: 'active' }),
    )
    .execute();
  const row = await tx
    .selectFrom('codesign_participant')
    .select('id')
    .where('network_id', '=', networkId)
    .where('project_id', '=', projectId)
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  return row.id;
}
