import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { makeAssistedParticipant, makeProject } from '../../../../test/helpers/codesign.ts';
import { seedDemoTown } from '../../../seed/demo.ts';
import { districts, organisations, people } from '../../../seed/lindenbrueck.ts';
import { demoProjects } from '../projects/demo.ts';
import { answersOf, questionsOf } from './repositories/surveys.ts';
import { surveyResults } from './results.ts';
import { seedSurveys } from './seed.ts';

/**
 * The demo town's surveys, on the projects the projects part's seed makes (set up here the way it
 * does: the Nordfeld families' survey running, the consultation hours' one closed, Frau M. entered
 * with her consent): results show, some groups stay hidden, the anonymous one keeps no identifier.
 */
let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

test('the demo surveys have answers, small groups hidden, the anonymous one without identifiers', async () => {
  await seedDemoTown(t.db, t.networkId);
  const id = async (table: 'organisation' | 'account' | 'district', column: string, value: string) =>
    (
      await t.db
        .selectFrom(table)
        .select('id')
        .where('network_id', '=', t.networkId)
        .where(column as never, '=', value as never)
        .executeTakeFirstOrThrow()
    ).id as string;
  const orgIds = new Map<string, string>();
  for (const o of organisations) orgIds.set(o.key, await id('organisation', 'slug', o.slug));
  const personIds = new Map<string, string>();
  for (const p of people) personIds.set(p.key, await id('account', 'email', p.email));
  const districtIds = new Map<string, string>();
  for (const d of districts) districtIds.set(d.slug, await id('district', 'slug', d.slug));

  const families = await makeProject(t, {
    lead: orgIds.get('stadt') ?? '',
    title: demoProjects.familiesNeeds.title,
    tools: [{ kind: 'survey' }],
  });
  const consultation = await makeProject(t, {
    lead: orgIds.get('caritas') ?? '',
    title: demoProjects.consultation.title,
    tools: [
      {
        kind: 'survey',
        opensAt: new Date(Date.now() - 30 * 86_400_000),
        closesAt: new Date(Date.now() - 86_400_000),
      },
    ],
  });
  await makeAssistedParticipant(t, consultation.id, { recordedBy: personIds.get('aylin') ?? '' });

  const made = await t.db.transaction().execute((tx) =>
    seedSurveys(tx, {
      networkId: t.networkId,
      orgIds,
      personIds,
      districtIds,
      centres: new Map(),
      memberships: new Map(),
      now: Date.now(),
    }),
  );
  assert.equal(made.codesignSurveyResponses, String(14 + 10));

  // the families' survey is named: its results break down by group, Nordfeld shown, the rest hidden
  const fq = await questionsOf(t.db, t.networkId, families.tools.survey);
  const fr = surveyResults(fq, await answersOf(t.db, t.networkId, families.tools.survey, true), true);
  const district = fr[0]?.breakdown?.find((b) => b.dimension === 'district');
  assert.equal(district?.groups.find((g) => g.label === 'Nordfeld')?.people, 11);
  assert.ok(
    district?.groups.some((g) => g.suppressed),
    'a small group is hidden',
  );
  assert.equal(fr[3]?.texts?.length, 6);

  // the consultation survey is anonymous, closed again, with Frau M.'s paper answer counted
  const tool = await t.db
    .selectFrom('codesign_tool')
    .select(['closes_at', 'config'])
    .where('id', '=', consultation.tools.survey)
    .executeTakeFirstOrThrow();
  assert.ok(tool.closes_at && tool.closes_at < new Date(), 'closed as before');
  const responses = await t.db
    .selectFrom('codesign_survey_response')
    .select('contribution_id')
    .where('tool_id', '=', consultation.tools.survey)
    .execute();
  assert.equal(responses.length, 10);
  assert.ok(responses.every((r) => r.contribution_id === null));
  const paper = await t.db
    .selectFrom('codesign_contribution')
    .select('channel')
    .where('tool_id', '=', consultation.tools.survey)
    .where('channel', '=', 'paper')
    .execute();
  assert.equal(paper.length, 1);
  const cq = await questionsOf(t.db, t.networkId, consultation.tools.survey);
  const cr = surveyResults(cq, await answersOf(t.db, t.networkId, consultation.tools.survey, false), false);
  assert.equal(cr[0]?.answered, 10);
  assert.ok(cr.every((q) => q.breakdown === null));
  assert.equal(cr[4]?.texts?.length, 5);
});
