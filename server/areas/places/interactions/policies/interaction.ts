import type { InteractionStatus, PartyType } from '../../../../db/schema.ts';
import { abilitiesOf } from '../../../../policies/abilities.ts';
import { type Actor, isSignedIn } from '../../../../policies/actor.ts';

export interface InteractionRef {
  a_type: PartyType;
  a_id: string;
  b_type: PartyType;
  b_id: string;
  /** 'manual' when a person logged it by hand; then `a` is that person and `b` the other side */
  source_type: string | null;
  status: InteractionStatus;
}

const takesPart = (actor: Actor & { accountId: string }, i: InteractionRef) =>
  (i.a_type === 'person' && i.a_id === actor.accountId) ||
  (i.b_type === 'person' && i.b_id === actor.accountId);

/**
 * The interaction record (the community graph of area 6). A person logs an interaction of their own
 * with an organisation or another person; one with a person waits for that person's confirmation.
 * Each interaction is seen only by the people who took part in it: nobody else — not the staff of an
 * organisation that is a party, not instance admins — reads single interactions; the network
 * analytics show only aggregates. The person it was logged with confirms it; either of the two
 * removes one logged by hand (declining, withdrawing, or taking back a confirmation). What an
 * activity recorded (a loan, a shift, a transfer) stays with that record.
 */
export const interactionPolicy = {
  record: (actor: Actor) => isSignedIn(actor),
  listOwn: (actor: Actor) => isSignedIn(actor),
  view: (actor: Actor, i: InteractionRef) => isSignedIn(actor) && takesPart(actor, i),
  confirm: (actor: Actor, i: InteractionRef) =>
    isSignedIn(actor) && i.status === 'pending' && i.b_type === 'person' && i.b_id === actor.accountId,
  remove: (actor: Actor, i: InteractionRef) =>
    isSignedIn(actor) && i.source_type === 'manual' && takesPart(actor, i),
};

export const interactionAbilities = (actor: Actor, i: InteractionRef) =>
  abilitiesOf(interactionPolicy, ['confirm', 'remove'], actor, i);
