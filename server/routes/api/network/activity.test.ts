import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createOrganisation, createUser } from '../../../../test/helpers/factories.ts';
import { localDate } from '../../../platform/localTime.ts';
import { lastWholeMonth, networkActivity } from './activity.ts';

type Figure = { area: string; key: string; value: number | null; suppressed: boolean };
const figure = (figures: Figure[], key: string) => {
  const f = figures.find((x) => x.key === key);
  assert.ok(f, `a figure ${key}`);
  return f;
};

describe('the town in numbers (GET /network/activity)', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  test('the last whole month is a calendar month in local time, also across the new year', () => {
    const m = lastWholeMonth(new Date('2026-12-06T10:00:00Z'));
    assert.equal(m.firstDay, '2026-11-01');
    assert.equal(m.lastDay, '2026-11-30');
    assert.equal(m.from.toISOString(), '2026-10-31T23:00:00.000Z'); // midnight in Berlin (CET)
    assert.equal(m.to.toISOString(), '2026-11-30T23:00:00.000Z');
    const january = lastWholeMonth(new Date('2027-01-01T00:30:00+01:00'));
    assert.equal(january.firstDay, '2026-12-01');
    assert.equal(january.lastDay, '2026-12-31');
  });

  test('anyone may read it, and an empty town shows its zeros from every network', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/network/activity' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['cache-control']), /public, max-age=\d+/);
    const body = res.json() as { month: { from: string; to: string }; figures: Figure[] };
    assert.match(body.month.from, /^\d{4}-\d{2}-01$/);
    const areas = new Set(body.figures.map((f) => f.area));
    for (const a of ['network', 'sharing', 'participation', 'timebank', 'support', 'places'])
      assert.ok(areas.has(a), `figures of ${a}`);
    for (const f of body.figures) {
      assert.equal(f.value, 0, `${f.area}.${f.key}`);
      assert.equal(f.suppressed, false, `${f.area}.${f.key}: nobody has nothing to hide`);
    }
  });

  test('a figure that rests on one to four people shows no number, five show it', async () => {
    for (let i = 0; i < 3; i++) await createUser(t);
    let people = figure((await networkActivity(t.db, t.networkId)).figures, 'people');
    assert.deepEqual(people, { area: 'network', key: 'people', value: null, suppressed: true });
    for (let i = 0; i < 2; i++) await createUser(t);
    people = figure((await networkActivity(t.db, t.networkId)).figures, 'people');
    assert.deepEqual(people, { area: 'network', key: 'people', value: 5, suppressed: false });
  });

  test('hours of engagement count for the last whole month only, and not while too few gave them', async () => {
    const org = await createOrganisation(t);
    const now = new Date();
    const month = lastWholeMonth(now);
    const volunteers = await Promise.all([1, 2, 3, 4, 5].map(() => createUser(t)));
    const log = (accountId: string, occurredOn: string, minutes: number, status: 'confirmed' | 'pending') =>
      t.db
        .insertInto('hours_entry')
        .values({
          network_id: t.networkId,
          account_id: accountId,
          organisation_id: org.id,
          activity: 'Mittagstisch',
          occurred_on: occurredOn,
          minutes,
          source: 'logged',
          status,
          decided_at: status === 'pending' ? null : now,
        })
        .execute();
    // two people last month: a figure about them would be their own record
    await log(volunteers[0]!.id, month.firstDay, 120, 'confirmed');
    await log(volunteers[1]!.id, month.lastDay, 60, 'confirmed');
    let hours = figure((await networkActivity(t.db, t.networkId, now)).figures, 'hours');
    assert.deepEqual(hours, { area: 'participation', key: 'hours', value: null, suppressed: true });
    // three more people; hours still waiting for confirmation and hours of this month do not count
    for (const v of volunteers.slice(2)) await log(v.id, month.firstDay, 60, 'confirmed');
    await log(volunteers[0]!.id, month.firstDay, 600, 'pending');
    await log(volunteers[0]!.id, localDate(month.to), 600, 'confirmed');
    hours = figure((await networkActivity(t.db, t.networkId, now)).figures, 'hours');
    assert.deepEqual(hours, { area: 'participation', key: 'hours', value: 6, suppressed: false });
  });

  test('the organisations are counted, whoever is in them', async () => {
    const before = figure((await networkActivity(t.db, t.networkId)).figures, 'organisations').value ?? 0;
    await createOrganisation(t);
    const after = figure((await networkActivity(t.db, t.networkId)).figures, 'organisations');
    assert.deepEqual(after, { area: 'network', key: 'organisations', value: before + 1, suppressed: false });
  });
});
