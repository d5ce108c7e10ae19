import {
  type Case,
  coordinatorsOfA,
  everyone,
  next,
  type Role,
  signedIn,
  staffAnywhere,
  type Town,
} from '../../../../test/integration/access/cases.ts';

/**
 * Dossiers: evidence bundled for a political body, sent, tracked and answered — its section of the
 * access table (joined in ../permissions.ts). Organisation B plays the public body; A compiles.
 */

const compilersOfA: readonly Role[] = [...coordinatorsOfA, 'instanceAdmin'];

interface Fixture {
  report: string;
}
const fixtures = new WeakMap<Town, Promise<Fixture>>();

/** Once per town: B becomes a public body, and there is one public map report to be evidence. */
function fixture(town: Town): Promise<Fixture> {
  let f = fixtures.get(town);
  if (!f) {
    f = (async () => {
      const { db, networkId } = town.t;
      await db
        .updateTable('organisation')
        .set({ kind: 'public_body' })
        .where('id', '=', town.orgB.id)
        .execute();
      const r = await db
        .insertInto('map_report')
        .values({
          network_id: networkId,
          kind: 'missing_offer',
          category: 'youth',
          title: 'Kein Jugendraum im Stadtteil',
          lat: 51.3,
          lng: 9.48,
          author_id: town.users.owner.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { report: r.id };
    })();
    fixtures.set(town, f);
  }
  return f;
}

/** A fresh draft of A (by its admin), with a summary and, if asked, the report as evidence. */
async function newDraft(town: Town, withItem = true): Promise<string> {
  const { report } = await fixture(town);
  const r = await town.call(town.users.adminA, {
    method: 'POST',
    url: '/dossiers',
    payload: { title: `Jugendraum ${next()}`, summary: 'Es fehlt ein Raum.', organisationId: town.orgA.id },
  });
  const id = r.json().id as string;
  if (withItem)
    await town.call(town.users.adminA, {
      method: 'POST',
      url: `/dossiers/${id}/items`,
      payload: { type: 'map_report', itemId: report },
    });
  return id;
}

/** A fresh dossier of A, sent to B. */
async function newSent(town: Town): Promise<string> {
  const id = await newDraft(town);
  await town.call(town.users.adminA, {
    method: 'POST',
    url: `/dossiers/${id}/send`,
    payload: { organisationId: town.orgB.id },
  });
  return id;
}

const shared = new WeakMap<Town, Promise<{ draft: string; sent: string }>>();
function sharedDossiers(town: Town) {
  let s = shared.get(town);
  if (!s) {
    s = (async () => ({ draft: await newDraft(town), sent: await newSent(town) }))();
    shared.set(town, s);
  }
  return s;
}

const draftAndSent = (path: string): Case[] => [
  {
    when: 'a draft',
    allowed: compilersOfA,
    seenBy: compilersOfA,
    request: async (town) => ({ url: `/dossiers/${(await sharedDossiers(town)).draft}${path}` }),
  },
  {
    when: 'sent',
    allowed: everyone,
    request: async (town) => ({ url: `/dossiers/${(await sharedDossiers(town)).sent}${path}` }),
  },
];

export const dossiersPermissions: Record<string, Case | Case[]> = {
  'GET /dossiers': { allowed: everyone, request: () => ({ url: '/dossiers' }) },
  'POST /dossiers': {
    allowed: [...compilersOfA, 'adminB'],
    request: (town, role) => ({
      url: '/dossiers',
      payload: {
        title: `Dossier ${next()}`,
        summary: '',
        organisationId: role === 'instanceAdmin' ? null : role === 'adminB' ? town.orgB.id : town.orgA.id,
      },
    }),
  },
  'GET /dossiers/drafts': { allowed: signedIn, request: () => ({ url: '/dossiers/drafts' }) },
  'GET /dossiers/inbox': { allowed: signedIn, request: () => ({ url: '/dossiers/inbox' }) },
  'GET /dossiers/recipients': { allowed: everyone, request: () => ({ url: '/dossiers/recipients' }) },
  'GET /dossiers/evidence': {
    allowed: [...staffAnywhere, 'instanceAdmin'],
    request: async (town) => {
      await fixture(town);
      return { url: '/dossiers/evidence?type=map_report' };
    },
  },
  'GET /dossiers/{id}': draftAndSent(''),
  'PUT /dossiers/{id}': {
    allowed: compilersOfA,
    seenBy: compilersOfA,
    request: async (town) => ({
      url: `/dossiers/${(await sharedDossiers(town)).draft}`,
      payload: { title: `Jugendraum ${next()}`, summary: 'Es fehlt ein Raum.' },
    }),
  },
  'DELETE /dossiers/{id}': {
    allowed: compilersOfA,
    seenBy: compilersOfA,
    request: async (town) => ({ url: `/dossiers/${await newDraft(town, false)}` }),
  },
  'POST /dossiers/{id}/items': {
    allowed: compilersOfA,
    seenBy: compilersOfA,
    request: async (town) => ({
      url: `/dossiers/${await newDraft(town, false)}/items`,
      payload: { type: 'map_report', itemId: (await fixture(town)).report, note: 'Viele Stimmen' },
    }),
  },
  'DELETE /dossiers/{id}/items/{type}/{itemId}': {
    allowed: compilersOfA,
    seenBy: compilersOfA,
    request: async (town) => ({
      url: `/dossiers/${await newDraft(town)}/items/map_report/${(await fixture(town)).report}`,
    }),
  },
  'POST /dossiers/{id}/send': {
    allowed: compilersOfA,
    seenBy: compilersOfA,
    request: async (town) => ({
      url: `/dossiers/${await newDraft(town)}/send`,
      payload: { organisationId: town.orgB.id },
    }),
  },
  'POST /dossiers/{id}/steps': {
    // the receiving body (B) records its handling; the public may see the dossier but not act
    allowed: ['adminB'],
    request: async (town) => ({
      url: `/dossiers/${await newSent(town)}/steps`,
      payload: { step: 'received' },
    }),
  },
  'GET /dossiers/{id}/pdf': draftAndSent('/pdf'),
  'GET /dossiers/{id}/items.csv': draftAndSent('/items.csv'),
  'GET /dossiers/{id}/reports.geojson': draftAndSent('/reports.geojson'),
};
