import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { makeProject } from '../../../../test/helpers/codesign.ts';
import { createOrganisation, createUser } from '../../../../test/helpers/factories.ts';
import { executeTx } from '../../../db/tx.ts';
import { demoProjects } from '../projects/demo.ts';
import { remindReviews } from './commands/remindReviews.ts';
import { seedConsensus } from './seed.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

test('the demo town: an open proposal with stances at the lunch table, a decided one whose review is due', async () => {
  const kirche = await createOrganisation(t, { name: 'St. Marien' });
  const caritas = await createOrganisation(t, { name: 'Caritas' });
  const personIds = new Map<string, string>();
  for (const k of [
    'christine',
    'helga',
    'bernd',
    'martin',
    'hannelore',
    'ingrid',
    'dieter',
    'hasan',
    'emine',
    'olga',
  ])
    personIds.set(k, (await createUser(t, { displayName: k })).id);
  const aylin = await createUser(t, { displayName: 'Aylin', memberOf: [[caritas.id, 'staff']] });
  personIds.set('aylin', aylin.id);
  await makeProject(t, { lead: kirche.id, title: demoProjects.lunchDecide.title, phases: ['decide'] });
  await makeProject(t, { lead: caritas.id, title: demoProjects.consultation.title, phases: ['review'] });
  const made = await executeTx(t.db, (tx) =>
    seedConsensus(tx, {
      networkId: t.networkId,
      orgIds: new Map(),
      personIds,
      districtIds: new Map(),
      centres: new Map(),
      memberships: new Map(),
      now: Date.now(),
    }),
  );
  const open = await t.db
    .selectFrom('codesign_stance')
    .select(['stance'])
    .where('proposal_id', '=', made.consensusOpenProposal as string)
    .execute();
  assert.equal(open.length, 6);
  assert.equal(open.filter((s) => s.stance === 'block').length, 1);
  const decided = await t.db
    .selectFrom('codesign_proposal')
    .selectAll()
    .where('id', '=', made.consensusDecidedProposal as string)
    .executeTakeFirstOrThrow();
  assert.equal(decided.outcome, 'decided');
  assert.ok(decided.review_on && decided.review_on <= new Date().toISOString().slice(0, 10));
  assert.ok(decided.closes_at < new Date());
  // the reminder goes out for it, to Caritas' staff among others
  assert.ok((await remindReviews(t.db, t.networkId)) >= 1);
  const note = await t.db
    .selectFrom('notification')
    .select('account_id')
    .where('kind', '=', 'consensus.review_due')
    .where('account_id', '=', aylin.id)
    .executeTakeFirst();
  assert.ok(note);
});

test('without the projects part’s demo projects the seed adds nothing and does not fail', async () => {
  const other = await createTestApp();
  try {
    const made = await executeTx(other.db, (tx) =>
      seedConsensus(tx, {
        networkId: other.networkId,
        orgIds: new Map(),
        personIds: new Map(),
        districtIds: new Map(),
        centres: new Map(),
        memberships: new Map(),
        now: Date.now(),
      }),
    );
    assert.deepEqual(made, {});
  } finally {
    await other.close();
  }
});
