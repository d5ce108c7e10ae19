import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import sharp from 'sharp';
import { createSession, sessionCookie } from '../../../server/auth/sessions.ts';
import { hashSecret, newSecret } from '../../../server/auth/tokens.ts';
import type { TestApp } from '../../helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../../helpers/factories.ts';
import { someClient } from '../circles-fixture.ts';

/**
 * The town every access test runs in: one network, two organisations and one person per role and
 * relationship the routes care about. Built through the HTTP API (the same paths people take), once
 * per test file.
 *
 * - Olga (`owner`) is the person whose data this is: she borrows Nils's drill and books A's room,
 *   pays Nils time credits, offers help on the exchange board, is signed up for A's shift, logs hours
 *   with A and reads her notifications.
 * - Nils (`neighbour`) is the other side of those: he lends the drill, receives her credits and wrote
 *   to her about her offer.
 * - Organisation A (Nachbarschaftszentrum) has a volunteer, a coordinator (staff) and an admin; it
 *   owns the room, runs the opportunity with its shifts and issues Olga's hours.
 * - Organisation B (Tafel) has a volunteer and an admin and nothing to do with any of it, except
 *   where A invites it to run an opportunity jointly (newJointOpportunity, jointShift, jointDraft).
 * - `person` is signed in and belongs nowhere; `instanceAdmin` runs the instance.
 */
export const roles = [
  'anonymous',
  'person',
  'owner',
  'neighbour',
  'memberA',
  'coordinatorA',
  'adminA',
  'memberB',
  'adminB',
  'instanceAdmin',
] as const;
export type Role = (typeof roles)[number];
export type Person = Exclude<Role, 'anonymous'>;
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const hour = 3600_000;
export const inHours = (h: number) => new Date(Date.now() + h * hour).toISOString();
let counter = 0;
/** A number never used before in this process: unique titles, emails, time slots. */
export const next = () => ++counter;

export interface Call {
  method?: Method;
  url: string;
  payload?: object | Buffer;
  headers?: Record<string, string>;
}

export type Town = Awaited<ReturnType<typeof buildTown>>;

/** Answers with `status` or fails the setup, showing what the server said. */
export function expectStatus(res: LightMyRequestResponse, status: number, what: string) {
  assert.equal(res.statusCode, status, `${what}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return res;
}

export async function buildTown(t: TestApp) {
  const orgA = await createOrganisation(t, { name: 'Nachbarschaftszentrum Ost', sector: 'social_service' });
  const orgB = await createOrganisation(t, { name: 'Tafel Lindenbrück', sector: 'civil_society' });
  const users: Record<Person, TestUser> = {
    person: await createUser(t, { displayName: 'Paula Passant' }),
    owner: await createUser(t, { displayName: 'Olga Ortmann', email: 'olga.ortmann@example.org' }),
    neighbour: await createUser(t, { displayName: 'Nils Nachbar' }),
    memberA: await createUser(t, { displayName: 'Mia Mitglied', memberOf: [[orgA.id, 'volunteer']] }),
    coordinatorA: await createUser(t, { displayName: 'Konrad Koordinator', memberOf: [[orgA.id, 'staff']] }),
    adminA: await createUser(t, { displayName: 'Anja Admin', memberOf: [[orgA.id, 'admin']] }),
    memberB: await createUser(t, { displayName: 'Bernd Tafel', memberOf: [[orgB.id, 'volunteer']] }),
    adminB: await createUser(t, { displayName: 'Birgit Tafelchefin', memberOf: [[orgB.id, 'admin']] }),
    instanceAdmin: await createUser(t, { displayName: 'Ingo Instanz', admin: true }),
  };
  const userOf = (role: Role): TestUser | null => (role === 'anonymous' ? null : users[role]);

  /** One request as `who` (a role, a user, or nobody), from a client address of its own. */
  const call = (who: Role | TestUser | null, c: Call) => {
    const user = typeof who === 'string' ? userOf(who) : who;
    return t.app.inject({
      method: c.method ?? 'GET',
      url: `/api/v1${c.url}`,
      headers: { ...(user?.headers ?? {}), ...(c.headers ?? {}) },
      remoteAddress: someClient(),
      ...(c.payload !== undefined ? { payload: c.payload } : {}),
    });
  };
  const post = async (who: Role | TestUser, url: string, payload: object, status = 201, headers = {}) => {
    const res = expectStatus(
      await call(who, { method: 'POST', url, payload, headers }),
      status,
      `POST ${url}`,
    );
    return res.body ? res.json() : undefined;
  };

  /** Sessions end on sign-out, password changes and blocks: give everyone a fresh one. */
  async function renewSessions() {
    for (const u of Object.values(users)) {
      const s = await createSession(t.db, t.networkId, u.id, 'test');
      u.headers = { cookie: `${sessionCookie}=${s.secret}`, 'x-csrf-token': s.csrfToken };
    }
  }
  /** A second session of the same person, to spend on requests that end the session they come with. */
  async function spareSession(role: Role): Promise<TestUser | null> {
    const u = userOf(role);
    if (!u) return null;
    const s = await createSession(t.db, t.networkId, u.id, 'test');
    return { ...u, headers: { cookie: `${sessionCookie}=${s.secret}`, 'x-csrf-token': s.csrfToken } };
  }

  // ---- Teilen: resources and bookings ---------------------------------------------------------
  const newResource = async (extra: object = {}) =>
    (
      await post('coordinatorA', '/resources', {
        organisationId: orgA.id,
        kind: 'room',
        title: `Raum ${next()}`,
        whoMayBorrow: 'everyone',
        ...extra,
      })
    ).id as string;
  const room = await newResource({ title: 'Saal im Zentrum', lat: 51.3401, lng: 12.3801 });
  const membersRoom = await newResource({ title: 'Werkstatt (nur Mitglieder)', whoMayBorrow: 'members' });
  const spare = await newResource({ title: 'Gruppenraum' });
  const withdrawn = await newResource({ title: 'Alter Beamer', kind: 'equipment' });
  // Nils's drill: a private person's thing, its exact place (his flat) only for him
  const drill = (
    await post('neighbour', '/resources', {
      kind: 'equipment',
      title: 'Schlagbohrmaschine',
      whoMayBorrow: 'everyone',
      lat: 51.345678,
      lng: 12.387654,
      approximate: true,
    })
  ).id as string;
  const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3a6' } })
    .png()
    .toBuffer();
  const photoBody = (alt: string) => {
    const boundary = `----kp${next()}x${Date.now()}`;
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="alt"\r\n\r\n${alt}\r\n`),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="f.png"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      png,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
  };
  const newPhoto = async (resourceId: string) => {
    const b = photoBody('Blick in den Raum');
    const res = await call('coordinatorA', { method: 'POST', url: `/resources/${resourceId}/photos`, ...b });
    return expectStatus(res, 201, 'photo').json().id as string;
  };
  const roomPhoto = await newPhoto(room);
  const withdrawnPhoto = await newPhoto(withdrawn);
  expectStatus(
    await call('coordinatorA', { method: 'DELETE', url: `/resources/${withdrawn}` }),
    204,
    'withdraw',
  );
  const newBlock = async () => {
    const day = 1000 + next() * 24;
    const res = await post('coordinatorA', `/resources/${spare}/blocked-periods`, {
      start: inHours(day),
      end: inHours(day + 1),
      reason: 'Renovierung',
    });
    return (res.blocked as { id: string }[]).at(-1)!.id;
  };

  /** Olga's booking of `resource` in a slot of its own, taken as far as `status`. */
  const newBooking = async (
    resource: string,
    status: 'requested' | 'approved' | 'handed_over' = 'requested',
    note = 'Für den Geburtstag meiner Mutter',
  ) => {
    const slot = 48 + next() * 3;
    const res = await post('owner', '/bookings', {
      resourceId: resource,
      start: inHours(slot),
      end: inHours(slot + 2),
      note,
    });
    const id = res.created[0].id as string;
    const decider = resource === drill ? 'neighbour' : 'coordinatorA';
    if (status !== 'requested') await post(decider, `/bookings/${id}/approve`, {}, 200);
    if (status === 'handed_over') await post(decider, `/bookings/${id}/hand-over`, {}, 200);
    return id;
  };
  const drillBooking = await newBooking(drill, 'approved', 'Regal im Kinderzimmer anbringen');
  const roomBooking = await newBooking(room);

  // ---- Teilen: time bank ----------------------------------------------------------------------
  const accountOf = async (who: Person) =>
    (await call(who, { url: `/timebank/accounts/lookup?personId=${users[who].id}` })).json().id as string;
  const ownerAccount = await accountOf('owner');
  const neighbourAccount = await accountOf('neighbour');
  const pool = (await call('instanceAdmin', { url: '/timebank/accounts/lookup?pool=true' })).json()
    .id as string;
  const transfer = async (who: Person, payer: string, payee: string, minutes: number, memo: string) =>
    (
      await post(
        who,
        '/timebank/transfers',
        { payerAccountId: payer, payeeAccountId: payee, minutes, memo },
        201,
        { 'idempotency-key': `key-${randomUUID()}` },
      )
    ).id as string;
  await transfer('instanceAdmin', pool, ownerAccount, 3000, 'Startguthaben');
  const payment = await transfer('owner', ownerAccount, neighbourAccount, 137, 'Bohrmaschine, danke!');
  /** Nils asks Olga for credits: she (the payer) decides. */
  const newRequest = () => transfer('neighbour', ownerAccount, neighbourAccount, 5, 'Fahrradreparatur');
  const newPayment = () => transfer('owner', ownerAccount, neighbourAccount, 1, 'Kleinigkeit');

  // ---- Teilen: exchange board -----------------------------------------------------------------
  const newPost = async () =>
    (
      await post('owner', '/exchange/posts', {
        kind: 'offer',
        category: 'help',
        title: `Hilfe beim Einkaufen ${next()}`,
        description: 'Ich gehe dienstags einkaufen und nehme gern etwas mit.',
      })
    ).id as string;
  const exchangePost = await newPost();
  const message = (
    await post('neighbour', `/exchange/posts/${exchangePost}/messages`, {
      body: 'Könnten Sie mir Milch mitbringen? Ich wohne im dritten Stock.',
    })
  ).id as string;
  const notification = (await call('owner', { url: '/notifications' })).json().items[0].id as string;

  // ---- Räume & Brücken: the interaction record --------------------------------------------------
  /**
   * A meeting Nils logged with Olga, waiting for her to confirm it. A pair has one open request at a
   * time, so one of his still open is withdrawn first; and after Olga removed one of his, he may not
   * ask her again for 30 days, so that cool-down is ended first.
   */
  const newLoggedMeeting = async () => {
    await t.db
      .deleteFrom('interaction_cooldown')
      .where('requester_id', '=', users.neighbour.id)
      .where('person_id', '=', users.owner.id)
      .execute();
    const open = (await call('neighbour', { url: '/interactions/mine?status=pending&limit=100' })).json()
      .items as { id: string; loggedBy: string | null; with: { id: string } }[];
    for (const i of open.filter((x) => x.loggedBy === 'me' && x.with.id === users.owner.id))
      expectStatus(
        await call('neighbour', { method: 'DELETE', url: `/interactions/${i.id}` }),
        204,
        'withdraw',
      );
    return (
      await post('neighbour', '/interactions', {
        area: 'places',
        kind: 'Gespräch im Treppenhaus',
        mode: 'offline',
        with: { type: 'person', id: users.owner.id },
      })
    ).id as string;
  };
  /** What Olga's loan of Nils's drill recorded in the interaction record (not logged by hand). */
  const drillLoanEdge = (
    await t.db
      .selectFrom('interaction')
      .select('id')
      .where('source_type', '=', 'booking')
      .where('source_id', '=', drillBooking)
      .executeTakeFirstOrThrow()
  ).id;

  // ---- Mitmachen: opportunity, shifts, hours --------------------------------------------------
  const opportunity = (
    await post('coordinatorA', '/opportunities', {
      level: 'regular',
      title: 'Mittagstisch ausgeben',
      mode: 'on_site',
      organisationIds: [orgA.id],
      status: 'published',
    })
  ).id as string;
  const draft = (
    await post('coordinatorA', '/opportunities', {
      level: 'regular',
      title: 'Gartenprojekt (Entwurf)',
      mode: 'on_site',
      organisationIds: [orgA.id],
      status: 'draft',
    })
  ).id as string;
  const newShift = async (startInHours: number, ownerSignsUp: boolean) => {
    const shift = (
      await post('coordinatorA', `/opportunities/${opportunity}/shifts`, {
        startsAt: inHours(startInHours),
        endsAt: inHours(startInHours + 2),
        capacity: 20,
      })
    ).id as string;
    const signup = ownerSignsUp
      ? ((await post('owner', `/shifts/${shift}/signup`, {})).signupId as string)
      : '';
    return { shift, signup };
  };
  /** A shift that began half an hour ago, Olga on it: check-in and no-show time. */
  const runningShift = () => newShift(-0.5, true);
  const shift = await newShift(72, true);
  const openShift = await newShift(96, false);
  /** A shift of A's draft: only A's coordinators (and instance admins) know it exists. */
  const draftShift = (
    await post('coordinatorA', `/opportunities/${draft}/shifts`, {
      startsAt: inHours(120),
      endsAt: inHours(122),
      capacity: 6,
    })
  ).id as string;
  /**
   * An opportunity A runs and to which it invited B; `accepted`: B's admin said yes, so B runs it too.
   * Olga is signed up for its one shift.
   */
  const newJointOpportunity = async (status: 'draft' | 'published', accepted = false) => {
    const id = (
      await post('coordinatorA', '/opportunities', {
        level: 'event_project',
        title: `Stadtteilfest ${next()}`,
        mode: 'on_site',
        organisationIds: [orgA.id, orgB.id],
        status,
      })
    ).id as string;
    if (accepted) await post('adminB', `/opportunities/${id}/partners/${orgB.id}/accept`, {}, 200);
    return id;
  };
  const jointShifts = new Map<boolean, Promise<string>>();
  /** A shift of a published opportunity A runs with B invited (`accepted`: B runs it too), Olga on it. */
  const jointShift = (accepted: boolean) => {
    let s = jointShifts.get(accepted);
    if (!s) {
      s = (async () => {
        const opportunityId = await newJointOpportunity('published', accepted);
        const start = 300 + next() * 3;
        const shiftId = (
          await post('coordinatorA', `/opportunities/${opportunityId}/shifts`, {
            startsAt: inHours(start),
            endsAt: inHours(start + 2),
            capacity: 10,
          })
        ).id as string;
        await post('owner', `/shifts/${shiftId}/signup`, {});
        return shiftId;
      })();
      jointShifts.set(accepted, s);
    }
    return s;
  };
  let invitedDraft: Promise<string> | undefined;
  /** One draft A invited B to run with it (not answered), for reads. */
  const jointDraft = () => {
    invitedDraft ??= newJointOpportunity('draft');
    return invitedDraft;
  };
  const newHours = async (activity = 'Mittagstisch ausgegeben') =>
    (
      await post('owner', '/hours', {
        organisationId: orgA.id,
        activity,
        date: new Date().toISOString().slice(0, 10),
        minutes: 90,
      })
    ).id as string;
  const hours = await newHours();

  // ---- Playbook, moderation, districts, invitations -------------------------------------------
  const page = (
    await post('coordinatorA', '/playbook/pages', {
      title: 'Aushang im Supermarkt',
      body: 'Was wir gelernt haben:\n- früh aufhängen',
    })
  ).pageId as string;
  expectStatus(
    await call('coordinatorA', {
      method: 'PUT',
      url: `/playbook/pages/${page}`,
      payload: {
        title: 'Aushang im Supermarkt',
        body: 'Was wir gelernt haben:\n- früh aufhängen\n- groß schreiben',
        baseRevision: 1,
      },
    }),
    200,
    'second revision',
  );
  const newFlag = async () =>
    (await post('memberB', '/flags', { entityType: 'comment', entityId: randomUUID(), reason: 'spam' }))
      .id as string;
  /** A district file with one square district of its own. */
  const districtFile = (name: string) => {
    const d = 0.01;
    const [x, y] = [12 + next() * 0.02, 51];
    return {
      geojson: {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { name },
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [x, y],
                  [x + d, y],
                  [x + d, y + d],
                  [x, y + d],
                  [x, y],
                ],
              ],
            },
          },
        ],
      },
    };
  };
  const newDistrict = async () => {
    const name = `Viertel ${next()}`;
    await post('instanceAdmin', '/districts/import', districtFile(name), 200);
    const row = await t.db
      .selectFrom('district')
      .select('id')
      .where('network_id', '=', t.networkId)
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
    return row.id;
  };
  /** An invitation to organisation A for someone new; the secret is what the emailed link carries. */
  const newInvitationToken = async () => {
    const token = newSecret();
    await t.db
      .insertInto('one_time_token')
      .values({
        network_id: t.networkId,
        token_hash: hashSecret(token),
        purpose: 'invitation',
        account_id: null,
        email: `eingeladen-${next()}@example.org`,
        organisation_id: orgA.id,
        role: 'volunteer',
        created_by: users.adminA.id,
        expires_at: sql<Date>`now() + interval '1 day'`,
        used_at: null,
        revoked_at: null,
      })
      .execute();
    return token;
  };
  const newMemberOfA = async () =>
    (await createUser(t, { displayName: `Neu ${next()}`, memberOf: [[orgA.id, 'volunteer']] })).id;

  return {
    t,
    users,
    userOf,
    call,
    post,
    renewSessions,
    spareSession,
    orgA,
    orgB,
    room,
    membersRoom,
    spare,
    withdrawn,
    withdrawnPhoto,
    drill,
    roomPhoto,
    photoBody,
    newResource,
    newPhoto,
    newBlock,
    newBooking,
    drillBooking,
    roomBooking,
    ownerAccount,
    neighbourAccount,
    pool,
    payment,
    newRequest,
    newPayment,
    exchangePost,
    newPost,
    message,
    notification,
    newLoggedMeeting,
    drillLoanEdge,
    opportunity,
    draft,
    shift,
    openShift,
    draftShift,
    newShift,
    runningShift,
    newJointOpportunity,
    jointShift,
    jointDraft,
    hours,
    newHours,
    page,
    newFlag,
    districtFile,
    newDistrict,
    newInvitationToken,
    newMemberOfA,
  };
}
