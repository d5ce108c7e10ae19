import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { mapCellHealth } from '../server/areas/sharing/repositories/resources.ts';
import { type LedgerHealth, ledgerHealth } from '../server/areas/timebank/repositories/timebank.ts';
import type { DB, OrganisationKind, Sector } from '../server/db/schema.ts';

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
  /** Unterstützungskreise (area 5), each with members, consent, care calendar and map entries */
  circles: number;
  /** Mitmachen (area 2): opportunities with shifts and sign-ups, ten per organisation */
  opportunities: number;
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
  opportunities: 2_000,
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
    opportunities: 200,
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
    opportunities: M.opportunities * 5,
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
  /** the participation invariants after the load (null: no tables) */
  participation: ParticipationHealth | null;
  /** the circle invariants after the load (null: no tables) */
  circles: CircleHealth | null;
  /** the map summary against a fresh count after the load (null: no summary table) */
  resourceMap: { cells: number; mismatched: number } | null;
  /** a helper in circle 0, to read its care calendar as (null: no circles) */
  circleReader: { email: string; password: string; circleId: string } | null;
  /** one bookable resource per payer (an organisation's, open to everyone), none booked after `freeFrom` */
  bookables: { resourceId: string; freeFrom: string }[];
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
  opts: { parallel?: boolean; resources?: number } = {},
): Promise<LoadedTown> {
  // `resources` overrides the size's count, e.g. the issue's map target at 100 000 resources
  const spec = { ...townSizes[size], ...(opts.resources ? { resources: opts.resources } : {}) };
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
  const orgDistricts = organisations.map((o) => districts.findIndex((d) => d.id === o.district_id));
  const extra: TeilenExtra = { participation: null, circles: null, resourceMap: null };
  const teilen = () => loadTeilen({ db, networkId, seed, spec, step, notes, log, orgDistricts, extra });

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

  // the care calendar is read by a helper of circle 0 (member 2, see loadCircles)
  let circleReader: LoadedTown['circleReader'] = null;
  if (extra.circles && spec.circles > 0) {
    const reader = await db
      .selectFrom('account')
      .select('email')
      .where('network_id', '=', networkId)
      .where('id', '=', townId(seed, 'person', (13 + 2 * 7919) % P))
      .executeTakeFirstOrThrow();
    circleReader = { email: reader.email, password: townPassword, circleId: townId(seed, 'circle', 0) };
  }
  // bookings through the API: an organisation's room, equipment or vehicle open to everyone per payer
  let bookables: LoadedTown['bookables'] = [];
  if (rows.booking !== undefined) {
    const r = await sql<{ id: string; free_from: Date | null }>`
      SELECT r.id, (SELECT max(upper(b.period)) FROM booking b WHERE b.network_id = r.network_id
                    AND b.resource_id = r.id) AS free_from
      FROM resource r
      WHERE r.network_id = ${networkId} AND r.owner_type = 'organisation' AND r.who_may_borrow = 'everyone'
        AND r.kind IN ('room', 'equipment', 'vehicle') AND r.active
      ORDER BY r.id LIMIT 16`.execute(db);
    bookables = r.rows.map((x) => ({
      resourceId: x.id,
      freeFrom: new Date(Math.max(new Date(epoch).getTime(), x.free_from?.getTime() ?? 0)).toISOString(),
    }));
  }
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
    participation: extra.participation,
    circles: extra.circles,
    resourceMap: extra.resourceMap,
    circleReader,
    bookables,
    notes,
  };
}

interface TeilenExtra {
  participation: ParticipationHealth | null;
  circles: CircleHealth | null;
  resourceMap: LoadedTown['resourceMap'];
}

interface TeilenContext {
  db: Kysely<DB>;
  networkId: string;
  seed: number;
  spec: TownSpec;
  step: (name: string, fn: () => Promise<number>) => Promise<void>;
  notes: string[];
  log: Log;
  /** district index of each organisation */
  orgDistricts: number[];
  /** health of the parts beside the ledger */
  extra: TeilenExtra;
}

/** The time-bank account of person i (SQL: md5('<seed>:tba_p:' || i)::uuid). */
export const personTimebankAccount = (seed: number, i: number) => townId(seed, 'tba_p', i);

/**
 * EXTENSION POINT for everything beyond the people and their graph: resources with coordinates
 * and bookings (area 4), opportunities with shifts and sign-ups (area 2, loadParticipation),
 * support circles (area 5, loadCircles) and the time bank (accounts and completed transfers with
 * their journal). Each part is generated only where its tables exist.
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
    WHERE table_schema = 'public'
      AND table_name IN ('resource', 'resource_map_cell', 'booking', 'circle', 'opportunity', 'timebank_account',
                         'timebank_transfer')
  `.execute(db);
  const have = new Set(tables.rows.map((r) => r.table_name));
  if (have.has('resource') && have.has('booking')) {
    await loadResources(ctx);
    // The map summary is kept by statement-level triggers, so each bulk INSERT above filled it with
    // one aggregated upsert; it must equal a fresh count, or the load fails.
    if (have.has('resource_map_cell')) {
      const health = await mapCellHealth(db, networkId);
      if (health.mismatched > 0 || (spec.resources > 0 && health.cells === 0))
        throw new Error(`the map summary differs from the loaded resources: ${JSON.stringify(health)}`);
      ctx.extra.resourceMap = health;
    }
  } else {
    ctx.notes.push(`resources and bookings not generated (no tables): ${spec.resources} / ${spec.bookings}`);
  }
  if (have.has('opportunity')) ctx.extra.participation = await loadParticipation(ctx);
  else ctx.notes.push(`opportunities not generated (no tables): ${spec.opportunities}`);
  if (have.has('circle')) ctx.extra.circles = await loadCircles(ctx);
  else ctx.notes.push(`support circles not generated (no tables): ${spec.circles}`);
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

// ---------------------------------------------------------------------------------------------
// Mitmachen (area 2): opportunities on every ladder level, their shifts and sign-ups

/** [level, weight, titles]: what an organisation in the town asks volunteers for. */
const ladder: readonly (readonly [string, number, readonly string[]])[] = [
  [
    'mini',
    0.3,
    [
      'Einkauf für eine Nachbarin',
      'Flyer im Viertel verteilen',
      'Kuchen fürs Sommerfest backen',
      'Fahrrad-Check vor der Tour',
      'Begleitung zum Arzttermin',
      'Bücherkiste sortieren',
    ],
  ],
  [
    'event_project',
    0.25,
    [
      'Stadtteilfest: Aufbau und Abbau',
      'Repair-Café-Nachmittag',
      'Ferienprogramm für Kinder',
      'Kleidertauschparty',
      'Lesenacht in der Bibliothek',
      'Müllsammelaktion am Mühlbach',
    ],
  ],
  [
    'regular',
    0.35,
    [
      'Hausaufgabenhilfe',
      'Besuchsdienst im Seniorenheim',
      'Lebensmittelausgabe der Tafel',
      'Sprachcafé',
      'Fahrdienst zum Einkaufen',
      'Mittagstisch kochen',
      'Computerhilfe für Ältere',
    ],
  ],
  [
    'codesign_role',
    0.1,
    [
      'Beirat Stadtteilentwicklung',
      'Redaktion der Stadtteilzeitung',
      'Sprecherrat der Ehrenamtlichen',
      'AG Barrierefreiheit',
    ],
  ],
];

/** What the load left in the participation tables, checked like the ledger; all counts of problems must be 0. */
export interface ParticipationHealth {
  opportunities: number;
  shifts: number;
  signups: number;
  /** shifts whose signed_up counter differs from their sign-ups that hold a place */
  counter_mismatches: number;
  over_capacity: number;
  /** waitlisted sign-ups on a shift that still has a free place */
  waitlist_with_free_place: number;
  duplicate_active_signups: number;
  /** mini tasks with more than one shift, a shift over 2 h, or an effort over 2 h */
  mini_rule_violations: number;
  /** opportunities without exactly one lead organisation */
  lead_violations: number;
  /** rows whose parent is missing (foreign keys are not checked while triggers are off) */
  orphans: number;
}

/**
 * Opportunities (ten per organisation on average: 30 % mini tasks, 25 % events and projects, 35 %
 * regular, 10 % co-design roles; 85 % published), each run by its organisation and in 15 % of cases
 * jointly with a second one; shifts over the weeks around the town's "now" (a mini task once and at
 * most 2 h, an event on 1–3 days, a regular one weekly for 8 weeks, a co-design role monthly); and
 * sign-ups that fill most shifts (past ones checked in or no-show, full future ones with a waitlist,
 * some withdrawn).
 *
 * Shifts and sign-ups are written with triggers off (`session_replication_role = replica`): the
 * per-row place counter and the ladder trigger would dominate the load. The counters are then set
 * from the sign-ups in one statement and participationHealth() must come out clean, or the load fails.
 */
async function loadParticipation(ctx: TeilenContext): Promise<ParticipationHealth> {
  const { db, networkId, seed, spec } = ctx;
  const O = spec.organisations;
  const P = spec.people;
  const D = spec.districts;
  const Q = spec.opportunities;
  const nid = lit(networkId);
  const u = (expr: string, k: number | string) => uSql(seed, expr, k);
  const i = (expr: string, k: number | string, n: number | string) => iSql(seed, expr, k, n);
  let acc = 0;
  const levelCase = `CASE ${ladder
    .map(([level, w]) => {
      acc += w;
      return `WHEN ${u('o', 100)} < ${acc.toFixed(3)} THEN ${lit(level)}`;
    })
    .join(' ')} ELSE 'regular' END`;
  const titleCase = `CASE level ${ladder
    .map(([level, , titles]) => `WHEN ${lit(level)} THEN (${arr(titles)})[1 + ${i('o', 101, titles.length)}]`)
    .join(' ')} END`;
  const cells = Array.from({ length: D }, (_, d) => districtCell(d, D));
  const names = Array.from({ length: D }, (_, d) => districtName(d));
  const day0 = `date_trunc('day', timestamptz ${lit(epoch)})`;
  // the columns every statement below derives from opportunity index o (the same hash streams)
  const opps = (a: number, b: number) => `
    SELECT o, level, ${titleCase} AS title, mode, d,
           CASE WHEN level = 'mini' THEN 30 * (1 + ${i('o', 104, 4)}) ELSE 60 * (1 + ${i('o', 104, 4)}) END AS effort
    FROM (
      SELECT o, ${levelCase} AS level,
             CASE WHEN ${u('o', 102)} < 0.15 THEN 'online' WHEN ${u('o', 102)} < 0.35 THEN 'hybrid' ELSE 'on_site' END AS mode,
             (${intArr(ctx.orgDistricts)})[o % ${O} + 1] AS d
      FROM generate_series(${a}, ${b}) AS o
    ) AS s0`;

  await ctx.step('opportunity', () =>
    batchRange(Q, 50_000, (a, b) =>
      sql
        .raw(`
        INSERT INTO opportunity (network_id, id, level, title, description, mode, district_id, place, lat, lng, skills,
                                 languages, accessibility, min_age, needs_police_clearance, effort_minutes, status,
                                 created_by, created_at, updated_at)
        SELECT ${nid}, ${idSql(seed, 'opportunity', 'o')}, level, title || ' – ' || (${arr(names)})[d + 1],
               title || ': wir freuen uns über Unterstützung aus ' || (${arr(names)})[d + 1]
                 || '. Keine Vorkenntnisse nötig, wir arbeiten neue Leute gern ein.',
               mode, ${idSql(seed, 'district', 'd')},
               CASE WHEN mode = 'online' THEN '' ELSE (${arr(['Gemeindehaus', 'Stadtteilladen', 'Bürgerhaus', 'Schulhof', 'Marktplatz'])})[1 + ${i('o', 105, 5)}] END,
               CASE WHEN mode <> 'online' THEN round(((${intArr(cells.map((c) => Math.round(c.lat * 1e6)))})[d + 1] / 1e6 + (${u('o', 106)} - 0.5) * ${cellLat * 0.8})::numeric, 6)::float8 END,
               CASE WHEN mode <> 'online' THEN round(((${intArr(cells.map((c) => Math.round(c.lng * 1e6)))})[d + 1] / 1e6 + (${u('o', 107)} - 0.5) * ${cellLng * 0.8})::numeric, 6)::float8 END,
               CASE WHEN ${u('o', 108)} < 0.4 THEN '{}'::text[] ELSE ARRAY[(${arr(skills)})[1 + ${i('o', 109, skills.length)}]] END,
               CASE WHEN ${u('o', 110)} < 0.8 THEN ARRAY['de'] ELSE ARRAY['de', (${arr(languages)})[1 + ${i('o', 111, languages.length)}]] END,
               CASE WHEN ${u('o', 112)} < 0.5 THEN 'Barrierefrei erreichbar, ein Aufzug ist da.' ELSE '' END,
               CASE WHEN ${u('o', 113)} < 0.1 THEN 16 END, ${u('o', 114)} < 0.1, effort,
               CASE WHEN ${u('o', 115)} < 0.85 THEN 'published' WHEN ${u('o', 115)} < 0.93 THEN 'closed' ELSE 'draft' END,
               ${idSql(seed, 'person', `((o % ${O}) * 7919) % ${P}`)},
               timestamptz ${lit(epoch)} - interval '1 day' * (90 + ${i('o', 116, 300)}),
               timestamptz ${lit(epoch)} - interval '1 day' * ${i('o', 117, 60)}
        FROM (${opps(a, b)}) AS s`)
        .execute(db),
    ),
  );
  await ctx.step('opportunity_organisation', () =>
    batchRange(Q, 50_000, (a, b) =>
      sql
        .raw(`
        INSERT INTO opportunity_organisation (network_id, opportunity_id, organisation_id, is_lead, status, added_at)
        SELECT ${nid}, ${idSql(seed, 'opportunity', 'o')}, ${idSql(seed, 'org', 'org')}, lead, 'accepted', timestamptz ${lit(epoch)}
        FROM (
          SELECT o, o % ${O} AS org, true AS lead FROM generate_series(${a}, ${b}) AS o
          UNION ALL
          SELECT o, (o % ${O} + 1 + ${i('o', 118, Math.max(1, O - 1))}) % ${O}, false
          FROM generate_series(${a}, ${b}) AS o WHERE ${O} > 1 AND ${u('o', 119)} < 0.15
        ) AS s`)
        .execute(db),
    ),
  );
  await ctx.step('search_document_opportunity', async () => {
    const r = await sql
      .raw(`
      INSERT INTO search_document (network_id, entity_type, entity_id, title, body, link, updated_at)
      SELECT network_id, 'opportunity', id, title, concat_ws(E'\\n', description, array_to_string(skills, ', '), place),
             '/mitmachen/' || id, updated_at
      FROM opportunity WHERE network_id = ${nid} AND status = 'published'`)
      .execute(db);
    return Number(r.numAffectedRows ?? 0n);
  });

  await db.connection().execute(async (conn) => {
    const run = (text: string) => sql.raw(text).execute(conn);
    await run('SET session_replication_role = replica');
    try {
      await ctx.step('shift', () =>
        batchRange(Q, 20_000, (a, b) =>
          run(`
            INSERT INTO shift (network_id, id, opportunity_id, starts_at, ends_at, capacity, waitlist_enabled, note, created_at)
            SELECT ${nid}, ${idSql(seed, 'shift', 'o * 16 + k')}, ${idSql(seed, 'opportunity', 'o')}, t0,
                   t0 + interval '1 minute' * CASE level WHEN 'mini' THEN effort WHEN 'event_project' THEN 120 + 60 * ${i('o', 122, 3)}
                                                          WHEN 'regular' THEN 60 * (1 + ${i('o', 122, 2)}) ELSE 120 END,
                   CASE level WHEN 'mini' THEN 1 + ${i('o', 123, 2)} WHEN 'event_project' THEN 4 + ${i('o * 16 + k', 123, 17)}
                              WHEN 'regular' THEN 2 + ${i('o * 16 + k', 123, 5)} ELSE 5 + ${i('o', 123, 8)} END,
                   true, '', timestamptz ${lit(epoch)} - interval '1 day' * 80
            FROM (
              SELECT o, k, level, effort,
                     CASE level
                       WHEN 'regular' THEN ${day0} - interval '28 days' + interval '1 day' * ${i('o', 121, 14)} + interval '7 days' * k
                       WHEN 'codesign_role' THEN ${day0} - interval '60 days' + interval '1 day' * ${i('o', 121, 30)} + interval '28 days' * k
                       ELSE ${day0} - interval '60 days' + interval '1 day' * (${i('o', 121, 150)} + k)
                     END + interval '1 hour' * CASE level WHEN 'codesign_role' THEN 16 + ${i('o', 124, 3)} ELSE 7 + ${i('o', 124, 11)} END AS t0
              FROM (${opps(a, b)}) AS s, generate_series(0, 7) AS k
              WHERE k < CASE level WHEN 'mini' THEN 1 WHEN 'event_project' THEN 1 + ${i('o', 120, 3)} WHEN 'regular' THEN 8 ELSE 3 END
            ) AS s1`),
        ),
      );
      // sign-up j of a shift is person (h + j·7919) mod P: distinct within the shift (7919 is prime
      // and no town size is a multiple of it); h comes from the shift's id
      await ctx.step('shift_signup', async () => {
        const r = await run(`
          INSERT INTO shift_signup (network_id, id, shift_id, account_id, status, created_at, withdrawn_at, checked_in_at,
                                    checked_in_by)
          SELECT ${nid}, md5('${seed}:signup:' || id || ':' || j)::uuid, id, ${idSql(seed, 'person', `(h % ${P} + j * 7919) % ${P}`)},
                 status, created, CASE WHEN status = 'withdrawn' THEN created + interval '1 day' END,
                 CASE WHEN status = 'checked_in' THEN starts_at END, CASE WHEN status = 'checked_in' THEN created_by END
          FROM (
            SELECT s.*, j, starts_at - interval '1 hour' * (24 + ${i('h * 32 + j', 134, 600)}) AS created,
                   CASE WHEN j < holding THEN
                          CASE WHEN NOT past THEN 'signed_up' WHEN ${u('h * 32 + j', 133)} < 0.88 THEN 'checked_in' ELSE 'no_show' END
                        WHEN j < holding + wl THEN 'waitlisted'
                        ELSE 'withdrawn' END AS status
            FROM (
              SELECT s.*, CASE WHEN NOT past AND holding = capacity THEN ${i('h', 131, 3)} ELSE 0 END AS wl
              FROM (
                SELECT s.id, s.capacity, s.starts_at, op.created_by, h, s.ends_at <= timestamptz ${lit(epoch)} AS past,
                       least(s.capacity, floor(s.capacity * (0.25 + 0.9 * ${u('h', 130)}))::int) AS holding
                FROM (SELECT *, ('x' || substr(id::text, 1, 8))::bit(32)::bigint AS h FROM shift WHERE network_id = ${nid}) AS s
                JOIN opportunity op ON op.network_id = s.network_id AND op.id = s.opportunity_id
                WHERE op.status <> 'draft'
              ) AS s
            ) AS s, generate_series(0, 23) AS j
            WHERE j < holding + wl OR (j = capacity + 2 AND ${u('h', 132)} < 0.15)
          ) AS x
          ORDER BY starts_at, id, j`);
        return Number(r.numAffectedRows ?? 0n);
      });
    } finally {
      await run('SET session_replication_role = DEFAULT');
    }
    await ctx.step('shift_counter', async () => {
      const r = await run(`
        UPDATE shift s SET signed_up = c.n
        FROM (SELECT shift_id, count(*)::int AS n FROM shift_signup
              WHERE network_id = ${nid} AND status IN ('signed_up', 'checked_in', 'no_show') GROUP BY shift_id) AS c
        WHERE s.network_id = ${nid} AND s.id = c.shift_id`);
      return Number(r.numAffectedRows ?? 0n);
    });
  });
  const health = await participationHealth(db, networkId);
  const broken = Object.entries(health).filter(
    ([k, v]) => !['opportunities', 'shifts', 'signups'].includes(k) && v !== 0,
  );
  if (broken.length > 0)
    throw new Error(`generated participation breaks its invariants: ${JSON.stringify(health)}`);
  return health;
}

/** The invariants of migration 20261125_1300_participation, counted over the whole network. */
export async function participationHealth(db: Kysely<DB>, networkId: string): Promise<ParticipationHealth> {
  const r = await sql<ParticipationHealth>`
    SELECT
      (SELECT count(*)::int FROM opportunity WHERE network_id = ${networkId}) AS opportunities,
      (SELECT count(*)::int FROM shift WHERE network_id = ${networkId}) AS shifts,
      (SELECT count(*)::int FROM shift_signup WHERE network_id = ${networkId}) AS signups,
      (SELECT count(*)::int FROM shift s WHERE s.network_id = ${networkId} AND s.signed_up <> (
         SELECT count(*) FROM shift_signup g WHERE g.network_id = s.network_id AND g.shift_id = s.id
           AND g.status IN ('signed_up', 'checked_in', 'no_show'))) AS counter_mismatches,
      (SELECT count(*)::int FROM shift WHERE network_id = ${networkId} AND signed_up > capacity) AS over_capacity,
      (SELECT count(*)::int FROM shift_signup g JOIN shift s ON s.network_id = g.network_id AND s.id = g.shift_id
        WHERE g.network_id = ${networkId} AND g.status = 'waitlisted' AND s.signed_up < s.capacity) AS waitlist_with_free_place,
      (SELECT count(*)::int FROM (SELECT 1 FROM shift_signup WHERE network_id = ${networkId} AND status <> 'withdrawn'
        GROUP BY shift_id, account_id HAVING count(*) > 1) AS d) AS duplicate_active_signups,
      (SELECT count(*)::int FROM opportunity op WHERE op.network_id = ${networkId} AND op.level = 'mini' AND (
         op.effort_minutes IS NULL OR op.effort_minutes > 120 OR
         (SELECT count(*) FROM shift s WHERE s.network_id = op.network_id AND s.opportunity_id = op.id) > 1 OR
         EXISTS (SELECT 1 FROM shift s WHERE s.network_id = op.network_id AND s.opportunity_id = op.id
                 AND s.ends_at - s.starts_at > interval '2 hours'))) AS mini_rule_violations,
      (SELECT count(*)::int FROM opportunity op WHERE op.network_id = ${networkId} AND (
         SELECT count(*) FROM opportunity_organisation oo WHERE oo.network_id = op.network_id
           AND oo.opportunity_id = op.id AND oo.is_lead) <> 1) AS lead_violations,
      (SELECT count(*)::int FROM shift s WHERE s.network_id = ${networkId} AND NOT EXISTS (
         SELECT 1 FROM opportunity op WHERE op.network_id = s.network_id AND op.id = s.opportunity_id))
      + (SELECT count(*)::int FROM shift_signup g WHERE g.network_id = ${networkId} AND (
         NOT EXISTS (SELECT 1 FROM shift s WHERE s.network_id = g.network_id AND s.id = g.shift_id) OR
         NOT EXISTS (SELECT 1 FROM account a WHERE a.network_id = g.network_id AND a.id = g.account_id))) AS orphans
  `.execute(db);
  return r.rows[0]!;
}

// ---------------------------------------------------------------------------------------------
// Unterstützungskreise (area 5): circles with members, consent, a care calendar and a network map

const needKinds: readonly (readonly [string, number, readonly string[]])[] = [
  ['ride', 0.2, ['Fahrt zur Dialyse', 'Fahrt zum Hausarzt', 'Abholen vom Krankenhaus']],
  ['shopping', 0.25, ['Wocheneinkauf', 'Apotheke: Rezept abholen', 'Getränke holen']],
  ['visit', 0.2, ['Besuch am Nachmittag', 'Spaziergang im Park', 'Vorlesen']],
  ['meal', 0.15, ['Mittagessen bringen', 'Gemeinsam kochen', 'Abendbrot vorbeibringen']],
  ['appointment', 0.1, ['Begleitung zum Amt', 'Termin bei der Pflegekasse', 'Begleitung zur Physiotherapie']],
  ['other', 0.1, ['Blumen gießen', 'Post durchsehen', 'Glühbirne wechseln']],
];
const mapLabels: readonly (readonly [string, readonly string[]])[] = [
  ['family', ['Tochter', 'Sohn', 'Schwester', 'Enkelin', 'Schwager']],
  ['friends_neighbours', ['Nachbarin von gegenüber', 'Freund aus dem Chor', 'Nachbar im Erdgeschoss']],
  ['work_school_clubs', ['Kegelclub', 'ehemalige Kollegin', 'Gemeindekreis']],
  ['professional', ['Hausärztin', 'Pflegedienst', 'gesetzliche Betreuerin', 'Sozialarbeiter']],
];

/** What the load left in the circle tables; all counts of problems must be 0. */
export interface CircleHealth {
  circles: number;
  members: number;
  needs: number;
  map_entries: number;
  /** circles without a consent record, or whose latest is not a grant */
  without_live_consent: number;
  /** circles without exactly one member with the role owner */
  owner_violations: number;
  /** needs claimed by someone who is not a member of the circle */
  claims_by_outsiders: number;
}

/**
 * Support circles around one person each: 4–11 members (the person or a proxy as owner, a
 * coordinator, helpers, in larger circles a professional and a viewer), one consent record
 * (the person or, for 15 %, a legal guardian; 40 % opened by an organisation with its legal basis),
 * a care calendar of three needs a week from four weeks before the town's "now" to eight weeks after
 * (most past ones claimed and done, about half of the coming ones claimed, always by a member) and
 * six entries on the network map. Nothing here has per-row triggers on insert (consent records and
 * snapshots are append-only against UPDATE and DELETE), so it is written with every constraint on.
 * Member j of circle c is person (centre(c) + j·7919) mod P, centre(c) = (c·7907 + 13) mod P.
 */
async function loadCircles(ctx: TeilenContext): Promise<CircleHealth> {
  const { db, networkId, seed, spec } = ctx;
  const C = spec.circles;
  const P = spec.people;
  const O = spec.organisations;
  const nid = lit(networkId);
  const u = (expr: string, k: number | string) => uSql(seed, expr, k);
  const i = (expr: string, k: number | string, n: number | string) => iSql(seed, expr, k, n);
  const run = (text: string) => sql.raw(text).execute(db);
  const centre = (c: string) => `((${c}) * 7907 + 13) % ${P}`;
  const member = (c: string, j: string) => `(${centre(c)} + (${j}) * 7919) % ${P}`;
  const size = (c: string) => `(4 + ${i(c, 200, 8)})`;
  const role = (c: string, j: string) =>
    `CASE WHEN ${j} = 0 THEN 'owner' WHEN ${j} = 1 THEN 'coordinator'
          WHEN ${j} = ${size(c)} - 1 AND ${size(c)} >= 6 THEN 'professional'
          WHEN ${j} = ${size(c)} - 2 AND ${size(c)} >= 8 THEN 'viewer' ELSE 'helper' END`;
  const day0 = `date_trunc('day', timestamptz ${lit(epoch)})`;

  await ctx.step('circle', () =>
    batchRange(C, 50_000, (a, b) =>
      run(`
        INSERT INTO circle (network_id, id, person_label, person_account_id, organisation_id, created_by, status,
                            alert_hours, created_at, updated_at)
        SELECT ${nid}, ${idSql(seed, 'circle', 'c')}, a.display_name,
               CASE WHEN ${u('c', 201)} < 0.6 THEN a.id END,
               CASE WHEN ${u('c', 202)} < 0.4 THEN ${idSql(seed, 'org', `c % ${O}`)} END,
               a.id, 'active', 24, created, created
        FROM (SELECT c, timestamptz ${lit(epoch)} - interval '1 day' * (60 + ${i('c', 203, 400)}) AS created
              FROM generate_series(${a}, ${b}) AS c) AS s
        JOIN account a ON a.network_id = ${nid} AND a.id = ${idSql(seed, 'person', centre('c'))}`),
    ),
  );
  await ctx.step('circle_consent', () =>
    batchRange(C, 50_000, (a, b) =>
      run(`
        INSERT INTO circle_consent (network_id, id, circle_id, version, kind, given_by, guardian_name, method, scope,
                                    given_at, note, organisation_id, legal_basis, recorded_by, created_at)
        SELECT ${nid}, ${idSql(seed, 'consent', 'c')}, c.id, 1, 'granted',
               CASE WHEN guardian THEN 'legal_guardian' ELSE 'person' END,
               CASE WHEN guardian THEN 'Betreuerin ' || (${arr(lastNames)})[1 + ${i('s.n', 205, lastNames.length)}] END,
               (${arr(['in_person', 'written', 'digital'])})[1 + ${i('s.n', 206, 3)}],
               CASE WHEN ${u('s.n', 207)} < 0.8 THEN ARRAY['care_calendar', 'network_map', 'updates', 'team']
                    ELSE ARRAY['care_calendar', 'updates'] END,
               c.created_at, '', c.organisation_id,
               CASE WHEN c.organisation_id IS NOT NULL THEN 'Einwilligung der betroffenen Person (Art. 6 Abs. 1 lit. a, Art. 9 Abs. 2 lit. a DSGVO)' END,
               c.created_by, c.created_at
        FROM (SELECT n, ${u('n', 204)} < 0.15 AS guardian FROM generate_series(${a}, ${b}) AS n) AS s
        JOIN circle c ON c.network_id = ${nid} AND c.id = ${idSql(seed, 'circle', 's.n')}`),
    ),
  );
  await ctx.step('circle_member', () =>
    batchRange(C, 20_000, (a, b) =>
      run(`
        INSERT INTO circle_member (network_id, circle_id, account_id, role, notify_email, joined_at)
        SELECT ${nid}, ${idSql(seed, 'circle', 'c')}, ${idSql(seed, 'person', member('c', 'j'))}, ${role('c', 'j')},
               ${u('c * 16 + j', 208)} < 0.3,
               timestamptz ${lit(epoch)} - interval '1 day' * (60 + ${i('c', 203, 400)}) + interval '1 day' * j
        FROM generate_series(${a}, ${b}) AS c, generate_series(0, 11) AS j
        WHERE j < ${size('c')}`),
    ),
  );
  // need k of circle c: week k / 3 of twelve (four before "now", eight after), on a random day and hour
  await ctx.step('circle_need', () =>
    batchRange(C, 10_000, (a, b) => {
      let acc = 0;
      const kindCase = `CASE ${needKinds
        .map(([kind, w]) => {
          acc += w;
          return `WHEN ${u('n', 210)} < ${acc.toFixed(3)} THEN ${lit(kind)}`;
        })
        .join(' ')} ELSE 'other' END`;
      const titleCase = `CASE kind ${needKinds
        .map(
          ([kind, , titles]) => `WHEN ${lit(kind)} THEN (${arr(titles)})[1 + ${i('n', 211, titles.length)}]`,
        )
        .join(' ')} END`;
      return run(`
        INSERT INTO circle_need (network_id, id, circle_id, kind, title, starts_at, ends_at, place, visibility, claimed_by,
                                 claimed_at, done_at, done_by, thanks, created_by, created_at)
        SELECT ${nid}, ${idSql(seed, 'need', 'n')}, ${idSql(seed, 'circle', 'c')}, kind, ${titleCase}, t0,
               t0 + interval '30 minutes' * (1 + ${i('n', 213, 6)}),
               CASE WHEN kind IN ('ride', 'appointment') THEN 'Abfahrt vor der Haustür' ELSE '' END,
               CASE WHEN ${u('n', 214)} < 0.8 THEN 'all_members' WHEN ${u('n', 214)} < 0.95 THEN 'coordinators_professionals'
                    ELSE 'owner_only' END,
               claimer, CASE WHEN claimer IS NOT NULL THEN least(t0, created + interval '2 days') END,
               CASE WHEN claimer IS NOT NULL AND past THEN t0 + interval '4 hours' END,
               CASE WHEN claimer IS NOT NULL AND past THEN claimer END,
               CASE WHEN claimer IS NOT NULL AND past AND ${u('n', 215)} < 0.3 THEN 'Danke, das war eine große Hilfe!' ELSE '' END,
               ${idSql(seed, 'person', member('c', '1'))}, created
        FROM (
          SELECT n, c, kind, t0, past, t0 - interval '1 day' * (3 + ${i('n', 216, 10)}) AS created,
                 CASE WHEN ${u('n', 217)} < CASE WHEN past THEN 0.85 ELSE 0.45 END
                      THEN ${idSql(seed, 'person', member('c', `1 + ${i('n', 218, `${size('c')} - 1`)}`))} END AS claimer
          FROM (
            SELECT n, c, ${kindCase} AS kind, t0, t0 + interval '4 hours' <= timestamptz ${lit(epoch)} AS past
            FROM (
              SELECT c * 36 + k AS n, c,
                     ${day0} - interval '28 days' + interval '7 days' * (k / 3)
                       + interval '1 day' * ${i('c * 36 + k', 212, 7)} + interval '1 hour' * (7 + ${i('c * 36 + k', 219, 12)}) AS t0
              FROM generate_series(${a}, ${b}) AS c, generate_series(0, 35) AS k
            ) AS s0
          ) AS s1
        ) AS s2`);
    }),
  );
  await ctx.step('circle_map_entry', () =>
    batchRange(C, 20_000, (a, b) =>
      run(`
        INSERT INTO circle_map_entry (network_id, id, circle_id, sector, ring, label, account_id, quality, support, created_at,
                                      updated_at)
        SELECT ${nid}, ${idSql(seed, 'map_entry', 'c * 8 + e')}, ${idSql(seed, 'circle', 'c')}, sector, 1 + ${i('c * 8 + e', 221, 3)},
               CASE sector ${mapLabels
                 .map(
                   ([sector, labels]) =>
                     `WHEN ${lit(sector)} THEN (${arr(labels)})[1 + ${i('c * 8 + e', 222, labels.length)}]`,
                 )
                 .join(' ')} END,
               CASE WHEN e < 2 THEN ${idSql(seed, 'person', member('c', '1 + e'))} END,
               CASE WHEN ${u('c * 8 + e', 223)} < 0.8 THEN 'supportive' WHEN ${u('c * 8 + e', 223)} < 0.95 THEN 'ambivalent'
                    ELSE 'conflict' END,
               CASE WHEN ${u('c * 8 + e', 224)} < 0.5 THEN ARRAY['practical', 'emotional'] ELSE ARRAY['information'] END,
               timestamptz ${lit(epoch)} - interval '30 days', timestamptz ${lit(epoch)} - interval '30 days'
        FROM (
          SELECT c, e, (${arr(mapLabels.map(([s]) => s))})[1 + CASE WHEN e < 4 THEN e ELSE ${i('c * 8 + e', 220, 4)} END] AS sector
          FROM generate_series(${a}, ${b}) AS c, generate_series(0, 5) AS e
        ) AS s`),
    ),
  );
  const health = await circleHealth(db, networkId);
  const broken = Object.entries(health).filter(
    ([k, v]) => !['circles', 'members', 'needs', 'map_entries'].includes(k) && v !== 0,
  );
  if (broken.length > 0)
    throw new Error(`generated circles break their invariants: ${JSON.stringify(health)}`);
  return health;
}

export async function circleHealth(db: Kysely<DB>, networkId: string): Promise<CircleHealth> {
  const r = await sql<CircleHealth>`
    SELECT
      (SELECT count(*)::int FROM circle WHERE network_id = ${networkId}) AS circles,
      (SELECT count(*)::int FROM circle_member WHERE network_id = ${networkId}) AS members,
      (SELECT count(*)::int FROM circle_need WHERE network_id = ${networkId}) AS needs,
      (SELECT count(*)::int FROM circle_map_entry WHERE network_id = ${networkId}) AS map_entries,
      (SELECT count(*)::int FROM circle c WHERE c.network_id = ${networkId} AND coalesce((
         SELECT k.kind FROM circle_consent k WHERE k.network_id = c.network_id AND k.circle_id = c.id
         ORDER BY k.version DESC LIMIT 1), 'none') <> 'granted') AS without_live_consent,
      (SELECT count(*)::int FROM circle c WHERE c.network_id = ${networkId} AND (
         SELECT count(*) FROM circle_member m WHERE m.network_id = c.network_id AND m.circle_id = c.id
           AND m.role = 'owner') <> 1) AS owner_violations,
      (SELECT count(*)::int FROM circle_need n WHERE n.network_id = ${networkId} AND n.claimed_by IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM circle_member m WHERE m.network_id = n.network_id
           AND m.circle_id = n.circle_id AND m.account_id = n.claimed_by)) AS claims_by_outsiders
  `.execute(db);
  return r.rows[0]!;
}
