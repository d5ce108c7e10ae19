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

  test('a person without an account: the circle awaits its owner, the professional prepares it; the guardian’s consent is recorded', async () => {
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
    assert.equal(c.myRole, 'professional', 'the professional does not own it');
    assert.equal(c.awaitingOwner, true);
    assert.equal(c.abilities.inviteOwner, true);
    assert.equal(c.abilities.invite, false, 'who else joins is the owner’s decision');
    assert.equal(c.abilities.viewAccessLog, false, 'the access log is the person’s');
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

  test('a professional opens a circle for a client: it is prepared until the client accepts, then the client owns it and reads every look of the professional', async () => {
    const aylin = await createUser(t, { displayName: 'Aylin B.', memberOf: [[k.org.id, 'staff']] });
    const opened = await call(aylin, 'POST', '/', {
      onBehalf: { organisationId: k.org.id, person: { label: 'Frau N.' }, consent: consentByPerson },
    });
    assert.equal(opened.statusCode, 201, opened.body);
    const circleId = opened.json().id as string;
    const mine = (await call(aylin, 'GET', '/')).json().items.find((c: { id: string }) => c.id === circleId);
    assert.equal(mine.awaitingOwner, true);
    assert.equal(mine.myRole, 'professional');

    // preparing: the label, the calendar; inviting the person, nobody else
    assert.equal((await call(aylin, 'PATCH', `/${circleId}`, { personLabel: 'Frau Nowak' })).statusCode, 200);
    const need = await call(aylin, 'POST', `/${circleId}/needs`, {
      kind: 'shopping',
      title: 'Einkauf am Freitag',
      start: new Date(Date.now() + 72 * 3600_000).toISOString(),
      end: new Date(Date.now() + 73 * 3600_000).toISOString(),
    });
    assert.equal(need.statusCode, 201, need.body);
    for (const role of ['helper', 'relative', 'coordinator', 'viewer', 'professional'])
      assert.equal(
        (await call(aylin, 'POST', `/${circleId}/invitations`, { role })).statusCode,
        403,
        `no ${role} before the owner`,
      );
    assert.equal((await call(aylin, 'DELETE', `/${circleId}/members/${aylin.id}`)).statusCode, 403);
    assert.equal((await call(aylin, 'GET', `/${circleId}/access-log`)).statusCode, 404);
    const inv = await call(aylin, 'POST', `/${circleId}/invitations`, { role: 'person' });
    assert.equal(inv.statusCode, 201, inv.body);
    const token = new URL(inv.json().url).hash.slice(1);
    const own = await call(aylin, 'POST', '/invitations/accept', { token });
    assert.equal(own.statusCode, 409, 'the one who opened it cannot take it with the link');
    assert.equal(own.json().code, 'circle.opener_not_owner');
    assert.equal((await call(aylin, 'GET', `/${circleId}/needs`)).statusCode, 200);

    // Frau N. accepts: the circle is hers
    const joined = await call(null, 'POST', '/invitations/accept', {
      token,
      email: 'frau.n@example.org',
      displayName: 'Frau N.',
    });
    assert.equal(joined.statusCode, 200, joined.body);
    assert.equal(joined.json().role, 'owner');
    const cookie = String(joined.headers['set-cookie']).split(';')[0] ?? '';
    const asHer = (url: string) =>
      t.app.inject({ url: `/api/v1/circles${url}`, headers: { cookie } }).then((r) => r.json());
    const hers = await asHer(`/${circleId}`);
    assert.equal(hers.myRole, 'owner');
    assert.equal(hers.awaitingOwner, false);
    assert.equal(hers.personHasAccount, true);
    assert.equal(hers.abilities.viewAccessLog, true);

    const theirs = (await call(aylin, 'GET', `/${circleId}`)).json();
    assert.equal(theirs.myRole, 'professional', 'the professional stays a professional');
    assert.equal(theirs.awaitingOwner, false);
    assert.equal(theirs.abilities.update, false);
    assert.equal(theirs.abilities.invite, false);
    assert.equal(theirs.abilities.inviteOwner, false);
    assert.equal(theirs.abilities.requestDeletion, false);

    // every look and step of the professional, from the first, is in her access log
    await call(aylin, 'GET', `/${circleId}/updates`);
    const log = (await asHer(`/${circleId}/access-log`)).items as {
      action: string;
      what: string;
      actor: { id: string } | null;
    }[];
    const byAylin = (action: string, what = '') =>
      log.some((e) => e.actor?.id === aylin.id && e.action === action && e.what === what);
    assert.ok(byAylin('circle.created'), 'opened');
    assert.ok(byAylin('circle.updated'), 'renamed');
    assert.ok(byAylin('circle.member_invited'), 'invited');
    assert.ok(byAylin('circle.read', '/:id/needs'), 'read the calendar while preparing');
    assert.ok(byAylin('circle.read', '/:id/updates'), 'read the updates after');
    assert.ok(
      log.every((e) => e.action !== 'circle.read' || e.actor?.id === aylin.id),
      'only the professional’s reads are logged',
    );
  });

  test('a legal representative owns the circle: named at the opening, or invited to take it over', async () => {
    const staff = await createUser(t, { displayName: 'Herr Berater', memberOf: [[k.org.id, 'staff']] });
    const guardian = await createUser(t, { displayName: 'Betreuerin Roth' });
    const onBehalf = (proxyAccountId?: string) => ({
      onBehalf: {
        organisationId: k.org.id,
        person: { label: 'Herr P.' },
        ...(proxyAccountId ? { proxyAccountId } : {}),
        consent: { ...consentByPerson, givenBy: 'legal_guardian', guardianName: 'Betreuerin Roth' },
      },
    });
    const self = await call(staff, 'POST', '/', onBehalf(staff.id));
    assert.equal(self.statusCode, 422, 'the professional cannot name themselves');
    assert.equal(self.json().code, 'circle.opener_not_owner');

    const named = await call(staff, 'POST', '/', onBehalf(guardian.id));
    assert.equal(named.statusCode, 201, named.body);
    assert.equal(named.json().awaitingOwner, false);
    assert.equal(named.json().myRole, 'professional');
    const asGuardian = (await call(guardian, 'GET', `/${named.json().id}`)).json();
    assert.equal(asGuardian.myRole, 'owner');

    const prepared = (await call(staff, 'POST', '/', onBehalf())).json();
    const inv = await call(staff, 'POST', `/${prepared.id}/invitations`, { role: 'representative' });
    assert.equal(inv.statusCode, 201, inv.body);
    const token = new URL(inv.json().url).hash.slice(1);
    assert.equal((await call(null, 'POST', '/invitations/lookup', { token })).json().role, 'representative');
    const accepted = await call(guardian, 'POST', '/invitations/accept', { token });
    assert.deepEqual(accepted.json(), { circleId: prepared.id, role: 'owner' });
    const members = (await call(guardian, 'GET', `/${prepared.id}/members`)).json().items;
    assert.deepEqual(
      members.map((m: { name: string; role: string; isPerson: boolean }) => [m.name, m.role, m.isPerson]),
      [
        ['Herr Berater', 'professional', false],
        ['Betreuerin Roth', 'owner', false],
      ],
    );
    const after = (await call(guardian, 'GET', `/${prepared.id}`)).json();
    assert.equal(after.awaitingOwner, false);
    assert.equal(after.personHasAccount, false, 'a representative is not the person');
    assert.equal(after.abilities.inviteOwner, true, 'the person may still be invited');
  });

  test('a prepared circle nobody took over is discarded by the professional who opened it', async () => {
    const staff = await createUser(t, { memberOf: [[k.org.id, 'staff']] });
    const c = (
      await call(staff, 'POST', '/', {
        onBehalf: { organisationId: k.org.id, person: { label: 'Herr Q.' }, consent: consentByPerson },
      })
    ).json();
    assert.equal(c.abilities.requestDeletion, true);
    const discarded = await call(staff, 'POST', `/${c.id}/deletion`);
    assert.equal(discarded.statusCode, 202, discarded.body);
    assert.equal((await call(staff, 'GET', `/${c.id}`)).statusCode, 404, 'gone for the professional');
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
