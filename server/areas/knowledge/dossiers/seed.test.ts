import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { freshDatabase } from '../../../../test/helpers/app.ts';
import { ensureNetwork } from '../../../platform/network.ts';
import { seedDemoTown } from '../../../seed/demo.ts';
import { contributors } from './repositories/dossiers.ts';

describe('the demo town’s dossiers', () => {
  let d: Awaited<ReturnType<typeof freshDatabase>>;
  let networkId: string;
  before(async () => {
    d = await freshDatabase();
    networkId = (await ensureNetwork(d.db, { slug: 'lindenbrueck', name: 'Lindenbrück vernetzt' })).network
      .id;
    await seedDemoTown(d.db, networkId);
  });
  after(() => d.close());

  test('“Jugendraum für Weidenau” went to the town, was on the Jugendhilfeausschuss’s agenda and is answered', async () => {
    const youth = await d.db
      .selectFrom('dossier')
      .selectAll()
      .where('network_id', '=', networkId)
      .where('title', '=', 'Jugendraum für Weidenau')
      .executeTakeFirstOrThrow();
    assert.equal(youth.status, 'answered');
    assert.equal(youth.committee, 'Jugendhilfeausschuss');
    assert.match(youth.recipient_name ?? '', /Sozialplanung/);
    const steps = await d.db
      .selectFrom('dossier_step')
      .select('step')
      .where('dossier_id', '=', youth.id)
      .orderBy('created_at')
      .execute();
    assert.deepEqual(
      steps.map((s) => s.step),
      ['sent', 'received', 'on_agenda', 'answered'],
    );
    const people = await contributors(d.db, networkId, youth.id);
    assert.ok(people.length >= 5, `${people.length} people behind the evidence: enough to show the number`);
    const told = await d.db
      .selectFrom('notification')
      .select('account_id')
      .where('network_id', '=', networkId)
      .where('kind', '=', 'dossier.answered')
      .execute();
    for (const p of people)
      assert.ok(
        told.some((n) => n.account_id === p),
        'every contributor heard the answer',
      );
  });

  test('and a draft is waiting in the coordinator’s list', async () => {
    const drafts = await d.db
      .selectFrom('dossier')
      .select(['title'])
      .where('network_id', '=', networkId)
      .where('status', '=', 'draft')
      .execute();
    assert.equal(drafts.length, 1);
  });
});
