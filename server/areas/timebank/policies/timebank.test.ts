import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { MembershipRole } from '../../../db/schema.ts';
import { type Actor, anonymous } from '../../../policies/actor.ts';
import { type TimebankAccountRef, type TransferRef, timebankPolicy } from './timebank.ts';

const org = '00000000-0000-4000-8000-000000000001';
const person = (id: string, roles: [string, MembershipRole][] = [], extra: Partial<Actor> = {}): Actor => ({
  accountId: id,
  isInstanceAdmin: false,
  blocked: false,
  roles: new Map(roles),
  ...extra,
});

const jonas = person('jonas');
const other = person('other');
const orgAdmin = person('oa', [[org, 'admin']]);
const orgStaff = person('os', [[org, 'staff']]);
const orgVolunteer = person('ov', [[org, 'volunteer']]);
const instanceAdmin = person('ia', [], { isInstanceAdmin: true });
const blockedJonas = person('jonas', [], { blocked: true });

const jonasAccount: TimebankAccountRef = { owner_type: 'person', person_id: 'jonas', organisation_id: null };
const orgAccount: TimebankAccountRef = { owner_type: 'organisation', person_id: null, organisation_id: org };
const pool: TimebankAccountRef = { owner_type: 'pool', person_id: null, organisation_id: null };

const everyone = { anonymous, jonas, other, orgAdmin, orgStaff, orgVolunteer, instanceAdmin, blockedJonas };
type Who = keyof typeof everyone;
function allowed(check: (a: Actor) => boolean): Who[] {
  return (Object.keys(everyone) as Who[]).filter((k) => check(everyone[k]));
}

describe('time bank policy', () => {
  test('a person acts for their own account, staff and admins for the organisation, instance admins for the pool', () => {
    assert.deepEqual(
      allowed((a) => timebankPolicy.actFor(a, jonasAccount)),
      ['jonas'],
    );
    assert.deepEqual(
      allowed((a) => timebankPolicy.actFor(a, orgAccount)),
      ['orgAdmin', 'orgStaff'],
    );
    assert.deepEqual(
      allowed((a) => timebankPolicy.actFor(a, pool)),
      ['instanceAdmin'],
    );
  });

  test('balances and statements are private to the holders and instance admins', () => {
    assert.deepEqual(
      allowed((a) => timebankPolicy.view(a, jonasAccount)),
      ['jonas', 'instanceAdmin'],
    );
    assert.deepEqual(
      allowed((a) => timebankPolicy.view(a, orgAccount)),
      ['orgAdmin', 'orgStaff', 'instanceAdmin'],
    );
  });

  test('only the payer side confirms or declines a request; only the receiver side cancels it', () => {
    const t: TransferRef = { status: 'requested', payer: jonasAccount, payee: orgAccount };
    assert.deepEqual(
      allowed((a) => timebankPolicy.confirm(a, t)),
      ['jonas'],
    );
    assert.deepEqual(
      allowed((a) => timebankPolicy.decline(a, t)),
      ['jonas'],
    );
    assert.deepEqual(
      allowed((a) => timebankPolicy.cancel(a, t)),
      ['orgAdmin', 'orgStaff'],
    );
    assert.deepEqual(
      allowed((a) => timebankPolicy.viewTransfer(a, t)),
      ['jonas', 'orgAdmin', 'orgStaff', 'instanceAdmin'],
    );
    const done: TransferRef = { ...t, status: 'completed' };
    assert.deepEqual(
      allowed((a) => timebankPolicy.confirm(a, done)),
      [],
    );
    assert.deepEqual(
      allowed((a) => timebankPolicy.cancel(a, done)),
      [],
    );
  });

  test('only instance admins reverse completed transfers, change limits and see ledger health', () => {
    const done: TransferRef = { status: 'completed', payer: jonasAccount, payee: orgAccount };
    assert.deepEqual(
      allowed((a) => timebankPolicy.reverse(a, done)),
      ['instanceAdmin'],
    );
    assert.deepEqual(
      allowed((a) => timebankPolicy.reverse(a, { ...done, status: 'reversed' })),
      [],
    );
    assert.deepEqual(
      allowed((a) => timebankPolicy.setCreditLimit(a)),
      ['instanceAdmin'],
    );
    assert.deepEqual(
      allowed((a) => timebankPolicy.viewLedgerHealth(a)),
      ['instanceAdmin'],
    );
  });

  test('paying needs the payer side, requesting the receiver side; anonymous and blocked people neither', () => {
    assert.deepEqual(
      allowed((a) => timebankPolicy.pay(a, jonasAccount)),
      ['jonas'],
    );
    assert.deepEqual(
      allowed((a) => timebankPolicy.request(a, orgAccount)),
      ['orgAdmin', 'orgStaff'],
    );
    assert.deepEqual(
      allowed((a) => timebankPolicy.lookup(a)),
      ['jonas', 'other', 'orgAdmin', 'orgStaff', 'orgVolunteer', 'instanceAdmin'],
    );
  });
});
