import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  actors,
  evaluate,
  expectedFor,
  type RoleName,
  stranger,
  thisOrg,
} from '../../../../policies/actors.fixture.ts';
import { type InteractionRef, interactionAbilities, interactionPolicy } from './interaction.ts';

const signedIn: RoleName[] = ['citizen', 'volunteer', 'staff', 'orgAdmin', 'otherOrgAdmin', 'instanceAdmin'];
const citizen = actors.citizen.accountId!;

/** The citizen logged a meeting with a stranger, who has not answered yet. */
const loggedByCitizen: InteractionRef = {
  a_type: 'person',
  a_id: citizen,
  b_type: 'person',
  b_id: stranger.id,
  source_type: 'manual',
  status: 'pending',
};
/** A stranger logged a meeting with the citizen. */
const loggedWithCitizen: InteractionRef = { ...loggedByCitizen, a_id: stranger.id, b_id: citizen };
/** The citizen borrowed something of "this" organisation: recorded by the loan. */
const loan: InteractionRef = {
  a_type: 'person',
  a_id: citizen,
  b_type: 'organisation',
  b_id: thisOrg.id,
  source_type: 'booking',
  status: 'confirmed',
};

describe('interaction policy', () => {
  test(`record and listOwn: allowed for exactly ${signedIn.join(', ')}`, () => {
    assert.deepEqual(evaluate(interactionPolicy.record), expectedFor(signedIn));
    assert.deepEqual(evaluate(interactionPolicy.listOwn), expectedFor(signedIn));
  });

  test('view: only the people who took part, not staff of the organisation party, not instance admins', () => {
    assert.deepEqual(
      evaluate((a) => interactionPolicy.view(a, loggedByCitizen)),
      expectedFor(['citizen']),
    );
    assert.deepEqual(
      evaluate((a) => interactionPolicy.view(a, loan)),
      expectedFor(['citizen']),
    );
  });

  test('confirm: only the person it was logged with, only while pending', () => {
    assert.deepEqual(
      evaluate((a) => interactionPolicy.confirm(a, loggedByCitizen)),
      expectedFor([]),
      'not the one who logged it',
    );
    assert.deepEqual(
      evaluate((a) => interactionPolicy.confirm(a, loggedWithCitizen)),
      expectedFor(['citizen']),
    );
    assert.deepEqual(
      evaluate((a) => interactionPolicy.confirm(a, { ...loggedWithCitizen, status: 'confirmed' })),
      expectedFor([]),
    );
  });

  test('remove: either person of one logged by hand, pending or confirmed; nobody what an activity recorded', () => {
    for (const i of [
      loggedByCitizen,
      loggedWithCitizen,
      { ...loggedWithCitizen, status: 'confirmed' as const },
    ])
      assert.deepEqual(
        evaluate((a) => interactionPolicy.remove(a, i)),
        expectedFor(['citizen']),
      );
    assert.deepEqual(
      evaluate((a) => interactionPolicy.remove(a, loan)),
      expectedFor([]),
    );
  });

  test('the abilities sent to the client match the policy', () => {
    assert.deepEqual(interactionAbilities(actors.citizen, loggedWithCitizen), {
      confirm: true,
      remove: true,
    });
    assert.deepEqual(interactionAbilities(actors.citizen, loggedByCitizen), { confirm: false, remove: true });
    assert.deepEqual(interactionAbilities(actors.citizen, loan), { confirm: false, remove: false });
  });

  test('the tests cover every policy function', () => {
    assert.deepEqual(Object.keys(interactionPolicy).sort(), [
      'confirm',
      'listOwn',
      'record',
      'remove',
      'view',
    ]);
  });
});
