import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { makeProject } from '../../../../test/helpers/codesign.ts';
import { createOrganisation, createUser } from '../../../../test/helpers/factories.ts';
import type { MembershipRole } from '../../../db/schema.ts';
import { executeTx } from '../../../db/tx.ts';
import type { DemoSeedContext } from '../../../seed/context.ts';
import { demoProjects } from '../projects/demo.ts';
import { seedIdeas } from './seed.ts';

/**
 * The ideas part's demo town on the projects the projects part's seed makes (here set up directly,
 * with their demo titles): it runs through contribute(), Frau M.'s idea is entered by Aylin on paper.
 */
describe('codesign ideas: the demo seed', () => {
  let t: TestApp;
  let ctx: DemoSeedContext;

  before(async () => {
    t = await createTestApp();
    const orgIds = new Map<string, string>();
    for (const key of ['caritas', 'nbz', 'fwa'])
      orgIds.set(key, (await createOrganisation(t, { name: key })).id);
    const memberships = new Map<string, [string, MembershipRole][]>([
      ['aylin', [['caritas', 'staff']]],
      ['markus', [['caritas', 'staff']]],
      ['stefan', [['caritas', 'admin']]],
      ['renate', [['caritas', 'volunteer']]],
      ['olga', [['caritas', 'volunteer']]],
      ['petra', [['nbz', 'admin']]],
      ['lukas', [['nbz', 'staff']]],
      ['amira', [['nbz', 'volunteer']]],
    ]);
    const personIds = new Map<string, string>();
    const people = [
      'aylin',
      'markus',
      'stefan',
      'renate',
      'olga',
      'petra',
      'lukas',
      'amira',
      'guel',
      'ali',
      'anna',
    ];
    for (const key of [...people, 'johanna', 'jonas', 'hannelore', 'samira', 'ibrahim'])
      personIds.set(
        key,
        (
          await createUser(t, {
            displayName: key === 'aylin' ? 'Aylin Demir' : key,
            memberOf: (memberships.get(key) ?? []).map(([o, r]) => [orgIds.get(o)!, r]),
          })
        ).id,
      );
    await makeProject(t, {
      lead: orgIds.get('caritas')!,
      title: demoProjects.consultation.title,
      joining: 'invitation',
      tools: [{ kind: 'ideas', closesAt: new Date(Date.now() - 86_400_000 * 20) }],
    });
    await makeProject(t, {
      lead: orgIds.get('nbz')!,
      partners: [orgIds.get('fwa')!],
      title: demoProjects.cafeIdeas.title,
      tools: [{ kind: 'ideas' }],
    });
    ctx = {
      networkId: t.networkId,
      orgIds,
      personIds,
      districtIds: new Map(),
      centres: new Map(),
      memberships,
      now: Date.now(),
    };
  });
  after(() => t.close());

  test('ideas with points and comments; Frau M. with Aylin on paper; a duplicate merged; three selected', async () => {
    const made = await executeTx(t.db, (tx) => seedIdeas(tx, ctx));
    assert.equal(made.codesignIdeas, 10);
    const consultation = await t.db
      .selectFrom('codesign_idea as i')
      .innerJoin('codesign_project as p', 'p.id', 'i.project_id')
      .select(['i.title', 'i.mark', 'i.merged_into'])
      .where('p.title', '=', demoProjects.consultation.title)
      .orderBy('i.created_at')
      .execute();
    assert.deepEqual(
      consultation.filter((i) => i.mark === 'selected').map((i) => i.title),
      ['Sprechstunde auch am Abend', 'Termine per Telefon vereinbaren', 'Dolmetscherin einmal im Monat'],
    );
    assert.equal(consultation.filter((i) => i.merged_into !== null).length, 1);
    const fraum = await t.db
      .selectFrom('codesign_idea as i')
      .innerJoin('codesign_contribution as c', 'c.id', 'i.contribution_id')
      .innerJoin('codesign_participant as p', 'p.id', 'c.participant_id')
      .innerJoin('account as e', 'e.id', 'c.entered_by')
      .select(['p.display_name', 'p.consent', 'c.channel', 'e.display_name as entered'])
      .where('i.title', '=', 'Dolmetscherin einmal im Monat')
      .executeTakeFirstOrThrow();
    assert.deepEqual(fraum, {
      display_name: 'Frau M.',
      consent: 'paper',
      channel: 'paper',
      entered: 'Aylin Demir',
    });
    const events = await t.db.selectFrom('codesign_event').select('kind').orderBy('kind').execute();
    assert.deepEqual(
      events.map((e) => e.kind),
      ['ideas.merged', 'ideas.selected'],
    );
    const points = await t.db
      .selectFrom('codesign_idea_point')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    assert.ok(Number(points.n) >= 15);
  });
});
