import { sql } from 'kysely';
import { type LedgerHealth, ledgerHealth } from '../../server/areas/timebank/repositories/timebank.ts';
import { batchRange, epoch, idSql, iSql, lit, type TeilenContext, townId, uSql } from '../townKit.ts';

/** Zeitbank: an account for every person and organisation, a pool, and completed transfers with their journal. */

/** The time-bank account of person i (SQL: md5('<seed>:tba_p:' || i)::uuid). */
export const personTimebankAccount = (seed: number, i: number) => townId(seed, 'tba_p', i);

/**
 * The time bank: accounts and completed transfers with their journal.
 *
 * The journal is written with triggers off (`session_replication_role = replica`, the way a
 * restore loads data) because the per-row balance trigger and the deferred "entry balanced"
 * trigger would dominate the load; the balances are then set from the lines in one statement (still
 * with triggers off: otherwise the database refuses any balance change outside the journal's trigger)
 * and `ledgerHealth()` (the server's own invariant check) must come out clean, or the load fails.
 * Transfers come in triangles (X→Y→Z→X, same minutes) plus credits from the community pool, so
 * nobody ends below the credit limit.
 */
export async function loadTimebank(ctx: TeilenContext): Promise<LedgerHealth> {
  const { db, networkId, seed, spec } = ctx;
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
      // still with triggers off: the database lets a balance move only through journal lines
      // (migration 20261209_1400), and these lines went in without their trigger
      await ctx.step('timebank_balance', async () => {
        const r = await run(`
          UPDATE timebank_account a SET balance = s.total
          FROM (SELECT account_id, sum(amount) AS total FROM timebank_line WHERE network_id = ${nid} GROUP BY account_id) AS s
          WHERE a.network_id = ${nid} AND a.id = s.account_id`);
        return Number(r.numAffectedRows ?? 0n);
      });
    } finally {
      await run('SET session_replication_role = DEFAULT');
    }
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
