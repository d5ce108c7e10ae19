import type { MembershipRole } from '../db/schema.ts';
import type { CommandContext } from '../http/context.ts';
import type { Actor } from '../policies/actor.ts';

/** A key of the demo town's data (lindenbrueck.ts) → the id it got in the database. */
export type Ids = ReadonlyMap<string, string>;

/**
 * What the demo town's foundation made — districts, organisations, people and their memberships —
 * for each area's `seed` (its manifest) to build on, through the area's own commands.
 */
export interface DemoSeedContext {
  networkId: string;
  orgIds: Ids;
  personIds: Ids;
  districtIds: Ids;
  centres: ReadonlyMap<string, { lat: number; lng: number }>;
  memberships: ReadonlyMap<string, [string, MembershipRole][]>;
  now: number;
}

/** A demo person as the policies see them, acting through the commands (key: a person of lindenbrueck.ts). */
export function demoActor(c: DemoSeedContext, key: string): Actor & { accountId: string } {
  const accountId = c.personIds.get(key);
  if (!accountId) throw new Error(`no demo person ${key}`);
  const roles = (c.memberships.get(key) ?? []).flatMap(([o, role]): [string, MembershipRole][] => {
    const id = c.orgIds.get(o);
    return id ? [[id, role]] : [];
  });
  return { accountId, isInstanceAdmin: false, blocked: false, roles: new Map(roles) };
}

/** The command context of a demo person (see demoActor). */
export function demoCommandContext(c: DemoSeedContext, key: string): CommandContext {
  const actor = demoActor(c, key);
  return { networkId: c.networkId, actor, actorId: actor.accountId, ip: '127.0.0.1', locale: 'de' };
}
