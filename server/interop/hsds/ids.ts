import { createHash } from 'node:crypto';

/**
 * Ids of the HSDS objects that Knotenpunkt keeps no row of its own for (an organisation's location,
 * a service's place, its schedules, addresses, phones, taxonomy terms): UUIDs of version 5 (RFC 9562,
 * SHA-1 of a namespace and a name) made from the id of the row they belong to. So every export names
 * them the same, as long as that row exists, and an import of our own export makes the same ids again.
 */
const namespace = Buffer.from('6f1c2d3e4b5a49688a7b9c0d1e2f3a4b', 'hex');

export function derivedId(...parts: string[]): string {
  const hash = createHash('sha1').update(namespace).update(parts.join('\u0000')).digest();
  const b = hash.subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const isUuid = (v: unknown): v is string =>
  typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);
