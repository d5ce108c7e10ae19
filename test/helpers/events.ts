import type { CommunityRole } from '../../server/db/schema.ts';
import type { TestApp } from './app.ts';

let n = 0;

/**
 * A community straight in the database, for the tests of Räume & Brücken's events (the communities
 * part's routes are tested there; this only sets the stage): open, local, with the members given —
 * active unless said otherwise.
 */
export async function makeCommunity(
  t: Pick<TestApp, 'db' | 'networkId'>,
  o: {
    name?: string;
    members?: [accountId: string, role: CommunityRole, status?: 'active' | 'requested'][];
  } = {},
) {
  const i = ++n;
  const name = o.name ?? `Repair-Café ${i}`;
  const slug = `gemeinschaft-${process.pid}-${i}`;
  const { id } = await t.db
    .insertInto('community')
    .values({ network_id: t.networkId, slug, name, space: 'local' })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [accountId, role, status = 'active'] of o.members ?? [])
    await t.db
      .insertInto('community_member')
      .values({
        network_id: t.networkId,
        community_id: id,
        account_id: accountId,
        role: status === 'active' ? role : 'member',
        status,
        joined_at: status === 'active' ? new Date() : null,
      })
      .execute();
  return { id, name, slug };
}

const hour = 3600_000;

/** The body of a new event: public, free, in a room, with registration and no limit, in `inHours` hours. */
export function eventBody(
  host: { type: 'organisation' | 'community'; id: string },
  over: Record<string, unknown> = {},
  inHours = 72,
) {
  const start = new Date(Date.now() + inHours * hour);
  return {
    host,
    title: `Reparaturnachmittag ${++n}`,
    description: 'Bringen Sie **kaputte Dinge** mit.',
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 3 * hour).toISOString(),
    venue: 'Nachbarschaftszentrum, Lindenhofer Straße 58',
    lat: null,
    lng: null,
    districtId: null,
    onlineUrl: null,
    stepFree: true,
    free: true,
    price: '',
    visibility: 'public',
    registration: true,
    capacity: null,
    waitlistEnabled: true,
    ...over,
  };
}

/** Moves an event so that it started `hoursAgo` hours ago (attendance and "over" need a past start). */
export async function startedAgo(t: Pick<TestApp, 'db' | 'networkId'>, eventId: string, hoursAgo: number) {
  const start = new Date(Date.now() - hoursAgo * hour);
  await t.db
    .updateTable('place_event')
    .set({ starts_at: start, ends_at: new Date(start.getTime() + 4 * hour) })
    .where('network_id', '=', t.networkId)
    .where('id', '=', eventId)
    .execute();
}
