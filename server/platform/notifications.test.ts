import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { freshDatabase } from '../../test/helpers/app.ts';
import type { Database } from '../db/connect.ts';
import { insertTogether } from '../db/tx.ts';
import { ensureNetwork } from './network.ts';
import { type NewNotification, notificationInsert } from './notifications.ts';

describe('notificationInsert', () => {
  let d: Database;
  let networkId: string;
  let accountId: string;
  before(async () => {
    d = await freshDatabase();
    networkId = (await ensureNetwork(d.db, { slug: 'notes', name: 'Notes' })).network.id;
    accountId = (
      await d.db
        .insertInto('account')
        .values({ network_id: networkId, email: 'viele@example.org', display_name: 'Viele' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  });
  after(() => d.close());

  const many = (n: number, title: string): NewNotification[] =>
    Array.from({ length: n }, (_, i) => ({
      networkId,
      accountId,
      kind: 'freshness.review_due',
      params: { title: `${title} ${i}`, dueAt: new Date(Date.UTC(2026, 11, 1)).toISOString() },
      link: `/wissen/aktuell/wiki_page/${i}` as never,
    }));

  const written = async (title: string) =>
    d.db
      .selectFrom('notification')
      .select(['kind', 'params', 'link'])
      .where('network_id', '=', networkId)
      .where(({ ref }) => ref('params', '->>').key('title'), 'like', `${title} %`)
      .execute();

  // 14 000 rows of five columns are 70 000 parameters: over PostgreSQL's 65 535 as a VALUES list
  test('more rows than one statement may bind parameters for: all written, each as given', async () => {
    await notificationInsert(d.db, many(14_000, 'Seite'))!.execute();
    const rows = await written('Seite');
    assert.equal(rows.length, 14_000);
    const last = rows.find((r) => r.params.title === 'Seite 13999');
    assert.deepEqual(last, {
      kind: 'freshness.review_due',
      params: { title: 'Seite 13999', dueAt: '2026-12-01T00:00:00.000Z' },
      link: '/wissen/aktuell/wiki_page/13999',
    });
  });

  test('as many together with other inserts in one statement', async () => {
    await insertTogether(d.db, [notificationInsert(d.db, many(14_000, 'Bericht')), null]);
    assert.equal((await written('Bericht')).length, 14_000);
  });

  test('a few go in as a VALUES list, which a guarded insert needs', () => {
    const node = notificationInsert(d.db, many(3, 'Wenige'))!.toOperationNode();
    assert.equal(node.values?.kind, 'ValuesNode');
  });
});
