import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createSession, sessionCookie } from '../../../auth/sessions.ts';
import { seedDemoTown } from '../../../seed/demo.ts';
import { generateSuggestions } from './commands/generateSuggestions.ts';

describe('bridges in the demo town, made by the same code as in use', () => {
  let t: TestApp;
  const org = async (name: string) =>
    (await t.db.selectFrom('organisation').select('id').where('name', '=', name).executeTakeFirstOrThrow())
      .id;
  const suggestions = () =>
    t.db
      .selectFrom('bridge_suggestion as s')
      .innerJoin('organisation as a', 'a.id', 's.organisation_id')
      .innerJoin('organisation as b', 'b.id', 's.other_organisation_id')
      .select([
        's.id',
        's.status',
        's.offer_title',
        's.need_title',
        's.theme',
        's.outcome',
        'a.name as a',
        'b.name as b',
      ])
      .orderBy('s.id')
      .execute();
  const pair = (s: { a: string; b: string }) => [s.a, s.b].sort().join(' ↔ ');

  before(async () => {
    t = await createTestApp();
    await seedDemoTown(t.db, t.networkId);
  });
  after(() => t.close());

  test('the bakery’s back room waits for the Pflegedienst’s baking afternoon; the Diakonie was introduced and they met', async () => {
    const rows = await suggestions();
    // (other parts of the town may add suggestions of their own: these two are the story)
    const story = rows.map((s) => [pair(s), s.status]);
    for (const expected of [
      ['Ambulanter Pflegedienst Gartenstadt ↔ Bäckerei Yilmaz', 'open'],
      ['Ambulanter Pflegedienst Gartenstadt ↔ Diakonie-Sozialstation Lindenbrück', 'introduced'],
    ])
      assert.ok(
        story.some((x) => x[0] === expected[0] && x[1] === expected[1]),
        `${expected.join(': ')} in ${JSON.stringify(story)}`,
      );
    assert.equal(rows.filter((s) => s.status === 'introduced').length, 1, 'one introduced');
    const bakery = rows.find((s) => pair(s) === 'Ambulanter Pflegedienst Gartenstadt ↔ Bäckerei Yilmaz')!;
    assert.deepEqual(
      [bakery.theme, bakery.offer_title, bakery.need_title],
      ['space', 'Hinterzimmer der Bäckerei Yilmaz', 'Raum für unseren Backnachmittag gesucht'],
    );
    const hall = rows.find((s) => s.status === 'introduced')!;
    assert.equal(hall.outcome, 'met');
    const met = await t.db
      .selectFrom('interaction')
      .select(['area', 'kind', 'a_id', 'b_id'])
      .where('source_type', '=', 'bridge_suggestion')
      .where('source_id', '=', hall.id)
      .execute();
    assert.equal(met.length, 1);
    assert.deepEqual(
      [met[0]!.a_id, met[0]!.b_id].sort(),
      [
        await org('Ambulanter Pflegedienst Gartenstadt'),
        await org('Diakonie-Sozialstation Lindenbrück'),
      ].sort(),
    );
  });

  test('the town as seeded is what the job makes of it: running it again changes nothing', async () => {
    const before = await suggestions();
    const run = await generateSuggestions(t.db, t.networkId);
    assert.deepEqual(run, { created: 0, refreshed: 0, reopened: 0, removed: 0 });
    assert.deepEqual(await suggestions(), before);
  });

  test('Hasan finds it on his home; the notifications of five weeks ago are read', async () => {
    const hasan = await t.db
      .selectFrom('account')
      .select('id')
      .where('email', '=', 'hasan@baeckerei-yilmaz.example')
      .executeTakeFirstOrThrow();
    const s = await createSession(t.db, t.networkId, hasan.id, 'test');
    const res = await t.app.inject({
      url: '/api/v1/me/today',
      headers: { cookie: `${sessionCookie}=${s.secret}`, 'accept-language': 'de' },
    });
    const section = (
      res.json().sections as { id: string; items: { title: string; detail: string }[] }[]
    ).find((x) => x.id === 'places.bridges');
    assert.deepEqual(
      section?.items.map((i) => [i.title, i.detail]),
      [
        [
          'Bäckerei Yilmaz und Ambulanter Pflegedienst Gartenstadt kennenlernen?',
          'Bäckerei Yilmaz hat „Hinterzimmer der Bäckerei Yilmaz“ – ein Ort für „Raum für unseren Backnachmittag gesucht“ von Ambulanter Pflegedienst Gartenstadt.',
        ],
      ],
    );
    const unread = await t.db
      .selectFrom('notification')
      .select('id')
      .where('kind', 'like', 'bridge.%')
      .where('read_at', 'is', null)
      .execute();
    assert.equal(unread.length, 0);
  });
});
