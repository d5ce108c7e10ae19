import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { actors, evaluate, expectedFor, thisOrg } from '../../../policies/actors.fixture.ts';
import type { OpportunityRef } from './opportunity.ts';
import { type SignupRef, shiftPolicy } from './shift.ts';

const opportunity: OpportunityRef = { status: 'published', organisationIds: [thisOrg.id] };
const citizenSignup = (status: SignupRef['status']): SignupRef => ({
  account_id: actors.citizen.accountId as string,
  status,
  opportunity,
});

describe('shift policy', () => {
  test('anyone signed in signs up for a published opportunity; nobody for a draft or a closed one', () => {
    assert.deepEqual(
      evaluate((a) => shiftPolicy.signUp(a, opportunity)),
      expectedFor(['citizen', 'volunteer', 'staff', 'orgAdmin', 'otherOrgAdmin', 'instanceAdmin']),
    );
    assert.deepEqual(
      evaluate((a) => shiftPolicy.signUp(a, { ...opportunity, status: 'closed' })),
      expectedFor([]),
    );
  });

  test('the person withdraws; a coordinator may take them off; nobody after check-in', () => {
    assert.deepEqual(
      evaluate((a) => shiftPolicy.withdraw(a, citizenSignup('signed_up'))),
      expectedFor(['citizen', 'staff', 'orgAdmin']),
    );
    assert.deepEqual(
      evaluate((a) => shiftPolicy.withdraw(a, citizenSignup('checked_in'))),
      expectedFor([]),
    );
  });

  test('check-in: the person themselves, or a coordinator (also correcting a no-show)', () => {
    assert.deepEqual(
      evaluate((a) => shiftPolicy.checkInSelf(a, citizenSignup('signed_up'))),
      expectedFor(['citizen']),
    );
    assert.deepEqual(
      evaluate((a) => shiftPolicy.checkInSelf(a, citizenSignup('waitlisted'))),
      expectedFor([]),
    );
    assert.deepEqual(
      evaluate((a) => shiftPolicy.checkIn(a, citizenSignup('no_show'))),
      expectedFor(['staff', 'orgAdmin']),
    );
    assert.deepEqual(
      evaluate((a) => shiftPolicy.markNoShow(a, citizenSignup('signed_up'))),
      expectedFor(['staff', 'orgAdmin']),
    );
  });

  test('roster and messages are for the coordinators of a running organisation', () => {
    assert.deepEqual(
      evaluate((a) => shiftPolicy.viewRoster(a, opportunity)),
      expectedFor(['staff', 'orgAdmin']),
    );
    assert.deepEqual(
      evaluate((a) => shiftPolicy.message(a, opportunity)),
      expectedFor(['staff', 'orgAdmin']),
    );
  });
});
