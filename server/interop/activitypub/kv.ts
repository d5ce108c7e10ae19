import type { KvKey, KvStore, KvStoreListEntry, KvStoreSetOptions } from '@fedify/fedify';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** A Temporal.Duration as milliseconds (Fedify passes its polyfill's; only `total` is needed). */
export function durationMs(d: { total(unit: { unit: 'millisecond' } | 'millisecond'): number }): number {
  return d.total({ unit: 'millisecond' });
}

/**
 * Fedify's key–value store (its caches of remote documents and keys, inbox idempotence) in our
 * database, so it works on PGlite and PostgreSQL alike and several app servers share it. A key is
 * stored as its JSON array, so a prefix of the array is a prefix of the text.
 */
export class DbKvStore implements KvStore {
  readonly #db: Kysely<DB>;
  readonly #networkId: string;
  constructor(db: Kysely<DB>, networkId: string) {
    this.#db = db;
    this.#networkId = networkId;
  }

  async get<T = unknown>(key: KvKey): Promise<T | undefined> {
    const row = await this.#db
      .selectFrom('ap_kv')
      .select('value')
      .where('network_id', '=', this.#networkId)
      .where('key', '=', JSON.stringify(key))
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', sql<Date>`now()`)]))
      .executeTakeFirst();
    return row === undefined ? undefined : (row.value as T);
  }

  async set(key: KvKey, value: unknown, options?: KvStoreSetOptions): Promise<void> {
    const expiresAt = options?.ttl ? new Date(Date.now() + durationMs(options.ttl)) : null;
    await this.#db
      .insertInto('ap_kv')
      .values({
        network_id: this.#networkId,
        key: JSON.stringify(key),
        value: JSON.stringify(value ?? null),
        expires_at: expiresAt,
      })
      .onConflict((oc) =>
        oc.columns(['network_id', 'key']).doUpdateSet({
          value: (eb) => eb.ref('excluded.value'),
          expires_at: (eb) => eb.ref('excluded.expires_at'),
        }),
      )
      .execute();
  }

  async delete(key: KvKey): Promise<void> {
    await this.#db
      .deleteFrom('ap_kv')
      .where('network_id', '=', this.#networkId)
      .where('key', '=', JSON.stringify(key))
      .execute();
  }

  async *list(prefix?: KvKey): AsyncIterable<KvStoreListEntry> {
    let q = this.#db
      .selectFrom('ap_kv')
      .select(['key', 'value'])
      .where('network_id', '=', this.#networkId)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', sql<Date>`now()`)]));
    if (prefix) {
      const exact = JSON.stringify(prefix);
      const start = `${exact.slice(0, -1)},`;
      q = q.where((eb) => eb.or([eb('key', '=', exact), sql<boolean>`starts_with(key, ${start})`]));
    }
    for (const row of await q.orderBy('key').execute())
      yield { key: JSON.parse(row.key) as KvKey, value: row.value };
  }

  /** Forgets expired entries (the daily clean-up). */
  static async prune(db: Kysely<DB>, networkId: string): Promise<void> {
    await db
      .deleteFrom('ap_kv')
      .where('network_id', '=', networkId)
      .where('expires_at', '<', sql<Date>`now()`)
      .execute();
  }
}
