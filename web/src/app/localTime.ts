import type { TFunction } from 'i18next';
import { currentLocale } from './i18n.ts';

/** The network's time zone: availability rules and bookings are local times there (the server says so too). */
export const networkTimeZone = 'Europe/Berlin';

interface LocalParts {
  year: number;
  month: number;
  day: number;
  weekday: number;
  minutes: number;
}

const weekdayNumber: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export function localParts(d: Date, tz = networkTimeZone): LocalParts {
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    weekday: 'short',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  });
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(d)) p[part.type] = part.value;
  return {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    weekday: weekdayNumber[p.weekday ?? ''] ?? 0,
    minutes: Number(p.hour) * 60 + Number(p.minute),
  };
}

/** The instant at which the clock in `tz` shows `date` (YYYY-MM-DD) at `time` (HH:MM), whatever the browser's zone. */
export function zonedInstant(date: string, time: string, tz = networkTimeZone): Date {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  const [hh = 0, mm = 0] = time.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  const offsetAt = (t: number) => {
    const p = localParts(new Date(t), tz);
    return Date.UTC(p.year, p.month - 1, p.day, 0, p.minutes) - t;
  };
  let t = wall - offsetAt(wall);
  t = wall - offsetAt(t);
  return new Date(t);
}

/** YYYY-MM-DD of an instant in the network's zone, `days` later. */
export function localDate(d: Date, days = 0, tz = networkTimeZone): string {
  const p = localParts(d, tz);
  const x = new Date(Date.UTC(p.year, p.month - 1, p.day + days));
  return x.toISOString().slice(0, 10);
}

function tag() {
  return currentLocale() === 'en' ? 'en-GB' : 'de-DE';
}

/** "Mi., 2.12.2026, 10:00–12:00": a slot as people read it, in the network's zone. */
export function formatSlot(startIso: string, endIso: string): string {
  const start = new Date(startIso);
  const end = new Date(endIso);
  const full = new Intl.DateTimeFormat(tag(), {
    timeZone: networkTimeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  const time = new Intl.DateTimeFormat(tag(), {
    timeZone: networkTimeZone,
    hour: '2-digit',
    minute: '2-digit',
  });
  const sameDay = localDate(start) === localDate(end);
  return `${full.format(start)}–${sameDay ? time.format(end) : full.format(end)}`;
}

export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(tag(), {
    timeZone: networkTimeZone,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}

export function formatEuro(cents: number): string {
  return new Intl.NumberFormat(tag(), { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/** 90 → "1 Std. 30 Min." / "1 h 30 min"; the sign is kept. */
export function formatMinutes(t: TFunction, minutes: number): string {
  const sign = minutes < 0 ? '−' : '';
  const abs = Math.abs(minutes);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  if (h === 0) return `${sign}${t('time.minutes', { count: m })}`;
  if (m === 0) return `${sign}${t('time.hours', { count: h })}`;
  return `${sign}${t('time.hoursMinutes', { h, m })}`;
}
