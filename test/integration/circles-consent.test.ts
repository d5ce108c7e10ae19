import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../helpers/factories.ts';
import { api, circleWithEveryRole, consentByPerson, type EveryRole } from './circles-fixture.ts';

describe('support circles: opening a circle and consent', () => {
  let t: TestApp;
  let call: ReturnType<typeof api>;
  let k: EveryRole;

  before(async () => {
    t = await createTestApp();
    call = api(t);
    k = await circleWithEveryRole(t);
  });
  after(() => t.close());

  test('a person opens a circle around themselves: they own it and their digital consent covers every part', async () => {
    const jonas = await createUser(t, { displayName: 'Jonas' });
    const res = await call(jonas, 'POST', '/', {});
    assert.equal(res.statusCode, 201, res.body);
    const c = res.json();
    assert.equal(c.personLabel, 'Jonas');
    assert.equal(c.myRole, 'owner');
    assert.equal(c.status, 'active');
    assert.deepEqual([...c.consentScope].sort(), ['care_calendar', 'network_map', 'team', 'updates']);
    const consents = (await call(jonas, 'GET', `/${c.id}/consents`)).json().items;
    assert.equal(consents.length, 1);
    assert.equal(consents[0].givenBy, 'person');
    assert.equal(consents[0].method, 'digital');
    const mine = (await call(jonas, 'GET', '/')).json().items;
    assert.deepEqual(
      mine.map((x: { id: string }) => x.id),
      [c.id],
    );
  });

  test('only staff of the organisation open a circle on someone’s behalf, and only with the legal basis', async () => {
    const volunteer = await createUser(t, { memberOf: [[k.org.id, 'volunteer']] });
    const body = (consent: object) => ({
      onBehalf: { organisationId: k.org.id, person: { label: 'Frau L.' }, consent },
    });
    const refused = await call(volunteer, 'POST', '/', body(consentByPerson));
    assert.equal(refused.statusCode, 422);
    assert.equal(refused.json().code, 'circle.not_for_organisation');
    const noBasis = await call(
      k.coordinator,
      'POST',
      '/',
      body({ ...consentByPerson, legalBasis: undefined }),
    );
    assert.equal(noBasis.statusCode, 422);
    assert.equal(noBasis.json().errors[0].field, '/onBehalf/consent/legalBasis');
    const guardianWithoutName = await call(
      k.coordinator,
      'POST',
      '/',
      body({ ...consentByPerson, givenBy: 'legal_guardian' }),
    );
    assert.equal(guardianWithoutName.statusCode, 422);
  });

  test('a person without an account: the professional is the named proxy and owns it; the guardian’s consent is recorded', async () => {
    const res = await call(k.coordinator, 'POST', '/', {
      onBehalf: {
        organisationId: k.org.id,
        person: { label: 'Frau L.', email: 'Frau.L@example.org' },
        consent: {
          givenBy: 'legal_guardian',
          guardianName: 'Betreuer Meier',
          method: 'written',
          scope: ['care_calendar'],
          givenAt: '2026-11-20T10:00:00.000Z',
          legalBasis: 'Betreuungsvertrag vom 1.10.2026',
        },
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    const c = res.json();
    assert.equal(c.myRole, 'owner');
    assert.equal(c.personHasAccount, false);
    assert.equal(c.personEmail, 'frau.l@example.org');
    assert.deepEqual(c.consentScope, ['care_calendar']);
    const [consent] = (await call(k.coordinator, 'GET', `/${c.id}/consents`)).json().items;
    assert.equal(consent.givenBy, 'legal_guardian');
    assert.equal(consent.guardianName, 'Betreuer Meier');
    assert.equal(consent.method, 'written');
    assert.equal(consent.givenAt, '2026-11-20T10:00:00.000Z');
    assert.equal(consent.legalBasis, 'Betreuungsvertrag vom 1.10.2026');
    assert.equal(consent.organisation.id, k.org.id);
    assert.equal(consent.recordedBy.name, 'Aylin');
  });

  test('consent records are never edited or deleted, not even directly in the database', async () => {
    await assert.rejects(
      sql`UPDATE circle_consent SET method = 'digital' WHERE circle_id = ${k.circleId}`.execute(t.db),
      /append-only/,
    );
    await assert.rejects(
      sql`DELETE FROM circle_consent WHERE circle_id = ${k.circleId}`.execute(t.db),
      /append-only/,
    );
  });

  test('withdrawing consent freezes the circle: the owner still reads it, nobody else even sees it', async () => {
    const { circleId } = k;
    const everyoneElse: TestUser[] = [k.coordinator, k.helper, k.professional, k.viewer];
    // only an owner withdraws
    const byCoordinator = await call(k.coordinator, 'POST', `/${circleId}/consents`, {
      ...consentByPerson,
      kind: 'withdrawn',
    });
    assert.equal(byCoordinator.statusCode, 403);
    const withdrawn = await call(k.owner, 'POST', `/${circleId}/consents`, {
      kind: 'withdrawn',
      givenBy: 'person',
      method: 'in_person',
      scope: [],
    });
    assert.equal(withdrawn.statusCode, 201, withdrawn.body);
    assert.equal(withdrawn.json().status, 'frozen');

    for (const path of ['', '/members', '/needs', '/map', '/updates', '/team', '/consents']) {
      assert.equal((await call(k.owner, 'GET', `/${circleId}${path}`)).statusCode, 200, `owner ${path}`);
      assert.equal((await call(k.proxy, 'GET', `/${circleId}${path}`)).statusCode, 200, `proxy ${path}`);
      for (const u of everyoneElse)
        assert.equal(
          (await call(u, 'GET', `/${circleId}${path}`)).statusCode,
          404,
          `${u.displayName} ${path}`,
        );
    }
    for (const u of everyoneElse) {
      const list = (await call(u, 'GET', '/')).json().items;
      assert.ok(!list.some((c: { id: string }) => c.id === circleId));
    }
    // read-only for the owner
    const post = await call(k.owner, 'POST', `/${circleId}/updates`, {
      body: 'Hallo',
      visibility: 'all_members',
    });
    assert.equal(post.statusCode, 409);
    assert.equal(post.json().code, 'circle.frozen');

    // renewed: everyone is back
    const renewed = await call(k.owner, 'POST', `/${circleId}/consents`, {
      kind: 'granted',
      givenBy: 'person',
      method: 'digital',
      scope: ['care_calendar', 'network_map', 'updates', 'team'],
    });
    assert.equal(renewed.statusCode, 201);
    assert.equal(renewed.json().status, 'active');
    for (const u of everyoneElse) assert.equal((await call(u, 'GET', `/${circleId}`)).statusCode, 200);
    const versions = (await call(k.owner, 'GET', `/${circleId}/consents`)).json().items;
    assert.deepEqual(
      versions.map((v: { version: number; kind: string }) => [v.version, v.kind]),
      [
        [3, 'granted'],
        [2, 'withdrawn'],
        [1, 'granted'],
      ],
    );
  });

  test('consent covers parts: outside its scope only the owner sees the network map', async () => {
    const { circleId } = k;
    await call(k.owner, 'POST', `/${circleId}/consents`, {
      kind: 'granted',
      givenBy: 'person',
      method: 'in_person',
      scope: ['care_calendar', 'updates', 'team'],
    });
    assert.equal((await call(k.owner, 'GET', `/${circleId}/map`)).statusCode, 200);
    assert.equal((await call(k.coordinator, 'GET', `/${circleId}/map`)).statusCode, 404);
    assert.equal((await call(k.coordinator, 'GET', `/${circleId}/needs`)).statusCode, 200);
    await call(k.owner, 'POST', `/${circleId}/consents`, { ...consentByPerson, kind: 'granted' });
    assert.equal((await call(k.coordinator, 'GET', `/${circleId}/map`)).statusCode, 200);
  });

  test('nobody outside the circle learns it exists: colleagues of the organisation and instance admins get 404', async () => {
    const other = await createOrganisation(t);
    const otherStaff = await createUser(t, { memberOf: [[other.id, 'admin']] });
    for (const u of [k.orgMember, k.instanceAdmin, otherStaff, null]) {
      const res = await call(u, 'GET', `/${k.circleId}`);
      assert.equal(res.statusCode, 404);
      assert.equal(res.json().code, 'not_found');
    }
    const missing = await call(k.instanceAdmin, 'GET', '/00000000-0000-4000-8000-000000000000');
    assert.equal(missing.statusCode, 404);
  });
});
