import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TestApp } from '../helpers/app.ts';
import { makeProject } from '../helpers/codesign.ts';
import { createOrganisation, createUser, type TestUser } from '../helpers/factories.ts';
import { createPostgresTestApp } from './postgres.ts';

const stances = ['agree', 'abstain', 'disagree', 'block'] as const;

describe('consensus: parallel stances are each counted once, none after the close (PostgreSQL)', () => {
  let t: TestApp;
  let aylin: TestUser;
  let voters: TestUser[];
  let toolId: string;

  const call = (who: TestUser, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1/codesign/consensus${url}`,
      headers: who.headers,
      ...(payload ? { payload } : {}),
    });
  const propose = async () => {
    const r = await call(aylin, 'POST', `/tools/${toolId}/proposals`, {
      title: 'Sprechstunde auch abends',
      body: '',
      closesAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    assert.equal(r.statusCode, 201, r.body);
    return r.json().proposal.id as string;
  };
  const rows = (id: string) =>
    t.db
      .selectFrom('codesign_stance')
      .select(['participant_id', 'stance', 'updated_at'])
      .where('proposal_id', '=', id)
      .execute();

  before(async () => {
    t = await createPostgresTestApp();
    const caritas = await createOrganisation(t, { name: 'Caritas' });
    aylin = await createUser(t, { displayName: 'Aylin', memberOf: [[caritas.id, 'staff']] });
    voters = [];
    for (let i = 0; i < 100; i++) voters.push(await createUser(t, { displayName: `Person ${i + 1}` }));
    // half are invited participants, half join the open project with their first stance
    const project = await makeProject(t, {
      lead: caritas.id,
      joining: 'open',
      tools: [{ kind: 'consensus' }],
      participants: voters.slice(0, 50).map((v) => v.id),
    });
    toolId = project.tools.consensus;
  });
  after(() => t.close());

  test('100 people take a stance at once: each counted exactly once', async () => {
    const id = await propose();
    const results = await Promise.all(
      voters.map((v, i) => call(v, 'PUT', `/proposals/${id}/stance`, { stance: stances[i % 4] })),
    );
    assert.deepEqual(
      results.filter((r) => r.statusCode !== 200).map((r) => r.body),
      [],
    );
    const view = (await call(aylin, 'GET', `/proposals/${id}`)).json().proposal;
    assert.deepEqual(view.tally, { agree: 25, abstain: 25, disagree: 25, block: 25, total: 100 });
    const all = await rows(id);
    assert.equal(all.length, 100);
    assert.equal(new Set(all.map((r) => r.participant_id)).size, 100);
  });

  test('parallel changes and withdrawals by the same people never double-count', async () => {
    const id = await propose();
    const some = voters.slice(0, 40);
    await Promise.all(some.map((v) => call(v, 'PUT', `/proposals/${id}/stance`, { stance: 'agree' })));
    // each person sends four changes and a withdrawal-and-back at once
    const results = await Promise.all(
      some.flatMap((v, i) => [
        ...stances.map((s) => call(v, 'PUT', `/proposals/${id}/stance`, { stance: s, reason: `${i}` })),
        call(v, 'POST', `/proposals/${id}/stance/withdraw`, {}),
      ]),
    );
    for (const r of results) assert.ok([200, 409].includes(r.statusCode), r.body);
    const all = await rows(id);
    const view = (await call(aylin, 'GET', `/proposals/${id}`)).json().proposal;
    assert.ok(view.tally.total <= 40);
    assert.equal(view.tally.total, all.length);
    assert.equal(new Set(all.map((r) => r.participant_id)).size, all.length);
    for (const s of stances) assert.equal(view.tally[s], all.filter((r) => r.stance === s).length);
  });

  test('racing the close: every stance that counts was taken before the closing time, none after', async () => {
    const id = await propose();
    const first = voters.slice(0, 60);
    const later = voters.slice(60);
    const racing = first.map((v, i) => call(v, 'PUT', `/proposals/${id}/stance`, { stance: stances[i % 4] }));
    const close = new Promise((r) => setTimeout(r, 15)).then(() =>
      call(aylin, 'POST', `/proposals/${id}/close`),
    );
    const [closed, ...answers] = await Promise.all([close, ...racing]);
    assert.equal(closed.statusCode, 200, closed.body);
    for (const r of answers) {
      assert.ok([200, 409].includes(r.statusCode), r.body);
      if (r.statusCode === 409) assert.equal(r.json().code, 'codesign_consensus.closed');
    }
    // after the close nobody gets in
    const after = await Promise.all(
      later.map((v) => call(v, 'PUT', `/proposals/${id}/stance`, { stance: 'agree' })),
    );
    for (const r of after) assert.equal(r.statusCode, 409, r.body);
    const p = await t.db
      .selectFrom('codesign_proposal')
      .select('closes_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const all = await rows(id);
    const accepted = answers.filter((r) => r.statusCode === 200).length;
    assert.equal(all.length, accepted, 'every stance answered 200 is counted, no other');
    for (const r of all) assert.ok(r.updated_at < p.closes_at, 'taken before the closing time');
    // the tally the facilitator reads after closing does not change any more
    const view = (await call(aylin, 'GET', `/proposals/${id}`)).json().proposal;
    assert.equal(view.tally.total, accepted);
    assert.equal(view.open, false);
  });
});
