import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CommunityRole } from '../../../../db/schema.ts';
import { actors, evaluate, expectedFor, thisOrg } from '../../../../policies/actors.fixture.ts';
import { type EventFacts, eventPolicy, registrationPolicy } from './event.ts';

const ofOrganisation = (over: Partial<EventFacts> = {}): EventFacts => ({
  organisation_id: thisOrg.id,
  community_id: null,
  community_role: null,
  visibility: 'public',
  status: 'scheduled',
  registration: true,
  ...over,
});

/** A community's event as a reader with `role` in it sees it (null: not an active member). */
const ofCommunity = (role: CommunityRole | null, over: Partial<EventFacts> = {}): EventFacts => ({
  organisation_id: null,
  community_id: '00000000-0000-4000-8000-0000000000c3',
  community_role: role,
  visibility: 'public',
  status: 'scheduled',
  registration: true,
  ...over,
});

describe('events policy', () => {
  test('an organisation’s staff and admins host its events; volunteers, others and instance admins do not', () => {
    const hosts = expectedFor(['staff', 'orgAdmin']);
    assert.deepEqual(
      evaluate((a) => eventPolicy.create(a, ofOrganisation())),
      hosts,
    );
    assert.deepEqual(
      evaluate((a) => eventPolicy.manage(a, ofOrganisation())),
      hosts,
    );
    assert.deepEqual(
      evaluate((a) => eventPolicy.edit(a, ofOrganisation({ status: 'cancelled' }))),
      expectedFor([]),
    );
  });

  test('a community’s owners and moderators host its events, its members do not', () => {
    for (const [role, allowed] of [
      ['owner', true],
      ['moderator', true],
      ['member', false],
      [null, false],
    ] as const) {
      assert.equal(eventPolicy.create(actors.citizen, ofCommunity(role)), allowed, String(role));
      assert.equal(eventPolicy.cancel(actors.citizen, ofCommunity(role)), allowed, String(role));
    }
    assert.equal(eventPolicy.create(actors.anonymous, ofCommunity('owner')), false);
    assert.equal(eventPolicy.create(actors.blocked, ofCommunity('owner')), false);
  });

  test('a public event is everyone’s; a members-only one only its host’s members', () => {
    const everyone = expectedFor([
      'anonymous',
      'citizen',
      'volunteer',
      'staff',
      'orgAdmin',
      'otherOrgAdmin',
      'instanceAdmin',
      'blocked',
    ]);
    assert.deepEqual(
      evaluate((a) => eventPolicy.view(a, ofOrganisation())),
      everyone,
    );
    assert.deepEqual(
      evaluate((a) => eventPolicy.view(a, ofOrganisation({ visibility: 'members' }))),
      expectedFor(['volunteer', 'staff', 'orgAdmin']),
    );
    assert.equal(eventPolicy.view(actors.citizen, ofCommunity('member', { visibility: 'members' })), true);
    assert.equal(eventPolicy.view(actors.citizen, ofCommunity(null, { visibility: 'members' })), false);
  });

  test('people who may see it register while it takes registrations; each withdraws only their own', () => {
    assert.deepEqual(
      evaluate((a) => eventPolicy.register(a, ofOrganisation({ visibility: 'members' }))),
      expectedFor(['volunteer', 'staff', 'orgAdmin']),
    );
    assert.equal(eventPolicy.register(actors.citizen, ofOrganisation({ registration: false })), false);
    assert.equal(eventPolicy.register(actors.citizen, ofOrganisation({ status: 'cancelled' })), false);
    const own = { account_id: actors.citizen.accountId!, status: 'waitlisted' as const };
    assert.deepEqual(
      evaluate((a) => registrationPolicy.withdraw(a, own)),
      expectedFor(['citizen']),
    );
    assert.equal(registrationPolicy.withdraw(actors.citizen, { ...own, status: 'checked_in' }), false);
    assert.deepEqual(
      evaluate((a) =>
        registrationPolicy.markAttendance(a, ofOrganisation(), { ...own, status: 'signed_up' }),
      ),
      expectedFor(['staff', 'orgAdmin']),
    );
    assert.equal(registrationPolicy.markAttendance(actors.staff, ofOrganisation(), own), false, 'waiting');
  });
});
