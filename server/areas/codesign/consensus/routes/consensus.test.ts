import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../../../test/helpers/app.ts';
import { makeAssistedParticipant, makeProject } from '../../../../../test/helpers/codesign.ts';
import { createOrganisation, createUser, type TestUser } from '../../../../../test/helpers/factories.ts';
import { remindReviews } from '../commands/remindReviews.ts';

describe('codesign consensus: proposals, stances, outcomes and reviews', () => {
  let t: TestApp;
  let aylin: TestUser; // Caritas staff: organises
  let hasan: TestUser; // participant
  let emine: TestUser; // participant
  let jonas: TestUser; // signed in, not a participant
  let project: Awaited<ReturnType<typeof makeProject>>;
  let privateProject: Awaited<ReturnType<typeof makeProject>>;
  let toolId: string;

  type Who = TestUser | null;
  const call = (who: Who, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1/codesign/consensus${url}`,
      headers: who?.headers ?? {},
      ...(payload ? { payload } : {}),
    });
  const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();
  const propose = async (over: object = {}, tool = toolId) => {
    const r = await call(aylin, 'POST', `/tools/${tool}/proposals`, {
      title: 'Sprechstunde auch dienstags abends',
      body: 'Von 17 bis 19 Uhr.',
      closesAt: inAnHour(),
      ...over,
    });
    assert.equal(r.statusCode, 201, r.body);
    return r.json().proposal.id as string;
  };
  /** ends a proposal in the past, as if its time had run out */
  const expire = (id: string) =>
    sql`UPDATE codesign_proposal SET closes_at = now() - interval '1 minute' WHERE id = ${id}`.execute(t.db);

  before(async () => {
    t = await createTestApp();
    const caritas = await createOrganisation(t, { name: 'Caritas' });
    aylin = await createUser(t, { displayName: 'Aylin Demir', memberOf: [[caritas.id, 'staff']] });
    hasan = await createUser(t, { displayName: 'Hasan' });
    emine = await createUser(t, { displayName: 'Emine' });
    jonas = await createUser(t, { displayName: 'Jonas' });
    project = await makeProject(t, {
      lead: caritas.id,
      joining: 'invitation',
      tools: [{ kind: 'consensus' }],
      participants: [hasan.id, emine.id],
    });
    toolId = project.tools.consensus;
    privateProject = await makeProject(t, {
      lead: caritas.id,
      visibility: 'members',
      joining: 'invitation',
      tools: [{ kind: 'consensus' }],
      participants: [hasan.id],
    });
  });
  after(() => t.close());

  test('a facilitator puts a proposal; participants take, change and withdraw stances; the tally follows', async () => {
    const id = await propose();
    let r = await call(hasan, 'PUT', `/proposals/${id}/stance`, {
      stance: 'agree',
      reason: 'Passt mir gut.',
    });
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(r.json().proposal.tally, { agree: 1, abstain: 0, disagree: 0, block: 0, total: 1 });
    assert.equal(r.json().proposal.mine.stance, 'agree');
    r = await call(emine, 'PUT', `/proposals/${id}/stance`, {
      stance: 'block',
      reason: 'Dann ist keiner da.',
    });
    assert.equal(r.json().proposal.tally.block, 1);
    assert.equal(r.json().proposal.blocks[0].name, 'Emine');
    assert.equal(r.json().proposal.blocks[0].reason, 'Dann ist keiner da.');
    // a change replaces the stance: still two people
    r = await call(hasan, 'PUT', `/proposals/${id}/stance`, { stance: 'disagree' });
    assert.deepEqual(r.json().proposal.tally, { agree: 0, abstain: 0, disagree: 1, block: 1, total: 2 });
    r = await call(emine, 'POST', `/proposals/${id}/stance/withdraw`, {});
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(r.json().proposal.tally, { agree: 0, abstain: 0, disagree: 1, block: 0, total: 1 });
    assert.equal(r.json().proposal.mine, null);
    r = await call(emine, 'POST', `/proposals/${id}/stance/withdraw`, {});
    assert.equal(r.statusCode, 409);
    assert.equal(r.json().code, 'codesign_consensus.no_stance');
    // each stance and change is a contribution of its own in the log
    const log = await t.db
      .selectFrom('codesign_contribution')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tool_id', '=', toolId)
      .where('kind', '=', 'stance')
      .executeTakeFirstOrThrow();
    assert.equal(Number(log.n), 3);
    const list = await call(hasan, 'GET', `/proposals/${id}/stances`);
    assert.equal(list.json().total, 1);
    assert.equal(list.json().items[0].name, 'Hasan');
    const tool = await call(hasan, 'GET', `/tools/${toolId}/proposals`);
    assert.equal(tool.statusCode, 200, tool.body);
    assert.ok(tool.json().items.some((p: { id: string }) => p.id === id));
    assert.equal(tool.json().tool.kind, 'consensus');
  });

  test('who may do what: outsiders see the tally without names, only facilitators propose, private is 404', async () => {
    const id = await propose();
    await call(hasan, 'PUT', `/proposals/${id}/stance`, { stance: 'agree' });
    const anon = await call(null, 'GET', `/proposals/${id}`);
    assert.equal(anon.statusCode, 200);
    assert.equal(anon.json().proposal.tally.total, 1);
    assert.equal(anon.json().proposal.namesVisible, false);
    assert.deepEqual((await call(jonas, 'GET', `/proposals/${id}/stances`)).json().items, []);
    assert.equal((await call(jonas, 'PUT', `/proposals/${id}/stance`, { stance: 'agree' })).statusCode, 403);
    assert.equal((await call(null, 'PUT', `/proposals/${id}/stance`, { stance: 'agree' })).statusCode, 401);
    const notFacilitator = await call(hasan, 'POST', `/tools/${toolId}/proposals`, {
      title: 'Mein Vorschlag',
      body: '',
      closesAt: inAnHour(),
    });
    assert.equal(notFacilitator.statusCode, 403);
    assert.equal((await call(hasan, 'POST', `/proposals/${id}/close`)).statusCode, 403);
    const hidden = await propose({}, privateProject.tools.consensus);
    assert.equal((await call(jonas, 'GET', `/proposals/${hidden}`)).statusCode, 404);
    assert.equal(
      (await call(null, 'GET', `/tools/${privateProject.tools.consensus}/proposals`)).statusCode,
      404,
    );
    assert.equal(
      (await call(jonas, 'PUT', `/proposals/${hidden}/stance`, { stance: 'agree' })).statusCode,
      404,
    );
    assert.equal((await call(hasan, 'GET', `/proposals/${hidden}`)).statusCode, 200);
    // a closing time in the past is refused with a reason
    const past = await call(aylin, 'POST', `/tools/${toolId}/proposals`, {
      title: 'Zu spät',
      body: '',
      closesAt: new Date(Date.now() - 60_000).toISOString(),
    });
    assert.equal(past.statusCode, 422);
    assert.equal(past.json().errors[0].field, '/closesAt');
  });

  test('after the closing time nobody takes, changes or withdraws a stance — also not past the route', async () => {
    const id = await propose();
    await call(hasan, 'PUT', `/proposals/${id}/stance`, { stance: 'agree' });
    await expire(id);
    for (const [who, url, body] of [
      [emine, `/proposals/${id}/stance`, { stance: 'agree' }],
      [hasan, `/proposals/${id}/stance`, { stance: 'block' }],
    ] as const) {
      const r = await call(who, 'PUT', url, body);
      assert.equal(r.statusCode, 409, r.body);
      assert.equal(r.json().code, 'codesign_consensus.closed');
    }
    assert.equal((await call(hasan, 'POST', `/proposals/${id}/stance/withdraw`, {})).statusCode, 409);
    // the database refuses it too
    const pa = project.participants[emine.id]!;
    await assert.rejects(
      sql`INSERT INTO codesign_stance (network_id, proposal_id, participant_id, stance, contribution_id)
          SELECT network_id, ${id}, ${pa}, 'agree', id FROM codesign_contribution LIMIT 1`.execute(t.db),
      /codesign_stance_closed/,
    );
    await assert.rejects(
      sql`UPDATE codesign_stance SET stance = 'block' WHERE proposal_id = ${id}`.execute(t.db),
      /codesign_stance_closed/,
    );
    await assert.rejects(
      sql`DELETE FROM codesign_stance WHERE proposal_id = ${id}`.execute(t.db),
      /codesign_stance_closed/,
    );
    const view = await call(hasan, 'GET', `/proposals/${id}`);
    assert.equal(view.json().proposal.open, false);
    assert.equal(view.json().proposal.tally.agree, 1);
  });

  test('a facilitator closes early, writes the outcome with a review date; the group is reminded once; Today shows it', async () => {
    const id = await propose();
    await call(hasan, 'PUT', `/proposals/${id}/stance`, { stance: 'agree' });
    const early = await call(aylin, 'PUT', `/proposals/${id}/outcome`, {
      outcome: 'decided',
      statement: 'Beschlossen.',
      reviewOn: null,
    });
    assert.equal(early.statusCode, 409);
    assert.equal(early.json().code, 'codesign_consensus.still_open');
    assert.equal((await call(aylin, 'POST', `/proposals/${id}/close`)).statusCode, 200);
    assert.equal((await call(aylin, 'POST', `/proposals/${id}/close`)).statusCode, 409);
    assert.equal((await call(emine, 'PUT', `/proposals/${id}/stance`, { stance: 'agree' })).statusCode, 409);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const pastReview = await call(aylin, 'PUT', `/proposals/${id}/outcome`, {
      outcome: 'decided',
      statement: 'Beschlossen.',
      reviewOn: yesterday,
    });
    assert.equal(pastReview.statusCode, 422);
    const today = new Date().toISOString().slice(0, 10);
    const r = await call(aylin, 'PUT', `/proposals/${id}/outcome`, {
      outcome: 'decided',
      statement: 'Beschlossen: dienstags 17 bis 19 Uhr.',
      reviewOn: today,
    });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().proposal.outcome.outcome, 'decided');
    assert.equal(r.json().proposal.outcome.by, 'Aylin Demir');
    assert.equal(r.json().proposal.outcome.reviewOn, today);
    const events = await t.db
      .selectFrom('codesign_event')
      .select('kind')
      .where('subject_id', '=', id)
      .execute();
    assert.deepEqual(events.map((e) => e.kind).sort(), ['consensus.decided', 'consensus.proposed']);

    const notes = () =>
      t.db
        .selectFrom('notification')
        .select(['account_id', 'params'])
        .where('kind', '=', 'consensus.review_due')
        .execute();
    assert.ok((await remindReviews(t.db, t.networkId)) >= 1);
    const sent = await notes();
    const to = new Set(sent.map((n) => n.account_id));
    for (const u of [aylin, hasan, emine]) assert.ok(to.has(u.id), u.displayName);
    assert.ok(!to.has(jonas.id));
    await remindReviews(t.db, t.networkId);
    assert.equal((await notes()).length, sent.length, 'reminded once');

    const home = async (u: TestUser) =>
      (
        (await t.app.inject({ url: '/api/v1/me/today', headers: u.headers })).json().sections as {
          id: string;
        }[]
      ).map((s) => s.id);
    assert.ok((await home(aylin)).includes('codesign.consensusReviews'));
    assert.ok(!(await home(hasan)).includes('codesign.consensusReviews'));
    assert.equal((await call(hasan, 'POST', `/proposals/${id}/reviewed`, { note: 'x' })).statusCode, 403);
    const done = await call(aylin, 'POST', `/proposals/${id}/reviewed`, { note: 'Läuft gut, gut besucht.' });
    assert.equal(done.statusCode, 200, done.body);
    assert.ok(done.json().proposal.outcome.reviewedAt);
    assert.ok(!(await home(aylin)).includes('codesign.consensusReviews'));
  });

  test('a facilitator enters a stance for a person who consented, marked as assisted', async () => {
    const id = await propose();
    const frauM = await makeAssistedParticipant(t, project.id, { recordedBy: aylin.id });
    const r = await call(aylin, 'PUT', `/proposals/${id}/stance`, {
      stance: 'disagree',
      reason: 'Abends komme ich nicht mehr raus.',
      onBehalf: { participantId: frauM, channel: 'paper' },
    });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().proposal.tally.disagree, 1);
    const list = (await call(aylin, 'GET', `/proposals/${id}/stances`)).json();
    assert.equal(list.items[0].name, 'Frau M.');
    assert.equal(list.items[0].assistedBy, 'Aylin Demir');
    assert.equal(list.items[0].channel, 'paper');
    const forOther = await call(hasan, 'PUT', `/proposals/${id}/stance`, {
      stance: 'agree',
      onBehalf: { participantId: frauM, channel: 'paper' },
    });
    assert.equal(forOther.statusCode, 403);
    const w = await call(aylin, 'POST', `/proposals/${id}/stance/withdraw`, {
      onBehalf: { participantId: frauM, channel: 'paper' },
    });
    assert.equal(w.statusCode, 200, w.body);
    assert.equal(w.json().proposal.tally.total, 0);
  });
});
