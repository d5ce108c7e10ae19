import type { AreaManifest } from '../manifest.ts';

/**
 * The support circles' one figure for the front page: how many there are. Nothing of any circle —
 * only the count, and each circle stands for the one person at its centre, so a count of fewer than
 * five circles is not shown at all (platform/smallCells.ts).
 */
export const supportActivity: NonNullable<AreaManifest['activity']> = async (db, networkId) => {
  const r = await db
    .selectFrom('circle')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('network_id', '=', networkId)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return [{ key: 'circles', value: Number(r.n), people: Number(r.n) }];
};
