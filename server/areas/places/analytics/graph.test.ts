import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../../../../test/helpers/factories.ts';
import type { Area } from '../../../db/schema.ts';
import { takeSnapshot } from './commands/snapshot.ts';
import { readLatestView } from './repositories/snapshots.ts';
import type { NodeView, Period, TieView, ViewArea } from './snapshot.ts';

/**
 * How the organisation graph is built from the interaction record (repositories/graphData.ts):
 * ties from people's interactions split over their affiliations, support circles left out, people
 * who opted out adding no tie, and the period and area filters. Computed through the worker thread.
 */
describe('places analytics: the organisation graph', () => {
  let t: TestApp;
  const now = new Date('2026-12-15T12:00:00Z');
  const monthsAgo = (k: number) => new Date(Date.UTC(2026, 11 - k, 10, 12));
  let A: { id: string };
  let B: { id: string };
  let C: { id: string };
  let D: { id: string };
  let community: string;
  let anna: TestUser; // A and the community
  let ben: TestUser; // B
  let opted: TestUser; // C, opted out
  let loner: TestUser; // belongs nowhere

  async function interaction(
    a: [type: 'person' | 'organisation', id: string],
    b: [type: 'person' | 'organisation', id: string],
    opts: { area?: Area; when?: Date; mode?: 'online' | 'offline'; status?: 'pending' } = {},
  ) {
    await t.db
      .insertInto('interaction')
      .values({
        network_id: t.networkId,
        area: opts.area ?? 'sharing',
        kind: 'test',
        mode: opts.mode ?? 'offline',
        a_type: a[0],
        a_id: a[1],
        b_type: b[0],
        b_id: b[1],
        occurred_at: opts.when ?? monthsAgo(1),
        status: opts.status ?? 'confirmed',
        source_type: opts.status === 'pending' ? 'manual' : null,
      })
      .execute();
  }

  let view: (
    p: Period,
    a: ViewArea,
  ) => Promise<{ nodes: NodeView[]; ties: TieView[]; figures: Record<string, unknown> }>;
  const tie = (v: { nodes: NodeView[]; ties: TieView[] }, x: string, y: string) => {
    const i = v.nodes.findIndex((n) => n.id === x);
    const j = v.nodes.findIndex((n) => n.id === y);
    const found = v.ties.find(([a, b]) => (a === i && b === j) || (a === j && b === i));
    return found ? found[2] : 0;
  };

  before(async () => {
    t = await createTestApp();
    A = await createOrganisation(t, { name: 'Alpha Pflege', sector: 'health' });
    B = await createOrganisation(t, { name: 'Beta Bäckerei', sector: 'business' });
    C = await createOrganisation(t, { name: 'Gamma Verein', sector: 'civil_society' });
    D = await createOrganisation(t, { name: 'Delta Schule', sector: 'education' });
    anna = await createUser(t, { memberOf: [[A.id, 'staff']] });
    ben = await createUser(t, { memberOf: [[B.id, 'volunteer']] });
    opted = await createUser(t, { memberOf: [[C.id, 'volunteer']] });
    loner = await createUser(t);
    const members = [anna, ...(await Promise.all([1, 2, 3, 4].map(() => createUser(t))))];
    community = (
      await t.db
        .insertInto('community')
        .values({ network_id: t.networkId, slug: 'repair-cafe', name: 'Repair-Café', space: 'translocal' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    for (const m of members)
      await t.db
        .insertInto('community_member')
        .values({ network_id: t.networkId, community_id: community, account_id: m.id, joined_at: new Date() })
        .execute();
    await t.db
      .insertInto('places_analytics_opt_out')
      .values({ network_id: t.networkId, account_id: opted.id })
      .execute();

    await interaction(['organisation', A.id], ['organisation', B.id]); // A–B 1
    await interaction(['person', anna.id], ['organisation', D.id], { area: 'knowledge' }); // A–D ½, community–D ½
    await interaction(['person', anna.id], ['person', ben.id], { when: monthsAgo(6) }); // A–B ½, community–B ½
    await interaction(['person', opted.id], ['organisation', D.id]); // no tie: opted out
    await interaction(['person', loner.id], ['organisation', C.id]); // no tie: belongs nowhere
    await interaction(['person', members[4]!.id], ['organisation', B.id]); // community–B 1
    await interaction(['person', anna.id], ['organisation', A.id]); // own organisation: ½ to community–A
    for (let i = 0; i < 6; i++)
      await interaction(['organisation', C.id], ['organisation', D.id], { area: 'support' });
    await interaction(['organisation', B.id], ['organisation', C.id], { when: monthsAgo(0) }); // this month: not yet
    await interaction(['organisation', B.id], ['organisation', D.id], { when: monthsAgo(13) }); // too old
    await interaction(['person', ben.id], ['person', anna.id], { status: 'pending' }); // not confirmed
    await takeSnapshot(t.db, t.networkId, { now });
    view = async (p, a) => {
      const v = await readLatestView(t.db, t.networkId, p, a);
      assert.ok(v, `a view ${p} ${a}`);
      return v as never;
    };
  });
  after(() => t.close());

  test('an interaction between organisations is a tie of weight 1', async () => {
    const v = await view('3m', 'all');
    assert.equal(tie(v, A.id, B.id), 1);
  });

  test("a person's interaction is split over the groups they belong to", async () => {
    const v = await view('12m', 'all');
    assert.equal(tie(v, A.id, D.id), 0.5);
    assert.equal(tie(v, community, D.id), 0.5);
    assert.equal(tie(v, A.id, B.id), 1.5, 'the organisations’ tie and half of Anna’s talk with Ben');
    assert.equal(tie(v, community, B.id), 1.5);
    assert.equal(tie(v, community, A.id), 0.5, 'Anna at her own organisation ties only her community to it');
  });

  test('people who opted out or belong nowhere add no tie, but count in the totals', async () => {
    const v = await view('12m', 'all');
    assert.equal(tie(v, C.id, D.id), 0);
    assert.equal(
      v.nodes.some((n) => n.id === C.id),
      false,
      'Gamma has no tie in the window',
    );
    const figures = v.figures as { interactions: { total: { value: number | null } } };
    // the 7 confirmed interactions of the window outside the circles, with five people in them
    assert.equal(figures.interactions.total.value, 7);
  });

  test('support circles never enter, except as one anonymous count of five or more', async () => {
    const v = await view('12m', 'all');
    assert.equal(tie(v, C.id, D.id), 0);
    // six circle interactions, but no person behind them: still fewer than five people, so hidden
    assert.equal((v.figures as { circleInteractions: number | null }).circleInteractions, null);
  });

  test('the period: the last three whole months, or twelve; this month and older ones never', async () => {
    const short = await view('3m', 'all');
    assert.equal(tie(short, A.id, B.id), 1, 'Anna and Ben met six months ago');
    const long = await view('12m', 'all');
    assert.equal(tie(long, B.id, C.id), 0, 'this month is not whole yet');
    assert.equal(tie(long, B.id, D.id), 0, 'thirteen months ago');
  });

  test('the area filter keeps the ties of one area', async () => {
    const knowledge = await view('12m', 'knowledge');
    assert.equal(tie(knowledge, A.id, D.id), 0.5);
    assert.equal(tie(knowledge, A.id, B.id), 0);
    const sharing = await view('12m', 'sharing');
    assert.equal(tie(sharing, A.id, D.id), 0);
  });

  test('a pending interaction counts nowhere', async () => {
    const v = await view('12m', 'all');
    assert.equal(tie(v, A.id, B.id), 1.5);
  });
});
