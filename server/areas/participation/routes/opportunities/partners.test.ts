import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../../test/helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../../../../../test/helpers/factories.ts';

const hour = 3600_000;
const today = () => new Date().toISOString().slice(0, 10);

/**
 * Joint opportunities need the partner's consent: naming an organisation invites it, and only after
 * one of its coordinators accepts does it run the opportunity (rosters with names and emails, hours,
 * CSV, messages, editing, "run jointly by", the community graph, the certificate).
 */
describe('partners of a joint opportunity: invited, accepted, declined, removed', () => {
  let t: TestApp;
  let centre: { id: string; name: string };
  let diakonie: { id: string; name: string };
  let sport: { id: string; name: string };
  let petra: TestUser; // staff of the centre (the lead)
  let diakonieStaff: TestUser;
  let diakonieVolunteer: TestUser;
  let sportAdmin: TestUser;
  let both: TestUser; // staff of the centre and of the sports club
  let olga: TestUser; // volunteer signed up
  let jointId: string;
  let shiftId: string;

  type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
  const call = (user: TestUser | null, method: Method, url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: user?.headers ?? {},
      ...(payload ? { payload } : {}),
    });
  const accept = (user: TestUser, opportunity: string, org: string) =>
    call(user, 'POST', `/opportunities/${opportunity}/partners/${org}/accept`);
  const decline = (user: TestUser, opportunity: string, org: string) =>
    call(user, 'POST', `/opportunities/${opportunity}/partners/${org}/decline`);
  const remove = (user: TestUser, opportunity: string, org: string) =>
    call(user, 'DELETE', `/opportunities/${opportunity}/partners/${org}`);
  const create = async (user: TestUser, body: object) => {
    const r = await call(user, 'POST', '/opportunities', {
      level: 'event_project',
      mode: 'on_site',
      ...body,
    });
    assert.equal(r.statusCode, 201, r.body);
    return r.json();
  };
  const rows = (opportunityId: string) =>
    t.db
      .selectFrom('opportunity_organisation')
      .select(['organisation_id', 'status', 'is_lead'])
      .where('opportunity_id', '=', opportunityId)
      .orderBy('is_lead', 'desc')
      .execute();
  const notificationsOf = (user: TestUser, kind: string) =>
    t.db
      .selectFrom('notification')
      .select(['params', 'link'])
      .where('account_id', '=', user.id)
      .where('kind', '=', kind)
      .execute();
  const audited = (action: string, entityId: string) =>
    t.db
      .selectFrom('audit_log')
      .select(['actor_id', 'details'])
      .where('action', '=', action)
      .where('entity_id', '=', entityId)
      .execute();
  const edges = (opportunityId: string) =>
    t.db
      .selectFrom('interaction')
      .select(['a_id', 'b_id'])
      .where('source_type', '=', 'opportunity')
      .where('source_id', '=', opportunityId)
      .execute();

  before(async () => {
    t = await createTestApp();
    centre = await createOrganisation(t, { name: 'Nachbarschaftszentrum' });
    diakonie = await createOrganisation(t, { name: 'Diakonie' });
    sport = await createOrganisation(t, { name: 'Sportverein' });
    petra = await createUser(t, { displayName: 'Petra', memberOf: [[centre.id, 'staff']] });
    diakonieStaff = await createUser(t, { displayName: 'Dana', memberOf: [[diakonie.id, 'staff']] });
    diakonieVolunteer = await createUser(t, { memberOf: [[diakonie.id, 'volunteer']] });
    sportAdmin = await createUser(t, { memberOf: [[sport.id, 'admin']] });
    both = await createUser(t, {
      memberOf: [
        [centre.id, 'staff'],
        [sport.id, 'staff'],
      ],
    });
    olga = await createUser(t, { displayName: 'Olga Ortmann', email: 'olga.ortmann@example.org' });

    const joint = await create(petra, {
      title: 'Stadtteilfest gemeinsam',
      organisationIds: [centre.id, diakonie.id],
      status: 'published',
    });
    jointId = joint.id;
    const shift = await call(petra, 'POST', `/opportunities/${jointId}/shifts`, {
      startsAt: new Date(Date.now() - 0.5 * hour).toISOString(),
      endsAt: new Date(Date.now() + 2 * hour).toISOString(),
      capacity: 5,
    });
    assert.equal(shift.statusCode, 201, shift.body);
    shiftId = shift.json().id;
    assert.equal((await call(olga, 'POST', `/shifts/${shiftId}/signup`)).statusCode, 201);
  });
  after(() => t.close());

  test('naming a partner invites it: it does not run the opportunity, its coordinators are told', async () => {
    assert.deepEqual(await rows(jointId), [
      { organisation_id: centre.id, status: 'accepted', is_lead: true },
      { organisation_id: diakonie.id, status: 'invited', is_lead: false },
    ]);
    const [told] = await notificationsOf(diakonieStaff, 'opportunity.partner_invited');
    assert.deepEqual(told?.params, {
      title: 'Stadtteilfest gemeinsam',
      lead: 'Nachbarschaftszentrum',
      organisation: 'Diakonie',
    });
    assert.equal(told?.link, `/mitmachen/koordination?org=${diakonie.id}#einladungen`);
    assert.deepEqual(await notificationsOf(diakonieVolunteer, 'opportunity.partner_invited'), []);
    assert.deepEqual(await notificationsOf(petra, 'opportunity.partner_invited'), []);
    const [entry] = await audited('opportunity.created', jointId);
    assert.deepEqual((entry?.details as { invited?: string[] } | undefined)?.invited, [diakonie.id]);

    // publicly it is the centre's alone, and nobody outside learns of the invitation
    const seen = (await call(null, 'GET', `/opportunities/${jointId}`)).json();
    assert.deepEqual(seen.organisations, [{ id: centre.id, name: 'Nachbarschaftszentrum', isLead: true }]);
    assert.deepEqual(seen.invitedOrganisations, []);
    assert.deepEqual(
      (await call(sportAdmin, 'GET', `/opportunities/${jointId}`)).json().invitedOrganisations,
      [],
    );
    const asLead = (await call(petra, 'GET', `/opportunities/${jointId}`)).json();
    assert.deepEqual(
      asLead.invitedOrganisations.map((o: { name: string }) => o.name),
      ['Diakonie'],
    );
    assert.equal(asLead.abilities.managePartners, true);
    const asInvited = (await call(diakonieStaff, 'GET', `/opportunities/${jointId}`)).json();
    assert.deepEqual(
      asInvited.invitedOrganisations.map((o: { id: string }) => o.id),
      [diakonie.id],
    );
    assert.deepEqual(asInvited.abilities, {
      update: false,
      close: false,
      manageShifts: false,
      managePartners: false,
    });
    const indexed = await t.db
      .selectFrom('search_document')
      .select('body')
      .where('entity_id', '=', jointId)
      .executeTakeFirstOrThrow();
    assert.ok(!indexed.body.includes('Diakonie'), 'the search does not name it as running it');
    const theirs = (await call(diakonieStaff, 'GET', `/opportunities?organisationId=${diakonie.id}`)).json();
    assert.equal(theirs.total, 0, "not in the organisation's own list");
    assert.deepEqual(await edges(jointId), []);
  });

  test("an invited organisation's staff do not see the roster, its export, hours or messages, and cannot edit", async () => {
    const roster = await call(diakonieStaff, 'GET', `/shifts/${shiftId}/roster`);
    assert.equal(roster.statusCode, 403);
    assert.ok(!roster.body.includes('olga.ortmann'), 'no email of a volunteer');
    assert.equal((await call(diakonieStaff, 'GET', `/shifts/${shiftId}/roster.csv`)).statusCode, 403);
    assert.equal(
      (
        await call(diakonieStaff, 'POST', `/shifts/${shiftId}/message`, {
          subject: 'Hallo',
          body: 'Wir sind jetzt dabei.',
        })
      ).statusCode,
      403,
    );
    assert.equal(
      (await call(diakonieStaff, 'PATCH', `/opportunities/${jointId}`, { place: 'Kirche' })).statusCode,
      403,
    );
    assert.equal(
      (
        await call(diakonieStaff, 'POST', `/opportunities/${jointId}/shifts`, {
          startsAt: new Date(Date.now() + 48 * hour).toISOString(),
          endsAt: new Date(Date.now() + 50 * hour).toISOString(),
          capacity: 2,
        })
      ).statusCode,
      403,
    );
    const signup = (await call(petra, 'GET', `/shifts/${shiftId}/roster`)).json().items[0].signupId;
    assert.equal(
      (await call(diakonieStaff, 'POST', `/shifts/${shiftId}/signups/${signup}/check-in`)).statusCode,
      403,
    );
    // a volunteer cannot send hours of this opportunity to an organisation that does not run it
    const logged = await call(olga, 'POST', '/hours', {
      organisationId: diakonie.id,
      opportunityId: jointId,
      activity: 'Aufbau',
      date: today(),
      minutes: 60,
    });
    assert.equal(logged.statusCode, 422);
    assert.equal(logged.json().errors[0].field, '/opportunityId');
    // a draft with an invitation: the invited organisation may look at it, everyone else gets 404
    const draft = await create(petra, {
      title: 'Lesung im Entwurf',
      organisationIds: [centre.id, diakonie.id],
    });
    assert.equal((await call(diakonieStaff, 'GET', `/opportunities/${draft.id}`)).statusCode, 200);
    assert.equal((await call(diakonieVolunteer, 'GET', `/opportunities/${draft.id}`)).statusCode, 404);
    assert.equal((await call(sportAdmin, 'GET', `/opportunities/${draft.id}`)).statusCode, 404);
    assert.equal(
      (await call(sportAdmin, 'POST', `/opportunities/${draft.id}/partners/${diakonie.id}/accept`))
        .statusCode,
      404,
    );
  });

  test('the invitations waiting for my organisations; nobody else answers them', async () => {
    const mine = await call(diakonieStaff, 'GET', '/opportunities/partner-invitations');
    assert.equal(mine.statusCode, 200, mine.body);
    const items = mine.json().items as {
      opportunity: { id: string; title: string; status: string };
      organisation: { id: string };
      lead: { name: string };
    }[];
    assert.deepEqual(
      items.map((i) => [i.opportunity.title, i.organisation.id, i.lead.name]),
      [
        ['Stadtteilfest gemeinsam', diakonie.id, 'Nachbarschaftszentrum'],
        ['Lesung im Entwurf', diakonie.id, 'Nachbarschaftszentrum'],
      ],
    );
    assert.equal((await call(petra, 'GET', '/opportunities/partner-invitations')).json().total, 0);
    assert.equal(
      (await call(diakonieVolunteer, 'GET', '/opportunities/partner-invitations')).json().total,
      0,
    );
    assert.equal((await call(null, 'GET', '/opportunities/partner-invitations')).statusCode, 401);
    assert.equal(
      (await call(petra, 'GET', `/opportunities/partner-invitations?organisationId=${diakonie.id}`))
        .statusCode,
      403,
    );
    // the lead knows of the invitation but cannot answer for the Diakonie; its volunteers and strangers do not know of it
    assert.equal((await accept(petra, jointId, diakonie.id)).statusCode, 403);
    assert.equal((await decline(petra, jointId, diakonie.id)).statusCode, 403);
    assert.equal((await accept(diakonieVolunteer, jointId, diakonie.id)).statusCode, 404);
    assert.equal((await accept(sportAdmin, jointId, diakonie.id)).statusCode, 404);
    assert.equal((await accept(diakonieStaff, jointId, sport.id)).statusCode, 404, 'no such invitation');
    assert.equal(
      (await call(null, 'POST', `/opportunities/${jointId}/partners/${diakonie.id}/accept`)).statusCode,
      401,
    );
    assert.equal((await rows(jointId))[1]?.status, 'invited');
  });

  test('after accepting, the partner runs it: roster, export, messages, editing, run jointly, the interaction record', async () => {
    const r = await accept(diakonieStaff, jointId, diakonie.id);
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(
      r.json().organisations.map((o: { name: string }) => o.name),
      ['Nachbarschaftszentrum', 'Diakonie'],
    );
    assert.deepEqual(r.json().invitedOrganisations, []);
    assert.equal(r.json().abilities.update, true);
    assert.equal(r.json().abilities.managePartners, false, 'partners do not manage partners');
    const roster = await call(diakonieStaff, 'GET', `/shifts/${shiftId}/roster`);
    assert.equal(roster.statusCode, 200);
    assert.equal(roster.json().items[0].email, 'olga.ortmann@example.org');
    assert.equal((await call(diakonieStaff, 'GET', `/shifts/${shiftId}/roster.csv`)).statusCode, 200);
    assert.equal(
      (await call(diakonieStaff, 'PATCH', `/opportunities/${jointId}`, { place: 'Kirchplatz' })).statusCode,
      200,
    );
    const seen = (await call(null, 'GET', `/opportunities/${jointId}`)).json();
    assert.deepEqual(
      seen.organisations.map((o: { name: string }) => o.name),
      ['Nachbarschaftszentrum', 'Diakonie'],
    );
    const pair = await edges(jointId);
    assert.equal(pair.length, 1);
    assert.deepEqual([pair[0]!.a_id, pair[0]!.b_id].sort(), [centre.id, diakonie.id].sort());
    const [told] = await notificationsOf(petra, 'opportunity.partner_accepted');
    assert.deepEqual(told?.params, { title: 'Stadtteilfest gemeinsam', organisation: 'Diakonie' });
    const [entry] = await audited('opportunity.partner_accepted', jointId);
    assert.equal(entry?.actor_id, diakonieStaff.id);
    const again = await accept(diakonieStaff, jointId, diakonie.id);
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().code, 'opportunity.partner_answered');
    assert.equal((await decline(diakonieStaff, jointId, diakonie.id)).statusCode, 409);
    assert.equal(
      (await call(diakonieStaff, 'GET', '/opportunities/partner-invitations')).json().total,
      1,
      'only the draft is still waiting',
    );
  });

  test('the certificate names only organisations that run the opportunity', async () => {
    const volunteer = await createUser(t, { displayName: 'Vera' });
    const other = await create(petra, {
      title: 'Kleiderkammer sortieren',
      organisationIds: [centre.id, sport.id],
      status: 'published',
    });
    const log = (organisationId: string) =>
      call(volunteer, 'POST', '/hours', {
        organisationId,
        opportunityId: other.id,
        activity: 'Kleiderkammer sortiert',
        date: today(),
        minutes: 90,
      });
    assert.equal((await log(sport.id)).statusCode, 422, 'the sports club has not accepted');
    const withCentre = await log(centre.id);
    assert.equal(withCentre.statusCode, 201, withCentre.body);
    assert.equal((await call(petra, 'POST', `/hours/${withCentre.json().id}/confirm`, {})).statusCode, 200);
    const names = async () =>
      (await call(volunteer, 'GET', '/hours/certificate'))
        .json()
        .organisations.map((o: { name: string }) => o.name);
    assert.deepEqual(await names(), ['Nachbarschaftszentrum']);
    assert.equal((await accept(sportAdmin, other.id, sport.id)).statusCode, 200);
    const withSport = await log(sport.id);
    assert.equal(withSport.statusCode, 201, withSport.body);
    assert.equal(
      (await call(sportAdmin, 'POST', `/hours/${withSport.json().id}/confirm`, {})).statusCode,
      200,
    );
    assert.deepEqual((await names()).sort(), ['Nachbarschaftszentrum', 'Sportverein']);
  });

  test('declining removes the invitation; the invited organisation no longer sees the draft', async () => {
    const draft = await create(petra, {
      title: 'Nachtlauf planen',
      organisationIds: [centre.id, diakonie.id],
    });
    assert.equal((await call(diakonieStaff, 'GET', `/opportunities/${draft.id}`)).statusCode, 200);
    const r = await decline(diakonieStaff, draft.id, diakonie.id);
    assert.equal(r.statusCode, 204, r.body);
    assert.deepEqual(
      (await rows(draft.id)).map((x) => x.organisation_id),
      [centre.id],
    );
    assert.equal((await call(diakonieStaff, 'GET', `/opportunities/${draft.id}`)).statusCode, 404);
    assert.equal((await decline(diakonieStaff, draft.id, diakonie.id)).statusCode, 404);
    const told = await notificationsOf(petra, 'opportunity.partner_declined');
    assert.ok(told.some((n) => (n.params as { title: string }).title === 'Nachtlauf planen'));
    assert.equal((await audited('opportunity.partner_declined', draft.id)).length, 1);
    // the lead may ask again; that is a new invitation
    const again = await call(petra, 'PATCH', `/opportunities/${draft.id}`, {
      organisationIds: [centre.id, diakonie.id],
    });
    assert.equal(again.statusCode, 200, again.body);
    assert.equal((await rows(draft.id))[1]?.status, 'invited');
  });

  test('the lead withdraws invitations and removes partners; a partner leaves; nobody removes the lead', async () => {
    const o = await create(petra, {
      title: 'Winterhilfe',
      organisationIds: [centre.id, diakonie.id, sport.id],
      status: 'published',
    });
    assert.equal((await accept(diakonieStaff, o.id, diakonie.id)).statusCode, 200);
    // the lead stays: not removable, not replaceable, also not by the database
    const leadOut = await remove(petra, o.id, centre.id);
    assert.equal(leadOut.statusCode, 422);
    assert.equal(leadOut.json().code, 'opportunity.lead_stays');
    assert.equal((await remove(diakonieStaff, o.id, centre.id)).statusCode, 403);
    const swapped = await call(petra, 'PATCH', `/opportunities/${o.id}`, {
      organisationIds: [diakonie.id, centre.id],
    });
    assert.equal(swapped.statusCode, 422);
    assert.equal(swapped.json().errors[0].field, '/organisationIds');
    await assert.rejects(
      t.db
        .updateTable('opportunity_organisation')
        .set({ status: 'invited' })
        .where('opportunity_id', '=', o.id)
        .where('is_lead', '=', true)
        .execute(),
      /opportunity_lead_accepted/,
    );
    // a partner does not decide about other partners
    assert.equal((await remove(diakonieStaff, o.id, sport.id)).statusCode, 403);
    assert.equal((await remove(sportAdmin, o.id, diakonie.id)).statusCode, 403, 'public partner: 403');
    // the lead withdraws the sports club's invitation (through the editor's list)
    const withdrawn = await call(petra, 'PATCH', `/opportunities/${o.id}`, {
      organisationIds: [centre.id, diakonie.id],
    });
    assert.equal(withdrawn.statusCode, 200, withdrawn.body);
    assert.deepEqual(
      (await rows(o.id)).map((x) => [x.organisation_id, x.status]),
      [
        [centre.id, 'accepted'],
        [diakonie.id, 'accepted'],
      ],
    );
    const [removedNotice] = (await notificationsOf(sportAdmin, 'opportunity.partner_removed')).filter(
      (n) => (n.params as { title: string }).title === 'Winterhilfe',
    );
    assert.ok(removedNotice, 'the sports club is told');
    const [changed] = await audited('opportunity.updated', o.id);
    assert.deepEqual((changed?.details as { removed?: string[] } | undefined)?.removed, [sport.id]);
    // the Diakonie leaves: from then on it sees the roster no more
    const shift = await call(petra, 'POST', `/opportunities/${o.id}/shifts`, {
      startsAt: new Date(Date.now() + 72 * hour).toISOString(),
      endsAt: new Date(Date.now() + 74 * hour).toISOString(),
      capacity: 3,
    });
    const sid = shift.json().id;
    assert.equal((await call(diakonieStaff, 'GET', `/shifts/${sid}/roster`)).statusCode, 200);
    assert.equal((await remove(diakonieStaff, o.id, diakonie.id)).statusCode, 204);
    assert.equal((await call(diakonieStaff, 'GET', `/shifts/${sid}/roster`)).statusCode, 403);
    assert.deepEqual(
      (await call(null, 'GET', `/opportunities/${o.id}`))
        .json()
        .organisations.map((x: { name: string }) => x.name),
      ['Nachbarschaftszentrum'],
    );
    assert.ok(
      (await notificationsOf(petra, 'opportunity.partner_left')).some(
        (n) => (n.params as { title: string }).title === 'Winterhilfe',
      ),
    );
    assert.equal((await audited('opportunity.partner_left', o.id)).length, 1);
    assert.equal((await remove(diakonieStaff, o.id, diakonie.id)).statusCode, 404, 'no longer a partner');
  });

  test('someone who acts for both organisations speaks for both: the partner joins at once', async () => {
    const o = await create(both, {
      title: 'Sportfest im Quartier',
      organisationIds: [centre.id, sport.id],
      status: 'published',
    });
    assert.deepEqual(
      (await rows(o.id)).map((x) => x.status),
      ['accepted', 'accepted'],
    );
    assert.deepEqual(
      o.organisations.map((x: { name: string }) => x.name),
      ['Nachbarschaftszentrum', 'Sportverein'],
    );
    const invitedNotices = (await notificationsOf(sportAdmin, 'opportunity.partner_invited')).filter(
      (n) => (n.params as { title: string }).title === 'Sportfest im Quartier',
    );
    assert.deepEqual(invitedNotices, []);
    assert.equal((await edges(o.id)).length, 1);
  });
});
