import type { Compilable, CompiledQuery } from 'kysely';
import { BoundedCache } from '../platform/boundedCache.ts';
import type { Executor } from './tx.ts';

/**
 * A list's page and its total: two statements run at once (on two connections of the pool, or one
 * after the other on a transaction's one connection), built and compiled once per key. Kysely builds
 * and compiles in JavaScript on every call — for the opportunity search's pair about 50 µs, and
 * garbage and megamorphic property loads besides: kept compiled, the app server's CPU for that read
 * at size M went from 0.66–0.73 to 0.46–0.54 ms a request (issue #18, docs/PERFORMANCE.md). A list asked again with the same filters and page (the
 * first page, a district, the next page back) runs its statements as they were compiled.
 *
 * `key` names the list (unique across the app) and must hold everything the statements are made of —
 * the network, every filter and the page: a key that left one out would answer another filter's rows.
 * Statements that name `now()` stay correct, as the time is read when they run.
 */
export async function pageAndCount<Row>(
  db: Executor,
  key: [list: string, ...made: unknown[]],
  build: () => { page: Compilable<Row>; count: Compilable<{ n: number }> },
): Promise<{ items: Row[]; total: number }> {
  const made = compiled.getOrMake(JSON.stringify(key), () => {
    const { page, count } = build();
    return { page: page.compile(), count: count.compile() };
  }) as { page: CompiledQuery<Row>; count: CompiledQuery<{ n: number }> };
  const [items, total] = await Promise.all([db.executeQuery(made.page), db.executeQuery(made.count)]);
  return { items: items.rows, total: total.rows[0]?.n ?? 0 };
}

/** 500 lists' statements, each pair 2–6 KB of SQL: a few MB at most. */
const compiled = new BoundedCache<{ page: CompiledQuery<unknown>; count: CompiledQuery<unknown> }>(
  500,
  4_000_000,
  (c) => c.page.sql.length + c.count.sql.length + 50 * (c.page.parameters.length + c.count.parameters.length),
);
