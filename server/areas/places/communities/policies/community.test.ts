import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Actor, anonymous } from '../../../../policies/actor.ts';
import { type CommunityFacts, communityPolicy } from './community.ts';

const person = (id: string, admin = false): Actor => ({
  accountId: id,
  isInstanceAdmin: admin,
  blocked: false,
  roles: new Map(),
});
const facts = (over: Partial<CommunityFacts> = {}): CommunityFacts => ({
  joining: 'request',
  archived: false,
  hidden: false,
  me: null,
  ...over,
});
const as = (role: 'owner' | 'moderator' | 'member', status: 'active' | 'requested' = 'active') => ({
  me: { role, status },
});

test('a by-request community: its threads and names are its active members’, not those who only asked', () => {
  const p = person('a');
  assert.equal(communityPolicy.view(anonymous, facts()), true);
  assert.equal(communityPolicy.readThreads(anonymous, facts()), false);
  assert.equal(communityPolicy.readThreads(p, facts(as('member', 'requested'))), false);
  assert.equal(communityPolicy.seeMembers(p, facts(as('member', 'requested'))), false);
  assert.equal(communityPolicy.readThreads(p, facts(as('member'))), true);
  assert.equal(communityPolicy.seeMembers(p, facts(as('member'))), true);
  assert.equal(communityPolicy.readThreads(anonymous, facts({ joining: 'open' })), true);
  assert.equal(communityPolicy.startThread(p, facts({ joining: 'open' })), false);
  assert.equal(communityPolicy.startThread(p, facts({ joining: 'open', ...as('member') })), true);
});

test('instance admins have no extra rights in a community, but alone see one a moderator hid', () => {
  const admin = person('x', true);
  assert.equal(communityPolicy.readThreads(admin, facts()), false);
  assert.equal(communityPolicy.manage(admin, facts()), false);
  assert.equal(communityPolicy.view(admin, facts({ hidden: true })), true);
  assert.equal(communityPolicy.view(person('a'), facts({ hidden: true, ...as('owner') })), false);
});

test('owners give roles and archive; moderators manage and remove plain members only; archived stops it all', () => {
  const p = person('a');
  const owner = facts(as('owner'));
  const moderator = facts(as('moderator'));
  assert.equal(communityPolicy.setRoles(p, owner), true);
  assert.equal(communityPolicy.setRoles(p, moderator), false);
  assert.equal(communityPolicy.archive(p, moderator), false);
  assert.equal(communityPolicy.manage(p, moderator), true);
  assert.equal(communityPolicy.manage(p, facts(as('member'))), false);
  assert.equal(communityPolicy.remove(p, moderator, { role: 'member' }), true);
  assert.equal(communityPolicy.remove(p, moderator, { role: 'moderator' }), false);
  assert.equal(communityPolicy.remove(p, owner, { role: 'owner' }), true);
  assert.equal(communityPolicy.manage(p, facts({ archived: true, ...as('owner') })), false);
  assert.equal(communityPolicy.startThread(p, facts({ archived: true, ...as('owner') })), false);
  assert.equal(communityPolicy.join(p, facts({ archived: true })), false);
  assert.equal(communityPolicy.join(anonymous, facts()), false);
  assert.equal(communityPolicy.join(p, facts(as('member', 'requested'))), false);
  assert.equal(communityPolicy.leave(p, facts(as('member', 'requested'))), true);
});
