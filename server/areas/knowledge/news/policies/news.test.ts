import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { actors, evaluate, expectedFor, roleNames, thisOrg } from '../../../../policies/actors.fixture.ts';
import { commentPolicy, newsPolicy, type PostFacts } from './news.ts';

const post = (over: Partial<PostFacts> = {}): PostFacts => ({
  organisation_id: thisOrg.id,
  status: 'published',
  visibility: 'public',
  comments_open: true,
  ...over,
});
const signedInRoles = roleNames.filter((r) => r !== 'anonymous' && r !== 'blocked');

describe('news policy', () => {
  test('the organisation’s staff and admins write its news; nobody else, and a block outweighs every role', () => {
    assert.deepEqual(
      evaluate((a) => newsPolicy.write(a, thisOrg.id)),
      expectedFor(['staff', 'orgAdmin']),
    );
    for (const rule of ['edit', 'delete'] as const)
      assert.deepEqual(
        evaluate((a) => newsPolicy[rule](a, post())),
        expectedFor(['staff', 'orgAdmin']),
        rule,
      );
  });

  test('a draft exists only for the organisation’s staff and admins', () => {
    assert.deepEqual(
      evaluate((a) => newsPolicy.view(a, post({ status: 'draft' }))),
      expectedFor(['staff', 'orgAdmin']),
    );
  });

  test('a published post is read by whom its visibility names', () => {
    assert.deepEqual(
      evaluate((a) => newsPolicy.view(a, post())),
      expectedFor(roleNames),
    );
    assert.deepEqual(
      evaluate((a) => newsPolicy.view(a, post({ visibility: 'signed_in' }))),
      expectedFor(signedInRoles),
    );
    assert.deepEqual(
      evaluate((a) => newsPolicy.view(a, post({ visibility: 'members' }))),
      expectedFor(['volunteer', 'staff', 'orgAdmin']),
    );
  });

  test('publish only a draft, take back only a published post', () => {
    assert.deepEqual(
      evaluate((a) => newsPolicy.publish(a, post({ status: 'draft' }))),
      expectedFor(['staff', 'orgAdmin']),
    );
    assert.equal(newsPolicy.publish(actors.staff, post()), false);
    assert.deepEqual(
      evaluate((a) => newsPolicy.unpublish(a, post())),
      expectedFor(['staff', 'orgAdmin']),
    );
    assert.equal(newsPolicy.unpublish(actors.staff, post({ status: 'draft' })), false);
  });

  test('signed-in readers comment on a published post while comments are open; never when blocked', () => {
    assert.deepEqual(
      evaluate((a) => newsPolicy.comment(a, post())),
      expectedFor(signedInRoles),
    );
    assert.deepEqual(
      evaluate((a) => newsPolicy.comment(a, post({ comments_open: false }))),
      expectedFor([]),
    );
    assert.deepEqual(
      evaluate((a) => newsPolicy.comment(a, post({ status: 'draft' }))),
      expectedFor([]),
    );
    assert.deepEqual(
      evaluate((a) => newsPolicy.comment(a, post({ visibility: 'members' }))),
      expectedFor(['volunteer', 'staff', 'orgAdmin']),
    );
  });

  test('a comment is edited by its author only, removed by its author, the staff and instance admins', () => {
    const byVolunteer = { author_id: actors.volunteer.accountId };
    assert.deepEqual(
      evaluate((a) => commentPolicy.edit(a, post(), byVolunteer)),
      expectedFor(['volunteer']),
    );
    assert.deepEqual(
      evaluate((a) => commentPolicy.remove(a, post(), byVolunteer)),
      expectedFor(['volunteer', 'staff', 'orgAdmin', 'instanceAdmin']),
    );
    assert.deepEqual(
      evaluate((a) => commentPolicy.remove(a, post(), { author_id: null })),
      expectedFor(['staff', 'orgAdmin', 'instanceAdmin']),
      'a former member’s comment',
    );
  });
});
