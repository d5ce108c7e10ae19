import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUser, type TestUser } from '../helpers/factories.ts';
import {
  api,
  circleWithEveryRole,
  type EveryRole,
  join,
  multipartBody,
  someClient,
} from './circles-fixture.ts';

/**
 * The authorisation matrix: every circle route (taken from the OpenAPI document, tag 'circles') ×
 * every role. A route missing here fails the test; so does any allow the matrix does not expect.
 * Denied members get 403/404/409; everyone outside the circle gets exactly 404 on routes that name one.
 */

const roles = [
  'owner',
  'proxy',
  'coordinator',
  'helper',
  'relative',
  'professional',
  'viewer',
  'orgMember',
  'instanceAdmin',
  'anonymous',
] as const;
type Role = (typeof roles)[number];
const outsiders: Role[] = ['orgMember', 'instanceAdmin', 'anonymous'];
const members: Role[] = ['owner', 'proxy', 'coordinator', 'helper', 'relative', 'professional', 'viewer'];
const signedIn: Role[] = roles.filter((r) => r !== 'anonymous');
const owners: Role[] = ['owner', 'proxy'];
const organisers: Role[] = ['owner', 'proxy', 'coordinator'];
const professionals: Role[] = ['owner', 'proxy', 'coordinator', 'professional'];
const claimers: Role[] = ['owner', 'proxy', 'coordinator', 'helper', 'relative', 'professional'];

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
interface Request {
  url: string;
  /** JSON, or a raw body sent with `contentType` (a multipart upload) */
  payload?: object | Buffer;
  contentType?: string;
}
interface Spec {
  allowed: Role[];
  /** a circle of its own for every role: the request changes the circle for everyone after it */
  fresh?: boolean;
  /** does not name a circle (outsiders are not expected to get 404) */
  unscoped?: boolean;
  request: (fx: Fixture) => Promise<Request>;
}

interface Fixture extends EveryRole {
  /** a relative (Angehörige/r), joined by the coordinator's link: a helper's rights under another name */
  relative: TestUser;
  call: ReturnType<typeof api>;
  t: TestApp;
}

const hour = 3600_000;
const soon = (h: number) => new Date(Date.now() + h * hour).toISOString();
let counter = 0;

async function newNeed(fx: Fixture, claimedByHelper = false) {
  const res = await fx.call(fx.coordinator, 'POST', `/${fx.circleId}/needs`, {
    kind: 'visit',
    title: `Besuch ${counter++}`,
    start: soon(30),
    end: soon(31),
  });
  const id = res.json().items[0].id as string;
  if (claimedByHelper) await fx.call(fx.helper, 'POST', `/${fx.circleId}/needs/${id}/claim`);
  return id;
}
async function newEntry(fx: Fixture) {
  const res = await fx.call(fx.coordinator, 'POST', `/${fx.circleId}/map/entries`, {
    sector: 'family',
    ring: 2,
    label: `Verwandte ${counter++}`,
  });
  return res.json().id as string;
}
async function snapshot(fx: Fixture) {
  return (await fx.call(fx.coordinator, 'POST', `/${fx.circleId}/map/snapshots`, {})).json().id as string;
}
async function newUpdate(fx: Fixture) {
  const res = await fx.call(fx.coordinator, 'POST', `/${fx.circleId}/updates`, {
    body: `Neuigkeit ${counter++}`,
    visibility: 'all_members',
  });
  return res.json().id as string;
}
const pdf = () => ({
  bytes: Buffer.from('%PDF-1.4\n%%EOF\n'),
  filename: 'brief.pdf',
  type: 'application/pdf',
});
function pdfUpload(url: string): Request {
  const body = multipartBody({}, pdf());
  return { url, payload: body.payload, contentType: body.contentType };
}
/** An update of the coordinator's with a PDF attached; its path under the circle. */
async function newAttachment(fx: Fixture) {
  const update = `/${fx.circleId}/updates/${await newUpdate(fx)}`;
  const r = pdfUpload(`${update}/attachments`);
  const res = await fx.t.app.inject({
    method: 'POST',
    url: `/api/v1/circles${r.url}`,
    headers: { ...fx.coordinator.headers, 'content-type': r.contentType! },
    remoteAddress: someClient(),
    payload: r.payload,
  });
  assert.equal(res.statusCode, 201, res.body);
  return `${update}/attachments/${res.json().id}`;
}
async function newTeamMember(fx: Fixture) {
  return (
    await fx.call(fx.coordinator, 'POST', `/${fx.circleId}/team`, { name: `Fachkraft ${counter++}` })
  ).json().id as string;
}
async function newMember(fx: Fixture, role: string) {
  const u = await createUser(fx.t);
  await join(fx.t, fx.coordinator, fx.circleId, u, role);
  return u.id;
}
async function linkToken(fx: Fixture) {
  const res = await fx.call(fx.coordinator, 'POST', `/${fx.circleId}/invitations`, { role: 'helper' });
  return new URL(res.json().url).hash.slice(1);
}

const matrix: Record<string, Spec> = {
  'POST /': { allowed: signedIn, unscoped: true, request: async () => ({ url: '/', payload: {} }) },
  'GET /': { allowed: signedIn, unscoped: true, request: async () => ({ url: '/' }) },
  'GET /:id': { allowed: members, request: async (fx) => ({ url: `/${fx.circleId}` }) },
  'PATCH /:id': {
    allowed: organisers,
    request: async (fx) => ({ url: `/${fx.circleId}`, payload: { alertHours: 12 } }),
  },
  'GET /:id/consents': {
    allowed: professionals,
    request: async (fx) => ({ url: `/${fx.circleId}/consents` }),
  },
  'POST /:id/consents': {
    allowed: professionals,
    request: async (fx) => ({
      url: `/${fx.circleId}/consents`,
      payload: {
        kind: 'granted',
        givenBy: 'person',
        method: 'in_person',
        scope: ['care_calendar', 'network_map', 'updates', 'team'],
      },
    }),
  },
  'GET /:id/members': { allowed: members, request: async (fx) => ({ url: `/${fx.circleId}/members` }) },
  'PATCH /:id/members/:accountId': {
    allowed: owners,
    request: async (fx) => ({
      url: `/${fx.circleId}/members/${await newMember(fx, 'viewer')}`,
      payload: { role: 'helper' },
    }),
  },
  'DELETE /:id/members/:accountId': {
    allowed: organisers,
    request: async (fx) => ({ url: `/${fx.circleId}/members/${await newMember(fx, 'viewer')}` }),
  },
  'PUT /:id/settings': {
    allowed: members,
    request: async (fx) => ({ url: `/${fx.circleId}/settings`, payload: { notifyEmail: true } }),
  },
  'GET /:id/invitations': {
    allowed: organisers,
    request: async (fx) => ({ url: `/${fx.circleId}/invitations` }),
  },
  'POST /:id/invitations': {
    allowed: organisers,
    request: async (fx) => ({ url: `/${fx.circleId}/invitations`, payload: { role: 'helper' } }),
  },
  'DELETE /:id/invitations/:invitationId': {
    allowed: organisers,
    request: async (fx) => {
      const res = await fx.call(fx.coordinator, 'POST', `/${fx.circleId}/invitations`, { role: 'viewer' });
      return { url: `/${fx.circleId}/invitations/${res.json().id}` };
    },
  },
  // whoever holds a link may use it: that is what an invitation link is
  'POST /invitations/lookup': {
    allowed: [...roles],
    unscoped: true,
    request: async (fx) => ({ url: '/invitations/lookup', payload: { token: await linkToken(fx) } }),
  },
  'POST /invitations/accept': {
    allowed: [...roles],
    unscoped: true,
    fresh: true,
    request: async (fx) => ({
      url: '/invitations/accept',
      payload: { token: await linkToken(fx), email: `neu-${counter++}@example.org`, displayName: 'Neu' },
    }),
  },
  'GET /:id/needs': { allowed: members, request: async (fx) => ({ url: `/${fx.circleId}/needs` }) },
  'POST /:id/needs': {
    allowed: professionals,
    request: async (fx) => ({
      url: `/${fx.circleId}/needs`,
      payload: { kind: 'meal', title: 'Essen', start: soon(50), end: soon(51) },
    }),
  },
  'PATCH /:id/needs/:needId': {
    allowed: professionals,
    request: async (fx) => ({
      url: `/${fx.circleId}/needs/${await newNeed(fx)}`,
      payload: { place: 'Zuhause' },
    }),
  },
  'DELETE /:id/needs/:needId': {
    allowed: professionals,
    request: async (fx) => ({ url: `/${fx.circleId}/needs/${await newNeed(fx)}` }),
  },
  'POST /:id/needs/:needId/claim': {
    allowed: claimers,
    request: async (fx) => ({ url: `/${fx.circleId}/needs/${await newNeed(fx)}/claim` }),
  },
  'POST /:id/needs/:needId/unclaim': {
    allowed: [...organisers, 'helper'],
    request: async (fx) => ({ url: `/${fx.circleId}/needs/${await newNeed(fx, true)}/unclaim` }),
  },
  'POST /:id/needs/:needId/done': {
    allowed: [...organisers, 'helper'],
    request: async (fx) => ({ url: `/${fx.circleId}/needs/${await newNeed(fx, true)}/done`, payload: {} }),
  },
  'GET /:id/load': { allowed: professionals, request: async (fx) => ({ url: `/${fx.circleId}/load` }) },
  'POST /:id/feed': { allowed: members, request: async (fx) => ({ url: `/${fx.circleId}/feed` }) },
  'DELETE /:id/feed': { allowed: members, request: async (fx) => ({ url: `/${fx.circleId}/feed` }) },
  // a secret URL works for whoever holds it, without sign-in (calendar apps cannot sign in)
  'GET /feeds/:file': {
    allowed: [...roles],
    unscoped: true,
    request: async (fx) => {
      const res = await fx.call(fx.helper, 'POST', `/${fx.circleId}/feed`);
      return { url: new URL(res.json().url).pathname.replace('/api/v1/circles', '') };
    },
  },
  'GET /:id/map': { allowed: professionals, request: async (fx) => ({ url: `/${fx.circleId}/map` }) },
  'POST /:id/map/entries': {
    allowed: professionals,
    request: async (fx) => ({
      url: `/${fx.circleId}/map/entries`,
      payload: { sector: 'professional', ring: 3, label: 'Hausarzt' },
    }),
  },
  'PATCH /:id/map/entries/:entryId': {
    allowed: professionals,
    request: async (fx) => ({
      url: `/${fx.circleId}/map/entries/${await newEntry(fx)}`,
      payload: { ring: 1 },
    }),
  },
  'DELETE /:id/map/entries/:entryId': {
    allowed: professionals,
    request: async (fx) => ({ url: `/${fx.circleId}/map/entries/${await newEntry(fx)}` }),
  },
  'POST /:id/map/ties': {
    allowed: professionals,
    request: async (fx) => ({
      url: `/${fx.circleId}/map/ties`,
      payload: { a: await newEntry(fx), b: await newEntry(fx) },
    }),
  },
  'PATCH /:id/map/ties/:tieId': {
    allowed: professionals,
    request: async (fx) => {
      const tie = await fx.call(fx.coordinator, 'POST', `/${fx.circleId}/map/ties`, {
        a: await newEntry(fx),
        b: await newEntry(fx),
      });
      return { url: `/${fx.circleId}/map/ties/${tie.json().id}`, payload: { quality: 'conflict' } };
    },
  },
  'DELETE /:id/map/ties/:tieId': {
    allowed: professionals,
    request: async (fx) => {
      const tie = await fx.call(fx.coordinator, 'POST', `/${fx.circleId}/map/ties`, {
        a: await newEntry(fx),
        b: await newEntry(fx),
      });
      return { url: `/${fx.circleId}/map/ties/${tie.json().id}` };
    },
  },
  'GET /:id/map/snapshots': {
    allowed: professionals,
    request: async (fx) => ({ url: `/${fx.circleId}/map/snapshots` }),
  },
  'POST /:id/map/snapshots': {
    allowed: professionals,
    request: async (fx) => ({ url: `/${fx.circleId}/map/snapshots`, payload: {} }),
  },
  'GET /:id/map/snapshots/:snapshotId': {
    allowed: professionals,
    request: async (fx) => ({ url: `/${fx.circleId}/map/snapshots/${await snapshot(fx)}` }),
  },
  'GET /:id/map/compare': {
    allowed: professionals,
    request: async (fx) => ({ url: `/${fx.circleId}/map/compare?from=${await snapshot(fx)}` }),
  },
  'GET /:id/updates': { allowed: members, request: async (fx) => ({ url: `/${fx.circleId}/updates` }) },
  'POST /:id/updates': {
    allowed: claimers,
    request: async (fx) => ({
      url: `/${fx.circleId}/updates`,
      payload: { body: 'Hallo', visibility: 'all_members' },
    }),
  },
  'DELETE /:id/updates/:updateId': {
    allowed: organisers,
    request: async (fx) => ({ url: `/${fx.circleId}/updates/${await newUpdate(fx)}` }),
  },
  'POST /:id/updates/:updateId/comments': {
    allowed: claimers,
    request: async (fx) => ({
      url: `/${fx.circleId}/updates/${await newUpdate(fx)}/comments`,
      payload: { body: 'Gut' },
    }),
  },
  'DELETE /:id/updates/:updateId/comments/:commentId': {
    allowed: [...owners, 'helper'],
    request: async (fx) => {
      const u = await newUpdate(fx);
      const c = await fx.call(fx.helper, 'POST', `/${fx.circleId}/updates/${u}/comments`, {
        body: 'Von mir',
      });
      return { url: `/${fx.circleId}/updates/${u}/comments/${c.json().id}` };
    },
  },
  // only the author of an update attaches files to it (here: the coordinator's update)
  'POST /:id/updates/:updateId/attachments': {
    allowed: ['coordinator'],
    request: async (fx) => pdfUpload(`/${fx.circleId}/updates/${await newUpdate(fx)}/attachments`),
  },
  'GET /:id/updates/:updateId/attachments/:attachmentId': {
    allowed: members,
    request: async (fx) => ({ url: await newAttachment(fx) }),
  },
  'DELETE /:id/updates/:updateId/attachments/:attachmentId': {
    allowed: [...owners, 'coordinator'],
    request: async (fx) => ({ url: await newAttachment(fx) }),
  },
  'GET /:id/team': { allowed: professionals, request: async (fx) => ({ url: `/${fx.circleId}/team` }) },
  'POST /:id/team': {
    allowed: professionals,
    request: async (fx) => ({ url: `/${fx.circleId}/team`, payload: { name: 'Frau Dr. Lang' } }),
  },
  'PATCH /:id/team/:teamMemberId': {
    allowed: professionals,
    request: async (fx) => ({
      url: `/${fx.circleId}/team/${await newTeamMember(fx)}`,
      payload: { contact: 'Tel.' },
    }),
  },
  'DELETE /:id/team/:teamMemberId': {
    allowed: professionals,
    request: async (fx) => ({ url: `/${fx.circleId}/team/${await newTeamMember(fx)}` }),
  },
  'GET /:id/access-log': { allowed: owners, request: async (fx) => ({ url: `/${fx.circleId}/access-log` }) },
  'GET /:id/export': { allowed: owners, request: async (fx) => ({ url: `/${fx.circleId}/export` }) },
  'POST /:id/deletion': {
    allowed: owners,
    fresh: true,
    request: async (fx) => ({ url: `/${fx.circleId}/deletion` }),
  },
  'DELETE /:id/deletion': {
    allowed: owners,
    fresh: true,
    request: async (fx) => {
      await fx.call(fx.owner, 'POST', `/${fx.circleId}/deletion`);
      return { url: `/${fx.circleId}/deletion` };
    },
  },
};

describe('support circles: authorisation matrix (every route × every role)', () => {
  let t: TestApp;
  let shared: Fixture;
  let routes: string[];

  const fixture = async (): Promise<Fixture> => {
    const fx = await circleWithEveryRole(t);
    const relative = await createUser(t, { displayName: 'Schwester' });
    await join(t, fx.coordinator, fx.circleId, relative, 'relative');
    return { ...fx, relative, call: api(t), t };
  };
  const userOf = (fx: Fixture, role: Role): TestUser | null => (role === 'anonymous' ? null : fx[role]);

  before(async () => {
    t = await createTestApp();
    shared = await fixture();
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { tags?: string[] }>>;
    };
    routes = [];
    for (const [path, methods] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(methods))
        if (op.tags?.includes('circles')) {
          const rel = path.replace(/^\/api\/v1\/circles/, '').replace(/\{(\w+)\}/g, ':$1') || '/';
          routes.push(`${method.toUpperCase()} ${rel}`);
        }
  });
  after(() => t.close());

  test('every circle route is in the matrix, and the matrix names no route that does not exist', () => {
    assert.ok(routes.length >= 40, String(routes.length));
    assert.deepEqual(
      routes.filter((r) => !(r in matrix)),
      [],
    );
    assert.deepEqual(
      Object.keys(matrix).filter((r) => !routes.includes(r)),
      [],
    );
  });

  test('each role is allowed exactly what the matrix says', async () => {
    const unexpected: string[] = [];
    for (const [route, spec] of Object.entries(matrix)) {
      const method = route.split(' ')[0] as Method;
      for (const role of roles) {
        const fx = spec.fresh ? await fixture() : shared;
        const r = await spec.request(fx);
        const user = userOf(fx, role);
        const res = await t.app.inject({
          method,
          url: `/api/v1/circles${r.url}`,
          headers: { ...(user?.headers ?? {}), ...(r.contentType ? { 'content-type': r.contentType } : {}) },
          remoteAddress: someClient(),
          ...(r.payload ? { payload: r.payload } : {}),
        });
        const ok = res.statusCode >= 200 && res.statusCode < 300;
        const expected = spec.allowed.includes(role);
        if (ok !== expected)
          unexpected.push(`${route} as ${role}: ${res.statusCode} ${res.body.slice(0, 120)}`);
        if (!ok && !expected) {
          if (!spec.unscoped && outsiders.includes(role) && res.statusCode !== 404)
            unexpected.push(`${route} as ${role}: ${res.statusCode}, outsiders must get 404`);
          if (![401, 403, 404, 409].includes(res.statusCode))
            unexpected.push(`${route} as ${role}: ${res.statusCode} is not a refusal`);
        }
      }
    }
    assert.deepEqual(unexpected, []);
  });
});
