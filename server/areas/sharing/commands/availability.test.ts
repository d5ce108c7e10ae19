import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatSlot, localParts, weeklyOccurrences, zonedTime } from '../../../platform/localTime.ts';
import { fitsAvailability } from './availability.ts';

describe('availability in local time', () => {
  test('local wall time round-trips in winter and summer', () => {
    const winter = zonedTime(2026, 12, 1, 18 * 60);
    assert.equal(winter.toISOString(), '2026-12-01T17:00:00.000Z');
    const summer = zonedTime(2026, 7, 7, 18 * 60);
    assert.equal(summer.toISOString(), '2026-07-07T16:00:00.000Z');
    assert.deepEqual(localParts(summer), { year: 2026, month: 7, day: 7, weekday: 2, minutes: 1080 });
  });

  test('a weekly series stays at 18 h local time across the change to winter time', () => {
    const start = zonedTime(2026, 10, 13, 18 * 60);
    const end = zonedTime(2026, 10, 13, 20 * 60);
    const occ = weeklyOccurrences(start, end, '2026-11-03');
    assert.equal(occ.length, 4);
    for (const o of occ) {
      assert.equal(localParts(o.start).minutes, 18 * 60);
      assert.equal(localParts(o.start).weekday, 2);
      assert.equal(o.end.getTime() - o.start.getTime(), 2 * 60 * 60 * 1000);
    }
  });

  test('a booking must lie within one window of the rules; no rules means always available', () => {
    const rules = [{ weekday: 1, start_time: '17:00:00', end_time: '22:00:00' }];
    const monday = (h1: number, h2: number) => [
      zonedTime(2026, 11, 30, h1 * 60),
      zonedTime(2026, 11, 30, h2 * 60),
    ];
    const [a, b] = monday(18, 20);
    assert.equal(fitsAvailability(a!, b!, rules), true);
    const [c, d] = monday(16, 18);
    assert.equal(fitsAvailability(c!, d!, rules), false);
    const tuesday = [zonedTime(2026, 12, 1, 18 * 60), zonedTime(2026, 12, 1, 20 * 60)];
    assert.equal(fitsAvailability(tuesday[0]!, tuesday[1]!, rules), false);
    assert.equal(fitsAvailability(tuesday[0]!, tuesday[1]!, []), true);
  });

  test('a slot reads like a person would write it', () => {
    const s = zonedTime(2026, 12, 1, 18 * 60);
    const e = zonedTime(2026, 12, 1, 20 * 60);
    assert.equal(formatSlot(s, e, 'de'), 'Di., 1.12.2026, 18:00–20:00');
    assert.match(formatSlot(s, e, 'en'), /^Tue, 01\/12\/2026, 18:00–20:00$/);
  });
});
