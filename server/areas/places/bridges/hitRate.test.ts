import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { makeSuggestion } from '../../../../test/helpers/bridges.ts';
import { createOrganisation, createUser } from '../../../../test/helpers/factories.ts';
import { hitRateByMonth } from './hitRate.ts';

/** 15 June 2027, noon in Lindenbrück: May and June are the last two months. */
const now = new Date('2027-06-15T10:00:00Z');

describe('the hit rate, month by month, through the small-cell rule', () => {
  let t: TestApp;
  let people: string[];
  let hub: string;

  /** An introduction on `at` with its outcome, the people behind it given as who said yes and who answered. */
  async function introduction(at: string, outcome: 'met' | 'not_met' | 'interaction' | null, by: string[]) {
    const other = await createOrganisation(t, { sector: 'business' });
    const id = await makeSuggestion(t, {
      organisationId: hub,
      other: { type: 'organisation', id: other.id },
    });
    const [a, b, metA] = by;
    await t.db
      .updateTable('bridge_suggestion')
      .set({
        status: 'introduced',
        introduced_at: new Date(at),
        introduced_via: 'both',
        a_accepted_at: new Date(at),
        a_accepted_by: a ?? null,
        b_accepted_at: new Date(at),
        b_accepted_by: b ?? null,
        follow_up_due_at: new Date(new Date(at).getTime() + 30 * 86_400_000),
        ...(outcome === 'met'
          ? { a_met: true, a_met_by: metA ?? null, follow_up_asked_at: new Date(at) }
          : {}),
        ...(outcome === 'not_met' ? { a_met: false, b_met: false, follow_up_asked_at: new Date(at) } : {}),
        ...(outcome ? { outcome, outcome_at: new Date(at) } : {}),
      })
      .where('id', '=', id)
      .execute();
  }

  before(async () => {
    t = await createTestApp();
    hub = (await createOrganisation(t, { sector: 'public' })).id;
    people = [];
    for (let i = 0; i < 8; i++) people.push((await createUser(t)).id);
    const p = people;
    // June: four introductions behind six people, two hits, one not met, one still open
    await introduction('2027-06-02T09:00:00Z', 'met', [p[0]!, p[1]!, p[2]!]);
    await introduction('2027-06-03T09:00:00Z', 'interaction', [p[3]!, p[4]!]);
    await introduction('2027-06-04T09:00:00Z', 'not_met', [p[5]!, p[0]!]);
    await introduction('2027-06-10T09:00:00Z', null, [p[1]!, p[2]!]);
    // May: one introduction behind two people
    await introduction('2027-05-20T09:00:00Z', 'met', [p[6]!, p[7]!]);
    // a year and more ago: outside the twelve months
    await introduction('2026-05-20T09:00:00Z', 'met', [p[0]!, p[1]!]);
  });
  after(() => t.close());

  test('a month of five or more people shows its figures; one of fewer shows none; an empty one its zeros', async () => {
    const r = await hitRateByMonth(t.db, t.networkId, now);
    assert.deepEqual(
      r.months.map((m) => m.month),
      [
        '2026-07',
        '2026-08',
        '2026-09',
        '2026-10',
        '2026-11',
        '2026-12',
        '2027-01',
        '2027-02',
        '2027-03',
        '2027-04',
        '2027-05',
        '2027-06',
      ],
    );
    assert.deepEqual(r.months.at(-1), {
      month: '2027-06',
      introduced: 4,
      hits: 2,
      waiting: 1,
      rate: 0.5,
      suppressed: false,
    });
    assert.deepEqual(r.months.at(-2), {
      month: '2027-05',
      introduced: null,
      hits: null,
      waiting: null,
      rate: null,
      suppressed: true,
    });
    assert.deepEqual(r.months[0], {
      month: '2026-07',
      introduced: 0,
      hits: 0,
      waiting: 0,
      rate: null,
      suppressed: false,
    });
  });

  test('the total is hidden when it would give a hidden month away (total − June = May)', async () => {
    const r = await hitRateByMonth(t.db, t.networkId, now);
    assert.equal(r.total.suppressed, true);
    assert.equal(r.total.introduced, null);
  });

  test('once the hidden months rest on five people together, the total shows', async () => {
    const p = people;
    await introduction('2027-04-20T09:00:00Z', 'met', [p[0]!, p[1]!, p[2]!]);
    const r = await hitRateByMonth(t.db, t.networkId, now);
    assert.equal(r.months.at(-3)?.suppressed, true, 'April alone: three people');
    assert.deepEqual(r.total, { introduced: 6, hits: 4, waiting: 1, rate: 4 / 6, suppressed: false });
  });
});
