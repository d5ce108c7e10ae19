import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../policies/actor.ts';
import type { DemoSeedContext } from '../../../seed/context.ts';
import { remindDue } from './commands/remindDue.ts';
import { reportOutdated } from './commands/reportOutdated.ts';
import { markReviewed } from './repositories/freshness.ts';

const day = 86_400_000;

/** Readers' notes on the "Wegweiser Pflege" page: what changed since Aylin's team last checked it. */
const wegweiserNotes: [person: string, note: string][] = [
  [
    'renate',
    'Die Pflegeberatung der Caritas hat neue Sprechzeiten: seit Oktober dienstags und donnerstags 9–12 Uhr, nicht mehr montags.',
  ],
  [
    'hannelore',
    'Die Telefonnummer vom Pflegestützpunkt am Markt stimmt nicht mehr — dort meldet sich jetzt die Stadtbibliothek.',
  ],
];

/**
 * Freshness in the demo town, built on what the wiki and the map made before it (the parts run in
 * order; either may be missing, and then this adds nothing there): two readers tell Aylin's team
 * that the "Wegweiser Pflege" page is out of date; the two oldest open map entries were last checked
 * longer ago than their interval; and the sweep asks their owners "Noch aktuell?" — so the
 * coordinator's list, the owners' home and their notifications show it.
 */
export async function seedFreshness(tx: Transaction<DB>, c: DemoSeedContext) {
  const actor = (key: string): Actor => ({
    accountId: c.personIds.get(key)!,
    isInstanceAdmin: false,
    blocked: false,
    roles: new Map((c.memberships.get(key) ?? []).map(([o, role]) => [c.orgIds.get(o)!, role])),
  });
  const ctx = (key: string) => ({
    networkId: c.networkId,
    actor: actor(key),
    actorId: c.personIds.get(key)!,
    ip: '127.0.0.1',
    locale: 'de' as const,
  });

  let outdatedNotes = 0;
  const wegweiser = await tx
    .selectFrom('wiki_page')
    .select('id')
    .where('network_id', '=', c.networkId)
    .where('title', 'ilike', 'Wegweiser Pflege%')
    .where('archived_at', 'is', null)
    .where('visibility', '<>', 'members')
    .orderBy('created_at')
    .executeTakeFirst();
  if (wegweiser) {
    const aylin = c.personIds.get('aylin');
    if (aylin)
      await tx
        .updateTable('wiki_page')
        .set({ owner_id: aylin })
        .where('network_id', '=', c.networkId)
        .where('id', '=', wegweiser.id)
        .where('owner_id', 'is', null)
        .execute();
    for (const [person, note] of wegweiserNotes) {
      if (!c.personIds.has(person)) continue;
      await reportOutdated(tx, ctx(person), 'wiki_page', wegweiser.id, note);
      outdatedNotes++;
    }
  }

  // the map's two oldest open entries were last checked before their interval ran out — not Frau
  // M.'s: the demo shows her a home with nothing waiting, and what to start with
  const frauM = c.personIds.get('margarete') ?? null;
  const old = await tx
    .selectFrom('map_report')
    .select(['id', 'review_interval_days'])
    .where('network_id', '=', c.networkId)
    .where('status', 'not in', ['done', 'rejected'])
    .$if(frauM !== null, (q) =>
      q.where((eb) => eb.or([eb('owner_id', 'is', null), eb('owner_id', '!=', frauM!)])),
    )
    .orderBy('created_at')
    .orderBy('id')
    .limit(2)
    .execute();
  for (const [i, r] of old.entries())
    await markReviewed(
      tx,
      c.networkId,
      'map_report',
      r.id,
      new Date(c.now - (r.review_interval_days + 12 + i * 20) * day),
    );

  const reminders = await remindDue(tx, c.networkId, new Date(c.now));
  return { freshnessOutdatedNotes: outdatedNotes, freshnessReminders: reminders };
}
