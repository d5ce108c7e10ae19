import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { actors, evaluate, expectedFor, type RoleName, roleNames, stranger } from './actors.fixture.ts';
import { notificationPolicy } from './notification.ts';

const signedIn: RoleName[] = ['citizen', 'volunteer', 'staff', 'orgAdmin', 'otherOrgAdmin', 'instanceAdmin'];

describe('notification policy', () => {
  test(`listOwn: allowed for exactly ${signedIn.join(', ')}`, () => {
    assert.deepEqual(evaluate(notificationPolicy.listOwn), expectedFor(signedIn));
  });

  test('markRead of someone else’s notification: allowed for nobody, not even instance admins', () => {
    assert.deepEqual(
      evaluate((a) => notificationPolicy.markRead(a, { accountId: stranger.id })),
      expectedFor([]),
    );
  });

  test(`markRead of one’s own notification: allowed for exactly ${signedIn.join(', ')}`, () => {
    const result = Object.fromEntries(
      roleNames.map((r) => {
        const actor = actors[r];
        return [r, notificationPolicy.markRead(actor, { accountId: actor.accountId ?? stranger.id })];
      }),
    );
    assert.deepEqual(result, expectedFor(signedIn));
  });

  test('the tests cover every policy function', () => {
    assert.deepEqual(Object.keys(notificationPolicy).sort(), ['listOwn', 'markRead']);
  });
});
