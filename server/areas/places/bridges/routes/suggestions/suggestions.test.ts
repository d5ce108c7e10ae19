import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../../../test/helpers/app.ts';
import { makeCommunity } from '../../../../../../test/helpers/bridges.ts';
import { createOrganisation, createUser, type TestUser } from '../../../../../../test/helpers/factories.ts';
import type { Area } from '../../../../../db/schema.ts';
import { recordInteraction } from '../../../../../platform/interactions.ts';
import { followUpIntroductions } from '../../commands/followUp.ts';
import { generateSuggestions } from '../../commands/generateSuggestions.ts';

const day = 86_400_000;

/**
 * Bridges over the API, on a small town: a bakery (business, Am Bahnhof) with a back room; a youth
 * club (civil society, Weidenau) that looks for a room for its baking afternoon; a neighbourhood centre
 * (civil society, Lindenhof) with a hall nobody books; a food bank (social services, Weidenau) and a
 * choir (a community). The background job makes the suggestions (called directly here).
 */
describe('bridges worth building', () => {
  let t: TestApp;
  let hasan: TestUser;
  let emine: TestUser;
  let bakeryVolunteer: TestUser;
  let jana: TestUser;
  let petra: TestUser;
  let tafelAdmin: TestUser;
  let miriam: TestUser;
  let stranger: TestUser;
  let choirOwner: TestUser;
  const orgs: Record<'bakery' | 'club' | 'centre' | 'tafel', { id: string; slug: string; name: string }> =
    {} as never;

  const call = (
    who: TestUser | undefined,
    method: 'GET' | 'POST',
    url: string,
    payload?: object,
    lang = 'de',
  ) =>
    t.app.inject({
      method,
      url: `/api/v1/places/bridges${url}`,
      headers: { ...(who?.headers ?? {}), 'accept-language': lang },
      ...(payload ? { payload } : {}),
    });
  const ok = async (who: TestUser, method: 'GET' | 'POST', url: string, payload?: object) => {
    const r = await call(who, method, url, payload);
    assert.equal(r.statusCode, 200, `${method} ${url}: ${r.body}`);
    return r.json();
  };
  const post = async (who: TestUser, url: string, payload: object) => {
    const r = await t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: who.headers, payload });
    assert.equal(r.statusCode, 201, `${url}: ${r.body}`);
    return r.json();
  };
  const meet = (area: Area, a: { type: 'person' | 'organisation'; id: string }, b: typeof a) =>
    recordInteraction(t.db, { networkId: t.networkId, area, kind: 'meeting', mode: 'offline', a, b });
  const o = (key: keyof typeof orgs) => ({ type: 'organisation' as const, id: orgs[key].id });
  const mine = async (who: TestUser) =>
    (await ok(who, 'GET', '/?scope=mine')).items as {
      id: string;
      status: string;
      sides: { name: string; mine: boolean; accepted: boolean }[];
      reason: Record<string, unknown> & {
        offer: { title: string; idle: boolean | null };
        need: { title: string };
      };
      notNow: { by: string; reason: string | null } | null;
      followUp: { answer: boolean | null; outcome: string | null; askedAt: string | null } | null;
      abilities: Record<string, boolean>;
    }[];
  const between = async (who: TestUser, x: string, y: string) =>
    (await mine(who)).find((s) => {
      const names = s.sides.map((side) => side.name);
      return names.includes(x) && names.includes(y);
    });

  before(async () => {
    t = await createTestApp();
    const district = async (slug: string, name: string) =>
      (
        await t.db
          .insertInto('district')
          .values({ network_id: t.networkId, slug, name })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const d = {
      bahnhof: await district('am-bahnhof', 'Am Bahnhof'),
      weidenau: await district('weidenau', 'Weidenau'),
      lindenhof: await district('lindenhof', 'Lindenhof'),
    };
    const make = async (
      name: string,
      sector: 'business' | 'civil_society' | 'social_service',
      districtId: string,
    ) => {
      const org = await createOrganisation(t, { name, sector });
      await t.db
        .updateTable('organisation')
        .set({ district_id: districtId })
        .where('id', '=', org.id)
        .execute();
      return org;
    };
    orgs.bakery = await make('Bäckerei Yilmaz', 'business', d.bahnhof);
    orgs.club = await make('Jugendtreff Weidenau', 'civil_society', d.weidenau);
    orgs.centre = await make('Nachbarschaftszentrum', 'civil_society', d.lindenhof);
    orgs.tafel = await make('Tafel Weidenau', 'social_service', d.weidenau);
    hasan = await createUser(t, { displayName: 'Hasan Yilmaz', memberOf: [[orgs.bakery.id, 'admin']] });
    emine = await createUser(t, { displayName: 'Emine Yilmaz', memberOf: [[orgs.bakery.id, 'staff']] });
    bakeryVolunteer = await createUser(t, {
      displayName: 'Vera Volontär',
      memberOf: [[orgs.bakery.id, 'volunteer']],
    });
    jana = await createUser(t, { displayName: 'Jana Jugend', memberOf: [[orgs.club.id, 'admin']] });
    await t.db.updateTable('account').set({ locale: 'en' }).where('id', '=', jana.id).execute();
    petra = await createUser(t, { displayName: 'Petra Lange', memberOf: [[orgs.centre.id, 'admin']] });
    tafelAdmin = await createUser(t, { displayName: 'Theo Tafel', memberOf: [[orgs.tafel.id, 'admin']] });
    miriam = await createUser(t, { displayName: 'Miriam Koch', admin: true });
    stranger = await createUser(t, { displayName: 'Sam Fremd' });
    choirOwner = await createUser(t, { displayName: 'Clara Chor' });
    await makeCommunity(t, { owner: choirOwner.id, name: 'Chor am Markt' });

    await post(hasan, '/resources', {
      organisationId: orgs.bakery.id,
      kind: 'room',
      title: 'Hinterzimmer der Bäckerei',
      whoMayBorrow: 'everyone',
    });
    await post(petra, '/resources', {
      organisationId: orgs.centre.id,
      kind: 'room',
      title: 'Saal im Zentrum',
      whoMayBorrow: 'everyone',
    });
    await post(jana, '/exchange/posts', {
      kind: 'want',
      category: 'other',
      title: 'Raum für unseren Backnachmittag',
      description: 'Einmal im Monat backen wir mit den Kindern. Geschrieben von Jana Jugend.',
      organisationId: orgs.club.id,
    });
  });
  after(() => t.close());

  describe('made by the job', () => {
    test('far apart and complementary: the bakery’s room, the centre’s hall and the club’s baking afternoon', async () => {
      const made = await generateSuggestions(t.db, t.networkId);
      assert.equal(made.created, 4, JSON.stringify(made));
      const s = await between(hasan, 'Bäckerei Yilmaz', 'Jugendtreff Weidenau');
      assert.ok(s, 'the bakery sees it');
      assert.equal(s.status, 'open');
      const giver = s.reason.giver === 'a' ? s.sides[0]! : s.sides[1]!;
      assert.equal(giver.name, 'Bäckerei Yilmaz');
      assert.ok(giver.mine);
      assert.deepEqual(
        { theme: s.reason.theme, offer: s.reason.offer.title, need: s.reason.need.title },
        { theme: 'space', offer: 'Hinterzimmer der Bäckerei', need: 'Raum für unseren Backnachmittag' },
      );
      assert.equal(s.reason.differentSector, true);
      assert.equal(s.reason.differentDistrict, true);
      assert.equal(s.reason.steps, null);
      assert.equal(s.reason.offer.idle, true, 'its own room: the bakery may know nobody booked it');
      const forJana = await between(jana, 'Bäckerei Yilmaz', 'Jugendtreff Weidenau');
      assert.equal(forJana?.reason.offer.idle, null, 'not the other side’s business');
      // the choir meets locally: a place to meet, from both rooms' owners
      assert.ok(await between(choirOwner, 'Chor am Markt', 'Nachbarschaftszentrum'));
      assert.ok(await between(choirOwner, 'Bäckerei Yilmaz', 'Chor am Markt'));
      // the same run again changes nothing
      assert.deepEqual(await generateSuggestions(t.db, t.networkId), {
        created: 0,
        refreshed: 0,
        reopened: 0,
        removed: 0,
      });
    });

    test('a waiting suggestion keeps up with what it is about: a renamed room is renamed in it', async () => {
      await t.db
        .updateTable('resource')
        .set({ title: 'Hinterzimmer der Bäckerei Yilmaz' })
        .where('title', '=', 'Hinterzimmer der Bäckerei')
        .execute();
      const run = await generateSuggestions(t.db, t.networkId);
      assert.equal(run.refreshed, 2, 'the club’s and the choir’s');
      const s = await between(hasan, 'Bäckerei Yilmaz', 'Jugendtreff Weidenau');
      assert.equal(s?.reason.offer.title, 'Hinterzimmer der Bäckerei Yilmaz');
    });

    test('no person is named to anyone: not the authors, not the people who speak for a side', async () => {
      for (const who of [hasan, jana, miriam, choirOwner]) {
        const body = JSON.stringify(await ok(who, 'GET', '/'));
        for (const person of [hasan, emine, jana, petra, choirOwner, miriam])
          assert.ok(!body.includes(person.displayName), `${person.displayName} named to someone`);
        assert.ok(!body.includes('@'), 'no email address');
      }
    });

    test('support circles never count: a circle’s interaction leaves them far apart', async () => {
      await meet('support', { type: 'person', id: hasan.id }, o('club'));
      await generateSuggestions(t.db, t.networkId);
      assert.equal((await between(hasan, 'Bäckerei Yilmaz', 'Jugendtreff Weidenau'))?.status, 'open');
    });

    test('within two steps is not far: a tie through the food bank makes the suggestion go', async () => {
      // a person of the bakery met the food bank; the food bank met the youth club
      await meet('sharing', { type: 'person', id: emine.id }, o('tafel'));
      await meet('participation', o('tafel'), o('club'));
      const r = await generateSuggestions(t.db, t.networkId);
      assert.equal(r.removed, 1);
      assert.equal(await between(hasan, 'Bäckerei Yilmaz', 'Jugendtreff Weidenau'), undefined);
      const hall = await between(petra, 'Jugendtreff Weidenau', 'Nachbarschaftszentrum');
      assert.ok(hall, 'the centre is still far from the club');
    });
  });

  describe('who sees what', () => {
    test('404 for everyone but the two sides and the coordinator; volunteers do not speak for a side', async () => {
      const s = (await between(petra, 'Jugendtreff Weidenau', 'Nachbarschaftszentrum'))!;
      for (const who of [hasan, emine, bakeryVolunteer, stranger, tafelAdmin, choirOwner])
        assert.equal((await call(who, 'GET', `/${s.id}`)).statusCode, 404, who.displayName);
      for (const who of [petra, jana, miriam])
        assert.equal((await call(who, 'GET', `/${s.id}`)).statusCode, 200);
      assert.equal((await call(undefined, 'GET', `/${s.id}`)).statusCode, 401);
      for (const action of ['accept', 'not-now', 'introduce'])
        assert.equal(
          (await call(stranger, 'POST', `/${s.id}/${action}`, action === 'not-now' ? {} : undefined))
            .statusCode,
          404,
        );
    });

    test('lists: one’s own sides only; all of them for the coordinator, who alone asks for all', async () => {
      assert.deepEqual((await ok(stranger, 'GET', '/')).items, []);
      assert.deepEqual((await ok(bakeryVolunteer, 'GET', '/')).items, []);
      assert.equal((await call(petra, 'GET', '/?scope=all')).statusCode, 403);
      const all = await ok(miriam, 'GET', '/');
      assert.equal(all.scope, 'all');
      assert.equal(all.total, 3);
      assert.equal((await ok(miriam, 'GET', '/?scope=mine')).total, 0);
      assert.equal((await call(petra, 'GET', '/hit-rate')).statusCode, 403);
    });
  });

  describe('yes, not now, introduced', () => {
    let hall: string;
    beforeEach(async () => {
      hall = (await between(petra, 'Jugendtreff Weidenau', 'Nachbarschaftszentrum'))!.id;
    });

    test('one side says yes: the other is asked; the second yes introduces them, by notification and email', async () => {
      const first = await ok(petra, 'POST', `/${hall}/accept`);
      assert.equal(first.status, 'accepted');
      assert.equal((await call(petra, 'POST', `/${hall}/accept`)).json().code, 'bridge.accepted_already');
      const asked = await t.db
        .selectFrom('notification')
        .select(['kind', 'params', 'link'])
        .where('account_id', '=', jana.id)
        .execute();
      assert.deepEqual(asked, [
        {
          kind: 'bridge.asked',
          params: { name: 'Nachbarschaftszentrum', organisation: 'Jugendtreff Weidenau' },
          link: `/raeume/bruecken/${hall}`,
        },
      ]);
      const forJana = (await between(jana, 'Jugendtreff Weidenau', 'Nachbarschaftszentrum'))!;
      assert.deepEqual(forJana.abilities, { accept: true, setAside: true, introduce: false, answer: false });

      const second = await ok(jana, 'POST', `/${hall}/accept`);
      assert.equal(second.status, 'introduced');
      assert.equal(second.introduced.via, 'both');
      assert.equal((await call(jana, 'POST', `/${hall}/accept`)).json().code, 'bridge.introduced_already');
      const mails = await t.db
        .selectFrom('outbox_email')
        .select(['to_address', 'subject', 'body_text'])
        .where('network_id', '=', t.networkId)
        .orderBy('to_address')
        .execute();
      assert.deepEqual(
        mails.map((m) => m.to_address),
        [jana.email, petra.email].sort(),
      );
      const toJana = mails.find((m) => m.to_address === jana.email)!;
      const toPetra = mails.find((m) => m.to_address === petra.email)!;
      assert.equal(toJana.subject, 'Testnetz: meet Nachbarschaftszentrum', 'in her own language');
      assert.match(
        toJana.body_text,
        /“Saal im Zentrum” of Nachbarschaftszentrum|Nachbarschaftszentrum has “Saal im Zentrum”/,
      );
      assert.match(toJana.body_text, new RegExp(`/organisationen/${orgs.centre.slug}\\n`));
      assert.equal(toPetra.subject, 'Testnetz: Lernen Sie Jugendtreff Weidenau kennen');
      assert.match(
        toPetra.body_text,
        /Nachbarschaftszentrum hat „Saal im Zentrum“ – ein Ort für „Raum für unseren Backnachmittag“/,
      );
      assert.match(toPetra.body_text, /verschiedenen Stadtteilen/);
      for (const m of mails) {
        assert.ok(
          !m.body_text.includes(petra.email) && !m.body_text.includes(jana.email),
          'no email address given away',
        );
        assert.ok(!m.body_text.includes('Petra Lange') || m.to_address === petra.email);
      }
      const introducedNotes = await t.db
        .selectFrom('notification')
        .select('account_id')
        .where('kind', '=', 'bridge.introduced')
        .execute();
      assert.deepEqual(
        introducedNotes.map((n) => n.account_id),
        [petra.id],
        'the one who said the last yes knows already',
      );
      const audit = await t.db
        .selectFrom('audit_log')
        .select(['action', 'actor_id'])
        .where('entity_id', '=', hall)
        .orderBy('id')
        .execute();
      assert.deepEqual(
        audit.map((a) => a.action),
        ['bridge.accepted', 'bridge.accepted', 'bridge.introduced'],
      );
    });

    test('not now: hidden for 90 days, the reason only for that side and the coordinator; then it comes back', async () => {
      const s = (await between(choirOwner, 'Chor am Markt', 'Nachbarschaftszentrum'))!;
      const set = await ok(choirOwner, 'POST', `/${s.id}/not-now`, {
        reason: 'Wir proben gerade im Gemeindehaus.',
      });
      assert.equal(set.status, 'not_now');
      assert.equal(set.notNow.reason, 'Wir proben gerade im Gemeindehaus.');
      const forPetra = (await ok(petra, 'GET', `/${s.id}`)) as {
        notNow: { by: string; reason: string | null };
      };
      assert.deepEqual({ by: forPetra.notNow.by, reason: forPetra.notNow.reason }, { by: 'b', reason: null });
      assert.equal((await ok(miriam, 'GET', `/${s.id}`)).notNow.reason, 'Wir proben gerade im Gemeindehaus.');
      assert.equal((await call(petra, 'POST', `/${s.id}/accept`)).json().code, 'bridge.set_aside');
      assert.equal((await call(miriam, 'POST', `/${s.id}/introduce`)).json().code, 'bridge.set_aside');
      // the next runs leave it alone, until its time is over
      await generateSuggestions(t.db, t.networkId, new Date(Date.now() + 89 * day));
      assert.equal((await ok(petra, 'GET', `/${s.id}`)).status, 'not_now');
      const later = await generateSuggestions(t.db, t.networkId, new Date(Date.now() + 91 * day));
      assert.equal(later.reopened, 1);
      const back = await ok(petra, 'GET', `/${s.id}`);
      assert.equal(back.status, 'open');
      assert.equal(back.notNow, null);
    });

    test('the side that set it aside may change its mind', async () => {
      const s = (await between(choirOwner, 'Chor am Markt', 'Nachbarschaftszentrum'))!;
      await ok(choirOwner, 'POST', `/${s.id}/not-now`, {});
      assert.equal((await ok(choirOwner, 'POST', `/${s.id}/accept`)).status, 'accepted');
    });

    test('the coordinator introduces directly; may not say yes for a side', async () => {
      const s = (await between(choirOwner, 'Chor am Markt', 'Nachbarschaftszentrum'))!;
      assert.equal((await call(miriam, 'POST', `/${s.id}/accept`)).statusCode, 403);
      assert.equal((await call(petra, 'POST', `/${s.id}/introduce`)).statusCode, 403);
      const done = await ok(miriam, 'POST', `/${s.id}/introduce`);
      assert.deepEqual(
        [done.status, done.introduced.via, done.followUp],
        ['introduced', 'coordinator', null],
      );
      const toChoir = await t.db
        .selectFrom('outbox_email')
        .select('body_text')
        .where('to_address', '=', choirOwner.email)
        .executeTakeFirstOrThrow();
      assert.match(toChoir.body_text, new RegExp(`/organisationen/${orgs.centre.slug}\\n`));
      const toPetra = await t.db
        .selectFrom('outbox_email')
        .select('body_text')
        .where('to_address', '=', petra.email)
        .where('body_text', 'like', '%Chor am Markt%')
        .executeTakeFirstOrThrow();
      assert.match(toPetra.body_text, /Chor am Markt ist eine Gemeinschaft im Netzwerk/);
      assert.match(toPetra.body_text, new RegExp(`/raeume/bruecken/${s.id}`));
    });

    test('English answers for an English request', async () => {
      const s = (await between(choirOwner, 'Chor am Markt', 'Nachbarschaftszentrum'))!;
      const r = await call(choirOwner, 'POST', `/${s.id}/accept`, undefined, 'en');
      assert.equal(r.statusCode, 409);
      assert.equal(
        r.json().title,
        'The two have already been introduced. You find the contact on the page of the suggestion.',
      );
    });
  });

  describe('follow-up and hit rate', () => {
    test('nothing in the record after 30 days: both sides are asked; a yes records the meeting', async () => {
      const hall = (await between(petra, 'Jugendtreff Weidenau', 'Nachbarschaftszentrum'))!;
      assert.equal(
        (await call(petra, 'POST', `/${hall.id}/follow-up`, { met: true })).json().code,
        'bridge.not_asked',
      );
      assert.equal(await followUpIntroductions(t.db, t.networkId, new Date(Date.now() + 29 * day)), 0);
      assert.equal(await followUpIntroductions(t.db, t.networkId, new Date(Date.now() + 31 * day)), 2);
      assert.equal(
        await followUpIntroductions(t.db, t.networkId, new Date(Date.now() + 32 * day)),
        0,
        'never twice',
      );
      const asked = await t.db
        .selectFrom('notification')
        .select(['account_id', 'params'])
        .where('kind', '=', 'bridge.follow_up')
        .execute();
      assert.deepEqual(
        asked.map((n) => n.account_id).sort(),
        [petra.id, petra.id, jana.id, choirOwner.id].sort(),
      );
      assert.equal((await ok(miriam, 'GET', `/${hall.id}`)).followUp, null, 'what came of it is theirs');
      const answered = await ok(jana, 'POST', `/${hall.id}/follow-up`, { met: true });
      assert.deepEqual(answered.followUp.answer, true);
      assert.equal(answered.followUp.outcome, 'met');
      assert.equal(
        (await call(jana, 'POST', `/${hall.id}/follow-up`, { met: false })).json().code,
        'bridge.answered',
      );
      const written = await t.db
        .selectFrom('interaction')
        .select(['area', 'kind', 'mode', 'a_type', 'a_id', 'b_type', 'b_id', 'status'])
        .where('source_type', '=', 'bridge_suggestion')
        .where('source_id', '=', hall.id)
        .execute();
      assert.deepEqual(written, [
        {
          area: 'places',
          kind: 'introduction',
          mode: 'offline',
          a_type: 'organisation',
          a_id: [orgs.club.id, orgs.centre.id].sort()[0],
          b_type: 'organisation',
          b_id: [orgs.club.id, orgs.centre.id].sort()[1],
          status: 'confirmed',
        },
      ]);
      await ok(petra, 'POST', `/${hall.id}/follow-up`, { met: true });
      assert.equal(
        (await t.db.selectFrom('interaction').select('id').where('source_id', '=', hall.id).execute()).length,
        1,
        'two yeses, one meeting',
      );
    });

    test('a community’s yes records the meeting of its keeper with the organisation; an organisation’s no alone settles nothing', async () => {
      const s = (await between(choirOwner, 'Chor am Markt', 'Nachbarschaftszentrum'))!;
      const no = await ok(petra, 'POST', `/${s.id}/follow-up`, { met: false });
      assert.equal(no.followUp.outcome, null);
      const yes = await ok(choirOwner, 'POST', `/${s.id}/follow-up`, { met: true });
      assert.equal(yes.followUp.outcome, 'met');
      const written = await t.db
        .selectFrom('interaction')
        .select(['a_type', 'a_id', 'b_type', 'b_id'])
        .where('source_id', '=', s.id)
        .execute();
      assert.deepEqual(written, [
        { a_type: 'person', a_id: choirOwner.id, b_type: 'organisation', b_id: orgs.centre.id },
      ]);
    });

    test('an interaction of the two after the introduction is found by the follow-up: nobody is asked', async () => {
      const other = await createOrganisation(t, { name: 'Fahrradladen', sector: 'business' });
      const owner = await createUser(t, { displayName: 'Otto Rad', memberOf: [[other.id, 'admin']] });
      await post(owner, '/exchange/posts', {
        kind: 'want',
        category: 'other',
        title: 'Saal für die Jahresversammlung',
        organisationId: other.id,
      });
      await generateSuggestions(t.db, t.networkId);
      const s = (await between(owner, 'Fahrradladen', 'Nachbarschaftszentrum'))!;
      await ok(miriam, 'POST', `/${s.id}/introduce`);
      // a week later Petra's centre lends the shop its hall: a booking's interaction, person to organisation
      await meet('sharing', { type: 'person', id: owner.id }, o('centre'));
      const before = await t.db
        .selectFrom('notification')
        .select('id')
        .where('kind', '=', 'bridge.follow_up')
        .execute();
      await followUpIntroductions(t.db, t.networkId, new Date(Date.now() + 31 * day));
      const afterwards = await t.db
        .selectFrom('notification')
        .select('id')
        .where('kind', '=', 'bridge.follow_up')
        .execute();
      assert.equal(afterwards.length, before.length);
      const seen = await ok(owner, 'GET', `/${s.id}`);
      assert.equal(seen.followUp.outcome, 'interaction');
      assert.equal(seen.abilities.answer, false);
    });

    test('the hit rate: this month three introductions, three hits, resting on five people', async () => {
      const r = await ok(miriam, 'GET', '/hit-rate');
      assert.equal(r.months.length, 12);
      assert.equal(r.minPeople, 5);
      const now = r.months.at(-1);
      // who said yes, who introduced, who answered, who met: Petra, Jana, Miriam, the choir's keeper, the shop's
      assert.deepEqual(now, {
        month: now.month,
        introduced: 3,
        hits: 3,
        waiting: 0,
        rate: 1,
        suppressed: false,
      });
      assert.deepEqual(r.total, { introduced: 3, hits: 3, waiting: 0, rate: 1, suppressed: false });
      assert.ok(
        r.months
          .slice(0, -1)
          .every((m: { introduced: number; suppressed: boolean }) => m.introduced === 0 && !m.suppressed),
        'nothing before: zeros, nothing to hide',
      );
    });
  });
});
