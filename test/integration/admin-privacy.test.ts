import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUser, type TestUser } from '../helpers/factories.ts';
import { api, circleWithEveryRole, type EveryRole, someClient } from './circles-fixture.ts';

/**
 * What an instance admin can and cannot reach (docs/ACCESS.md, "Instance admins"): the outbox shows no
 * usable secret and no circle's mail, the audit log no circle's rows, and the one way to help a person
 * in without email is an audited sign-in link that the person hears of and that opens no circle.
 */
describe('instance admins: no way into a circle', () => {
  let t: TestApp;
  let town: EveryRole;
  let admin: TestUser;
  const send = (
    user: TestUser | null,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object,
    headers: Record<string, string> = {},
  ) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { ...(user?.headers ?? {}), ...headers },
      remoteAddress: someClient(),
      ...(payload !== undefined ? { payload } : {}),
    });
  /** The cookie and CSRF token of the session an answer began. */
  const sessionOf = (res: Awaited<ReturnType<typeof send>>, id: string): TestUser => {
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    return {
      id,
      email: '',
      displayName: '',
      headers: { cookie, 'x-csrf-token': res.json().csrfToken },
    };
  };

  before(async () => {
    t = await createTestApp();
    town = await circleWithEveryRole(t);
    admin = town.instanceAdmin;
  });
  after(() => t.close());

  test('the outbox shows sign-in and invitation links without their token, and the full text nowhere', async () => {
    assert.equal((await send(null, 'POST', '/session/link', { email: town.owner.email })).statusCode, 202);
    const held = await t.db
      .selectFrom('outbox_email')
      .select(['id', 'body_text'])
      .where('to_address', '=', town.owner.email)
      .executeTakeFirstOrThrow();
    const token = /#([A-Za-z0-9_-]{20,})/.exec(held.body_text)?.[1];
    assert.ok(token, 'the delivered text holds the link');

    const res = await send(admin, 'GET', '/admin/outbox?limit=100');
    assert.equal(res.statusCode, 200);
    assert.ok(!res.body.includes(token), 'no route hands out the token');
    const shown = res.json().items.find((m: { id: string }) => m.id === held.id);
    assert.match(shown.body, /\/anmelden\/link#\[…\]/);

    // what an admin could copy from the page signs nobody in
    const redeem = await send(null, 'POST', '/session/link/redeem', { token: '[…]' });
    assert.equal(redeem.statusCode, 400);
    // the recipient's own link still works
    const own = await send(null, 'POST', '/session/link/redeem', { token });
    assert.equal(own.statusCode, 200);
    assert.equal(own.json().account.id, town.owner.id);
  });

  test("a circle's mails are counted in the outbox, never listed: not the recipient, subject or text", async () => {
    const inv = await api(t)(town.coordinator, 'POST', `/${town.circleId}/invitations`, {
      role: 'helper',
      email: 'nachbarin@example.org',
    });
    assert.equal(inv.statusCode, 201, inv.body);
    const res = await send(admin, 'GET', '/admin/outbox?limit=100');
    const page = res.json();
    assert.ok(page.confidential >= 1);
    assert.equal(
      page.items.some((m: { to: string }) => m.to === 'nachbarin@example.org'),
      false,
    );
    assert.doesNotMatch(res.body, /kreise|Unterstützungskreis|support circle/i);
    assert.equal(page.total, page.items.length, 'the total counts only what is listed');
  });

  test("the admin's audit log leaves out every circle row, whatever the filter, and counts them", async () => {
    const rows = await t.db
      .selectFrom('audit_log')
      .select('id')
      .where('entity_type', '=', 'circle')
      .execute();
    assert.ok(rows.length > 3, 'the circle has a history');
    for (const q of ['', `?entityType=circle`, `?entityId=${town.circleId}`, '?action=circle.created']) {
      const res = await send(admin, 'GET', `/admin/audit${q}${q ? '&' : '?'}limit=100`);
      assert.equal(res.statusCode, 200);
      assert.ok(!res.body.includes(town.circleId), `no circle id for "${q}"`);
      assert.equal(
        res.json().items.some((e: { entityType: string; action: string }) => e.entityType === 'circle'),
        false,
      );
      assert.equal(res.json().confidential, rows.length);
    }
    // the owner still reads every access in the circle's own log
    const log = await api(t)(town.owner, 'GET', `/${town.circleId}/access-log`);
    assert.equal(log.statusCode, 200);
    assert.ok(log.json().total > 0);
  });

  test('an admin helps a person in: audited, told to the person, and the session opens no circle', async () => {
    const res = await send(admin, 'POST', `/admin/accounts/${town.owner.id}/sign-in-link`, {
      reason: 'Herr K. hat keine E-Mail, Anruf am Telefon',
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.headers['cache-control'], 'no-store');
    const { link, expiresAt } = res.json();
    const minutes = (Date.parse(expiresAt) - Date.now()) / 60_000;
    assert.ok(minutes > 25 && minutes <= 30, `valid for half an hour, not ${minutes}`);
    const token = new URL(link).hash.slice(1);

    // the person is told: a notification and an email without the link, and the audit log has it
    const note = await t.db
      .selectFrom('notification')
      .select(['params', 'link'])
      .where('account_id', '=', town.owner.id)
      .where('kind', '=', 'account.sign_in_link_created')
      .executeTakeFirstOrThrow();
    assert.deepEqual(note.params, { name: 'Admin', reason: 'Herr K. hat keine E-Mail, Anruf am Telefon' });
    const mail = await t.db
      .selectFrom('outbox_email')
      .select(['subject', 'body_text'])
      .where('to_address', '=', town.owner.email)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    assert.match(mail.subject, /Anmeldelink/);
    assert.match(mail.body_text, /Admin aus der Verwaltung .* Anruf am Telefon/s);
    assert.ok(!mail.body_text.includes(token));
    const audited = await send(admin, 'GET', `/admin/audit?action=account.sign_in_link_created`);
    assert.equal(audited.json().items[0].entityId, town.owner.id);
    assert.equal(audited.json().items[0].details.reason, 'Herr K. hat keine E-Mail, Anruf am Telefon');
    assert.ok(!audited.body.includes(token));

    // signed in with it: the session says so, and no circle opens, nor a password
    const signedIn = await send(null, 'POST', '/session/link/redeem', { token });
    assert.equal(signedIn.statusCode, 200);
    assert.equal(signedIn.json().assisted, true);
    const helped = sessionOf(signedIn, town.owner.id);
    assert.equal((await send(helped, 'GET', '/session')).json().assisted, true);
    for (const url of ['/circles', `/circles/${town.circleId}`, `/circles/${town.circleId}/updates`]) {
      assert.equal((await send(helped, 'GET', url)).statusCode, 404, url);
    }
    const before = await t.db.selectFrom('circle').select('id').execute();
    assert.equal(
      (await send(helped, 'POST', '/circles', { person: { label: 'Neu' }, consent: {} })).statusCode,
      404,
    );
    assert.equal((await t.db.selectFrom('circle').select('id').execute()).length, before.length);
    const pw = await send(helped, 'PUT', '/me/password', { newPassword: 'Lindenbrück-Sommer-2026!' });
    assert.equal(pw.statusCode, 403);
    assert.equal(pw.json().code, 'auth.assisted_session');
    const hash = await t.db
      .selectFrom('account')
      .select('password_hash')
      .where('id', '=', town.owner.id)
      .executeTakeFirstOrThrow();
    assert.notEqual(hash.password_hash, null, 'the password is unchanged');
    // the circle's notifications are not shown there either, though the person's own session shows them
    await t.db
      .insertInto('notification')
      .values({
        network_id: t.networkId,
        account_id: town.owner.id,
        kind: 'circle.update_posted',
        params: JSON.stringify({ name: 'Tochter' }),
        link: `/kreise/${town.circleId}`,
      })
      .execute();
    const inHelped = (await send(helped, 'GET', '/notifications?limit=100')).json();
    assert.equal(
      inHelped.items.some((n: { link: string | null }) => n.link?.startsWith('/kreise')),
      false,
    );
    const inOwn = (await send(town.owner, 'GET', '/notifications?limit=100')).json();
    assert.equal(
      inOwn.items.some((n: { link: string | null }) => n.link?.startsWith('/kreise')),
      true,
    );
    // the link worked once
    assert.equal((await send(null, 'POST', '/session/link/redeem', { token })).statusCode, 400);
    // the person's own session is a full one, and the circle opens there
    assert.equal((await send(town.owner, 'GET', `/circles/${town.circleId}`)).statusCode, 200);

    // and the person reads both steps in their account activity, with the admin's name and reason
    const activity = await send(town.owner, 'GET', '/me/activity');
    assert.equal(activity.statusCode, 200);
    const [used, made] = activity.json().items;
    assert.deepEqual(
      { action: used.action, method: used.method, byOther: used.byOther },
      { action: 'session.created', method: 'assisted_link', byOther: false },
    );
    assert.deepEqual(
      { action: made.action, byName: made.byName, reason: made.reason },
      {
        action: 'account.sign_in_link_created',
        byName: 'Admin',
        reason: 'Herr K. hat keine E-Mail, Anruf am Telefon',
      },
    );
  });

  test('only instance admins make sign-in links, for others, with a reason, never for a blocked account', async () => {
    const target = await createUser(t, { displayName: 'Frau M.' });
    const url = `/admin/accounts/${target.id}/sign-in-link`;
    assert.equal((await send(null, 'POST', url, { reason: 'x' })).statusCode, 401);
    assert.equal((await send(town.coordinator, 'POST', url, { reason: 'x' })).statusCode, 403);
    assert.equal((await send(town.orgMember, 'POST', url, { reason: 'x' })).statusCode, 403);
    assert.equal((await send(admin, 'POST', url, { reason: '   ' })).statusCode, 422);
    assert.equal((await send(admin, 'POST', url, {})).statusCode, 400);
    const self = await send(admin, 'POST', `/admin/accounts/${admin.id}/sign-in-link`, { reason: 'x' });
    assert.equal(self.statusCode, 422);
    assert.equal(self.json().code, 'account.sign_in_link_self');
    const unknown = await send(
      admin,
      'POST',
      '/admin/accounts/00000000-0000-4000-8000-000000000000/sign-in-link',
      {
        reason: 'x',
      },
    );
    assert.equal(unknown.statusCode, 404);
    assert.equal(
      (await send(admin, 'POST', `/admin/accounts/${target.id}/block`, { reason: 'Spam' })).statusCode,
      204,
    );
    const blocked = await send(admin, 'POST', url, { reason: 'x' }, { 'accept-language': 'en' });
    assert.equal(blocked.statusCode, 422);
    assert.match(blocked.json().title, /blocked/);
    const tokens = await t.db
      .selectFrom('one_time_token')
      .select('token_hash')
      .where('account_id', '=', target.id)
      .execute();
    assert.equal(tokens.length, 0, 'no refused request left a link behind');
  });

  test('account activity is the person’s own: nobody else reads it', async () => {
    assert.equal((await send(null, 'GET', '/me/activity')).statusCode, 401);
    const mine = await send(admin, 'GET', '/me/activity');
    assert.equal(mine.statusCode, 200);
    assert.equal(
      mine.json().items.some((e: { action: string }) => e.action === 'account.sign_in_link_created'),
      false,
      "the admin's own activity holds only what was done with the admin's account",
    );
  });

  test('nothing of a circle reaches the moderation queue: a report of circle content is refused', async () => {
    for (const entityType of ['circle', 'circle_update', 'circle_comment']) {
      const res = await send(
        town.helper,
        'POST',
        '/flags',
        { entityType, entityId: town.circleId, reason: 'other' },
        { 'accept-language': 'en' },
      );
      assert.equal(res.statusCode, 422, entityType);
      assert.match(res.json().title, /coordinators/);
    }
    const flags = await t.db.selectFrom('flag').select('id').execute();
    assert.equal(flags.length, 0);
  });
});
