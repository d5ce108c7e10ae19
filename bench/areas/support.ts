import { type Kysely, sql } from 'kysely';
import type { DB } from '../../server/db/schema.ts';
import { arr, batchRange, epoch, idSql, iSql, lit, type TeilenContext, uSql } from '../townKit.ts';
import { lastNames } from '../words.ts';

/** Unterstützungskreise (area 5): circles with members, consent, a care calendar and a network map. */

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
export async function loadCircles(ctx: TeilenContext): Promise<CircleHealth> {
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
