import { sql } from 'kysely';
import { searchWordHealth } from '../server/platform/search.ts';
import {
  arr,
  batch,
  cellLat,
  cellLng,
  districtCell,
  districtName,
  epoch,
  idSql,
  iSql,
  lit,
  type prng,
  slugify,
  type TownContext,
  townId,
  uSql,
} from './townKit.ts';
import {
  bios,
  firstNames,
  interests,
  languages,
  lastNames,
  orgTemplates,
  sectorWeights,
  skills,
} from './words.ts';

/**
 * The town's foundation, what every area builds on: districts and organisations (built in
 * JavaScript from the PRNG, in this order), people with their accounts and profiles, memberships
 * and the organisations' search documents (generated server-side).
 */

/** Everyone in the town signs in with this password (one precomputed argon2id hash below). */
export const townPassword = 'Stadt-der-Messungen-2026';
// argon2id of townPassword with @node-rs/argon2 defaults; hashing it 20 000 times would dominate the load.
export const townPasswordHash =
  '$argon2id$v=19$m=19456,t=2,p=1$WKGmcP67nx7jQyPhMfpIdg$iSIsC8QL6dWiLCZjbv5E7uuFO5JKb5ir9gPposvVB1M';

/**
 * Loads districts, organisations, accounts, profiles, memberships and search documents. Returns
 * the districts and organisations, and for each organisation the index range of its sector (the
 * interactions find partners "within the sector" by it).
 */
export async function loadFoundation(ctx: TownContext & { rnd: ReturnType<typeof prng> }) {
  const { db, networkId, seed, spec, rnd, step } = ctx;
  const run = (text: string) => sql.raw(text).execute(db);
  const nid = lit(networkId);
  const D = spec.districts;
  const O = spec.organisations;
  const P = spec.people;

  // Districts ---------------------------------------------------------------------------------
  const districts = Array.from({ length: D }, (_, i) => {
    const c = districtCell(i, D);
    const ring: [number, number][] = [];
    for (let k = 0; k < 8; k++) {
      const a = (k / 8) * 2 * Math.PI;
      const r = 0.42 + rnd.next() * 0.08; // of a cell; neighbours never overlap
      ring.push([
        Number((c.lng + Math.cos(a) * r * cellLng).toFixed(6)),
        Number((c.lat + Math.sin(a) * r * cellLat).toFixed(6)),
      ]);
    }
    ring.push(ring[0]!);
    const name = districtName(i);
    return {
      network_id: networkId,
      id: townId(seed, 'district', i),
      slug: slugify(name),
      name,
      boundary: JSON.stringify({ type: 'Polygon', coordinates: [ring] }),
      center_lat: c.lat,
      center_lng: c.lng,
      created_at: epoch,
    };
  });
  await step('district', async () => {
    await db.insertInto('district').values(districts).execute();
    return districts.length;
  });

  // Organisations: grouped by sector so SQL can find "same sector" partners by index range ------
  const drafts = Array.from({ length: O }, () => rnd.weighted(sectorWeights)).sort(
    (a, b) => sectorWeights.findIndex(([s]) => s === a) - sectorWeights.findIndex(([s]) => s === b),
  );
  const sectorStart: number[] = [];
  const sectorCount: number[] = [];
  const usedSlugs = new Set<string>();
  const organisations = drafts.map((sector, j) => {
    const t = orgTemplates[sector];
    const d = rnd.int(D);
    const c = districtCell(d, D);
    const base = rnd.pick(t.names);
    const suffix =
      sector === 'business' || sector === 'health'
        ? rnd.pick(lastNames)
        : districtName(d).replace(/ (Nord|Süd|West|Ost)$/, '');
    let name = `${base} ${suffix}`;
    let slug = slugify(name).slice(0, 54);
    if (usedSlugs.has(slug)) {
      name = `${name} ${j + 1}`;
      slug = `${slug}-${j + 1}`;
    }
    usedSlugs.add(slug);
    const topicA = rnd.pick(t.topics);
    const topicB = rnd.pick(t.topics);
    const description =
      `${name}: ${topicA} und ${topicB} für Menschen in ${districtName(d)}. ` +
      `Wir arbeiten mit Nachbarinnen und Nachbarn, Ehrenamtlichen und anderen Organisationen zusammen. ` +
      `Sprechzeiten ${rnd.pick(['montags', 'dienstags', 'mittwochs', 'donnerstags', 'freitags'])} ` +
      `von ${9 + rnd.int(6)} bis ${15 + rnd.int(4)} Uhr.`;
    return {
      network_id: networkId,
      id: townId(seed, 'org', j),
      slug,
      name,
      kind: rnd.weighted(t.kinds),
      sector,
      description,
      website: rnd.next() < 0.7 ? `https://${slug}.example.org` : null,
      email: `kontakt@${slug}.example.org`,
      phone: `0561 ${100000 + rnd.int(899999)}`,
      address: `${rnd.pick(['Hauptstraße', 'Lindenallee', 'Kirchweg', 'Marktplatz', 'Schulstraße', 'Am Bahnhof'])} ${1 + rnd.int(120)}`,
      district_id: townId(seed, 'district', d),
      lat: Number((c.lat + (rnd.next() - 0.5) * cellLat * 0.6).toFixed(6)),
      lng: Number((c.lng + (rnd.next() - 0.5) * cellLng * 0.6).toFixed(6)),
      created_at: epoch,
    };
  });
  for (const [s] of sectorWeights) {
    const first = drafts.indexOf(s);
    sectorStart.push(Math.max(first, 0));
    sectorCount.push(first < 0 ? 0 : drafts.lastIndexOf(s) - first + 1);
  }
  const orgSectorStart = drafts.map((s) => sectorStart[sectorWeights.findIndex(([x]) => x === s)]!);
  const orgSectorCount = drafts.map((s) => sectorCount[sectorWeights.findIndex(([x]) => x === s)]!);
  await step('organisation', async () => {
    for (let k = 0; k < organisations.length; k += 1000) {
      await db
        .insertInto('organisation')
        .values(organisations.slice(k, k + 1000))
        .execute();
    }
    return organisations.length;
  });

  // People: account + profile, generated server-side --------------------------------------------
  const u = (expr: string, k: number | string) => uSql(seed, expr, k);
  const pick = (xs: readonly string[], expr: string, k: number) =>
    `(${arr(xs)})[1 + ${iSql(seed, expr, k, xs.length)}]`;
  const personId = (expr: string) => idSql(seed, 'person', expr);
  const orgId = (expr: string) => idSql(seed, 'org', expr);
  const districtIdSql = (expr: string) => idSql(seed, 'district', expr);

  await step('account', () =>
    batch(P, 50_000, (a, b) =>
      run(`
        INSERT INTO account (network_id, id, email, display_name, password_hash, locale, is_instance_admin,
                             email_verified_at, created_at)
        SELECT ${nid}, ${personId('i')},
               'person' || i || '.' || translate(lower(f || '.' || l), 'äöüß', 'aous') || '@town.example',
               f || ' ' || l, ${lit(townPasswordHash)},
               CASE WHEN ${u('i', 3)} < 0.15 THEN 'en' ELSE 'de' END,
               i = 0,
               CASE WHEN ${u('i', 4)} < 0.9 THEN timestamptz ${lit(epoch)} - interval '1 day' * (1 + ${iSql(seed, 'i', 5, 700)}) END,
               timestamptz ${lit(epoch)} - interval '1 day' * (1 + ${iSql(seed, 'i', 5, 700)})
        FROM (SELECT i, ${pick(firstNames, 'i', 1)} AS f, ${pick(lastNames, 'i', 2)} AS l
              FROM generate_series(${a}, ${b}) AS i) AS s`),
    ),
  );
  await step('profile', () =>
    batch(P, 50_000, (a, b) =>
      run(`
        INSERT INTO profile (network_id, account_id, bio, skills, interests, languages, availability, district_ids,
                             updated_at)
        SELECT ${nid}, ${personId('i')}, ${pick(bios, 'i', 6)},
               CASE WHEN ${u('i', 7)} < 0.3 THEN '{}'::text[]
                    ELSE ARRAY(SELECT DISTINCT ${pick(skills, 'i * 8 + k', 8)} FROM generate_series(0, ${iSql(seed, 'i', 9, 4)}) k) END,
               ARRAY(SELECT DISTINCT ${pick(interests, 'i * 8 + k', 10)} FROM generate_series(0, ${iSql(seed, 'i', 11, 3)}) k),
               CASE WHEN ${u('i', 12)} < 0.65 THEN ARRAY['de']
                    ELSE ARRAY['de', ${pick(languages, 'i', 13)}] END,
               CASE WHEN ${u('i', 14)} < 0.4 THEN '[]'::jsonb
                    ELSE jsonb_build_array(
                      jsonb_build_object('day', ${pick(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], 'i', 15)},
                                         'part', ${pick(['morning', 'afternoon', 'evening'], 'i', 16)})) END,
               ARRAY[${districtIdSql(`i % ${D}`)}],
               timestamptz ${lit(epoch)}
        FROM generate_series(${a}, ${b}) AS i`),
    ),
  );

  // Memberships: an admin for every organisation, then staff and volunteers --------------------
  // A person's "home" organisation is org floor(u(i,20) * O); interactions below lean on it.
  const memberships = async () => {
    await run(`
      INSERT INTO membership (network_id, organisation_id, account_id, role, created_at)
      SELECT ${nid}, ${orgId('j')}, ${personId(`(j * 7919) % ${P}`)}, 'admin', timestamptz ${lit(epoch)}
      FROM generate_series(0, ${O - 1}) AS j
      ON CONFLICT DO NOTHING`);
    await batch(P, 50_000, (a, b) =>
      run(`
        INSERT INTO membership (network_id, organisation_id, account_id, role, created_at)
        SELECT ${nid}, ${orgId(iSql(seed, 'i', '20 + k', O))}, ${personId('i')},
               CASE WHEN ${u('i * 4 + k', 30)} < 0.2 THEN 'staff' ELSE 'volunteer' END,
               timestamptz ${lit(epoch)} - interval '1 day' * ${iSql(seed, 'i * 4 + k', 31, 700)}
        FROM generate_series(${a}, ${b}) AS i, generate_series(0, 2) AS k
        WHERE ${u('i * 4 + k', 32)} < (ARRAY[0.4, 0.15, 0.05])[k + 1]
        ON CONFLICT DO NOTHING`),
    );
    const r = await db
      .selectFrom('membership')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('network_id', '=', networkId)
      .executeTakeFirstOrThrow();
    return r.n;
  };
  await step('membership', memberships);

  // Search documents for organisations (what the API writes on create) ------------------------
  await step('search_document', async () => {
    const r = await run(`
      INSERT INTO search_document (network_id, entity_type, entity_id, type, title, body, link, updated_at)
      SELECT network_id, 'organisation', id, 'organisation', name, description, '/organisationen/' || slug, created_at
      FROM organisation WHERE network_id = ${nid}`);
    return Number(r.numAffectedRows ?? 0n);
  });
  return { districts, organisations, orgSectorStart, orgSectorCount };
}

/**
 * The search's word table is kept by statement-level triggers on `search_document` (migration
 * 20261213_0900_search_words), so every bulk INSERT of the load filled it in one statement; after the
 * load it must hold exactly the words each entry has now, or the load fails. Null without the table.
 */
export async function checkSearchWords(db: TownContext['db'], networkId: string) {
  const have = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM information_schema.tables
    WHERE table_schema = 'public' AND table_name = 'search_word'`.execute(db);
  if (have.rows[0]?.n !== 1) return null;
  const health = await searchWordHealth(db, networkId);
  if (health.mismatched !== 0 || health.words === 0)
    throw new Error(`the search's word table differs from the loaded entries: ${JSON.stringify(health)}`);
  return health;
}
