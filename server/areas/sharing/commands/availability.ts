import { localParts, networkTimeZone } from '../../../platform/localTime.ts';

/**
 * When a resource can be booked: weekly rules in the network's local time ("Tuesdays 18–20 h").
 */

export interface AvailabilityRule {
  weekday: number;
  start_time: string;
  end_time: string;
}

const toMinutes = (time: string) => {
  const [h = '0', m = '0'] = time.split(':');
  return Number(h) * 60 + Number(m);
};

/**
 * [start, end) as a window on one local day: its ISO weekday and minutes since midnight (the end
 * may be 1440, the next midnight). Null when it spans more than one local day, which no weekly
 * rule can hold.
 */
export function localWindow(
  start: Date,
  end: Date,
  tz = networkTimeZone,
): { weekday: number; startMinutes: number; endMinutes: number } | null {
  if (end <= start) return null;
  const s = localParts(start, tz);
  const e = localParts(end, tz);
  const sameDay = s.year === e.year && s.month === e.month && s.day === e.day;
  const nextMidnight = e.minutes === 0 && end.getTime() - start.getTime() <= 24 * 60 * 60 * 1000 && !sameDay;
  if (!sameDay && !nextMidnight) return null;
  return { weekday: s.weekday, startMinutes: s.minutes, endMinutes: nextMidnight ? 24 * 60 : e.minutes };
}

/** "HH:MM" of minutes since midnight, as PostgreSQL's `time` reads it (1440 → "24:00"). */
export const timeOfMinutes = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/**
 * True when [start, end) lies within one rule's window on one local day. A resource without rules
 * is always available (multi-day loans of equipment, for instance). The catalogue's "free in a
 * window" filter applies the same rule in SQL (repositories/resources.ts).
 */
export function fitsAvailability(
  start: Date,
  end: Date,
  rules: AvailabilityRule[],
  tz = networkTimeZone,
): boolean {
  if (rules.length === 0) return true;
  const w = localWindow(start, end, tz);
  if (!w) return false;
  return rules.some(
    (r) =>
      r.weekday === w.weekday &&
      toMinutes(r.start_time) <= w.startMinutes &&
      w.endMinutes <= (r.end_time.startsWith('24') ? 1440 : toMinutes(r.end_time)),
  );
}
