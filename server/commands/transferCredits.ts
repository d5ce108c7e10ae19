import { createHash } from 'node:crypto';
import type { DB, TransferSourceType } from '../db/schema.ts';
import { type Executor, executeTx } from '../db/tx.ts';
import { forbidden, notFound, Problem } from '../http/problem.ts';
import { audit } from '../platform/audit.ts';
import { type Party, recordInteraction } from '../platform/interactions.ts';
import { notify } from '../platform/notifications.ts';
import type { Actor } from '../policies/actor.ts';
import { bookingPolicy, bookingRef } from '../policies/booking.ts';
import { timebankPolicy } from '../policies/timebank.ts';
import { findBooking } from '../repositories/bookings.ts';
import {
  accountHolders,
  findTimebankAccountPair,
  findTransferByKey,
  insertTransferOnce,
  lockAccounts,
  postEntry,
  type TimebankAccountRow,
  updateTransfer,
} from '../repositories/timebank.ts';

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

export function partyOf(a: TimebankAccountRow): Party | null {
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
 * Moves `minutes` from payer to payee as one balanced journal entry and marks the transfer completed.
 *
 * Guarantees: both accounts are locked in id order (so concurrent transfers never deadlock and each
 * sees the balance the previous one left); the payer never goes below its credit limit — checked here
 * for a clear message and enforced again by the database CHECK; the journal entry, the balances and
 * the transfer's status commit together or not at all. Records the exchange as an interaction.
 */
export async function completeTransfer(
  tx: Executor,
  ctx: { networkId: string; actorId: string },
  t: { id: string; payer: TimebankAccountRow; payee: TimebankAccountRow; minutes: number; memo: string },
): Promise<void> {
  const locked = await lockAccounts(tx, ctx.networkId, [t.payer.id, t.payee.id]);
  const payer = locked.find((a) => a.id === t.payer.id);
  if (!payer) throw notFound();
  const available =
    payer.credit_limit === null ? Number.POSITIVE_INFINITY : payer.balance + payer.credit_limit;
  if (t.minutes > available) {
    throw new Problem(422, 'timebank.insufficient_credit', { params: { available: Math.max(0, available) } });
  }
  let entryId: string;
  try {
    entryId = await postEntry(tx, ctx.networkId, {
      kind: 'transfer',
      memo: t.memo,
      createdBy: ctx.actorId,
      lines: [
        { accountId: t.payer.id, amount: -t.minutes },
        { accountId: t.payee.id, amount: t.minutes },
      ],
    });
  } catch (err) {
    if (isOverdraft(err))
      throw new Problem(422, 'timebank.insufficient_credit', { params: { available: 0 } });
    throw err;
  }
  await updateTransfer(tx, ctx.networkId, t.id, {
    status: 'completed',
    entry_id: entryId,
    decided_by: ctx.actorId,
  });
  const a = partyOf(t.payer);
  const b = partyOf(t.payee);
  if (a && b) {
    await recordInteraction(tx, {
      networkId: ctx.networkId,
      area: 'sharing',
      kind: 'timebank_transfer',
      mode: 'online',
      a,
      b,
      source: { type: 'timebank_transfer', id: t.id },
    });
  }
  for (const accountId of await accountHolders(tx, ctx.networkId, t.payee)) {
    if (accountId === ctx.actorId) continue;
    await notify(tx, {
      networkId: ctx.networkId,
      accountId,
      kind: 'timebank.transfer_received',
      params: { minutes: t.minutes, from: t.payer.owner_name ?? '' },
      link: `/zeitbank/ueberweisungen/${t.id}`,
    });
  }
}

/** Where the other sources of a transfer live (a booking is checked with its policy instead). */
const sourceTables = { offer: 'exchange_post', shift: 'shift' } as const satisfies Record<
  Exclude<TransferSourceType, 'booking'>,
  keyof DB
>;

/**
 * Creates a transfer: the payer's side pays at once; the receiver's side asks the payer, who later
 * confirms or declines.
 *
 * Guarantees: one transfer per (initiator, idempotency key) — the unique key decides, so the same key
 * sent twice, even in parallel, yields one transfer and the same answer; a reused key with a different
 * request is refused. Money only moves with the payer's consent, and only within the credit limit.
 */
export async function transferCredits(
  db: Executor,
  ctx: CommandContext,
  input: TransferInput,
  idempotencyKey: string,
): Promise<{ transferId: string; replayed: boolean }> {
  return executeTx(db, async (tx) => {
    const [payer, payee] = await findTimebankAccountPair(
      tx,
      ctx.networkId,
      input.payerAccountId,
      input.payeeAccountId,
    );
    if (!payer || !payee) throw notFound();
    if (payer.id === payee.id) throw new Problem(422, 'timebank.same_account');
    if (input.source) {
      // what a transfer is for must exist in this network: a booking, an offer of the exchange, a shift.
      // A booking must also be one the person may see (requester or owner side): someone else's is
      // answered like a missing one, so a payment can neither name it nor probe whether it exists.
      if (input.source.type === 'booking') {
        const booking = await findBooking(tx, ctx.networkId, input.source.id);
        if (!booking || !bookingPolicy.view(ctx.actor, bookingRef(booking)))
          throw new Problem(422, 'timebank.source_not_found');
      } else {
        const found = await tx
          .selectFrom(sourceTables[input.source.type])
          .select('id')
          .where('network_id', '=', ctx.networkId)
          .where('id', '=', input.source.id)
          .executeTakeFirst();
        if (!found) throw new Problem(422, 'timebank.source_not_found');
      }
    }
    const immediate = timebankPolicy.pay(ctx.actor, payer);
    if (!immediate && !timebankPolicy.request(ctx.actor, payee)) throw forbidden();
    const hash = requestHash(input);
    const memo = input.memo ?? '';
    const id = await insertTransferOnce(tx, ctx.networkId, {
      payerAccountId: payer.id,
      payeeAccountId: payee.id,
      minutes: input.minutes,
      memo,
      status: 'requested',
      initiatedBy: ctx.actorId,
      idempotencyKey,
      requestHash: hash,
      sourceType: input.source?.type ?? null,
      sourceId: input.source?.id ?? null,
    });
    if (id === null) {
      const existing = await findTransferByKey(tx, ctx.networkId, ctx.actorId, idempotencyKey);
      if (!existing) throw new Error('idempotency key taken but no transfer found');
      if (existing.request_hash !== hash) throw new Problem(422, 'timebank.idempotency_mismatch');
      return { transferId: existing.id, replayed: true };
    }
    if (immediate) {
      await completeTransfer(tx, ctx, { id, payer, payee, minutes: input.minutes, memo });
    } else {
      for (const accountId of await accountHolders(tx, ctx.networkId, payer)) {
        await notify(tx, {
          networkId: ctx.networkId,
          accountId,
          kind: 'timebank.transfer_requested',
          params: { minutes: input.minutes, by: payee.owner_name ?? '' },
          link: `/zeitbank/ueberweisungen/${id}`,
        });
      }
    }
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: immediate ? 'timebank.transfer_completed' : 'timebank.transfer_requested',
      entityType: 'timebank_transfer',
      entityId: id,
      details: { payer: payer.id, payee: payee.id, minutes: input.minutes, source: input.source ?? null },
      ip: ctx.ip,
    });
    return { transferId: id, replayed: false };
  });
}
