import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { localDate } from '../../../platform/localTime.ts';
import { seedDemoTown } from '../../../seed/demo.ts';

/**
 * The demo town's events: a month of them in the one calendar beside Mitmachen's shifts and
 * Mitgestalten's meetings, the mixes the filters need, one full event with people waiting, a
 * members-only one, last week's baking afternoon whose attendance joined families and the bakery in
 * the interaction record — and the Repair-Café community's afternoons.
 */
let t: TestApp;
before(async () => {
  t = await createTestApp();
  await seedDemoTown(t.db, t.networkId);
});
after(() => t.close());

const calendar = async (query: string) => {
  const r = await t.app.inject({ url: `/api/v1/places/events/calendar?limit=200&${query}` });
  assert.equal(r.statusCode, 200, r.body);
  return r.json() as {
    total: number;
    items: {
      area: string;
      title: string;
      accessible: boolean | null;
      free: boolean | null;
      online: boolean;
      cancelled: boolean;
      freePlaces: number | null;
    }[];
  };
};

test('a month of events across areas, with every mix the calendar’s filters ask for', async () => {
  const from = localDate(new Date(Date.now() - 10 * 86_400_000));
  const to = localDate(new Date(Date.now() + 30 * 86_400_000));
  const month = await calendar(`from=${from}&to=${to}`);
  const areas = new Set(month.items.map((i) => i.area));
  for (const a of ['places', 'participation', 'codesign']) assert.ok(areas.has(a), `${a} in the calendar`);
  const events = month.items.filter((i) => i.area === 'places');
  assert.ok(events.length >= 12, `${events.length} events`);
  assert.ok(events.some((e) => e.accessible === true) && events.some((e) => e.accessible === false));
  assert.ok(events.some((e) => e.free === true) && events.some((e) => e.free === false));
  assert.ok(events.some((e) => e.online));
  assert.ok(events.some((e) => e.cancelled));
  const smartphone = events.find((e) => e.title.startsWith('Smartphone-Sprechstunde'));
  assert.equal(smartphone?.freePlaces, 0, 'the smartphone hour is full');
  assert.ok(
    !events.some((e) => e.title.startsWith('Dankeschön-Abend')),
    'members-only stays with the members',
  );
  const waiting = await t.db
    .selectFrom('place_event_registration')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('status', '=', 'waitlisted')
    .executeTakeFirstOrThrow();
  assert.equal(Number(waiting.n), 3);
});

test('who came to the bakery’s baking afternoon is in the interaction record; who did not is not', async () => {
  const bakery = await t.db
    .selectFrom('organisation')
    .select('id')
    .where('slug', '=', 'baeckerei-yilmaz')
    .executeTakeFirstOrThrow();
  const edges = await t.db
    .selectFrom('interaction as i')
    .innerJoin('account as a', 'a.id', 'i.a_id')
    .select(['a.display_name', 'i.mode', 'i.kind'])
    .where('i.area', '=', 'places')
    .where('i.kind', '=', 'event')
    .where('i.b_id', '=', bakery.id)
    .orderBy('a.display_name')
    .execute();
  assert.deepEqual(
    edges.map((e) => [e.display_name, e.mode]),
    [
      ['Anna Lehmann', 'offline'],
      ['Dennis Vogt', 'offline'],
      ['Samira Bouzid', 'offline'],
    ],
  );
});

test('the Repair-Café community holds its afternoons in the calendar', async () => {
  const community = await t.db
    .selectFrom('community')
    .select('id')
    .where('network_id', '=', t.networkId)
    .where('slug', '=', 'repair-cafe-lindenbrueck')
    .executeTakeFirstOrThrow();
  const theirs = await calendar(`community=${community.id}`);
  assert.deepEqual(
    theirs.items.map((i) => i.title),
    ['Repair-Café: Toaster, Lampen, Radios', 'Repair-Café: Kleidung und Fahrräder'],
  );
});
