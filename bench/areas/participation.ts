import { type Kysely, sql } from 'kysely';
import type { DB } from '../../server/db/schema.ts';
import {
  arr,
  batchRange,
  cellLat,
  cellLng,
  districtCell,
  districtName,
  epoch,
  idSql,
  intArr,
  iSql,
  lit,
  type TeilenContext,
  uSql,
} from '../townKit.ts';
import { languages, skills } from '../words.ts';

/** Mitmachen (area 2): opportunities on every ladder level, their shifts and sign-ups. */

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
export async function loadParticipation(ctx: TeilenContext): Promise<ParticipationHealth> {
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
      INSERT INTO search_document (network_id, entity_type, entity_id, type, title, body, link, updated_at)
      SELECT network_id, 'opportunity', id, 'opportunity', title, concat_ws(E'\\n', description, array_to_string(skills, ', '), place),
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
