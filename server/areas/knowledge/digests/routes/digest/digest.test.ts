import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../../../../test/helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../../../../../../test/helpers/factories.ts';
import { localParts, zonedTime } from '../../../../../platform/localTime.ts';
import { redacted } from '../../../../../platform/mail.ts';
import { runDigests, sendDigest } from '../../commands/sendDigest.ts';
import { gatherDigest } from '../../repositories/digestItems.ts';

const day = 24 * 3600_000;

/** 08:00 local time on the day after `d` — later than anything the test writes now. */
function nextMorning(d = new Date(), hour = 8, days = 1) {
  const p = localParts(new Date(d.getTime() + days * day));
  return zonedTime(p.year, p.month, p.day, hour * 60);
}

describe('digest: settings, the daily and weekly email, and one-click unsubscribe', () => {
  let t: TestApp;
  let org: { id: string; slug: string; name: string };
  let reader: TestUser;
  let member: TestUser;
  let writer: TestUser;
  let districtId: string;
  let threadId: string;
  let pageId: string;
  let secretPageId: string;
  let reportId: string;

  const call = (
    user: TestUser | null,
    method: 'GET' | 'PUT' | 'POST' | 'DELETE',
    url: string,
    payload?: object,
  ) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: user?.headers ?? {},
      ...(payload ? { payload } : {}),
    });
  const outboxFor = (email: string) =>
    t.db
      .selectFrom('outbox_email')
      .select(['subject', 'body_text', 'body_shown', 'headers', 'headers_shown'])
      .where('to_address', '=', email)
      .orderBy('created_at')
      .execute();
  const config = () => t.app.deps.config;

  before(async () => {
    t = await createTestApp({ PUBLIC_URL: 'https://lindenbrueck.example' });
    org = await createOrganisation(t, { name: 'Bürgerverein Nord' });
    reader = await createUser(t, { displayName: 'Frau Meier' });
    member = await createUser(t, { displayName: 'Herr Vereinsmitglied', memberOf: [[org.id, 'volunteer']] });
    writer = await createUser(t, { displayName: 'Jonas', memberOf: [[org.id, 'staff']] });
    districtId = (
      await t.db
        .insertInto('district')
        .values({ network_id: t.networkId, name: 'Altstadt', slug: 'altstadt' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    threadId = (
      await t.db
        .insertInto('discussion_thread')
        .values({
          network_id: t.networkId,
          title: 'Parken am Markt',
          theme: 'mobility',
          author_id: writer.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const page = (title: string, slug: string, visibility: 'public' | 'members') =>
      t.db
        .insertInto('wiki_page')
        .values({
          network_id: t.networkId,
          slug,
          title,
          visibility,
          organisation_id: visibility === 'members' ? org.id : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    pageId = (await page('Müllabfuhr-Termine', 'muellabfuhr', 'public')).id;
    secretPageId = (await page('Vorstandsprotokolle', 'protokolle', 'members')).id;
    reportId = (
      await t.db
        .insertInto('map_report')
        .values({
          network_id: t.networkId,
          kind: 'defect',
          category: 'safety',
          title: 'Laterne kaputt',
          lat: 52.1,
          lng: 13.1,
          author_id: writer.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    for (const user of [reader, member]) {
      for (const [type, id] of [
        ['organisation', org.id],
        ['discussion_thread', threadId],
        ['district', districtId],
        ['wiki_page', pageId],
        ['map_report', reportId],
      ])
        assert.equal((await call(user, 'PUT', `/follows/${type}/${id}`)).statusCode, 204);
    }
  });
  after(() => t.close());

  test('the digest is off until the person chooses; weekly needs a weekday; each change is audited', async () => {
    const fresh = await call(reader, 'GET', '/digest/settings');
    assert.equal(fresh.statusCode, 200);
    assert.deepEqual(fresh.json(), { frequency: 'off', weekday: null, sendsAt: '07:00' });
    const noDay = await call(reader, 'PUT', '/digest/settings', { frequency: 'weekly' });
    assert.equal(noDay.statusCode, 422, noDay.body);
    assert.equal(noDay.json().errors?.[0]?.field ?? noDay.json().fields?.[0]?.field, '/weekday');
    const weekly = await call(reader, 'PUT', '/digest/settings', { frequency: 'weekly', weekday: 3 });
    assert.equal(weekly.statusCode, 200, weekly.body);
    assert.deepEqual(weekly.json(), { frequency: 'weekly', weekday: 3, sendsAt: '07:00' });
    const daily = await call(reader, 'PUT', '/digest/settings', { frequency: 'daily', weekday: 3 });
    assert.deepEqual(daily.json(), { frequency: 'daily', weekday: null, sendsAt: '07:00' });
    const logged = await t.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('action', '=', 'digest.updated')
      .where('actor_id', '=', reader.id)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      logged.map((l) => l.details),
      [
        { from: 'off', to: 'weekly', weekday: 3 },
        { from: 'weekly', to: 'daily' },
      ],
    );
    assert.equal((await call(null, 'GET', '/digest/settings')).statusCode, 401);
    assert.equal((await call(null, 'PUT', '/digest/settings', { frequency: 'daily' })).statusCode, 401);
  });

  test('GET /follows names each thing with its page, only while the person may see it', async () => {
    await call(member, 'PUT', `/follows/wiki_page/${secretPageId}`);
    const mine = (await call(member, 'GET', '/follows')).json();
    assert.equal(mine.total, 6);
    const secret = mine.items.find((i: { targetId: string }) => i.targetId === secretPageId);
    assert.equal(secret.title, 'Vorstandsprotokolle');
    // she leaves the organisation: the page stays in her list, without its title
    await t.db.deleteFrom('membership').where('account_id', '=', member.id).execute();
    const after = (await call(member, 'GET', '/follows')).json();
    const gone = after.items.find((i: { targetId: string }) => i.targetId === secretPageId);
    assert.equal(gone.title, null);
    assert.equal(gone.path, null);
    const organisation = after.items.find((i: { targetType: string }) => i.targetType === 'organisation');
    assert.equal(organisation.title, 'Bürgerverein Nord');
    assert.equal(organisation.path, `/organisationen/${org.slug}`);
    await t.db
      .insertInto('membership')
      .values({ network_id: t.networkId, organisation_id: org.id, account_id: member.id, role: 'volunteer' })
      .execute();
    await call(member, 'DELETE', `/follows/wiki_page/${secretPageId}`);
    const page = (await call(member, 'GET', '/follows?limit=2&offset=4')).json();
    assert.equal(page.items.length, 1);
    assert.equal(page.total, 5);
  });

  test('the digest brings what is new and visible, never a members-only post to a non-member, nothing of her own', async () => {
    await call(member, 'PUT', '/digest/settings', { frequency: 'daily' });
    await call(reader, 'PUT', '/digest/settings', { frequency: 'daily' });
    const news = (
      title: string,
      visibility: 'public' | 'members',
      status: 'published' | 'draft' = 'published',
    ) =>
      t.db
        .insertInto('news_post')
        .values({
          network_id: t.networkId,
          organisation_id: org.id,
          title,
          body: 'Text',
          visibility,
          status,
          published_at: status === 'published' ? new Date() : null,
          author_id: writer.id,
        })
        .execute();
    await news('Frühjahrsputz am Samstag', 'public');
    await news('Interne Kassenprüfung', 'members');
    await news('Noch ein Entwurf', 'public', 'draft');
    const post = (position: number, author: string, body: string, at = new Date()) =>
      t.db
        .insertInto('discussion_post')
        .values({
          network_id: t.networkId,
          thread_id: threadId,
          position,
          body,
          author_id: author,
          created_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    await post(1, writer.id, 'Wo soll man parken?');
    await post(2, reader.id, 'Ich finde, am Bahnhof.');
    const hidden = await post(3, writer.id, 'Beleidigung');
    await t.db
      .insertInto('hidden_content')
      .values({
        network_id: t.networkId,
        entity_type: 'discussion_post',
        entity_id: hidden.id,
        hidden_by: writer.id,
        reason: 'test',
      })
      .execute();
    await t.db
      .insertInto('discussion_thread')
      .values({
        network_id: t.networkId,
        title: 'Spielplatz Altstadt',
        theme: 'family',
        district_id: districtId,
        author_id: writer.id,
      })
      .execute();
    await t.db
      .insertInto('discussion_thread')
      .values({
        network_id: t.networkId,
        title: 'Noch in Prüfung hier',
        theme: 'family',
        district_id: districtId,
        author_id: writer.id,
        review_status: 'pending',
      })
      .execute();
    await t.db
      .insertInto('wiki_revision')
      .values([
        {
          network_id: t.networkId,
          page_id: pageId,
          revision: 1,
          title: 'Müllabfuhr-Termine',
          author_id: writer.id,
        },
        {
          network_id: t.networkId,
          page_id: pageId,
          revision: 2,
          title: 'Müllabfuhr-Termine',
          author_id: reader.id,
        },
      ])
      .execute();
    await t.db
      .updateTable('map_report')
      .set({ status: 'in_progress', updated_at: new Date() })
      .where('id', '=', reportId)
      .execute();

    const morning = nextMorning();
    assert.equal(await sendDigest(t.db, t.networkId, reader.id, config(), morning), true);
    const [mail, ...more] = await outboxFor(reader.email);
    assert.ok(mail);
    assert.equal(more.length, 0);
    assert.match(mail.subject, /Neues von dem, was Sie verfolgen/);
    const text = mail.body_text;
    assert.match(text, /Guten Tag Frau Meier/);
    assert.match(
      text,
      /„Parken am Markt“: eine neue Antwort\n {2}https:\/\/lindenbrueck\.example\/wissen\/diskussionen\//,
    );
    assert.match(text, /Bürgerverein Nord: „Frühjahrsputz am Samstag“/);
    assert.doesNotMatch(text, /Kassenprüfung/, 'a members-only post never reaches a non-member');
    assert.doesNotMatch(text, /Entwurf/);
    assert.doesNotMatch(text, /Noch in Prüfung/);
    assert.match(text, /Altstadt: neues Gespräch „Spielplatz Altstadt“/);
    assert.match(text, /„Müllabfuhr-Termine“: eine Änderung/, 'her own revision does not count');
    assert.match(text, /„Laterne kaputt“ – Stand jetzt: in Bearbeitung/);
    assert.match(text, /https:\/\/lindenbrueck\.example\/wissen\/folgen/);
    const token = /\/wissen\/abbestellen\?token=([A-Za-z0-9_-]+)/.exec(text)?.[1];
    assert.ok(token);
    assert.equal(
      mail.headers['List-Unsubscribe'],
      `<https://lindenbrueck.example/api/v1/digest/unsubscribe?token=${token}>`,
    );
    assert.equal(mail.headers['List-Unsubscribe-Post'], 'List-Unsubscribe=One-Click');
    assert.equal(
      mail.headers_shown['List-Unsubscribe'],
      `<https://lindenbrueck.example/api/v1/digest/unsubscribe?token=${redacted}>`,
    );
    assert.ok(!mail.body_shown.includes(token), 'the outbox shows the token redacted');

    assert.equal(await sendDigest(t.db, t.networkId, member.id, config(), morning), true);
    const [memberMail] = await outboxFor(member.email);
    assert.match(memberMail?.body_text ?? '', /Interne Kassenprüfung/, 'a member gets the members-only post');

    // later the same day: nothing more, whatever is new
    const noon = new Date(morning.getTime() + 4 * 3600_000);
    await post(4, writer.id, 'Noch eine Antwort', new Date(noon.getTime() - 60_000));
    assert.equal(await sendDigest(t.db, t.networkId, reader.id, config(), noon), false);
    assert.equal((await runDigests(t.db, t.networkId, config(), noon)).sent, 0);
    assert.equal((await outboxFor(reader.email)).length, 1);
    // the next morning: the new answer, once
    const tomorrow = nextMorning(morning);
    assert.equal((await runDigests(t.db, t.networkId, config(), tomorrow)).sent, 2);
    const mails = await outboxFor(reader.email);
    assert.equal(mails.length, 2);
    assert.match(mails[1]?.body_text ?? '', /„Parken am Markt“: eine neue Antwort/);
    assert.doesNotMatch(mails[1]?.body_text ?? '', /Frühjahrsputz/, 'only what is new since the last digest');
    // and the morning after, with nothing new: no email
    assert.equal((await runDigests(t.db, t.networkId, config(), nextMorning(tomorrow))).sent, 0);
    assert.equal((await outboxFor(reader.email)).length, 2);
  });

  test('before 07:00 no digest goes; a weekly one comes on its weekday only, in the person’s language', async () => {
    const english = await createUser(t, { displayName: 'Ms Brown' });
    await t.db.updateTable('account').set({ locale: 'en' }).where('id', '=', english.id).execute();
    await call(english, 'PUT', `/follows/organisation/${org.id}`);
    const base = nextMorning(new Date(), 8, 10);
    const weekday = localParts(base).weekday;
    await call(english, 'PUT', '/digest/settings', {
      frequency: 'weekly',
      weekday: weekday === 7 ? 1 : weekday + 1,
    });
    await t.db
      .insertInto('news_post')
      .values({
        network_id: t.networkId,
        organisation_id: org.id,
        title: 'Spring clean-up',
        body: 'Text',
        status: 'published',
        published_at: new Date(),
        author_id: writer.id,
      })
      .execute();
    await runDigests(t.db, t.networkId, config(), base);
    assert.equal((await outboxFor(english.email)).length, 0, 'not her weekday');
    const early = nextMorning(base, 6);
    await runDigests(t.db, t.networkId, config(), early);
    assert.equal((await outboxFor(english.email)).length, 0, 'not before seven');
    await runDigests(t.db, t.networkId, config(), nextMorning(base, 7));
    const [mail] = await outboxFor(english.email);
    assert.match(mail?.subject ?? '', /your weekly digest/);
    assert.match(mail?.body_text ?? '', /Bürgerverein Nord: “Spring clean-up”/);
    assert.match(mail?.body_text ?? '', /Unsubscribe from the digest/);
  });

  test('unsubscribe works with the link’s token and no session, refuses a wrong one alike, and is audited', async () => {
    await call(reader, 'PUT', '/digest/settings', { frequency: 'daily' });
    const token = (
      await t.db
        .selectFrom('knowledge_digest_setting')
        .select('unsubscribe_token')
        .where('account_id', '=', reader.id)
        .executeTakeFirstOrThrow()
    ).unsubscribe_token;
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/digest/unsubscribe',
      payload: { token: 'x'.repeat(43) },
    });
    assert.equal(wrong.statusCode, 204);
    assert.equal((await call(reader, 'GET', '/digest/settings')).json().frequency, 'daily');
    assert.equal(
      (await t.app.inject({ method: 'POST', url: '/api/v1/digest/unsubscribe', payload: {} })).statusCode,
      422,
    );
    // a mail client's one-click: a form POST to the header's link, no cookie
    const oneClick = await t.app.inject({
      method: 'POST',
      url: `/api/v1/digest/unsubscribe?token=${token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    assert.equal(oneClick.statusCode, 204, oneClick.body);
    assert.deepEqual((await call(reader, 'GET', '/digest/settings')).json(), {
      frequency: 'off',
      weekday: null,
      sendsAt: '07:00',
    });
    const logged = await t.db
      .selectFrom('audit_log')
      .select(['actor_id', 'details'])
      .where('action', '=', 'digest.unsubscribed')
      .execute();
    assert.deepEqual(logged, [{ actor_id: reader.id, details: { via: 'one_click' } }]);
    // a multipart one-click (RFC 8058 allows both encodings), for a second person
    await call(member, 'PUT', '/digest/settings', { frequency: 'daily' });
    const memberToken = (
      await t.db
        .selectFrom('knowledge_digest_setting')
        .select('unsubscribe_token')
        .where('account_id', '=', member.id)
        .executeTakeFirstOrThrow()
    ).unsubscribe_token;
    const multipart = await t.app.inject({
      method: 'POST',
      url: `/api/v1/digest/unsubscribe?token=${memberToken}`,
      headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
      payload:
        '--xyz\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--xyz--\r\n',
    });
    assert.equal(multipart.statusCode, 204, multipart.body);
    assert.equal((await call(member, 'GET', '/digest/settings')).json().frequency, 'off');
    // again, from the page: the same answer, nothing more logged
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/digest/unsubscribe',
      payload: { token },
    });
    assert.equal(again.statusCode, 204);
    const count = await t.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'digest.unsubscribed')
      .where('actor_id', '=', reader.id)
      .execute();
    assert.equal(count.length, 1);
  });

  test('one person’s failing digest holds up nobody else’s, and is tried again', async () => {
    const unlucky = await createUser(t, { displayName: 'Pech' });
    const lucky = await createUser(t, { displayName: 'Glück' });
    for (const u of [unlucky, lucky]) {
      await call(u, 'PUT', `/follows/organisation/${org.id}`);
      await call(u, 'PUT', '/digest/settings', { frequency: 'daily' });
    }
    await t.db
      .insertInto('news_post')
      .values({
        network_id: t.networkId,
        organisation_id: org.id,
        title: 'Neue Öffnungszeiten',
        body: 'Text',
        status: 'published',
        published_at: new Date(),
        author_id: writer.id,
      })
      .execute();
    // a trigger is the schema's business: the owner's (the app's role may not create one)
    await sql`CREATE FUNCTION digest_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'broken for this test'; END $$`.execute(t.ownerDb);
    await sql`CREATE TRIGGER digest_test_fail BEFORE UPDATE ON knowledge_digest_log FOR EACH ROW
      WHEN (NEW.account_id = ${sql.lit(unlucky.id)}::uuid) EXECUTE FUNCTION digest_test_fail()`.execute(
      t.ownerDb,
    );
    const at = nextMorning(new Date(), 8, 30);
    await assert.rejects(runDigests(t.db, t.networkId, config(), at), /1 of \d+ digests failed/);
    assert.equal((await outboxFor(lucky.email)).length, 1);
    assert.equal((await outboxFor(unlucky.email)).length, 0);
    await sql`DROP TRIGGER digest_test_fail ON knowledge_digest_log`.execute(t.ownerDb);
    await sql`DROP FUNCTION digest_test_fail()`.execute(t.ownerDb);
    // the failed claim was rolled back: the next run of the day makes it
    await runDigests(t.db, t.networkId, config(), new Date(at.getTime() + 1800_000));
    assert.equal((await outboxFor(unlucky.email)).length, 1);
    assert.equal((await outboxFor(lucky.email)).length, 1);
  });

  test('a members-only community’s thread reaches its members only, also by district, and nobody who left', async () => {
    // the community (Räume & Brücken's, whose rule the server registered) as rows: by request, `member` in it
    const community = await t.db
      .insertInto('community')
      .values({
        network_id: t.networkId,
        slug: 'lesekreis',
        name: 'Lesekreis',
        space: 'local',
        joining: 'request',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const join = (account: string, status: 'active' | 'requested') =>
      t.db
        .insertInto('community_member')
        .values({
          network_id: t.networkId,
          community_id: community.id,
          account_id: account,
          role: account === writer.id ? 'owner' : 'member',
          status,
          joined_at: status === 'active' ? new Date() : null,
        })
        .execute();
    await join(writer.id, 'active');
    await join(member.id, 'active');
    await join(reader.id, 'requested');
    const since = new Date(Date.now() - 60_000);
    const thread = await t.db
      .insertInto('discussion_thread')
      .values({
        network_id: t.networkId,
        title: 'Was lesen wir im Mai?',
        theme: 'culture',
        district_id: districtId,
        community_id: community.id,
        author_id: writer.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('discussion_post')
      .values({
        network_id: t.networkId,
        thread_id: thread.id,
        position: 1,
        body: 'Vorschläge?',
        author_id: writer.id,
      })
      .execute();
    // both follow it (the reader as if from before she could no longer read it)
    for (const u of [reader, member])
      await t.db
        .insertInto('knowledge_follow')
        .values({
          network_id: t.networkId,
          account_id: u.id,
          target_type: 'discussion_thread',
          target_id: thread.id,
        })
        .execute();
    const digestOf = async (u: TestUser) =>
      gatherDigest(t.db, t.networkId, { accountId: u.id, organisationIds: new Set() }, since, new Date());
    const forMember = await digestOf(member);
    assert.ok(forMember.threads.some((x) => x.id === thread.id));
    assert.ok(forMember.districtThreads.some((x) => x.id === thread.id));
    const forReader = await digestOf(reader);
    assert.ok(!forReader.threads.some((x) => x.id === thread.id), 'one who only asked reads nothing of it');
    assert.ok(!forReader.districtThreads.some((x) => x.id === thread.id));
    const follows = (await call(reader, 'GET', '/follows')).json().items as {
      targetId: string;
      title: string | null;
    }[];
    assert.equal(follows.find((f) => f.targetId === thread.id)?.title, null);
    assert.equal((await call(reader, 'PUT', `/follows/discussion_thread/${thread.id}`)).statusCode, 404);
    // once she is in, it is hers too; once the member leaves, it is no longer his
    await t.db
      .updateTable('community_member')
      .set({ status: 'active', joined_at: new Date() })
      .where('account_id', '=', reader.id)
      .execute();
    await t.db
      .deleteFrom('community_member')
      .where('account_id', '=', member.id)
      .where('community_id', '=', community.id)
      .execute();
    assert.ok((await digestOf(reader)).threads.some((x) => x.id === thread.id));
    assert.ok(!(await digestOf(member)).threads.some((x) => x.id === thread.id));
  });
});
