import { type Executor, executeTx, insertTogether } from '../../../../db/tx.ts';
import type { CommandContext } from '../../../../http/context.ts';
import { forbidden, notFound, Problem } from '../../../../http/problem.ts';
import { federateChange } from '../../../../interop/activitypub/jobs.ts';
import { audit } from '../../../../platform/audit.ts';
import { plainText } from '../../../../platform/markdown.ts';
import { isHidden } from '../../../../platform/moderation.ts';
import { notificationInsert } from '../../../../platform/notifications.ts';
import { indexDocument, removeDocument } from '../../../../platform/search.ts';
import { webPaths } from '../../../../platform/webPaths.ts';
import { followersOf } from '../../digests/repositories/follows.ts';
import { newsPolicy, type PostFacts } from '../policies/news.ts';
import {
  deletePost,
  findOrganisation,
  insertPost,
  lockPost,
  membersAmong,
  type PostFields,
  setPublished,
  updatePost,
} from '../repositories/posts.ts';

/**
 * An organisation's news posts: written, changed, published, taken back and deleted by its staff
 * and admins. Guarantees, each in one transaction with its audit row: the search holds a post exactly
 * while it is published (with its visibility, so only those who may read it find it) and never a
 * draft; publishing tells the organisation's followers who may read the post, once per publishing,
 * never the one who published; a post a moderator hid cannot be changed by anyone but a moderator
 * (it does not exist for them).
 */

type PostRecord = PostFacts & { id: string; title: string; body: string };

async function index(db: Executor, networkId: string, p: PostRecord, organisationName: string) {
  await indexDocument(db, {
    networkId,
    type: 'news_post',
    entityType: 'news_post',
    entityId: p.id,
    title: p.title,
    body: plainText(p.body),
    keywords: organisationName,
    link: webPaths.newsPost(p.id),
    visibility: p.visibility,
    organisationId: p.organisation_id,
  });
}

/** Tells the organisation's followers (who may read the post, and not the publisher) it is out. */
async function tellFollowers(db: Executor, ctx: CommandContext, p: PostRecord, organisationName: string) {
  let followers = (await followersOf(db, ctx.networkId, 'organisation', p.organisation_id)).filter(
    (id) => id !== ctx.actorId,
  );
  if (p.visibility === 'members') {
    const members = await membersAmong(db, ctx.networkId, p.organisation_id, followers);
    followers = followers.filter((id) => members.has(id));
  }
  await insertTogether(db, [
    notificationInsert(
      db,
      followers.map((accountId) => ({
        networkId: ctx.networkId,
        accountId,
        kind: 'news.published' as const,
        params: { organisation: organisationName, title: p.title },
        link: webPaths.newsPost(p.id),
      })),
    ),
  ]);
}

function checkFields(f: PostFields) {
  if (f.title.length < 3)
    throw new Problem(422, 'validation', {
      fields: [{ field: '/title', code: 'field.too_short', params: { min: 3 } }],
    });
  if (f.body.trim().length === 0)
    throw new Problem(422, 'validation', { fields: [{ field: '/body', code: 'field.required' }] });
}

/** Loads the post for a change by the actor: 404 when they may not see it (or a moderator hid it). */
async function postForChange(db: Executor, ctx: CommandContext, id: string) {
  const p = await lockPost(db, ctx.networkId, id);
  if (!p || !newsPolicy.view(ctx.actor, p)) throw notFound();
  if ((await isHidden(db, ctx.networkId, 'news_post', id)) && !ctx.actor.isInstanceAdmin) throw notFound();
  const org = await findOrganisation(db, ctx.networkId, p.organisation_id);
  return { p, organisationName: org?.name ?? '' };
}

export async function createPost(
  db: Executor,
  ctx: CommandContext,
  organisationId: string,
  f: PostFields,
  publish: boolean,
): Promise<string> {
  const org = await findOrganisation(db, ctx.networkId, organisationId);
  if (!org || !newsPolicy.write(ctx.actor, organisationId))
    throw new Problem(422, 'validation', { fields: [{ field: '/organisationId', code: 'field.invalid' }] });
  checkFields(f);
  return executeTx(db, async (tx) => {
    const id = await insertPost(tx, ctx.networkId, organisationId, ctx.actorId, f, publish);
    const record: PostRecord = {
      id,
      organisation_id: organisationId,
      status: publish ? 'published' : 'draft',
      visibility: f.visibility,
      comments_open: f.commentsOpen,
      title: f.title,
      body: f.body,
    };
    if (publish) {
      await index(tx, ctx.networkId, record, org.name);
      await tellFollowers(tx, ctx, record, org.name);
      await federateChange(tx, ctx.networkId, 'news', id, organisationId);
    }
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: publish ? 'news.post_published' : 'news.post_created',
      entityType: 'news_post',
      entityId: id,
      details: { organisationId, visibility: f.visibility },
      ip: ctx.ip,
    });
    return id;
  });
}

/**
 * Changes a post's text and settings; a published one stays published, its search entry follows. An
 * edit that started before someone else saved the post (`base`, the updatedAt it started from) is
 * refused (409) instead of silently overwriting their change.
 */
export async function changePost(
  db: Executor,
  ctx: CommandContext,
  id: string,
  f: PostFields,
  base: Date | null = null,
) {
  checkFields(f);
  await executeTx(db, async (tx) => {
    const { p, organisationName } = await postForChange(tx, ctx, id);
    if (!newsPolicy.edit(ctx.actor, p)) throw forbidden();
    if (base && base.getTime() !== p.updated_at.getTime()) throw new Problem(409, 'news.stale');
    await updatePost(tx, ctx.networkId, id, f);
    if (p.status === 'published')
      await index(
        tx,
        ctx.networkId,
        { ...p, title: f.title, body: f.body, visibility: f.visibility },
        organisationName,
      );
    await federateChange(tx, ctx.networkId, 'news', id, p.organisation_id);
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'news.post_updated',
      entityType: 'news_post',
      entityId: id,
      details: { visibility: f.visibility, commentsOpen: f.commentsOpen },
      ip: ctx.ip,
    });
  });
}

export async function publishPost(db: Executor, ctx: CommandContext, id: string) {
  await executeTx(db, async (tx) => {
    const { p, organisationName } = await postForChange(tx, ctx, id);
    if (!newsPolicy.edit(ctx.actor, p)) throw forbidden();
    if (p.status === 'published') throw new Problem(409, 'news.already_published');
    await setPublished(tx, ctx.networkId, id, true);
    const record = { ...p, status: 'published' as const };
    await index(tx, ctx.networkId, record, organisationName);
    await tellFollowers(tx, ctx, record, organisationName);
    await federateChange(tx, ctx.networkId, 'news', id, p.organisation_id);
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'news.post_published',
      entityType: 'news_post',
      entityId: id,
      details: { visibility: p.visibility },
      ip: ctx.ip,
    });
  });
}

/** Takes a post back to a draft: out of the lists, the feeds and the search. */
export async function unpublishPost(db: Executor, ctx: CommandContext, id: string) {
  await executeTx(db, async (tx) => {
    const { p } = await postForChange(tx, ctx, id);
    if (!newsPolicy.edit(ctx.actor, p)) throw forbidden();
    if (p.status === 'draft') throw new Problem(409, 'news.already_draft');
    await setPublished(tx, ctx.networkId, id, false);
    await removeDocument(tx, ctx.networkId, 'news_post', id);
    await federateChange(tx, ctx.networkId, 'news', id, p.organisation_id);
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'news.post_unpublished',
      entityType: 'news_post',
      entityId: id,
      ip: ctx.ip,
    });
  });
}

/** Deletes a post with its comments, and its search entry. */
export async function removePost(db: Executor, ctx: CommandContext, id: string) {
  await executeTx(db, async (tx) => {
    const { p } = await postForChange(tx, ctx, id);
    if (!newsPolicy.delete(ctx.actor, p)) throw forbidden();
    await deletePost(tx, ctx.networkId, id);
    await removeDocument(tx, ctx.networkId, 'news_post', id);
    await federateChange(tx, ctx.networkId, 'news', id, p.organisation_id);
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'news.post_deleted',
      entityType: 'news_post',
      entityId: id,
      details: { title: p.title, organisationId: p.organisation_id, wasPublished: p.status === 'published' },
      ip: ctx.ip,
    });
  });
}
