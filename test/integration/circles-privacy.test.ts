import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { loadConfig } from '../../server/config.ts';
import { jobHandlers } from '../../server/platform/job-handlers.ts';
import { runDueJobs } from '../../server/platform/jobs.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { api, circleWithEveryRole, type EveryRole, multipartBody } from './circles-fixture.ts';

const circleTables = [
  'circle',
  'circle_consent',
  'circle_member',
  'circle_invitation',
  'circle_need_series',
  'circle_need',
  'circle_feed',
  'circle_map_entry',
  'circle_map_tie',
  'circle_map_snapshot',
  'circle_update',
  'circle_comment',
  'circle_attachment',
  'circle_team_member',
];

describe('support circles: privacy, audit, export and deletion', () => {
  let t: TestApp;
  let call: ReturnType<typeof api>;
  let k: EveryRole;
  const handlers = jobHandlers(loadConfig({ SEED: 'none', DATA_DIR: '/nonexistent' }));

  before(async () => {
    t = await createTestApp();
    call = api(t);
    k = await circleWithEveryRole(t);
  });
  after(() => t.close());

  /** A PDF attached to an update (the upload is multipart, so not through `call`). */
  async function attachPdf(user: EveryRole['owner'], circleId: string, updateId: string, filename: string) {
    const body = multipartBody(
      {},
      { bytes: Buffer.from('%PDF-1.4\n%%EOF\n'), filename, type: 'application/pdf' },
    );
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/circles/${circleId}/updates/${updateId}/attachments`,
      headers: { ...user.headers, 'content-type': body.contentType },
      payload: body.payload,
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as { id: string; url: string };
  }

  test('the access log shows a visit as one line: reads of one part by one person, at most 30 minutes apart', async () => {
    const fx = await circleWithEveryRole(t);
    const base = Date.parse('2026-11-20T09:00:00Z');
    const at = (minutes: number) => new Date(base + minutes * 60_000);
    const row = (actorId: string, minutes: number, action: string, what?: string) => ({
      network_id: t.networkId,
      actor_id: actorId,
      action,
      entity_type: 'circle',
      entity_id: fx.circleId,
      details: JSON.stringify(what ? { what } : {}),
      at: at(minutes),
    });
    // far in the past, so everything the fixture wrote comes before these in the list
    await t.db
      .insertInto('audit_log')
      .values([
        row(fx.professional.id, 0, 'circle.read', '/:id/updates'),
        row(fx.professional.id, 5, 'circle.read', '/:id/updates'),
        row(fx.coordinator.id, 6, 'circle.need_created'),
        row(fx.professional.id, 7, 'circle.read', '/:id/needs'),
        row(fx.professional.id, 35, 'circle.read', '/:id/updates'), // 30 minutes after the last: same visit
        row(fx.professional.id, 66, 'circle.read', '/:id/updates'), // 31 minutes later: a new visit
      ])
      .execute();
    const log = (await call(fx.owner, 'GET', `/${fx.circleId}/access-log?limit=100`)).json();
    const old = (log.items as { at: string; firstAt: string; count: number; action: string; what: string }[])
      .filter((e) => Date.parse(e.at) < base + 24 * 3_600_000)
      .map((e) => [
        e.action,
        e.what,
        e.count,
        (Date.parse(e.firstAt) - base) / 60_000,
        (Date.parse(e.at) - base) / 60_000,
      ]);
    assert.deepEqual(old, [
      ['circle.read', '/:id/updates', 1, 66, 66],
      ['circle.read', '/:id/updates', 3, 0, 35],
      ['circle.read', '/:id/needs', 1, 7, 7],
      ['circle.need_created', '', 1, 6, 6],
    ]);
    // the total counts entries, and the pages meet without a gap or an overlap
    const all = log.items.map((e: { id: string }) => e.id);
    assert.equal(log.total, all.length);
    const paged: string[] = [];
    for (let offset = 0; offset < log.total; offset += 3)
      paged.push(
        ...(await call(fx.owner, 'GET', `/${fx.circleId}/access-log?limit=3&offset=${offset}`))
          .json()
          .items.map((e: { id: string }) => e.id),
      );
    assert.deepEqual(paged, all);
    // the owner's export still has every single read
    const exported = (await call(fx.owner, 'GET', `/${fx.circleId}/export`)).json();
    const reads = exported.accessLog.filter(
      (e: { at: string; action: string }) =>
        e.action === 'circle.read' && Date.parse(e.at) < base + 24 * 3_600_000,
    );
    assert.equal(reads.length, 5);
  });

  test('every read by a professional is in the access log, which only the owner reads', async () => {
    await call(k.professional, 'GET', `/${k.circleId}`);
    await call(k.professional, 'GET', `/${k.circleId}/needs`);
    await call(k.coordinator, 'GET', `/${k.circleId}/needs`);
    const feed = await call(k.professional, 'POST', `/${k.circleId}/feed`);
    assert.equal((await t.app.inject({ url: new URL(feed.json().url).pathname })).statusCode, 200);
    const log = await call(k.owner, 'GET', `/${k.circleId}/access-log?limit=100`);
    assert.equal(log.statusCode, 200, log.body);
    const ids = log.json().items.map((e: { id: string }) => e.id);
    assert.ok(ids.length > 0 && ids.every((id: unknown) => typeof id === 'string' && id !== ''));
    assert.equal(new Set(ids).size, ids.length, 'every entry has its own id');
    const reads = log.json().items.filter((e: { action: string }) => e.action === 'circle.read');
    assert.deepEqual(
      reads.map((e: { actor: { name: string }; what: string }) => [e.actor.name, e.what]),
      [
        ['Pflegedienst', '/feeds'],
        ['Pflegedienst', '/:id/needs'],
        ['Pflegedienst', '/:id'],
      ],
    );
    for (const u of [k.coordinator, k.professional, k.helper, k.instanceAdmin])
      assert.equal((await call(u, 'GET', `/${k.circleId}/access-log`)).statusCode, 404);
    assert.equal((await call(k.proxy, 'GET', `/${k.circleId}/access-log`)).statusCode, 200);
  });

  test('a read with the circle id in capitals is logged like any other, and goes with the circle', async () => {
    const upper = k.circleId.toUpperCase();
    assert.equal((await call(k.professional, 'GET', `/${upper}/team`)).statusCode, 200);
    const log = await call(k.owner, 'GET', `/${upper}/access-log?limit=100`);
    const reads = log
      .json()
      .items.filter(
        (e: { action: string; what: string }) => e.action === 'circle.read' && e.what === '/:id/team',
      );
    assert.equal(reads.length, 1, 'the owner sees the read, whatever case the id was sent in');
    const stored = await t.db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('entity_id', '=', upper)
      .execute();
    assert.equal(stored.length, 0, 'no audit row keeps an id the circle does not have');
  });

  test('circles never show up in search, not even for their own members', async () => {
    const update = await call(k.owner, 'POST', `/${k.circleId}/updates`, {
      body: 'Zauberwort Rhabarberkuchen',
      visibility: 'all_members',
    });
    await attachPdf(k.owner, k.circleId, update.json().id, 'Rezept Rhabarberkuchen.pdf');
    for (const u of [k.owner, k.instanceAdmin]) {
      for (const q of ['Rhabarberkuchen', 'Herr K.']) {
        const res = await t.app.inject({
          url: `/api/v1/search?q=${encodeURIComponent(q)}`,
          headers: u.headers,
        });
        assert.equal(res.statusCode, 200);
        assert.equal(res.json().items.length, 0, q);
      }
    }
    const indexed = await t.db
      .selectFrom('search_document')
      .select('entity_type')
      .where('entity_type', 'like', 'circle%')
      .execute();
    assert.equal(indexed.length, 0);
  });

  test('the owner exports the whole circle as JSON; nobody else can', async () => {
    await call(k.coordinator, 'POST', `/${k.circleId}/needs`, {
      kind: 'ride',
      title: 'Fahrt zum Amt',
      start: new Date(Date.now() + 86_400_000).toISOString(),
      end: new Date(Date.now() + 90_000_000).toISOString(),
    });
    await call(k.coordinator, 'POST', `/${k.circleId}/map/entries`, {
      sector: 'family',
      ring: 1,
      label: 'Sabine',
    });
    const res = await call(k.owner, 'GET', `/${k.circleId}/export`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-disposition']), /attachment/);
    const doc = res.json();
    assert.equal(doc.format, 'knotenpunkt.circle.v1');
    assert.equal(doc.circle.personLabel, 'Herr K.');
    assert.equal(doc.consents[0].legalBasis, '§ 27 SGB XII, Beratungsvertrag');
    assert.equal(doc.members.length, 6);
    assert.ok(doc.needs.some((n: { title: string }) => n.title === 'Fahrt zum Amt'));
    assert.equal(doc.networkMap.entries[0].label, 'Sabine');
    const withFile = doc.updates.find((u: { body: string }) => u.body === 'Zauberwort Rhabarberkuchen');
    assert.ok(withFile);
    assert.equal(withFile.attachments.length, 1);
    const [file] = withFile.attachments;
    assert.deepEqual(
      { kind: file.kind, name: file.name, contentType: file.contentType, size: file.size },
      { kind: 'pdf', name: 'Rezept Rhabarberkuchen.pdf', contentType: 'application/pdf', size: 15 },
    );
    assert.equal((await t.app.inject({ url: file.url, headers: k.owner.headers })).statusCode, 200);
    assert.equal(file.bytes, undefined, 'the metadata, not the file itself');
    assert.ok(doc.accessLog.length > 0);
    for (const u of [k.coordinator, k.professional, k.instanceAdmin, null])
      assert.equal((await call(u, 'GET', `/${k.circleId}/export`)).statusCode, 404);
  });

  test('deletion on request: frozen during 30 days of grace, cancellable, then purged so nothing identifying remains', async () => {
    const { circleId } = k;
    // a care task done, so the community graph has an edge from this circle
    const needRes = await call(k.coordinator, 'POST', `/${circleId}/needs`, {
      kind: 'visit',
      title: 'Besuch',
      start: new Date(Date.now() - 7_200_000).toISOString(),
      end: new Date(Date.now() - 3_600_000).toISOString(),
    });
    const needId = needRes.json().items[0].id;
    await call(k.helper, 'POST', `/${circleId}/needs/${needId}/claim`);
    await call(k.helper, 'POST', `/${circleId}/needs/${needId}/done`, {});
    await call(k.helper, 'POST', `/${circleId}/feed`);
    await call(k.coordinator, 'POST', `/${circleId}/map/snapshots`, {});
    const hallo = await call(k.owner, 'POST', `/${circleId}/updates`, {
      body: 'Hallo',
      visibility: 'all_members',
    });
    const file = await attachPdf(k.owner, circleId, hallo.json().id, 'Befund.pdf');

    // the circle tells its members how long the grace period is, before anyone asks for deletion
    const { deletionGraceDays } = (await call(k.helper, 'GET', `/${circleId}`)).json();
    assert.equal(deletionGraceDays, 30);
    assert.equal((await call(k.coordinator, 'POST', `/${circleId}/deletion`)).statusCode, 404);
    const req = await call(k.owner, 'POST', `/${circleId}/deletion`);
    assert.equal(req.statusCode, 202, req.body);
    const days = (new Date(req.json().purgeAfter).getTime() - Date.now()) / 86_400_000;
    assert.ok(days > deletionGraceDays - 0.1 && days <= deletionGraceDays, String(days));
    assert.equal((await call(k.coordinator, 'GET', `/${circleId}`)).statusCode, 404);
    const frozen = (await call(k.owner, 'GET', `/${circleId}`)).json();
    assert.equal(frozen.status, 'deletion_requested');
    assert.equal((await call(k.owner, 'POST', `/${circleId}/deletion`)).statusCode, 409);

    assert.equal((await call(k.owner, 'DELETE', `/${circleId}/deletion`)).statusCode, 204);
    assert.equal(
      (await call(k.coordinator, 'GET', `/${circleId}`)).statusCode,
      200,
      'cancelled: back for everyone',
    );

    // a purge job that runs for a cancelled request leaves the circle alone
    await sql`UPDATE job SET run_at = now() WHERE kind = 'circle.purge'`.execute(t.db);
    while ((await runDueJobs(t.db, handlers)) > 0);
    assert.equal((await call(k.coordinator, 'GET', `/${circleId}`)).statusCode, 200);

    assert.equal((await call(k.owner, 'POST', `/${circleId}/deletion`)).statusCode, 202);
    // thirty days later
    await sql`UPDATE circle SET purge_after = now() - interval '1 second' WHERE id = ${circleId}`.execute(
      t.db,
    );
    await sql`UPDATE job SET run_at = now() WHERE kind = 'circle.purge' AND status = 'pending'`.execute(t.db);
    while ((await runDueJobs(t.db, handlers)) > 0);

    for (const table of circleTables) {
      const column = table === 'circle' ? 'id' : 'circle_id';
      const { rows } = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE ${sql.ref(column)} = ${circleId}`.execute(
        t.db,
      );
      assert.equal(rows[0]?.n, 0, table);
    }
    const notes = await t.db
      .selectFrom('notification')
      .select('id')
      .where('link', 'like', `/kreise/${circleId}%`)
      .execute();
    assert.equal(notes.length, 0);
    const edges = await t.db.selectFrom('interaction').select('id').where('source_id', '=', needId).execute();
    assert.equal(edges.length, 0);
    const pending = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM job WHERE status = 'pending' AND (payload->>'circleId' = ${circleId} OR payload->>'needId' = ${needId})`.execute(
      t.db,
    );
    assert.equal(pending.rows[0]?.n, 0);
    // the audit log keeps only that an unnamed circle was purged: no creator, invitations or reads
    const audited = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'details'])
      .where('entity_type', '=', 'circle')
      .where('entity_id', '=', circleId)
      .execute();
    assert.deepEqual(
      audited.map((a) => [a.action, a.actor_id]),
      [['circle.purged', null]],
    );
    // and the log stays append-only for everything else, the purge's own row included
    await sql`INSERT INTO audit_log (network_id, action, entity_type, entity_id)
      SELECT network_id, 'organisation.updated', 'organisation', ${circleId} FROM audit_log LIMIT 1`.execute(
      t.db,
    );
    await assert.rejects(
      sql`DELETE FROM audit_log WHERE entity_type = 'organisation'`.execute(t.db),
      /append-only/,
    );
    await assert.rejects(
      sql`DELETE FROM audit_log WHERE action = 'circle.purged'`.execute(t.db),
      /append-only/,
    );
    await assert.rejects(sql`UPDATE audit_log SET details = '{}'`.execute(t.db), /append-only/);
    assert.equal((await call(k.owner, 'GET', `/${circleId}`)).statusCode, 404);
    assert.equal((await t.app.inject({ url: file.url, headers: k.owner.headers })).statusCode, 404);
  });
});
