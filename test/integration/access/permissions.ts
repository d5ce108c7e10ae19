import { randomUUID } from 'node:crypto';
import { codesignPermissions } from '../../../server/areas/codesign/permissions.ts';
import { knowledgePermissions } from '../../../server/areas/knowledge/permissions.ts';
import { participationPermissions } from '../../../server/areas/participation/permissions.ts';
import { placesPermissions } from '../../../server/areas/places/permissions.ts';
import { sharingPermissions } from '../../../server/areas/sharing/permissions.ts';
import { timebankPermissions } from '../../../server/areas/timebank/permissions.ts';
import { hashSecret, newSecret } from '../../../server/auth/tokens.ts';
import { serviceAtLocationId } from '../../../server/interop/hsds/export.ts';
import { insertInvitation } from '../../../server/repositories/oneTimeTokens.ts';
import { insertService } from '../../../server/repositories/organisationServices.ts';
import {
  adminsOfA,
  type Case,
  createLoginToken,
  createUser,
  everyone,
  instanceAdmin,
  membersOfA,
  next,
  nobodyElse,
  type Role,
  roles,
  signedIn,
  testPassword,
} from './cases.ts';

/** An open invitation to organisation B, as admin, for its own admin's email: its id is B's. */
async function invitationToB(town: Parameters<Case['request']>[0]) {
  await insertInvitation(town.t.db, town.t.networkId, {
    tokenHash: hashSecret(newSecret()),
    email: town.users.adminB.email,
    organisationId: town.orgB.id,
    role: 'admin',
    createdBy: town.users.adminA.id,
    days: 1,
  });
  return town.orgB.id;
}

/** A service of organisation A, as its admins write one. */
const servicePayload = () => ({
  name: `Sprechstunde ${next()}`,
  description: '',
  helpKinds: ['advice'],
  place: 'organisation',
  address: null,
  lat: null,
  lng: null,
  hoursNote: '',
  hours: [{ weekday: 2, opens: '09:00', closes: '12:00' }],
});
async function serviceOfA(town: Parameters<Case['request']>[0]) {
  return insertService(town.t.db, town.t.networkId, town.orgA.id, {
    name: `Beratung ${next()}`,
    description: '',
    helpKinds: [],
    place: 'none',
    address: null,
    lat: null,
    lng: null,
    hoursNote: '',
    hours: [],
  });
}

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
  // opening an account oneself: the same answer for everyone (an emailed link opens it)
  'POST /session/register': {
    allowed: everyone,
    request: () => ({
      url: '/session/register',
      payload: { email: `neu-${next()}@example.org`, displayName: 'Neu' },
    }),
  },
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
        payload: { token: (await createLoginToken(town.t.db, town.t.networkId, u)).token },
      };
    },
  },
  // Sign-in with an OpenID provider is open to everyone like the other sign-ins, but only where one
  // is configured (OIDC_ISSUER); this town has none, so both routes are not found for anybody. The
  // flow itself, for people signed out and signed in: server/routes/api/session/oidc.test.ts.
  'GET /session/oidc/start': {
    when: 'no provider configured',
    allowed: nobodyElse,
    request: () => ({ url: '/session/oidc/start?next=/profil' }),
  },
  'GET /session/oidc/callback': {
    when: 'no provider configured',
    allowed: nobodyElse,
    request: () => ({ url: `/session/oidc/callback?code=c${next()}&state=s${next()}` }),
  },
  'GET /session/oidc/end': {
    when: 'no provider configured',
    allowed: nobodyElse,
    request: () => ({ url: '/session/oidc/end' }),
  },

  // ---- My own profile: every signed-in person, about themselves only ---------------------------
  'GET /me': { allowed: signedIn, request: () => ({ url: '/me' }) },
  'PATCH /me': { allowed: signedIn, request: () => ({ url: '/me', payload: { bio: 'Ich helfe gern.' } }) },
  'GET /me/activity': { allowed: signedIn, request: () => ({ url: '/me/activity' }) },
  // my home: each section is checked by its own area's policy (server/routes/api/me/today.test.ts)
  'GET /me/today': { allowed: signedIn, request: () => ({ url: '/me/today' }) },
  // an invitation is answered by the one it is addressed to; to anyone else it does not exist
  'GET /me/invitations': { allowed: signedIn, request: () => ({ url: '/me/invitations' }) },
  'POST /me/invitations/{organisationId}/accept': {
    when: "an invitation to B for its admin's own email (accepting changes nothing)",
    allowed: ['adminB'],
    seenBy: nobodyElse,
    request: async (town) => ({ url: `/me/invitations/${await invitationToB(town)}/accept` }),
  },
  'POST /me/invitations/{organisationId}/decline': {
    when: "an invitation to B for its admin's own email",
    allowed: ['adminB'],
    seenBy: nobodyElse,
    request: async (town) => ({ url: `/me/invitations/${await invitationToB(town)}/decline` }),
  },
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
  'GET /organisations/geojson': { allowed: everyone, request: () => ({ url: '/organisations/geojson' }) },
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

  // ---- The instance: settings, districts, moderation, admin views --------------------------------
  'GET /network': { allowed: everyone, request: () => ({ url: '/network' }) },
  // the town in numbers: public, and figures about fewer than five people are withheld
  'GET /network/activity': { allowed: everyone, request: () => ({ url: '/network/activity' }) },
  'PATCH /network': {
    allowed: instanceAdmin,
    request: () => ({ url: '/network', payload: { name: 'Testnetz' } }),
  },
  'GET /districts': { allowed: everyone, request: () => ({ url: '/districts' }) },
  'GET /districts/geojson': { allowed: everyone, request: () => ({ url: '/districts/geojson' }) },
  'GET /geocode': { allowed: signedIn, request: () => ({ url: '/geocode?q=Kirchplatz' }) },
  'POST /markdown/preview': {
    allowed: signedIn,
    request: () => ({ url: '/markdown/preview', payload: { text: '**Hallo** [[Wegweiser]]' } }),
  },
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
  'GET /admin/audit/filters': { allowed: instanceAdmin, request: () => ({ url: '/admin/audit/filters' }) },
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
  // ---- Federation (server/routes/api/federation): instance admins, and only when FEDERATION=1 -----
  // The matrix runs with federation off, where the routes answer 404 to everyone; who may use them
  // when it is on (instance admins only, 404 to everyone else): server/routes/api/federation/.
  'GET /federation': { when: 'federation off', allowed: nobodyElse, request: () => ({ url: '/federation' }) },
  'POST /federation/follows': {
    when: 'federation off',
    allowed: nobodyElse,
    request: () => ({
      url: '/federation/follows',
      payload: { localActor: randomUUID(), remote: '@gruppe@andere.stadt.example' },
    }),
  },
  'DELETE /federation/follows/{localActorId}/{remoteActorId}': {
    when: 'federation off',
    allowed: nobodyElse,
    request: () => ({ url: `/federation/follows/${randomUUID()}/${randomUUID()}` }),
  },
  'POST /federation/blocks': {
    when: 'federation off',
    allowed: nobodyElse,
    request: () => ({ url: '/federation/blocks', payload: { domain: 'spam.example' } }),
  },
  'DELETE /federation/blocks/{domain}': {
    when: 'federation off',
    allowed: nobodyElse,
    request: () => ({ url: '/federation/blocks/spam.example' }),
  },
  // An organisation's own follows (federation/organisation.ts): its admins and instance admins when
  // federation is on (organisationPolicy.administerFederation); off here, so 404 to everyone.
  'GET /organisations/{id}/federation': {
    when: 'federation off',
    allowed: nobodyElse,
    request: (town) => ({ url: `/organisations/${town.orgA.id}/federation` }),
  },
  'POST /organisations/{id}/federation/follows': {
    when: 'federation off',
    allowed: nobodyElse,
    request: (town) => ({
      url: `/organisations/${town.orgA.id}/federation/follows`,
      payload: { remote: '@gruppe@andere.stadt.example' },
    }),
  },
  'DELETE /organisations/{id}/federation/follows/{remoteActorId}': {
    when: 'federation off',
    allowed: nobodyElse,
    request: (town) => ({ url: `/organisations/${town.orgA.id}/federation/follows/${randomUUID()}` }),
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

  // ---- Enquiries: anyone signed in asks an organisation; only its admins read them ---------------
  'POST /organisations/{id}/enquiries': {
    allowed: signedIn,
    request: (town) => ({
      url: `/organisations/${town.orgA.slug}/enquiries`,
      payload: { subject: `Frage ${next()}`, message: 'Können Sie helfen?', contact: '0123 45678' },
    }),
  },
  // not the organisation's staff, and not instance admins: a request for help is personal
  'GET /organisations/{id}/enquiries': {
    allowed: ['adminA'],
    request: (town) => ({ url: `/organisations/${town.orgA.id}/enquiries` }),
  },
  'PATCH /organisations/{id}/enquiries/{enquiryId}': {
    when: "Olga's enquiry to A",
    allowed: ['adminA'],
    seenBy: ['owner'],
    request: async (town) => {
      const e = await town.t.db
        .insertInto('organisation_enquiry')
        .values({
          network_id: town.t.networkId,
          organisation_id: town.orgA.id,
          author_id: town.users.owner.id,
          subject: 'Begleitung zum Arzt',
          message: 'Wer kann mich begleiten?',
          contact: '0123 45678',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { url: `/organisations/${town.orgA.id}/enquiries/${e.id}`, payload: { answered: true } };
    },
  },
  'GET /me/enquiries': { allowed: signedIn, request: () => ({ url: '/me/enquiries' }) },

  // ---- An organisation's services: public like the organisation; its admins write them ------------
  'GET /organisations/{id}/services': {
    allowed: everyone,
    request: (town) => ({ url: `/organisations/${town.orgA.slug}/services` }),
  },
  'POST /organisations/{id}/services': {
    allowed: adminsOfA,
    request: (town) => ({ url: `/organisations/${town.orgA.id}/services`, payload: servicePayload() }),
  },
  'PUT /organisations/{id}/services/{serviceId}': {
    allowed: adminsOfA,
    request: async (town) => ({
      url: `/organisations/${town.orgA.id}/services/${await serviceOfA(town)}`,
      payload: servicePayload(),
    }),
  },
  'DELETE /organisations/{id}/services/{serviceId}': {
    allowed: adminsOfA,
    request: async (town) => ({ url: `/organisations/${town.orgA.id}/services/${await serviceOfA(town)}` }),
  },

  // ---- Open data: the directory as Open Referral HSDS, for everyone (server/interop/hsds) ----------
  'GET /hsds': { allowed: everyone, request: () => ({ url: '/hsds' }) },
  'GET /hsds/organizations': {
    allowed: everyone,
    request: () => ({ url: '/hsds/organizations?full_service=true' }),
  },
  'GET /hsds/organizations/{id}': {
    allowed: everyone,
    request: (town) => ({ url: `/hsds/organizations/${town.orgA.id}` }),
  },
  'GET /hsds/services': { allowed: everyone, request: () => ({ url: '/hsds/services?full=true' }) },
  'GET /hsds/services/{id}': {
    allowed: everyone,
    request: async (town) => ({ url: `/hsds/services/${await serviceOfA(town)}` }),
  },
  'GET /hsds/service_at_locations': {
    allowed: everyone,
    request: () => ({ url: '/hsds/service_at_locations' }),
  },
  'GET /hsds/service_at_locations/{id}': {
    allowed: everyone,
    request: async (town) => {
      // a service at organisation A's place: its id is derived from the service's (interop/hsds/ids.ts)
      const id = await serviceOfA(town);
      await town.t.db
        .updateTable('organisation_service')
        .set({ place: 'organisation' })
        .where('id', '=', id)
        .execute();
      await town.t.db
        .updateTable('organisation')
        .set({ address: 'Marktplatz 1, 12345 Ort' })
        .where('id', '=', town.orgA.id)
        .execute();
      return { url: `/hsds/service_at_locations/${serviceAtLocationId(id)}` };
    },
  },
  'GET /hsds/export': { allowed: everyone, request: () => ({ url: '/hsds/export' }) },

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
  ...timebankPermissions,
  ...sharingPermissions,
  ...participationPermissions,
  ...placesPermissions,
  ...knowledgePermissions,
  ...codesignPermissions,
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
    "Generated from `test/integration/access/permissions.ts` and the areas' sections it joins (`server/areas/<area>/permissions.ts`; the rule the access-control suite checks",
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
