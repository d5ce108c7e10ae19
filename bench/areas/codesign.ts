import { sql } from 'kysely';
import { batchRange, epoch, idSql, iSql, lit, type TeilenContext } from '../townKit.ts';

/**
 * Mitgestalten (the codesign area): co-design projects, each run by an organisation, with a decide
 * phase and a consensus tool holding one proposal; the project's participants (people of the town)
 * and their stances on it — every stance with its entry in the contribution log, as the database
 * requires — and further contributions in the log (ideas, comments, attendance) without rows of a
 * part. The poll the results figure reads is project 0's proposal, where stances keep coming in.
 */

export interface CodesignHealth {
  projects: number;
  participants: number;
  contributions: number;
  stances: number;
  /** participants with more than one stance on a proposal (the primary key forbids it: must be 0) */
  double_counted: number;
  /** stances whose contribution is missing or of another participant, tool or kind (must be 0) */
  stances_without_contribution: number;
}

export interface CodesignHandles {
  /** the poll read by http.codesign_poll_results: project 0's proposal */
  proposalId: string;
  /** its current stances after the load */
  proposalStances: number;
  /** participants of project 0 who change their stance during the figure (persons 0 … 15's accounts) */
  voters: { email: string }[];
}

export async function loadCodesign(
  ctx: TeilenContext,
): Promise<{ health: CodesignHealth; handles: CodesignHandles }> {
  const { db, networkId, seed, spec } = ctx;
  const O = spec.organisations;
  const P = spec.people;
  const J = spec.codesignProjects;
  const nid = lit(networkId);
  const now = `timestamptz ${lit(epoch)}`;
  // participants per project: the votes spread evenly, each participant one stance
  const per = Math.min(P, Math.ceil(spec.codesignVotes / J));
  const personOf = (p: string, j: string) => `((${p}) * 97 + (${j})) % ${P}`;
  const idx = (p: string, j: string) => `((${p})::bigint * 1000000 + (${j}))`;
  const run = (text: string) => sql.raw(text).execute(db);

  await ctx.step('codesign_project', async () => {
    const r = await run(`
      INSERT INTO codesign_project (network_id, id, title, summary, template, visibility, joining, status, created_at)
      SELECT ${nid}, ${idSql(seed, 'cs_project', 'p')}, 'Gemeinsam gestalten ' || (p + 1),
             'Wir entscheiden gemeinsam, wie das Angebot weitergeht.', 'short', 'public', 'open', 'active',
             ${now} - interval '1 day' * (p % 90)
      FROM generate_series(0, ${J - 1}) AS p`);
    await run(`
      INSERT INTO codesign_project_organisation (network_id, project_id, organisation_id, is_lead, status)
      SELECT ${nid}, ${idSql(seed, 'cs_project', 'p')}, ${idSql(seed, 'org', `p % ${O}`)}, true, 'accepted'
      FROM generate_series(0, ${J - 1}) AS p`);
    await run(`
      INSERT INTO codesign_phase (network_id, id, project_id, kind, position, title)
      SELECT ${nid}, ${idSql(seed, 'cs_phase', 'p')}, ${idSql(seed, 'cs_project', 'p')}, 'decide', 1, 'Entscheiden'
      FROM generate_series(0, ${J - 1}) AS p`);
    await run(`
      UPDATE codesign_project SET current_phase_id = ${idSql(seed, 'cs_phase', 's.p')}
      FROM generate_series(0, ${J - 1}) AS s(p)
      WHERE network_id = ${nid} AND id = ${idSql(seed, 'cs_project', 's.p')}`);
    await run(`
      INSERT INTO codesign_tool (network_id, id, project_id, phase_id, kind, title, paper_code)
      SELECT ${nid}, ${idSql(seed, 'cs_tool', 'p')}, ${idSql(seed, 'cs_project', 'p')}, ${idSql(seed, 'cs_phase', 'p')},
             'consensus', 'Gemeinsam entscheiden', 'B' || upper(lpad(to_hex(p), 5, '0'))
      FROM generate_series(0, ${J - 1}) AS p`);
    await run(`
      INSERT INTO codesign_proposal (network_id, id, project_id, tool_id, title, body, closes_at, created_at)
      SELECT ${nid}, ${idSql(seed, 'cs_proposal', 'p')}, ${idSql(seed, 'cs_project', 'p')}, ${idSql(seed, 'cs_tool', 'p')},
             'Neue Öffnungszeiten ab dem nächsten Monat', 'Wir öffnen zusätzlich dienstags von 17 bis 19 Uhr.',
             now() + interval '365 days', ${now}
      FROM generate_series(0, ${J - 1}) AS p`);
    return Number((r as { numAffectedRows?: bigint }).numAffectedRows ?? 0n);
  });

  await ctx.step('codesign_participant', () =>
    batchRange(J, Math.max(1, Math.floor(50_000 / per)), (a, b) =>
      run(`
        INSERT INTO codesign_participant (network_id, id, project_id, account_id, joined_via, status, created_at)
        SELECT ${nid}, ${idSql(seed, 'cs_participant', idx('p', 'j'))}, ${idSql(seed, 'cs_project', 'p')},
               ${idSql(seed, 'person', personOf('p', 'j'))}, 'open', 'active', ${now}
        FROM generate_series(${a}, ${b}) AS p, generate_series(0, ${per - 1}) AS j`),
    ),
  );

  // the stances and their contributions, written with the stance trigger on: the load itself proves
  // that none is taken on a closed proposal
  const stanceKinds = `(ARRAY['agree','agree','agree','abstain','disagree','block'])`;
  await ctx.step('codesign_stance', () =>
    batchRange(J, Math.max(1, Math.floor(25_000 / per)), async (a, b) => {
      await run(`
        INSERT INTO codesign_contribution (network_id, id, project_id, tool_id, participant_id, kind, created_at)
        SELECT ${nid}, ${idSql(seed, 'cs_stance_c', idx('p', 'j'))}, ${idSql(seed, 'cs_project', 'p')},
               ${idSql(seed, 'cs_tool', 'p')}, ${idSql(seed, 'cs_participant', idx('p', 'j'))}, 'stance', ${now}
        FROM generate_series(${a}, ${b}) AS p, generate_series(0, ${per - 1}) AS j`);
      return run(`
        INSERT INTO codesign_stance (network_id, proposal_id, participant_id, stance, reason, contribution_id)
        SELECT ${nid}, ${idSql(seed, 'cs_proposal', 'p')}, ${idSql(seed, 'cs_participant', idx('p', 'j'))},
               ${stanceKinds}[1 + ${iSql(seed, idx('p', 'j'), 901, 6)}],
               CASE WHEN ${iSql(seed, idx('p', 'j'), 902, 4)} = 0 THEN 'Das passt gut zu meinen Zeiten.' ELSE '' END,
               ${idSql(seed, 'cs_stance_c', idx('p', 'j'))}
        FROM generate_series(${a}, ${b}) AS p, generate_series(0, ${per - 1}) AS j`);
    }),
  );

  const C = spec.codesignContributions;
  await ctx.step('codesign_contribution', () =>
    batchRange(C, 25_000, (a, b) =>
      run(`
        INSERT INTO codesign_contribution (network_id, id, project_id, participant_id, kind, channel, entered_role, created_at)
        SELECT ${nid}, ${idSql(seed, 'cs_contribution', 'c')}, ${idSql(seed, 'cs_project', `c % ${J}`)},
               ${idSql(seed, 'cs_participant', idx(`c % ${J}`, iSql(seed, 'c', 903, per)))},
               (ARRAY['idea','comment','attendance'])[1 + c % 3],
               CASE WHEN c % 10 = 0 THEN 'paper' ELSE 'online' END,
               CASE WHEN c % 10 = 0 THEN 'staff' END,
               ${now} - interval '1 hour' * (c % 2000)
        FROM generate_series(${a}, ${b}) AS c`),
    ),
  );

  // the freshly loaded tables have no statistics yet: without them the planner estimates a few rows
  // each and checks the stances against their contributions in a nested loop (200 000² at M)
  await run('ANALYZE codesign_participant, codesign_contribution, codesign_stance');
  const health = (
    await sql<CodesignHealth>`
      SELECT
        (SELECT count(*)::int FROM codesign_project WHERE network_id = ${networkId}) AS projects,
        (SELECT count(*)::int FROM codesign_participant WHERE network_id = ${networkId}) AS participants,
        (SELECT count(*)::int FROM codesign_contribution WHERE network_id = ${networkId}) AS contributions,
        (SELECT count(*)::int FROM codesign_stance WHERE network_id = ${networkId}) AS stances,
        (SELECT count(*)::int FROM (
           SELECT 1 FROM codesign_stance WHERE network_id = ${networkId}
           GROUP BY proposal_id, participant_id HAVING count(*) > 1) AS d) AS double_counted,
        (SELECT count(*)::int FROM codesign_stance s
           LEFT JOIN codesign_contribution c ON c.network_id = s.network_id AND c.id = s.contribution_id
             AND c.participant_id = s.participant_id AND c.kind = 'stance'
           WHERE s.network_id = ${networkId} AND c.id IS NULL) AS stances_without_contribution`.execute(db)
  ).rows[0]!;

  const proposalId = idSql(seed, 'cs_proposal', '0');
  const stances = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM codesign_stance WHERE network_id = ${networkId}
      AND proposal_id = ${sql.raw(proposalId)}`.execute(db);
  const voters = await sql<{ email: string }>`
    SELECT a.email FROM generate_series(0, ${Math.min(16, per) - 1}) AS j
      JOIN account a ON a.network_id = ${networkId} AND a.id = ${sql.raw(idSql(seed, 'person', personOf('0', 'j')))}
    ORDER BY j`.execute(db);
  const id = (await sql<{ id: string }>`SELECT ${sql.raw(proposalId)} AS id`.execute(db)).rows[0]!.id;
  return {
    health,
    handles: { proposalId: id, proposalStances: stances.rows[0]!.n, voters: voters.rows },
  };
}
