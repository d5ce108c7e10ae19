import type { FreshnessTarget } from '../../../../db/schema.ts';
import { type Actor, actsFor, isSignedIn } from '../../../../policies/actor.ts';

/**
 * Who may do what with the freshness of a wiki page or a map report — pure functions of the actor
 * and the thing, the one place these rules are written (routes, the coordinator's list and the home
 * use them; the list's SQL in repositories/freshness.ts says the same in its WHERE).
 *
 * - See: a wiki page by its visibility (`public` everyone, `signed_in` the network's members,
 *   `members` the organisation's members — instance admins included only as members, as in the
 *   search); an archived page nobody. A map report everyone. Whoever may not see a thing gets 404.
 * - Edit (the thing's editors): a wiki page the staff and admins of its organisation — of any
 *   organisation for the network's own pages — and instance admins; a map report its author and
 *   instance admins.
 * - Confirm ("still correct"), see readers' notes, change owner and interval: the owner and the
 *   editors (the owner must be able to see it).
 * - Report "out of date": anyone signed in who may see it.
 */

export interface FreshnessSubject {
  type: FreshnessTarget;
  organisationId: string | null;
  visibility: 'public' | 'signed_in' | 'members';
  archived: boolean;
  ownerId: string | null;
  authorId: string | null;
}

const staffAnywhere = (actor: Actor) => [...actor.roles.keys()].some((org) => actsFor(actor, org));

export const freshnessPolicy = {
  see(actor: Actor, s: FreshnessSubject): boolean {
    if (s.type === 'map_report') return true;
    if (s.archived) return false;
    if (s.visibility === 'public') return true;
    if (s.visibility === 'signed_in') return isSignedIn(actor);
    return isSignedIn(actor) && s.organisationId !== null && actor.roles.has(s.organisationId);
  },

  /** Whether the person is one of the thing's editors (and so may own it). */
  edit(actor: Actor, s: FreshnessSubject): boolean {
    if (!isSignedIn(actor) || !this.see(actor, s)) return false;
    if (actor.isInstanceAdmin) return true;
    if (s.type === 'map_report') return s.authorId === actor.accountId;
    return s.organisationId === null ? staffAnywhere(actor) : actsFor(actor, s.organisationId);
  },

  confirm(actor: Actor, s: FreshnessSubject): boolean {
    if (!isSignedIn(actor) || !this.see(actor, s)) return false;
    return s.ownerId === actor.accountId || this.edit(actor, s);
  },

  report(actor: Actor, s: FreshnessSubject): boolean {
    return isSignedIn(actor) && this.see(actor, s);
  },
};
