import { appendFileSync } from 'node:fs';
import pg from 'pg';

/**
 * Preloaded into our app server (`node --import ./bench/minimal/capture.ts server/main.ts`) by the
 * minimal-server figure: appends every statement the server sends to PostgreSQL — its text and its
 * parameters, one JSON line each — to the file named by KP_BENCH_SQL_LOG. The minimal server runs
 * exactly these statements (bench/minimal/plan.ts), so nobody copies our SQL by hand or by guess.
 */
const file = process.env.KP_BENCH_SQL_LOG;
if (file) {
  const original = pg.Client.prototype.query;
  // biome-ignore lint/suspicious/noExplicitAny: pg's query has a dozen overloads; this forwards them all
  pg.Client.prototype.query = function (this: pg.Client, ...args: any[]): any {
    const [first, second] = args;
    const config = typeof first === 'object' && first !== null ? (first as pg.QueryConfig) : null;
    const text = config ? config.text : first;
    const values = config ? config.values : Array.isArray(second) ? second : undefined;
    if (typeof text === 'string') appendFileSync(file, `${JSON.stringify({ text, values: values ?? [] })}\n`);
    // biome-ignore lint/suspicious/noExplicitAny: see above
    return (original as (...a: any[]) => any).apply(this, args);
  } as typeof original;
}
