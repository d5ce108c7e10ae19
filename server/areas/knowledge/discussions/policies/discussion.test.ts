import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Actor } from '../../../../policies/actor.ts';
import { needsReview, postPolicy, threadPolicy } from './discussion.ts';

const person = (id: string, extra: Partial<Actor> = {}): Actor => ({
  accountId: id,
  isInstanceAdmin: false,
  blocked: false,
  roles: new Map(),
  ...extra,
});
const now = new Date('2026-12-06T12:00:00Z');
const daysAgo = (d: number) => ({ created_at: new Date(now.getTime() - d * 86_400_000) });

test('first-post review: new, alone and without a visible post waits; anyone vouched for does not', () => {
  assert.equal(needsReview(person('a'), daysAgo(1), false, now), true);
  assert.equal(needsReview(person('a'), daysAgo(1), true, now), false, 'one approved post frees the person');
  assert.equal(needsReview(person('a'), daysAgo(8), false, now), false, 'a week old');
  assert.equal(
    needsReview(person('a', { roles: new Map([['o', 'volunteer']]) }), daysAgo(0), false, now),
    false,
  );
  assert.equal(needsReview(person('a', { isInstanceAdmin: true }), daysAgo(0), false, now), false);
});

test('a pending thread or post exists for its author and admins only; stewards are author, org staff, admins', () => {
  const t = { author_id: 'a', organisation_id: 'o', review_status: 'pending' as const, closed_at: null };
  assert.equal(threadPolicy.view(person('a'), t), true);
  assert.equal(threadPolicy.view(person('b'), t), false);
  assert.equal(threadPolicy.view(person('b', { isInstanceAdmin: true }), t), true);
  assert.equal(threadPolicy.view(person('b', { blocked: true, isInstanceAdmin: true }), t), false);
  const open = { ...t, review_status: 'visible' as const };
  assert.equal(threadPolicy.steward(person('b', { roles: new Map([['o', 'staff']]) }), open), true);
  assert.equal(threadPolicy.steward(person('b', { roles: new Map([['o', 'volunteer']]) }), open), false);
  assert.equal(threadPolicy.steward(person('a', { blocked: true }), open), false);
  assert.equal(threadPolicy.reply(person('b'), { ...open, closed_at: now }), false);
  const p = { author_id: 'a', review_status: 'rejected' as const, deleted_at: null };
  assert.equal(postPolicy.view(person('a'), p), false, 'rejected is gone for its author too');
  assert.equal(postPolicy.edit(person('a'), { ...p, review_status: 'visible' }), true);
  assert.equal(postPolicy.edit(person('b'), { ...p, review_status: 'visible' }), false);
});
