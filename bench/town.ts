import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DB, OrganisationKind, Sector } from '../server/db/schema.ts';
import { type LedgerHealth, ledgerHealth } from '../server/repositories/timebank.ts';

/**
 * A synthetic but realistic town for benchmarks, the same for the same seed on every host.
 *
 * Small tables (districts, organisations) are built in JavaScript with our own PRNG (mulberry32)
 * and inserted in multi-row statements. Large tables (people, profiles, memberships, interactions)
 * are generated server-side with `INSERT … SELECT … FROM generate_series(…)`; their "random" values
 * come from `hashint8extended(row, seed)`, a deterministic hash that gives the same bits on
 * PostgreSQL 15 and on PGlite (PostgreSQL 18 in WASM). Ids are `md5(seed:kind:index)::uuid`, so
 * JavaScript and SQL can name the same row without a lookup.
 */

export type TownSize = 'S' | 'M' | 'L';

export interface TownSpec {
  districts: number;
  organisations: number;
  people: number;
  interactions: number;
  /** Teilen (area 4); generated only where the tables exist, see loadTeilen(). */
  resources: number;
  bookings: number;
  transfers: number;
  circles: number;
}

const M: TownSpec = {
  districts: 10,
  organisations: 200,
  people: 20_000,
  interactions: 1_000_000,
  resources: 50_000,
  bookings: 200_000,
  transfers: 500_000,
  circles: 2_000,
};

export const townSizes: Record<TownSize, TownSpec> = {
  S: {
    districts: 1,
    organisations: 20,
    people: 500,
    interactions: 25_000,
    resources: 1_250,
    bookings: 5_000,
    transfers: 12_500,
    circles: 50,
  },
  M,
  L: {
    districts: M.districts * 5,
    organisations: M.organisations * 5,
    people: M.people * 5,
    interactions: M.interactions * 5,
    resources: M.resources * 5,
    bookings: M.bookings * 5,
    transfers: M.transfers * 5,
    circles: M.circles * 5,
  },
};

/** Everyone in the town signs in with this password (one precomputed argon2id hash below). */
export const townPassword = 'Stadt-der-Messungen-2026';
// argon2id of townPassword with @node-rs/argon2 defaults; hashing it 20 000 times would dominate the load.
export const townPasswordHash =
  '$argon2id$v=19$m=19456,t=2,p=1$WKGmcP67nx7jQyPhMfpIdg$iSIsC8QL6dWiLCZjbv5E7uuFO5JKb5ir9gPposvVB1M';

/** "Now" of the town: fixed so that timestamps are reproducible. */
const epoch = '2026-11-01T12:00:00Z';

export interface LoadedTown {
  spec: TownSpec;
  seed: number;
  /** rows written per table */
  rows: Record<string, number>;
  /** seconds per step, and in total */
  seconds: Record<string, number>;
  /** a person with memberships, to sign in as */
  signIn: { email: string; password: string };
  /** people who pay each other in the write benchmark, with their time-bank account */
  payers: { email: string; password: string; timebankAccountId: string }[];
  /** the server's ledger check after the load (null: no time bank tables) */
  ledger: LedgerHealth | null;
  /** what was skipped and why (e.g. Teilen tables not there yet) */
  notes: string[];
}

// ---------------------------------------------------------------------------------------------
// PRNG and ids

/** mulberry32: 32-bit state, good enough for test data, and ours so the sequence never changes. */
export function prng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    /** picks by weight: [[value, weight], …] */
    weighted: <T>(xs: readonly (readonly [T, number])[]): T => {
      const total = xs.reduce((a, [, w]) => a + w, 0);
      let r = next() * total;
      for (const [v, w] of xs) {
        r -= w;
        if (r < 0) return v;
      }
      return xs[xs.length - 1]![0];
    },
  };
}

/** The same uuid as SQL `md5('<seed>:<kind>:<i>')::uuid`. */
export function townId(seed: number, kind: string, i: number): string {
  const h = createHash('md5').update(`${seed}:${kind}:${i}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** SQL: the uuid of row `expr` of `kind`, equal to townId(). */
const idSql = (seed: number, kind: string, expr: string) => `md5('${seed}:${kind}:' || (${expr}))::uuid`;

/** SQL: a uniform number in [0, 1) for row `expr` and stream `k`. */
const uSql = (seed: number, expr: string, k: number | string) =>
  `((hashint8extended((${expr})::bigint * 131 + ${k}, ${seed}) & 2147483647)::float8 / 2147483648.0)`;

/** SQL: an integer in [0, n) for row `expr` and stream `k`. */
const iSql = (seed: number, expr: string, k: number | string, n: number | string) =>
  `floor(${uSql(seed, expr, k)} * (${n}))::int`;

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const arr = (xs: readonly string[]) => `ARRAY[${xs.map(lit).join(',')}]::text[]`;
const intArr = (xs: readonly number[]) => `ARRAY[${xs.join(',')}]::int[]`;

// ---------------------------------------------------------------------------------------------
// Vocabulary

const firstNames = [
  'Anna',
  'Ben',
  'Clara',
  'David',
  'Elif',
  'Emil',
  'Emma',
  'Finn',
  'Greta',
  'Hannah',
  'Ibrahim',
  'Ida',
  'Jonas',
  'Julia',
  'Karin',
  'Klaus',
  'Lea',
  'Leon',
  'Lina',
  'Lukas',
  'Maria',
  'Mehmet',
  'Mia',
  'Miriam',
  'Noah',
  'Olga',
  'Paul',
  'Petra',
  'Renate',
  'Sabine',
  'Sara',
  'Sofia',
  'Stefan',
  'Thomas',
  'Ursula',
  'Vera',
  'Wolfgang',
  'Yusuf',
  'Zeynep',
  'Aylin',
  'Dmytro',
  'Fatima',
  'Giorgos',
  'Helga',
  'Irina',
  'Jana',
  'Kemal',
  'Luisa',
  'Marek',
  'Nadia',
  'Oskar',
  'Rosa',
  'Tobias',
  'Uwe',
  'Walter',
];
const lastNames = [
  'Müller',
  'Schmidt',
  'Schneider',
  'Fischer',
  'Weber',
  'Meyer',
  'Wagner',
  'Becker',
  'Schulz',
  'Hoffmann',
  'Koch',
  'Richter',
  'Klein',
  'Wolf',
  'Schröder',
  'Neumann',
  'Schwarz',
  'Braun',
  'Zimmermann',
  'Krüger',
  'Hartmann',
  'Lange',
  'Werner',
  'Krause',
  'Lehmann',
  'Köhler',
  'Berger',
  'Yilmaz',
  'Kaya',
  'Demir',
  'Nowak',
  'Kowalski',
  'Popescu',
  'Petrenko',
  'Haddad',
  'Rossi',
  'Öztürk',
  'Schäfer',
  'Jung',
  'Vogel',
];
const skills = [
  'Fahrdienst',
  'Einkaufen',
  'Kochen',
  'Gartenarbeit',
  'Fahrradreparatur',
  'Nachhilfe',
  'Übersetzen',
  'Behördengänge',
  'Computerhilfe',
  'Vorlesen',
  'Handwerk',
  'Kinderbetreuung',
  'Musik',
  'Sport',
  'Buchhaltung',
  'Fotografie',
  'Nähen',
  'Erste Hilfe',
  'Rechtsberatung',
  'Pflegeerfahrung',
];
const interests = [
  'Nachbarschaft',
  'Senioren',
  'Kinder und Jugend',
  'Geflüchtete',
  'Umwelt',
  'Kultur',
  'Inklusion',
  'Sport',
  'Bildung',
  'Gesundheit',
  'Wohnen',
  'Armut',
  'Digitales',
  'Stadtentwicklung',
];
const languages = ['en', 'tr', 'ar', 'ru', 'uk', 'pl', 'fr', 'es'];
const bios = [
  'Ich wohne seit vielen Jahren im Viertel und helfe gern, wo ich kann.',
  'Student, habe abends und am Wochenende Zeit für kleine Aufgaben.',
  'Im Ruhestand, früher Handwerker. Repariere gern Dinge.',
  'Mutter von zwei Kindern, engagiere mich im Elternbeirat.',
  'Sozialarbeiterin, vernetzt Menschen und Angebote im Quartier.',
  'Neu in der Stadt und auf der Suche nach Kontakten.',
  'Ich spreche mehrere Sprachen und begleite gern zu Terminen.',
  '',
];
const districtNames = [
  'Altstadt',
  'Nordstadt',
  'Südstadt',
  'Weststadt',
  'Oststadt',
  'Lindenhof',
  'Am Mühlbach',
  'Hafenviertel',
  'Gartenstadt',
  'Bahnhofsviertel',
  'Rosenhöhe',
  'Kirchberg',
  'Feldmark',
  'Auenviertel',
  'Schlossberg',
  'Neustadt',
  'Eichendorf',
  'Birkenhain',
  'Ziegelei',
  'Sonnenhang',
  'Brunnenviertel',
  'Wiesental',
  'Marktviertel',
  'Heide',
  'Seeufer',
];

interface OrgTemplate {
  names: readonly string[];
  kinds: readonly (readonly [OrganisationKind, number])[];
  topics: readonly string[];
}

const orgTemplates: Record<Sector, OrgTemplate> = {
  social_service: {
    names: [
      'Caritas Seniorenberatung',
      'Diakonie Schuldnerberatung',
      'AWO Familienhilfe',
      'Caritas Suchtberatung',
      'Diakonie Migrationsberatung',
      'Pflegestützpunkt',
      'AWO Sozialstation',
      'Paritätische Jugendhilfe',
      'Diakonie Wohnungslosenhilfe',
      'DRK Kleiderkammer',
      'Beratungsstelle Hilfe zur Pflege',
      'Volkssolidarität Begegnungsstätte',
    ],
    kinds: [
      ['charity', 3],
      ['association', 2],
    ],
    topics: ['Beratung', 'Begleitung im Alltag', 'Hausbesuche', 'Hilfe bei Anträgen', 'Pflege zu Hause'],
  },
  civil_society: {
    names: [
      'Nachbarschaftszentrum',
      'Bürgerverein',
      'Repair-Café',
      'Tafel',
      'Freiwilligenagentur',
      'Kulturverein',
      'Sportverein',
      'Förderverein Spielplatz',
      'Initiative Willkommen',
      'Seniorentreff',
      'Stadtteilladen',
    ],
    kinds: [
      ['association', 3],
      ['initiative', 2],
    ],
    topics: [
      'Nachbarschaftshilfe',
      'offener Treff',
      'Ehrenamt',
      'Reparieren statt wegwerfen',
      'Feste im Viertel',
    ],
  },
  business: {
    names: [
      'Bäckerei',
      'Apotheke',
      'Fahrradwerkstatt',
      'Buchhandlung',
      'Café',
      'Malerbetrieb',
      'Blumenladen',
      'Hofladen',
      'Elektro',
    ],
    kinds: [
      ['company', 4],
      ['cooperative', 1],
    ],
    topics: ['Hinterzimmer für Gruppen', 'Spenden von Lebensmitteln', 'Ausbildungsplätze', 'Lieferdienst'],
  },
  public: {
    names: [
      'Stadtverwaltung – Sozialplanung',
      'Jobcenter',
      'Bürgerbüro',
      'Stadtbibliothek',
      'Quartiersmanagement',
      'Gesundheitsamt',
      'Seniorenbeirat',
      'Jugendamt – Regionaler Dienst',
    ],
    kinds: [['public_body', 1]],
    topics: ['Bürgerbeteiligung', 'Sozialplanung', 'Beratung zu Leistungen', 'Lesungen und Medien'],
  },
  education: {
    names: [
      'Grundschule',
      'Gesamtschule',
      'Volkshochschule',
      'Kita',
      'Familienbildungsstätte',
      'Musikschule',
      'Hausaufgabenhilfe',
    ],
    kinds: [
      ['public_body', 2],
      ['association', 1],
    ],
    topics: ['Sprachkurse', 'Elterncafé', 'Ganztag', 'Lernpatenschaften', 'Digitalkurse für Ältere'],
  },
  health: {
    names: [
      'Hausarztpraxis',
      'Physiotherapie',
      'Ambulanter Pflegedienst',
      'Hospizverein',
      'Selbsthilfegruppe Demenz',
      'Gemeindepsychiatrischer Dienst',
      'Hebammenpraxis',
    ],
    kinds: [
      ['company', 2],
      ['association', 2],
    ],
    topics: ['Pflege', 'Demenz', 'Trauerbegleitung', 'Prävention', 'Bewegung im Alter'],
  },
  faith: {
    names: [
      'Ev. Kirchengemeinde',
      'Kath. Pfarrei St. Marien',
      'Moscheegemeinde',
      'Jüdische Gemeinde',
      'Freie Christengemeinde',
      'Alevitische Gemeinde',
    ],
    kinds: [
      ['association', 2],
      ['other', 1],
    ],
    topics: ['Besuchsdienst', 'Mittagstisch', 'Jugendgruppe', 'interreligiöser Dialog', 'Gemeinderaum'],
  },
  other: {
    names: ['Bürgerstiftung', 'Wohnungsbaugenossenschaft', 'Kleingartenverein', 'Energiegenossenschaft'],
    kinds: [
      ['cooperative', 2],
      ['other', 1],
    ],
    topics: ['Gemeinschaftsgarten', 'Wohnen im Alter', 'Förderung von Projekten', 'Mieterversammlung'],
  },
};

const sectorWeights: readonly (readonly [Sector, number])[] = [
  ['social_service', 25],
  ['civil_society', 25],
  ['business', 15],
  ['public', 8],
  ['education', 10],
  ['health', 9],
  ['faith', 6],
  ['other', 2],
];

const areaKinds: Record<string, readonly string[]> = {
  knowledge: ['comment', 'wiki_edit', 'pin_support', 'dossier_contribution'],
  participation: ['shift', 'event', 'mini_task', 'hours_confirmed'],
  codesign: ['contribution', 'vote', 'meeting', 'commitment'],
  sharing: ['booking', 'loan', 'transfer', 'giveaway'],
  support: ['care_task', 'update', 'visit'],
  places: ['meeting', 'event', 'community_post'],
};
const areaWeights: readonly (readonly [string, number])[] = [
  ['knowledge', 0.18],
  ['participation', 0.27],
  ['codesign', 0.1],
  ['sharing', 0.25],
  ['support', 0.1],
  ['places', 0.1],
];

// ---------------------------------------------------------------------------------------------
// Geography: districts as cells of a grid around a town centre, each a jittered octagon.

const centre = { lat: 51.312, lng: 9.481 };
const cellLat = 0.018; // ≈ 2 km
const cellLng = 0.028; // ≈ 2 km at this latitude

function districtCell(i: number, n: number) {
  const cols = Math.ceil(Math.sqrt(n));
  const rows = Math.ceil(n / cols);
  const col = i % cols;
  const row = Math.floor(i / cols);
  return {
    lat: centre.lat + (row - (rows - 1) / 2) * cellLat,
    lng: centre.lng + (col - (cols - 1) / 2) * cellLng,
  };
}

function districtName(i: number): string {
  const base = districtNames[i % districtNames.length]!;
  const round = Math.floor(i / districtNames.length);
  return round === 0 ? base : `${base} ${['Nord', 'Süd', 'West', 'Ost'][round - 1] ?? round + 1}`;
}

function slugify(s: string): string {
  return s
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

// ---------------------------------------------------------------------------------------------

type Log = (line: string) => void;

/**
 * Fills an empty, migrated database (with its network row) with a town of `size`.
 * Returns row counts and timings; throws when the network already has organisations.
 */
export async function loadTown(
  db: Kysely<DB>,
  networkId: string,
  size: TownSize,
  seed = 1,
  log: Log = () => undefined,
  opts: { parallel?: boolean } = {},
): Promise<LoadedTown> {
  const spec = townSizes[size];
  const rnd = prng(seed);
  const rows: Record<string, number> = {};
  const seconds: Record<string, number> = {};
  const notes: string[] = [];
  const started = performance.now();
  const step = async (name: string, fn: () => Promise<number>) => {
    const t0 = performance.now();
    rows[name] = await fn();
    seconds[name] = (performance.now() - t0) / 1000;
    log(`  ${name}: ${rows[name]} rows in ${seconds[name]!.toFixed(1)} s`);
  };
  const run = (text: string) => sql.raw(text).execute(db);
  const nid = lit(networkId);
  const existing = await db
    .selectFrom('organisation')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('network_id', '=', networkId)
    .executeTakeFirstOrThrow();
  if (existing.n > 0) throw new Error('loadTown needs an empty network');

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
  const batch = async (total: number, per: number, fn: (from: number, to: number) => Promise<unknown>) => {
    for (let from = 0; from < total; from += per) await fn(from, Math.min(total, from + per) - 1);
    return total;
  };

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
      INSERT INTO search_document (network_id, entity_type, entity_id, title, body, link, updated_at)
      SELECT network_id, 'organisation', id, name, description, '/organisationen/' || slug, created_at
      FROM organisation WHERE network_id = ${nid}`);
    return Number(r.numAffectedRows ?? 0n);
  });

  // Interactions: the community graph ----------------------------------------------------------
  // pair: 45 % person→organisation (half of them with the person's home organisation),
  // 20 % organisation→organisation (60 % within the sector), 20 % person→person (half within the
  // district), 15 % organisation→person. Recent months are denser than older ones.
  const areaCase = (expr: string) => {
    let acc = 0;
    const whens = areaWeights.map(([area, w]) => {
      acc += w;
      return `WHEN ${expr} < ${acc.toFixed(4)} THEN ${lit(area)}`;
    });
    return `CASE ${whens.join(' ')} ELSE 'places' END`;
  };
  const kindCase = (areaExpr: string, expr: string, k: number) =>
    `CASE ${areaExpr} ${Object.entries(areaKinds)
      .map(([area, kinds]) => `WHEN ${lit(area)} THEN ${pick(kinds, expr, k)}`)
      .join(' ')} END`;
  const interactions = () =>
    step('interaction', () =>
      batch(spec.interactions, 100_000, (a, b) =>
        run(`
        INSERT INTO interaction (network_id, id, area, kind, mode, a_type, a_id, b_type, b_id, occurred_at, created_at)
        SELECT ${nid}, ${idSql(seed, 'interaction', 'n')}, area, ${kindCase('area', 'n', 3)},
               CASE WHEN ${u('n', 4)} < 0.45 THEN 'offline' ELSE 'online' END,
               a_type, CASE a_type WHEN 'person' THEN ${personId('a')} ELSE ${orgId('a')} END,
               b_type, CASE b_type WHEN 'person' THEN ${personId('b')} ELSE ${orgId('b')} END,
               occ, occ
        FROM (
          SELECT n, area, occ,
                 CASE WHEN t < 0.65 THEN 'person' ELSE 'organisation' END AS a_type,
                 CASE WHEN t < 0.45 OR t >= 0.65 AND t < 0.85 THEN 'organisation' ELSE 'person' END AS b_type,
                 CASE WHEN t < 0.45 OR (t >= 0.65 AND t < 0.85) THEN pa ELSE oa END AS a,
                 CASE
                   WHEN t < 0.45 THEN CASE WHEN ${u('n', 6)} < 0.5 THEN ${iSql(seed, 'pa', 20, O)} ELSE ${iSql(seed, 'n', 7, O)} END
                   WHEN t < 0.65 THEN pb
                   WHEN t < 0.85 THEN CASE WHEN os = oa THEN (oa + 1) % ${O} ELSE os END
                   ELSE pa
                 END AS b
          FROM (
            SELECT n, t, pa, oa, area, occ,
                   CASE WHEN pb0 = pa THEN (pa + 1) % ${P} ELSE pb0 END AS pb,
                   CASE WHEN ${u('n', 9)} < 0.6
                        THEN (${intArr(orgSectorStart)})[oa + 1] + ${iSql(seed, 'n', 10, `(${intArr(orgSectorCount)})[oa + 1]`)}
                        ELSE ${iSql(seed, 'n', 11, O)} END AS os
            FROM (
              SELECT n, ${u('n', 1)} AS t, ${iSql(seed, 'n', 5, P)} AS pa, ${iSql(seed, 'n', 8, O)} AS oa,
                     ${areaCase(u('n', 2))} AS area,
                     timestamptz ${lit(epoch)} - interval '1 minute' * floor(power(${u('n', 12)}, 1.6) * 730 * 1440) AS occ,
                     CASE WHEN ${u('n', 13)} < 0.5
                          THEN least(${P - 1}, ${iSql(seed, 'n', 14, Math.max(1, Math.floor(P / D)))} * ${D} + ${iSql(seed, 'n', 5, P)} % ${D})
                          ELSE ${iSql(seed, 'n', 15, P)} END AS pb0
              FROM generate_series(${a}, ${b}) AS n
            ) AS s0
          ) AS s1
        ) AS s2
        WHERE NOT (a_type = b_type AND a = b)`),
      ),
    );

  // Teilen -------------------------------------------------------------------------------------
  const teilen = () => loadTeilen({ db, networkId, seed, spec, step, notes, log });

  // The two big parts are independent: on PostgreSQL they load side by side on two connections.
  let ledger: LedgerHealth | null;
  if (opts.parallel) {
    [, ledger] = await Promise.all([interactions(), teilen()]);
  } else {
    await interactions();
    ledger = await teilen();
  }

  // Statistics and visibility map as autovacuum would leave them after a while on a real instance
  // (without VACUUM every index-only scan fetches heap pages the bulk load left unmarked).
  const t0 = performance.now();
  await run('VACUUM (ANALYZE)');
  seconds.vacuum_analyze = (performance.now() - t0) / 1000;
  seconds.total = (performance.now() - started) / 1000;

  // person 7919 % P is the admin of organisation 1: a normal member to sign in as; persons
  // 1…16 pay each other through the HTTP API in the write benchmark
  const people = await db
    .selectFrom('account')
    .select(['id', 'email'])
    .where('network_id', '=', networkId)
    .where(
      'id',
      'in',
      [7919 % P, ...Array.from({ length: 16 }, (_, k) => k + 1)].map((i) => townId(seed, 'person', i)),
    )
    .execute();
  const emailOf = (i: number) => people.find((r) => r.id === townId(seed, 'person', i))!.email;
  return {
    spec,
    seed,
    rows,
    seconds,
    signIn: { email: emailOf(7919 % P), password: townPassword },
    payers: Array.from({ length: 16 }, (_, k) => ({
      email: emailOf(k + 1),
      password: townPassword,
      timebankAccountId: townId(seed, 'tba_p', k + 1),
    })),
    ledger,
    notes,
  };
}

interface TeilenContext {
  db: Kysely<DB>;
  networkId: string;
  seed: number;
  spec: TownSpec;
  step: (name: string, fn: () => Promise<number>) => Promise<void>;
  notes: string[];
  log: Log;
}

/** The time-bank account of person i (SQL: md5('<seed>:tba_p:' || i)::uuid). */
export const personTimebankAccount = (seed: number, i: number) => townId(seed, 'tba_p', i);

/**
 * EXTENSION POINT for Teilen (area 4). Generates the time bank (accounts and completed transfers
 * with their journal). Resources with coordinates and bookings (migration 20261125_1101_sharing,
 * committed after this was written) and circles (no migration yet) are the next steps here.
 *
 * The journal is written with triggers off (`session_replication_role = replica`, the way a
 * restore loads data) because the per-row balance trigger and the deferred "entry balanced"
 * trigger would dominate the load; the balances are then set from the lines in one statement
 * and `ledgerHealth()` (the server's own invariant check) must come out clean, or the load fails.
 * Transfers come in triangles (X→Y→Z→X, same minutes) plus credits from the community pool, so
 * nobody ends below the credit limit.
 */
async function loadTeilen(ctx: TeilenContext): Promise<LedgerHealth | null> {
  const { db, networkId, seed, spec } = ctx;
  const tables = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_name IN ('resource', 'booking', 'circle', 'timebank_account', 'timebank_transfer')
  `.execute(db);
  const have = new Set(tables.rows.map((r) => r.table_name));
  if (have.has('resource') && have.has('booking')) {
    await loadResources(ctx);
  } else {
    ctx.notes.push(`resources and bookings not generated (no tables): ${spec.resources} / ${spec.bookings}`);
  }
  ctx.notes.push(`support circles not generated yet (no migration): ${spec.circles}`);
  if (!have.has('timebank_account') || !have.has('timebank_transfer')) {
    ctx.notes.push(`time bank not generated (no tables): transfers ${spec.transfers}`);
    return null;
  }
  const P = spec.people;
  const O = spec.organisations;
  const N = spec.transfers;
  const nid = lit(networkId);
  const u = (expr: string, k: number | string) => uSql(seed, expr, k);
  const personAcc = (expr: string) => idSql(seed, 'tba_p', expr);
  const orgAcc = (expr: string) => idSql(seed, 'tba_o', expr);
  const poolAcc = lit(townId(seed, 'tba_pool', 0));
  const admin = lit(townId(seed, 'person', 0));

  await db.connection().execute(async (conn) => {
    const run = (text: string) => sql.raw(text).execute(conn);
    await ctx.step('timebank_account', async () => {
      await run(`
        INSERT INTO timebank_account (network_id, id, owner_type, credit_limit, created_at)
        VALUES (${nid}, ${poolAcc}, 'pool', NULL, timestamptz ${lit(epoch)})`);
      await run(`
        INSERT INTO timebank_account (network_id, id, owner_type, person_id, credit_limit, created_at)
        SELECT ${nid}, ${personAcc('i')}, 'person', ${idSql(seed, 'person', 'i')}, 600, timestamptz ${lit(epoch)}
        FROM generate_series(0, ${P - 1}) AS i`);
      await run(`
        INSERT INTO timebank_account (network_id, id, owner_type, organisation_id, credit_limit, created_at)
        SELECT ${nid}, ${orgAcc('j')}, 'organisation', ${idSql(seed, 'org', 'j')}, 1200, timestamptz ${lit(epoch)}
        FROM generate_series(0, ${O - 1}) AS j`);
      return 1 + P + O;
    });

    // transfer n is the (n % 3)-th leg of triangle g = n / 3; 10 % of the triangles are three credits
    // from the pool to a person instead (whole triangles, so the others still cancel out)
    const transfers = (a: number, b: number) => `
      SELECT n, ${idSql(seed, 'tbt', 'n')} AS tid, ${idSql(seed, 'tbe', 'n')} AS eid, minutes,
             timestamptz ${lit(epoch)} - interval '1 second' * floor((${N} - n)::float8 * ${(730 * 86400) / Math.max(1, N)}) AS at,
             CASE WHEN pool THEN ${poolAcc}
                  WHEN n % 3 = 0 THEN ${personAcc('xi')} WHEN n % 3 = 1 THEN ${personAcc('yi')}
                  WHEN zorg THEN ${orgAcc('zi')} ELSE ${personAcc('zi')} END AS payer,
             CASE WHEN pool THEN ${personAcc(iSql(seed, 'n', 41, P))}
                  WHEN n % 3 = 0 THEN ${personAcc('yi')}
                  WHEN n % 3 = 1 THEN CASE WHEN zorg THEN ${orgAcc('zi')} ELSE ${personAcc('zi')} END
                  ELSE ${personAcc('xi')} END AS payee,
             -- who pressed "pay": the payer, or for an organisation its admin
             CASE WHEN pool THEN ${admin}
                  WHEN n % 3 = 0 THEN ${idSql(seed, 'person', 'xi')} WHEN n % 3 = 1 THEN ${idSql(seed, 'person', 'yi')}
                  WHEN zorg THEN ${idSql(seed, 'person', `(zi * 7919) % ${P}`)} ELSE ${idSql(seed, 'person', 'zi')} END
               AS initiator
      FROM (
        SELECT n, ${u('n / 3', 40)} < 0.1 AS pool,
               30 * (1 + ${iSql(seed, 'n / 3', 43, 6)}) AS minutes,
               ${iSql(seed, 'n / 3', 44, P)} AS xi,
               ${iSql(seed, 'n / 3', 45, P)} AS yi,
               ${u('n / 3', 46)} < 0.3 AS zorg,
               CASE WHEN ${u('n / 3', 46)} < 0.3 THEN ${iSql(seed, 'n / 3', 47, O)} ELSE ${iSql(seed, 'n / 3', 48, P)} END AS zi
        FROM generate_series(${a}, ${b}) AS n
      ) AS s`;
    // a leg whose payer and payee coincide is left out; the other two legs still cancel out
    const legs = (a: number, b: number) => `SELECT * FROM (${transfers(a, b)}) AS t WHERE payer <> payee`;
    await run('SET session_replication_role = replica');
    try {
      // the transfers first; journal entries and lines are derived from them, in time order
      await ctx.step('timebank_transfer', () =>
        batchRange(N, 100_000, (a, b) =>
          run(`
            INSERT INTO timebank_transfer (network_id, id, payer_account_id, payee_account_id, minutes, memo, status,
                                           initiated_by, idempotency_key, request_hash, entry_id, decided_by,
                                           decided_at, created_at)
            SELECT ${nid}, tid, payer, payee, minutes, 'Zeittausch', 'completed', initiator, 'town-transfer-' || n,
                   md5(payer::text || payee::text || minutes), eid, initiator, at, at
            FROM (${legs(a, b)}) AS l`),
        ),
      );
      await ctx.step('timebank_entry', async () => {
        const r = await run(`
          INSERT INTO timebank_entry (network_id, id, kind, memo, created_by, created_at)
          SELECT network_id, entry_id, 'transfer', memo, initiated_by, created_at
          FROM timebank_transfer WHERE network_id = ${nid} ORDER BY created_at, id`);
        return Number(r.numAffectedRows ?? 0n);
      });
      await ctx.step('timebank_line', async () => {
        const r = await run(`
          INSERT INTO timebank_line (network_id, entry_id, line_no, account_id, amount)
          SELECT network_id, entry_id, k, CASE k WHEN 1 THEN payer_account_id ELSE payee_account_id END,
                 CASE k WHEN 1 THEN -minutes ELSE minutes END
          FROM timebank_transfer, generate_series(1, 2) AS k WHERE network_id = ${nid}`);
        return Number(r.numAffectedRows ?? 0n);
      });
    } finally {
      await run('SET session_replication_role = DEFAULT');
    }
    await ctx.step('timebank_balance', async () => {
      const r = await run(`
        UPDATE timebank_account a SET balance = s.total
        FROM (SELECT account_id, sum(amount) AS total FROM timebank_line WHERE network_id = ${nid} GROUP BY account_id) AS s
        WHERE a.network_id = ${nid} AND a.id = s.account_id`);
      return Number(r.numAffectedRows ?? 0n);
    });
  });
  const counts = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM timebank_transfer WHERE network_id = ${networkId}`.execute(db);
  ctx.log(`  time bank: ${counts.rows[0]?.n} transfers`);
  const health = await ledgerHealth(db, networkId);
  if (
    health.balance_sum !== 0 ||
    health.mismatched_accounts ||
    health.unbalanced_entries ||
    health.over_limit_accounts
  ) {
    throw new Error(`generated time bank breaks the ledger invariants: ${JSON.stringify(health)}`);
  }
  return health;
}

const resourceKinds: readonly (readonly [string, number, readonly string[]])[] = [
  ['room', 0.2, ['Gruppenraum', 'Saal', 'Besprechungsraum', 'Küche', 'Werkstatt']],
  ['equipment', 0.35, ['Beamer', 'Bierzeltgarnitur', 'Lastenrad', 'Bohrmaschine', 'Pavillon', 'Rollstuhl']],
  ['vehicle', 0.05, ['Kleinbus', 'Transporter', 'Anhänger']],
  ['giveaway', 0.15, ['Kinderkleidung', 'Brot vom Vortag', 'Bücherkiste', 'Sofa']],
  ['skill', 0.15, ['Hilfe beim Umzug', 'Fahrradreparatur', 'Nachhilfe Mathe', 'Übersetzen Türkisch']],
  ['service', 0.1, ['Begleitung zum Arzt', 'Einkaufshilfe', 'Computerhilfe']],
];

/**
 * Resources with coordinates around their district's centre (a person's shown rounded to a
 * 300 m grid, as the server does) and bookings that never overlap by construction: booking b is
 * slot b / R of resource b % R, and slots lie 45 days apart.
 */
async function loadResources(ctx: TeilenContext) {
  const { db, networkId, seed, spec } = ctx;
  const R = spec.resources;
  const B = spec.bookings;
  const D = spec.districts;
  const nid = lit(networkId);
  const u = (expr: string, k: number | string) => uSql(seed, expr, k);
  const run = (text: string) => sql.raw(text).execute(db);
  let acc = 0;
  const kindCase = `CASE ${resourceKinds
    .map(([kind, w]) => {
      acc += w;
      return `WHEN ${u('r', 50)} < ${acc.toFixed(3)} THEN ${lit(kind)}`;
    })
    .join(' ')} ELSE 'service' END`;
  const titleCase = (kindExpr: string) =>
    `CASE ${kindExpr} ${resourceKinds
      .map(
        ([kind, , titles]) =>
          `WHEN ${lit(kind)} THEN (${arr(titles)})[1 + ${iSql(seed, 'r', 51, titles.length)}]`,
      )
      .join(' ')} END`;
  const cells = Array.from({ length: D }, (_, d) => districtCell(d, D));
  const latStep = 300 / 111_320;
  await ctx.step('resource', () =>
    batchRange(R, 50_000, (a, b) =>
      run(`
        INSERT INTO resource (network_id, id, kind, owner_type, organisation_id, person_id, title, description,
                              district_id, lat, lng, approximate, public_lat, public_lng, who_may_borrow, capacity,
                              auto_approve, created_by, created_at, updated_at)
        SELECT ${nid}, ${idSql(seed, 'resource', 'r')}, kind, CASE WHEN org THEN 'organisation' ELSE 'person' END,
               CASE WHEN org THEN ${idSql(seed, 'org', 'oi')} END, CASE WHEN NOT org THEN ${idSql(seed, 'person', 'pi')} END,
               title || ' ' || (r + 1), title || ': bitte rechtzeitig anfragen, Rückgabe sauber und vollständig.',
               ${idSql(seed, 'district', 'd')}, lat, lng, NOT org,
               CASE WHEN org THEN lat ELSE round((round(lat / ${latStep}) * ${latStep})::numeric, 6)::float8 END,
               CASE WHEN org THEN lng ELSE round((round(lng / (${latStep} / cos(radians(lat)))) * (${latStep} / cos(radians(lat))))::numeric, 6)::float8 END,
               CASE WHEN ${u('r', 55)} < 0.5 THEN 'everyone' ELSE 'members' END,
               CASE WHEN kind = 'room' THEN 5 + ${iSql(seed, 'r', 56, 60)} END,
               ${u('r', 57)} < 0.3,
               CASE WHEN org THEN ${idSql(seed, 'person', `(oi * 7919) % ${spec.people}`)} ELSE ${idSql(seed, 'person', 'pi')} END,
               timestamptz ${lit(epoch)} - interval '1 day' * ${iSql(seed, 'r', 58, 700)},
               timestamptz ${lit(epoch)}
        FROM (
          SELECT r, kind, ${titleCase('kind')} AS title, org, oi, pi, d,
                 round(((${intArr(cells.map((c) => Math.round(c.lat * 1e6)))})[d + 1] / 1e6 + (${u('r', 59)} - 0.5) * ${cellLat * 0.8})::numeric, 6)::float8 AS lat,
                 round(((${intArr(cells.map((c) => Math.round(c.lng * 1e6)))})[d + 1] / 1e6 + (${u('r', 60)} - 0.5) * ${cellLng * 0.8})::numeric, 6)::float8 AS lng
          FROM (
            SELECT r, ${kindCase} AS kind, ${u('r', 52)} < 0.6 AS org, ${iSql(seed, 'r', 53, spec.organisations)} AS oi,
                   ${iSql(seed, 'r', 54, spec.people)} AS pi, r % ${D} AS d
            FROM generate_series(${a}, ${b}) AS r
          ) AS s0
        ) AS s1`),
    ),
  );
  await ctx.step('booking', () =>
    batchRange(B, 50_000, (a, b) =>
      run(`
        INSERT INTO booking (network_id, id, resource_id, requester_id, period, buffered_period, status, note, created_at)
        SELECT ${nid}, ${idSql(seed, 'booking', 'n')}, ${idSql(seed, 'resource', `n % ${R}`)},
               ${idSql(seed, 'person', iSql(seed, 'n', 61, spec.people))}, tstzrange(t0, t1, '[)'), tstzrange(t0, t1, '[)'),
               CASE WHEN t1 > timestamptz ${lit(epoch)} THEN (CASE WHEN ${u('n', 62)} < 0.7 THEN 'approved' ELSE 'requested' END)
                    WHEN ${u('n', 62)} < 0.8 THEN 'returned' WHEN ${u('n', 62)} < 0.9 THEN 'cancelled' ELSE 'declined' END,
               '', t0 - interval '3 days'
        FROM (
          SELECT n, t0, t0 + interval '1 hour' * (1 + ${iSql(seed, 'n', 63, 4)}) AS t1
          FROM (
            SELECT n, date_trunc('hour', timestamptz ${lit(epoch)} - interval '150 days'
                     + interval '45 days' * (n / ${R}) + interval '1 day' * ${iSql(seed, 'n', 64, 40)}
                     + interval '1 hour' * (8 + ${iSql(seed, 'n', 65, 10)})) AS t0
            FROM generate_series(${a}, ${b}) AS n
          ) AS s0
        ) AS s1`),
    ),
  );
}

async function batchRange(total: number, per: number, fn: (from: number, to: number) => Promise<unknown>) {
  let rows = 0;
  for (let from = 0; from < total; from += per) {
    const r = (await fn(from, Math.min(total, from + per) - 1)) as { numAffectedRows?: bigint };
    rows += Number(r.numAffectedRows ?? 0n);
  }
  return rows;
}
