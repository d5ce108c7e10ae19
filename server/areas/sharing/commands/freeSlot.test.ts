import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatSlot, zonedTime } from '../../../platform/localTime.ts';
import { fitsAvailability } from './availability.ts';
import { earliestStart, type FreeSlotQuery, firstFreeSlot } from './freeSlot.ts';

// Monday 30 November 2026, 09:20 in Lindenbrück
const now = zonedTime(2026, 11, 30, 9 * 60 + 20);
const at = (day: number, h: number, m = 0) => zonedTime(2026, 11, day, h * 60 + m);
const slot = (q: Partial<FreeSlotQuery>) => {
  const s = firstFreeSlot({
    from: now,
    now,
    minutes: 120,
    days: 28,
    rules: [],
    blocked: [],
    taken: [],
    bufferMinutes: 0,
    ...q,
  });
  return s && formatSlot(s.start, s.end, 'de');
};

describe('the first free slot the booking form offers', () => {
  test('starts at the next full hour at least half an hour ahead', () => {
    assert.equal(earliestStart(at(30, 9, 20)).getTime(), at(30, 10).getTime());
    assert.equal(earliestStart(at(30, 9, 40)).getTime(), at(30, 11).getTime());
  });

  test('without weekly rules: in the daytime, today if there is time left', () => {
    assert.equal(slot({}), 'Mo., 30.11.2026, 10:00–12:00');
    assert.equal(slot({ now: at(30, 19) }), 'Di., 1.12.2026, 08:00–10:00');
  });

  test('inside the weekly rules only, and a window shorter than wanted is offered whole', () => {
    const rules = [
      { weekday: 2, start_time: '16:00', end_time: '21:00' },
      { weekday: 4, start_time: '18:00', end_time: '19:00' },
    ];
    assert.equal(slot({ rules }), 'Di., 1.12.2026, 16:00–18:00');
    assert.equal(slot({ rules, minutes: 600 }), 'Di., 1.12.2026, 16:00–21:00');
    const thursday = [{ weekday: 4, start_time: '18:00', end_time: '19:00' }];
    const s = firstFreeSlot({
      from: now,
      now,
      minutes: 120,
      days: 28,
      rules: thursday,
      blocked: [],
      taken: [],
      bufferMinutes: 0,
    });
    assert.ok(
      s &&
        fitsAvailability(
          s.start,
          s.end,
          thursday.map((r) => ({ ...r })),
        ),
    );
  });

  test('clear of bookings with their buffers, before and after', () => {
    const rules = [{ weekday: 1, start_time: '09:00', end_time: '18:00' }];
    // a booking 10–12 whose buffer of 30 minutes holds the hall until 12:30
    const taken = [{ start: at(30, 10), end: at(30, 12, 30) }];
    assert.equal(slot({ rules, taken }), 'Mo., 30.11.2026, 12:30–14:30');
    // with a buffer of its own, a new booking must also end 30 minutes before the next one
    const later = [{ start: at(30, 14), end: at(30, 16) }];
    assert.equal(
      slot({ rules, taken: [...taken, ...later], bufferMinutes: 30 }),
      'Mo., 30.11.2026, 16:00–18:00',
    );
  });

  test('outside blocked periods, and after a chosen day', () => {
    const blocked = [{ start: at(30, 0), end: zonedTime(2026, 12, 3, 0) }];
    assert.equal(slot({ blocked }), 'Do., 3.12.2026, 08:00–10:00');
    assert.equal(slot({ from: zonedTime(2026, 12, 10, 0) }), 'Do., 10.12.2026, 08:00–10:00');
  });

  test('nothing at all in the weeks looked at: null, not a guess', () => {
    const blocked = [{ start: at(1, 0), end: zonedTime(2027, 2, 1, 0) }];
    assert.equal(slot({ blocked }), null);
    assert.equal(
      slot({ rules: [{ weekday: 1, start_time: '08:00', end_time: '09:00' }], now: at(30, 12), days: 6 }),
      null,
    );
  });

  test('keeps the local time across the change of daylight saving', () => {
    // Sunday 25 October 2026 is the change to winter time; the day after at 08:00 local time
    const s = firstFreeSlot({
      from: zonedTime(2026, 10, 25, 0),
      now: zonedTime(2026, 10, 24, 12 * 60),
      minutes: 60,
      days: 3,
      rules: [{ weekday: 1, start_time: '08:00', end_time: '09:00' }],
      blocked: [],
      taken: [],
      bufferMinutes: 0,
    });
    assert.equal(s?.start.toISOString(), '2026-10-26T07:00:00.000Z');
  });
});
