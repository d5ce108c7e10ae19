import { type Executor, executeTx } from '../../../../db/tx.ts';
import type { CommandContext } from '../../../../http/context.ts';
import { forbidden, notFound, Problem } from '../../../../http/problem.ts';
import type { MessageKey } from '../../../../i18n/messages.ts';
import { audit } from '../../../../platform/audit.ts';
import { plainText } from '../../../../platform/markdown.ts';
import { isHidden } from '../../../../platform/moderation.ts';
import { indexDocument, removeDocument } from '../../../../platform/search.ts';
import { webPaths } from '../../../../platform/webPaths.ts';
import { reindexCommunityThreads } from '../../../knowledge/index.ts';
import { type CommunityFacts, communityPolicy } from '../policies/community.ts';
import {
  type CommunityFields,
  deleteRequests,
  districtExists,
  districtName,
  insertCommunity,
  insertMember,
  lockCommunity,
  memberRow,
  updateCommunity,
} from '../repositories/communities.ts';
import { communitySlug, slugChoice } from '../slug.ts';

/**
 * Communities as people make and run them: anyone signed in makes one (and owns it); its owners and
 * moderators change it, its owners archive it. Guarantees: every step is one transaction, taken with the
 * community's row locked; the maker is its first owner in the same transaction; its address (slug) comes
 * from its name once, unique in the network (the next free `-2`, `-3` … when taken, held by the unique
 * key under concurrency); its search entry is written with it and leaves it when it is archived; when
 * its threads turn members-only (or open) their search entries follow in the same transaction. Every
 * change is audited as `community.<action>`.
 */

export const communityAuditActions = [
  'created',
  'updated',
  'archived',
  'request_accepted',
  'request_declined',
  'role_set',
  'member_removed',
] as const;
export type CommunityAuditAction = (typeof communityAuditActions)[number];

export async function logCommunity(
  tx: Executor,
  ctx: CommandContext,
  action: CommunityAuditAction,
  communityId: string,
  details?: Record<string, unknown>,
) {
  await audit(tx, {
    networkId: ctx.networkId,
    actorId: ctx.actorId,
    action: `community.${action}`,
    entityType: 'community',
    entityId: communityId,
    ...(details ? { details } : {}),
    ip: ctx.ip,
  });
}

const invalid = (field: string, code: MessageKey = 'field.invalid', params?: Record<string, number>) =>
  new Problem(422, 'validation', { fields: [{ field, code, ...(params ? { params } : {}) }] });

/** The community, locked, with the actor's place in it; 404 when it is not there or hidden to them. */
export async function lockedCommunity(tx: Executor, ctx: CommandContext, communityId: string) {
  const c = await lockCommunity(tx, ctx.networkId, communityId);
  if (!c) throw notFound();
  const me = await memberRow(tx, ctx.networkId, c.id, ctx.actorId);
  const facts: CommunityFacts = {
    joining: c.joining,
    archived: c.archived_at !== null,
    hidden: await isHidden(tx, ctx.networkId, 'community', c.id),
    me: me ? { role: me.role, status: me.status } : null,
  };
  if (!communityPolicy.view(ctx.actor, facts)) throw notFound();
  return { community: c, facts, me };
}

/** Normalises what was typed and checks what the database would refuse, naming the field. */
async function checked(tx: Executor, networkId: string, f: CommunityFields): Promise<CommunityFields> {
  const towns = [...new Set(f.towns.map((t) => t.trim()).filter(Boolean))];
  if (f.space !== 'local' && f.districtId) throw invalid('/districtId', 'community.district_only_local');
  if (f.space !== 'translocal' && towns.length > 0)
    throw invalid('/towns', 'community.towns_only_translocal');
  if (f.districtId && !(await districtExists(tx, networkId, f.districtId))) throw invalid('/districtId');
  const name = f.name.trim();
  if (name.length < 3) throw invalid('/name', 'field.too_short', { limit: 3 });
  return { ...f, name, summary: f.summary.trim(), towns };
}

const spaceWords = {
  local: 'vor Ort Treffen',
  translocal: 'mehrere Orte ortsübergreifend',
  online: 'online digital',
} as const;

/** The community's search entry (a public page), or none once it is archived. */
export async function indexCommunity(tx: Executor, networkId: string, communityId: string) {
  const c = await lockCommunity(tx, networkId, communityId);
  if (!c) return;
  if (c.archived_at) {
    await removeDocument(tx, networkId, 'community', c.id);
    return;
  }
  await indexDocument(tx, {
    networkId,
    type: 'community',
    entityType: 'community',
    entityId: c.id,
    title: c.name,
    body: [c.summary, plainText(c.description)].filter(Boolean).join('\n'),
    keywords: [
      'Gemeinschaft',
      spaceWords[c.space],
      c.towns.join(' '),
      await districtName(tx, networkId, c.district_id),
    ]
      .filter(Boolean)
      .join(' '),
    link: webPaths.community(c.slug),
  });
}

/** Makes a community with the actor as its owner; returns its id and slug. */
export async function createCommunity(db: Executor, ctx: CommandContext, fields: CommunityFields) {
  if (!communityPolicy.create(ctx.actor)) throw forbidden();
  return executeTx(db, async (tx) => {
    const f = await checked(tx, ctx.networkId, fields);
    const base = communitySlug(f.name);
    let id: string | null = null;
    let slug = base;
    for (let n = 1; id === null; n++) {
      slug = slugChoice(base, n);
      id = await insertCommunity(tx, ctx.networkId, slug, f, ctx.actorId);
    }
    await insertMember(tx, ctx.networkId, id, { accountId: ctx.actorId, role: 'owner', status: 'active' });
    await indexCommunity(tx, ctx.networkId, id);
    await logCommunity(tx, ctx, 'created', id, { name: f.name, joining: f.joining });
    return { id, slug };
  });
}

/** Changes a community (its owners and moderators); the address stays. */
export async function editCommunity(
  db: Executor,
  ctx: CommandContext,
  communityId: string,
  fields: CommunityFields,
) {
  return executeTx(db, async (tx) => {
    const { community: c, facts } = await lockedCommunity(tx, ctx, communityId);
    if (c.archived_at) throw new Problem(409, 'community.archived');
    if (!communityPolicy.manage(ctx.actor, facts)) throw new Problem(403, 'community.not_yours');
    const f = await checked(tx, ctx.networkId, fields);
    await updateCommunity(tx, ctx.networkId, c.id, {
      name: f.name,
      summary: f.summary,
      description: f.description,
      space: f.space,
      towns: f.towns,
      district_id: f.districtId,
      joining: f.joining,
    });
    await indexCommunity(tx, ctx.networkId, c.id);
    // its threads leave the search when they become members-only, and come back when they open up
    if (f.joining !== c.joining) await reindexCommunityThreads(tx, ctx.networkId, c.id);
    const changed = (Object.keys(f) as (keyof CommunityFields)[]).filter((k) => {
      const before = {
        name: c.name,
        summary: c.summary,
        description: c.description,
        space: c.space,
        towns: c.towns,
        districtId: c.district_id,
        joining: c.joining,
      }[k];
      return JSON.stringify(before) !== JSON.stringify(f[k]);
    });
    await logCommunity(tx, ctx, 'updated', c.id, { changed });
  });
}

/**
 * Archives a community (its owners): it leaves the list and the search, takes no members, changes or
 * posts any more; its page and its threads stay readable as they were. Requests nobody answered are
 * taken back.
 */
export async function archiveCommunity(db: Executor, ctx: CommandContext, communityId: string) {
  return executeTx(db, async (tx) => {
    const { community: c, facts } = await lockedCommunity(tx, ctx, communityId);
    if (c.archived_at) throw new Problem(409, 'community.archived');
    if (!communityPolicy.archive(ctx.actor, facts)) throw new Problem(403, 'community.owners_only');
    await updateCommunity(tx, ctx.networkId, c.id, { archived_at: new Date() });
    await deleteRequests(tx, ctx.networkId, c.id);
    await indexCommunity(tx, ctx.networkId, c.id);
    await logCommunity(tx, ctx, 'archived', c.id, { name: c.name });
  });
}
