import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../../../../test/helpers/factories.ts';

describe('organisations', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  test('the directory is public, searchable and paginated', async () => {
    await createOrganisation(t, { name: 'Caritas Beratungsstelle', sector: 'social_service' });
    await createOrganisation(t, { name: 'Bäckerei Yilmaz', sector: 'business', kind: 'company' });
    const all = await t.app.inject({ url: '/api/v1/organisations?limit=1' });
    assert.equal(all.statusCode, 200);
    assert.equal(all.json().items.length, 1);
    assert.ok(all.json().total >= 2);
    const found = await t.app.inject({ url: '/api/v1/organisations?q=yilmaz' });
    assert.deepEqual(
      found.json().items.map((o: { name: string }) => o.name),
      ['Bäckerei Yilmaz'],
    );
    const bySector = await t.app.inject({ url: '/api/v1/organisations?sector=business' });
    assert.ok(bySector.json().items.every((o: { sector: string }) => o.sector === 'business'));
  });

  test('only instance admins create organisations; the new one is findable by slug and in search', async () => {
    const citizen = await createUser(t);
    const admin = await createUser(t, { admin: true });
    const body = {
      name: 'Freiwilligenagentur',
      slug: 'freiwilligenagentur',
      kind: 'association',
      sector: 'civil_society',
      description: 'Vermittelt Ehrenamt',
    };
    const denied = await t.app.inject({
      method: 'POST',
      url: '/api/v1/organisations',
      headers: citizen.headers,
      payload: body,
    });
    assert.equal(denied.statusCode, 403);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/organisations',
      headers: admin.headers,
      payload: body,
    });
    assert.equal(created.statusCode, 201);
    assert.equal(created.json().abilities.update, true);
    const bySlug = await t.app.inject({ url: '/api/v1/organisations/freiwilligenagentur' });
    assert.equal(bySlug.json().name, 'Freiwilligenagentur');
    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/organisations',
      headers: admin.headers,
      payload: body,
    });
    assert.equal(dup.statusCode, 409);
    const doc = await t.db
      .selectFrom('search_document')
      .select('title')
      .where('entity_id', '=', created.json().id)
      .executeTakeFirst();
    assert.equal(doc?.title, 'Freiwilligenagentur');
  });

  test('an organisation admin edits details; staff and strangers may not; abilities say so', async () => {
    const org = await createOrganisation(t);
    const admin = await createUser(t, { memberOf: [[org.id, 'admin']] });
    const staff = await createUser(t, { memberOf: [[org.id, 'staff']] });
    const asStaff = await t.app.inject({ url: `/api/v1/organisations/${org.id}`, headers: staff.headers });
    assert.equal(asStaff.json().abilities.update, false);
    assert.equal(asStaff.json().abilities.viewMembers, true);
    const denied = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/organisations/${org.id}`,
      headers: staff.headers,
      payload: { description: 'x' },
    });
    assert.equal(denied.statusCode, 403);
    const ok = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/organisations/${org.id}`,
      headers: admin.headers,
      payload: { description: 'Neu', phone: '0561 123' },
    });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().description, 'Neu');
    const log = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', org.id)
      .where('action', '=', 'organisation.updated')
      .execute();
    assert.equal(log.length, 1);
  });

  test('members: role change, the last admin stays, removal', async () => {
    const org = await createOrganisation(t);
    const admin = await createUser(t, { memberOf: [[org.id, 'admin']] });
    const vol = await createUser(t, { memberOf: [[org.id, 'volunteer']] });
    const list = await t.app.inject({
      url: `/api/v1/organisations/${org.id}/members`,
      headers: admin.headers,
    });
    assert.equal(list.json().items.length, 2);
    const anonymous = await t.app.inject({ url: `/api/v1/organisations/${org.id}/members` });
    assert.equal(anonymous.statusCode, 401);
    const promote = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/organisations/${org.id}/members/${vol.id}`,
      headers: admin.headers,
      payload: { role: 'staff' },
    });
    assert.equal(promote.statusCode, 204);
    const demoteSelf = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/organisations/${org.id}/members/${admin.id}`,
      headers: admin.headers,
      payload: { role: 'staff' },
    });
    assert.equal(demoteSelf.statusCode, 409);
    assert.equal(demoteSelf.json().code, 'membership.last_admin');
    const remove = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/organisations/${org.id}/members/${vol.id}`,
      headers: admin.headers,
    });
    assert.equal(remove.statusCode, 204);
    const after = await t.app.inject({
      url: `/api/v1/organisations/${org.id}/members`,
      headers: admin.headers,
    });
    assert.equal(after.json().items.length, 1);
  });

  test('a member is told when an admin changes their role or removes them; leaving or one’s own change tells nobody', async () => {
    const org = await createOrganisation(t, { name: 'Stadtteilzentrum Linde' });
    const admin = await createUser(t, { memberOf: [[org.id, 'admin']] });
    const coAdmin = await createUser(t, { memberOf: [[org.id, 'admin']] });
    const vol = await createUser(t, { memberOf: [[org.id, 'volunteer']] });
    const leaver = await createUser(t, { memberOf: [[org.id, 'staff']] });
    // every notification written from here on, whoever it went to
    const earlier = new Set((await t.db.selectFrom('notification').select('id').execute()).map((n) => n.id));
    const member = (id: string) => `/api/v1/organisations/${org.id}/members/${id}`;
    const put = (by: TestUser, id: string, role: string) =>
      t.app.inject({ method: 'PUT', url: member(id), headers: by.headers, payload: { role } });
    const del = (by: TestUser, id: string) =>
      t.app.inject({ method: 'DELETE', url: member(id), headers: by.headers });
    const notices = async () =>
      (
        await t.db
          .selectFrom('notification')
          .select(['id', 'account_id', 'kind', 'params', 'link'])
          .orderBy('created_at')
          .execute()
      )
        .filter((n) => !earlier.has(n.id))
        .map(({ id: _, ...n }) => n);
    const link = `/organisationen/${org.slug}`;

    assert.equal((await put(admin, vol.id, 'staff')).statusCode, 204);
    assert.deepEqual(await notices(), [
      {
        account_id: vol.id,
        kind: 'membership.role_changed',
        params: { organisation: 'Stadtteilzentrum Linde', role: 'staff' },
        link,
      },
    ]);
    // the same role again changes nothing, so it is no news; neither is stepping down oneself
    assert.equal((await put(admin, vol.id, 'staff')).statusCode, 204);
    assert.equal((await put(coAdmin, coAdmin.id, 'volunteer')).statusCode, 204);
    // a refused change tells nobody either
    assert.equal((await put(admin, admin.id, 'staff')).statusCode, 409);
    assert.equal((await notices()).length, 1);

    assert.equal((await del(leaver, leaver.id)).statusCode, 204);
    assert.equal((await notices()).length, 1, 'leaving oneself is no news to anyone');

    assert.equal((await del(admin, vol.id)).statusCode, 204);
    const all = await notices();
    assert.equal(all.length, 2);
    assert.deepEqual(all[1], {
      account_id: vol.id,
      kind: 'membership.removed',
      params: { organisation: 'Stadtteilzentrum Linde' },
      link,
    });
  });

  test('invitation by email: the invitee joins without a password and is signed in', async () => {
    const org = await createOrganisation(t, { name: 'Diakonie Sozialstation' });
    const admin = await createUser(t, { memberOf: [[org.id, 'admin']], displayName: 'Petra Lange' });
    const inv = await t.app.inject({
      method: 'POST',
      url: `/api/v1/organisations/${org.id}/invitations`,
      headers: admin.headers,
      payload: { email: 'Tochter@Example.org', role: 'volunteer' },
    });
    assert.equal(inv.statusCode, 201);
    const mail = await t.db
      .selectFrom('outbox_email')
      .selectAll()
      .where('to_address', '=', 'tochter@example.org')
      .executeTakeFirstOrThrow();
    assert.match(mail.subject, /Petra Lange lädt Sie zu Diakonie Sozialstation ein/);
    const token = /#([A-Za-z0-9_-]+)/.exec(mail.body_text)?.[1];
    const lookup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitations/lookup',
      payload: { token },
    });
    assert.equal(lookup.json().organisation.name, 'Diakonie Sozialstation');
    assert.equal(lookup.json().hasAccount, false);
    const noName = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      payload: { token },
    });
    assert.equal(noName.statusCode, 400);
    assert.equal(noName.json().errors[0].field, '/displayName');
    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      payload: { token, displayName: 'Sabine K.', password: 'passwort123' },
    });
    assert.equal(weak.statusCode, 422);
    assert.equal(weak.json().code, 'auth.password_too_common');
    const accepted = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      payload: { token, displayName: 'Sabine K.' },
    });
    assert.equal(accepted.statusCode, 200);
    const cookie = String(accepted.headers['set-cookie']).split(';')[0]!;
    const session = await t.app.inject({ url: '/api/v1/session', headers: { cookie } });
    assert.equal(session.json().account.displayName, 'Sabine K.');
    assert.deepEqual(
      session.json().account.memberships.map((m: { role: string }) => m.role),
      ['volunteer'],
    );
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      payload: { token, displayName: 'X' },
    });
    assert.equal(again.statusCode, 404);
    const notice = await t.db
      .selectFrom('notification')
      .selectAll()
      .where('account_id', '=', admin.id)
      .execute();
    assert.equal(notice[0]?.kind, 'invitation.accepted');
  });

  test('a withdrawn invitation no longer works', async () => {
    const org = await createOrganisation(t);
    const admin = await createUser(t, { memberOf: [[org.id, 'admin']] });
    const inv = await t.app.inject({
      method: 'POST',
      url: `/api/v1/organisations/${org.id}/invitations`,
      headers: admin.headers,
      payload: { email: 'weg@example.org', role: 'staff' },
    });
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/organisations/${org.id}/invitations/${inv.json().id}`,
      headers: admin.headers,
    });
    assert.equal(del.statusCode, 204);
    const list = await t.app.inject({
      url: `/api/v1/organisations/${org.id}/invitations`,
      headers: admin.headers,
    });
    assert.equal(list.json().items.length, 0);
  });
});
