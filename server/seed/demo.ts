import type { Kysely } from 'kysely';
import { hashPassword } from '../auth/passwords.ts';
import type { DB } from '../db/schema.ts';
import { createAccount } from '../repositories/accounts.ts';
import { insertOrganisation, setMembership } from '../repositories/organisations.ts';

/** Shown on the console at start; every demo account shares it. Never used outside the demo town. */
export const demoPassword = 'Lindenbrueck-Demo-2026';

export const demoLogins = [
  { email: 'admin@lindenbrueck.example', role: 'instance admin (town hall network coordinator)' },
  { email: 'petra@nachbarschaftszentrum.example', role: 'organisation admin, Nachbarschaftszentrum' },
  { email: 'jonas@example.org', role: 'volunteer, student' },
];

/** The fictional town of Lindenbrück. Runs once, on the first start with an empty database. */
export async function seedDemoTown(db: Kysely<DB>, networkId: string) {
  const hash = await hashPassword(demoPassword);
  await db.transaction().execute(async (tx) => {
    const admin = await createAccount(tx, {
      networkId,
      email: demoLogins[0]!.email,
      displayName: 'Miriam Koch',
      passwordHash: hash,
      isInstanceAdmin: true,
      emailVerified: true,
    });
    const petra = await createAccount(tx, {
      networkId,
      email: demoLogins[1]!.email,
      displayName: 'Petra Lange',
      passwordHash: hash,
      emailVerified: true,
    });
    await createAccount(tx, {
      networkId,
      email: demoLogins[2]!.email,
      displayName: 'Jonas Berger',
      passwordHash: hash,
      emailVerified: true,
    });
    const nbz = await insertOrganisation(tx, networkId, {
      name: 'Nachbarschaftszentrum Lindenhof',
      slug: 'nachbarschaftszentrum-lindenhof',
      kind: 'association',
      sector: 'civil_society',
    });
    const rathaus = await insertOrganisation(tx, networkId, {
      name: 'Stadtverwaltung Lindenbrück – Sozialplanung',
      slug: 'stadt-sozialplanung',
      kind: 'public_body',
      sector: 'public',
    });
    await setMembership(tx, networkId, nbz.id, petra.id, 'admin');
    await setMembership(tx, networkId, rathaus.id, admin.id, 'admin');
  });
  return { logins: demoLogins };
}
