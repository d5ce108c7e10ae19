import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { MembershipRole } from '../../../db/schema.ts';
import { type Actor, anonymous } from '../../../policies/actor.ts';
import { type BookingRef, bookingPolicy } from './booking.ts';
import { type ResourceRef, resourcePolicy } from './resource.ts';

const org = 'org-1';
const person = (id: string, roles: [string, MembershipRole][] = [], extra: Partial<Actor> = {}): Actor => ({
  accountId: id,
  isInstanceAdmin: false,
  blocked: false,
  roles: new Map(roles),
  ...extra,
});
const everyone = {
  anonymous,
  citizen: person('citizen'),
  member: person('member', [['other-org', 'volunteer']]),
  orgAdmin: person('oa', [[org, 'admin']]),
  orgStaff: person('os', [[org, 'staff']]),
  orgVolunteer: person('ov', [[org, 'volunteer']]),
  yilmaz: person('yilmaz'),
  instanceAdmin: person('ia', [], { isInstanceAdmin: true }),
  blockedStaff: person('os', [[org, 'staff']], { blocked: true }),
};
type Who = keyof typeof everyone;
const allowed = (check: (a: Actor) => boolean): Who[] =>
  (Object.keys(everyone) as Who[]).filter((k) => check(everyone[k]));

const van: ResourceRef = {
  owner_type: 'organisation',
  organisation_id: org,
  person_id: null,
  active: true,
  approximate: false,
  who_may_borrow: 'members',
};
const backRoom: ResourceRef = {
  owner_type: 'person',
  organisation_id: null,
  person_id: 'yilmaz',
  active: true,
  approximate: true,
  who_may_borrow: 'everyone',
};

describe('resource policy', () => {
  test('active resources are public; inactive ones only for the owner side and instance admins', () => {
    assert.equal(allowed((a) => resourcePolicy.view(a, van)).length, Object.keys(everyone).length);
    assert.deepEqual(
      allowed((a) => resourcePolicy.view(a, { ...van, active: false })),
      ['orgAdmin', 'orgStaff', 'instanceAdmin'],
    );
  });

  test('the owner side manages; instance admins may edit or remove but not run the calendar', () => {
    assert.deepEqual(
      allowed((a) => resourcePolicy.update(a, van)),
      ['orgAdmin', 'orgStaff', 'instanceAdmin'],
    );
    assert.deepEqual(
      allowed((a) => resourcePolicy.manageAvailability(a, van)),
      ['orgAdmin', 'orgStaff'],
    );
    assert.deepEqual(
      allowed((a) => resourcePolicy.manageFeed(a, backRoom)),
      ['yilmaz'],
    );
    assert.deepEqual(
      allowed((a) => resourcePolicy.create(a, { type: 'organisation', id: org })),
      ['orgAdmin', 'orgStaff'],
    );
    assert.deepEqual(
      allowed((a) => resourcePolicy.create(a, { type: 'person', id: 'citizen' })),
      ['citizen'],
    );
  });

  test('"members" resources are for people of an organisation, "everyone" ones for anyone signed in', () => {
    assert.deepEqual(
      allowed((a) => resourcePolicy.book(a, van)),
      ['member', 'orgAdmin', 'orgStaff', 'orgVolunteer', 'instanceAdmin'],
    );
    assert.deepEqual(
      allowed((a) => resourcePolicy.book(a, backRoom)),
      ['citizen', 'member', 'orgAdmin', 'orgStaff', 'orgVolunteer', 'yilmaz', 'instanceAdmin'],
    );
    assert.deepEqual(
      allowed((a) => resourcePolicy.book(a, { ...backRoom, active: false })),
      [],
    );
  });

  test('a private address is exact only for its owner', () => {
    assert.deepEqual(
      allowed((a) => resourcePolicy.viewExactLocation(a, backRoom)),
      ['yilmaz'],
    );
  });
});

describe('booking policy', () => {
  const b = (status: BookingRef['status']): BookingRef => ({
    status,
    requester_id: 'citizen',
    resource: van,
  });

  test('the requester and the owner side see a booking; nobody else', () => {
    assert.deepEqual(
      allowed((a) => bookingPolicy.view(a, b('requested'))),
      ['citizen', 'orgAdmin', 'orgStaff', 'instanceAdmin'],
    );
  });

  test('only the owner side decides, hands over and takes back, each in its turn', () => {
    assert.deepEqual(
      allowed((a) => bookingPolicy.approve(a, b('requested'))),
      ['orgAdmin', 'orgStaff'],
    );
    assert.deepEqual(
      allowed((a) => bookingPolicy.decline(a, b('requested'))),
      ['orgAdmin', 'orgStaff'],
    );
    assert.deepEqual(
      allowed((a) => bookingPolicy.approve(a, b('approved'))),
      [],
    );
    assert.deepEqual(
      allowed((a) => bookingPolicy.handOver(a, b('approved'))),
      ['orgAdmin', 'orgStaff'],
    );
    assert.deepEqual(
      allowed((a) => bookingPolicy.return(a, b('handed_over'))),
      ['orgAdmin', 'orgStaff'],
    );
    assert.deepEqual(
      allowed((a) => bookingPolicy.return(a, b('approved'))),
      [],
    );
  });

  test('either party cancels before the hand-over, nobody after', () => {
    assert.deepEqual(
      allowed((a) => bookingPolicy.cancel(a, b('approved'))),
      ['citizen', 'orgAdmin', 'orgStaff'],
    );
    assert.deepEqual(
      allowed((a) => bookingPolicy.cancel(a, b('handed_over'))),
      [],
    );
  });
});
