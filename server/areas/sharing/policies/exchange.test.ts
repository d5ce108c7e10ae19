import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { MembershipRole } from '../../../db/schema.ts';
import { type Actor, anonymous } from '../../../policies/actor.ts';
import { type ExchangePostRef, exchangePolicy } from './exchange.ts';

const org = 'org';
const person = (id: string, roles: [string, MembershipRole][] = [], extra: Partial<Actor> = {}): Actor => ({
  accountId: id,
  isInstanceAdmin: false,
  blocked: false,
  roles: new Map(roles),
  ...extra,
});
const everyone = {
  anonymous,
  author: person('author'),
  neighbour: person('neighbour'),
  orgStaff: person('staff', [[org, 'staff']]),
  orgVolunteer: person('vol', [[org, 'volunteer']]),
  instanceAdmin: person('ia', [], { isInstanceAdmin: true }),
  blockedNeighbour: person('neighbour', [], { blocked: true }),
};
type Who = keyof typeof everyone;
const allowed = (check: (a: Actor) => boolean): Who[] =>
  (Object.keys(everyone) as Who[]).filter((k) => check(everyone[k]));

const post: ExchangePostRef = { author_id: 'author', organisation_id: null, status: 'open' };
const orgPost: ExchangePostRef = { author_id: 'author', organisation_id: org, status: 'open' };

describe('exchange policy', () => {
  test('the board is for signed-in members', () => {
    assert.deepEqual(
      allowed((a) => exchangePolicy.list(a)),
      ['author', 'neighbour', 'orgStaff', 'orgVolunteer', 'instanceAdmin'],
    );
  });

  test('the author (or the organisation’s staff) keeps a post; instance admins may close it', () => {
    assert.deepEqual(
      allowed((a) => exchangePolicy.renew(a, post)),
      ['author'],
    );
    assert.deepEqual(
      allowed((a) => exchangePolicy.update(a, orgPost)),
      ['author', 'orgStaff'],
    );
    assert.deepEqual(
      allowed((a) => exchangePolicy.close(a, post)),
      ['author', 'instanceAdmin'],
    );
    assert.deepEqual(
      allowed((a) => exchangePolicy.create(a, org)),
      ['orgStaff'],
    );
  });

  test('others answer an open post; the author replies', () => {
    assert.deepEqual(
      allowed((a) => exchangePolicy.answer(a, post)),
      ['neighbour', 'orgStaff', 'orgVolunteer', 'instanceAdmin'],
    );
    assert.deepEqual(
      allowed((a) => exchangePolicy.answer(a, { ...post, status: 'closed' })),
      [],
    );
    assert.deepEqual(
      allowed((a) => exchangePolicy.reply(a, post)),
      ['author'],
    );
  });
});
