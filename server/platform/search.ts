import { sql } from 'kysely';
import type { Executor } from '../db/tx.ts';
import type { WebPath } from './webPaths.ts';

/**
 * Full-text search over the public content of every area, German and English stemming plus
 * trigram similarity for typos. Only public things are ever indexed: private content (support
 * circles) must not be passed here.
 */
export async function indexDocument(
  db: Executor,
  doc: {
    networkId: string;
    entityType: string;
    entityId: string;
    title: string;
    body?: string;
    link: WebPath;
  },
): Promise<void> {
  await db
    .insertInto('search_document')
    .values({
      network_id: doc.networkId,
      entity_type: doc.entityType,
      entity_id: doc.entityId,
      title: doc.title,
      body: doc.body ?? '',
      link: doc.link,
    })
    .onConflict((oc) =>
      oc.columns(['network_id', 'entity_type', 'entity_id']).doUpdateSet({
        title: doc.title,
        body: doc.body ?? '',
        link: doc.link,
        updated_at: sql`now()`,
      }),
    )
    .execute();
}

export async function removeDocument(db: Executor, networkId: string, entityType: string, entityId: string) {
  await db
    .deleteFrom('search_document')
    .where('network_id', '=', networkId)
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .execute();
}

export interface SearchHit {
  entityType: string;
  entityId: string;
  title: string;
  snippet: string;
  link: string;
}

export async function search(
  db: Executor,
  networkId: string,
  query: string,
  opts: { types?: string[]; limit: number; offset: number },
): Promise<{ hits: SearchHit[]; total: number }> {
  const q = query.trim();
  if (q === '') return { hits: [], total: 0 };
  const tsq = sql`(websearch_to_tsquery('german', ${q}) || websearch_to_tsquery('english', ${q}))`;
  let base = db
    .selectFrom('search_document')
    .where('network_id', '=', networkId)
    .where('hidden', '=', false)
    .where((eb) =>
      eb.or([
        sql<boolean>`tsv @@ ${tsq}`,
        sql<boolean>`title % ${q}`,
        sql<boolean>`title ILIKE ${`%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`}`,
      ]),
    );
  if (opts.types && opts.types.length > 0) base = base.where('entity_type', 'in', opts.types);
  const [rows, count] = await Promise.all([
    base
      .select([
        'entity_type',
        'entity_id',
        'title',
        'link',
        sql<string>`ts_headline('german', body, ${tsq}, 'MaxWords=30, MinWords=10, StartSel="", StopSel=""')`.as(
          'snippet',
        ),
        sql<number>`ts_rank(tsv, ${tsq}) + similarity(title, ${q})`.as('rank'),
      ])
      .orderBy('rank', 'desc')
      .orderBy('title')
      .limit(opts.limit)
      .offset(opts.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: count.n,
    hits: rows.map((r) => ({
      entityType: r.entity_type,
      entityId: r.entity_id,
      title: r.title,
      snippet: r.snippet,
      link: r.link,
    })),
  };
}
