import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { TimebankOwnerType, TransferSourceType, TransferStatus } from '../../../db/schema.ts';
import { type Executor, type TogetherInsert, togetherCtes } from '../../../db/tx.ts';
import { forgetfulCache } from '../../../db/writeWatch.ts';
import { coordinatorsOf } from '../../../repositories/organisations.ts';

/** How far (in minutes) a new account may go below zero. The community pool has no limit. */
export const defaultCreditLimit: Record<'person' | 'organisation', number> = {
  person: 600,
  organisation: 1200,
};

/** The credit limit an account of this kind starts with, and returns to when an admin resets it (null: none). */
export const defaultLimitOf = (type: TimebankOwnerType): number | null =>
  type === 'pool' ? null : defaultCreditLimit[type];

export type Owner = { type: 'person'; id: string } | { type: 'organisation'; id: string } | { type: 'pool' };

const accountColumns = [
  'ta.id',
  'ta.owner_type',
  'ta.person_id',
  'ta.organisation_id',
  'ta.credit_limit',
  'ta.balance',
  'ta.created_at',
] as const;

function withOwnerName(db: Executor) {
  return db
    .selectFrom('timebank_account as ta')
    .leftJoin('account as p', (j) =>
      j.onRef('p.network_id', '=', 'ta.network_id').onRef('p.id', '=', 'ta.person_id'),
    )
    .leftJoin('organisation as o', (j) =>
      j.onRef('o.network_id', '=', 'ta.network_id').onRef('o.id', '=', 'ta.organisation_id'),
    )
    .select([...accountColumns, sql<string | null>`coalesce(p.display_name, o.name)`.as('owner_name')]);
}

export type TimebankAccountRow = NonNullable<Awaited<ReturnType<typeof findTimebankAccount>>>;

export async function findTimebankAccount(db: Executor, networkId: string, id: string) {
  return withOwnerName(db).where('ta.network_id', '=', networkId).where('ta.id', '=', id).executeTakeFirst();
}

/**
 * Two accounts (payer and payee) in one round trip; either is undefined when it does not exist. With
 * `lock`, both are locked as lockAccounts does (in id order, NO KEY UPDATE) and the balances read are
 * the ones the transaction will change.
 */
export async function findTimebankAccountPair(
  db: Executor,
  networkId: string,
  a: string,
  b: string,
  { lock = false } = {},
) {
  const q = withOwnerName(db).where('ta.network_id', '=', networkId).where('ta.id', 'in', [a, b]);
  const rows = await (lock ? q.orderBy('ta.id').forNoKeyUpdate('ta') : q).execute();
  return [rows.find((r) => r.id === a), rows.find((r) => r.id === b)] as const;
}

/** Whose an account is, and the name to show for it: what a payment needs before it writes. */
export type AccountOwner = Pick<
  TimebankAccountRow,
  'id' | 'owner_type' | 'person_id' | 'organisation_id' | 'owner_name'
>;

/**
 * Owners of accounts looked up in the last ten seconds, by network and account id. An account's owner
 * never changes, so a payment needs no read for it; only the name can, and any write to people or
 * organisations, or a deleted account, empties the map (db/writeWatch.ts). Not an account's update:
 * every payment updates two balances, and watching them cost a NOTIFY per payment (see
 * 20261210_1200_balance_writes_quiet.ts). Never balances or credit limits: those the database checks
 * under lock.
 */
const owners = forgetfulCache<AccountOwner>({
  ms: 10_000,
  max: 10_000,
  forgetOn: [
    [['timebank_account'], ['delete']],
    [
      ['account', 'organisation'],
      ['update', 'delete'],
    ],
  ],
});

/** The owners of two accounts (payer and payee), read only where not remembered; undefined when missing. */
export async function accountOwnerPair(
  db: Executor,
  networkId: string,
  a: string,
  b: string,
): Promise<readonly [AccountOwner | undefined, AccountOwner | undefined]> {
  const known = [owners.get(`${networkId}:${a}`), owners.get(`${networkId}:${b}`)] as const;
  if (known[0] && known[1]) return known;
  const read = await findTimebankAccountPair(db, networkId, a, b);
  for (const r of read) {
    if (!r) continue;
    owners.set(`${networkId}:${r.id}`, {
      id: r.id,
      owner_type: r.owner_type,
      person_id: r.person_id,
      organisation_id: r.organisation_id,
      owner_name: r.owner_name,
    });
  }
  return read;
}

export async function findAccountOf(db: Executor, networkId: string, owner: Owner) {
  let q = withOwnerName(db).where('ta.network_id', '=', networkId);
  if (owner.type === 'person') q = q.where('ta.person_id', '=', owner.id);
  else if (owner.type === 'organisation') q = q.where('ta.organisation_id', '=', owner.id);
  else q = q.where('ta.owner_type', '=', 'pool');
  return q.executeTakeFirst();
}

/** The owner's account, created on first use (safe under concurrency: the unique indexes decide). */
export async function ensureAccount(
  db: Executor,
  networkId: string,
  owner: Owner,
): Promise<TimebankAccountRow> {
  const existing = await findAccountOf(db, networkId, owner);
  if (existing) return existing;
  await db
    .insertInto('timebank_account')
    .values({
      network_id: networkId,
      owner_type: owner.type,
      person_id: owner.type === 'person' ? owner.id : null,
      organisation_id: owner.type === 'organisation' ? owner.id : null,
      credit_limit: defaultLimitOf(owner.type),
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const row = await findAccountOf(db, networkId, owner);
  if (!row) throw new Error('time bank account could not be created');
  return row;
}

/** Locks the given accounts in id order, the one order every writer uses, so writers never deadlock. */
export async function lockAccounts(db: Executor, networkId: string, ids: string[]) {
  const sorted = [...new Set(ids)].sort();
  return (
    db
      .selectFrom('timebank_account')
      .select(['id', 'owner_type', 'credit_limit', 'balance'])
      .where('network_id', '=', networkId)
      .where('id', 'in', sorted)
      .orderBy('id')
      // NO KEY UPDATE: it does not conflict with the KEY SHARE locks that inserting rows that reference
      // these accounts takes, so a writer that already inserted its transfer cannot deadlock with another
      .forNoKeyUpdate()
      .execute()
  );
}

export async function setCreditLimit(db: Executor, networkId: string, id: string, limit: number | null) {
  await db
    .updateTable('timebank_account')
    .set({ credit_limit: limit })
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .execute();
}

/** Accounts the holder of these memberships may act for (organisation staff and admins). */
export async function organisationAccountsFor(db: Executor, networkId: string, organisationIds: string[]) {
  if (organisationIds.length === 0) return [];
  return withOwnerName(db)
    .where('ta.network_id', '=', networkId)
    .where('ta.organisation_id', 'in', organisationIds)
    .orderBy('owner_name')
    .execute();
}

/** The people to tell about something on an account: the person, or the organisation's admins and staff. */
export async function accountHolders(
  db: Executor,
  networkId: string,
  account: { owner_type: TimebankOwnerType; person_id: string | null; organisation_id: string | null },
): Promise<string[]> {
  if (account.person_id) return [account.person_id];
  if (!account.organisation_id) return [];
  return coordinatorsOf(db, networkId, account.organisation_id);
}

export interface JournalLine {
  accountId: string;
  amount: number;
}

export interface NewEntry {
  kind: 'transfer' | 'reversal';
  memo: string;
  createdBy: string | null;
  reversesEntryId?: string;
  lines: JournalLine[];
}

/**
 * The two common table expressions that write a journal entry (`e`) and its lines (`l`) with the
 * given id. With `onlyAfter`, the entry is written only if that earlier expression yielded a row.
 */
function entryWrites(networkId: string, entryId: string, e: NewEntry, onlyAfter?: 't') {
  const lines = sql.join(
    e.lines.map((l, i) => sql`(${i + 1}::smallint, ${l.accountId}::uuid, ${l.amount}::bigint)`),
  );
  return sql`e AS (
      INSERT INTO timebank_entry (network_id, id, kind, memo, created_by, reverses_entry_id)
      SELECT ${networkId}::uuid, ${entryId}::uuid, ${e.kind}, ${e.memo}, ${e.createdBy}::uuid,
             ${e.reversesEntryId ?? null}::uuid
      ${onlyAfter ? sql`FROM ${sql.table(onlyAfter)}` : sql``}
      RETURNING id
    ), l AS (
      INSERT INTO timebank_line (network_id, entry_id, line_no, account_id, amount)
      SELECT ${networkId}::uuid, e.id, v.line_no, v.account_id, v.amount
      FROM e, (VALUES ${lines}) AS v (line_no, account_id, amount)
    )`;
}

/**
 * Appends one journal entry with its lines, in one statement. The database checks at commit that the
 * lines sum to zero and moves the cached balances (refusing any that would go below the credit limit).
 */
export async function postEntry(db: Executor, networkId: string, e: NewEntry): Promise<string> {
  const entryId = randomUUID();
  await sql`WITH ${entryWrites(networkId, entryId, e)} SELECT 1`.execute(db);
  return entryId;
}

export async function entryLines(db: Executor, networkId: string, entryId: string) {
  return db
    .selectFrom('timebank_line')
    .select(['account_id', 'amount'])
    .where('network_id', '=', networkId)
    .where('entry_id', '=', entryId)
    .orderBy('line_no')
    .execute();
}

export interface NewTransfer {
  /** Chosen by the caller, so the records that go with the transfer can name it in the same statement. */
  id: string;
  payerAccountId: string;
  payeeAccountId: string;
  minutes: number;
  memo: string;
  initiatedBy: string;
  idempotencyKey: string;
  requestHash: string;
  sourceType: TransferSourceType | null;
  sourceId: string | null;
}

const transferColumns = [
  't.id',
  't.payer_account_id',
  't.payee_account_id',
  't.minutes',
  't.memo',
  't.status',
  't.initiated_by',
  't.request_hash',
  't.source_type',
  't.source_id',
  't.entry_id',
  't.reversal_entry_id',
  't.decided_by',
  't.decided_at',
  't.created_at',
] as const;

export type TransferRow = NonNullable<Awaited<ReturnType<typeof findTransfer>>>;

export async function findTransfer(db: Executor, networkId: string, id: string, lock = false) {
  const q = db
    .selectFrom('timebank_transfer as t')
    .select(transferColumns)
    .where('t.network_id', '=', networkId)
    .where('t.id', '=', id);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}

/**
 * Writes a new transfer in ONE statement, which is atomic by itself, inside a transaction or without
 * one — unless the initiator already used this idempotency key: then it writes nothing at all and
 * returns null (a concurrent insert with the same key waits on the unique index and then sees the
 * committed row).
 *
 * With `entry` the transfer is completed at once: the statement first locks both accounts in id
 * order (the one order every writer uses, so writers never deadlock; NO KEY UPDATE does not conflict
 * with the KEY SHARE locks of foreign keys), then writes the transfer, its journal entry and the lines,
 * whose triggers move the balances — the CHECK refuses an overdraft, failing the whole statement.
 * `closing` are the inserts that go with the transfer (its audit row, notifications, interaction);
 * each is written only if the transfer was.
 */
export async function insertTransferOnce(
  db: Executor,
  networkId: string,
  t: NewTransfer,
  entry?: NewEntry,
  closing: TogetherInsert[] = [],
): Promise<TransferRow | null> {
  const entryId = entry ? randomUUID() : null;
  const locks = entry
    ? sql`lk AS (
        SELECT id FROM timebank_account WHERE network_id = ${networkId} AND id IN (${t.payerAccountId}, ${t.payeeAccountId})
        ORDER BY id FOR NO KEY UPDATE
      ), `
    : sql``;
  const closingCtes = togetherCtes(closing, 't');
  const { rows } = await sql<TransferRow>`
    WITH ${locks}t AS (
      INSERT INTO timebank_transfer (network_id, id, payer_account_id, payee_account_id, minutes, memo, status,
        initiated_by, idempotency_key, request_hash, source_type, source_id, entry_id, decided_by, decided_at)
      SELECT ${networkId}, ${t.id}, ${t.payerAccountId}, ${t.payeeAccountId}, ${t.minutes}, ${t.memo},
        ${entry ? 'completed' : 'requested'}, ${t.initiatedBy}, ${t.idempotencyKey}, ${t.requestHash},
        ${t.sourceType}, ${t.sourceId}, ${entryId}, ${entry ? t.initiatedBy : null},
        ${entry ? sql`now()` : null}
      ${entry ? sql`FROM (SELECT count(*) FROM lk) AS locked` : sql``}
      ON CONFLICT (network_id, initiated_by, idempotency_key) DO NOTHING
      RETURNING ${sql.join(transferColumns.map((c) => sql.ref(c.slice(2))))}
    )${entry && entryId ? sql`, ${entryWrites(networkId, entryId, entry, 't')}` : sql``}${
      closingCtes ? sql`, ${closingCtes}` : sql``
    }
    SELECT * FROM t`.execute(db);
  return rows[0] ?? null;
}

export async function findTransferByKey(db: Executor, networkId: string, initiatedBy: string, key: string) {
  return db
    .selectFrom('timebank_transfer as t')
    .select(transferColumns)
    .where('t.network_id', '=', networkId)
    .where('t.initiated_by', '=', initiatedBy)
    .where('t.idempotency_key', '=', key)
    .executeTakeFirst();
}

export async function updateTransfer(
  db: Executor,
  networkId: string,
  id: string,
  set: {
    status: TransferStatus;
    entry_id?: string;
    reversal_entry_id?: string;
    decided_by?: string;
  },
) {
  await db
    .updateTable('timebank_transfer')
    .set({ ...set, ...(set.decided_by ? { decided_at: sql<Date>`now()` } : {}) })
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .execute();
}

export async function listTransfersOfAccount(
  db: Executor,
  networkId: string,
  accountId: string,
  f: { status?: TransferStatus; limit: number; offset: number },
) {
  let q = db
    .selectFrom('timebank_transfer as t')
    .where('t.network_id', '=', networkId)
    .where((eb) =>
      eb.or([eb('t.payer_account_id', '=', accountId), eb('t.payee_account_id', '=', accountId)]),
    );
  if (f.status) q = q.where('t.status', '=', f.status);
  const [items, total] = await Promise.all([
    q
      .select(transferColumns)
      .orderBy('t.created_at', 'desc')
      .orderBy('t.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

export interface StatementLine {
  entry_id: string;
  seq: number;
  kind: 'transfer' | 'reversal';
  memo: string;
  created_at: Date;
  amount: number;
  balance_after: number;
  counterparty_account_id: string | null;
  counterparty_type: TimebankOwnerType | null;
  counterparty_name: string | null;
  transfer_id: string | null;
  source_type: TransferSourceType | null;
}

/** The account's journal lines, newest first, each with the balance right after it. */
export async function statement(
  db: Executor,
  networkId: string,
  accountId: string,
  page: { limit: number; offset: number },
): Promise<{ items: StatementLine[]; total: number }> {
  // the transfer behind each line is looked up for the page's lines only (after the limit)
  const rows = await sql<StatementLine>`
    SELECT p.*, tr.id AS transfer_id, tr.source_type
    FROM (
      SELECT s.*, ca.owner_type AS counterparty_type, coalesce(cp.display_name, co.name) AS counterparty_name
      FROM (
        SELECT e.id AS entry_id, e.seq, e.kind, e.memo, e.created_at, l.amount,
          sum(l.amount) OVER (ORDER BY e.seq, l.line_no) AS balance_after,
          (SELECT ol.account_id FROM timebank_line ol
            WHERE ol.network_id = l.network_id AND ol.entry_id = l.entry_id AND ol.account_id <> l.account_id
            ORDER BY ol.line_no LIMIT 1) AS counterparty_account_id
        FROM timebank_line l
        JOIN timebank_entry e ON e.network_id = l.network_id AND e.id = l.entry_id
        WHERE l.network_id = ${networkId} AND l.account_id = ${accountId}
      ) s
      LEFT JOIN timebank_account ca ON ca.network_id = ${networkId} AND ca.id = s.counterparty_account_id
      LEFT JOIN account cp ON cp.network_id = ca.network_id AND cp.id = ca.person_id
      LEFT JOIN organisation co ON co.network_id = ca.network_id AND co.id = ca.organisation_id
      ORDER BY s.seq DESC
      LIMIT ${page.limit} OFFSET ${page.offset}
    ) p
    LEFT JOIN LATERAL (
      SELECT t.id, t.source_type FROM timebank_transfer t
      WHERE t.network_id = ${networkId} AND (t.entry_id = p.entry_id OR t.reversal_entry_id = p.entry_id)
      LIMIT 1
    ) tr ON true
    ORDER BY p.seq DESC
  `.execute(db);
  const total = await db
    .selectFrom('timebank_line')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('network_id', '=', networkId)
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  return { items: rows.rows, total: total.n };
}

export interface LedgerHealth {
  accounts: number;
  entries: number;
  reversals: number;
  balance_sum: number;
  mismatched_accounts: number;
  unbalanced_entries: number;
  over_limit_accounts: number;
}

/** Checks the ledger's invariants from scratch: they hold when every figure but the counts is 0. */
export async function ledgerHealth(db: Executor, networkId: string): Promise<LedgerHealth> {
  const r = await sql<LedgerHealth>`
    SELECT
      (SELECT count(*) FROM timebank_account WHERE network_id = ${networkId})::int AS accounts,
      (SELECT count(*) FROM timebank_entry WHERE network_id = ${networkId})::int AS entries,
      (SELECT count(*) FROM timebank_entry WHERE network_id = ${networkId} AND kind = 'reversal')::int AS reversals,
      (SELECT coalesce(sum(balance), 0) FROM timebank_account WHERE network_id = ${networkId})::bigint AS balance_sum,
      (SELECT count(*) FROM timebank_account a WHERE a.network_id = ${networkId} AND a.balance <> coalesce(
        (SELECT sum(l.amount) FROM timebank_line l WHERE l.network_id = a.network_id AND l.account_id = a.id), 0))::int
        AS mismatched_accounts,
      (SELECT count(*) FROM (
        SELECT e.id FROM timebank_entry e
        LEFT JOIN timebank_line l ON l.network_id = e.network_id AND l.entry_id = e.id
        WHERE e.network_id = ${networkId}
        GROUP BY e.id HAVING coalesce(sum(l.amount), 0) <> 0 OR count(l.entry_id) < 2) x)::int AS unbalanced_entries,
      (SELECT count(*) FROM timebank_account WHERE network_id = ${networkId}
        AND credit_limit IS NOT NULL AND balance < -credit_limit)::int AS over_limit_accounts
  `.execute(db);
  const row = r.rows[0];
  if (!row) throw new Error('ledger health query returned nothing');
  return { ...row, balance_sum: Number(row.balance_sum) };
}
