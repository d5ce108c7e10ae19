import { abilitiesOf } from '../../../policies/abilities.ts';
import { type Actor, actsFor, isSignedIn } from '../../../policies/actor.ts';

export interface ExchangePostRef {
  author_id: string;
  organisation_id: string | null;
  status: 'open' | 'closed';
}

const authors = (actor: Actor, p: ExchangePostRef) =>
  isSignedIn(actor) &&
  (actor.accountId === p.author_id || (p.organisation_id !== null && actsFor(actor, p.organisation_id)));

/**
 * Offers and wants. Posts name people, so the board is for signed-in members of the network; the
 * author (or, for an organisation's post, its staff) keeps it; others answer by message, never by
 * seeing an email address. Instance admins may close a post (moderation).
 */
export const exchangePolicy = {
  list: (actor: Actor) => isSignedIn(actor),
  view: (actor: Actor, _p: ExchangePostRef) => isSignedIn(actor),
  create: (actor: Actor, organisationId?: string) =>
    isSignedIn(actor) && (organisationId === undefined || actsFor(actor, organisationId)),
  update: (actor: Actor, p: ExchangePostRef) => authors(actor, p),
  renew: (actor: Actor, p: ExchangePostRef) => authors(actor, p),
  close: (actor: Actor, p: ExchangePostRef) =>
    authors(actor, p) || (isSignedIn(actor) && actor.isInstanceAdmin),
  /** Answer a post: anyone signed in but its author, while it is open. */
  answer: (actor: Actor, p: ExchangePostRef) =>
    isSignedIn(actor) && p.status === 'open' && actor.accountId !== p.author_id,
  /** The author replies to people who wrote. */
  reply: (actor: Actor, p: ExchangePostRef) => isSignedIn(actor) && actor.accountId === p.author_id,
};

export const exchangeAbilities = (actor: Actor, p: ExchangePostRef) =>
  abilitiesOf(exchangePolicy, ['update', 'renew', 'close', 'answer'], actor, p);
