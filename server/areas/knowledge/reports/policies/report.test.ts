import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MembershipRole } from '../../../../db/schema.ts';
import { type Actor, anonymous } from '../../../../policies/actor.ts';
import { mapReportPolicy, statusOrganisation } from './report.ts';

const person = (id: string, roles: [string, MembershipRole][] = [], admin = false): Actor => ({
  accountId: id,
  isInstanceAdmin: admin,
  blocked: false,
  roles: new Map(roles),
});

describe('map report policy', () => {
  const author = person('a');
  const other = person('b');
  const fresh = { author_id: 'a', status: 'new' as const };
  const taken = { author_id: 'a', status: 'confirmed' as const };

  it('lets the author change and withdraw only while the report is new', () => {
    assert.equal(mapReportPolicy.edit(author, fresh), true);
    assert.equal(mapReportPolicy.withdraw(author, fresh), true);
    assert.equal(mapReportPolicy.edit(author, taken), false);
    assert.equal(mapReportPolicy.withdraw(author, taken), false);
    assert.equal(mapReportPolicy.edit(other, fresh), false);
    assert.equal(mapReportPolicy.edit(anonymous, fresh), false);
  });

  it('lets everyone signed in but the author say "me too"', () => {
    assert.equal(mapReportPolicy.support(other, fresh), true);
    assert.equal(mapReportPolicy.support(author, fresh), false);
    assert.equal(mapReportPolicy.support(anonymous, fresh), false);
    assert.equal(mapReportPolicy.support({ ...other, blocked: true }, fresh), false);
  });

  it('lets the coordinator and staff or admins of a public body set the status', () => {
    assert.equal(mapReportPolicy.changeStatus(person('x', [], true), []), true);
    assert.equal(mapReportPolicy.changeStatus(person('x', [['town', 'staff']]), ['town']), true);
    assert.equal(mapReportPolicy.changeStatus(person('x', [['town', 'admin']]), ['town']), true);
    assert.equal(mapReportPolicy.changeStatus(person('x', [['town', 'volunteer']]), ['town']), false);
    // staff of an association is not a public body
    assert.equal(mapReportPolicy.changeStatus(person('x', [['club', 'staff']]), []), false);
    assert.equal(mapReportPolicy.changeStatus(anonymous, ['town']), false);
    assert.equal(statusOrganisation(person('x', [['town', 'staff']], true), ['town']), 'town');
    assert.equal(statusOrganisation(person('x', [], true), []), null);
  });
});
