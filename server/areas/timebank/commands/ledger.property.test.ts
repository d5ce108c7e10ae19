import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createOrganisation, createUser } from '../../../../test/helpers/factories.ts';
import { Problem } from '../../../http/problem.ts';
import type { Actor } from '../../../policies/actor.ts';
import { ensureAccount, ledgerHealth, setCreditLimit } from '../repositories/timebank.ts';
import { reverseTransfer } from './reverseTransfer.ts';
import { transferCredits } from './transferCredits.ts';

interface ModelAccount {
  id: string;
  actor: Actor;
  balance: number;
  limit: number | null;
}

type Action =
  | { kind: 'transfer'; from: number; to: number; minutes: number }
  | { kind: 'reverse'; pick: number }
  | { kind: 'limit'; account: number; limit: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('transfer' as const),
      from: fc.nat(4),
      to: fc.nat(4),
      minutes: fc.integer({ min: 1, max: 900 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat(50) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('limit' as const),
      account: fc.nat(3),
      limit: fc.integer({ min: 0, max: 1000 }),
    }),
  },
);

/**
 * Random sequences of transfers, reversals and credit-limit changes against the real database. After
 * every step: the database accepted exactly what the model says is allowed, each balance equals the
 * model's (nothing lost or invented), no balance is below its limit, all balances sum to zero and the
 * cached balances equal the journal.
 */
describe('ledger properties', () => {
  let t: TestApp;
  let accounts: ModelAccount[];
  let admin: Actor;

  before(async () => {
    t = await createTestApp();
    const org = await createOrganisation(t);
    const a = await createUser(t, { admin: true });
    admin = { accountId: a.id, isInstanceAdmin: true, blocked: false, roles: new Map() };
    accounts = [];
    for (let i = 0; i < 3; i++) {
      const u = await createUser(t);
      const acc = await ensureAccount(t.db, t.networkId, { type: 'person', id: u.id });
      accounts.push({
        id: acc.id,
        actor: { accountId: u.id, isInstanceAdmin: false, blocked: false, roles: new Map() },
        balance: 0,
        limit: acc.credit_limit,
      });
    }
    const orgAcc = await ensureAccount(t.db, t.networkId, { type: 'organisation', id: org.id });
    accounts.push({
      id: orgAcc.id,
      actor: { accountId: a.id, isInstanceAdmin: false, blocked: false, roles: new Map([[org.id, 'staff']]) },
      balance: 0,
      limit: orgAcc.credit_limit,
    });
    const pool = await ensureAccount(t.db, t.networkId, { type: 'pool' });
    accounts.push({ id: pool.id, actor: admin, balance: pool.balance, limit: null });
  });
  after(() => t.close());

  test('random transfers, reversals and limit changes never lose or invent a credit', async () => {
    const completed: { id: string; from: number; to: number; minutes: number; reversed: boolean }[] = [];
    const ctx = (actor: Actor) => ({
      networkId: t.networkId,
      actor,
      actorId: actor.accountId ?? '',
      ip: null,
    });
    const expectProblem = async (p: Promise<unknown>, code: string) => {
      await assert.rejects(p, (e: unknown) => e instanceof Problem && e.code === code);
    };

    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 12 }), async (actions) => {
        for (const a of actions) {
          if (a.kind === 'transfer') {
            const from = accounts[a.from]!;
            const to = accounts[a.to]!;
            const call = transferCredits(
              t.db,
              ctx(from.actor),
              { payerAccountId: from.id, payeeAccountId: to.id, minutes: a.minutes },
              randomUUID(),
            );
            if (from === to) await expectProblem(call, 'timebank.same_account');
            else if (from.limit !== null && from.balance - a.minutes < -from.limit)
              await expectProblem(call, 'timebank.insufficient_credit');
            else {
              const { transfer } = await call;
              from.balance -= a.minutes;
              to.balance += a.minutes;
              completed.push({
                id: transfer.id,
                from: a.from,
                to: a.to,
                minutes: a.minutes,
                reversed: false,
              });
            }
          } else if (a.kind === 'reverse') {
            if (completed.length === 0) continue;
            const c = completed[a.pick % completed.length]!;
            const from = accounts[c.from]!;
            const to = accounts[c.to]!;
            const call = reverseTransfer(t.db, ctx(admin), c.id, 'Korrektur');
            if (c.reversed) await expectProblem(call, 'timebank.not_completed');
            else if (to.limit !== null && to.balance - c.minutes < -to.limit)
              await expectProblem(call, 'timebank.reversal_overdraws');
            else {
              await call;
              c.reversed = true;
              from.balance += c.minutes;
              to.balance -= c.minutes;
            }
          } else {
            const acc = accounts[a.account]!;
            const call = setCreditLimit(t.db, t.networkId, acc.id, a.limit);
            if (acc.balance < -a.limit) await assert.rejects(call, /timebank_account_within_limit/);
            else {
              await call;
              acc.limit = a.limit;
            }
          }
        }
        const rows = await t.db
          .selectFrom('timebank_account')
          .select(['id', 'balance', 'credit_limit'])
          .where('network_id', '=', t.networkId)
          .execute();
        for (const acc of accounts) {
          const row = rows.find((r) => r.id === acc.id);
          assert.equal(row?.balance, acc.balance);
          if (row?.credit_limit !== null && row) assert.ok(row.balance >= -row.credit_limit);
        }
        const h = await ledgerHealth(t.db, t.networkId);
        assert.equal(h.balance_sum, 0);
        assert.equal(h.mismatched_accounts, 0);
        assert.equal(h.unbalanced_entries, 0);
        assert.equal(h.over_limit_accounts, 0);
        assert.equal(h.reversals, completed.filter((c) => c.reversed).length);
      }),
      { numRuns: 50 },
    );
  });
});
