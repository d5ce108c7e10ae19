import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { type DemoSeedContext, demoCommandContext } from '../../../seed/context.ts';
import { acceptSuggestion } from './commands/decide.ts';
import { answerFollowUp, followUpIntroductions } from './commands/followUp.ts';
import { generateSuggestions } from './commands/generateSuggestions.ts';

const day = 86_400_000;

/**
 * Bridges in Lindenbrück, made by the same code as in use — nothing written by hand: the generation
 * runs over the town as the other areas built it, six weeks ago and again today. Lindenbrück is close
 * knit — almost every organisation reaches every other within two steps, through the AWO's co-design
 * and the volunteers' everyday contacts — except the two health organisations, whose ties run only
 * through support circles (which never count). The Pflegedienst Gartenstadt looks for a room for its
 * baking afternoon on the Tauschring (Teilen's demo), so the suggestions put it together with those
 * who have rooms: the Nachbarschaftszentrum's hall, the Diakonie's meeting room and the back room of
 * Bäckerei Yilmaz.
 *
 * The Pflegedienst and the Diakonie said yes five weeks ago and were introduced; the follow-up found
 * nothing in the record and asked, and Claudia answered "yes, we met" — a hit. The bakery's stays open
 * for Hasan (three steps apart even now: the Diakonie's ties stay among the care organisations, see
 * the analytics' demo network).
 */
export async function seedBridges(tx: Transaction<DB>, c: DemoSeedContext) {
  const network = await tx
    .selectFrom('network')
    .select('name')
    .where('id', '=', c.networkId)
    .executeTakeFirstOrThrow();
  const at = (daysAgo: number) => new Date(c.now - daysAgo * day);
  const env = (daysAgo: number) => ({
    publicUrl: 'http://localhost:3000',
    networkName: network.name,
    smtp: false,
    now: at(daysAgo),
  });
  await generateSuggestions(tx, c.networkId, at(45));

  const diakonie = c.orgIds.get('diakonie');
  const pflege = c.orgIds.get('pflege');
  const introduced = diakonie && pflege ? await pairOf(tx, c.networkId, diakonie, pflege) : undefined;
  if (introduced) {
    await acceptSuggestion(tx, demoCommandContext(c, 'birgit'), introduced, env(40));
    await acceptSuggestion(tx, demoCommandContext(c, 'claudia'), introduced, env(38));
    await followUpIntroductions(tx, c.networkId, at(8));
    await answerFollowUp(tx, demoCommandContext(c, 'claudia'), introduced, true, { now: at(5) });
    // what came of it five weeks ago was read long since
    await tx
      .updateTable('notification')
      .set({ read_at: at(5) })
      .where('network_id', '=', c.networkId)
      .where('kind', 'like', 'bridge.%')
      .where('read_at', 'is', null)
      .execute();
  }
  const today = await generateSuggestions(tx, c.networkId, new Date(c.now));
  const rows = await tx
    .selectFrom('bridge_suggestion')
    .select(['status'])
    .where('network_id', '=', c.networkId)
    .execute();
  return {
    bridgeSuggestions: rows.length,
    bridgesIntroduced: rows.filter((r) => r.status === 'introduced').length,
    bridgesRemovedToday: today.removed,
  };
}

async function pairOf(tx: Transaction<DB>, networkId: string, x: string, y: string) {
  const [a, b] = x < y ? [x, y] : [y, x];
  const row = await tx
    .selectFrom('bridge_suggestion')
    .select('id')
    .where('network_id', '=', networkId)
    .where('organisation_id', '=', a)
    .where('other_organisation_id', '=', b)
    .executeTakeFirst();
  return row?.id;
}
