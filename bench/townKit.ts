import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../server/db/schema.ts';
import type { CodesignHandles, CodesignHealth } from './areas/codesign.ts';
import type { KnowledgeHandles, KnowledgeHealth } from './areas/knowledge.ts';
import type { ParticipationHealth } from './areas/participation.ts';
import type { CircleHealth } from './areas/support.ts';
import type { LoadedTown, TownSpec } from './town.ts';
import { districtNames } from './words.ts';

/**
 * What every part of the synthetic town (bench/town.ts) is built with: the town's fixed "now", the
 * PRNG and the ids, SQL for hashed values, the geography of the districts, batching, and the context
 * each loader gets.
 */

/** "Now" of the town: fixed so that timestamps are reproducible. */
export const epoch = '2026-11-01T12:00:00Z';

// ---------------------------------------------------------------------------------------------
// PRNG and ids

/** mulberry32: 32-bit state, good enough for test data, and ours so the sequence never changes. */
export function prng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    /** picks by weight: [[value, weight], …] */
    weighted: <T>(xs: readonly (readonly [T, number])[]): T => {
      const total = xs.reduce((a, [, w]) => a + w, 0);
      let r = next() * total;
      for (const [v, w] of xs) {
        r -= w;
        if (r < 0) return v;
      }
      return xs[xs.length - 1]![0];
    },
  };
}

/** The same uuid as SQL `md5('<seed>:<kind>:<i>')::uuid`. */
export function townId(seed: number, kind: string, i: number): string {
  const h = createHash('md5').update(`${seed}:${kind}:${i}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** SQL: the uuid of row `expr` of `kind`, equal to townId(). */
export const idSql = (seed: number, kind: string, expr: string) =>
  `md5('${seed}:${kind}:' || (${expr}))::uuid`;

/** SQL: a uniform number in [0, 1) for row `expr` and stream `k`. */
export const uSql = (seed: number, expr: string, k: number | string) =>
  `((hashint8extended((${expr})::bigint * 131 + ${k}, ${seed}) & 2147483647)::float8 / 2147483648.0)`;

/** SQL: an integer in [0, n) for row `expr` and stream `k`. */
export const iSql = (seed: number, expr: string, k: number | string, n: number | string) =>
  `floor(${uSql(seed, expr, k)} * (${n}))::int`;

export const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
export const arr = (xs: readonly string[]) => `ARRAY[${xs.map(lit).join(',')}]::text[]`;
export const intArr = (xs: readonly number[]) => `ARRAY[${xs.join(',')}]::int[]`;

// ---------------------------------------------------------------------------------------------
// Geography: districts as cells of a grid around a town centre, each a jittered octagon.

const centre = { lat: 51.312, lng: 9.481 };
export const cellLat = 0.018; // ≈ 2 km
export const cellLng = 0.028; // ≈ 2 km at this latitude

export function districtCell(i: number, n: number) {
  const cols = Math.ceil(Math.sqrt(n));
  const rows = Math.ceil(n / cols);
  const col = i % cols;
  const row = Math.floor(i / cols);
  return {
    lat: centre.lat + (row - (rows - 1) / 2) * cellLat,
    lng: centre.lng + (col - (cols - 1) / 2) * cellLng,
  };
}

export function districtName(i: number): string {
  const base = districtNames[i % districtNames.length]!;
  const round = Math.floor(i / districtNames.length);
  return round === 0 ? base : `${base} ${['Nord', 'Süd', 'West', 'Ost'][round - 1] ?? round + 1}`;
}

export function slugify(s: string): string {
  return s
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

// ---------------------------------------------------------------------------------------------
// Batches

/** Runs `fn` over 0 … total − 1 in ranges of `per`; returns `total`. */
export const batch = async (
  total: number,
  per: number,
  fn: (from: number, to: number) => Promise<unknown>,
) => {
  for (let from = 0; from < total; from += per) await fn(from, Math.min(total, from + per) - 1);
  return total;
};

/** Runs `fn` over 0 … total − 1 in ranges of `per`; returns the rows the statements wrote. */
export async function batchRange(
  total: number,
  per: number,
  fn: (from: number, to: number) => Promise<unknown>,
) {
  let rows = 0;
  for (let from = 0; from < total; from += per) {
    const r = (await fn(from, Math.min(total, from + per) - 1)) as { numAffectedRows?: bigint };
    rows += Number(r.numAffectedRows ?? 0n);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// What a loader gets

export type Log = (line: string) => void;

/** What the loaders of the people and their graph get (bench/foundation.ts, the interactions). */
export interface TownContext {
  db: Kysely<DB>;
  networkId: string;
  seed: number;
  spec: TownSpec;
  step: (name: string, fn: () => Promise<number>) => Promise<void>;
}

export interface TeilenExtra {
  participation: ParticipationHealth | null;
  circles: CircleHealth | null;
  resourceMap: LoadedTown['resourceMap'];
  knowledge: { health: KnowledgeHealth; handles: KnowledgeHandles } | null;
  codesign: { health: CodesignHealth; handles: CodesignHandles } | null;
}

export interface TeilenContext {
  db: Kysely<DB>;
  networkId: string;
  seed: number;
  spec: TownSpec;
  step: (name: string, fn: () => Promise<number>) => Promise<void>;
  notes: string[];
  log: Log;
  /** district index of each organisation */
  orgDistricts: number[];
  /** health of the parts beside the ledger */
  extra: TeilenExtra;
}
