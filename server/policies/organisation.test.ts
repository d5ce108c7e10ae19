import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { actors, evaluate, expectedFor, type RoleName, thisOrg } from './actors.fixture.ts';
import { organisationAbilities, organisationPolicy } from './organisation.ts';

const managers: RoleName[] = ['orgAdmin', 'instanceAdmin'];

/** Asked about "this" organisation, for every role; roles not listed are denied. */
const table: Record<keyof typeof organisationPolicy, RoleName[]> = {
  list: [
    'anonymous',
    'citizen',
    'volunteer',
    'staff',
    'orgAdmin',
    'otherOrgAdmin',
    'instanceAdmin',
    'blocked',
  ],
  view: [
    'anonymous',
    'citizen',
    'volunteer',
    'staff',
    'orgAdmin',
    'otherOrgAdmin',
    'instanceAdmin',
    'blocked',
  ],
  create: ['instanceAdmin'],
  update: managers,
  viewMembers: ['volunteer', 'staff', 'orgAdmin', 'instanceAdmin'],
  manageMembers: managers,
  invite: managers,
  actFor: ['staff', 'orgAdmin'],
  delete: ['instanceAdmin'],
  ask: ['citizen', 'volunteer', 'staff', 'orgAdmin', 'otherOrgAdmin', 'instanceAdmin'],
  // a request for help is for the organisation's admins only: not its staff, not instance admins
  readEnquiries: ['orgAdmin'],
  administerFederation: managers,
};

describe('organisation policy', () => {
  for (const [name, allowed] of Object.entries(table)) {
    test(`${name}: allowed for exactly ${allowed.join(', ')}`, () => {
      const fn = organisationPolicy[name as keyof typeof organisationPolicy];
      assert.deepEqual(
        evaluate((a) => fn(a, thisOrg)),
        expectedFor(allowed),
      );
    });
  }

  test('the table covers every policy function', () => {
    assert.deepEqual(Object.keys(table).sort(), Object.keys(organisationPolicy).sort());
  });

  test('the abilities sent to the client match the policy', () => {
    assert.deepEqual(organisationAbilities(actors.orgAdmin, thisOrg), {
      update: true,
      viewMembers: true,
      manageMembers: true,
      invite: true,
      delete: false,
      readEnquiries: true,
      administerFederation: true,
    });
    assert.deepEqual(organisationAbilities(actors.volunteer, thisOrg), {
      update: false,
      viewMembers: true,
      manageMembers: false,
      invite: false,
      delete: false,
      readEnquiries: false,
      administerFederation: false,
    });
    assert.deepEqual(organisationAbilities(actors.blocked, thisOrg), {
      update: false,
      viewMembers: false,
      manageMembers: false,
      invite: false,
      delete: false,
      readEnquiries: false,
      administerFederation: false,
    });
  });
});
