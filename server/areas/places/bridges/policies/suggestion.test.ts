import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { actors, evaluate, expectedFor, otherOrg, thisOrg } from '../../../../policies/actors.fixture.ts';
import { type SuggestionRef, sidesOf, suggestionAbilities, suggestionPolicy } from './suggestion.ts';

/** "This" organisation (side a) and the other one (side b), nobody answered yet; this one gives. */
const open: SuggestionRef = {
  status: 'open',
  a: thisOrg.id,
  b: { type: 'organisation', id: otherOrg.id },
  bKeepers: [],
  accepted: { a: false, b: false },
  notNowSide: null,
  giver: 'a',
  followUpAsked: false,
  outcome: null,
  met: { a: null, b: null },
};
const acceptedByA: SuggestionRef = { ...open, status: 'accepted', accepted: { a: true, b: false } };
const setAsideByB: SuggestionRef = { ...open, status: 'not_now', notNowSide: 'b' };
const introduced: SuggestionRef = { ...open, status: 'introduced', accepted: { a: true, b: true } };
const asked: SuggestionRef = { ...introduced, followUpAsked: true };
/** With a community as side b, kept by the citizen. */
const withCommunity: SuggestionRef = {
  ...open,
  b: { type: 'community', id: 'c' },
  bKeepers: [actors.citizen.accountId!],
};

describe('bridge suggestion policy', () => {
  test('sides: staff and admins of an organisation, keepers of a community; never volunteers', () => {
    assert.deepEqual(sidesOf(actors.orgAdmin, open), ['a']);
    assert.deepEqual(sidesOf(actors.staff, open), ['a']);
    assert.deepEqual(sidesOf(actors.volunteer, open), []);
    assert.deepEqual(sidesOf(actors.otherOrgAdmin, open), ['b']);
    assert.deepEqual(sidesOf(actors.citizen, withCommunity), ['b']);
    assert.deepEqual(sidesOf(actors.blocked, open), [], 'a block outweighs every role');
  });

  test('view: the two sides and the coordinator; list all and the hit rate: the coordinator', () => {
    assert.deepEqual(
      evaluate((a) => suggestionPolicy.view(a, open)),
      expectedFor(['staff', 'orgAdmin', 'otherOrgAdmin', 'instanceAdmin']),
    );
    assert.deepEqual(
      evaluate((a) => suggestionPolicy.view(a, withCommunity)),
      expectedFor(['citizen', 'staff', 'orgAdmin', 'instanceAdmin']),
    );
    assert.deepEqual(evaluate(suggestionPolicy.listAll), expectedFor(['instanceAdmin']));
    assert.deepEqual(evaluate(suggestionPolicy.viewHitRate), expectedFor(['instanceAdmin']));
  });

  test('accept: a side that has not said yes, while it waits; the side that set it aside may still', () => {
    assert.deepEqual(
      evaluate((a) => suggestionPolicy.accept(a, open)),
      expectedFor(['staff', 'orgAdmin', 'otherOrgAdmin']),
    );
    assert.deepEqual(
      evaluate((a) => suggestionPolicy.accept(a, acceptedByA)),
      expectedFor(['otherOrgAdmin']),
      'a said yes: now b is asked',
    );
    assert.deepEqual(
      evaluate((a) => suggestionPolicy.accept(a, setAsideByB)),
      expectedFor(['otherOrgAdmin']),
      'only the side that set it aside',
    );
    assert.deepEqual(
      evaluate((a) => suggestionPolicy.accept(a, { ...setAsideByB, notNowSide: 'coordinator' })),
      expectedFor([]),
    );
    assert.deepEqual(
      evaluate((a) => suggestionPolicy.accept(a, introduced)),
      expectedFor([]),
    );
  });

  test('set aside: a side or the coordinator, while it waits; introduce: the coordinator, while it waits', () => {
    for (const r of [open, acceptedByA])
      assert.deepEqual(
        evaluate((a) => suggestionPolicy.setAside(a, r)),
        expectedFor(['staff', 'orgAdmin', 'otherOrgAdmin', 'instanceAdmin']),
      );
    for (const r of [setAsideByB, introduced]) {
      assert.deepEqual(
        evaluate((a) => suggestionPolicy.setAside(a, r)),
        expectedFor([]),
      );
      assert.deepEqual(
        evaluate((a) => suggestionPolicy.introduce(a, r)),
        expectedFor([]),
        'a "not now" is respected',
      );
    }
    assert.deepEqual(
      evaluate((a) => suggestionPolicy.introduce(a, acceptedByA)),
      expectedFor(['instanceAdmin']),
    );
  });

  test('answer "did you meet?": a side that has not answered, once asked, unless the record already knew', () => {
    assert.deepEqual(
      evaluate((a) => suggestionPolicy.answer(a, introduced)),
      expectedFor([]),
      'not asked yet',
    );
    assert.deepEqual(
      evaluate((a) => suggestionPolicy.answer(a, asked)),
      expectedFor(['staff', 'orgAdmin', 'otherOrgAdmin']),
    );
    assert.deepEqual(
      evaluate((a) => suggestionPolicy.answer(a, { ...asked, met: { a: true, b: null }, outcome: 'met' })),
      expectedFor(['otherOrgAdmin']),
    );
    assert.deepEqual(
      evaluate((a) => suggestionPolicy.answer(a, { ...asked, outcome: 'interaction' })),
      expectedFor([]),
    );
  });

  test("idle resources: the giver's side and the coordinator; a not-now reason: that side and the coordinator", () => {
    assert.deepEqual(
      evaluate((a) => suggestionPolicy.seeIdle(a, open)),
      expectedFor(['staff', 'orgAdmin', 'instanceAdmin']),
    );
    assert.deepEqual(
      evaluate((a) => suggestionPolicy.seeNotNowReason(a, setAsideByB)),
      expectedFor(['otherOrgAdmin', 'instanceAdmin']),
    );
    assert.deepEqual(
      evaluate((a) => suggestionPolicy.seeNotNowReason(a, { ...setAsideByB, notNowSide: 'coordinator' })),
      expectedFor(['instanceAdmin']),
    );
  });

  test('the abilities sent to the client match the policy, and the tests cover every rule', () => {
    assert.deepEqual(suggestionAbilities(actors.instanceAdmin, open), {
      accept: false,
      setAside: true,
      introduce: true,
      answer: false,
    });
    assert.deepEqual(suggestionAbilities(actors.otherOrgAdmin, acceptedByA), {
      accept: true,
      setAside: true,
      introduce: false,
      answer: false,
    });
    assert.deepEqual(Object.keys(suggestionPolicy).sort(), [
      'accept',
      'answer',
      'introduce',
      'listAll',
      'seeIdle',
      'seeNotNowReason',
      'setAside',
      'view',
      'viewHitRate',
    ]);
  });
});
