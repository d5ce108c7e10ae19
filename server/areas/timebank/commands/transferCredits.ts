import { createHash, randomUUID } from 'node:crypto';
import type { TransferSourceType } from '../../../db/schema.ts';
import { type Executor, insertTogether } from '../../../db/tx.ts';
import { forbidden, notFound, Problem } from '../../../http/problem.ts';
import { auditInsert } from '../../../platform/audit.ts';
import { interactionInsert, type Party } from '../../../platform/interactions.ts';
import { notificationInsert } from '../../../platform/notifications.ts';
import { webPaths } from '../../../platform/webPaths.ts';
import type { Actor } from '../../../policies/actor.ts';
import { timebankPolicy } from '../policies/timebank.ts';
import {
  type AccountOwner,
  accountHolders,
  accountOwnerPair,
  findTimebankAccountPair,
  findTransferByKey,
  insertTransferOnce,
  type NewEntry,
  postEntry,
  type TimebankAccountRow,
  type TransferRow,
  updateTransfer,
} from '../repositories/timebank.ts';
import { transferSourceCheck } from '../transferSources.ts';

export interface CommandContext {
  networkId: string;
  actor: Actor;
  actorId: string;
  ip: string | null;
}

export interface TransferInput {
  payerAccountId: string;
  payeeAccountId: string;
  minutes: number;
  memo?: string;
  source?: { type: TransferSourceType; id: string };
}

/** True when a PostgreSQL error is the CHECK that keeps a balance within its credit limit. */
export function isOverdraft(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string };
  return e?.code === '23514' && e.constraint === 'timebank_account_within_limit';
}

export function partyOf(a: AccountOwner): Party | null {
  if (a.person_id) return { type: 'person', id: a.person_id };
  if (a.organisation_id) return { type: 'organisation', id: a.organisation_id };
  return null;
}

function requestHash(input: TransferInput): string {
  const canonical = JSON.stringify([
    input.payerAccountId,
    input.payeeAccountId,
    input.minutes,
    input.memo ?? '',
    input.source?.type ?? null,
    input.source?.id ?? null,
  ]);
  return createHash('sha256').update(canonical).digest('base64url');
}

/**
 * What the payer may still pay: balance plus credit limit (the pool has no limit). For the words of a
 * refusal; the CHECK on the locked account decides (see insertTransferOnce and `overdraftAsProblem`).
 */
function available(payer: Pick<TimebankAccountRow, 'balance' | 'credit_limit'>): number {
  return payer.credit_limit === null ? Number.POSITIVE_INFINITY : payer.balance + payer.credit_limit;
}

/** The refusal of a payment beyond what the payer may pay, with what they may still pay (minutes). */
const creditProblem = (minutes: number) =>
  new Problem(422, 'timebank.insufficient_credit', {
    params: { available: minutes },
    details: { available: { minutes } },
  });

const insufficientCredit = (payer: Pick<TimebankAccountRow, 'balance' | 'credit_limit'>) =>
  creditProblem(Math.max(0, available(payer)));

/** The journal entry of a payment: the minutes leave the payer's account and reach the payee's. */
function paymentEntry(
  t: { payer: AccountOwner; payee: AccountOwner; minutes: number; memo: string },
  createdBy: string,
): NewEntry {
  return {
    kind: 'transfer',
    memo: t.memo,
    createdBy,
    lines: [
      { accountId: t.payer.id, amount: -t.minutes },
      { accountId: t.payee.id, amount: t.minutes },
    ],
  };
}

async function overdraftAsProblem<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isOverdraft(err)) throw creditProblem(0);
    throw err;
  }
}

/**
 * What follows every completed transfer, as inserts to write with the command's others (see
 * insertTogether): the exchange as an interaction, and the receiver is told.
 */
async function afterCompleted(
  tx: Executor,
  ctx: { networkId: string; actorId: string },
  t: { id: string; payer: AccountOwner; payee: AccountOwner; minutes: number },
) {
  const a = partyOf(t.payer);
  const b = partyOf(t.payee);
  const holders = (await accountHolders(tx, ctx.networkId, t.payee)).filter((id) => id !== ctx.actorId);
  return [
    a &&
      b &&
      interactionInsert(tx, {
        networkId: ctx.networkId,
        area: 'sharing',
        kind: 'timebank_transfer',
        mode: 'online',
        a,
        b,
        source: { type: 'timebank_transfer', id: t.id },
      }),
    notificationInsert(
      tx,
      holders.map((accountId) => ({
        networkId: ctx.networkId,
        accountId,
        kind: 'timebank.transfer_received',
        params: { minutes: t.minutes, from: t.payer.owner_name ?? '' },
        link: webPaths.transfer(t.id),
      })),
    ),
  ];
}

/**
 * Completes a requested transfer the payer has confirmed: one balanced journal entry, the transfer
 * marked completed. `payer` and `payee` must have been read with `lock` in this transaction (in id
 * order, so concurrent transfers never deadlock and each sees the balance the previous one left).
 *
 * Guarantees: the payer never goes below its credit limit; the journal entry, the balances and the
 * transfer's status commit together or not at all.
 */
export async function completeTransfer(
  tx: Executor,
  ctx: { networkId: string; actorId: string },
  t: { id: string; payer: TimebankAccountRow; payee: TimebankAccountRow; minutes: number; memo: string },
): Promise<void> {
  if (t.minutes > available(t.payer)) throw insufficientCredit(t.payer);
  const entryId = await overdraftAsProblem(() => postEntry(tx, ctx.networkId, paymentEntry(t, ctx.actorId)));
  await updateTransfer(tx, ctx.networkId, t.id, {
    status: 'completed',
    entry_id: entryId,
    decided_by: ctx.actorId,
  });
  await insertTogether(tx, await afterCompleted(tx, ctx, t));
}

/**
 * What a transfer is for must exist in this network and be one the actor may see, by the rule of the
 * area that owns it (transferSources.ts): a booking (requester or owner side), an offer or want of the
 * exchange, a shift (through its opportunity: a draft only for its coordinators), a care need. Anything
 * else is answered like a missing one, so a payment can neither name it nor probe whether it exists.
 */
async function sourceVisible(
  tx: Executor,
  actor: Actor,
  networkId: string,
  source: NonNullable<TransferInput['source']>,
) {
  const check = transferSourceCheck(source.type);
  return check ? check(tx, actor, networkId, source.id) : false;
}

/**
 * Creates a transfer: the payer's side pays at once; the receiver's side asks the payer, who later
 * confirms or declines.
 *
 * It needs to know whose the two accounts are (that decides the policy, and never changes:
 * accountOwnerPair remembers it) and then writes everything in one statement (insertTransferOnce),
 * atomic without a transaction of its own: the transfer, for a payment its journal entry under both
 * accounts' locks, the audit row, the notification and the interaction. With the session remembered
 * too, a payment is one round trip; it was six with a transaction.
 *
 * Guarantees: one transfer per (initiator, idempotency key) — the unique key decides, so the same key
 * sent twice, even in parallel, yields one transfer and the same answer (even when the credits it
 * moved are spent by now), and the second writes nothing; a reused key with a different request is
 * refused. Money only moves with the payer's consent, and only within the credit limit, which the
 * database's CHECK decides under the lock; a refusal then reads what is still available.
 */
export async function transferCredits(
  db: Executor,
  ctx: CommandContext,
  input: TransferInput,
  idempotencyKey: string,
): Promise<{
  transfer: TransferRow;
  payer: AccountOwner;
  payee: AccountOwner;
  replayed: boolean;
}> {
  // inside a caller's transaction a refused write would abort it, so there the balance is read and
  // checked first; on its own the write tries, and only a refusal reads
  const current = db.isTransaction
    ? await findTimebankAccountPair(db, ctx.networkId, input.payerAccountId, input.payeeAccountId)
    : null;
  const [payer, payee] =
    current ?? (await accountOwnerPair(db, ctx.networkId, input.payerAccountId, input.payeeAccountId));
  if (!payer || !payee) throw notFound();
  if (payer.id === payee.id) throw new Problem(422, 'timebank.same_account');
  if (input.source && !(await sourceVisible(db, ctx.actor, ctx.networkId, input.source)))
    throw new Problem(422, 'timebank.source_not_found');
  const immediate = timebankPolicy.pay(ctx.actor, payer);
  if (!immediate && !timebankPolicy.request(ctx.actor, payee)) throw forbidden();
  const hash = requestHash(input);
  const memo = input.memo ?? '';
  const replay = async () => {
    const existing = await findTransferByKey(db, ctx.networkId, ctx.actorId, idempotencyKey);
    if (existing && existing.request_hash !== hash) throw new Problem(422, 'timebank.idempotency_mismatch');
    return existing && { transfer: existing, payer, payee, replayed: true };
  };
  const balance = current?.[0];
  if (immediate && balance && input.minutes > available(balance)) {
    const earlier = await replay();
    if (earlier) return earlier;
    throw insufficientCredit(balance);
  }
  const id = randomUUID();
  const audited = auditInsert(db, {
    networkId: ctx.networkId,
    actorId: ctx.actorId,
    action: immediate ? 'timebank.transfer_completed' : 'timebank.transfer_requested',
    entityType: 'timebank_transfer',
    entityId: id,
    details: { payer: payer.id, payee: payee.id, minutes: input.minutes, source: input.source ?? null },
    ip: ctx.ip,
  });
  const closing = immediate
    ? [...(await afterCompleted(db, ctx, { id, payer, payee, minutes: input.minutes })), audited]
    : [
        notificationInsert(
          db,
          (await accountHolders(db, ctx.networkId, payer)).map((accountId) => ({
            networkId: ctx.networkId,
            accountId,
            kind: 'timebank.transfer_requested' as const,
            params: { minutes: input.minutes, by: payee.owner_name ?? '' },
            link: webPaths.transfer(id),
          })),
        ),
        audited,
      ];
  let transfer: TransferRow | null;
  try {
    transfer = await insertTransferOnce(
      db,
      ctx.networkId,
      {
        id,
        payerAccountId: payer.id,
        payeeAccountId: payee.id,
        minutes: input.minutes,
        memo,
        initiatedBy: ctx.actorId,
        idempotencyKey,
        requestHash: hash,
        sourceType: input.source?.type ?? null,
        sourceId: input.source?.id ?? null,
      },
      // the payer's own payment completes in the same statement; a request waits for the payer
      immediate ? paymentEntry({ payer, payee, minutes: input.minutes, memo }, ctx.actorId) : undefined,
      closing,
    );
  } catch (err) {
    if (!isOverdraft(err)) throw err;
    // a replayed key never gets here: its transfer is skipped before any line is written
    const [now] = db.isTransaction
      ? []
      : await findTimebankAccountPair(db, ctx.networkId, payer.id, payee.id);
    throw insufficientCredit(now ?? { credit_limit: 0, balance: 0 });
  }
  if (transfer === null) {
    const earlier = await replay();
    if (!earlier) throw new Error('idempotency key taken but no transfer found');
    return earlier;
  }
  return { transfer, payer, payee, replayed: false };
}
