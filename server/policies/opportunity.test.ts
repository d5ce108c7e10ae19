import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { evaluate, expectedFor, otherOrg, thisOrg } from './actors.fixture.ts';
import { type OpportunityRef, opportunityPolicy } from './opportunity.ts';

const draft: OpportunityRef = { status: 'draft', organisationIds: [thisOrg.id] };
const published: OpportunityRef = { status: 'published', organisationIds: [thisOrg.id] };
const joint: OpportunityRef = { status: 'published', organisationIds: [thisOrg.id, otherOrg.id] };

describe('opportunity policy', () => {
  test('published opportunities are public; drafts only for coordinators and instance admins', () => {
    assert.deepEqual(
      evaluate((a) => opportunityPolicy.view(a, published)),
      expectedFor([
        'anonymous',
        'citizen',
        'volunteer',
        'staff',
        'orgAdmin',
        'otherOrgAdmin',
        'instanceAdmin',
        'blocked',
      ]),
    );
    assert.deepEqual(
      evaluate((a) => opportunityPolicy.view(a, draft)),
      expectedFor(['staff', 'orgAdmin', 'instanceAdmin']),
    );
  });

  test('staff and admins of the lead organisation create; volunteers and others do not', () => {
    assert.deepEqual(
      evaluate((a) => opportunityPolicy.create(a, thisOrg.id)),
      expectedFor(['staff', 'orgAdmin']),
    );
  });

  test('every staff member and admin of a running organisation edits a joint opportunity', () => {
    assert.deepEqual(
      evaluate((a) => opportunityPolicy.update(a, published)),
      expectedFor(['staff', 'orgAdmin']),
    );
    assert.deepEqual(
      evaluate((a) => opportunityPolicy.update(a, joint)),
      expectedFor(['staff', 'orgAdmin', 'otherOrgAdmin']),
    );
    assert.deepEqual(
      evaluate((a) => opportunityPolicy.manageShifts(a, joint)),
      expectedFor(['staff', 'orgAdmin', 'otherOrgAdmin']),
    );
  });

  test('instance admins may close (moderation) but not edit; a closed one cannot be closed again', () => {
    assert.deepEqual(
      evaluate((a) => opportunityPolicy.close(a, published)),
      expectedFor(['staff', 'orgAdmin', 'instanceAdmin']),
    );
    assert.deepEqual(
      evaluate((a) => opportunityPolicy.close(a, { ...published, status: 'closed' })),
      expectedFor([]),
    );
  });

  test('ladder counts: an organisation’s own staff and admins, the whole network only instance admins', () => {
    assert.deepEqual(
      evaluate((a) => opportunityPolicy.viewStats(a, thisOrg.id)),
      expectedFor(['staff', 'orgAdmin', 'instanceAdmin']),
    );
    assert.deepEqual(
      evaluate((a) => opportunityPolicy.viewStats(a, null)),
      expectedFor(['instanceAdmin']),
    );
  });
});
