import path from 'node:path';
import { parseArgs } from 'node:util';
import { type TownSize, townSizes } from '../town.ts';

/** The command line of `npm run bench` (see bench/run.ts), read once, and the progress log on stderr. */

export const root = path.resolve(import.meta.dirname, '..', '..');

export const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: 'S' },
    db: { type: 'string', default: 'pglite' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16' },
    seed: { type: 'string', default: '1' },
    'postgres-url': {
      type: 'string',
      default: process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
    'build-web': { type: 'boolean', default: false },
    // comma-separated parts of figure names, e.g. `--only timebank,bookings`: the rest is skipped
    only: { type: 'string' },
    // another number of resources than the size has (the map target is for 100 000)
    resources: { type: 'string' },
    // a directory: the app server runs with --cpu-prof and writes its profile there on stop
    'cpu-prof': { type: 'string' },
    // keep the scratch databases (their names are logged) for EXPLAIN afterwards; drop them by hand
    keep: { type: 'boolean', default: false },
    // seconds of the same read load before each measured one, not counted (0: none)
    warmup: { type: 'string', default: '2' },
  },
});
const only = args.only?.split(',').filter(Boolean) ?? null;
/** Whether a figure was asked for (all of them without --only). */
export const wanted = (name: string) => !only || only.some((part) => name.includes(part));
export const size = args.size as TownSize;
if (!(size in townSizes)) throw new Error(`--size must be S, M or L, got ${args.size}`);
export const host = args.db;
if (host !== 'pglite' && host !== 'postgres') throw new Error(`--db must be pglite or postgres, got ${host}`);
export const duration = Number(args.duration);
export const connections = Number(args.connections);
export const seed = Number(args.seed);
export const warmup = Number(args.warmup);
if (!(warmup >= 0 && warmup <= 60)) throw new Error('--warmup must be 0…60 seconds');
if (!(duration > 0 && duration <= 600)) throw new Error('--duration must be 1…600 seconds');
if (!(connections > 0 && connections <= 256)) throw new Error('--connections must be 1…256');
export const adminUrl = args['postgres-url'];
export const keepDatabases = args.keep;

export const log = (line: string) => process.stderr.write(`${line}\n`);
