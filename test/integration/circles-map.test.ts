import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { api, circleWithEveryRole, type EveryRole } from './circles-fixture.ts';

describe('support circles: the network map (Netzwerkkarte)', () => {
  let t: TestApp;
  let call: ReturnType<typeof api>;
  let k: EveryRole;
  let url: (p?: string) => string;

  before(async () => {
    t = await createTestApp();
    call = api(t);
    k = await circleWithEveryRole(t);
    url = (p = '') => `/${k.circleId}/map${p}`;
  });
  after(() => t.close());

  async function entry(body: Record<string, unknown>) {
    const res = await call(k.coordinator, 'POST', url('/entries'), body);
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as { id: string; displayLabel: string; label?: string };
  }

  test('Aylin draws Herr K.’s map with him, takes snapshots and sees how the network grew', async () => {
    const daughter = await entry({
      sector: 'family',
      ring: 1,
      label: 'Sabine Krause',
      accountId: k.proxy.id,
      support: ['practical', 'emotional'],
    });
    const son = await entry({ sector: 'family', ring: 3, label: 'Thomas Krause', quality: 'conflict' });
    const neighbour = await entry({
      sector: 'friends_neighbours',
      ring: 2,
      label: 'Frau Berg',
      support: ['practical'],
    });
    const gp = await entry({ sector: 'professional', ring: 2, label: 'Dr. Özdemir', showLabel: true });
    assert.equal(son.displayLabel, 'T. K.', 'people without an account show as initials');
    assert.equal(son.label, 'Thomas Krause', 'the coordinator sees the full label');
    assert.equal(daughter.displayLabel, 'Sabine Krause');
    assert.equal(gp.displayLabel, 'Dr. Özdemir');

    const tie = await call(k.coordinator, 'POST', url('/ties'), {
      a: daughter.id,
      b: son.id,
      quality: 'ambivalent',
    });
    assert.equal(tie.statusCode, 201, tie.body);
    assert.equal((await call(k.coordinator, 'POST', url('/ties'), { a: son.id, b: son.id })).statusCode, 422);
    const described = await call(k.coordinator, 'PATCH', url(`/ties/${tie.json().id}`), {
      support: ['care'],
    });
    assert.deepEqual(described.json().support, ['care']);
    assert.equal(described.json().quality, 'ambivalent');

    const first = await call(k.coordinator, 'POST', url('/snapshots'), { title: 'Erstgespräch' });
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(first.json().figures.size, 4);

    // weeks later: a volunteer joins, the son comes closer, the neighbour moved away
    const volunteer = await entry({
      sector: 'work_school_clubs',
      ring: 2,
      label: 'Herr Yilmaz',
      support: ['information'],
    });
    await call(k.coordinator, 'PATCH', url(`/entries/${son.id}`), { ring: 2, quality: 'supportive' });
    await call(k.coordinator, 'DELETE', url(`/entries/${neighbour.id}`));
    const second = (await call(k.coordinator, 'POST', url('/snapshots'), {})).json();

    const map = (await call(k.professional, 'GET', url())).json();
    assert.equal(map.figures.size, 4);
    assert.deepEqual(map.figures.perSector, {
      family: 2,
      friends_neighbours: 0,
      work_school_clubs: 1,
      professional: 1,
    });
    assert.equal(map.figures.professionalShare, 0.25);
    assert.equal(map.figures.supportiveTies, 4);
    assert.ok(
      map.entries.every((e: { label?: string }) => e.label === undefined),
      'professionals see initials only',
    );

    const diff = (await call(k.owner, 'GET', url(`/compare?from=${first.json().id}&to=${second.id}`))).json();
    assert.deepEqual(
      diff.added.map((e: { id: string }) => e.id),
      [volunteer.id],
    );
    assert.deepEqual(
      diff.removed.map((e: { id: string }) => e.id),
      [neighbour.id],
    );
    assert.equal(diff.changed.length, 1);
    assert.deepEqual(diff.changed[0].fields, ['ring', 'quality']);
    assert.equal(diff.from.figures.perSector.friends_neighbours, 1);
    assert.equal(diff.to.figures.perSector.work_school_clubs, 1);

    const toNow = await call(k.owner, 'GET', url(`/compare?from=${first.json().id}`));
    assert.equal(toNow.statusCode, 200);
    assert.equal(toNow.json().to.id, null);

    const list = (await call(k.coordinator, 'GET', url('/snapshots'))).json().items;
    assert.deepEqual(
      list.map((s: { title: string }) => s.title),
      ['Erstgespräch', ''],
    );
    const old = (await call(k.coordinator, 'GET', url(`/snapshots/${first.json().id}`))).json();
    assert.ok(
      old.entries.some((e: { id: string }) => e.id === neighbour.id),
      'a snapshot keeps what was',
    );
  });

  test('snapshots are immutable copies, even in the database', async () => {
    await assert.rejects(
      sql`UPDATE circle_map_snapshot SET title = 'x' WHERE circle_id = ${k.circleId}`.execute(t.db),
      /append-only/,
    );
    await assert.rejects(
      sql`DELETE FROM circle_map_snapshot WHERE circle_id = ${k.circleId}`.execute(t.db),
      /append-only/,
    );
  });

  test('helpers and viewers do not see the map; professionals see but do not edit labels', async () => {
    assert.equal((await call(k.helper, 'GET', url())).statusCode, 404);
    assert.equal((await call(k.viewer, 'GET', url())).statusCode, 404);
    assert.equal(
      (await call(k.helper, 'POST', url('/entries'), { sector: 'family', ring: 1, label: 'X' })).statusCode,
      404,
    );
    const p = await call(k.professional, 'POST', url('/entries'), {
      sector: 'professional',
      ring: 2,
      label: 'Sozialdienst',
    });
    assert.equal(p.statusCode, 201);
  });
});
