import { type Executor, executeTx } from '../../../db/tx.ts';
import { forbidden, notFound, Problem } from '../../../http/problem.ts';
import { audit } from '../../../platform/audit.ts';
import { timebankPolicy } from '../policies/timebank.ts';
import {
  entryLines,
  findTimebankAccount,
  findTransfer,
  lockAccounts,
  postEntry,
  updateTransfer,
} from '../repositories/timebank.ts';
import { type CommandContext, isOverdraft } from './transferCredits.ts';

/**
 * Corrects a completed transfer by appending a reversal entry (the original entry stays as it was).
 *
 * Guarantees: an entry is reversed at most once (the transfer row is locked, and the database holds a
 * unique key on reverses_entry_id); the reversal is itself balanced; it is refused when it would take
 * the receiver below its credit limit, so a correction never breaks the limit invariant either.
 */
export async function reverseTransfer(
  db: Executor,
  ctx: CommandContext,
  transferId: string,
  reason: string,
): Promise<void> {
  await executeTx(db, async (tx) => {
    const t = await findTransfer(tx, ctx.networkId, transferId, true);
    if (!t) throw notFound();
    const payer = await findTimebankAccount(tx, ctx.networkId, t.payer_account_id);
    const payee = await findTimebankAccount(tx, ctx.networkId, t.payee_account_id);
    if (!payer || !payee) throw notFound();
    const ref = { status: t.status, payer, payee };
    if (!timebankPolicy.viewTransfer(ctx.actor, ref)) throw notFound();
    if (t.status !== 'completed' || !t.entry_id) {
      throw new Problem(409, 'timebank.not_completed', { params: { status: t.status } });
    }
    if (!timebankPolicy.reverse(ctx.actor, ref)) throw forbidden();
    const lines = await entryLines(tx, ctx.networkId, t.entry_id);
    const locked = await lockAccounts(
      tx,
      ctx.networkId,
      lines.map((l) => l.account_id),
    );
    let reversalId: string;
    try {
      reversalId = await postEntry(tx, ctx.networkId, {
        kind: 'reversal',
        memo: reason,
        createdBy: ctx.actorId,
        reversesEntryId: t.entry_id,
        lines: lines.map((l) => ({ accountId: l.account_id, amount: -l.amount })),
      });
    } catch (err) {
      if (isOverdraft(err)) {
        // what the receiver may still give back, as the lock above read it
        const back = locked.find((a) => a.id === payee.id);
        const minutes =
          back && back.credit_limit !== null ? Math.max(0, back.balance + back.credit_limit) : undefined;
        throw new Problem(422, 'timebank.reversal_overdraws', {
          params: { name: payee.owner_name ?? '' },
          ...(minutes === undefined ? {} : { details: { available: { minutes } } }),
        });
      }
      throw err;
    }
    await updateTransfer(tx, ctx.networkId, t.id, {
      status: 'reversed',
      reversal_entry_id: reversalId,
      decided_by: ctx.actorId,
    });
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'timebank.transfer_reversed',
      entityType: 'timebank_transfer',
      entityId: t.id,
      details: { reason, reversalEntryId: reversalId },
      ip: ctx.ip,
    });
  });
}
