import type { Executor } from '../../../../db/tx.ts';
import { notFound } from '../../../../http/problem.ts';
import type { Actor } from '../../../../policies/actor.ts';
import { resourcePolicy } from '../../policies/resource.ts';
import { findResource } from '../../repositories/resources.ts';

/** The resource if the actor may see it; otherwise "not found", whether it exists or not. */
export async function loadResource(db: Executor, networkId: string, id: string, actor: Actor) {
  const r = await findResource(db, networkId, id);
  if (!r || !resourcePolicy.view(actor, r)) throw notFound();
  return r;
}
