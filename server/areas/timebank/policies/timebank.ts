import type { TimebankOwnerType, TransferStatus } from '../../../db/schema.ts';
import { abilitiesOf } from '../../../policies/abilities.ts';
import { type Actor, actsFor, isSignedIn } from '../../../policies/actor.ts';

export interface TimebankAccountRef {
  owner_type: TimebankOwnerType;
  person_id: string | null;
  organisation_id: string | null;
}

export interface TransferRef {
  status: TransferStatus;
  payer: TimebankAccountRef;
  payee: TimebankAccountRef;
}

/** A person acts for their own account, staff and admins for their organisation's, instance admins for the pool. */
function actsForAccount(actor: Actor, a: TimebankAccountRef): boolean {
  if (!isSignedIn(actor)) return false;
  if (a.owner_type === 'person') return a.person_id === actor.accountId;
  if (a.owner_type === 'organisation') return a.organisation_id !== null && actsFor(actor, a.organisation_id);
  return actor.isInstanceAdmin;
}

/**
 * Time bank. Balances and statements are private to the account's holders (and instance admins, who
 * keep the ledger healthy). Money moves only with the payer's consent: the payer pays, or confirms
 * the receiver's request.
 */
export const timebankPolicy = {
  actFor: actsForAccount,
  /** Balance, statement and transfers of an account. */
  view: (actor: Actor, a: TimebankAccountRef) =>
    isSignedIn(actor) && (actor.isInstanceAdmin || actsForAccount(actor, a)),
  /** Anyone signed in can find the account of a person or organisation to pay it or ask it for credits. */
  lookup: (actor: Actor) => isSignedIn(actor),
  pay: (actor: Actor, payer: TimebankAccountRef) => actsForAccount(actor, payer),
  request: (actor: Actor, payee: TimebankAccountRef) => actsForAccount(actor, payee),
  viewTransfer: (actor: Actor, t: TransferRef) =>
    isSignedIn(actor) &&
    (actor.isInstanceAdmin || actsForAccount(actor, t.payer) || actsForAccount(actor, t.payee)),
  confirm: (actor: Actor, t: TransferRef) => t.status === 'requested' && actsForAccount(actor, t.payer),
  decline: (actor: Actor, t: TransferRef) => t.status === 'requested' && actsForAccount(actor, t.payer),
  cancel: (actor: Actor, t: TransferRef) => t.status === 'requested' && actsForAccount(actor, t.payee),
  /** Corrections are reversal entries, made by instance admins only. */
  reverse: (actor: Actor, t: TransferRef) =>
    isSignedIn(actor) && actor.isInstanceAdmin && t.status === 'completed',
  setCreditLimit: (actor: Actor) => isSignedIn(actor) && actor.isInstanceAdmin,
  viewLedgerHealth: (actor: Actor) => isSignedIn(actor) && actor.isInstanceAdmin,
};

export const transferAbilities = (actor: Actor, t: TransferRef) =>
  abilitiesOf(timebankPolicy, ['confirm', 'decline', 'cancel', 'reverse'], actor, t);
