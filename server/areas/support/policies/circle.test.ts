import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type CircleRole, circleVisibilities, consentScopes } from '../../../db/schema.ts';
import { actors, evaluate, expectedFor, thisOrg } from '../../../policies/actors.fixture.ts';
import { type CircleAccess, circlePolicy, isLive, organises } from './circle.ts';

const roles = ['owner', 'coordinator', 'helper', 'professional', 'viewer', 'outsider'] as const;
type Who = (typeof roles)[number];
const everything = new Set(consentScopes);

const access = (
  who: Who,
  live = true,
  scope: CircleAccess['scope'] = everything,
  preparing = false,
): CircleAccess => ({
  role: who === 'outsider' ? null : (who as CircleRole),
  live,
  scope,
  preparing,
});

function allowed(
  check: (a: CircleAccess) => boolean,
  live = true,
  scope: CircleAccess['scope'] = everything,
) {
  return roles.filter((r) => check(access(r, live, scope)));
}

describe('circle policy', () => {
  test('a circle is live only while no deletion is pending and its latest consent grants', () => {
    assert.equal(isLive({ status: 'active', consent_kind: 'granted' }), true);
    assert.equal(isLive({ status: 'active', consent_kind: 'withdrawn' }), false, 'consent withdrawn');
    assert.equal(isLive({ status: 'active', consent_kind: null }), false, 'no consent record');
    assert.equal(
      isLive({ status: 'deletion_requested', consent_kind: 'granted' }),
      false,
      'deletion pending, even with consent',
    );
    assert.equal(isLive({ status: 'deletion_requested', consent_kind: 'withdrawn' }), false);
  });

  test('the owner and the coordinators organise, live or frozen; nobody else', () => {
    assert.deepEqual(allowed(organises), ['owner', 'coordinator']);
    assert.deepEqual(allowed(organises, false), ['owner', 'coordinator']);
  });

  test('anyone signed in opens a circle for themselves; only staff and admins of the organisation on someone’s behalf', () => {
    assert.deepEqual(
      evaluate(circlePolicy.create),
      expectedFor(['citizen', 'volunteer', 'staff', 'orgAdmin', 'otherOrgAdmin', 'instanceAdmin']),
    );
    assert.deepEqual(
      evaluate((a) => circlePolicy.createOnBehalf(a, thisOrg.id)),
      expectedFor(['staff', 'orgAdmin']),
    );
    assert.equal(circlePolicy.createOnBehalf(actors.blocked, thisOrg.id), false);
  });

  test('a live circle is open to its members and nobody else', () => {
    assert.deepEqual(allowed(circlePolicy.view), [
      'owner',
      'coordinator',
      'helper',
      'professional',
      'viewer',
    ]);
    assert.deepEqual(allowed(circlePolicy.viewNeeds), [
      'owner',
      'coordinator',
      'helper',
      'professional',
      'viewer',
    ]);
    assert.deepEqual(allowed(circlePolicy.viewUpdates), [
      'owner',
      'coordinator',
      'helper',
      'professional',
      'viewer',
    ]);
  });

  test('map, team, load and consents are for those who organise and the professionals', () => {
    for (const check of [
      circlePolicy.viewMap,
      circlePolicy.viewTeam,
      circlePolicy.viewLoad,
      circlePolicy.viewConsents,
    ])
      assert.deepEqual(allowed(check), ['owner', 'coordinator', 'professional']);
    assert.deepEqual(allowed(circlePolicy.seeMapLabels), ['owner', 'coordinator']);
  });

  test('helpers claim, viewers only look', () => {
    assert.deepEqual(allowed(circlePolicy.claim), ['owner', 'coordinator', 'helper', 'professional']);
    assert.deepEqual(allowed(circlePolicy.manageNeeds), ['owner', 'coordinator', 'professional']);
    assert.deepEqual(allowed(circlePolicy.post), ['owner', 'coordinator', 'helper', 'professional']);
  });

  test('a time credit for done help is given by those who organise, only while the circle is live', () => {
    assert.deepEqual(allowed(circlePolicy.giveCredit), ['owner', 'coordinator']);
    assert.deepEqual(allowed(circlePolicy.giveCredit, false), []);
    assert.deepEqual(allowed(circlePolicy.giveCredit, true, new Set(['updates'] as const)), ['owner']);
  });

  test('the owner alone reads the access log, exports and asks for deletion', () => {
    for (const check of [circlePolicy.viewAccessLog, circlePolicy.export, circlePolicy.requestDeletion]) {
      assert.deepEqual(allowed(check), ['owner']);
      assert.deepEqual(allowed(check, false), ['owner']);
    }
  });

  test('frozen (no consent or deletion pending): the owner reads, nobody changes anything but the consent', () => {
    assert.deepEqual(allowed(circlePolicy.view, false), ['owner']);
    assert.deepEqual(allowed(circlePolicy.viewNeeds, false), ['owner']);
    for (const check of [
      circlePolicy.update,
      circlePolicy.manageNeeds,
      circlePolicy.claim,
      circlePolicy.post,
      circlePolicy.editMap,
    ])
      assert.deepEqual(allowed(check, false), []);
    assert.deepEqual(allowed(circlePolicy.grantConsent, false), ['owner']);
    assert.deepEqual(allowed(circlePolicy.withdrawConsent, false), []);
    assert.deepEqual(allowed(circlePolicy.withdrawConsent), ['owner']);
  });

  test('parts outside the consent’s scope are the owner’s alone', () => {
    const onlyCalendar = new Set(['care_calendar'] as const);
    assert.deepEqual(allowed(circlePolicy.viewMap, true, onlyCalendar), ['owner']);
    assert.deepEqual(allowed(circlePolicy.viewUpdates, true, onlyCalendar), ['owner']);
    assert.deepEqual(allowed(circlePolicy.viewNeeds, true, onlyCalendar), [
      'owner',
      'coordinator',
      'helper',
      'professional',
      'viewer',
    ]);
  });

  test('the owner removes anyone but an owner, coordinators remove helpers and viewers, everyone else may leave', () => {
    const targets: CircleRole[] = ['owner', 'coordinator', 'helper', 'professional', 'viewer'];
    const removable = (who: Who) => targets.filter((t) => circlePolicy.removeMember(access(who), t, false));
    assert.deepEqual(removable('owner'), ['coordinator', 'helper', 'professional', 'viewer']);
    assert.deepEqual(removable('coordinator'), ['helper', 'viewer']);
    assert.deepEqual(removable('helper'), []);
    assert.equal(circlePolicy.removeMember(access('helper'), 'helper', true), true);
    assert.equal(circlePolicy.removeMember(access('owner'), 'owner', true), false);
    assert.equal(circlePolicy.removeOwner(access('owner'), true, false), true, 'the person removes a proxy');
    assert.equal(
      circlePolicy.removeOwner(access('owner'), false, true),
      false,
      'a proxy never removes the person',
    );
    assert.equal(circlePolicy.removeOwner(access('coordinator'), true, false), false);
  });

  test('invitations: the owner invites anyone (also the person at the centre); coordinators helpers, professionals, viewers', () => {
    assert.deepEqual(
      allowed((a) => circlePolicy.invite(a, 'helper')),
      ['owner', 'coordinator'],
    );
    assert.deepEqual(
      allowed((a) => circlePolicy.invite(a, 'person')),
      ['owner'],
    );
    assert.deepEqual(
      allowed((a) => circlePolicy.invite(a, 'coordinator')),
      ['owner'],
    );
    assert.deepEqual(allowed(circlePolicy.inviteSomeone), ['owner', 'coordinator'], 'anyone at all');
    assert.deepEqual(allowed(circlePolicy.inviteSomeone, false), [], 'nobody while frozen');
  });

  test('a member in the list: owners are removed by the person only, others by removeMember; no owner changes role', () => {
    const member = (role: CircleRole, self = false, actorIsPerson = false, targetIsPerson = false) => ({
      role,
      self,
      actorIsPerson,
      targetIsPerson,
    });
    assert.deepEqual(
      allowed((a) => circlePolicy.removeThisMember(a, member('helper'))),
      ['owner', 'coordinator'],
    );
    assert.deepEqual(
      allowed((a) => circlePolicy.removeThisMember(a, member('viewer', true))),
      ['owner', 'coordinator', 'helper', 'professional', 'viewer'],
      'everyone may leave',
    );
    assert.deepEqual(
      allowed((a) => circlePolicy.removeThisMember(a, member('owner', false, true, false))),
      ['owner'],
      "the person takes a proxy's ownership away",
    );
    assert.deepEqual(
      allowed((a) => circlePolicy.removeThisMember(a, member('owner', false, false, true))),
      [],
    );
    assert.deepEqual(
      allowed((a) => circlePolicy.changeRoleOf(a, member('helper'))),
      ['owner'],
    );
    assert.deepEqual(
      allowed((a) => circlePolicy.changeRoleOf(a, member('owner'))),
      [],
    );
    assert.deepEqual(
      allowed((a) => circlePolicy.changeRoleOf(a, member('helper')), false),
      [],
    );
  });

  test('a need: claim an unclaimed open one; give back or finish mine (organisers any); credit only others', () => {
    const need = (open: boolean, claimed: boolean, mine: boolean) => ({ open, claimed, mine });
    const helpers = ['owner', 'coordinator', 'helper', 'professional'];
    assert.deepEqual(
      allowed((a) => circlePolicy.claimNeed(a, need(true, false, false))),
      helpers,
    );
    assert.deepEqual(
      allowed((a) => circlePolicy.claimNeed(a, need(true, true, false))),
      [],
    );
    assert.deepEqual(
      allowed((a) => circlePolicy.claimNeed(a, need(false, false, false))),
      [],
    );
    for (const rule of [circlePolicy.unclaimNeed, circlePolicy.finishNeed]) {
      assert.deepEqual(
        // an outsider never claimed a need: the routes answer 404 before any need is looked at
        allowed((a) => rule(a, need(true, true, true))).filter((r) => r !== 'outsider'),
        ['owner', 'coordinator', 'helper', 'professional', 'viewer'],
      );
      assert.deepEqual(
        allowed((a) => rule(a, need(true, true, false))),
        ['owner', 'coordinator'],
      );
      assert.deepEqual(
        allowed((a) => rule(a, need(true, false, false))),
        [],
        'nobody claimed it',
      );
      assert.deepEqual(
        allowed((a) => rule(a, need(false, true, true))),
        [],
        'already done',
      );
      assert.deepEqual(
        allowed((a) => rule(a, need(true, true, true)), false),
        [],
        'frozen',
      );
    }
    assert.deepEqual(
      allowed((a) => circlePolicy.creditNeed(a, need(true, true, false))),
      ['owner', 'coordinator'],
    );
    assert.deepEqual(
      allowed((a) => circlePolicy.creditNeed(a, need(true, true, true))),
      [],
      'never oneself',
    );
  });

  test('a circle nobody owns yet: the professional who opened it prepares it and invites only its owner', () => {
    // while preparing, only the professional who opened it is in the circle
    const preparing = access('professional', true, everything, true);
    const prepared = (rule: (a: CircleAccess) => boolean) => rule(preparing);
    for (const rule of [
      circlePolicy.view,
      circlePolicy.update,
      circlePolicy.manageNeeds,
      circlePolicy.editMap,
      circlePolicy.editTeam,
      circlePolicy.post,
      circlePolicy.viewConsents,
      circlePolicy.inviteOwner,
      circlePolicy.requestDeletion,
      circlePolicy.seeEmails,
    ])
      assert.equal(prepared(rule), true, rule.name);
    assert.equal(circlePolicy.invite(preparing, 'person'), true);
    assert.equal(circlePolicy.invite(preparing, 'representative'), true);
    for (const role of ['coordinator', 'helper', 'relative', 'professional', 'viewer'] as const)
      assert.equal(
        circlePolicy.invite(preparing, role),
        false,
        `nobody else joins before the owner: ${role}`,
      );
    assert.equal(circlePolicy.inviteSomeone(preparing), false);
    for (const rule of [
      circlePolicy.changeRole,
      circlePolicy.viewAccessLog,
      circlePolicy.export,
      circlePolicy.withdrawConsent,
    ])
      assert.equal(prepared(rule), false, `${rule.name}: the owner's`);
    assert.equal(
      circlePolicy.removeMember(preparing, 'professional', true),
      false,
      'it is not left to no one',
    );
    assert.equal(circlePolicy.requestDeletion(access('professional', false, everything, true)), false);

    // once someone owns it, the professional is a professional like any other
    const owned = access('professional');
    assert.deepEqual(allowed(circlePolicy.seeEmails), ['owner', 'coordinator']);
    for (const rule of [
      circlePolicy.seeEmails,
      circlePolicy.update,
      circlePolicy.inviteOwner,
      circlePolicy.inviteSomeone,
      circlePolicy.requestDeletion,
    ])
      assert.equal(rule(owned), false, rule.name);
    assert.equal(circlePolicy.removeMember(owned, 'professional', true), true, 'and may leave');
    // the owner invites a representative; coordinators do not
    assert.deepEqual(
      allowed((a) => circlePolicy.invite(a, 'representative')),
      ['owner'],
    );
    assert.deepEqual(allowed(circlePolicy.inviteOwner), ['owner']);
  });

  test('a relative may do exactly what a helper may, and is invited and removed like one', () => {
    const as = (role: CircleRole, live: boolean, scope: CircleAccess['scope']): CircleAccess => ({
      role,
      live,
      scope,
      preparing: false,
    });
    const scopes: CircleAccess['scope'][] = [everything, new Set(), new Set(['care_calendar'] as const)];
    const states = [true, false].flatMap((live) => scopes.map((scope) => ({ live, scope })));
    const needs = [true, false].flatMap((open) =>
      [true, false].flatMap((claimed) => [true, false].map((mine) => ({ open, claimed, mine }))),
    );
    const targets: CircleRole[] = ['owner', 'coordinator', 'helper', 'relative', 'professional', 'viewer'];
    let compared = 0;
    for (const { live, scope } of states) {
      const same = (what: string, rule: (a: CircleAccess) => boolean) => {
        compared++;
        assert.equal(
          rule(as('relative', live, scope)),
          rule(as('helper', live, scope)),
          `${what} (live ${live}, scope ${[...scope].join('+')})`,
        );
      };
      for (const [name, rule] of Object.entries(circlePolicy))
        if (rule.length === 1 && name !== 'create') same(name, rule as (a: CircleAccess) => boolean);
      for (const role of ['person', 'coordinator', 'helper', 'relative', 'professional', 'viewer'] as const)
        same(`invite ${role}`, (a) => circlePolicy.invite(a, role));
      for (const target of targets)
        for (const self of [true, false])
          same(`remove ${target}`, (a) => circlePolicy.removeMember(a, target, self));
      for (const n of needs) {
        same('claimNeed', (a) => circlePolicy.claimNeed(a, n));
        same('unclaimNeed', (a) => circlePolicy.unclaimNeed(a, n));
        same('finishNeed', (a) => circlePolicy.finishNeed(a, n));
        same('creditNeed', (a) => circlePolicy.creditNeed(a, n));
      }
      for (const v of circleVisibilities)
        for (const mine of [true, false]) same(`seeItem ${v}`, (a) => circlePolicy.seeItem(a, v, mine));
      for (const mine of [true, false]) same('deletePost', (a) => circlePolicy.deletePost(a, mine));
      // as the one acted on: whoever may invite or remove a helper may do the same to a relative
      for (const actor of targets) {
        const a = as(actor, live, scope);
        assert.equal(
          circlePolicy.invite(a, 'relative'),
          circlePolicy.invite(a, 'helper'),
          `${actor} invites`,
        );
        for (const self of [true, false])
          assert.equal(
            circlePolicy.removeMember(a, 'relative', self),
            circlePolicy.removeMember(a, 'helper', self),
            `${actor} removes`,
          );
      }
    }
    assert.ok(compared > 200, String(compared));
    assert.equal(circlePolicy.claim(as('relative', true, everything)), true, 'relatives lend a hand');
    assert.equal(circlePolicy.viewMap(as('relative', true, everything)), false, 'the map is not theirs');
  });

  test('per-item visibility: all members; coordinators and professionals; the owner only (authors see their own)', () => {
    assert.deepEqual(
      allowed((a) => circlePolicy.seeItem(a, 'all_members')),
      ['owner', 'coordinator', 'helper', 'professional', 'viewer'],
    );
    assert.deepEqual(
      allowed((a) => circlePolicy.seeItem(a, 'coordinators_professionals')),
      ['owner', 'coordinator', 'professional'],
    );
    assert.deepEqual(
      allowed((a) => circlePolicy.seeItem(a, 'owner_only')),
      ['owner'],
    );
    assert.equal(circlePolicy.seeItem(access('helper'), 'owner_only', true), true);
    assert.equal(circlePolicy.seeItem(access('outsider'), 'all_members', true), false);
  });
});
