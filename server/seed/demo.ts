import type { Kysely } from 'kysely';
import { areas } from '../areas/index.ts';
import { hashPassword } from '../auth/passwords.ts';
import type { Area, DB, NetworkSettings } from '../db/schema.ts';
import { type Party, recordInteraction } from '../platform/interactions.ts';
import { createAccount } from '../repositories/accounts.ts';
import { insertService } from '../repositories/organisationServices.ts';
import { indexOrganisation, insertOrganisation, setMembership } from '../repositories/organisations.ts';
import type { DemoSeedContext } from './context.ts';
import {
  districts,
  mapCenter,
  mapZoom,
  organisationServices,
  organisations,
  people,
  ringCenter,
} from './lindenbrueck.ts';

/** Shown on the console at start; every demo account shares it. Never used outside the demo town. */
export const demoPassword = 'Lindenbrueck-Demo-2026';

/** One sign-in per role, printed at start so anyone can try the demo from each point of view. */
export const demoLogins = [
  {
    email: 'admin@lindenbrueck.example',
    role: 'instance admin: Miriam Koch, network coordinator at the town hall',
  },
  {
    email: 'petra@nachbarschaftszentrum.example',
    role: 'organisation admin: Petra Lange, Nachbarschaftszentrum',
  },
  { email: 'aylin.demir@caritas-lindenbrueck.example', role: 'staff: Aylin Demir, social worker at Caritas' },
  { email: 'hasan@baeckerei-yilmaz.example', role: 'business: Hasan Yilmaz, Bäckerei Yilmaz' },
  { email: 'jonas@example.org', role: 'volunteer: Jonas Berger, 24, student' },
  { email: 'margarete.m@example.org', role: 'citizen: Frau M., 67, Weidenau' },
];

/** Deterministic pseudo-random numbers (mulberry32), so every demo town is the same town. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Edge = [Area, string, 'online' | 'offline', string, string];

/**
 * Who worked with whom over the past year: `o:key` is an organisation, a bare key a person. The
 * curated edges tell the stories of the product brief; the generated ones give analytics volume.
 */
const storyEdges: Edge[] = [
  // Teilen: rooms, the van, bread
  ['sharing', 'booking', 'offline', 'o:nbz', 'o:diakonie'],
  ['sharing', 'loan', 'offline', 'o:awo', 'o:nbz'],
  ['sharing', 'loan', 'offline', 'o:tsv', 'o:nbz'],
  ['sharing', 'booking', 'offline', 'o:fwa', 'o:yilmaz'],
  ['sharing', 'donation', 'offline', 'o:yilmaz', 'o:awo'],
  ['sharing', 'booking', 'offline', 'o:caritas', 'o:kirche'],
  ['sharing', 'booking', 'offline', 'o:vhs', 'o:nbz'],
  ['sharing', 'loan', 'offline', 'o:rad', 'o:tsv'],
  ['sharing', 'transfer', 'online', 'jonas', 'max'],
  ['sharing', 'transfer', 'online', 'paul', 'guel'],
  ['sharing', 'loan', 'offline', 'dennis', 'o:nbz'],
  // Unterstützungskreis um Herrn K.
  ['support', 'circle_invite', 'online', 'aylin', 'heinrich'],
  ['support', 'circle_invite', 'online', 'aylin', 'sabine'],
  ['support', 'circle_invite', 'online', 'aylin', 'erwin'],
  ['support', 'circle_invite', 'online', 'aylin', 'jonas'],
  ['support', 'task_done', 'offline', 'sabine', 'heinrich'],
  ['support', 'task_done', 'offline', 'erwin', 'heinrich'],
  ['support', 'task_done', 'offline', 'jonas', 'heinrich'],
  ['support', 'update', 'online', 'sabine', 'aylin'],
  ['support', 'referral', 'offline', 'o:praxis', 'o:caritas'],
  ['support', 'referral', 'online', 'o:caritas', 'o:diakonie'],
  ['support', 'care_visit', 'offline', 'o:pflege', 'heinrich'],
  // Mitgestalten: the new seniors' café
  ['codesign', 'contribution', 'offline', 'margarete', 'o:awo'],
  ['codesign', 'contribution', 'online', 'samira', 'o:awo'],
  ['codesign', 'contribution', 'offline', 'wolfgang', 'o:awo'],
  ['codesign', 'workshop', 'offline', 'o:awo', 'o:yilmaz'],
  ['codesign', 'workshop', 'offline', 'o:awo', 'o:stadt'],
  ['codesign', 'vote', 'online', 'hannelore', 'o:awo'],
  ['codesign', 'commitment', 'online', 'o:kirche', 'o:awo'],
  // Wissen und Räume
  ['places', 'pin', 'online', 'margarete', 'o:stadt'],
  ['places', 'pin', 'online', 'johanna', 'o:stadt'],
  ['places', 'pin', 'online', 'karlheinz', 'o:stadt'],
  ['places', 'dossier', 'offline', 'miriam', 'o:stadt'],
  ['knowledge', 'wiki_edit', 'online', 'tobias', 'o:nbz'],
  ['knowledge', 'wiki_edit', 'online', 'sevgi', 'o:fwa'],
  ['knowledge', 'comment', 'online', 'petra', 'o:fwa'],
  ['knowledge', 'network_meeting', 'offline', 'o:stadt', 'o:caritas'],
  ['knowledge', 'network_meeting', 'offline', 'o:stadt', 'o:diakonie'],
  ['knowledge', 'network_meeting', 'offline', 'o:stadt', 'o:vhs'],
  ['knowledge', 'network_meeting', 'offline', 'o:stadt', 'o:yilmaz'],
];

/** Citizens and what they use, for generated edges. */
const uses: [string, string[]][] = [
  ['guel', ['nbz', 'vhs', 'caritas']],
  ['ali', ['rad', 'caritas', 'tsv', 'vhs']],
  ['anna', ['caritas', 'nbz', 'pflege']],
  ['wolfgang', ['awo', 'kirche', 'praxis']],
  ['irina', ['vhs', 'nbz', 'caritas']],
  ['karlheinz', ['vhs', 'awo', 'praxis']],
  ['monika', ['diakonie', 'kirche', 'pflege']],
  ['samira', ['fwa', 'awo', 'rad']],
  ['dennis', ['nbz', 'rad', 'tsv']],
  ['johanna', ['nbz', 'kirche', 'tsv']],
  ['ibrahim', ['tsv', 'vhs', 'caritas']],
  ['christa', ['kirche', 'diakonie', 'praxis']],
  ['margarete', ['awo', 'vhs', 'kirche']],
  ['heinrich', ['praxis', 'caritas']],
];

const useKinds: Record<string, [Area, string][]> = {
  caritas: [['support', 'counselling']],
  diakonie: [['support', 'care_visit']],
  pflege: [['support', 'care_visit']],
  praxis: [['support', 'social_prescription']],
  awo: [
    ['participation', 'lunch_club'],
    ['codesign', 'contribution'],
  ],
  nbz: [
    ['participation', 'cafe'],
    ['sharing', 'repair_cafe'],
  ],
  vhs: [['knowledge', 'course']],
  kirche: [['participation', 'visit']],
  tsv: [['participation', 'training']],
  rad: [['sharing', 'repair']],
  fwa: [['participation', 'advice']],
};

/**
 * The fictional town of Lindenbrück, in one transaction. Runs once, on the first start that
 * created the network (main.ts checks that), so restarting never duplicates it.
 */
export async function seedDemoTown(db: Kysely<DB>, networkId: string) {
  const hash = await hashPassword(demoPassword); // once: argon2 is deliberately slow
  const rnd = random(25_000);
  const now = Date.now();
  const day = 24 * 3600 * 1000;
  const summary = await db.transaction().execute(async (tx) => {
    const settings: NetworkSettings = { mapCenter, mapZoom };
    await tx
      .updateTable('network')
      .set({ settings: JSON.stringify(settings) })
      .where('id', '=', networkId)
      .execute();

    const districtIds = new Map<string, string>();
    const centres = new Map<string, { lat: number; lng: number }>();
    for (const d of districts) {
      const centre = ringCenter(d.ring);
      const row = await tx
        .insertInto('district')
        .values({
          network_id: networkId,
          slug: d.slug,
          name: d.name,
          boundary: JSON.stringify({ type: 'Polygon', coordinates: [d.ring] }),
          center_lat: centre.lat,
          center_lng: centre.lng,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      districtIds.set(d.slug, row.id);
      centres.set(d.slug, centre);
    }

    const orgIds = new Map<string, string>();
    for (const o of organisations) {
      const centre = centres.get(o.district)!;
      const { id } = await insertOrganisation(tx, networkId, {
        name: o.name,
        slug: o.slug,
        kind: o.kind,
        sector: o.sector,
        description: o.description,
        website: o.website,
        email: o.email,
        phone: o.phone,
        address: o.address,
        districtId: districtIds.get(o.district)!,
        lat: Math.round((centre.lat + o.offset[0]) * 1e6) / 1e6,
        lng: Math.round((centre.lng + o.offset[1]) * 1e6) / 1e6,
      });
      orgIds.set(o.key, id);
      await indexOrganisation(tx, networkId, id);
      for (const sv of organisationServices[o.key] ?? [])
        await insertService(tx, networkId, id, {
          name: sv.name,
          description: sv.description,
          helpKinds: sv.helpKinds,
          place: sv.place === 'none' ? 'none' : sv.place ? 'elsewhere' : 'organisation',
          address: typeof sv.place === 'object' ? sv.place.address : null,
          lat: null,
          lng: null,
          hoursNote: sv.hoursNote ?? '',
          hours: sv.hours.map(([weekday, opens, closes]) => ({ weekday, opens, closes })),
        });
    }

    const personIds = new Map<string, string>();
    for (const person of people) {
      const account = await createAccount(tx, {
        networkId,
        email: person.email,
        displayName: person.name,
        passwordHash: person.linkOnly ? null : hash,
        isInstanceAdmin: person.instanceAdmin ?? false,
        emailVerified: true,
      });
      personIds.set(person.key, account.id);
      await tx
        .updateTable('profile')
        .set({
          bio: person.bio,
          skills: person.skills,
          interests: person.interests,
          languages: person.languages,
          availability: JSON.stringify(person.availability),
          district_ids: person.districts.map((slug) => districtIds.get(slug)!),
        })
        .where('network_id', '=', networkId)
        .where('account_id', '=', account.id)
        .execute();
      for (const [orgKey, role] of person.memberships)
        await setMembership(tx, networkId, orgIds.get(orgKey)!, account.id, role);
    }

    const party = (ref: string): Party =>
      ref.startsWith('o:')
        ? { type: 'organisation', id: orgIds.get(ref.slice(2))! }
        : { type: 'person', id: personIds.get(ref)! };
    const edges: Edge[] = [...storyEdges];
    // Volunteers' shifts with their organisations.
    for (const person of people)
      for (const [orgKey, role] of person.memberships)
        if (role === 'volunteer') {
          edges.push(['participation', 'shift', 'offline', person.key, `o:${orgKey}`]);
          if (rnd() < 0.5) edges.push(['participation', 'shift', 'offline', person.key, `o:${orgKey}`]);
        }
    // Citizens using services; some online, most in person.
    for (const [who, orgs] of uses)
      for (const orgKey of orgs) {
        const kinds = useKinds[orgKey]!;
        const [area, kind] = kinds[Math.floor(rnd() * kinds.length)]!;
        edges.push([area, kind, rnd() < 0.25 ? 'online' : 'offline', who, `o:${orgKey}`]);
      }

    let interactions = 0;
    for (const [area, kind, mode, a, b] of edges) {
      const recorded = await recordInteraction(tx, {
        networkId,
        area,
        kind,
        mode,
        a: party(a),
        b: party(b),
        occurredAt: new Date(now - Math.floor(rnd() * 330 + 1) * day - Math.floor(rnd() * 10) * 3600 * 1000),
      });
      if (recorded) interactions++;
    }
    // Each area builds on these through its own commands (its manifest's `seed`), in the order of
    // server/areas/index.ts: Teilen with the time bank, the circles, then Mitmachen.
    const context: DemoSeedContext = {
      networkId,
      orgIds,
      personIds,
      districtIds,
      centres,
      memberships: new Map(people.map((p) => [p.key, p.memberships])),
      now,
    };
    const made: Record<string, unknown> = {};
    for (const area of areas) if (area.seed) Object.assign(made, await area.seed(tx, context));
    return {
      districts: districtIds.size,
      organisations: orgIds.size,
      people: personIds.size,
      interactions,
      ...made,
    };
  });
  return { logins: demoLogins, ...summary };
}
