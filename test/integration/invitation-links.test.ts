import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../helpers/factories.ts';
import { someClient } from './circles-fixture.ts';

/**
 * An invitation whose email cannot be sent (no mail server: it only waits in the outbox) must not
 * go nowhere silently: the one who invited gets the link to pass on, in the answer that created it
 * and nowhere else — not in the list of open invitations, not in the outbox, not to anyone else —
 * and the audit log records that it was shown. With a mail server the link goes by email only.
 * (issue #13, item 5)
 */
for (const smtp of [false, true]) {
  describe(`invitation links ${smtp ? 'with' : 'without'} a mail server`, () => {
    let t: TestApp;
    let admin: TestUser;
    let instanceAdmin: TestUser;
    let other: TestUser;
    let org: { id: string; slug: string };

    before(async () => {
      t = await createTestApp(smtp ? { SMTP_URL: 'smtp://mail.invalid:25' } : {});
      org = await createOrganisation(t, { name: 'Stadtteilzentrum Linde' });
      admin = await createUser(t, { memberOf: [[org.id, 'admin']], displayName: 'Petra Lange' });
      other = await createUser(t, { memberOf: [[org.id, 'admin']] });
      instanceAdmin = await createUser(t, { admin: true });
    });
    after(() => t.close());

    const call = (user: TestUser | null, method: 'GET' | 'POST', url: string, payload?: object) =>
      t.app.inject({
        method,
        url: `/api/v1${url}`,
        headers: user?.headers ?? {},
        remoteAddress: someClient(),
        ...(payload ? { payload } : {}),
      });

    async function auditDetails(action: string) {
      const row = await t.db
        .selectFrom('audit_log')
        .select('details')
        .where('network_id', '=', t.networkId)
        .where('action', '=', action)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      return (typeof row.details === 'string' ? JSON.parse(row.details) : row.details) as Record<
        string,
        unknown
      >;
    }

    /** Nobody but the answer to the inviter ever carries the token. */
    async function tokenNowhereElse(token: string, listUrl: string) {
      for (const u of [admin, other]) {
        const list = await call(u, 'GET', listUrl);
        assert.equal(list.statusCode, 200, list.body);
        assert.ok(!list.body.includes(token), 'the list of open invitations never shows the link');
        assert.ok(!list.body.includes('"url"'), 'nor any link');
      }
      const outbox = await call(instanceAdmin, 'GET', '/admin/outbox');
      assert.equal(outbox.statusCode, 200, outbox.body);
      assert.ok(!outbox.body.includes(token), 'the outbox hides the link');
    }

    test(`an organisation's invitation ${smtp ? 'is emailed, its link not shown' : 'hands its link to the inviter once'}`, async () => {
      const res = await call(admin, 'POST', `/organisations/${org.id}/invitations`, {
        email: 'Tochter@Example.org',
        role: 'volunteer',
      });
      assert.equal(res.statusCode, 201, res.body);
      const body = res.json();
      const mail = await t.db
        .selectFrom('outbox_email')
        .select(['body_text', 'status'])
        .where('to_address', '=', 'tochter@example.org')
        .executeTakeFirstOrThrow();
      assert.equal(mail.status, smtp ? 'queued' : 'held');
      const mailed = /https?:\/\/\S+\/einladung#[A-Za-z0-9_-]+/.exec(mail.body_text)?.[0];
      assert.ok(mailed, 'the email carries the link');
      const token = mailed.split('#')[1]!;
      const details = await auditDetails('invitation.created');
      if (smtp) {
        assert.equal(body.url, undefined, 'an emailed link is not shown to the inviter');
        assert.equal(body.mailHeld, undefined);
        assert.equal(details.linkShown, undefined);
      } else {
        assert.equal(body.url, mailed, 'the inviter gets the very link of the email');
        assert.equal(body.mailHeld, true);
        assert.equal(details.linkShown, true, 'the audit log records that the link was shown');
      }
      await tokenNowhereElse(token, `/organisations/${org.id}/invitations`);

      // the link works for the invitee, whoever passed it on
      const accepted = await call(null, 'POST', '/invitations/accept', { token, displayName: 'Sabine K.' });
      assert.equal(accepted.statusCode, 200, accepted.body);
    });

    test(`a circle's invitation by email ${smtp ? 'is emailed, its link not shown' : 'hands its link to the inviter once'}`, async () => {
      const owner = await createUser(t, { displayName: 'Aylin Demir' });
      const created = await call(owner, 'POST', '/circles', { personLabel: 'Aylin' });
      assert.equal(created.statusCode, 201, created.body);
      const circleId = created.json().id as string;
      const res = await call(owner, 'POST', `/circles/${circleId}/invitations`, {
        role: 'helper',
        email: 'nachbarin@example.org',
      });
      assert.equal(res.statusCode, 201, res.body);
      const body = res.json();
      const mail = await t.db
        .selectFrom('outbox_email')
        .select(['body_text', 'status', 'confidential'])
        .where('to_address', '=', 'nachbarin@example.org')
        .executeTakeFirstOrThrow();
      assert.equal(mail.status, smtp ? 'queued' : 'held');
      assert.equal(mail.confidential, true);
      const mailed = /https?:\/\/\S+#[A-Za-z0-9_-]+/.exec(mail.body_text)?.[0];
      assert.ok(mailed);
      const token = mailed.split('#')[1]!;
      const details = await auditDetails('circle.member_invited');
      if (smtp) {
        assert.equal(body.url, undefined, 'an emailed link is not shown to the inviter');
        assert.equal(body.mailHeld, undefined);
        assert.equal(details.linkShown, undefined);
      } else {
        assert.equal(body.url, mailed);
        assert.equal(body.mailHeld, true);
        assert.equal(details.linkShown, true);
      }
      const list = await call(owner, 'GET', `/circles/${circleId}/invitations`);
      assert.equal(list.statusCode, 200);
      assert.ok(!list.body.includes(token) && !list.body.includes('"url"'), 'never listed again');
      const outbox = await call(instanceAdmin, 'GET', '/admin/outbox');
      assert.ok(!outbox.body.includes(token), 'the outbox does not show circle mail');
    });

    test('the session says whether email can be sent', async () => {
      const res = await call(null, 'GET', '/session');
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().network.sendsEmail, smtp);
    });

    test(`a sign-in link request answers alike for every address ${smtp ? 'and is queued' : 'and waits in the outbox'}`, async () => {
      const known = await call(null, 'POST', '/session/link', { email: admin.email });
      const unknown = await call(null, 'POST', '/session/link', { email: 'niemand@example.org' });
      assert.equal(known.statusCode, 202);
      assert.equal(unknown.statusCode, 202);
      assert.equal(known.body, unknown.body, 'the answer does not tell whether the account exists');
    });
  });
}
