import type { Transaction } from 'kysely';
import type { DB, FollowTarget } from '../../../db/schema.ts';
import type { DemoSeedContext } from '../../../seed/context.ts';
import { follow } from './repositories/follows.ts';
import { saveDigestSetting } from './repositories/settings.ts';

/**
 * Its part of the demo town: a few people of Lindenbrück follow their districts and organisations'
 * news — and what the other parts of Wissen made before (a thread, a wiki page, a map report, where
 * there are any) — and two of them chose a digest: Thomas daily, Elif on Mondays. Everybody else has
 * none, as the digest is opt-in.
 */
export async function seedDigests(tx: Transaction<DB>, c: DemoSeedContext): Promise<Record<string, unknown>> {
  const id = (ids: ReadonlyMap<string, string>, key: string) => {
    const v = ids.get(key);
    if (!v) throw new Error(`demo seed: unknown ${key}`);
    return v;
  };
  const firstOf = async (table: 'discussion_thread' | 'wiki_page' | 'map_report', n: number) => {
    let q = tx.selectFrom(table).select('id').where('network_id', '=', c.networkId);
    if (table === 'discussion_thread') q = q.where('review_status', '=', 'visible');
    if (table === 'wiki_page') q = q.where('visibility', '=', 'public').where('archived_at', 'is', null);
    return (await q.orderBy('created_at').orderBy('id').limit(n).execute()).map((r) => r.id);
  };
  const threads = await firstOf('discussion_thread', 2);
  const pages = await firstOf('wiki_page', 1);
  const reports = await firstOf('map_report', 1);

  const plan: [string, [FollowTarget, string][]][] = [
    [
      'thomas',
      [
        ['district', id(c.districtIds, 'altstadt')],
        ['district', id(c.districtIds, 'weidenau')],
        ['organisation', id(c.orgIds, 'awo')],
        ...threads.map((t): [FollowTarget, string] => ['discussion_thread', t]),
        ...pages.map((p): [FollowTarget, string] => ['wiki_page', p]),
      ],
    ],
    [
      'elif',
      [
        ['district', id(c.districtIds, 'am-bahnhof')],
        ['district', id(c.districtIds, 'gartenstadt')],
        ['organisation', id(c.orgIds, 'nbz')],
        ...reports.map((r): [FollowTarget, string] => ['map_report', r]),
      ],
    ],
    [
      'hannelore',
      [
        ['district', id(c.districtIds, 'altstadt')],
        ['organisation', id(c.orgIds, 'kirche')],
      ],
    ],
  ];
  let follows = 0;
  for (const [person, targets] of plan)
    for (const [type, target] of targets) {
      await follow(tx, c.networkId, id(c.personIds, person), type, target);
      follows++;
    }
  await saveDigestSetting(tx, c.networkId, id(c.personIds, 'thomas'), { frequency: 'daily', weekday: null });
  await saveDigestSetting(tx, c.networkId, id(c.personIds, 'elif'), { frequency: 'weekly', weekday: 1 });
  return { follows, digestSubscribers: 2 };
}
