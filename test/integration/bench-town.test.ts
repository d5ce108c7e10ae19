import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { indexedTypes, knowledgeSearchTypes } from '../../bench/areas/knowledge.ts';
import { knowledgeQueries } from '../../bench/figures/knowledge.ts';
import {
  circleHealth,
  knowledgeHealth,
  type LoadedTown,
  loadTown,
  participationHealth,
  townId,
} from '../../bench/town.ts';
import { circlePolicy } from '../../server/areas/support/policies/circle.ts';
import { findCircleFor } from '../../server/areas/support/repositories/circles.ts';
import { listNeeds } from '../../server/areas/support/repositories/circles-needs.ts';
import { accessOf } from '../../server/areas/support/routes/circles/access.ts';
import { ensureNetwork } from '../../server/platform/network.ts';
import { search } from '../../server/platform/search.ts';
import { freshDatabase } from '../helpers/app.ts';

/**
 * The benchmark's synthetic town (size S): the parts loaded with triggers off must leave the same
 * state the triggers would have, and the handles the bench uses (a circle's reader, bookable
 * resources) must work. No timing is asserted here.
 */
describe('benchmark town, size S', () => {
  let d: Awaited<ReturnType<typeof freshDatabase>>;
  let networkId: string;
  let town: LoadedTown;
  before(async () => {
    d = await freshDatabase();
    const { network } = await ensureNetwork(d.db, { slug: 'messstadt', name: 'Messstadt' });
    networkId = network.id;
    town = await loadTown(d.db, networkId, 'S', 1);
  });
  after(() => d.close());

  test('opportunities on every ladder level, with shifts before and after the town’s “now”', async () => {
    assert.ok(town.participation);
    assert.equal(town.participation.opportunities, town.spec.opportunities);
    const levels = await d.db
      .selectFrom('opportunity')
      .select(['level', (eb) => eb.fn.countAll<number>().as('n')])
      .where('network_id', '=', networkId)
      .groupBy('level')
      .execute();
    assert.deepEqual(levels.map((l) => l.level).sort(), [
      'codesign_role',
      'event_project',
      'mini',
      'regular',
    ]);
    const when = await sql<{ past: number; coming: number; full: number; waitlisted: number }>`
      SELECT count(*) FILTER (WHERE starts_at < '2026-11-01T12:00:00Z')::int AS past,
             count(*) FILTER (WHERE starts_at >= '2026-11-01T12:00:00Z')::int AS coming,
             count(*) FILTER (WHERE signed_up = capacity)::int AS full,
             (SELECT count(*)::int FROM shift_signup WHERE network_id = ${networkId} AND status = 'waitlisted') AS waitlisted
      FROM shift WHERE network_id = ${networkId}`.execute(d.db);
    const w = when.rows[0]!;
    assert.ok(w.past > 0 && w.coming > 0, JSON.stringify(w));
    assert.ok(w.full > 0 && w.waitlisted > 0, JSON.stringify(w));
  });

  test('the place counters equal the sign-ups holding a place, and keep doing so under the trigger', async () => {
    assert.equal(town.participation?.counter_mismatches, 0);
    // a sign-up withdrawn with the trigger on moves its shift's counter by one
    const s = await d.db
      .selectFrom('shift_signup as g')
      .innerJoin('shift as s', (j) =>
        j.onRef('s.network_id', '=', 'g.network_id').onRef('s.id', '=', 'g.shift_id'),
      )
      .select(['g.id', 's.id as shift_id', 's.signed_up'])
      .where('g.network_id', '=', networkId)
      .where('g.status', '=', 'signed_up')
      // a shift with a free place has nobody waiting, so withdrawing promotes no one
      .whereRef('s.signed_up', '<', 's.capacity')
      .orderBy('g.id')
      .limit(1)
      .executeTakeFirstOrThrow();
    await d.db
      .updateTable('shift_signup')
      .set({ status: 'withdrawn' })
      .where('network_id', '=', networkId)
      .where('id', '=', s.id)
      .execute();
    const after = await d.db
      .selectFrom('shift')
      .select('signed_up')
      .where('network_id', '=', networkId)
      .where('id', '=', s.shift_id)
      .executeTakeFirstOrThrow();
    assert.equal(after.signed_up, s.signed_up - 1);
    const health = await participationHealth(d.db, networkId);
    for (const [k, v] of Object.entries(health))
      if (!['opportunities', 'shifts', 'signups'].includes(k)) assert.equal(v, 0, k);
  });

  test('the search word table was filled by the bulk load with every entry’s words', async () => {
    assert.ok(town.searchWords);
    assert.equal(town.searchWords.mismatched, 0);
    const r = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM search_document d, search_words_of(d) w WHERE d.network_id = ${networkId}`.execute(
      d.db,
    );
    assert.ok((r.rows[0]?.n ?? 0) > 0);
    assert.equal(town.searchWords.words, r.rows[0]?.n);
  });

  test('the map summary was filled by the bulk load and equals a fresh count', async () => {
    assert.ok(town.resourceMap);
    assert.equal(town.resourceMap.mismatched, 0);
    assert.ok(town.resourceMap.cells > 0);
    const r = await sql<{
      n: number;
    }>`SELECT coalesce(sum(n), 0)::int AS n FROM resource_map_cell WHERE network_id = ${networkId}`.execute(
      d.db,
    );
    const shown = await d.db
      .selectFrom('resource')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('network_id', '=', networkId)
      .where('active', '=', true)
      .where('public_lat', 'is not', null)
      .executeTakeFirstOrThrow();
    assert.equal(r.rows[0]!.n, Number(shown.n));
    assert.ok(Number(shown.n) > 0);
  });

  test('circles have members, a live consent, needs claimed only by members and map entries', async () => {
    const h = await circleHealth(d.db, networkId);
    assert.equal(h.circles, town.spec.circles);
    assert.ok(h.members >= 4 * h.circles && h.needs > 0 && h.map_entries > 0, JSON.stringify(h));
    assert.equal(h.without_live_consent, 0);
    assert.equal(h.owner_violations, 0);
    assert.equal(h.claims_by_outsiders, 0);
  });

  test('the circle reader the bench signs in as is a helper who may read circle 0’s calendar', async () => {
    const reader = town.circleReader;
    assert.ok(reader);
    assert.equal(reader.circleId, townId(1, 'circle', 0));
    const account = await d.db
      .selectFrom('account')
      .select('id')
      .where('network_id', '=', networkId)
      .where('email', '=', reader.email)
      .executeTakeFirstOrThrow();
    const circle = await findCircleFor(d.db, networkId, reader.circleId, account.id);
    assert.ok(circle);
    assert.equal(circle.role, 'helper');
    assert.ok(circlePolicy.viewNeeds(accessOf(circle)));
    const needs = await listNeeds(d.db, networkId, reader.circleId, {
      from: new Date('2026-11-01T00:00:00Z'),
      to: new Date('2026-11-29T00:00:00Z'),
    });
    assert.ok(needs.length >= 8, `only ${needs.length} needs in four weeks`);
  });

  test('every bookable resource is an organisation’s, open to everyone, and free after freeFrom', async () => {
    assert.equal(town.bookables.length, 16);
    for (const b of town.bookables) {
      const r = await d.db
        .selectFrom('resource')
        .select(['owner_type', 'who_may_borrow', 'active'])
        .where('network_id', '=', networkId)
        .where('id', '=', b.resourceId)
        .executeTakeFirstOrThrow();
      assert.deepEqual(r, { owner_type: 'organisation', who_may_borrow: 'everyone', active: true });
      const later = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM booking
        WHERE network_id = ${networkId} AND resource_id = ${b.resourceId} AND upper(period) > ${b.freeFrom}`.execute(
        d.db,
      );
      assert.equal(later.rows[0]!.n, 0);
    }
  });

  test('the knowledge corpus: counters equal rows, current revision the highest, positions without gaps', async () => {
    assert.ok(town.knowledge);
    const h = await knowledgeHealth(d.db, networkId);
    assert.deepEqual(h, town.knowledge.health);
    assert.equal(h.wiki_pages, town.spec.wikiPages);
    assert.equal(h.wiki_revisions, town.spec.wikiRevisions);
    assert.equal(h.news_posts, town.spec.newsPosts);
    assert.equal(h.threads, town.spec.threads);
    assert.equal(h.posts, town.spec.posts);
    assert.equal(h.map_reports, town.spec.mapReports);
    assert.ok(h.wiki_links > 0 && h.supports > 0 && h.follows > 0, JSON.stringify(h));
    assert.equal(h.search_documents > 0, indexedTypes().length > 0);
    for (const k of [
      'revision_mismatches',
      'thread_counter_mismatches',
      'position_gaps',
      'support_count_mismatches',
      'reports_outside_district',
      'unindexed',
      'orphans',
    ] as const)
      assert.equal(h[k], 0, k);
    // the checks can fail: a post taken out of the middle of a thread is a gap and a wrong counter
    await d.db
      .transaction()
      .execute(async (tx) => {
        await sql`DELETE FROM discussion_post WHERE network_id = ${networkId} AND thread_id = ${town.knowledge!.handles.threadId}
                AND position = 2`.execute(tx);
        await sql`UPDATE wiki_page SET current_revision = current_revision + 1
                WHERE network_id = ${networkId} AND id = ${town.knowledge!.handles.wikiPageId}`.execute(tx);
        const broken = await knowledgeHealth(tx, networkId);
        assert.equal(broken.position_gaps, 1);
        assert.equal(broken.thread_counter_mismatches, 1);
        assert.equal(broken.revision_mismatches, 1);
        throw new Error('rolled back');
      })
      .catch((err: Error) => assert.equal(err.message, 'rolled back'));
    assert.deepEqual(await knowledgeHealth(d.db, networkId), h);
  });

  test('the knowledge corpus reads like one: body lengths, every status, the busiest thread measured', async () => {
    const r = await sql<{
      wiki_min: number;
      wiki_max: number;
      post_min: number;
      post_max: number;
      statuses: string[];
    }>`
      SELECT (SELECT min(length(r.body)) FROM wiki_page p JOIN wiki_revision r ON r.network_id = p.network_id
                AND r.page_id = p.id AND r.revision = p.current_revision WHERE p.network_id = ${networkId})::int AS wiki_min,
             (SELECT max(length(r.body)) FROM wiki_page p JOIN wiki_revision r ON r.network_id = p.network_id
                AND r.page_id = p.id AND r.revision = p.current_revision WHERE p.network_id = ${networkId})::int AS wiki_max,
             (SELECT min(length(body)) FROM discussion_post WHERE network_id = ${networkId})::int AS post_min,
             (SELECT max(length(body)) FROM discussion_post WHERE network_id = ${networkId})::int AS post_max,
             (SELECT array_agg(DISTINCT status ORDER BY status) FROM map_report WHERE network_id = ${networkId}) AS statuses
    `.execute(d.db);
    const x = r.rows[0]!;
    assert.ok(x.wiki_min >= 1000 && x.wiki_max <= 6144, JSON.stringify(x));
    assert.ok(x.post_min >= 100 && x.post_max <= 1500, JSON.stringify(x));
    assert.deepEqual(x.statuses, ['confirmed', 'done', 'forwarded', 'in_progress', 'new', 'rejected']);
    const handles = town.knowledge!.handles;
    const threads = await d.db
      .selectFrom('discussion_thread')
      .select(['id', 'post_count'])
      .where('network_id', '=', networkId)
      .orderBy('post_count', 'desc')
      .limit(2)
      .execute();
    assert.equal(threads[0]!.id, handles.threadId);
    assert.equal(threads[0]!.post_count, handles.threadPosts);
    // long: many times an average thread
    assert.ok(threads[0]!.post_count > (5 * town.spec.posts) / town.spec.threads, JSON.stringify(threads));
    const page = await d.db
      .selectFrom('wiki_page')
      .select(['organisation_id', 'visibility', 'archived_at', 'current_revision'])
      .where('network_id', '=', networkId)
      .where('id', '=', handles.wikiPageId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(page, {
      organisation_id: null,
      visibility: 'public',
      archived_at: null,
      current_revision: handles.wikiPageRevisions,
    });
  });

  test('the bench’s everyday searches hit every kind of knowledge thing, and find those in the index', async () => {
    // the words are in the corpus of every kind, whatever the server indexes
    const queries = knowledgeQueries.map(([, q]) => sql`plainto_tsquery('german', ${q})`);
    const anyQuery = sql.join(queries, sql` || `);
    const r = await sql<{ wiki: number; news: number; threads: number; reports: number }>`
      SELECT
        (SELECT count(*)::int FROM wiki_page p JOIN wiki_revision r ON r.network_id = p.network_id AND r.page_id = p.id
           AND r.revision = p.current_revision
         WHERE p.network_id = ${networkId} AND to_tsvector('german', r.title || ' ' || r.body) @@ (${anyQuery})) AS wiki,
        (SELECT count(*)::int FROM news_post WHERE network_id = ${networkId}
           AND to_tsvector('german', title || ' ' || body) @@ (${anyQuery})) AS news,
        (SELECT count(*)::int FROM discussion_thread t JOIN discussion_post p ON p.network_id = t.network_id
           AND p.thread_id = t.id AND p.position = 1
         WHERE t.network_id = ${networkId} AND to_tsvector('german', t.title || ' ' || p.body) @@ (${anyQuery})) AS threads,
        (SELECT count(*)::int FROM map_report WHERE network_id = ${networkId}
           AND to_tsvector('german', title || ' ' || body) @@ (${anyQuery})) AS reports`.execute(d.db);
    const hits = r.rows[0]!;
    for (const [k, v] of Object.entries(hits)) assert.ok(v > 0, `no ${k} for the bench's searches`);
    // and the search finds each knowledge type the server registers (after the parts are merged: all four)
    const found = new Set<string>();
    for (const [, q] of knowledgeQueries) {
      const res = await search(d.db, networkId, q, { limit: 100, offset: 0 });
      for (const hit of res.hits) found.add(hit.entityType);
    }
    for (const type of indexedTypes())
      assert.ok(found.has(type), `no ${type} among ${[...found].join(', ')}`);
    for (const type of knowledgeSearchTypes)
      if (!indexedTypes().includes(type))
        assert.ok(!found.has(type), `${type} is indexed but not registered`);
  });
});
