import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { TestApp } from '../helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../helpers/factories.ts';

export type Caller = TestUser | null;

let clients = 0;
/** A client address of its own per request: these tests drive many people's requests, not one flooding client. */
export const someClient = () => {
  clients++;
  return `10.${(clients >> 16) & 255}.${(clients >> 8) & 255}.${clients & 255}`;
};

export function api(t: TestApp) {
  return async (
    user: Caller,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object,
  ) =>
    t.app.inject({
      method,
      url: `/api/v1/circles${url}`,
      headers: user?.headers ?? {},
      remoteAddress: someClient(),
      ...(payload !== undefined ? { payload } : {}),
    });
}

/** A multipart body as a browser sends it: text fields first, then the file. */
export function multipartBody(
  fields: Record<string, string>,
  file: { bytes: Buffer; filename: string; type: string } | null,
) {
  const boundary = `----kp${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  if (file)
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

export const consentByPerson = {
  givenBy: 'person',
  method: 'in_person',
  scope: ['care_calendar', 'network_map', 'updates', 'team'],
  legalBasis: '§ 27 SGB XII, Beratungsvertrag',
} as const;

/** Joins `user` to the circle through a link invitation created by `inviter`. */
export async function join(t: TestApp, inviter: TestUser, circleId: string, user: TestUser, role: string) {
  const call = api(t);
  const inv = await call(inviter, 'POST', `/${circleId}/invitations`, { role });
  assert.equal(inv.statusCode, 201, inv.body);
  const token = new URL(inv.json().url).hash.slice(1);
  const res = await call(user, 'POST', '/invitations/accept', { token });
  assert.equal(res.statusCode, 200, res.body);
}

export interface EveryRole {
  circleId: string;
  org: { id: string };
  owner: TestUser;
  proxy: TestUser;
  coordinator: TestUser;
  helper: TestUser;
  professional: TestUser;
  viewer: TestUser;
  orgMember: TestUser;
  instanceAdmin: TestUser;
}

/**
 * Herr K.'s circle, opened by Aylin (staff of a counselling service) on his behalf with his consent:
 * Herr K. owns it, his daughter is his named representative (an owner too), Aylin — who joined as the
 * professional who opened it — coordinates because Herr K. asked her to, and a helper, a professional of
 * another service and a viewer joined by link. Aylin's colleague and an instance admin are not in it.
 */
export async function circleWithEveryRole(t: TestApp): Promise<EveryRole> {
  const call = api(t);
  const org = await createOrganisation(t, { name: 'Beratungsstelle Mitte', sector: 'social_service' });
  const coordinator = await createUser(t, { displayName: 'Aylin', memberOf: [[org.id, 'staff']] });
  const orgMember = await createUser(t, { displayName: 'Kollegin', memberOf: [[org.id, 'admin']] });
  const owner = await createUser(t, { displayName: 'Herr K.' });
  const proxy = await createUser(t, { displayName: 'Tochter' });
  const helper = await createUser(t, { displayName: 'Nachbar' });
  const professional = await createUser(t, { displayName: 'Pflegedienst' });
  const viewer = await createUser(t, { displayName: 'Enkel' });
  const instanceAdmin = await createUser(t, { displayName: 'Admin', admin: true });
  const res = await call(coordinator, 'POST', '/', {
    onBehalf: {
      organisationId: org.id,
      person: { label: 'Herr K.', accountId: owner.id },
      proxyAccountId: proxy.id,
      consent: consentByPerson,
    },
  });
  assert.equal(res.statusCode, 201, res.body);
  const circleId = res.json().id as string;
  assert.equal(res.json().myRole, 'professional', 'whoever opens a circle for someone does not own it');
  const asked = await call(owner, 'PATCH', `/${circleId}/members/${coordinator.id}`, { role: 'coordinator' });
  assert.equal(asked.statusCode, 204, asked.body);
  await join(t, coordinator, circleId, helper, 'helper');
  await join(t, coordinator, circleId, professional, 'professional');
  await join(t, coordinator, circleId, viewer, 'viewer');
  return { circleId, org, owner, proxy, coordinator, helper, professional, viewer, orgMember, instanceAdmin };
}
