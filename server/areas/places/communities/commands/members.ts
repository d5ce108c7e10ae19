import type { CommunityRole } from '../../../../db/schema.ts';
import { type Executor, executeTx } from '../../../../db/tx.ts';
import type { CommandContext } from '../../../../http/context.ts';
import { notFound, Problem } from '../../../../http/problem.ts';
import { type NewNotification, notificationInsert, notify } from '../../../../platform/notifications.ts';
import { webPaths } from '../../../../platform/webPaths.ts';
import { communityPolicy } from '../policies/community.ts';
import {
  deleteMember,
  displayName,
  insertMember,
  memberRow,
  ownerCount,
  stewardsOf,
  updateMember,
} from '../repositories/communities.ts';
import { lockedCommunity, logCommunity } from './communities.ts';

/**
 * Who belongs to a community: joining (at once, or by request that an owner or moderator answers),
 * leaving, the answer to a request, roles and taking someone out. Guarantees: every step is one
 * transaction with the community's row locked, so changes to its people are decided one after the
 * other; a community always keeps an active owner (the last one can neither leave nor lose the role nor
 * be taken out — said here in words, held by the database's community_keeps_an_owner trigger under
 * concurrency too); a request is told to the owners and moderators, and its answer to the person who
 * asked, in the same transaction. Joining and leaving are a person's own business: not audited, and not
 * an interaction (the talk between members is what Wissen records). Decisions on others are audited.
 */

const lastOwner = () => new Problem(409, 'community.last_owner');

/** Joins a community anyone may join, or asks to join one that accepts members by request. */
export async function joinCommunity(
  db: Executor,
  ctx: CommandContext,
  communityId: string,
  note: string,
): Promise<'active' | 'requested'> {
  return executeTx(db, async (tx) => {
    const { community: c, facts } = await lockedCommunity(tx, ctx, communityId);
    if (c.archived_at) throw new Problem(409, 'community.archived');
    if (facts.me?.status === 'active') throw new Problem(409, 'community.already_member');
    if (facts.me?.status === 'requested') throw new Problem(409, 'community.already_requested');
    if (!communityPolicy.join(ctx.actor, facts)) throw new Problem(403, 'forbidden');
    if (c.joining === 'open') {
      await insertMember(tx, ctx.networkId, c.id, {
        accountId: ctx.actorId,
        role: 'member',
        status: 'active',
      });
      return 'active';
    }
    await insertMember(tx, ctx.networkId, c.id, {
      accountId: ctx.actorId,
      role: 'member',
      status: 'requested',
      note: note.trim(),
    });
    const name = await displayName(tx, ctx.networkId, ctx.actorId);
    const stewards = await stewardsOf(tx, ctx.networkId, c.id);
    await notificationInsert(
      tx,
      stewards.map(
        (accountId): NewNotification => ({
          networkId: ctx.networkId,
          accountId,
          kind: 'community.join_requested',
          params: { name, community: c.name },
          link: webPaths.communityManage(c.slug),
        }),
      ),
    )?.execute();
    return 'requested';
  });
}

/** Leaves a community, or takes back one's request to join it. The last owner cannot leave. */
export async function leaveCommunity(db: Executor, ctx: CommandContext, communityId: string) {
  return executeTx(db, async (tx) => {
    const { community: c, facts } = await lockedCommunity(tx, ctx, communityId);
    if (!facts.me) throw new Problem(409, 'community.not_member');
    if (
      facts.me.status === 'active' &&
      facts.me.role === 'owner' &&
      (await ownerCount(tx, ctx.networkId, c.id)) <= 1
    )
      throw lastOwner();
    await deleteMember(tx, ctx.networkId, c.id, ctx.actorId);
  });
}

/** The steward's side of one request: the request, or 404 when there is none. */
async function stewarding(tx: Executor, ctx: CommandContext, communityId: string) {
  const locked = await lockedCommunity(tx, ctx, communityId);
  if (locked.community.archived_at) throw new Problem(409, 'community.archived');
  if (!communityPolicy.manage(ctx.actor, locked.facts)) throw new Problem(403, 'community.not_yours');
  return locked;
}

/** Accepts or declines a request to join (owners and moderators); the person who asked hears of it. */
export async function answerRequest(
  db: Executor,
  ctx: CommandContext,
  communityId: string,
  accountId: string,
  accept: boolean,
) {
  return executeTx(db, async (tx) => {
    const { community: c } = await stewarding(tx, ctx, communityId);
    const request = await memberRow(tx, ctx.networkId, c.id, accountId);
    if (request?.status !== 'requested') throw notFound();
    if (accept)
      await updateMember(tx, ctx.networkId, c.id, accountId, { status: 'active', joined_at: new Date() });
    else await deleteMember(tx, ctx.networkId, c.id, accountId);
    await notify(tx, {
      networkId: ctx.networkId,
      accountId,
      kind: accept ? 'community.request_accepted' : 'community.request_declined',
      params: { community: c.name },
      link: webPaths.community(c.slug),
    });
    await logCommunity(tx, ctx, accept ? 'request_accepted' : 'request_declined', c.id, { accountId });
  });
}

/** Gives an active member a role (owners only); the last owner keeps theirs. */
export async function setMemberRole(
  db: Executor,
  ctx: CommandContext,
  communityId: string,
  accountId: string,
  role: CommunityRole,
) {
  return executeTx(db, async (tx) => {
    const { community: c, facts } = await lockedCommunity(tx, ctx, communityId);
    if (c.archived_at) throw new Problem(409, 'community.archived');
    if (!communityPolicy.setRoles(ctx.actor, facts)) throw new Problem(403, 'community.owners_only');
    const target = await memberRow(tx, ctx.networkId, c.id, accountId);
    if (target?.status !== 'active') throw notFound();
    if (target.role === role) return;
    if (target.role === 'owner' && (await ownerCount(tx, ctx.networkId, c.id)) <= 1) throw lastOwner();
    await updateMember(tx, ctx.networkId, c.id, accountId, { role });
    await logCommunity(tx, ctx, 'role_set', c.id, { accountId, from: target.role, to: role });
  });
}

/**
 * Takes an active member out (owners anyone else, moderators plain members); they hear of it. Oneself
 * leaves instead; the last owner stays.
 */
export async function removeMember(
  db: Executor,
  ctx: CommandContext,
  communityId: string,
  accountId: string,
) {
  return executeTx(db, async (tx) => {
    const { community: c, facts } = await stewarding(tx, ctx, communityId);
    if (accountId === ctx.actorId) throw new Problem(409, 'community.remove_self');
    const target = await memberRow(tx, ctx.networkId, c.id, accountId);
    if (target?.status !== 'active') throw notFound();
    if (!communityPolicy.remove(ctx.actor, facts, target))
      throw new Problem(403, 'community.moderator_limit');
    if (target.role === 'owner' && (await ownerCount(tx, ctx.networkId, c.id)) <= 1) throw lastOwner();
    await deleteMember(tx, ctx.networkId, c.id, accountId);
    await notify(tx, {
      networkId: ctx.networkId,
      accountId,
      kind: 'community.member_removed',
      params: { community: c.name },
      link: webPaths.community(c.slug),
    });
    await logCommunity(tx, ctx, 'member_removed', c.id, { accountId, role: target.role });
  });
}
