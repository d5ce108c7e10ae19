import type { SignupStatus } from '../../../db/schema.ts';
import { type Actor, isSignedIn } from '../../../policies/actor.ts';
import { coordinates, type OpportunityRef } from './opportunity.ts';

export interface SignupRef {
  account_id: string;
  status: SignupStatus;
  opportunity: OpportunityRef;
}

/**
 * Shifts. Anyone signed in signs up for a shift of a published opportunity; a person withdraws or
 * checks in only themselves; coordinators of a running organisation see the roster, check people in,
 * mark no-shows, remove someone, and message everyone signed up.
 */
export const shiftPolicy = {
  signUp: (actor: Actor, o: OpportunityRef) => isSignedIn(actor) && o.status === 'published',
  withdraw: (actor: Actor, s: SignupRef) =>
    isSignedIn(actor) &&
    (s.status === 'signed_up' || s.status === 'waitlisted') &&
    (s.account_id === actor.accountId || coordinates(actor, s.opportunity)),
  checkInSelf: (actor: Actor, s: SignupRef) =>
    isSignedIn(actor) && s.status === 'signed_up' && s.account_id === actor.accountId,
  checkIn: (actor: Actor, s: SignupRef) =>
    (s.status === 'signed_up' || s.status === 'no_show') && coordinates(actor, s.opportunity),
  markNoShow: (actor: Actor, s: SignupRef) => s.status === 'signed_up' && coordinates(actor, s.opportunity),
  viewRoster: (actor: Actor, o: OpportunityRef) => coordinates(actor, o),
  message: (actor: Actor, o: OpportunityRef) => coordinates(actor, o),
};
