import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { snapshot } from '../helpers.ts';
import { buildTown, type Call, expectStatus, inHours, type Role, type Town } from './town.ts';

/**
 * Replay: what Olga (the owner) requests for her own private things, sent again word for word by
 * people who have no business with them — another person, a fellow volunteer of the organisation she
 * gives hours to, a member and an admin of another organisation, and someone not signed in.
 *
 * - Reads: no answer to them may contain anything private of hers (ids of her bookings, transfers,
 *   hours, notifications, messages, circle, the interactions logged with her; her email; her
 *   balance; her booking notes, memos and message texts; her exact address). URLs naming one of her
 *   private things answer 404 (401 when not signed in), exactly like a missing thing.
 * - Writes: her changes (cancel, confirm, withdraw, edit, delete … naming her ids) replayed by them
 *   change nothing in the database; the same requests sent by her do (so the replays were real).
 */
const replayers: Role[] = ['person', 'memberA', 'memberB', 'adminB', 'anonymous'];

describe('access control: replaying one person’s requests as other people', () => {
  let t: TestApp;
  let town: Town;
  /** private values of Olga's, each with what it is */
  const secrets = new Map<string, string>();
  /** ids of Olga's private things: URLs naming one must answer 404 to others */
  const privateIds = new Set<string>();
  const reads: { url: string; body: string }[] = [];
  let writes: { what: string; call: Call }[];

  const secret = (value: string, what: string) => {
    secrets.set(value, what);
  };
  const privateId = (id: string, what: string) => {
    privateIds.add(id);
    secret(id, what);
  };
  /** Olga opens a page of hers: recorded for the replay. */
  const visit = async (url: string) => {
    const res = expectStatus(await town.call('owner', { url }), 200, `Olga reads ${url}`);
    reads.push({ url, body: res.body });
    return res.body && res.headers['content-type']?.toString().includes('json') ? res.json() : null;
  };

  before(async () => {
    t = await createTestApp();
    town = await buildTown(t);
    const { users, post, call } = town;
    const owner = users.owner;

    // more of Olga's life: a thing of her own at her flat, confirmed hours, a support circle
    const sewingMachine = (
      await post('owner', '/resources', {
        kind: 'equipment',
        title: 'Nähmaschine',
        lat: 51.318765,
        lng: 12.401234,
        approximate: true,
        whoMayBorrow: 'everyone',
      })
    ).id as string;
    const confirmed = await town.newHours('Vorlesen im Seniorenheim Lindenhof');
    await post('coordinatorA', `/hours/${confirmed}/confirm`, {}, 200);
    const circle = (await post('owner', '/circles', {})).id as string;
    const need = (
      await post('owner', `/circles/${circle}/needs`, {
        kind: 'visit',
        title: 'Nach der Reha-Klinik abholen',
        start: inHours(30),
        end: inHours(31),
      })
    ).items[0].id as string;
    const update = (
      await post('owner', `/circles/${circle}/updates`, {
        body: 'Der Arzt sagt, die Wunde heilt gut.',
        visibility: 'all_members',
      })
    ).id as string;
    expectStatus(
      await call('owner', {
        method: 'PATCH',
        url: '/me',
        payload: { availability: [{ day: 'tue', part: 'evening' }] },
      }),
      200,
      'profile',
    );

    // a meeting Nils logged with her that she confirmed, and one waiting for her answer
    const confirmedMeeting = await town.newLoggedMeeting();
    await post('owner', `/interactions/${confirmedMeeting}/confirm`, {}, 200);
    const pendingMeeting = await town.newLoggedMeeting();

    secret(owner.email, 'her email address');
    secret('Regal im Kinderzimmer anbringen', 'her note on the drill booking');
    secret('Für den Geburtstag meiner Mutter', 'her note on the room booking');
    secret('Bohrmaschine, danke!', 'her transfer memo');
    secret('Milch mitbringen', 'the message Nils wrote her');
    secret('Vorlesen im Seniorenheim', 'her confirmed activity');
    secret('Nach der Reha-Klinik', 'a care need in her circle');
    secret('die Wunde heilt gut', 'an update in her circle');
    secret('51.318765', 'the exact latitude of her flat');
    secret('12.401234', 'the exact longitude of her flat');
    for (const [id, what] of [
      [town.drillBooking, 'her drill booking'],
      [town.roomBooking, 'her room booking'],
      [town.payment, 'her payment to Nils'],
      [town.hours, 'her pending hours'],
      [confirmed, 'her confirmed hours'],
      [town.message, 'the message Nils wrote her'],
      [circle, 'her circle'],
      [need, 'a care need in her circle'],
      [update, 'an update in her circle'],
      [confirmedMeeting, 'a meeting Nils logged with her'],
      [pendingMeeting, 'a meeting Nils asks her to confirm'],
    ] as const)
      privateId(id, what);

    // ---- what Olga looks at (the replay list); ids found on the way are hers too
    await visit('/session');
    await visit('/me');
    await visit(`/people/${owner.id}`);
    for (const b of (await visit('/bookings/mine')).items) privateId(b.id, 'a booking of hers');
    await visit(`/bookings/${town.drillBooking}`);
    await visit(`/bookings/${town.roomBooking}`);
    await visit('/bookings/incoming');
    await visit('/timebank/accounts/mine');
    const account = await visit(`/timebank/accounts/${town.ownerAccount}`);
    secret(`"balance":${account.balance}`, 'her balance');
    await visit(`/timebank/accounts/lookup?personId=${owner.id}`);
    for (const l of (await visit(`/timebank/accounts/${town.ownerAccount}/statement`)).items) {
      privateId(l.entryId, 'a line of her statement');
      privateId(l.transferId, 'a transfer of hers');
    }
    await visit(`/timebank/accounts/${town.ownerAccount}/statement.csv`);
    for (const x of (await visit(`/timebank/accounts/${town.ownerAccount}/transfers`)).items)
      privateId(x.id, 'a transfer of hers');
    await visit(`/timebank/transfers/${town.payment}`);
    for (const h of (await visit('/hours')).items) privateId(h.id, 'hours of hers');
    await visit(`/hours/${town.hours}`);
    await visit(`/hours/${confirmed}`);
    await visit('/hours/certificate');
    await visit('/hours/certificate.html');
    await visit('/hours/certificate.pdf');
    for (const n of (await visit('/notifications')).items) privateId(n.id, 'a notification of hers');
    await visit('/exchange/posts?mine=true');
    await visit(`/exchange/posts/${town.exchangePost}`);
    await visit(`/exchange/posts/${town.exchangePost}/messages`);
    for (const s of (await visit('/shifts/mine')).items) privateId(s.signupId, 'a sign-up of hers');
    for (const i of (await visit('/interactions/mine')).items) privateId(i.id, 'an interaction of hers');
    await visit('/interactions/mine?status=pending');
    await visit('/opportunities/suggestions');
    await visit('/opportunities/next-step');
    await visit(`/resources/${sewingMachine}`);
    await visit(`/resources?personId=${owner.id}`);
    await visit('/resources/clusters?bbox=12.3,51.3,12.5,51.4&zoom=18');
    await visit('/resources/geojson');
    await visit(
      `/resources/utilisation?from=${encodeURIComponent(inHours(-24))}&to=${encodeURIComponent(inHours(24))}`,
    );
    await visit('/circles');
    for (const path of [
      '',
      '/members',
      '/needs',
      '/updates',
      '/map',
      '/team',
      '/load',
      '/consents',
      '/export',
    ])
      await visit(`/circles/${circle}${path}`);
    await visit(`/circles/${circle}/access-log`);

    // ---- what Olga changes, each in a state where it works for her
    const running = await town.runningShift();
    const later = await town.newShift(90, true);
    const pendingBooking = await town.newBooking(town.room);
    const approvedDrill = await town.newBooking(town.drill, 'approved');
    const request1 = await town.newRequest();
    const request2 = await town.newRequest();
    const unread = (await call('owner', { url: '/notifications?unread=true' })).json().items[0].id as string;
    const feed = await post('owner', `/resources/${sewingMachine}/feed`, {});
    assert.ok(feed.url);
    writes = [
      {
        what: 'cancel her room request',
        call: { method: 'POST', url: `/bookings/${pendingBooking}/cancel` },
      },
      { what: 'cancel her drill loan', call: { method: 'POST', url: `/bookings/${approvedDrill}/cancel` } },
      {
        what: 'pay Nils from her account',
        call: {
          method: 'POST',
          url: '/timebank/transfers',
          headers: { 'idempotency-key': `replay-${randomUUID()}` },
          payload: {
            payerAccountId: town.ownerAccount,
            payeeAccountId: town.neighbourAccount,
            minutes: 137,
            memo: 'Bohrmaschine, danke!',
          },
        },
      },
      {
        what: 'confirm what Nils asked of her',
        call: { method: 'POST', url: `/timebank/transfers/${request1}/confirm` },
      },
      {
        what: 'decline what Nils asked of her',
        call: { method: 'POST', url: `/timebank/transfers/${request2}/decline` },
      },
      {
        what: 'confirm the meeting Nils logged with her',
        call: { method: 'POST', url: `/interactions/${pendingMeeting}/confirm` },
      },
      {
        what: 'take back a meeting she had confirmed',
        call: { method: 'DELETE', url: `/interactions/${confirmedMeeting}` },
      },
      { what: 'mark her notification read', call: { method: 'POST', url: `/notifications/${unread}/read` } },
      {
        what: 'edit her offer',
        call: {
          method: 'PATCH',
          url: `/exchange/posts/${town.exchangePost}`,
          payload: { description: 'Geändert' },
        },
      },
      {
        what: 'renew her offer',
        call: { method: 'POST', url: `/exchange/posts/${town.exchangePost}/renew`, payload: { days: 60 } },
      },
      {
        what: 'close her offer',
        call: { method: 'POST', url: `/exchange/posts/${town.exchangePost}/close` },
      },
      { what: 'withdraw from her shift', call: { method: 'POST', url: `/shifts/${later.shift}/withdraw` } },
      { what: 'check in to her shift', call: { method: 'POST', url: `/shifts/${running.shift}/check-in` } },
      {
        what: 'edit her sewing machine',
        call: { method: 'PATCH', url: `/resources/${sewingMachine}`, payload: { title: 'Alte Nähmaschine' } },
      },
      {
        what: 'set its opening hours',
        call: {
          method: 'PUT',
          url: `/resources/${sewingMachine}/availability`,
          payload: { rules: [{ weekday: 2, start: '18:00', end: '20:00' }] },
        },
      },
      {
        what: 'revoke its calendar feed',
        call: { method: 'DELETE', url: `/resources/${sewingMachine}/feed` },
      },
      {
        what: 'change her circle',
        call: { method: 'PATCH', url: `/circles/${circle}`, payload: { alertHours: 12 } },
      },
      {
        what: 'add a care need',
        call: {
          method: 'POST',
          url: `/circles/${circle}/needs`,
          payload: { kind: 'meal', title: 'Mittagessen', start: inHours(50), end: inHours(51) },
        },
      },
      { what: 'claim a care need', call: { method: 'POST', url: `/circles/${circle}/needs/${need}/claim` } },
      { what: 'delete an update', call: { method: 'DELETE', url: `/circles/${circle}/updates/${update}` } },
      {
        what: 'ask for her circle to be deleted',
        call: { method: 'POST', url: `/circles/${circle}/deletion` },
      },
      { what: 'withdraw her sewing machine', call: { method: 'DELETE', url: `/resources/${sewingMachine}` } },
    ];
  });
  after(() => t.close());

  test('what Olga reads is hers: every private value shows up in her own answers', () => {
    const all = reads.map((r) => r.body).join('\n');
    assert.deepEqual(
      [...secrets].filter(([value]) => !all.includes(value)).map(([, what]) => what),
      [],
    );
    assert.ok(reads.length >= 40, String(reads.length));
  });

  test('her reads replayed by others answer nothing of hers, and her things answer 404', async () => {
    const leaks: string[] = [];
    for (const role of replayers) {
      for (const r of reads) {
        const res = await town.call(role, { url: r.url });
        const named = [...privateIds].some((id) => r.url.includes(id));
        const ok = res.statusCode >= 200 && res.statusCode < 300;
        if (named && res.statusCode !== 404 && !(role === 'anonymous' && res.statusCode === 401))
          leaks.push(`${role} GET ${r.url}: ${res.statusCode}, her things answer 404`);
        if (!ok && ![401, 404].includes(res.statusCode))
          leaks.push(`${role} GET ${r.url}: ${res.statusCode} ${res.body.slice(0, 100)}`);
        for (const [value, what] of secrets)
          if (res.body.includes(value)) leaks.push(`${role} GET ${r.url} shows ${what}`);
      }
    }
    assert.deepEqual(leaks, []);
  });

  test('her changes replayed by others change nothing; sent by her, each one works', async () => {
    const unchanged = await snapshot(t.db);
    const accepted: string[] = [];
    for (const role of replayers)
      for (const w of writes) {
        const res = await town.call(role, w.call);
        if (res.statusCode < 400 || ![401, 403, 404, 409].includes(res.statusCode))
          accepted.push(`${role} could ${w.what}: ${res.statusCode} ${res.body.slice(0, 100)}`);
      }
    assert.deepEqual(accepted, []);
    const now = await snapshot(t.db);
    assert.deepEqual(
      Object.keys(now).filter(
        // the rate limit counts every API request, refused or not (in the database on PostgreSQL)
        (table) =>
          table !== 'rate_limit_hit' && JSON.stringify(now[table]) !== JSON.stringify(unchanged[table]),
      ),
      [],
      'tables changed by the replays',
    );
    for (const w of writes) {
      const res = await town.call('owner', w.call);
      assert.ok(
        res.statusCode >= 200 && res.statusCode < 300,
        `Olga could not ${w.what}: ${res.statusCode} ${res.body}`,
      );
    }
    assert.notDeepEqual(await snapshot(t.db), now);
  });
});
