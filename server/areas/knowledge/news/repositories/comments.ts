import { sql } from 'kysely';
import type { Executor } from '../../../../db/tx.ts';

/** All SQL of the comments under news posts. */

export interface CommentRow {
  id: string;
  post_id: string;
  body: string;
  author_id: string | null;
  author_name: string | null;
  created_at: Date;
  edited_at: Date | null;
  hidden: boolean;
}

function base(db: Executor, networkId: string) {
  return db
    .selectFrom('news_comment as c')
    .leftJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 'c.network_id').onRef('a.id', '=', 'c.author_id'),
    )
    .where('c.network_id', '=', networkId)
    .select([
      'c.id',
      'c.post_id',
      'c.body',
      'c.author_id',
      'a.display_name as author_name',
      'c.created_at',
      'c.edited_at',
      (eb) =>
        eb
          .exists(
            eb
              .selectFrom('hidden_content as h')
              .select('h.entity_id')
              .whereRef('h.network_id', '=', 'c.network_id')
              .whereRef('h.entity_id', '=', 'c.id')
              .where('h.entity_type', '=', 'news_comment'),
          )
          .as('hidden'),
    ]);
}

/**
 * A post's comments, oldest first (a conversation reads downwards), one page of them. Comments a
 * moderator hid are left out, except for moderators (`withHidden`), who see them marked.
 */
export async function listComments(
  db: Executor,
  networkId: string,
  postId: string,
  opts: { limit: number; offset: number; withHidden: boolean },
): Promise<{ items: CommentRow[]; total: number }> {
  let q = base(db, networkId).where('c.post_id', '=', postId);
  if (!opts.withHidden)
    q = q.where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('hidden_content as h2')
            .select('h2.entity_id')
            .whereRef('h2.network_id', '=', 'c.network_id')
            .whereRef('h2.entity_id', '=', 'c.id')
            .where('h2.entity_type', '=', 'news_comment'),
        ),
      ),
    );
  const [items, count] = await Promise.all([
    q.orderBy('c.created_at').orderBy('c.id').limit(opts.limit).offset(opts.offset).execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: items as CommentRow[], total: Number(count.n) };
}

export async function findComment(db: Executor, networkId: string, id: string) {
  return (await base(db, networkId).where('c.id', '=', id).executeTakeFirst()) as CommentRow | undefined;
}

export async function insertComment(
  db: Executor,
  networkId: string,
  postId: string,
  authorId: string,
  body: string,
): Promise<string> {
  const { id } = await db
    .insertInto('news_comment')
    .values({ network_id: networkId, post_id: postId, author_id: authorId, body })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateComment(db: Executor, networkId: string, id: string, body: string) {
  await db
    .updateTable('news_comment')
    .set({ body, edited_at: sql`now()` })
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .execute();
}

export async function deleteComment(db: Executor, networkId: string, id: string) {
  await db.deleteFrom('news_comment').where('network_id', '=', networkId).where('id', '=', id).execute();
}
