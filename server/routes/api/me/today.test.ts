import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../../../../test/helpers/factories.ts';
import { createSession, sessionCookie } from '../../../auth/sessions.ts';
import { hashSecret, newSecret } from '../../../auth/tokens.ts';
import { createFlag } from '../../../platform/moderation.ts';
import { todayLimit } from '../../../platform/today.ts';
import { insertInvitation } from '../../../repositories/oneTimeTokens.ts';
import { demoLogins, seedDemoTown } from '../../../seed/demo.ts';

interface Item {
  key: string;
  title: string;
  detail: string | null;
  when: { at: string; kind: string } | null;
  link: string;
  notificationIds: string[];
}
interface Section {
  id: string;
  group: string;
  title: string;
  items: Item[];
  total: number;
  more: string | null;
}

const hour = 3600_000;
const inHours = (h: number) => new Date(Date.now() + h * hour).toISOString();

describe('GET /me/today: my home, put together from the areas', () => {
  let t: TestApp;
  let n = 0;

  const call = (user: TestUser | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { ...(user?.headers ?? {}), 'idempotency-key': `today-test-${++n}` },
      remoteAddress: `10.9.${(n >> 8) & 255}.${n & 255}`,
      ...(payload !== undefined ? { payload } : {}),
    });

  async function today(user: TestUser, lang = 'de'): Promise<Section[]> {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me/today',
      headers: { ...user.headers, 'accept-language': lang },
      remoteAddress: `10.8.0.${++n & 255}`,
    });
    assert.equal(res.statusCode, 200, res.body);
    const sections = res.json().sections as Section[];
    for (const s of sections) {
      assert.ok(s.items.length > 0, `${s.id}: empty sections are not sent`);
      assert.ok(s.items.length <= todayLimit, `${s.id}: at most ${todayLimit} items`);
      assert.ok(s.total >= s.items.length);
      for (const i of s.items) assert.match(i.link, /^\//, `${s.id}: a link into the web client`);
    }
    return sections;
  }
  const ids = (sections: Section[]) => sections.map((s) => s.id);
  const find = (sections: Section[], id: string) => sections.find((s) => s.id === id);

  /** The person in a session begun with an instance admin's sign-in link. */
  async function assistedSession(user: TestUser): Promise<TestUser> {
    const s = await createSession(t.db, t.networkId, user.id, 'test', { assisted: true });
    return { ...user, headers: { cookie: `${sessionCookie}=${s.secret}`, 'x-csrf-token': s.csrfToken } };
  }

  async function openCircle(owner: TestUser, label: string): Promise<string> {
    const res = await call(owner, 'POST', '/circles', { personLabel: label });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().id;
  }
  async function join(inviter: TestUser, circleId: string, user: TestUser, role: string) {
    const inv = await call(inviter, 'POST', `/circles/${circleId}/invitations`, { role });
    assert.equal(inv.statusCode, 201, inv.body);
    const token = new URL(inv.json().url).hash.slice(1);
    const res = await call(user, 'POST', '/circles/invitations/accept', { token });
    assert.equal(res.statusCode, 200, res.body);
  }
  async function need(by: TestUser, circleId: string, title: string, hours: number, extra: object = {}) {
    const res = await call(by, 'POST', `/circles/${circleId}/needs`, {
      kind: 'shopping',
      title,
      start: inHours(hours),
      end: inHours(hours + 1),
      place: 'Supermarkt Nord',
      ...extra,
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().items[0].id as string;
  }

  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  test('asks who I am: without a session 401', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me/today' });
    assert.equal(res.statusCode, 401);
  });

  describe('care needs in a circle', () => {
    let owner: TestUser;
    let helper: TestUser;
    let viewer: TestUser;
    let professional: TestUser;
    let stranger: TestUser;
    let circleId: string;
    let shopping: string;

    before(async () => {
      owner = await createUser(t, { displayName: 'Herr Kaiser' });
      helper = await createUser(t, { displayName: 'Erwin' });
      viewer = await createUser(t, { displayName: 'Enkel' });
      professional = await createUser(t, { displayName: 'Pflegedienst' });
      stranger = await createUser(t, { displayName: 'Nachbarin ohne Kreis' });
      circleId = await openCircle(owner, 'Herr Kaiser');
      await join(owner, circleId, helper, 'helper');
      await join(owner, circleId, viewer, 'viewer');
      await join(owner, circleId, professional, 'professional');
      shopping = await need(owner, circleId, 'Einkauf für die Woche', 20);
      await need(owner, circleId, 'Besprechung mit dem Pflegedienst', 30, {
        visibility: 'coordinators_professionals',
      });
    });

    test('a helper sees the unclaimed need, worded as its action, one tap from it', async () => {
      const s = find(await today(helper), 'support.open');
      assert.ok(s, 'the helper has a section of help wanted');
      assert.equal(s.group, 'todo');
      const item = s.items.find((i) => i.key === `need:${shopping}`);
      assert.ok(item);
      assert.equal(item.title, '„Einkauf für die Woche“ übernehmen');
      assert.equal(item.link, `/kreise/${circleId}?bedarf=${shopping}`);
      assert.equal(item.when?.kind, 'on');
      assert.match(item.detail ?? '', /Herr Kaiser/);
      // a need for coordinators and professionals only is not the helper's to see
      assert.ok(!s.items.some((i) => i.title.includes('Besprechung')));
    });

    test('in English when asked in English', async () => {
      const s = find(await today(helper, 'en'), 'support.open');
      assert.equal(s?.title, 'Help wanted in your circles');
      assert.ok(s?.items.some((i) => i.title === 'Take on “Einkauf für die Woche”'));
    });

    test('nobody outside the circle, and no viewer (who may not claim), sees anything of it', async () => {
      for (const user of [stranger, viewer]) {
        const sections = await today(user);
        assert.ok(!ids(sections).some((id) => id.startsWith('support.')), ids(sections).join());
        assert.ok(!JSON.stringify(sections).includes('Einkauf für die Woche'));
      }
    });

    test('never in a session begun with an admin’s sign-in link, not even for a member', async () => {
      const sections = await today(await assistedSession(helper));
      assert.ok(!ids(sections).some((id) => id.startsWith('support.')), ids(sections).join());
      assert.ok(!JSON.stringify(sections).includes('Herr Kaiser'));
    });

    test('a professional’s look at the calendar from the home goes into the owner’s access log', async () => {
      const before = await t.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('action', '=', 'circle.read')
        .where('actor_id', '=', professional.id)
        .executeTakeFirstOrThrow();
      const s = find(await today(professional), 'support.open');
      assert.ok(s?.items.some((i) => i.title.includes('Besprechung mit dem Pflegedienst')));
      const logged = await t.db
        .selectFrom('audit_log')
        .select(['details'])
        .where('action', '=', 'circle.read')
        .where('actor_id', '=', professional.id)
        .where('entity_id', '=', circleId)
        .execute();
      assert.equal(logged.length, Number(before.n) + 1);
      assert.deepEqual(logged.at(-1)?.details, { what: '/:id/needs' });
      // a helper's look is not logged, as on the circle's own pages
      await today(helper);
      const helperReads = await t.db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'circle.read')
        .where('actor_id', '=', helper.id)
        .execute();
      assert.equal(helperReads.length, 0);
    });

    test('what I claimed moves from “help wanted” to what I have taken on', async () => {
      const claimed = await call(helper, 'POST', `/circles/${circleId}/needs/${shopping}/claim`);
      assert.equal(claimed.statusCode, 200, claimed.body);
      const mine = await today(helper);
      assert.ok(!find(mine, 'support.open')?.items.some((i) => i.key === `need:${shopping}`));
      const taken = find(mine, 'support.mine');
      assert.equal(taken?.group, 'upcoming');
      assert.equal(taken?.items[0]?.title, '„Einkauf für die Woche“ ansehen');
      // and it is no longer open for anyone else
      assert.ok(
        !find(await today(professional), 'support.open')?.items.some((i) => i.key === `need:${shopping}`),
      );
    });

    test('a long list shows three, says how many there are and links to the whole calendar', async () => {
      const many = await createUser(t, { displayName: 'Viele Aufgaben' });
      const busy = await openCircle(many, 'Frau Busch');
      const helping = await createUser(t, { displayName: 'Hilfsbereit' });
      await join(many, busy, helping, 'helper');
      for (let i = 0; i < 5; i++) await need(many, busy, `Besuch ${i + 1}`, 10 + i * 24);
      const s = find(await today(helping), 'support.open');
      assert.equal(s?.items.length, 3);
      assert.equal(s?.total, 5);
      assert.deepEqual(
        s?.items.map((i) => i.title),
        ['„Besuch 1“ übernehmen', '„Besuch 2“ übernehmen', '„Besuch 3“ übernehmen'],
        'soonest first',
      );
      assert.equal(s?.more, `/kreise/${busy}`);
    });

    test('a frozen circle (consent withdrawn) asks nothing of anyone', async () => {
      const frozenOwner = await createUser(t, { displayName: 'Frau Brandt' });
      const frozen = await openCircle(frozenOwner, 'Frau Brandt');
      const member = await createUser(t, { displayName: 'Helferin' });
      await join(frozenOwner, frozen, member, 'helper');
      await need(frozenOwner, frozen, 'Apotheke', 5);
      assert.ok(find(await today(member), 'support.open'));
      const withdrawn = await call(frozenOwner, 'POST', `/circles/${frozen}/consents`, {
        kind: 'withdrawn',
        givenBy: 'person',
        method: 'in_person',
        scope: [],
      });
      assert.equal(withdrawn.statusCode, 201, withdrawn.body);
      assert.equal(find(await today(member), 'support.open'), undefined);
      assert.equal(find(await today(frozenOwner), 'support.open'), undefined);
    });
  });

  describe('approvals and confirmations', () => {
    let centre: { id: string; name: string };
    let coordinator: TestUser;
    let volunteer: TestUser;
    let requester: TestUser;
    let hall: string;

    before(async () => {
      centre = await createOrganisation(t, { name: 'Stadtteilzentrum Linde' });
      coordinator = await createUser(t, { displayName: 'Petra', memberOf: [[centre.id, 'staff']] });
      volunteer = await createUser(t, { displayName: 'Vera', memberOf: [[centre.id, 'volunteer']] });
      requester = await createUser(t, { displayName: 'Ralf' });
      const res = await call(coordinator, 'POST', '/resources', {
        organisationId: centre.id,
        kind: 'equipment',
        title: 'Beamer',
        lat: 51.34,
        lng: 12.37,
        whoMayBorrow: 'everyone',
      });
      assert.equal(res.statusCode, 201, res.body);
      hall = res.json().id;
      const booked = await call(requester, 'POST', '/bookings', {
        resourceId: hall,
        start: inHours(48),
        end: inHours(50),
        note: 'Filmabend',
      });
      assert.equal(booked.statusCode, 201, booked.body);
      assert.equal(booked.json().created[0].status, 'requested');
    });

    test('the owner side answers a booking request; the one who asked sees it coming; nobody else sees it', async () => {
      const approve = find(await today(coordinator), 'sharing.approve');
      assert.equal(approve?.group, 'todo');
      assert.equal(approve?.items[0]?.title, 'Anfrage für „Beamer“ beantworten');
      assert.match(approve?.items[0]?.link ?? '', /^\/teilen\/buchungen\/[0-9a-f-]{36}$/);
      assert.match(approve?.items[0]?.detail ?? '', /Ralf.*Filmabend/);
      const mine = find(await today(requester), 'sharing.mine');
      assert.equal(mine?.items[0]?.title, 'Buchung „Beamer“ ansehen');
      assert.equal(mine?.items[0]?.detail, 'wartet noch auf Zusage');
      assert.equal(find(await today(requester), 'sharing.approve'), undefined);
      // a volunteer of the organisation does not decide its bookings
      assert.equal(find(await today(volunteer), 'sharing.approve'), undefined);
    });

    test('a coordinator confirms others’ hours, never their own', async () => {
      const logged = await call(volunteer, 'POST', '/hours', {
        organisationId: centre.id,
        activity: 'Kleiderkammer sortiert',
        date: new Date().toISOString().slice(0, 10),
        minutes: 90,
      });
      assert.equal(logged.statusCode, 201, logged.body);
      const own = await call(coordinator, 'POST', '/hours', {
        organisationId: centre.id,
        activity: 'Eigene Stunden',
        date: new Date().toISOString().slice(0, 10),
        minutes: 60,
      });
      assert.equal(own.statusCode, 201, own.body);
      const s = find(await today(coordinator), 'participation.hours');
      assert.equal(s?.total, 1, 'the coordinator’s own entry is not theirs to confirm');
      assert.equal(s?.items[0]?.title, 'Stunden von Vera bestätigen');
      assert.equal(s?.items[0]?.detail, 'Kleiderkammer sortiert · 1 Std. 30 Min.');
      assert.equal(s?.items[0]?.link, `/mitmachen/koordination?org=${centre.id}#pending`);
      assert.equal(find(await today(volunteer), 'participation.hours'), undefined);
    });

    test('the payer confirms a request for time credits; the one who asked does not', async () => {
      const account = async (user: TestUser) =>
        (await call(user, 'GET', '/timebank/accounts/mine')).json().items[0] as { id: string };
      const payer = await account(requester);
      const payee = await account(volunteer);
      const asked = await call(volunteer, 'POST', '/timebank/transfers', {
        payerAccountId: payer.id,
        payeeAccountId: payee.id,
        minutes: 45,
        memo: 'Regal aufgebaut',
      });
      assert.equal(asked.statusCode, 201, asked.body);
      assert.equal(asked.json().status, 'requested');
      const s = find(await today(requester), 'timebank.confirm');
      assert.equal(s?.items[0]?.title, '45 Min. für Vera bestätigen');
      assert.equal(s?.items[0]?.link, `/zeitbank/ueberweisungen/${asked.json().id}`);
      assert.equal(find(await today(volunteer), 'timebank.confirm'), undefined);
    });

    test('with something to do, there are no suggestions', async () => {
      const sections = await today(coordinator);
      assert.ok(sections.some((s) => s.group === 'todo'));
      assert.ok(!sections.some((s) => s.group === 'suggestion'), ids(sections).join());
    });
  });

  describe('answers in the Tauschring', () => {
    test('an answer to my post is one item that reads the notification when opened', async () => {
      const author = await createUser(t, { displayName: 'Margarete' });
      const neighbour = await createUser(t, { displayName: 'Dieter' });
      const post = await call(author, 'POST', '/exchange/posts', {
        kind: 'want',
        category: 'transport',
        title: 'Begleitung zum Augenarzt',
      });
      assert.equal(post.statusCode, 201, post.body);
      const postId = post.json().id;
      const answer = await call(neighbour, 'POST', `/exchange/posts/${postId}/messages`, {
        body: 'Ich fahre Sie gern am Dienstag.',
      });
      assert.equal(answer.statusCode, 201, answer.body);
      const s = find(await today(author), 'sharing.replies');
      assert.equal(s?.items[0]?.title, 'Antwort von Dieter lesen');
      assert.equal(s?.items[0]?.detail, 'zu „Begleitung zum Augenarzt“');
      assert.equal(s?.items[0]?.link, `/tauschring/${postId}`);
      const [notificationId] = s?.items[0]?.notificationIds ?? [];
      assert.ok(notificationId);
      const read = await call(author, 'POST', `/notifications/${notificationId}/read`);
      assert.equal(read.statusCode, 204);
      assert.equal(find(await today(author), 'sharing.replies'), undefined);
      // the post itself stays among what I have going, now with its answer counted
      const mine = find(await today(author), 'sharing.posts');
      assert.equal(mine?.items[0]?.title, 'Ihr Gesuch „Begleitung zum Augenarzt“ ansehen');
      assert.equal(mine?.items[0]?.detail, '1 Antwort');
    });
  });

  describe('with nothing to do', () => {
    test('suggestions: a mini task in my part of town first, and to fill in my profile', async () => {
      const district = await t.db
        .insertInto('district')
        .values({
          network_id: t.networkId,
          slug: `weidenau-${++n}`,
          name: 'Weidenau',
          boundary: JSON.stringify({
            type: 'Polygon',
            coordinates: [
              [
                [12, 51],
                [12.1, 51],
                [12.1, 51.1],
                [12, 51],
              ],
            ],
          }),
          center_lat: 51.05,
          center_lng: 12.05,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const org = await createOrganisation(t, { name: 'Seniorentreff' });
      const staff = await createUser(t, { displayName: 'Sevgi', memberOf: [[org.id, 'staff']] });
      const mini = async (title: string, districtId: string | null) => {
        const res = await call(staff, 'POST', '/opportunities', {
          organisationIds: [org.id],
          level: 'mini',
          mode: districtId ? 'on_site' : 'online',
          title,
          description: 'Eine kleine Hilfe, schnell erledigt.',
          effortMinutes: 60,
          status: 'published',
          ...(districtId ? { districtId, place: 'Lindenallee 12' } : {}),
        });
        assert.equal(res.statusCode, 201, res.body);
        const shift = await call(staff, 'POST', `/opportunities/${res.json().id}/shifts`, {
          startsAt: inHours(26),
          endsAt: inHours(27),
          capacity: 2,
        });
        assert.equal(shift.statusCode, 201, shift.body);
        return res.json().id as string;
      };
      await mini('Flyer online gegenlesen', null);
      const nearby = await mini('Kuchen zum Seniorentreff bringen', district.id);
      const margarete = await createUser(t, { displayName: 'Margarete' });
      const updated = await call(margarete, 'PATCH', '/me', { districtIds: [district.id] });
      assert.equal(updated.statusCode, 200, updated.body);

      const sections = await today(margarete);
      assert.ok(!sections.some((s) => s.group === 'todo'));
      const s = find(sections, 'participation.mini');
      assert.equal(s?.group, 'suggestion');
      assert.equal(s?.title, 'Eine kleine Aufgabe in Ihrer Nähe');
      assert.equal(s?.items[0]?.link, `/mitmachen/${nearby}`, 'the one in her part of town first');
      assert.equal(s?.items[0]?.title, '„Kuchen zum Seniorentreff bringen“ ansehen');
      assert.match(s?.items[0]?.detail ?? '', /dauert etwa 1 Std\. · Lindenallee 12/);
      // she named no skills yet: the home asks her to, so that suggestions can fit
      assert.equal(find(sections, 'foundation.profile')?.items[0]?.link, '/profil');
    });

    test('an offer in the Tauschring that fits my want, and a want that fits my skill', async () => {
      const asker = await createUser(t, { displayName: 'Frau Meier' });
      const driver = await createUser(t, { displayName: 'Dieter' });
      const tailor = await createUser(t, { displayName: 'Ibrahim' });
      const wrote = async (user: TestUser, body: object) => {
        const res = await call(user, 'POST', '/exchange/posts', body);
        assert.equal(res.statusCode, 201, res.body);
        return res.json().id as string;
      };
      await wrote(asker, { kind: 'want', category: 'transport', title: 'Fahrt zum Augenarzt' });
      const offer = await wrote(driver, {
        kind: 'offer',
        category: 'transport',
        title: 'Fahrdienst zu Arztterminen',
      });
      const unrelated = await wrote(driver, { kind: 'offer', category: 'lesson', title: 'Schachkurs' });
      const zip = await wrote(tailor, {
        kind: 'want',
        category: 'help',
        title: 'Reißverschluss einnähen',
        description: 'Meine Jacke braucht einen neuen.',
      });
      const inPassing = await wrote(tailor, {
        kind: 'want',
        category: 'item',
        title: 'Werkbank gesucht',
        description: 'Nähen kann ich selbst, aber keine Werkbank bauen.',
      });
      const skills = await call(asker, 'PATCH', '/me', { skills: ['Nähen'] });
      assert.equal(skills.statusCode, 200, skills.body);
      const s = find(await today(asker), 'sharing.matches');
      assert.equal(s?.group, 'suggestion');
      const links = s?.items.map((i) => i.link) ?? [];
      assert.ok(links.includes(`/tauschring/${offer}`), 'the fitting offer');
      assert.ok(links.includes(`/tauschring/${zip}`), 'the want her skill fits');
      assert.ok(!links.includes(`/tauschring/${unrelated}`), 'not an offer of another kind');
      assert.ok(!links.includes(`/tauschring/${inPassing}`), 'not a want that names the skill in passing');
      const byOffer = s?.items.find((i) => i.link === `/tauschring/${offer}`);
      assert.equal(byOffer?.detail, 'passt zu Ihrem Gesuch „Fahrt zum Augenarzt“');
      const byZip = s?.items.find((i) => i.link === `/tauschring/${zip}`);
      assert.equal(byZip?.detail, 'passt zu Ihrer Fähigkeit „Nähen“');
    });
  });

  describe('invitations to an organisation', () => {
    let tafel: { id: string; slug: string; name: string };
    let birgit: TestUser;
    const invite = async (email: string, role: 'volunteer' | 'staff' = 'volunteer') =>
      insertInvitation(t.db, t.networkId, {
        tokenHash: hashSecret(newSecret()),
        email,
        organisationId: tafel.id,
        role,
        createdBy: birgit.id,
        days: 14,
      });

    before(async () => {
      tafel = await createOrganisation(t, { name: 'Tafel Nord' });
      birgit = await createUser(t, { displayName: 'Birgit', memberOf: [[tafel.id, 'admin']] });
    });

    test('wait on the home of the one they are addressed to, who accepts them without the emailed link', async () => {
      const hanna = await createUser(t, { displayName: 'Hanna' });
      const other = await createUser(t, { displayName: 'Otto' });
      await invite(hanna.email);
      const s = find(await today(hanna), 'foundation.invitations');
      assert.equal(s?.group, 'todo');
      assert.equal(s?.items[0]?.title, 'Einladung von Tafel Nord annehmen');
      assert.equal(s?.items[0]?.detail, 'als Ehrenamt · eingeladen von Birgit');
      assert.equal(s?.items[0]?.link, '/einladungen');
      assert.equal(s?.items[0]?.when?.kind, 'until');
      assert.equal(find(await today(other), 'foundation.invitations'), undefined);
      const listed = (await call(hanna, 'GET', '/me/invitations')).json().items;
      assert.deepEqual(
        listed.map((i: { organisation: { name: string }; role: string; invitedBy: string }) => [
          i.organisation.name,
          i.role,
          i.invitedBy,
        ]),
        [['Tafel Nord', 'volunteer', 'Birgit']],
      );
      assert.deepEqual((await call(other, 'GET', '/me/invitations')).json().items, []);
      // someone else cannot take it: for them it does not exist
      assert.equal((await call(other, 'POST', `/me/invitations/${tafel.id}/accept`)).statusCode, 404);

      const accepted = await call(hanna, 'POST', `/me/invitations/${tafel.id}/accept`);
      assert.equal(accepted.statusCode, 200, accepted.body);
      assert.equal(accepted.json().organisationSlug, tafel.slug);
      const member = await t.db
        .selectFrom('membership')
        .select('role')
        .where('organisation_id', '=', tafel.id)
        .where('account_id', '=', hanna.id)
        .executeTakeFirst();
      assert.equal(member?.role, 'volunteer');
      assert.equal(find(await today(hanna), 'foundation.invitations'), undefined);
      const told = await t.db
        .selectFrom('notification')
        .select('params')
        .where('account_id', '=', birgit.id)
        .where('kind', '=', 'invitation.accepted')
        .execute();
      assert.ok(told.some((n) => n.params.name === 'Hanna'));
      // spent: a second answer finds nothing
      assert.equal((await call(hanna, 'POST', `/me/invitations/${tafel.id}/accept`)).statusCode, 404);
    });

    test('are declined as easily, and are gone then', async () => {
      const ida = await createUser(t, { displayName: 'Ida' });
      await invite(ida.email);
      const declined = await call(ida, 'POST', `/me/invitations/${tafel.id}/decline`);
      assert.equal(declined.statusCode, 204, declined.body);
      assert.equal(find(await today(ida), 'foundation.invitations'), undefined);
      const member = await t.db
        .selectFrom('membership')
        .select('role')
        .where('organisation_id', '=', tafel.id)
        .where('account_id', '=', ida.id)
        .executeTakeFirst();
      assert.equal(member, undefined);
      const logged = await t.db
        .selectFrom('audit_log')
        .select('action')
        .where('actor_id', '=', ida.id)
        .where('action', '=', 'invitation.declined')
        .execute();
      assert.equal(logged.length, 1);
    });

    test('need an email the account has shown it holds, and the person’s own session', async () => {
      const unverified = await createUser(t, { displayName: 'Ungeprüft' });
      await t.db
        .updateTable('account')
        .set({ email_verified_at: null })
        .where('id', '=', unverified.id)
        .execute();
      await invite(unverified.email);
      assert.equal(find(await today(unverified), 'foundation.invitations'), undefined);
      assert.equal((await call(unverified, 'POST', `/me/invitations/${tafel.id}/accept`)).statusCode, 404);

      const helped = await createUser(t, { displayName: 'Helga' });
      await invite(helped.email);
      const assisted = await assistedSession(helped);
      assert.equal(find(await today(assisted), 'foundation.invitations'), undefined);
      assert.deepEqual((await call(assisted, 'GET', '/me/invitations')).json().items, []);
      assert.equal((await call(assisted, 'POST', `/me/invitations/${tafel.id}/accept`)).statusCode, 403);
      // in her own session she still finds it
      assert.ok(find(await today(helped), 'foundation.invitations'));
    });
  });

  describe('the network’s coordinator', () => {
    test('sees reports nobody has dealt with; nobody else does', async () => {
      const admin = await createUser(t, { displayName: 'Miriam', admin: true });
      const reporter = await createUser(t, { displayName: 'Meldende' });
      const org = await createOrganisation(t, { name: 'Verein mit Meldung' });
      await createFlag(t.db, {
        networkId: t.networkId,
        reporterId: reporter.id,
        entityType: 'organisation',
        entityId: org.id,
        reason: 'spam',
      });
      const s = find(await today(admin), 'foundation.flags');
      assert.equal(s?.group, 'network');
      assert.equal(s?.items[0]?.link, '/verwaltung/meldungen');
      assert.equal(s?.items[0]?.detail, 'Werbung oder Spam');
      assert.equal(find(await today(reporter), 'foundation.flags'), undefined);
      // what lies unanswered is theirs to do: no suggestions beside it
      assert.ok(!(await today(admin)).some((x) => x.group === 'suggestion'));
    });
  });
});

describe('GET /me/today in the demo town, person by person', () => {
  let t: TestApp;
  let n = 0;

  async function todayOf(email: string): Promise<Section[]> {
    const account = await t.db
      .selectFrom('account')
      .select('id')
      .where('network_id', '=', t.networkId)
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    const s = await createSession(t.db, t.networkId, account.id, 'test');
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me/today',
      headers: { cookie: `${sessionCookie}=${s.secret}`, 'accept-language': 'de' },
      remoteAddress: `10.7.0.${++n}`,
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json().sections;
  }
  const titles = (sections: Section[], id: string) =>
    sections.find((s) => s.id === id)?.items.map((i) => i.title) ?? [];
  const groups = (sections: Section[]) => new Set(sections.map((s) => s.group));

  before(async () => {
    t = await createTestApp();
    await seedDemoTown(t.db, t.networkId);
  });
  after(() => t.close());

  test('Petra finds every approval waiting for her in one place, and nothing of a circle', async () => {
    const petra = await todayOf('petra@nachbarschaftszentrum.example');
    // the hall, and the minibus the ride service to the market pledged (Mitgestalten)
    assert.deepEqual(titles(petra, 'sharing.approve'), [
      'Anfrage für „Kleinbus (9 Sitze)“ beantworten',
      'Anfrage für „Saal im Nachbarschaftszentrum“ beantworten',
    ]);
    assert.deepEqual(titles(petra, 'participation.hours'), ['Stunden von Amira Haddad bestätigen']);
    assert.deepEqual(titles(petra, 'timebank.confirm'), [
      '1 Std. für Fahrradwerkstatt-Initiative „Speiche“ bestätigen',
    ]);
    assert.deepEqual(titles(petra, 'participation.partners'), [
      'Einladung von Volkshochschule Lindenbrück beantworten',
    ]);
    // her own request, among her bookings in date order (which comes first depends on the weekday)
    assert.ok(
      titles(petra, 'sharing.mine').some((x) => x.includes('Besprechungsraum der Diakonie')),
      'her own request',
    );
    assert.ok(!petra.some((s) => s.id.startsWith('support.')));
    assert.ok(!groups(petra).has('suggestion'));
  });

  test('Jonas sees the ride nobody took in Herr K.’s circle, the walk he took on and his Saturday shift', async () => {
    const jonas = await todayOf('jonas@example.org');
    assert.ok(titles(jonas, 'support.open').includes('„Fahrt zur Physiotherapie“ übernehmen'));
    assert.ok(titles(jonas, 'support.mine').includes('„Besuch und Spaziergang“ ansehen'));
    assert.ok(titles(jonas, 'participation.shifts').some((x) => x.includes('Samstagsschicht')));
  });

  test('Aylin sees at a glance which of Herr K.’s needs nobody has claimed', async () => {
    const aylin = await todayOf('aylin.demir@caritas-lindenbrueck.example');
    assert.ok(titles(aylin, 'support.open').includes('„Fahrt zur Physiotherapie“ übernehmen'));
  });

  test('Frau M. has nothing waiting: her own want, a mini task in Weidenau and an offer that fits her want', async () => {
    const m = await todayOf('margarete.m@example.org');
    assert.ok(!groups(m).has('todo'));
    assert.deepEqual(titles(m, 'sharing.posts'), [
      'Ihr Gesuch „Begleitung zum Augenarzt am Bahnhof“ ansehen',
    ]);
    assert.equal(
      titles(m, 'participation.mini')[0],
      '„Kuchen fürs Seniorencafé abholen und bringen“ ansehen',
    );
    assert.ok(titles(m, 'sharing.matches').includes('Angebot „Fahrdienst zum Arzt und zurück“ ansehen'));
  });

  test('the network’s coordinator sees what lies unanswered: opportunities nobody signed up for, Frau M.’s want', async () => {
    const admin = await todayOf(demoLogins[0]!.email);
    assert.ok(titles(admin, 'participation.noSignups').length > 0);
    assert.deepEqual(titles(admin, 'sharing.unansweredWants'), [
      'Gesuch „Begleitung zum Augenarzt am Bahnhof“ ansehen',
    ]);
    assert.ok(!admin.some((s) => s.id.startsWith('support.')), 'an instance admin never reaches a circle');
  });

  test('every demo sign-in gets a home without an error', async () => {
    for (const { email } of demoLogins) assert.ok(Array.isArray(await todayOf(email)));
  });
});
