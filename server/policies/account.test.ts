import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { accountPolicy } from './account.ts';
import { actors, evaluate, expectedFor, type RoleName, roleNames, stranger } from './actors.fixture.ts';

const signedIn: RoleName[] = ['citizen', 'volunteer', 'staff', 'orgAdmin', 'otherOrgAdmin', 'instanceAdmin'];

/** Each function asked about another person (a stranger to every actor); roles not listed are denied. */
const aboutSomeoneElse: Record<keyof typeof accountPolicy, RoleName[]> = {
  viewProfile: signedIn,
  updateProfile: [],
  viewEmail: ['instanceAdmin'],
  block: ['instanceAdmin'],
  unblock: ['instanceAdmin'],
  listAll: ['instanceAdmin'],
  makeSignInLink: ['instanceAdmin'],
  readActivity: [],
};

/** The same functions asked by each actor about their own account. */
const aboutOneself: Record<keyof typeof accountPolicy, RoleName[]> = {
  viewProfile: signedIn,
  updateProfile: signedIn,
  viewEmail: signedIn,
  block: [],
  unblock: ['instanceAdmin'],
  listAll: ['instanceAdmin'],
  makeSignInLink: [],
  readActivity: signedIn,
};

describe('account policy', () => {
  for (const [name, allowed] of Object.entries(aboutSomeoneElse)) {
    test(`${name} about someone else: allowed for exactly ${allowed.join(', ') || 'nobody'}`, () => {
      const fn = accountPolicy[name as keyof typeof accountPolicy];
      assert.deepEqual(
        evaluate((a) => fn(a, stranger)),
        expectedFor(allowed),
      );
    });
  }

  for (const [name, allowed] of Object.entries(aboutOneself)) {
    test(`${name} about oneself: allowed for exactly ${allowed.join(', ') || 'nobody'}`, () => {
      const fn = accountPolicy[name as keyof typeof accountPolicy];
      const result = Object.fromEntries(
        roleNames.map((r) => {
          const actor = actors[r];
          // anonymous has no account of its own; it is asked about the stranger instead
          return [r, fn(actor, { id: actor.accountId ?? stranger.id })];
        }),
      );
      assert.deepEqual(result, expectedFor(allowed));
    });
  }

  test('the tables cover every policy function', () => {
    const names = Object.keys(accountPolicy).sort();
    assert.deepEqual(Object.keys(aboutSomeoneElse).sort(), names);
    assert.deepEqual(Object.keys(aboutOneself).sort(), names);
  });
});
