import { type QueryClient, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import { currentLocale } from '../../app/i18n.ts';
import { localParts, networkTimeZone, zonedInstant } from '../../app/localTime.ts';
import { supportKeys } from './queries.ts';
import type { Circle } from './types.ts';

export const circlePath = (id: string) => `/circles/${encodeURIComponent(id)}`;

export function useCircle(id: string) {
  return useQuery({
    queryKey: supportKeys.circle(id),
    queryFn: () => api<Circle>(circlePath(id)),
    retry: false,
  });
}

/** After a change: the circle and everything under it, and the list of my circles. */
export async function refreshCircle(qc: QueryClient, id: string) {
  await qc.invalidateQueries({ queryKey: supportKeys.circle(id) });
  await qc.invalidateQueries({ queryKey: supportKeys.circles() });
}

const tag = () => (currentLocale() === 'en' ? 'en-GB' : 'de-DE');

export function formatDay(iso: string): string {
  return new Intl.DateTimeFormat(tag(), {
    timeZone: networkTimeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  }).format(new Date(iso));
}

export function formatShortDay(iso: string): string {
  return new Intl.DateTimeFormat(tag(), {
    timeZone: networkTimeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'numeric',
  }).format(new Date(iso));
}

export function formatTimes(startIso: string, endIso: string): string {
  const time = new Intl.DateTimeFormat(tag(), {
    timeZone: networkTimeZone,
    hour: '2-digit',
    minute: '2-digit',
  });
  return `${time.format(new Date(startIso))}–${time.format(new Date(endIso))}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as the values of a date and a time input, in the network's zone. */
export function toInputs(iso: string): { date: string; time: string } {
  const p = localParts(new Date(iso));
  return {
    date: `${p.year}-${pad(p.month)}-${pad(p.day)}`,
    time: `${pad(Math.floor(p.minutes / 60))}:${pad(p.minutes % 60)}`,
  };
}

/** The value of a datetime-local input for an instant, in the network's zone. */
export function toLocalInput(iso: string): string {
  const { date, time } = toInputs(iso);
  return `${date}T${time}`;
}

/** A datetime-local value read as the network's local time; null when it is not a valid value. */
export function fromLocalInput(value: string): Date | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(value);
  if (!m?.[1] || !m[2]) return null;
  const d = zonedInstant(m[1], m[2]);
  return Number.isNaN(d.getTime()) ? null : d;
}

export const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s));
export const isTime = (s: string) => /^\d{2}:\d{2}$/.test(s);
export const looksLikeEmail = (s: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s);
