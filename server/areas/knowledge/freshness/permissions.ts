import {
  type Case,
  coordinatorsOfA,
  everyone,
  membersOfA,
  next,
  signedIn,
  staffAnywhere,
  type Town,
} from '../../../../test/integration/access/cases.ts';

/**
 * Freshness: the owner and review interval of wiki pages and map reports, "still correct?" reminders,
 * readers' "out of date" notes, the coordinator's list of stale content — its section of the access
 * table (joined in ../permissions.ts). The wiki's and the map's routes may not exist beside it, so
 * the things are written straight into their tables: a network page kept by Nils (`neighbour`), a
 * members-only page of organisation A, and a map report Olga (`owner`) wrote.
 */
async function wikiPage(town: Town, opts: { organisation?: boolean } = {}) {
  const members = opts.organisation === true;
  const { id } = await town.t.db
    .insertInto('wiki_page')
    .values({
      network_id: town.t.networkId,
      slug: `seite-${next()}`,
      title: members ? 'Interne Abläufe' : 'Wegweiser Pflege',
      organisation_id: members ? town.orgA.id : null,
      visibility: members ? 'members' : 'public',
      owner_id: members ? town.users.coordinatorA.id : town.users.neighbour.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return `/freshness/wiki_page/${id}`;
}

async function mapReport(town: Town) {
  const { id } = await town.t.db
    .insertInto('map_report')
    .values({
      network_id: town.t.networkId,
      kind: 'defect',
      category: 'accessibility',
      title: `Bordstein zu hoch ${next()}`,
      lat: 51.34,
      lng: 12.38,
      author_id: town.users.owner.id,
      owner_id: town.users.owner.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return `/freshness/map_report/${id}`;
}

const confirmers = [...staffAnywhere, 'instanceAdmin', 'neighbour'] as const;

export const freshnessPermissions: Record<string, Case | Case[]> = {
  'GET /freshness/stale': {
    when: 'what the caller is asked to check; all of it for instance admins',
    allowed: signedIn,
    request: () => ({ url: '/freshness/stale' }),
  },
  'GET /freshness/{targetType}/{targetId}': [
    {
      when: 'a public network page',
      allowed: everyone,
      request: async (town) => ({ url: await wikiPage(town) }),
    },
    {
      when: "a members-only page of A's",
      allowed: membersOfA,
      seenBy: membersOfA,
      request: async (town) => ({ url: await wikiPage(town, { organisation: true }) }),
    },
    { when: 'a map report', allowed: everyone, request: async (town) => ({ url: await mapReport(town) }) },
  ],
  'POST /freshness/{targetType}/{targetId}/confirm': [
    {
      when: 'a network page: its owner, staff of any organisation, instance admins',
      allowed: confirmers,
      request: async (town) => ({ url: `${await wikiPage(town)}/confirm` }),
    },
    {
      when: "a members-only page of A's: A's staff",
      allowed: coordinatorsOfA,
      seenBy: membersOfA,
      request: async (town) => ({ url: `${await wikiPage(town, { organisation: true })}/confirm` }),
    },
    {
      when: 'a map report: its author and owner, instance admins',
      allowed: ['owner', 'instanceAdmin'],
      request: async (town) => ({ url: `${await mapReport(town)}/confirm` }),
    },
  ],
  'POST /freshness/{targetType}/{targetId}/outdated': [
    {
      when: 'a public page',
      allowed: signedIn,
      request: async (town) => ({
        url: `${await wikiPage(town)}/outdated`,
        payload: { note: 'Die Sprechzeiten haben sich geändert.' },
      }),
    },
    {
      when: "a members-only page of A's",
      allowed: membersOfA,
      seenBy: membersOfA,
      request: async (town) => ({
        url: `${await wikiPage(town, { organisation: true })}/outdated`,
        payload: { note: 'Der Ablauf ist neu.' },
      }),
    },
  ],
  'PATCH /freshness/{targetType}/{targetId}': [
    {
      when: 'a network page',
      allowed: confirmers,
      request: async (town) => ({ url: await wikiPage(town), payload: { reviewIntervalDays: 90 } }),
    },
    {
      when: "a members-only page of A's",
      allowed: coordinatorsOfA,
      seenBy: membersOfA,
      request: async (town) => ({
        url: await wikiPage(town, { organisation: true }),
        payload: { reviewIntervalDays: 90 },
      }),
    },
    {
      when: 'a map report',
      allowed: ['owner', 'instanceAdmin'],
      request: async (town) => ({ url: await mapReport(town), payload: { reviewIntervalDays: 30 } }),
    },
  ],
};
