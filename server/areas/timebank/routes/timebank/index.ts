import { type Static, Type } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { type Executor, executeTx } from '../../../../db/tx.ts';
import { clientIp, commandContext, requireAccount } from '../../../../http/context.ts';
import { type CsvStyle, csvLine, sendCsv } from '../../../../http/csv.ts';
import { paging } from '../../../../http/paging.ts';
import { forbidden, notFound, Problem } from '../../../../http/problem.ts';
import { IdParams, Page, problems } from '../../../../http/schemas.ts';
import { t } from '../../../../i18n/messages.ts';
import { audit } from '../../../../platform/audit.ts';
import { abilitiesOf } from '../../../../policies/abilities.ts';
import type { Actor } from '../../../../policies/actor.ts';
import { findActiveAccountId } from '../../../../repositories/accounts.ts';
import { findOrganisationId } from '../../../../repositories/organisations.ts';
import { decideTransfer, type TransferDecision } from '../../commands/decideTransfer.ts';
import { reverseTransfer } from '../../commands/reverseTransfer.ts';
import { isOverdraft, transferCredits } from '../../commands/transferCredits.ts';
import { timebankPolicy, transferAbilities } from '../../policies/timebank.ts';
import {
  type AccountOwner,
  defaultLimitOf,
  ensureAccount,
  findTimebankAccount,
  findTimebankAccountPair,
  findTransfer,
  ledgerHealth,
  listTransfersOfAccount,
  lockAccounts,
  type Owner,
  organisationAccountsFor,
  type StatementLine,
  setCreditLimit,
  statement,
  type TimebankAccountRow,
  type TransferRow,
} from '../../repositories/timebank.ts';
import {
  AccountLookupQuery,
  AccountView,
  CreditLimitChange,
  LedgerHealthView,
  StatementQuery,
  StatementView,
  TransferCreate,
  TransferListQuery,
  TransferReverse,
  TransferView,
} from './schema.ts';

function ownerId(a: AccountOwner): string | null {
  return a.person_id ?? a.organisation_id;
}

export function presentAccount(a: TimebankAccountRow, actor: Actor) {
  const view = timebankPolicy.view(actor, a);
  return {
    id: a.id,
    ownerType: a.owner_type,
    ownerId: ownerId(a),
    name: a.owner_name,
    ...(view
      ? {
          balance: a.balance,
          creditLimit: a.credit_limit,
          available: a.credit_limit === null ? null : a.balance + a.credit_limit,
        }
      : {}),
    abilities: abilitiesOf(timebankPolicy, ['pay', 'request', 'view'], actor, a),
  };
}

function party(a: AccountOwner) {
  return { accountId: a.id, ownerType: a.owner_type, ownerId: ownerId(a), name: a.owner_name };
}

function presentTransfer(t: TransferRow, payer: AccountOwner, payee: AccountOwner, actor: Actor) {
  return {
    id: t.id,
    payer: party(payer),
    payee: party(payee),
    minutes: t.minutes,
    memo: t.memo,
    status: t.status,
    source: t.source_type && t.source_id ? { type: t.source_type, id: t.source_id } : null,
    createdAt: t.created_at.toISOString(),
    decidedAt: t.decided_at ? t.decided_at.toISOString() : null,
    abilities: transferAbilities(actor, { status: t.status, payer, payee }),
  };
}

function presentLine(l: StatementLine) {
  return {
    entryId: l.entry_id,
    transferId: l.transfer_id,
    at: new Date(l.created_at).toISOString(),
    kind: l.kind,
    memo: l.memo,
    sourceType: l.source_type,
    amount: Number(l.amount),
    balanceAfter: Number(l.balance_after),
    counterparty:
      l.counterparty_account_id && l.counterparty_type
        ? { accountId: l.counterparty_account_id, ownerType: l.counterparty_type, name: l.counterparty_name }
        : null,
  };
}

/** The statement as spreadsheet programs set to German read it: semicolons, quotes only where needed. */
const statementCsv: CsvStyle = { separator: ';', quote: 'needed' };

export async function timebankRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const tags = ['timebank'];

  /** The account if the actor may see its balance; otherwise "not found", so balances stay private. */
  async function loadViewable(ex: Executor, id: string, actor: Actor) {
    const a = await findTimebankAccount(ex, networkId, id);
    if (!a || !timebankPolicy.view(actor, a)) throw notFound();
    return a;
  }

  async function loadTransfer(ex: Executor, id: string, actor: Actor) {
    const t = await findTransfer(ex, networkId, id);
    if (!t) throw notFound();
    const [payer, payee] = await findTimebankAccountPair(
      ex,
      networkId,
      t.payer_account_id,
      t.payee_account_id,
    );
    if (!payer || !payee || !timebankPolicy.viewTransfer(actor, { status: t.status, payer, payee }))
      throw notFound();
    return presentTransfer(t, payer, payee, actor);
  }

  app.get(
    '/accounts/mine',
    {
      schema: {
        tags,
        summary: 'The accounts I act for: my own, my organisations’, and the pool for instance admins',
        response: { 200: Type.Object({ items: Type.Array(AccountView) }), ...problems },
      },
    },
    async (req) => {
      const actorId = requireAccount(req);
      const own = await ensureAccount(db, networkId, { type: 'person', id: actorId });
      const orgIds = [...req.actor.roles.entries()]
        .filter(([, role]) => role === 'admin' || role === 'staff')
        .map(([id]) => id);
      for (const id of orgIds) await ensureAccount(db, networkId, { type: 'organisation', id });
      const orgs = await organisationAccountsFor(db, networkId, orgIds);
      const pool = req.actor.isInstanceAdmin ? [await ensureAccount(db, networkId, { type: 'pool' })] : [];
      return { items: [own, ...orgs, ...pool].map((a) => presentAccount(a, req.actor)) };
    },
  );

  app.get<{ Querystring: Static<typeof AccountLookupQuery> }>(
    '/accounts/lookup',
    {
      schema: {
        tags,
        summary: 'The account of a person, an organisation or the community pool (to pay it or ask it)',
        querystring: AccountLookupQuery,
        response: { 200: AccountView, ...problems },
      },
    },
    async (req) => {
      requireAccount(req);
      if (!timebankPolicy.lookup(req.actor)) throw forbidden();
      const q = req.query;
      let owner: Owner;
      if (q.personId) {
        const exists = await findActiveAccountId(db, networkId, q.personId);
        if (!exists) throw notFound();
        owner = { type: 'person', id: q.personId };
      } else if (q.organisationId) {
        const exists = await findOrganisationId(db, networkId, q.organisationId);
        if (!exists) throw notFound();
        owner = { type: 'organisation', id: q.organisationId };
      } else {
        owner = { type: 'pool' };
      }
      return presentAccount(await ensureAccount(db, networkId, owner), req.actor);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/accounts/:id',
    {
      schema: {
        tags,
        summary: 'An account with its balance (its holders and instance admins)',
        params: IdParams,
        response: { 200: AccountView, ...problems },
      },
    },
    async (req) => {
      requireAccount(req);
      return presentAccount(await loadViewable(db, req.params.id, req.actor), req.actor);
    },
  );

  app.patch<{ Params: { id: string }; Body: Static<typeof CreditLimitChange> }>(
    '/accounts/:id',
    {
      schema: {
        tags,
        summary: 'Change the credit limit of an account (instance admins)',
        params: IdParams,
        body: CreditLimitChange,
        response: { 200: AccountView, ...problems },
      },
    },
    async (req) => {
      const actorId = requireAccount(req);
      if (!timebankPolicy.setCreditLimit(req.actor)) throw forbidden();
      await executeTx(db, async (tx) => {
        const a = await loadViewable(tx, req.params.id, req.actor);
        // null: back to the default of its kind (the pool's is none), as the schema says
        const limit = req.body.creditLimit ?? defaultLimitOf(a.owner_type);
        const [locked] = await lockAccounts(tx, networkId, [a.id]);
        const belowDebt = (debt: number) =>
          new Problem(422, 'timebank.limit_below_balance', {
            params: { debt },
            details: { available: { lowestLimit: debt } },
          });
        if (locked && limit !== null && locked.balance < -limit) throw belowDebt(-locked.balance);
        try {
          await setCreditLimit(tx, networkId, a.id, limit);
        } catch (err) {
          if (isOverdraft(err)) throw belowDebt(-a.balance);
          throw err;
        }
        await audit(tx, {
          networkId,
          actorId,
          action: 'timebank.credit_limit_changed',
          entityType: 'timebank_account',
          entityId: a.id,
          details: { from: a.credit_limit, to: limit, reset: req.body.creditLimit === null },
          ip: clientIp(req),
        });
      });
      return presentAccount(await loadViewable(db, req.params.id, req.actor), req.actor);
    },
  );

  app.get<{ Params: { id: string }; Querystring: Static<typeof StatementQuery> }>(
    '/accounts/:id/statement',
    {
      schema: {
        tags,
        summary: 'Statement: journal lines, newest first, with the running balance',
        params: IdParams,
        querystring: StatementQuery,
        response: { 200: StatementView, ...problems },
      },
    },
    async (req) => {
      requireAccount(req);
      const a = await loadViewable(db, req.params.id, req.actor);
      const page = paging(req.query);
      const { items, total } = await statement(db, networkId, a.id, page);
      return { account: presentAccount(a, req.actor), items: items.map(presentLine), total, ...page };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/accounts/:id/statement.csv',
    {
      schema: {
        tags,
        summary: 'Statement as CSV (all lines, oldest first)',
        params: IdParams,
        produces: ['text/csv'],
      },
    },
    async (req, reply) => {
      requireAccount(req);
      const a = await loadViewable(db, req.params.id, req.actor);
      const { items } = await statement(db, networkId, a.id, { limit: 1_000_000, offset: 0 });
      const de = req.locale === 'de';
      const header = de
        ? ['Datum', 'Art', 'Gegenkonto', 'Verwendungszweck', 'Minuten', 'Saldo']
        : ['Date', 'Kind', 'Counterparty', 'Memo', 'Minutes', 'Balance'];
      const poolName = de ? 'Gemeinschaftstopf' : 'Community pool';
      const rows = items.reverse().map((l) =>
        csvLine(statementCsv, [
          new Date(l.created_at).toISOString(),
          l.kind === 'reversal' ? (de ? 'Storno' : 'Reversal') : de ? 'Überweisung' : 'Transfer',
          l.counterparty_type === 'pool' ? poolName : (l.counterparty_name ?? ''),
          // a care-circle credit carries no memo (it would tell people outside the circle about it)
          l.memo || (l.source_type === 'need' ? t(req.locale, 'timebank.need_credit') : ''),
          Number(l.amount),
          Number(l.balance_after),
        ]),
      );
      return sendCsv(reply, `zeitkonto-${a.id}.csv`, [csvLine(statementCsv, header), ...rows]);
    },
  );

  app.get<{ Params: { id: string }; Querystring: Static<typeof TransferListQuery> }>(
    '/accounts/:id/transfers',
    {
      schema: {
        tags,
        summary: 'Transfers from and to an account (e.g. status=requested: requests waiting for a decision)',
        params: IdParams,
        querystring: TransferListQuery,
        response: { 200: Page(TransferView), ...problems },
      },
    },
    async (req) => {
      requireAccount(req);
      const a = await loadViewable(db, req.params.id, req.actor);
      const page = paging(req.query);
      const { items, total } = await listTransfersOfAccount(db, networkId, a.id, {
        status: req.query.status,
        ...page,
      });
      const cache = new Map<string, TimebankAccountRow>([[a.id, a]]);
      const get = async (id: string) => {
        let row = cache.get(id);
        if (!row) {
          row = await findTimebankAccount(db, networkId, id);
          if (!row) throw notFound();
          cache.set(id, row);
        }
        return row;
      };
      const out = [];
      for (const t of items)
        out.push(presentTransfer(t, await get(t.payer_account_id), await get(t.payee_account_id), req.actor));
      return { items: out, total, ...page };
    },
  );

  app.post<{ Body: Static<typeof TransferCreate> }>(
    '/transfers',
    {
      schema: {
        tags,
        summary:
          'Pay (as the payer: completed at once) or ask for credits (as the receiver: the payer confirms). ' +
          'Requires an Idempotency-Key header; the same key again gives the same transfer and answer.',
        body: TransferCreate,
        response: { 201: TransferView, ...problems },
      },
    },
    async (req, reply) => {
      const ctx = commandContext(req, networkId);
      const key = req.headers['idempotency-key'];
      if (typeof key !== 'string' || key.length < 8 || key.length > 100)
        throw new Problem(400, 'timebank.idempotency_key_required');
      // the answer is built from what the command wrote and read under its locks: no second read
      const { transfer, payer, payee, replayed } = await transferCredits(db, ctx, req.body, key);
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(201).send(presentTransfer(transfer, payer, payee, req.actor));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/transfers/:id',
    {
      schema: {
        tags,
        summary: 'One transfer',
        params: IdParams,
        response: { 200: TransferView, ...problems },
      },
    },
    async (req) => {
      requireAccount(req);
      return loadTransfer(db, req.params.id, req.actor);
    },
  );

  const decisions: [string, TransferDecision, string][] = [
    ['confirm', 'confirm', 'The payer confirms a request: the credits move now'],
    ['decline', 'decline', 'The payer declines a request'],
    ['cancel', 'cancel', 'The receiver withdraws a request'],
  ];
  for (const [path, decision, summary] of decisions) {
    app.post<{ Params: { id: string } }>(
      `/transfers/:id/${path}`,
      { schema: { tags, summary, params: IdParams, response: { 200: TransferView, ...problems } } },
      async (req) => {
        await decideTransfer(db, commandContext(req, networkId), req.params.id, decision);
        return loadTransfer(db, req.params.id, req.actor);
      },
    );
  }

  app.post<{ Params: { id: string }; Body: Static<typeof TransferReverse> }>(
    '/transfers/:id/reverse',
    {
      schema: {
        tags,
        summary: 'Correct a completed transfer with a reversal entry (instance admins)',
        params: IdParams,
        body: TransferReverse,
        response: { 200: TransferView, ...problems },
      },
    },
    async (req) => {
      await reverseTransfer(db, commandContext(req, networkId), req.params.id, req.body.reason);
      return loadTransfer(db, req.params.id, req.actor);
    },
  );

  app.get(
    '/health',
    {
      schema: {
        tags,
        summary: 'Ledger health (instance admins): balances sum to zero and equal the journal',
        response: { 200: LedgerHealthView, ...problems },
      },
    },
    async (req) => {
      requireAccount(req);
      if (!timebankPolicy.viewLedgerHealth(req.actor)) throw forbidden();
      const h = await ledgerHealth(db, networkId);
      return {
        ok:
          h.balance_sum === 0 &&
          h.mismatched_accounts === 0 &&
          h.unbalanced_entries === 0 &&
          h.over_limit_accounts === 0,
        accounts: h.accounts,
        entries: h.entries,
        reversals: h.reversals,
        balanceSum: h.balance_sum,
        mismatchedAccounts: h.mismatched_accounts,
        unbalancedEntries: h.unbalanced_entries,
        overLimitAccounts: h.over_limit_accounts,
      };
    },
  );
}
