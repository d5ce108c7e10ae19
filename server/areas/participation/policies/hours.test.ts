import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { actors, evaluate, expectedFor, thisOrg } from '../../../policies/actors.fixture.ts';
import { type HoursRef, hoursPolicy } from './hours.ts';

const citizensHours = (status: HoursRef['status']): HoursRef => ({
  account_id: actors.citizen.accountId as string,
  organisation_id: thisOrg.id,
  status,
});
const staffsOwnHours: HoursRef = {
  account_id: actors.staff.accountId as string,
  organisation_id: thisOrg.id,
  status: 'pending',
};

describe('hours policy', () => {
  test('hours are seen by the volunteer and the issuing organisation’s staff and admins only', () => {
    assert.deepEqual(
      evaluate((a) => hoursPolicy.view(a, citizensHours('pending'))),
      expectedFor(['citizen', 'staff', 'orgAdmin']),
    );
  });

  test('coordinators of the organisation decide pending hours, never their own and never twice', () => {
    assert.deepEqual(
      evaluate((a) => hoursPolicy.decide(a, citizensHours('pending'))),
      expectedFor(['staff', 'orgAdmin']),
    );
    assert.deepEqual(
      evaluate((a) => hoursPolicy.decide(a, citizensHours('confirmed'))),
      expectedFor([]),
    );
    assert.deepEqual(
      evaluate((a) => hoursPolicy.decide(a, staffsOwnHours)),
      expectedFor(['orgAdmin']),
    );
  });

  test('anyone signed in logs hours and gets their certificate', () => {
    const signedIn = expectedFor([
      'citizen',
      'volunteer',
      'staff',
      'orgAdmin',
      'otherOrgAdmin',
      'instanceAdmin',
    ]);
    assert.deepEqual(
      evaluate((a) => hoursPolicy.log(a)),
      signedIn,
    );
    assert.deepEqual(
      evaluate((a) => hoursPolicy.certificate(a)),
      signedIn,
    );
  });

  test('credits per hour are the organisation’s money: admins set them, staff see them', () => {
    assert.deepEqual(
      evaluate((a) => hoursPolicy.changeSettings(a, thisOrg.id)),
      expectedFor(['orgAdmin']),
    );
    assert.deepEqual(
      evaluate((a) => hoursPolicy.viewSettings(a, thisOrg.id)),
      expectedFor(['staff', 'orgAdmin']),
    );
  });
});
