import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUser, type TestUser } from '../helpers/factories.ts';
import { api, circleWithEveryRole, consentByPerson, type EveryRole, join } from './circles-fixture.ts';

const tokenOf = (url: string) => new URL(url).hash.slice(1);
const cookieOf = (setCookie: string | string[] | undefined) =>
  String(Array.isArray(setCookie) ? setCookie[0] : setCookie).split(';')[0] ?? '';

describe('support circles: members and invitations', () => {
  let t: TestApp;
  let call: ReturnType<typeof api>;
  let k: EveryRole;

  before(async () => {
    // with a mail server, as an emailed invitation's link is then never shown to the inviter
    t = await createTestApp({ SMTP_URL: 'smtp://mail.invalid:25' });
    call = api(t);
    k = await circleWithEveryRole(t);
  });
  after(() => t.close());

  async function lastMailTo(email: string) {
    return t.db
      .selectFrom('outbox_email')
      .selectAll()
      .where('to_address', '=', email)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
  }

  test('the daughter is invited by email and joins from her phone without a password, signed in at once', async () => {
    const res = await call(k.coordinator, 'POST', `/${k.circleId}/invitations`, {
      role: 'helper',
      email: 'Sabine.K@example.org',
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().url, undefined, 'an emailed link is not shown to the inviter');
    const mail = await lastMailTo('sabine.k@example.org');
    assert.match(mail.subject, /Aylin/);
    assert.ok(!mail.body_text.includes('Herr K.'), 'the email does not name the person at the centre');
    const link = /https?:\/\/\S+#[A-Za-z0-9_-]+/.exec(mail.body_text)?.[0];
    assert.ok(link);
    const token = tokenOf(link);
    const stored = await t.db.selectFrom('circle_invitation').select('token_hash').execute();
    assert.ok(
      stored.every((s) => s.token_hash !== token),
      'only a hash of the token is stored',
    );

    const preview = await call(null, 'POST', '/invitations/lookup', { token });
    assert.equal(preview.statusCode, 200);
    assert.equal(preview.json().personLabel, 'Herr K.');
    assert.equal(preview.json().needsDetails, true);

    const accepted = await call(null, 'POST', '/invitations/accept', { token, displayName: 'Sabine' });
    assert.equal(accepted.statusCode, 200, accepted.body);
    assert.deepEqual(accepted.json(), { circleId: k.circleId, role: 'helper' });
    const cookie = cookieOf(accepted.headers['set-cookie']);
    const session = await t.app.inject({ url: '/api/v1/session', headers: { cookie } });
    assert.equal(session.json().account.displayName, 'Sabine');
    const circle = await t.app.inject({ url: `/api/v1/circles/${k.circleId}`, headers: { cookie } });
    assert.equal(circle.statusCode, 200);
    assert.equal(circle.json().myRole, 'helper');

    const again = await call(null, 'POST', '/invitations/accept', { token, displayName: 'Sabine' });
    assert.equal(again.statusCode, 404, 'a link works once');
  });

  test('a passed-on link creates a new account, but never enters an existing one', async () => {
    const inv = (await call(k.coordinator, 'POST', `/${k.circleId}/invitations`, { role: 'viewer' })).json();
    const token = tokenOf(inv.url);
    const needsEmail = await call(null, 'POST', '/invitations/accept', { token, displayName: 'X' });
    assert.equal(needsEmail.statusCode, 400);
    const takeover = await call(null, 'POST', '/invitations/accept', {
      token,
      email: k.helper.email,
      displayName: 'Mallory',
    });
    assert.equal(takeover.statusCode, 409);
    assert.equal(takeover.json().code, 'circle.invitation_sign_in_first');
    const fresh = await call(null, 'POST', '/invitations/accept', {
      token,
      email: 'neffe@example.org',
      displayName: 'Neffe',
    });
    assert.equal(fresh.statusCode, 200, fresh.body);
    assert.equal(fresh.json().role, 'viewer');
  });

  test('a revoked invitation no longer works; coordinators cannot invite coordinators', async () => {
    const inv = (await call(k.coordinator, 'POST', `/${k.circleId}/invitations`, { role: 'helper' })).json();
    const open = (await call(k.coordinator, 'GET', `/${k.circleId}/invitations`)).json().items;
    assert.ok(open.some((i: { id: string }) => i.id === inv.id));
    assert.equal(
      (await call(k.coordinator, 'DELETE', `/${k.circleId}/invitations/${inv.id}`)).statusCode,
      204,
    );
    const use = await call(null, 'POST', '/invitations/lookup', { token: tokenOf(inv.url) });
    assert.equal(use.statusCode, 404);
    const coord = await call(k.coordinator, 'POST', `/${k.circleId}/invitations`, { role: 'coordinator' });
    assert.equal(coord.statusCode, 403);
    assert.equal(
      (await call(k.helper, 'POST', `/${k.circleId}/invitations`, { role: 'helper' })).statusCode,
      403,
    );
  });

  test('the person at the centre, who had no account, joins later and then owns the circle', async () => {
    const aylin = k.coordinator;
    const res = await call(aylin, 'POST', '/', {
      onBehalf: { organisationId: k.org.id, person: { label: 'Frau L.' }, consent: consentByPerson },
    });
    const circleId = res.json().id;
    const inv = await call(aylin, 'POST', `/${circleId}/invitations`, {
      role: 'person',
      email: 'frau.l@example.org',
    });
    assert.equal(inv.statusCode, 201);
    const mail = await lastMailTo('frau.l@example.org');
    const token = tokenOf(/https?:\/\/\S+#[A-Za-z0-9_-]+/.exec(mail.body_text)?.[0] ?? '');
    const joined = await call(null, 'POST', '/invitations/accept', { token, displayName: 'Frau L.' });
    assert.equal(joined.json().role, 'owner');
    const cookie = cookieOf(joined.headers['set-cookie']);
    const circle = (await t.app.inject({ url: `/api/v1/circles/${circleId}`, headers: { cookie } })).json();
    assert.equal(circle.personHasAccount, true);
    assert.equal(circle.abilities.viewAccessLog, true);
    const members = (await call(aylin, 'GET', `/${circleId}/members`)).json().items;
    assert.deepEqual(members.map((m: { isPerson: boolean; role: string }) => [m.role, m.isPerson]).sort(), [
      ['owner', true],
      ['professional', false],
    ]);
  });

  test('a relative joins as such: lends a hand like a helper, sees what helpers see, and a coordinator may remove them', async () => {
    const son = await createUser(t, { displayName: 'Sohn' });
    const inv = await call(k.coordinator, 'POST', `/${k.circleId}/invitations`, { role: 'relative' });
    assert.equal(inv.statusCode, 201, inv.body);
    assert.equal(inv.json().role, 'relative');
    const token = tokenOf(inv.json().url);
    assert.equal((await call(null, 'POST', '/invitations/lookup', { token })).json().role, 'relative');
    const joined = await call(son, 'POST', '/invitations/accept', { token });
    assert.deepEqual(joined.json(), { circleId: k.circleId, role: 'relative' });
    const circle = (await call(son, 'GET', `/${k.circleId}`)).json();
    assert.equal(circle.myRole, 'relative');
    assert.equal(circle.abilities.claim, true);
    assert.equal(circle.abilities.post, true);
    assert.equal(circle.abilities.viewMap, false);
    assert.equal(circle.abilities.invite, false);
    const members = (await call(k.owner, 'GET', `/${k.circleId}/members`)).json().items;
    assert.equal(members.find((m: { name: string }) => m.name === 'Sohn')?.role, 'relative');

    const need = await call(k.coordinator, 'POST', `/${k.circleId}/needs`, {
      kind: 'visit',
      title: 'Besuch am Sonntag',
      start: new Date(Date.now() + 48 * 3600_000).toISOString(),
      end: new Date(Date.now() + 49 * 3600_000).toISOString(),
    });
    const needId = need.json().items[0].id;
    assert.equal((await call(son, 'POST', `/${k.circleId}/needs/${needId}/claim`)).statusCode, 200);
    for (const visibility of ['all_members', 'coordinators_professionals'] as const)
      await call(k.coordinator, 'POST', `/${k.circleId}/updates`, { body: `Für ${visibility}`, visibility });
    const seen = (await call(son, 'GET', `/${k.circleId}/updates`))
      .json()
      .items.map((u: { body: string }) => u.body);
    assert.ok(seen.includes('Für all_members'));
    assert.ok(
      !seen.includes('Für coordinators_professionals'),
      'not what only coordinators and professionals see',
    );
    assert.equal((await call(son, 'GET', `/${k.circleId}/map`)).statusCode, 404);

    assert.equal(
      (await call(k.owner, 'PATCH', `/${k.circleId}/members/${son.id}`, { role: 'helper' })).statusCode,
      204,
    );
    assert.equal(
      (await call(k.owner, 'PATCH', `/${k.circleId}/members/${son.id}`, { role: 'relative' })).statusCode,
      204,
    );
    assert.equal((await call(k.coordinator, 'DELETE', `/${k.circleId}/members/${son.id}`)).statusCode, 204);
    assert.equal((await call(son, 'GET', `/${k.circleId}`)).statusCode, 404);
  });

  test('roles: the owner changes them; leave and remove; nobody removes an owner', async () => {
    const cousin = await createUser(t, { displayName: 'Cousin' });
    const friend = await createUser(t, { displayName: 'Freundin' });
    await join(t, k.coordinator, k.circleId, cousin, 'viewer');
    await join(t, k.coordinator, k.circleId, friend, 'helper');
    const url = (u: TestUser) => `/${k.circleId}/members/${u.id}`;

    assert.equal((await call(k.coordinator, 'PATCH', url(cousin), { role: 'helper' })).statusCode, 403);
    assert.equal((await call(k.owner, 'PATCH', url(cousin), { role: 'helper' })).statusCode, 204);
    assert.equal((await call(k.owner, 'PATCH', url(k.proxy), { role: 'viewer' })).statusCode, 409);

    assert.equal((await call(k.coordinator, 'DELETE', url(k.professional))).statusCode, 403);
    assert.equal((await call(k.coordinator, 'DELETE', url(cousin))).statusCode, 204);
    assert.equal((await call(cousin, 'GET', `/${k.circleId}`)).statusCode, 404, 'removed means out');
    assert.equal((await call(friend, 'DELETE', url(friend))).statusCode, 204, 'a helper leaves');
    assert.equal((await call(friend, 'GET', `/${k.circleId}`)).statusCode, 404);
    assert.equal((await call(k.proxy, 'DELETE', url(k.owner))).statusCode, 409, 'nobody removes the person');
    const members = (await call(k.owner, 'GET', `/${k.circleId}/members`)).json().items;
    const names = members.map((m: { name: string }) => m.name);
    assert.ok(!names.includes('Cousin') && !names.includes('Freundin'));
    assert.ok(
      members.every((m: { email?: string }) => m.email !== undefined),
      'the owner sees addresses',
    );
    const asHelper = (await call(k.helper, 'GET', `/${k.circleId}/members`)).json().items;
    assert.ok(
      asHelper.every((m: { email?: string }) => m.email === undefined),
      'helpers do not',
    );
  });

  test('Herr K. decides: he can take his proxy’s ownership away', async () => {
    const daughterOwner = await call(k.owner, 'GET', `/${k.circleId}/members`);
    const proxyRow = daughterOwner
      .json()
      .items.find((m: { accountId: string }) => m.accountId === k.proxy.id);
    assert.equal(proxyRow.abilities.remove, true);
    assert.equal((await call(k.owner, 'DELETE', `/${k.circleId}/members/${k.proxy.id}`)).statusCode, 204);
    assert.equal((await call(k.proxy, 'GET', `/${k.circleId}`)).statusCode, 404);
  });

  test('each member sets how they want to hear from the circle', async () => {
    const res = await call(k.helper, 'PUT', `/${k.circleId}/settings`, {
      notifyUpdates: false,
      notifyEmail: true,
      reminderHours: 3,
    });
    assert.equal(res.statusCode, 200, res.body);
    const mine = (await call(k.helper, 'GET', `/${k.circleId}`)).json().mySettings;
    assert.deepEqual(mine, {
      notifyNeeds: true,
      notifyUpdates: false,
      notifyReminders: true,
      notifyEmail: true,
      reminderHours: 3,
    });
    const others = (await call(k.viewer, 'GET', `/${k.circleId}`)).json().mySettings;
    assert.equal(others.notifyUpdates, true);
  });
});
