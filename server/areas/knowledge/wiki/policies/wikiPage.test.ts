import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MembershipRole } from '../../../../db/schema.ts';
import { type Actor, anonymous } from '../../../../policies/actor.ts';
import { wikiPagePolicy } from './wikiPage.ts';

const org = 'org-caritas';
const other = 'org-diakonie';
const person = (roles: [string, MembershipRole][] = [], isInstanceAdmin = false): Actor => ({
  accountId: 'a',
  isInstanceAdmin,
  blocked: false,
  roles: new Map(roles),
});
const page = (
  organisation_id: string | null,
  visibility: 'public' | 'signed_in' | 'members',
  archived = false,
) => ({
  organisation_id,
  visibility,
  archived_at: archived ? new Date() : null,
});

test("the network's wiki: staff and admins of any organisation and instance admins write; nobody else", () => {
  assert.equal(wikiPagePolicy.create(person([[other, 'staff']]), null), true);
  assert.equal(wikiPagePolicy.create(person([[other, 'admin']]), null), true);
  assert.equal(wikiPagePolicy.create(person([], true), null), true);
  assert.equal(wikiPagePolicy.create(person([[org, 'volunteer']]), null), false);
  assert.equal(wikiPagePolicy.create(person(), null), false);
  assert.equal(wikiPagePolicy.create(anonymous, null), false);
  assert.equal(wikiPagePolicy.create({ ...person([[org, 'admin']]), blocked: true }, null), false);
});

test("an organisation's wiki: only its own staff and admins write, not an instance admin or another's staff", () => {
  assert.equal(wikiPagePolicy.edit(person([[org, 'staff']]), page(org, 'public')), true);
  assert.equal(wikiPagePolicy.edit(person([[org, 'volunteer']]), page(org, 'public')), false);
  assert.equal(wikiPagePolicy.edit(person([[other, 'admin']]), page(org, 'public')), false);
  assert.equal(wikiPagePolicy.edit(person([], true), page(org, 'public')), false);
});

test('who reads: public everyone, signed_in the signed-in, members any member; archived only editors', () => {
  assert.equal(wikiPagePolicy.view(anonymous, page(null, 'public')), true);
  assert.equal(wikiPagePolicy.view(anonymous, page(null, 'signed_in')), false);
  assert.equal(wikiPagePolicy.view(person(), page(null, 'signed_in')), true);
  assert.equal(wikiPagePolicy.view(person([[org, 'volunteer']]), page(org, 'members')), true);
  assert.equal(wikiPagePolicy.view(person([[other, 'staff']]), page(org, 'members')), false);
  assert.equal(wikiPagePolicy.view(person([], true), page(org, 'members')), false);
  assert.equal(wikiPagePolicy.view(person([[org, 'volunteer']]), page(org, 'public', true)), false);
  assert.equal(wikiPagePolicy.view(person([[org, 'staff']]), page(org, 'public', true)), true);
  assert.equal(wikiPagePolicy.view(anonymous, page(null, 'public', true)), false);
});
