/**
 * The network's local wall-clock time: every area that says "Tuesdays 18–20 h", "tomorrow" or
 * prints a slot for people uses it, so a weekly series stays at 18 h across daylight-saving changes.
 */

/** The network's time zone; a setting once networks outside it exist. */
export const networkTimeZone = 'Europe/Berlin';

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  /** ISO weekday, 1 = Monday */
  weekday: number;
  /** minutes since local midnight */
  minutes: number;
}

const weekdays: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const formatters = new Map<string, Intl.DateTimeFormat>();

export function localParts(d: Date, tz = networkTimeZone): LocalParts {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      weekday: 'short',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(tz, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(d)) p[part.type] = part.value;
  return {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    weekday: weekdays[p.weekday ?? ''] ?? 0,
    minutes: Number(p.hour) * 60 + Number(p.minute),
  };
}

/** The local calendar date of `d` in `tz` as YYYY-MM-DD (the form dates take in the API). */
export function localDate(d: Date, tz = networkTimeZone): string {
  const p = localParts(d, tz);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** The instant at which the local clock in `tz` shows the given date and minutes after midnight. */
export function zonedTime(
  year: number,
  month: number,
  day: number,
  minutes: number,
  tz = networkTimeZone,
): Date {
  const wall = Date.UTC(year, month - 1, day, 0, minutes);
  const offsetAt = (t: number) => {
    const p = localParts(new Date(t), tz);
    return Date.UTC(p.year, p.month - 1, p.day, 0, p.minutes) - t;
  };
  let t = wall - offsetAt(wall);
  // once more, in case the first guess fell on the other side of a daylight-saving change
  t = wall - offsetAt(t);
  return new Date(t);
}

/**
 * Weekly occurrences of [start, end) up to and including the local date `until` (YYYY-MM-DD), each
 * at the same local time. At most `max` occurrences.
 */
export function weeklyOccurrences(
  start: Date,
  end: Date,
  until: string,
  max = 104,
  tz = networkTimeZone,
): { start: Date; end: Date }[] {
  const s = localParts(start, tz);
  const duration = end.getTime() - start.getTime();
  const [uy = 0, um = 1, ud = 1] = until.split('-').map(Number);
  const last = Date.UTC(uy, um - 1, ud);
  const out: { start: Date; end: Date }[] = [];
  for (let k = 0; out.length < max; k++) {
    const day = new Date(Date.UTC(s.year, s.month - 1, s.day + 7 * k));
    if (day.getTime() > last) break;
    const occStart = zonedTime(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), s.minutes, tz);
    out.push({ start: occStart, end: new Date(occStart.getTime() + duration) });
  }
  return out;
}

/** "Di., 2.12.2026, 18:00–20:00" / "Tue, 02/12/2026, 18:00–20:00": a slot as people read it. */
export function formatSlot(start: Date, end: Date, locale: 'de' | 'en', tz = networkTimeZone): string {
  const lang = locale === 'de' ? 'de-DE' : 'en-GB';
  const full = new Intl.DateTimeFormat(lang, {
    timeZone: tz,
    weekday: 'short',
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  const time = new Intl.DateTimeFormat(lang, { timeZone: tz, hour: '2-digit', minute: '2-digit' });
  const s = localParts(start, tz);
  const e = localParts(end, tz);
  const sameDay = s.year === e.year && s.month === e.month && s.day === e.day;
  return `${full.format(start)}–${sameDay ? time.format(end) : full.format(end)}`;
}
