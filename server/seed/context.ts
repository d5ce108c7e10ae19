import type { MembershipRole } from '../db/schema.ts';

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
