import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { actors, evaluate, expectedFor, type RoleName } from './actors.fixture.ts';
import { networkAbilities, networkPolicy } from './network.ts';

const everyone: RoleName[] = [
  'anonymous',
  'citizen',
  'volunteer',
  'staff',
  'orgAdmin',
  'otherOrgAdmin',
  'instanceAdmin',
  'blocked',
];
const signedIn: RoleName[] = ['citizen', 'volunteer', 'staff', 'orgAdmin', 'otherOrgAdmin', 'instanceAdmin'];

/** Roles not listed are denied. Organisation admins get no say over the instance. */
const table: Record<keyof typeof networkPolicy, RoleName[]> = {
  viewSettings: everyone,
  updateSettings: ['instanceAdmin'],
  manageDistricts: ['instanceAdmin'],
  readOutbox: ['instanceAdmin'],
  readAuditLog: ['instanceAdmin'],
  moderate: ['instanceAdmin'],
  administerFederation: ['instanceAdmin'],
  createOrganisation: ['instanceAdmin'],
  flag: signedIn,
  search: everyone,
};

describe('network policy', () => {
  for (const [name, allowed] of Object.entries(table)) {
    test(`${name}: allowed for exactly ${allowed.join(', ')}`, () => {
      const fn = networkPolicy[name as keyof typeof networkPolicy];
      assert.deepEqual(evaluate(fn), expectedFor(allowed));
    });
  }

  test('the table covers every policy function', () => {
    assert.deepEqual(Object.keys(table).sort(), Object.keys(networkPolicy).sort());
  });

  test('the abilities sent to the client match the policy', () => {
    assert.deepEqual(networkAbilities(actors.instanceAdmin), {
      administer: true,
      createOrganisation: true,
      moderate: true,
      readOutbox: true,
      readAuditLog: true,
      flag: true,
    });
    assert.deepEqual(networkAbilities(actors.citizen), {
      administer: false,
      createOrganisation: false,
      moderate: false,
      readOutbox: false,
      readAuditLog: false,
      flag: true,
    });
    for (const role of ['anonymous', 'blocked'] as const) {
      assert.ok(
        Object.values(networkAbilities(actors[role])).every((v) => v === false),
        role,
      );
    }
  });
});
