import { type Executor, executeTx } from '../../../db/tx.ts';
import { forbidden, notFound, Problem } from '../../../http/problem.ts';
import { audit } from '../../../platform/audit.ts';
import { notify } from '../../../platform/notifications.ts';
import { webPaths } from '../../../platform/webPaths.ts';
import { timebankPolicy } from '../policies/timebank.ts';
import {
  accountHolders,
  findTimebankAccountPair,
  findTransfer,
  updateTransfer,
} from '../repositories/timebank.ts';
import { type CommandContext, completeTransfer } from './transferCredits.ts';

export type TransferDecision = 'confirm' | 'decline' | 'cancel';

/**
 * The payer confirms or declines a requested transfer, or the receiver withdraws the request.
 *
 * Guarantees: the transfer row is locked first, so of two concurrent decisions exactly one applies and
 * the other sees the new status (409); confirming moves the credits exactly once, within the payer's
 * credit limit (see completeTransfer); declined and cancelled requests never touch the journal.
 */
export async function decideTransfer(
  db: Executor,
  ctx: CommandContext,
  transferId: string,
  decision: TransferDecision,
): Promise<void> {
  await executeTx(db, async (tx) => {
    const t = await findTransfer(tx, ctx.networkId, transferId, true);
    if (!t) throw notFound();
    const [payer, payee] = await findTimebankAccountPair(
      tx,
      ctx.networkId,
      t.payer_account_id,
      t.payee_account_id,
      { lock: true },
    );
    if (!payer || !payee) throw notFound();
    const ref = { status: t.status, payer, payee };
    if (!timebankPolicy.viewTransfer(ctx.actor, ref)) throw notFound();
    if (t.status !== 'requested')
      throw new Problem(409, 'timebank.not_requested', { params: { status: t.status } });
    if (!timebankPolicy[decision](ctx.actor, ref)) throw forbidden();
    if (decision === 'confirm') {
      await completeTransfer(tx, ctx, { id: t.id, payer, payee, minutes: t.minutes, memo: t.memo });
    } else {
      await updateTransfer(tx, ctx.networkId, t.id, {
        status: decision === 'decline' ? 'declined' : 'cancelled',
        decided_by: ctx.actorId,
      });
      if (decision === 'decline') {
        for (const accountId of await accountHolders(tx, ctx.networkId, payee)) {
          await notify(tx, {
            networkId: ctx.networkId,
            accountId,
            kind: 'timebank.transfer_declined',
            params: { minutes: t.minutes, by: payer.owner_name ?? '' },
            link: webPaths.transfer(t.id),
          });
        }
      }
    }
    const action = { confirm: 'confirmed', decline: 'declined', cancel: 'cancelled' }[decision];
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: `timebank.transfer_${action}`,
      entityType: 'timebank_transfer',
      entityId: t.id,
      ip: ctx.ip,
    });
  });
}
