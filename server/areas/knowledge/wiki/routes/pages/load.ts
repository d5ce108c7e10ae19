import type { Executor } from '../../../../../db/tx.ts';
import { notFound } from '../../../../../http/problem.ts';
import type { Actor } from '../../../../../policies/actor.ts';
import { wikiPagePolicy } from '../../policies/wikiPage.ts';
import { findPage } from '../../repositories/pages.ts';

/** The page if the person may see it; otherwise 404, exactly as for a page that does not exist. */
export async function loadPage(db: Executor, networkId: string, id: string, actor: Actor) {
  const page = await findPage(db, networkId, id);
  if (!page || !wikiPagePolicy.view(actor, page)) throw notFound();
  return page;
}
