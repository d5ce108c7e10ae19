import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { evaluate, expectedFor, otherOrg, thisOrg } from '../../../policies/actors.fixture.ts';
import { type OpportunityRef, opportunityPolicy, type PartnerRef, partnerPolicy } from './opportunity.ts';

const draft: OpportunityRef = { status: 'draft', organisationIds: [thisOrg.id] };
const published: OpportunityRef = { status: 'published', organisationIds: [thisOrg.id] };
const joint: OpportunityRef = { status: 'published', organisationIds: [thisOrg.id, otherOrg.id] };
/** this organisation leads; the other one is invited and has not answered */
const invitedDraft: OpportunityRef = {
  status: 'draft',
  organisationIds: [thisOrg.id],
  invitedOrganisationIds: [otherOrg.id],
};
const invitedPublished: OpportunityRef = { ...invitedDraft, status: 'published' };
const invitation = (o: OpportunityRef): PartnerRef => ({
  opportunity: o,
  leadOrganisationId: thisOrg.id,
  organisationId: otherOrg.id,
  status: 'invited',
  isLead: false,
});

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

  test('an invited organisation sees the draft it is asked about, and runs nothing until it accepts', () => {
    assert.deepEqual(
      evaluate((a) => opportunityPolicy.view(a, invitedDraft)),
      expectedFor(['staff', 'orgAdmin', 'otherOrgAdmin', 'instanceAdmin']),
    );
    for (const check of [opportunityPolicy.update, opportunityPolicy.manageShifts] as const)
      assert.deepEqual(
        evaluate((a) => check(a, invitedPublished)),
        expectedFor(['staff', 'orgAdmin']),
      );
  });

  test("partners: the lead's coordinators manage them, the invited organisation answers, nobody removes the lead", () => {
    assert.deepEqual(
      evaluate((a) => partnerPolicy.manage(a, thisOrg.id)),
      expectedFor(['staff', 'orgAdmin']),
    );
    assert.deepEqual(
      evaluate((a) => partnerPolicy.manage(a, undefined)),
      expectedFor([]),
      'an opportunity without a lead organisation has no partners to manage',
    );
    assert.deepEqual(
      evaluate((a) => partnerPolicy.view(a, invitation(invitedPublished))),
      expectedFor(['staff', 'orgAdmin', 'otherOrgAdmin']),
      "an invitation is the two sides' business, even on a published opportunity",
    );
    assert.deepEqual(
      evaluate((a) => partnerPolicy.decide(a, invitation(invitedDraft))),
      expectedFor(['otherOrgAdmin']),
    );
    const accepted: PartnerRef = { ...invitation(joint), opportunity: joint, status: 'accepted' };
    assert.deepEqual(
      evaluate((a) => partnerPolicy.decide(a, accepted)),
      expectedFor([]),
    );
    assert.deepEqual(
      evaluate((a) => partnerPolicy.view(a, accepted)),
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
      'who runs a published opportunity is public',
    );
    assert.deepEqual(
      evaluate((a) => partnerPolicy.remove(a, accepted)),
      expectedFor(['staff', 'orgAdmin', 'otherOrgAdmin']),
    );
    const lead: PartnerRef = { ...accepted, organisationId: thisOrg.id, isLead: true };
    assert.deepEqual(
      evaluate((a) => partnerPolicy.remove(a, lead)),
      expectedFor([]),
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
