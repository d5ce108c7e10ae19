import { notFound, Problem } from '../../../../http/problem.ts';
import { findAccount } from '../../../../repositories/accounts.ts';
import { circlePolicy } from '../../policies/circle.ts';
import { findUpdate } from '../../repositories/circles-updates.ts';
import type { Loaded } from './access.ts';

/**
 * An update of the circle for whoever may see it (by its visibility; authors always see their own),
 * for the journal and the files attached to it alike; anyone else gets 404, as for an update that does
 * not exist.
 */
export async function visibleUpdate(
  ex: Parameters<typeof findUpdate>[0],
  networkId: string,
  l: Pick<Loaded, 'access' | 'accountId'>,
  circleId: string,
  updateId: string,
) {
  const u = await findUpdate(ex, networkId, circleId, updateId);
  if (!u || !circlePolicy.seeItem(l.access, u.visibility, u.author_id === l.accountId)) throw notFound();
  return u;
}

/** An account named on the map or in the team must exist in the network (422 on `/accountId`). */
export async function checkAccount(
  ex: Parameters<typeof findAccount>[0],
  networkId: string,
  accountId: string | null | undefined,
) {
  if (accountId && !(await findAccount(ex, networkId, accountId)))
    throw new Problem(422, 'validation', {
      fields: [{ field: '/accountId', code: 'circle.unknown_account' }],
    });
}
