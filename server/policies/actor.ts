import type { MembershipRole } from '../db/schema.ts';

/** Who is asking. Built once per request from the session; policies decide only from this. */
export interface Actor {
  accountId: string | null;
  isInstanceAdmin: boolean;
  blocked: boolean;
  /** organisation id → role */
  roles: ReadonlyMap<string, MembershipRole>;
}

export const anonymous: Actor = { accountId: null, isInstanceAdmin: false, blocked: false, roles: new Map() };

export function isSignedIn(actor: Actor): actor is Actor & { accountId: string } {
  return actor.accountId !== null && !actor.blocked;
}

export function roleIn(actor: Actor, organisationId: string): MembershipRole | undefined {
  return actor.roles.get(organisationId);
}

/** Staff or admin of the organisation: people who act for it professionally. */
export function actsFor(actor: Actor, organisationId: string): boolean {
  const role = roleIn(actor, organisationId);
  return !actor.blocked && (role === 'admin' || role === 'staff');
}

export function administers(actor: Actor, organisationId: string): boolean {
  return !actor.blocked && roleIn(actor, organisationId) === 'admin';
}
