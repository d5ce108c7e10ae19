import type { BridgeOutcome, BridgeStatus } from '../../../../db/schema.ts';
import { abilitiesOf } from '../../../../policies/abilities.ts';
import { type Actor, actsFor, isSignedIn } from '../../../../policies/actor.ts';
import type { PartyType } from '../match.ts';
import type { Side } from '../repositories/suggestions.ts';

/** A suggestion as the policy sees it. */
export interface SuggestionRef {
  status: BridgeStatus;
  /** side a: always an organisation */
  a: string;
  b: { type: PartyType; id: string };
  /** when side b is a community: its owners and moderators */
  bKeepers: readonly string[];
  accepted: { a: boolean; b: boolean };
  notNowSide: Side | 'coordinator' | null;
  /** whose offer it is */
  giver: Side;
  followUpAsked: boolean;
  outcome: BridgeOutcome | null;
  met: { a: boolean | null; b: boolean | null };
}

const coordinates = (actor: Actor) => isSignedIn(actor) && actor.isInstanceAdmin;

/**
 * The sides the actor speaks for: an organisation's staff and admins, a community's owners and
 * moderators. Volunteers and plain members do not: a suggestion is about the organisation's work.
 */
export function sidesOf(actor: Actor, r: SuggestionRef): Side[] {
  if (!isSignedIn(actor)) return [];
  const out: Side[] = [];
  if (actsFor(actor, r.a)) out.push('a');
  if (r.b.type === 'organisation' ? actsFor(actor, r.b.id) : r.bKeepers.includes(actor.accountId))
    out.push('b');
  return out;
}

const waiting = (r: SuggestionRef) => r.status === 'open' || r.status === 'accepted';

/**
 * Bridges worth building. A suggestion exists only for the people who speak for its two sides and for
 * the network's coordinator (the instance admins, who see them all as a list); everyone else is
 * answered as if it did not exist. A side says yes (the other side is then asked) or "not now"; the
 * side that set one aside may still say yes later. The coordinator may introduce the two directly or
 * set a suggestion aside, never say yes for a side. After an introduction each side answers "did you
 * meet?" once, unless the record already showed that they did. Which of the giver's resources stand
 * idle is for the giver's side and the coordinator only (as Teilen shows utilisation), and why a side
 * said "not now" only for that side and the coordinator.
 */
export const suggestionPolicy = {
  view: (actor: Actor, r: SuggestionRef) => coordinates(actor) || sidesOf(actor, r).length > 0,
  listAll: (actor: Actor) => coordinates(actor),
  viewHitRate: (actor: Actor) => coordinates(actor),
  accept: (actor: Actor, r: SuggestionRef) => {
    const sides = sidesOf(actor, r);
    const pending = sides.some((s) => !r.accepted[s]);
    if (waiting(r)) return pending;
    return r.status === 'not_now' && pending && sides.some((s) => s === r.notNowSide);
  },
  setAside: (actor: Actor, r: SuggestionRef) =>
    waiting(r) && (coordinates(actor) || sidesOf(actor, r).length > 0),
  introduce: (actor: Actor, r: SuggestionRef) => waiting(r) && coordinates(actor),
  answer: (actor: Actor, r: SuggestionRef) =>
    r.status === 'introduced' &&
    r.followUpAsked &&
    r.outcome !== 'interaction' &&
    sidesOf(actor, r).some((s) => r.met[s] === null),
  seeIdle: (actor: Actor, r: SuggestionRef) => coordinates(actor) || sidesOf(actor, r).includes(r.giver),
  seeNotNowReason: (actor: Actor, r: SuggestionRef) =>
    coordinates(actor) || (r.notNowSide !== null && sidesOf(actor, r).some((s) => s === r.notNowSide)),
};

export const suggestionAbilities = (actor: Actor, r: SuggestionRef) =>
  abilitiesOf(suggestionPolicy, ['accept', 'setAside', 'introduce', 'answer'], actor, r);
