import type { MembershipRole } from '../db/schema.ts';
import { type Actor, anonymous } from './actor.ts';

/**
 * One actor per role, for the policy tables in *.test.ts beside each policy. "This" organisation
 * is the one the policies are asked about; the blocked person was an admin of it and of the
 * instance, so the tables show that a block outweighs every role.
 */
export const thisOrg = { id: '00000000-0000-4000-8000-0000000000a1' };
export const otherOrg = { id: '00000000-0000-4000-8000-0000000000b2' };

const person = (n: number, roles: [string, MembershipRole][] = [], extra: Partial<Actor> = {}): Actor => ({
  accountId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  isInstanceAdmin: false,
  blocked: false,
  roles: new Map(roles),
  ...extra,
});

export const actors = {
  anonymous,
  citizen: person(1),
  volunteer: person(2, [[thisOrg.id, 'volunteer']]),
  staff: person(3, [[thisOrg.id, 'staff']]),
  orgAdmin: person(4, [[thisOrg.id, 'admin']]),
  otherOrgAdmin: person(5, [[otherOrg.id, 'admin']]),
  instanceAdmin: person(6, [], { isInstanceAdmin: true }),
  blocked: person(7, [[thisOrg.id, 'admin']], { isInstanceAdmin: true, blocked: true }),
} satisfies Record<string, Actor>;

export type RoleName = keyof typeof actors;
export const roleNames = Object.keys(actors) as RoleName[];

/** Someone who is none of the actors above: the target of "another person" checks. */
export const stranger = { id: '00000000-0000-4000-8000-000000000099' };

/** Every role not listed is denied. */
export function expectedFor(allowed: readonly RoleName[]): Record<RoleName, boolean> {
  return Object.fromEntries(roleNames.map((r) => [r, allowed.includes(r)])) as Record<RoleName, boolean>;
}

/** Evaluates `check` for every role; compare the result with expectedFor(...) in one assertion. */
export function evaluate(check: (actor: Actor) => boolean): Record<RoleName, boolean> {
  return Object.fromEntries(roleNames.map((r) => [r, check(actors[r])])) as Record<RoleName, boolean>;
}
