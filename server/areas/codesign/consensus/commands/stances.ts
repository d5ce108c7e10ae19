import type { CodesignStance } from '../../../../db/schema.ts';
import { type Executor, executeTx, insertTogether } from '../../../../db/tx.ts';
import type { CommandContext } from '../../../../http/context.ts';
import { notFound, Problem } from '../../../../http/problem.ts';
import { audit } from '../../../../platform/audit.ts';
import { type ToolAccess, toolDoor } from '../../projects/access.ts';
import { contributionWrites, type OnBehalf } from '../../projects/contribute.ts';
import { lockProposalWithTool } from '../repositories/proposals.ts';

/**
 * A participant's stance on a proposal. Guarantees: one current stance per person and proposal (the
 * primary key; a change updates the row, so nobody is counted twice); only while the proposal and its
 * tool are open — the proposal row is locked for share while the stance is written, and a close
 * locks it for update, so the two never cross (the database's trigger holds the same rule); every
 * stance and every change is a contribution (contribute(): the log, the interaction record, assisted
 * entry with consent and audit), in the same transaction.
 */

/** A stance the trigger refused: the proposal or its tool closed in the meantime. */
const closedByDatabase = (e: unknown) =>
  typeof e === 'object' &&
  e !== null &&
  ((e as { constraint?: string }).constraint === 'codesign_stance_open' ||
    String((e as { message?: string }).message ?? '').includes('codesign_stance_closed'));

async function openProposal(tx: Executor, ctx: CommandContext, proposalId: string, onBehalf?: OnBehalf) {
  const locked = await lockProposalWithTool(tx, ctx.networkId, proposalId, ctx.actor.accountId);
  if (!locked) throw notFound();
  const { p } = locked;
  const access = toolDoor(ctx.actor, locked.found, ['consensus'], onBehalf ? 'facilitate' : 'participate');
  if (!access.open) throw new Problem(409, 'codesign.tool_not_open');
  if (p.clock >= p.closes_at) throw new Problem(409, 'codesign_consensus.closed');
  return { p, access };
}

async function guarded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (closedByDatabase(e)) throw new Problem(409, 'codesign_consensus.closed');
    throw e;
  }
}

export async function takeStance(
  db: Executor,
  ctx: CommandContext,
  proposalId: string,
  input: { stance: CodesignStance; reason: string; onBehalf?: OnBehalf },
): Promise<void> {
  const reason = input.reason.trim();
  await guarded(() =>
    executeTx(db, async (tx) => {
      const { access } = await openProposal(tx, ctx, proposalId, input.onBehalf);
      const c = await contributionWrites(tx, ctx, access, 'stance', input.onBehalf);
      // the stance with its contribution (and the contribution's audit and interaction): one statement
      await insertTogether(tx, [
        ...c.inserts,
        tx
          .insertInto('codesign_stance')
          .values({
            network_id: ctx.networkId,
            proposal_id: proposalId,
            participant_id: c.participantId,
            stance: input.stance,
            reason,
            contribution_id: c.contributionId,
          })
          .onConflict((oc) =>
            oc.columns(['network_id', 'proposal_id', 'participant_id']).doUpdateSet((eb) => ({
              stance: eb.ref('excluded.stance'),
              reason: eb.ref('excluded.reason'),
              contribution_id: eb.ref('excluded.contribution_id'),
              updated_at: eb.ref('excluded.updated_at'),
            })),
          ),
      ]);
    }),
  );
}

/** Whose stance a withdrawal is about: one's own, or — for a facilitator — a participant's who consented. */
async function participantOf(tx: Executor, ctx: CommandContext, access: ToolAccess, onBehalf?: OnBehalf) {
  if (!onBehalf) {
    if (!access.project.participantId) throw new Problem(409, 'codesign_consensus.no_stance');
    return { participantId: access.project.participantId, assisted: false };
  }
  const p = await tx
    .selectFrom('codesign_participant')
    .select(['id', 'account_id', 'consent'])
    .where('network_id', '=', ctx.networkId)
    .where('project_id', '=', access.project.id)
    .where('id', '=', onBehalf.participantId)
    .executeTakeFirst();
  if (!p) throw notFound();
  const assisted = p.account_id !== ctx.actorId;
  if (assisted && !p.consent) throw new Problem(409, 'codesign.assist_no_consent');
  return { participantId: p.id, assisted };
}

/** Withdraws the stance (one's own, or for a participant who consented): nobody counts it any more. */
export async function withdrawStance(
  db: Executor,
  ctx: CommandContext,
  proposalId: string,
  onBehalf?: OnBehalf,
): Promise<void> {
  await guarded(() =>
    executeTx(db, async (tx) => {
      const { access } = await openProposal(tx, ctx, proposalId, onBehalf);
      const { participantId, assisted } = await participantOf(tx, ctx, access, onBehalf);
      const gone = await tx
        .deleteFrom('codesign_stance')
        .where('network_id', '=', ctx.networkId)
        .where('proposal_id', '=', proposalId)
        .where('participant_id', '=', participantId)
        .returning('stance')
        .executeTakeFirst();
      if (!gone) throw new Problem(409, 'codesign_consensus.no_stance');
      if (assisted)
        await audit(tx, {
          networkId: ctx.networkId,
          actorId: ctx.actorId,
          action: 'codesign.stance_withdrawn',
          entityType: 'codesign_participant',
          entityId: participantId,
          details: { projectId: access.project.id, proposalId, channel: onBehalf?.channel ?? 'online' },
          ip: ctx.ip,
        });
    }),
  );
}
