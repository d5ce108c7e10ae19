import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { makeAssistedParticipant, makeProject } from '../../../../test/helpers/codesign.ts';
import { createOrganisation, createUser, type TestUser } from '../../../../test/helpers/factories.ts';
import type { CommandContext } from '../../../http/context.ts';
import { Problem } from '../../../http/problem.ts';
import { anonymous } from '../../../policies/actor.ts';
import { actorOf } from '../../../repositories/accounts.ts';
import { projectFor, toolFor } from './access.ts';
import { contribute } from './contribute.ts';

/** The door into a project and the one place a contribution is attributed (the core every part uses). */
describe('codesign core: who may see and do what, and whose a contribution is', () => {
  let t: TestApp;
  let caritas: { id: string };
  let aylin: TestUser; // Caritas staff, organises
  let nachbar: TestUser; // a neighbour
  let member: TestUser; // participant of the members-only project

  const ctx = async (u: TestUser): Promise<CommandContext> => {
    const actor = await actorOf(t.db, t.networkId, u.id);
    assert.ok(actor);
    return { networkId: t.networkId, actor, actorId: u.id, ip: '127.0.0.1', locale: 'de' };
  };
  const status = async (p: Promise<unknown>) => {
    try {
      await p;
      return 200;
    } catch (e) {
      if (e instanceof Problem) return `${e.status} ${e.code}`;
      throw e;
    }
  };

  before(async () => {
    t = await createTestApp();
    caritas = await createOrganisation(t, { name: 'Caritas-Beratungsstelle' });
    aylin = await createUser(t, { displayName: 'Aylin Demir', memberOf: [[caritas.id, 'staff']] });
    nachbar = await createUser(t, { displayName: 'Jonas Nachbar' });
    member = await createUser(t, { displayName: 'Mia Mitglied' });
  });
  after(() => t.close());

  test('a members-only project does not exist for outsiders, a draft only for its organisers', async () => {
    const closed = await makeProject(t, {
      lead: caritas.id,
      visibility: 'members',
      participants: [member.id],
    });
    const draft = await makeProject(t, { lead: caritas.id, status: 'draft' });
    const outsider = await ctx(nachbar);
    assert.equal(await status(projectFor(t.db, t.networkId, outsider.actor, closed.id)), '404 not_found');
    assert.equal(await status(projectFor(t.db, t.networkId, anonymous, closed.id)), '404 not_found');
    assert.equal(await status(projectFor(t.db, t.networkId, (await ctx(member)).actor, closed.id)), 200);
    assert.equal(
      await status(projectFor(t.db, t.networkId, (await ctx(aylin)).actor, closed.id, 'organise')),
      200,
    );
    assert.equal(await status(projectFor(t.db, t.networkId, outsider.actor, draft.id)), '404 not_found');
    assert.equal(
      await status(projectFor(t.db, t.networkId, (await ctx(aylin)).actor, draft.id, 'organise')),
      200,
    );
    assert.equal(
      await status(projectFor(t.db, t.networkId, (await ctx(member)).actor, closed.id, 'organise')),
      '403 forbidden',
    );
  });

  test('joining an open project with the first contribution, once, and counted to the lead organisation', async () => {
    const p = await makeProject(t, { lead: caritas.id, tools: [{ kind: 'ideas' }] });
    const c = await ctx(nachbar);
    const access = await toolFor(t.db, t.networkId, c.actor, p.tools.ideas, ['ideas'], 'participate');
    const [a, b] = await Promise.all([
      t.db.transaction().execute((tx) => contribute(tx, c, access, 'idea')),
      t.db.transaction().execute((tx) => contribute(tx, c, access, 'idea')),
    ]);
    assert.equal(a?.participantId, b?.participantId);
    const rows = await t.db
      .selectFrom('codesign_participant')
      .selectAll()
      .where('project_id', '=', p.id)
      .execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.joined_via, 'open');
    const edges = await t.db
      .selectFrom('interaction')
      .select(['area', 'b_id', 'mode'])
      .where('a_id', '=', nachbar.id)
      .where('area', '=', 'codesign')
      .execute();
    assert.equal(edges.length, 2);
    assert.ok(edges.every((e) => e.b_id === caritas.id && e.mode === 'online'));
    // a tool of another kind is not found through a route of this kind
    assert.equal(
      await status(toolFor(t.db, t.networkId, c.actor, p.tools.ideas, ['survey'])),
      '404 not_found',
    );
  });

  test('an invitation-only project: no contribution without participation', async () => {
    const p = await makeProject(t, { lead: caritas.id, joining: 'invitation', tools: [{ kind: 'ideas' }] });
    const c = await ctx(nachbar);
    assert.equal(
      await status(toolFor(t.db, t.networkId, c.actor, p.tools.ideas, ['ideas'], 'participate')),
      '403 codesign.not_participant',
    );
  });

  test('a closed tool or project takes nothing', async () => {
    const past = new Date(Date.now() - 60_000);
    const p = await makeProject(t, { lead: caritas.id, tools: [{ kind: 'ideas', closesAt: past }] });
    const c = await ctx(nachbar);
    assert.equal(
      await status(toolFor(t.db, t.networkId, c.actor, p.tools.ideas, ['ideas'], 'participate')),
      '409 codesign.tool_not_open',
    );
    const done = await makeProject(t, { lead: caritas.id, status: 'closed', tools: [{ kind: 'ideas' }] });
    assert.equal(
      await status(toolFor(t.db, t.networkId, c.actor, done.tools.ideas, ['ideas'], 'participate')),
      '409 codesign.project_not_active',
    );
  });

  test('staff enter a contribution for a person only with consent; it names them and is audited', async () => {
    const p = await makeProject(t, { lead: caritas.id, joining: 'invitation', tools: [{ kind: 'ideas' }] });
    const frauM = await makeAssistedParticipant(t, p.id, { recordedBy: aylin.id });
    const noConsent = (
      await t.db
        .insertInto('codesign_participant')
        .values({
          network_id: t.networkId,
          project_id: p.id,
          account_id: member.id,
          joined_via: 'invitation',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const staff = await ctx(aylin);
    const access = await toolFor(t.db, t.networkId, staff.actor, p.tools.ideas, ['ideas'], 'facilitate');
    const made = await t.db
      .transaction()
      .execute((tx) => contribute(tx, staff, access, 'idea', { participantId: frauM, channel: 'paper' }));
    const row = await t.db
      .selectFrom('codesign_contribution')
      .selectAll()
      .where('id', '=', made.contributionId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      [row.participant_id, row.channel, row.entered_by, row.entered_role],
      [frauM, 'paper', aylin.id, 'staff'],
    );
    const audits = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('entity_id', '=', frauM)
      .execute();
    assert.deepEqual(audits, [{ action: 'codesign.contribution_entered', actor_id: aylin.id }]);
    assert.equal(
      await status(
        t.db
          .transaction()
          .execute((tx) =>
            contribute(tx, staff, access, 'idea', { participantId: noConsent, channel: 'paper' }),
          ),
      ),
      '409 codesign.assist_no_consent',
    );
    // a participant who is not a facilitator cannot enter for others
    const m = await ctx(member);
    const asMember = await toolFor(t.db, t.networkId, m.actor, p.tools.ideas, ['ideas'], 'participate');
    assert.equal(
      await status(
        t.db
          .transaction()
          .execute((tx) => contribute(tx, m, asMember, 'idea', { participantId: frauM, channel: 'paper' })),
      ),
      '403 codesign.assist_not_allowed',
    );
    // the database refuses a paper entry that names nobody who typed it in
    await assert.rejects(
      t.db
        .insertInto('codesign_contribution')
        .values({
          network_id: t.networkId,
          project_id: p.id,
          participant_id: frauM,
          kind: 'idea',
          channel: 'paper',
        })
        .execute(),
    );
  });
});
