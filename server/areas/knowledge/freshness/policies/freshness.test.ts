import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MembershipRole } from '../../../../db/schema.ts';
import { type Actor, anonymous } from '../../../../policies/actor.ts';
import { type FreshnessSubject, freshnessPolicy as p } from './freshness.ts';

const person = (id: string, roles: [string, MembershipRole][] = [], isInstanceAdmin = false): Actor => ({
  accountId: id,
  isInstanceAdmin,
  blocked: false,
  roles: new Map(roles),
});
const page = (f: Partial<FreshnessSubject> = {}): FreshnessSubject => ({
  type: 'wiki_page',
  organisationId: 'caritas',
  visibility: 'public',
  archived: false,
  ownerId: null,
  authorId: null,
  ...f,
});

const staff = person('aylin', [['caritas', 'staff']]);
const volunteer = person('renate', [['caritas', 'volunteer']]);
const otherStaff = person('claudia', [['diakonie', 'admin']]);
const neighbour = person('hannelore');
const admin = person('ingo', [], true);

test('seeing: by visibility; members-only pages to members only (instance admins too); archived to nobody', () => {
  assert.equal(p.see(anonymous, page()), true);
  assert.equal(p.see(anonymous, page({ visibility: 'signed_in' })), false);
  assert.equal(p.see(neighbour, page({ visibility: 'signed_in' })), true);
  assert.equal(p.see(volunteer, page({ visibility: 'members' })), true);
  assert.equal(p.see(otherStaff, page({ visibility: 'members' })), false);
  assert.equal(p.see(admin, page({ visibility: 'members' })), false);
  assert.equal(p.see(staff, page({ archived: true })), false);
  assert.equal(p.see(anonymous, page({ type: 'map_report', organisationId: null })), true);
});

test('confirming: the owner, the editors and instance admins; a blocked person nobody', () => {
  assert.equal(p.confirm(staff, page()), true);
  assert.equal(p.confirm(volunteer, page()), false);
  assert.equal(p.confirm(volunteer, page({ ownerId: 'renate' })), true, 'the owner');
  assert.equal(p.confirm(otherStaff, page()), false);
  assert.equal(
    p.confirm(otherStaff, page({ organisationId: null })),
    true,
    "a network page: any organisation's staff",
  );
  assert.equal(p.confirm(admin, page()), true);
  assert.equal(p.confirm({ ...staff, blocked: true }, page()), false);
  assert.equal(p.confirm(anonymous, page()), false);
  const report = page({
    type: 'map_report',
    organisationId: null,
    authorId: 'hannelore',
    ownerId: 'hannelore',
  });
  assert.equal(p.confirm(neighbour, report), true);
  assert.equal(p.confirm(staff, report), false);
  assert.equal(p.confirm(admin, report), true);
});

test('editing (who may own it) leaves out an owner who is not an editor; reporting needs a sign-in', () => {
  assert.equal(p.edit(volunteer, page({ ownerId: 'renate' })), false);
  assert.equal(p.edit(staff, page({ visibility: 'members' })), true);
  assert.equal(p.report(anonymous, page()), false);
  assert.equal(p.report(neighbour, page()), true);
  assert.equal(p.report(neighbour, page({ visibility: 'members' })), false);
});
