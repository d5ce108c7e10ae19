import { hashPassword } from '../../server/auth/passwords.ts';
import { createSession, sessionCookie } from '../../server/auth/sessions.ts';
import type { MembershipRole, OrganisationKind, Sector } from '../../server/db/schema.ts';
import { createAccount } from '../../server/repositories/accounts.ts';
import { insertOrganisation, setMembership } from '../../server/repositories/organisations.ts';
import type { TestApp } from './app.ts';

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export const testPassword = 'Korrekt-Pferd-Batterie-42';
let cachedHash: Promise<string> | undefined;

/** A signed-in person. `headers` carry the session cookie and CSRF token for app.inject(). */
export interface TestUser {
  id: string;
  email: string;
  displayName: string;
  headers: { cookie: string; 'x-csrf-token': string };
}

export async function createUser(
  t: TestApp,
  opts: {
    displayName?: string;
    email?: string;
    admin?: boolean;
    memberOf?: [string, MembershipRole][];
    signedIn?: boolean;
  } = {},
): Promise<TestUser> {
  cachedHash ??= hashPassword(testPassword);
  const email = opts.email ?? `person-${unique()}@example.org`;
  const account = await createAccount(t.db, {
    networkId: t.networkId,
    email,
    displayName: opts.displayName ?? `Person ${unique()}`,
    passwordHash: await cachedHash,
    isInstanceAdmin: opts.admin ?? false,
    emailVerified: true,
  });
  for (const [orgId, role] of opts.memberOf ?? [])
    await setMembership(t.db, t.networkId, orgId, account.id, role);
  const s = await createSession(t.db, t.networkId, account.id, 'test');
  return {
    id: account.id,
    email,
    displayName: account.display_name,
    headers: { cookie: `${sessionCookie}=${s.secret}`, 'x-csrf-token': s.csrfToken },
  };
}

export async function createOrganisation(
  t: TestApp,
  opts: { name?: string; kind?: OrganisationKind; sector?: Sector } = {},
): Promise<{ id: string; slug: string; name: string }> {
  const u = unique();
  const name = opts.name ?? `Verein ${u}`;
  const slug = `org-${u}`;
  const { id } = await insertOrganisation(t.db, t.networkId, {
    name,
    slug,
    kind: opts.kind ?? 'association',
    sector: opts.sector ?? 'civil_society',
  });
  return { id, slug, name };
}
