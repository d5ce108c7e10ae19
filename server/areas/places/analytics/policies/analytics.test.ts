import assert from 'node:assert/strict';
import { test } from 'node:test';
import { anonymous } from '../../../../policies/actor.ts';
import { analyticsPolicy } from './analytics.ts';

const person = (roles: [string, 'admin' | 'staff' | 'volunteer'][] = [], admin = false) => ({
  accountId: 'p',
  isInstanceAdmin: admin,
  blocked: false,
  roles: new Map(roles),
});

test('the network graph is for instance admins and staff or admins of a public body', () => {
  assert.equal(analyticsPolicy.seeNetwork(person([], true), []), true);
  assert.equal(analyticsPolicy.seeNetwork(person([['town', 'staff']]), ['town']), true);
  assert.equal(analyticsPolicy.seeNetwork(person([['town', 'admin']]), ['town']), true);
  assert.equal(analyticsPolicy.seeNetwork(person([['town', 'volunteer']]), ['town']), false);
  assert.equal(analyticsPolicy.seeNetwork(person([['club', 'admin']]), ['town']), false);
  assert.equal(analyticsPolicy.seeNetwork(person(), []), false);
  assert.equal(analyticsPolicy.seeNetwork(anonymous, []), false);
  assert.equal(analyticsPolicy.seeNetwork({ ...person([], true), blocked: true }, []), false);
});

test('everyone signed in has an own network, nobody else', () => {
  assert.equal(analyticsPolicy.seeOwn(person()), true);
  assert.equal(analyticsPolicy.seeOwn(anonymous), false);
});
