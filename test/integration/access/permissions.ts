import { createLoginToken } from '../../../server/routes/api/session/index.ts';
import { createUser, testPassword } from '../../helpers/factories.ts';
import { type Call, inHours, next, type Role, roles, type Town } from './town.ts';

/**
 * WHO MAY DO WHAT: every route of the API (except the support circles, which have their own matrix in
 * ../circles-authz.test.ts) × every role of the town in town.ts → allowed or not. This states the
 * intended rule, taken from server/policies/*.ts; matrix.test.ts checks the running server against
 * it and fails on any route of the OpenAPI document that is listed in neither table.
 *
 * allowed   the roles that get a 2xx answer; everyone else is refused (401, 403, 404 or 409).
 * seenBy    marks a private thing (someone's booking, transfer, hours, notification, a draft …):
 *           besides `allowed`, only these roles may know it exists. Every other signed-in person
 *           gets 404, exactly as if it did not exist, never 403.
 * when      a route listed with several cases: which relationship or state this one is about.
 * refusal   what the refused signed-in roles get when it is neither 403, 404 nor 409.
 * session   'spare': the request ends the session it comes with (sign-in, sign-out), so it is sent
 *           with a second session of the same person; 'renew': it ends all of the person's sessions.
 */
export interface Case {
  when?: string;
  allowed: readonly Role[];
  seenBy?: readonly Role[];
  refusal?: readonly number[];
  session?: 'spare' | 'renew';
  request: (town: Town, role: Role) => Promise<Omit<Call, 'method'>> | Omit<Call, 'method'>;
}

// ---- Who, in groups --------------------------------------------------------------------------
export const everyone: readonly Role[] = roles;
export const signedIn: readonly Role[] = roles.filter((r) => r !== 'anonymous');
const nobodyElse: readonly Role[] = [];
const instanceAdmin: readonly Role[] = ['instanceAdmin'];
/** staff and admins of A: they act for it (its resources, opportunities, shifts, hours) */
const coordinatorsOfA: readonly Role[] = ['coordinatorA', 'adminA'];
/** who manages organisation A itself: its admins and the instance admins */
const adminsOfA: readonly Role[] = ['adminA', 'instanceAdmin'];
const membersOfA: readonly Role[] = ['memberA', 'coordinatorA', 'adminA'];
const inAnyOrganisation: readonly Role[] = [...membersOfA, 'memberB', 'adminB'];
/** staff or admin of any organisation */
const staffAnywhere: readonly Role[] = ['coordinatorA', 'adminA', 'adminB'];

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
const window = () =>
  `from=${encodeURIComponent(inHours(-24 * 30))}&to=${encodeURIComponent(inHours(24 * 30))}`;
const slot = () => {
  const h = 5000 + next() * 3;
  return { start: inHours(h), end: inHours(h + 1) };
};
const orgAccount = async (town: Town) =>
  (await town.call('adminA', { url: `/timebank/accounts/lookup?organisationId=${town.orgA.id}` })).json()
    .id as string;
const personAccount = async (town: Town, role: Exclude<Role, 'anonymous'>) =>
  (await town.call(role, { url: `/timebank/accounts/lookup?personId=${town.users[role].id}` })).json()
    .id as string;
const idempotent = () => ({ 'idempotency-key': `matrix-${next()}-${Date.now()}` });

export const permissions: Record<string, Case | Case[]> = {
  // ---- Session: signing in and out is open to everyone ------------------------------------------
  'GET /session': { allowed: everyone, request: () => ({ url: '/session' }) },
  'POST /session': {
    allowed: everyone,
    session: 'spare',
    request: async (town) => {
      const u = await createUser(town.t);
      return { url: '/session', payload: { email: u.email, password: testPassword } };
    },
  },
  'DELETE /session': { allowed: everyone, session: 'spare', request: () => ({ url: '/session' }) },
  'POST /session/sign-out-everywhere': {
    allowed: signedIn,
    session: 'renew',
    request: () => ({ url: '/session/sign-out-everywhere' }),
  },
  'POST /session/link': {
    allowed: everyone,
    request: () => ({ url: '/session/link', payload: { email: `link-${next()}@example.org` } }),
  },
  // whoever holds the emailed link signs in with it
  'POST /session/link/redeem': {
    allowed: everyone,
    session: 'spare',
    request: async (town) => {
      const u = await createUser(town.t);
      return {
        url: '/session/link/redeem',
        payload: { token: await createLoginToken(town.t.db, town.t.networkId, u) },
      };
    },
  },

  // ---- My own profile: every signed-in person, about themselves only ---------------------------
  'GET /me': { allowed: signedIn, request: () => ({ url: '/me' }) },
  'PATCH /me': { allowed: signedIn, request: () => ({ url: '/me', payload: { bio: 'Ich helfe gern.' } }) },
  'GET /me/activity': { allowed: signedIn, request: () => ({ url: '/me/activity' }) },
  'PUT /me/password': {
    allowed: signedIn,
    session: 'renew',
    request: () => ({
      url: '/me/password',
      payload: { currentPassword: testPassword, newPassword: `Gelbe-Laterne-Fluss-${next()}` },
    }),
  },

  // ---- Organisations: a public directory; its admins (and instance admins) manage each -------------
  'GET /organisations': { allowed: everyone, request: () => ({ url: '/organisations' }) },
  'POST /organisations': {
    allowed: instanceAdmin,
    request: () => {
      const n = next();
      return {
        url: '/organisations',
        payload: { name: `Verein ${n}`, slug: `verein-${n}`, kind: 'association', sector: 'civil_society' },
      };
    },
  },
  'GET /organisations/{id}': {
    allowed: everyone,
    request: (town) => ({ url: `/organisations/${town.orgA.id}` }),
  },
  'PATCH /organisations/{id}': {
    allowed: adminsOfA,
    request: (town) => ({ url: `/organisations/${town.orgA.id}`, payload: { description: 'Offener Treff' } }),
  },
  'GET /organisations/{id}/members': {
    allowed: [...membersOfA, 'instanceAdmin'],
    request: (town) => ({ url: `/organisations/${town.orgA.id}/members` }),
  },
  'PUT /organisations/{id}/members/{accountId}': {
    allowed: adminsOfA,
    request: async (town) => ({
      url: `/organisations/${town.orgA.id}/members/${await town.newMemberOfA()}`,
      payload: { role: 'staff' },
    }),
  },
  'DELETE /organisations/{id}/members/{accountId}': {
    allowed: adminsOfA,
    request: async (town) => ({ url: `/organisations/${town.orgA.id}/members/${await town.newMemberOfA()}` }),
  },
  'GET /organisations/{id}/invitations': {
    allowed: adminsOfA,
    request: (town) => ({ url: `/organisations/${town.orgA.id}/invitations` }),
  },
  'POST /organisations/{id}/invitations': {
    allowed: adminsOfA,
    request: (town) => ({
      url: `/organisations/${town.orgA.id}/invitations`,
      payload: { email: `neu-${next()}@example.org`, role: 'volunteer' },
    }),
  },
  'DELETE /organisations/{id}/invitations/{invitationId}': {
    allowed: adminsOfA,
    request: async (town) => {
      const inv = await town.post('adminA', `/organisations/${town.orgA.id}/invitations`, {
        email: `widerruf-${next()}@example.org`,
        role: 'volunteer',
      });
      return { url: `/organisations/${town.orgA.id}/invitations/${inv.id}` };
    },
  },
  // whoever holds an invitation link may read and use it; someone signed in as another account is
  // told to sign out first (409)
  'POST /invitations/lookup': {
    allowed: everyone,
    request: async (town) => ({
      url: '/invitations/lookup',
      payload: { token: await town.newInvitationToken() },
    }),
  },
  'POST /invitations/accept': {
    allowed: ['anonymous'],
    request: async (town) => ({
      url: '/invitations/accept',
      payload: { token: await town.newInvitationToken(), displayName: 'Neue Person' },
    }),
  },

  // ---- Time bank: balances, statements and transfers belong to their account holders -------------
  'GET /timebank/accounts/mine': { allowed: signedIn, request: () => ({ url: '/timebank/accounts/mine' }) },
  // anyone signed in finds an account to pay it (without its balance)
  'GET /timebank/accounts/lookup': {
    allowed: signedIn,
    request: (town) => ({ url: `/timebank/accounts/lookup?personId=${town.users.owner.id}` }),
  },
  'GET /timebank/accounts/{id}': {
    when: "Olga's account",
    allowed: ['owner', 'instanceAdmin'],
    seenBy: nobodyElse,
    request: (town) => ({ url: `/timebank/accounts/${town.ownerAccount}` }),
  },
  'PATCH /timebank/accounts/{id}': {
    when: "Olga's account",
    allowed: instanceAdmin,
    request: (town) => ({ url: `/timebank/accounts/${town.ownerAccount}`, payload: { creditLimit: 600 } }),
  },
  'GET /timebank/accounts/{id}/statement': {
    when: "Olga's account",
    allowed: ['owner', 'instanceAdmin'],
    seenBy: nobodyElse,
    request: (town) => ({ url: `/timebank/accounts/${town.ownerAccount}/statement` }),
  },
  'GET /timebank/accounts/{id}/statement.csv': {
    when: "Olga's account",
    allowed: ['owner', 'instanceAdmin'],
    seenBy: nobodyElse,
    request: (town) => ({ url: `/timebank/accounts/${town.ownerAccount}/statement.csv` }),
  },
  'GET /timebank/accounts/{id}/transfers': {
    when: "Olga's account",
    allowed: ['owner', 'instanceAdmin'],
    seenBy: nobodyElse,
    request: (town) => ({ url: `/timebank/accounts/${town.ownerAccount}/transfers` }),
  },
  // the payer's side pays; the receiver's side may only ask (the payer confirms later)
  'POST /timebank/transfers': [
    {
      when: "from Olga's account to Nils's: she pays, he asks",
      allowed: ['owner', 'neighbour'],
      request: (town) => ({
        url: '/timebank/transfers',
        headers: idempotent(),
        payload: { payerAccountId: town.ownerAccount, payeeAccountId: town.neighbourAccount, minutes: 1 },
      }),
    },
    {
      when: "from organisation A's account to Olga's: A's staff pay, she asks",
      allowed: [...coordinatorsOfA, 'owner'],
      request: async (town) => ({
        url: '/timebank/transfers',
        headers: idempotent(),
        payload: { payerAccountId: await orgAccount(town), payeeAccountId: town.ownerAccount, minutes: 1 },
      }),
    },
    {
      when: "from one's own account to the pool, for Olga's loan of Nils's drill",
      allowed: ['owner', 'neighbour', 'instanceAdmin'],
      // a booking one may not see is answered like one that does not exist
      refusal: [422],
      request: async (town, role) => ({
        url: '/timebank/transfers',
        headers: idempotent(),
        payload: {
          payerAccountId: role === 'anonymous' ? town.ownerAccount : await personAccount(town, role),
          payeeAccountId: town.pool,
          minutes: 1,
          source: { type: 'booking', id: town.drillBooking },
        },
      }),
    },
    {
      when: "from one's own account to the pool, for a shift of A's draft",
      allowed: [...coordinatorsOfA, 'instanceAdmin'],
      // a shift of an opportunity one may not see is answered like one that does not exist
      refusal: [422],
      request: async (town, role) => ({
        url: '/timebank/transfers',
        headers: idempotent(),
        payload: {
          payerAccountId: role === 'anonymous' ? town.ownerAccount : await personAccount(town, role),
          payeeAccountId: town.pool,
          minutes: 1,
          source: { type: 'shift', id: town.draftShift },
        },
      }),
    },
    {
      when: 'from the community pool to Olga: instance admins pay, she asks',
      allowed: ['instanceAdmin', 'owner'],
      request: (town) => ({
        url: '/timebank/transfers',
        headers: idempotent(),
        payload: { payerAccountId: town.pool, payeeAccountId: town.ownerAccount, minutes: 1 },
      }),
    },
  ],
  'GET /timebank/transfers/{id}': {
    when: "Olga's payment to Nils",
    allowed: ['owner', 'neighbour', 'instanceAdmin'],
    seenBy: nobodyElse,
    request: (town) => ({ url: `/timebank/transfers/${town.payment}` }),
  },
  'POST /timebank/transfers/{id}/confirm': {
    when: 'Nils asked Olga for credits',
    allowed: ['owner'],
    seenBy: ['neighbour', 'instanceAdmin'],
    request: async (town) => ({ url: `/timebank/transfers/${await town.newRequest()}/confirm` }),
  },
  'POST /timebank/transfers/{id}/decline': {
    when: 'Nils asked Olga for credits',
    allowed: ['owner'],
    seenBy: ['neighbour', 'instanceAdmin'],
    request: async (town) => ({ url: `/timebank/transfers/${await town.newRequest()}/decline` }),
  },
  'POST /timebank/transfers/{id}/cancel': {
    when: 'Nils asked Olga for credits',
    allowed: ['neighbour'],
    seenBy: ['owner', 'instanceAdmin'],
    request: async (town) => ({ url: `/timebank/transfers/${await town.newRequest()}/cancel` }),
  },
  'POST /timebank/transfers/{id}/reverse': {
    when: 'a payment from Olga to Nils',
    allowed: instanceAdmin,
    seenBy: ['owner', 'neighbour'],
    request: async (town) => ({
      url: `/timebank/transfers/${await town.newPayment()}/reverse`,
      payload: { reason: 'Doppelt gebucht' },
    }),
  },
  'GET /timebank/health': { allowed: instanceAdmin, request: () => ({ url: '/timebank/health' }) },

  // ---- Resources: a public catalogue; the owner side manages each ---------------------------------
  'GET /resources': { allowed: everyone, request: () => ({ url: '/resources' }) },
  'POST /resources': [
    {
      when: 'as oneself',
      allowed: signedIn,
      request: () => ({ url: '/resources', payload: { kind: 'giveaway', title: `Kinderbücher ${next()}` } }),
    },
    {
      when: 'for organisation A',
      allowed: coordinatorsOfA,
      request: (town) => ({
        url: '/resources',
        payload: { organisationId: town.orgA.id, kind: 'equipment', title: `Beamer ${next()}` },
      }),
    },
  ],
  'GET /resources/geojson': { allowed: everyone, request: () => ({ url: '/resources/geojson' }) },
  'GET /resources/clusters': {
    allowed: everyone,
    request: () => ({ url: '/resources/clusters?bbox=12.2,51.2,12.6,51.5&zoom=16' }),
  },
  'GET /resources/utilisation': [
    {
      when: 'of my own resources',
      allowed: signedIn,
      request: () => ({ url: `/resources/utilisation?${window()}` }),
    },
    {
      when: "of organisation A's resources",
      allowed: [...coordinatorsOfA, 'instanceAdmin'],
      request: (town) => ({ url: `/resources/utilisation?${window()}&organisationId=${town.orgA.id}` }),
    },
  ],
  'GET /resources/{id}': [
    { when: 'in the catalogue', allowed: everyone, request: (town) => ({ url: `/resources/${town.room}` }) },
    {
      when: 'withdrawn from the catalogue',
      allowed: [...coordinatorsOfA, 'instanceAdmin'],
      seenBy: nobodyElse,
      request: (town) => ({ url: `/resources/${town.withdrawn}` }),
    },
  ],
  'PATCH /resources/{id}': [
    {
      when: "organisation A's room",
      allowed: [...coordinatorsOfA, 'instanceAdmin'],
      request: (town) => ({ url: `/resources/${town.room}`, payload: { description: 'Mit Küche' } }),
    },
    {
      when: "Nils's drill",
      allowed: ['neighbour', 'instanceAdmin'],
      request: (town) => ({ url: `/resources/${town.drill}`, payload: { description: 'Mit Koffer' } }),
    },
  ],
  'DELETE /resources/{id}': {
    allowed: [...coordinatorsOfA, 'instanceAdmin'],
    request: async (town) => ({ url: `/resources/${await town.newResource()}` }),
  },
  'GET /resources/{id}/availability': {
    allowed: everyone,
    request: (town) => ({ url: `/resources/${town.room}/availability` }),
  },
  'PUT /resources/{id}/availability': {
    allowed: coordinatorsOfA,
    request: (town) => ({ url: `/resources/${town.spare}/availability`, payload: { rules: [] } }),
  },
  'POST /resources/{id}/blocked-periods': {
    allowed: coordinatorsOfA,
    request: (town) => ({ url: `/resources/${town.spare}/blocked-periods`, payload: slot() }),
  },
  'DELETE /resources/{id}/blocked-periods/{blockId}': {
    allowed: coordinatorsOfA,
    request: async (town) => ({ url: `/resources/${town.spare}/blocked-periods/${await town.newBlock()}` }),
  },
  // when it is taken, without who took it
  'GET /resources/{id}/busy': {
    allowed: everyone,
    request: (town) => ({ url: `/resources/${town.room}/busy?${window()}` }),
  },
  'POST /resources/{id}/feed': {
    allowed: coordinatorsOfA,
    request: (town) => ({ url: `/resources/${town.spare}/feed` }),
  },
  'DELETE /resources/{id}/feed': {
    allowed: coordinatorsOfA,
    request: (town) => ({ url: `/resources/${town.spare}/feed` }),
  },
  'POST /resources/{id}/photos': {
    allowed: [...coordinatorsOfA, 'instanceAdmin'],
    request: (town) => ({ url: `/resources/${town.spare}/photos`, ...town.photoBody('Der Gruppenraum') }),
  },
  'GET /resources/{id}/photos/{photoId}': [
    {
      when: 'of a resource in the catalogue',
      allowed: everyone,
      request: (town) => ({ url: `/resources/${town.room}/photos/${town.roomPhoto}` }),
    },
    {
      when: 'of a withdrawn resource',
      allowed: [...coordinatorsOfA, 'instanceAdmin'],
      seenBy: nobodyElse,
      request: (town) => ({ url: `/resources/${town.withdrawn}/photos/${town.withdrawnPhoto}` }),
    },
  ],
  'DELETE /resources/{id}/photos/{photoId}': {
    allowed: [...coordinatorsOfA, 'instanceAdmin'],
    request: async (town) => {
      const resource = await town.newResource();
      return { url: `/resources/${resource}/photos/${await town.newPhoto(resource)}` };
    },
  },

  // ---- Bookings: the requester and the owner side (and instance admins) see one ---------------------
  'POST /bookings': [
    {
      when: 'a room everyone may borrow',
      allowed: signedIn,
      request: (town) => ({ url: '/bookings', payload: { resourceId: town.room, ...slot() } }),
    },
    {
      when: "a workshop for members of the network's organisations",
      allowed: [...inAnyOrganisation, 'instanceAdmin'],
      request: (town) => ({ url: '/bookings', payload: { resourceId: town.membersRoom, ...slot() } }),
    },
  ],
  'GET /bookings/mine': { allowed: signedIn, request: () => ({ url: '/bookings/mine' }) },
  'GET /bookings/incoming': { allowed: signedIn, request: () => ({ url: '/bookings/incoming' }) },
  'GET /bookings/{id}': [
    {
      when: "Olga borrows Nils's drill",
      allowed: ['owner', 'neighbour', 'instanceAdmin'],
      seenBy: nobodyElse,
      request: (town) => ({ url: `/bookings/${town.drillBooking}` }),
    },
    {
      when: "Olga books organisation A's room",
      allowed: ['owner', ...coordinatorsOfA, 'instanceAdmin'],
      seenBy: nobodyElse,
      request: (town) => ({ url: `/bookings/${town.roomBooking}` }),
    },
  ],
  'POST /bookings/{id}/approve': [
    {
      when: "Olga asks for Nils's drill",
      allowed: ['neighbour'],
      seenBy: ['owner', 'instanceAdmin'],
      request: async (town) => ({ url: `/bookings/${await town.newBooking(town.drill)}/approve` }),
    },
    {
      when: "Olga asks for organisation A's room",
      allowed: coordinatorsOfA,
      seenBy: ['owner', 'instanceAdmin'],
      request: async (town) => ({ url: `/bookings/${await town.newBooking(town.room)}/approve` }),
    },
  ],
  'POST /bookings/{id}/decline': {
    when: "Olga asks for organisation A's room",
    allowed: coordinatorsOfA,
    seenBy: ['owner', 'instanceAdmin'],
    request: async (town) => ({ url: `/bookings/${await town.newBooking(town.room)}/decline` }),
  },
  'POST /bookings/{id}/hand-over': {
    when: "Olga's approved booking of A's room",
    allowed: coordinatorsOfA,
    seenBy: ['owner', 'instanceAdmin'],
    request: async (town) => ({ url: `/bookings/${await town.newBooking(town.room, 'approved')}/hand-over` }),
  },
  'POST /bookings/{id}/return': {
    when: "A's room handed over to Olga",
    allowed: coordinatorsOfA,
    seenBy: ['owner', 'instanceAdmin'],
    request: async (town) => ({ url: `/bookings/${await town.newBooking(town.room, 'handed_over')}/return` }),
  },
  'POST /bookings/{id}/cancel': {
    when: "Olga's approved booking of A's room",
    allowed: ['owner', ...coordinatorsOfA],
    seenBy: instanceAdmin,
    request: async (town) => ({ url: `/bookings/${await town.newBooking(town.room, 'approved')}/cancel` }),
  },
  'POST /bookings/feed': { allowed: signedIn, request: () => ({ url: '/bookings/feed' }) },
  'DELETE /bookings/feed': { allowed: signedIn, request: () => ({ url: '/bookings/feed' }) },
  // a secret URL works for whoever holds it, without sign-in (calendar apps cannot sign in)
  'GET /bookings/feeds/{file}': {
    allowed: everyone,
    request: async (town) => {
      const { url } = await town.post('owner', '/bookings/feed', {});
      return { url: new URL(url).pathname.replace('/api/v1', '') };
    },
  },

  // ---- Exchange board: for signed-in members of the network; the author keeps a post --------------
  'GET /exchange/posts': { allowed: signedIn, request: () => ({ url: '/exchange/posts' }) },
  'POST /exchange/posts': [
    {
      when: 'as oneself',
      allowed: signedIn,
      request: () => ({
        url: '/exchange/posts',
        payload: { kind: 'want', category: 'item', title: `Suche Leiter ${next()}` },
      }),
    },
    {
      when: 'for organisation A',
      allowed: coordinatorsOfA,
      request: (town) => ({
        url: '/exchange/posts',
        payload: {
          kind: 'offer',
          category: 'lesson',
          title: `Deutschkurs ${next()}`,
          organisationId: town.orgA.id,
        },
      }),
    },
  ],
  'GET /exchange/posts/{id}': {
    allowed: signedIn,
    request: (town) => ({ url: `/exchange/posts/${town.exchangePost}` }),
  },
  'PATCH /exchange/posts/{id}': {
    when: "Olga's offer",
    allowed: ['owner'],
    request: (town) => ({
      url: `/exchange/posts/${town.exchangePost}`,
      payload: { description: 'Auch samstags.' },
    }),
  },
  'POST /exchange/posts/{id}/renew': {
    when: "Olga's offer",
    allowed: ['owner'],
    request: (town) => ({ url: `/exchange/posts/${town.exchangePost}/renew`, payload: {} }),
  },
  // the author, or an instance admin moderating
  'POST /exchange/posts/{id}/close': {
    when: "Olga's offer",
    allowed: ['owner', 'instanceAdmin'],
    request: async (town) => ({ url: `/exchange/posts/${await town.newPost()}/close` }),
  },
  'GET /exchange/posts/{id}/matches': {
    allowed: signedIn,
    request: (town) => ({ url: `/exchange/posts/${town.exchangePost}/matches` }),
  },
  // everyone reads only their own conversation about the post (replay.test.ts checks the content)
  'GET /exchange/posts/{id}/messages': {
    allowed: signedIn,
    request: (town) => ({ url: `/exchange/posts/${town.exchangePost}/messages` }),
  },
  // others write to the author; the author answers someone who wrote (Nils did)
  'POST /exchange/posts/{id}/messages': {
    allowed: signedIn,
    request: (town) => ({
      url: `/exchange/posts/${town.exchangePost}/messages`,
      payload: { body: 'Gern!', to: town.users.neighbour.id },
    }),
  },

  // ---- The instance: settings, districts, moderation, admin views --------------------------------
  'GET /network': { allowed: everyone, request: () => ({ url: '/network' }) },
  'PATCH /network': {
    allowed: instanceAdmin,
    request: () => ({ url: '/network', payload: { name: 'Testnetz' } }),
  },
  'GET /districts': { allowed: everyone, request: () => ({ url: '/districts' }) },
  'GET /districts/geojson': { allowed: everyone, request: () => ({ url: '/districts/geojson' }) },
  'POST /districts/import': {
    allowed: instanceAdmin,
    request: (town) => ({ url: '/districts/import', payload: town.districtFile(`Bezirk ${next()}`) }),
  },
  'DELETE /districts/{id}': {
    allowed: instanceAdmin,
    request: async (town) => ({ url: `/districts/${await town.newDistrict()}` }),
  },
  'GET /admin/outbox': { allowed: instanceAdmin, request: () => ({ url: '/admin/outbox' }) },
  'GET /admin/audit': { allowed: instanceAdmin, request: () => ({ url: '/admin/audit' }) },
  'GET /admin/flags': { allowed: instanceAdmin, request: () => ({ url: '/admin/flags' }) },
  'POST /admin/flags/{id}/hide': {
    allowed: instanceAdmin,
    request: async (town) => ({
      url: `/admin/flags/${await town.newFlag()}/hide`,
      payload: { reason: 'Werbung' },
    }),
  },
  'POST /admin/flags/{id}/dismiss': {
    allowed: instanceAdmin,
    request: async (town) => ({ url: `/admin/flags/${await town.newFlag()}/dismiss` }),
  },
  'GET /admin/accounts': { allowed: instanceAdmin, request: () => ({ url: '/admin/accounts' }) },
  'POST /admin/accounts/{id}/block': {
    allowed: instanceAdmin,
    request: async (town) => ({
      url: `/admin/accounts/${(await createUser(town.t)).id}/block`,
      payload: { reason: 'Belästigung' },
    }),
  },
  // helping someone in without email: never for oneself (422), and the person hears of it
  'POST /admin/accounts/{id}/sign-in-link': {
    allowed: instanceAdmin,
    request: async (town) => ({
      url: `/admin/accounts/${(await createUser(town.t)).id}/sign-in-link`,
      payload: { reason: 'Keine E-Mail, Anruf im Bürgerbüro' },
    }),
  },
  'POST /admin/accounts/{id}/unblock': {
    allowed: instanceAdmin,
    request: async (town) => {
      const u = await createUser(town.t);
      await town.post('instanceAdmin', `/admin/accounts/${u.id}/block`, { reason: 'Spam' }, 204);
      return { url: `/admin/accounts/${u.id}/unblock` };
    },
  },
  'POST /flags': {
    allowed: signedIn,
    request: (town) => ({
      url: '/flags',
      payload: {
        entityType: 'organisation',
        entityId: town.orgB.id,
        reason: 'other',
        note: `Prüfen ${next()}`,
      },
    }),
  },
  'GET /search': { allowed: everyone, request: () => ({ url: '/search?q=Saal' }) },

  // ---- People, notifications, interactions: personal ---------------------------------------------
  // profiles are for signed-in members; anonymous visitors do not learn whether a person exists
  'GET /people/{id}': { allowed: signedIn, request: (town) => ({ url: `/people/${town.users.owner.id}` }) },
  'GET /notifications': { allowed: signedIn, request: () => ({ url: '/notifications' }) },
  'POST /notifications/read-all': { allowed: signedIn, request: () => ({ url: '/notifications/read-all' }) },
  'POST /notifications/{id}/read': {
    when: "Olga's notification",
    allowed: ['owner'],
    seenBy: nobodyElse,
    request: (town) => ({ url: `/notifications/${town.notification}/read` }),
  },
  'POST /interactions': {
    allowed: signedIn,
    request: (town) => ({
      url: '/interactions',
      payload: {
        area: 'sharing',
        kind: 'Gespräch',
        mode: 'offline',
        with: { type: 'organisation', id: town.orgB.id },
      },
    }),
  },
  'GET /interactions/mine': { allowed: signedIn, request: () => ({ url: '/interactions/mine' }) },
  // only Olga confirms what Nils logged with her; either of them may remove it; nobody else learns of it
  'POST /interactions/{id}/confirm': {
    when: 'a meeting Nils logged with Olga',
    allowed: ['owner'],
    seenBy: ['neighbour'],
    request: async (town) => ({ url: `/interactions/${await town.newLoggedMeeting()}/confirm` }),
  },
  'DELETE /interactions/{id}': [
    {
      when: 'a meeting Nils logged with Olga',
      allowed: ['owner', 'neighbour'],
      seenBy: nobodyElse,
      request: async (town) => ({ url: `/interactions/${await town.newLoggedMeeting()}` }),
    },
    {
      when: "what Olga's loan of Nils's drill recorded: it stays with the loan",
      allowed: nobodyElse,
      seenBy: ['owner', 'neighbour'],
      request: (town) => ({ url: `/interactions/${town.drillLoanEdge}` }),
    },
  ],

  // ---- Opportunities and shifts: public once published; the running organisations coordinate ------
  'GET /opportunities': { allowed: everyone, request: () => ({ url: '/opportunities' }) },
  'POST /opportunities': {
    allowed: coordinatorsOfA,
    request: (town) => ({
      url: '/opportunities',
      payload: {
        level: 'regular',
        title: `Hausaufgabenhilfe ${next()}`,
        mode: 'on_site',
        organisationIds: [town.orgA.id],
      },
    }),
  },
  'GET /opportunities/map': {
    allowed: everyone,
    request: () => ({ url: '/opportunities/map?south=50&west=11&north=52&east=13' }),
  },
  'GET /opportunities/suggestions': {
    allowed: signedIn,
    request: () => ({ url: '/opportunities/suggestions' }),
  },
  'GET /opportunities/next-step': { allowed: signedIn, request: () => ({ url: '/opportunities/next-step' }) },
  'GET /opportunities/stats': [
    {
      when: "organisation A's",
      allowed: [...coordinatorsOfA, 'instanceAdmin'],
      request: (town) => ({
        url: `/opportunities/stats?organisationId=${town.orgA.id}&from=${day(-90)}&to=${day(0)}`,
      }),
    },
    {
      when: 'the whole network',
      allowed: instanceAdmin,
      request: () => ({ url: `/opportunities/stats?from=${day(-90)}&to=${day(0)}` }),
    },
  ],
  'GET /opportunities/{id}': [
    {
      when: 'published',
      allowed: everyone,
      request: (town) => ({ url: `/opportunities/${town.opportunity}` }),
    },
    {
      when: 'a draft',
      allowed: [...coordinatorsOfA, 'instanceAdmin'],
      seenBy: nobodyElse,
      request: (town) => ({ url: `/opportunities/${town.draft}` }),
    },
    // B's staff and admins must see what they are asked to run
    {
      when: 'a draft A invited B to run with it',
      allowed: [...coordinatorsOfA, 'instanceAdmin', 'adminB'],
      seenBy: nobodyElse,
      request: async (town) => ({ url: `/opportunities/${await town.jointDraft()}` }),
    },
  ],
  'PATCH /opportunities/{id}': [
    {
      when: 'published',
      allowed: coordinatorsOfA,
      request: (town) => ({
        url: `/opportunities/${town.opportunity}`,
        payload: { place: 'Saal im Zentrum' },
      }),
    },
    {
      when: 'a draft',
      allowed: coordinatorsOfA,
      seenBy: instanceAdmin,
      request: (town) => ({ url: `/opportunities/${town.draft}`, payload: { place: 'Garten' } }),
    },
  ],
  // ---- Joint opportunities: a partner is invited and runs nothing until its coordinators accept ----
  'GET /opportunities/partner-invitations': {
    allowed: signedIn,
    request: () => ({ url: '/opportunities/partner-invitations' }),
  },
  'POST /opportunities/{id}/partners/{organisationId}/accept': {
    when: 'A invited B to run a draft with it',
    allowed: ['adminB'],
    seenBy: coordinatorsOfA,
    request: async (town) => ({
      url: `/opportunities/${await town.newJointOpportunity('draft')}/partners/${town.orgB.id}/accept`,
    }),
  },
  'POST /opportunities/{id}/partners/{organisationId}/decline': {
    when: 'A invited B to run a draft with it',
    allowed: ['adminB'],
    seenBy: coordinatorsOfA,
    request: async (town) => ({
      url: `/opportunities/${await town.newJointOpportunity('draft')}/partners/${town.orgB.id}/decline`,
    }),
  },
  'DELETE /opportunities/{id}/partners/{organisationId}': [
    {
      when: 'A withdraws its invitation to B, or B declines (a draft)',
      allowed: [...coordinatorsOfA, 'adminB'],
      seenBy: nobodyElse,
      request: async (town) => ({
        url: `/opportunities/${await town.newJointOpportunity('draft')}/partners/${town.orgB.id}`,
      }),
    },
    {
      when: 'A removes partner B, or B leaves (published, accepted)',
      allowed: [...coordinatorsOfA, 'adminB'],
      request: async (town) => ({
        url: `/opportunities/${await town.newJointOpportunity('published', true)}/partners/${town.orgB.id}`,
      }),
    },
    // the lead stays: its own coordinators are told so (422), everyone else is refused
    {
      when: 'the lead A',
      allowed: nobodyElse,
      refusal: [403, 422],
      request: (town) => ({ url: `/opportunities/${town.opportunity}/partners/${town.orgA.id}` }),
    },
  ],
  'GET /opportunities/{id}/shifts': {
    allowed: everyone,
    request: (town) => ({ url: `/opportunities/${town.opportunity}/shifts` }),
  },
  'POST /opportunities/{id}/shifts': {
    allowed: coordinatorsOfA,
    request: (town) => ({
      url: `/opportunities/${town.opportunity}/shifts`,
      payload: { startsAt: inHours(200), endsAt: inHours(202), capacity: 5 },
    }),
  },
  'GET /shifts/mine': { allowed: signedIn, request: () => ({ url: '/shifts/mine' }) },
  'GET /shifts/{id}': { allowed: everyone, request: (town) => ({ url: `/shifts/${town.shift.shift}` }) },
  'PATCH /shifts/{id}': {
    allowed: coordinatorsOfA,
    request: (town) => ({ url: `/shifts/${town.shift.shift}`, payload: { note: 'Schürze mitbringen' } }),
  },
  'POST /shifts/{id}/signup': {
    allowed: signedIn,
    request: (town) => ({ url: `/shifts/${town.openShift.shift}/signup` }),
  },
  // a person withdraws and checks in only themselves (others have no sign-up there: 404)
  'POST /shifts/{id}/withdraw': {
    when: 'Olga is signed up',
    allowed: ['owner'],
    request: async (town) => ({ url: `/shifts/${(await town.newShift(80, true)).shift}/withdraw` }),
  },
  'POST /shifts/{id}/check-in': {
    when: 'Olga is signed up, the shift has begun',
    allowed: ['owner'],
    request: async (town) => ({ url: `/shifts/${(await town.runningShift()).shift}/check-in` }),
  },
  'POST /shifts/{id}/signups/{signupId}/check-in': {
    when: "Olga's sign-up, the shift has begun",
    allowed: coordinatorsOfA,
    request: async (town) => {
      const s = await town.runningShift();
      return { url: `/shifts/${s.shift}/signups/${s.signup}/check-in` };
    },
  },
  'POST /shifts/{id}/signups/{signupId}/no-show': {
    when: "Olga's sign-up, the shift has begun",
    allowed: coordinatorsOfA,
    request: async (town) => {
      const s = await town.runningShift();
      return { url: `/shifts/${s.shift}/signups/${s.signup}/no-show` };
    },
  },
  'DELETE /shifts/{id}/signups/{signupId}': {
    when: "Olga's sign-up",
    allowed: coordinatorsOfA,
    request: async (town) => {
      const s = await town.newShift(84, true);
      return { url: `/shifts/${s.shift}/signups/${s.signup}` };
    },
  },
  // names and email addresses of the people signed up: for the coordinators of the organisations
  // that run it, an invited partner only once it accepted
  'GET /shifts/{id}/roster': [
    {
      allowed: coordinatorsOfA,
      request: (town) => ({ url: `/shifts/${town.shift.shift}/roster` }),
    },
    {
      when: 'A invited B to run it, B has not accepted',
      allowed: coordinatorsOfA,
      request: async (town) => ({ url: `/shifts/${await town.jointShift(false)}/roster` }),
    },
    {
      when: 'B accepted to run it with A',
      allowed: [...coordinatorsOfA, 'adminB'],
      request: async (town) => ({ url: `/shifts/${await town.jointShift(true)}/roster` }),
    },
  ],
  'GET /shifts/{id}/roster.csv': [
    {
      allowed: coordinatorsOfA,
      request: (town) => ({ url: `/shifts/${town.shift.shift}/roster.csv` }),
    },
    {
      when: 'A invited B to run it, B has not accepted',
      allowed: coordinatorsOfA,
      request: async (town) => ({ url: `/shifts/${await town.jointShift(false)}/roster.csv` }),
    },
    {
      when: 'B accepted to run it with A',
      allowed: [...coordinatorsOfA, 'adminB'],
      request: async (town) => ({ url: `/shifts/${await town.jointShift(true)}/roster.csv` }),
    },
  ],
  'POST /shifts/{id}/message': {
    allowed: coordinatorsOfA,
    request: (town) => ({
      url: `/shifts/${town.shift.shift}/message`,
      payload: { subject: 'Treffpunkt', body: 'Wir treffen uns am Hintereingang.' },
    }),
  },

  // ---- Volunteer hours: personal; the issuing organisation's coordinators decide ------------------
  'GET /hours': { allowed: signedIn, request: () => ({ url: '/hours' }) },
  'POST /hours': {
    allowed: signedIn,
    request: (town) => ({
      url: '/hours',
      payload: { organisationId: town.orgA.id, activity: 'Flyer verteilt', date: day(-1), minutes: 60 },
    }),
  },
  'GET /hours/organisations/{organisationId}': {
    allowed: coordinatorsOfA,
    request: (town) => ({ url: `/hours/organisations/${town.orgA.id}` }),
  },
  'GET /hours/certificate': { allowed: signedIn, request: () => ({ url: '/hours/certificate' }) },
  'GET /hours/certificate.html': { allowed: signedIn, request: () => ({ url: '/hours/certificate.html' }) },
  'GET /hours/certificate.pdf': { allowed: signedIn, request: () => ({ url: '/hours/certificate.pdf' }) },
  'GET /hours/settings/{organisationId}': {
    allowed: coordinatorsOfA,
    request: (town) => ({ url: `/hours/settings/${town.orgA.id}` }),
  },
  // time credits are the organisation's money: its admins set the rate
  'PUT /hours/settings/{organisationId}': {
    allowed: ['adminA'],
    request: (town) => ({ url: `/hours/settings/${town.orgA.id}`, payload: { creditMinutesPerHour: 0 } }),
  },
  // not even instance admins: hours are personal
  'GET /hours/{id}': {
    when: "Olga's hours with A",
    allowed: ['owner', ...coordinatorsOfA],
    seenBy: nobodyElse,
    request: (town) => ({ url: `/hours/${town.hours}` }),
  },
  // nobody confirms their own hours
  'POST /hours/{id}/confirm': {
    when: "Olga's hours with A",
    allowed: coordinatorsOfA,
    seenBy: ['owner'],
    request: async (town) => ({ url: `/hours/${await town.newHours()}/confirm`, payload: {} }),
  },
  'POST /hours/{id}/reject': {
    when: "Olga's hours with A",
    allowed: coordinatorsOfA,
    seenBy: ['owner'],
    request: async (town) => ({ url: `/hours/${await town.newHours()}/reject`, payload: {} }),
  },

  // ---- Playbook: everyone reads; staff and admins of any organisation (and instance admins) write --
  'GET /playbook/pages': { allowed: everyone, request: () => ({ url: '/playbook/pages' }) },
  'POST /playbook/pages': {
    allowed: [...staffAnywhere, 'instanceAdmin'],
    request: () => ({
      url: '/playbook/pages',
      payload: { title: `Tür-zu-Tür ${next()}`, body: 'So geht es.' },
    }),
  },
  'GET /playbook/pages/{id}': {
    allowed: everyone,
    request: (town) => ({ url: `/playbook/pages/${town.page}` }),
  },
  'PUT /playbook/pages/{id}': {
    allowed: [...staffAnywhere, 'instanceAdmin'],
    request: async (town) => {
      const current = (await town.call(null, { url: `/playbook/pages/${town.page}` })).json();
      return {
        url: `/playbook/pages/${town.page}`,
        payload: {
          title: current.title,
          body: `${current.body}\n- ${next()}`,
          baseRevision: current.revision,
        },
      };
    },
  },
  'GET /playbook/pages/{id}/revisions': {
    allowed: everyone,
    request: (town) => ({ url: `/playbook/pages/${town.page}/revisions` }),
  },
  'GET /playbook/pages/{id}/revisions/{revision}': {
    allowed: everyone,
    request: (town) => ({ url: `/playbook/pages/${town.page}/revisions/1` }),
  },
  'GET /playbook/pages/{id}/diff': {
    allowed: everyone,
    request: (town) => ({ url: `/playbook/pages/${town.page}/diff?from=1&to=2` }),
  },
};

const headings: Record<Role, string> = {
  anonymous: 'anonymous',
  person: 'person',
  owner: 'Olga (owner)',
  neighbour: 'Nils (other side)',
  memberA: 'volunteer A',
  coordinatorA: 'staff A',
  adminA: 'admin A',
  memberB: 'volunteer B',
  adminB: 'admin B',
  instanceAdmin: 'instance admin',
};

/** The table as a grid for people to read (docs/ACCESS.md); matrix.test.ts keeps that file current. */
/** docs/ACCESS.md is written by hand above this line and generated below it (renderGrid). */
export const generatedMarker =
  '<!-- Generated below this line from test/integration/access/permissions.ts. -->';

export function renderGrid(): string {
  const lines = [
    '## Every route × every role',
    '',
    'Generated from `test/integration/access/permissions.ts` (the rule the access-control suite checks',
    'every route against; `UPDATE_ACCESS_GRID=1 node --test test/integration/access/matrix.test.ts`',
    'rewrites this file). The support circles have their own matrix in `test/integration/circles-authz.test.ts`.',
    'The people are those of `test/integration/access/town.ts`: Olga owns the data; Nils lends her his drill,',
    'receives her credits and wrote to her; organisation A runs the room, the opportunity and her hours;',
    'organisation B has nothing to do with any of it, except where A invites it to run an opportunity jointly',
    '(it runs nothing until its admin accepts).',
    '',
    '✓ allowed · – refused · 404 refused as if it did not exist (a private thing)',
    '',
    `| Route | Case | ${roles.map((r) => headings[r]).join(' | ')} |`,
    `|---|---|${roles.map(() => ':-:').join('|')}|`,
  ];
  for (const [route, spec] of Object.entries(permissions))
    for (const c of ([] as Case[]).concat(spec)) {
      const cells = roles.map((r) =>
        c.allowed.includes(r)
          ? '✓'
          : r !== 'anonymous' && c.seenBy !== undefined && !c.seenBy.includes(r)
            ? '404'
            : '–',
      );
      lines.push(`| \`${route}\` | ${c.when ?? ''} | ${cells.join(' | ')} |`);
    }
  return `${lines.join('\n')}\n`;
}
