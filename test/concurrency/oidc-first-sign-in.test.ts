import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { accountForIdentity, type OidcIdentity } from '../../server/auth/oidc/accountForIdentity.ts';
import type { TestApp } from '../helpers/app.ts';
import { createUser } from '../helpers/factories.ts';
import { createPostgresTestApp } from './postgres.ts';

/**
 * A person's first sign-in at the OpenID provider, sent twice at the same moment (two tabs, a double
 * click): both find neither link nor account. One account and one link come of it, and both sign-ins
 * end in it — the second is not refused with a "duplicate" for what the first just made.
 */
describe('OpenID Connect: two first sign-ins of one identity at once (PostgreSQL)', () => {
  let t: TestApp;
  before(async () => {
    t = await createPostgresTestApp();
  });
  after(() => t.close());

  const identity = (n: number, email: string): OidcIdentity => ({
    issuer: 'https://id.example.org',
    subject: `subject-${n}`,
    email,
    emailVerified: true,
    name: `Person ${n}`,
  });
  const ctx = () => ({ networkId: t.networkId, locale: 'de' as const, ip: null });

  test('a new person: one account, one link, both sign-ins in it', async () => {
    for (let n = 0; n < 10; n++) {
      const who = identity(n, `neu${n}@example.org`);
      const both = await Promise.all([
        accountForIdentity(t.db, who, ctx()),
        accountForIdentity(t.db, who, ctx()),
      ]);
      assert.equal(both[0].accountId, both[1].accountId, `round ${n}`);
      const accounts = await t.db
        .selectFrom('account')
        .select('id')
        .where('email', '=', who.email!)
        .execute();
      assert.equal(accounts.length, 1);
      const links = await t.db
        .selectFrom('account_oidc_link')
        .select('account_id')
        .where('subject', '=', who.subject)
        .execute();
      assert.deepEqual(
        links.map((l) => l.account_id),
        [both[0].accountId],
      );
    }
  });

  test('an account with the address: linked once, both sign-ins in it', async () => {
    for (let n = 10; n < 20; n++) {
      const person = await createUser(t, { email: `da${n}@example.org` });
      const who = identity(n, `da${n}@example.org`);
      const both = await Promise.all([
        accountForIdentity(t.db, who, ctx()),
        accountForIdentity(t.db, who, ctx()),
      ]);
      assert.deepEqual(
        both.map((b) => b.accountId),
        [person.id, person.id],
      );
      const links = await t.db
        .selectFrom('account_oidc_link')
        .select('account_id')
        .where('subject', '=', who.subject)
        .execute();
      assert.equal(links.length, 1);
    }
  });
});
