import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { abilitiesOf } from './abilities.ts';

interface Thing {
  owner: string;
  open: boolean;
}

const thingPolicy = {
  view: (_who: string, _t: Thing) => true,
  update: (who: string, t: Thing) => who === t.owner,
  close: (who: string, t: Thing) => t.open && who === t.owner,
  /** Fewer arguments than the others: still asked with the same ones. */
  list: (who: string) => who !== '',
  invite: (who: string, _t: Thing, role: 'helper' | 'owner') => role === 'helper' && who !== '',
};

const thing: Thing = { owner: 'ada', open: true };

describe('abilitiesOf', () => {
  test('asks the policy each named rule, in the order named', () => {
    const got = abilitiesOf(thingPolicy, ['close', 'update', 'list'], 'ada', thing);
    assert.deepEqual(got, { close: true, update: true, list: true });
    assert.deepEqual(Object.keys(got), ['close', 'update', 'list']);
    assert.deepEqual(abilitiesOf(thingPolicy, ['close', 'update'], 'bob', thing), {
      close: false,
      update: false,
    });
    assert.deepEqual(abilitiesOf(thingPolicy, ['close'], 'ada', { ...thing, open: false }), { close: false });
  });

  test('renames: ability name → policy rule', () => {
    const got = abilitiesOf(thingPolicy, { edit: 'update', see: 'view' }, 'bob', thing);
    assert.deepEqual(got, { edit: false, see: true });
    assert.deepEqual(Object.keys(got), ['edit', 'see']);
  });

  test('an empty list gives no abilities', () => {
    assert.deepEqual(abilitiesOf(thingPolicy, [], 'ada', thing), {});
  });

  test('a name that is not a rule, or a rule wanting other arguments, does not compile', () => {
    // @ts-expect-error: not a rule of the policy
    assert.throws(() => abilitiesOf(thingPolicy, ['destroy'], 'ada', thing));
    // @ts-expect-error: invite wants a role as well
    abilitiesOf(thingPolicy, ['invite'], 'ada', thing);
    // @ts-expect-error: renamed to something that is not a rule
    assert.throws(() => abilitiesOf(thingPolicy, { edit: 'edit' }, 'ada', thing));
  });

  test('the result is typed by the names asked for', () => {
    const got = abilitiesOf(thingPolicy, { edit: 'update' }, 'ada', thing);
    const edit: boolean = got.edit;
    assert.equal(edit, true);
    // @ts-expect-error: not asked for
    assert.equal(got.update, undefined);
  });
});
