import type { CommunityJoining, CommunityMemberStatus, CommunityRole } from '../../../../db/schema.ts';
import { type Actor, isSignedIn } from '../../../../policies/actor.ts';

/** What the policies need of a community and of the asking person's place in it. */
export interface CommunityFacts {
  joining: CommunityJoining;
  archived: boolean;
  /** hidden by a moderator of the network (moderation): gone for everyone but the instance admins */
  hidden: boolean;
  /** the asking person's row among the members, if any */
  me: { role: CommunityRole; status: CommunityMemberStatus } | null;
}

const member = (actor: Actor, c: CommunityFacts) => isSignedIn(actor) && c.me?.status === 'active';
const hasRole = (actor: Actor, c: CommunityFacts, roles: readonly CommunityRole[]) =>
  member(actor, c) && c.me !== null && roles.includes(c.me.role);
const stewards: readonly CommunityRole[] = ['owner', 'moderator'];

/**
 * The one rule of who may do what in a community (routes, commands and the page's abilities ask it):
 * - view: everyone — a community of interest is there to be found, the by-request ones too (only its
 *   talk and the names of its members are its members' business); one a moderator hid, nobody but the
 *   instance admins;
 * - see the members' names: its active members;
 * - read its threads: everyone where anyone may join at once, only its members where they are
 *   accepted by request (to everyone else they do not exist); start a thread: its active members while
 *   it is not archived;
 * - manage (edit it, answer requests, remove members): its owners and moderators, while not archived;
 *   give roles and archive it: its owners;
 * - join (or ask to): anyone signed in not yet in it, while not archived; leave (or withdraw a request):
 *   whoever is in it — except its last owner, which the command refuses.
 * Instance admins have no extra rights in a community: its talk is its members' business.
 */
export const communityPolicy = {
  create: (actor: Actor) => isSignedIn(actor),
  view: (actor: Actor, c: CommunityFacts) => !c.hidden || actor.isInstanceAdmin,
  seeMembers: (actor: Actor, c: CommunityFacts) => member(actor, c),
  readThreads: (actor: Actor, c: CommunityFacts) => c.joining === 'open' || member(actor, c),
  startThread: (actor: Actor, c: CommunityFacts) => member(actor, c) && !c.archived,
  manage: (actor: Actor, c: CommunityFacts) => hasRole(actor, c, stewards) && !c.archived,
  setRoles: (actor: Actor, c: CommunityFacts) => hasRole(actor, c, ['owner']) && !c.archived,
  archive: (actor: Actor, c: CommunityFacts) => hasRole(actor, c, ['owner']) && !c.archived,
  join: (actor: Actor, c: CommunityFacts) => isSignedIn(actor) && c.me === null && !c.archived,
  leave: (actor: Actor, c: CommunityFacts) => isSignedIn(actor) && c.me !== null,
  /** whom a manager may take out: an owner anyone else, a moderator plain members only */
  remove: (actor: Actor, c: CommunityFacts, target: { role: CommunityRole }) =>
    hasRole(actor, c, ['owner']) || (hasRole(actor, c, ['moderator']) && target.role === 'member'),
};
