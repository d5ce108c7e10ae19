import { localParts, networkTimeZone, zonedTime } from '../../../platform/localTime.ts';
import type { AvailabilityRule } from './availability.ts';

/**
 * The first time a resource is free, for the booking form to offer instead of a guess: the
 * earliest slot of the wanted length that a booking request would get through — inside a weekly
 * rule of the resource (a resource without rules is offered in the daytime, 08–20 h), outside its
 * blocked periods, and clear of every booking that holds the time (approved, handed over, or still
 * requested: a slot someone already asked for is not offered to the next person), the buffer time
 * included on both sides. Starts lie on the quarter hour, from the next full hour at least half an
 * hour ahead. A rule's window shorter than the wanted length is offered whole when it is free.
 */

export interface Period {
  start: Date;
  end: Date;
}

export interface FreeSlotQuery {
  /** not before this instant */
  from: Date;
  minutes: number;
  /** how many days ahead to look */
  days: number;
  rules: AvailabilityRule[];
  blocked: Period[];
  /** the taken periods of other bookings, each with its own buffer after it */
  taken: Period[];
  /** this resource's buffer after a new booking */
  bufferMinutes: number;
  now?: Date;
  tz?: string;
}

const minute = 60_000;
const step = 15;
const daytime = { start: 8 * 60, end: 20 * 60 };

const toMinutes = (time: string) => {
  const [h = '0', m = '0'] = time.split(':');
  return Math.min(1440, Number(h) * 60 + Number(m) + (time.startsWith('23:59:59') ? 1 : 0));
};

const overlaps = (a: Period, s: number, e: number) => a.start.getTime() < e && s < a.end.getTime();

/** The earliest start worth offering: the next full hour at least 30 minutes from now. */
export function earliestStart(now: Date): Date {
  const t = now.getTime() + 30 * minute;
  return new Date(Math.ceil(t / (60 * minute)) * 60 * minute);
}

export function firstFreeSlot(q: FreeSlotQuery): Period | null {
  const tz = q.tz ?? networkTimeZone;
  const earliest = Math.max(q.from.getTime(), earliestStart(q.now ?? new Date()).getTime());
  const buffer = q.bufferMinutes * minute;
  const free = (s: number, e: number) =>
    !q.blocked.some((b) => overlaps(b, s, e)) && !q.taken.some((b) => overlaps(b, s, e + buffer));
  const first = localParts(new Date(earliest), tz);
  for (let d = 0; d <= q.days; d++) {
    const day = new Date(Date.UTC(first.year, first.month - 1, first.day + d));
    const [y, m, dd] = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()];
    const weekday = ((day.getUTCDay() + 6) % 7) + 1;
    const windows =
      q.rules.length === 0
        ? [daytime]
        : q.rules
            .filter((r) => r.weekday === weekday)
            .map((r) => ({ start: toMinutes(r.start_time), end: toMinutes(r.end_time) }))
            .sort((a, b) => a.start - b.start);
    for (const w of windows) {
      const length = Math.min(q.minutes, w.end - w.start);
      if (length <= 0) continue;
      for (let s = Math.ceil(w.start / step) * step; s + length <= w.end; s += step) {
        const start = zonedTime(y, m, dd, s, tz).getTime();
        if (start < earliest) continue;
        const end = zonedTime(y, m, dd, s + length, tz).getTime();
        if (free(start, end)) return { start: new Date(start), end: new Date(end) };
      }
    }
  }
  return null;
}
