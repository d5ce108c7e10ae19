import type { Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { commandContext, requireAccount } from '../../../../../http/context.ts';
import { paging } from '../../../../../http/paging.ts';
import { notFound, Problem } from '../../../../../http/problem.ts';
import { NoContent, Page, problems } from '../../../../../http/schemas.ts';
import { renderMarkdown } from '../../../../../platform/markdown.ts';
import { protectCell } from '../../../../../platform/smallCells.ts';
import { type Actor, isSignedIn } from '../../../../../policies/actor.ts';
import { communityThreads, startCommunityThread } from '../../../../knowledge/index.ts';
import { archiveCommunity, createCommunity, editCommunity } from '../../commands/communities.ts';
import {
  answerRequest,
  joinCommunity,
  leaveCommunity,
  removeMember,
  setMemberRole,
} from '../../commands/members.ts';
import { type CommunityFacts, communityPolicy } from '../../policies/community.ts';
import {
  type CommunityListRow,
  type CommunityRow,
  findCommunity,
  listCommunities,
  listMembers,
} from '../../repositories/communities.ts';
import {
  CommunityFields,
  CommunityListQuery,
  CommunityParams,
  CommunityRefParams,
  CommunitySummary,
  CommunityThread,
  CommunityView,
  Created,
  JoinBody,
  Joined,
  MemberParams,
  MemberView,
  PageOnly,
  RequestView,
  RoleBody,
  ThreadCreated,
  ThreadStart,
} from './schema.ts';

const factsOf = (r: CommunityListRow & { hidden?: boolean }): CommunityFacts => ({
  joining: r.joining,
  archived: r.archived_at !== null,
  hidden: r.hidden ?? false,
  me: r.me_role && r.me_status ? { role: r.me_role, status: r.me_status } : null,
});

/**
 * How many belong, as it may leave the server: exact for a community anyone may join (its members
 * are public by their own choice) and for its members; for one that accepts by request, outsiders get
 * the count only when five or more stand behind it (platform/smallCells.ts).
 */
function memberFigure(r: CommunityListRow, actor: Actor) {
  const n = Number(r.member_count);
  if (r.joining === 'open' || communityPolicy.seeMembers(actor, factsOf(r)))
    return { members: n, membersSuppressed: false };
  const cell = protectCell(n, { members: n });
  return { members: cell.members, membersSuppressed: cell.suppressed };
}

export function summary(r: CommunityListRow, actor: Actor) {
  const f = factsOf(r);
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    summary: r.summary,
    space: r.space,
    towns: r.towns,
    district: r.district_id ? { id: r.district_id, name: r.district_name ?? '' } : null,
    joining: r.joining,
    archived: f.archived,
    ...memberFigure(r, actor),
    me: f.me,
  };
}

/**
 * Communities of interest and identity (/places/communities): the list with search and filters, a
 * community's page, making and changing one, joining (at once or by request), leaving, the answers to
 * requests, roles, taking members out, archiving — and its discussions, which are Wissen's threads
 * (started and listed here, read and answered on Wissen's pages). A community hidden by a moderator
 * does not exist but for the instance admins; a by-request community's threads do not exist but for
 * its members.
 */
export async function communityRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const tags = ['communities'];
  const viewerOf = (actor: Actor) => (isSignedIn(actor) ? actor.accountId : null);

  /** The community as the actor may see it, or 404. */
  async function load(actor: Actor, idOrSlug: string) {
    const r = await findCommunity(db, networkId, idOrSlug, viewerOf(actor));
    if (!r) throw notFound();
    const facts = factsOf(r);
    if (!communityPolicy.view(actor, facts)) throw notFound();
    return { row: r, facts };
  }

  function present(r: CommunityRow, facts: CommunityFacts, actor: Actor) {
    const manage = communityPolicy.manage(actor, facts);
    return {
      ...summary(r, actor),
      description: r.description,
      html: renderMarkdown(r.description),
      hidden: r.hidden,
      createdAt: r.created_at.toISOString(),
      requests: manage ? Number(r.request_count) : null,
      abilities: {
        join: communityPolicy.join(actor, facts),
        leave: communityPolicy.leave(actor, facts),
        seeMembers: communityPolicy.seeMembers(actor, facts),
        readThreads: communityPolicy.readThreads(actor, facts),
        startThread: communityPolicy.startThread(actor, facts),
        manage,
        setRoles: communityPolicy.setRoles(actor, facts),
        archive: communityPolicy.archive(actor, facts),
        flag: isSignedIn(actor) && !r.hidden && facts.me === null,
      },
    };
  }

  async function view(actor: Actor, idOrSlug: string) {
    const { row, facts } = await load(actor, idOrSlug);
    return present(row, facts, actor);
  }

  const one = { params: CommunityParams, response: { 200: CommunityView, ...problems } };

  app.get<{ Querystring: Static<typeof CommunityListQuery> }>(
    '/',
    {
      schema: {
        tags,
        summary: 'Communities by name (search, space, district, mine); archived ones are left out',
        querystring: CommunityListQuery,
        response: { 200: Page(CommunitySummary), ...problems },
      },
    },
    async (req) => {
      const page = paging(req.query);
      const viewerId = viewerOf(req.actor);
      const { items, total } = await listCommunities(db, networkId, {
        q: req.query.q?.trim() || undefined,
        space: req.query.space,
        districtId: req.query.districtId,
        mine: req.query.mine === true && viewerId !== null,
        viewerId,
        ...page,
      });
      // "mine" without an account is nobody's: an empty page, not everything
      if (req.query.mine && viewerId === null) return { items: [], total: 0, ...page };
      return { items: items.map((r) => summary(r, req.actor)), total, ...page };
    },
  );

  app.post<{ Body: Static<typeof CommunityFields> }>(
    '/',
    {
      schema: {
        tags,
        summary: 'Make a community: whoever makes it owns it; its address comes from its name',
        body: CommunityFields,
        response: { 201: Created, ...problems },
      },
    },
    async (req, reply) => {
      const made = await createCommunity(db, commandContext(req, networkId), req.body);
      return reply.code(201).send(made);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/:id',
    {
      schema: {
        tags,
        summary: 'A community’s page, by id or address (slug)',
        params: CommunityRefParams,
        response: { 200: CommunityView, ...problems },
      },
    },
    async (req) => view(req.actor, req.params.id),
  );

  app.put<{ Params: { id: string }; Body: Static<typeof CommunityFields> }>(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Change a community (its owners and moderators); its address stays',
        body: CommunityFields,
        ...one,
      },
    },
    async (req) => {
      await editCommunity(db, commandContext(req, networkId), req.params.id, req.body);
      return view(req.actor, req.params.id);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/:id/archive',
    {
      schema: {
        tags,
        summary: 'Archive a community (its owners): it stays readable, nothing more happens',
        ...one,
      },
    },
    async (req) => {
      await archiveCommunity(db, commandContext(req, networkId), req.params.id);
      return view(req.actor, req.params.id);
    },
  );

  app.post<{ Params: { id: string }; Body: Static<typeof JoinBody> }>(
    '/:id/join',
    {
      schema: {
        tags,
        summary: 'Join at once, or ask to join a community that accepts members by request',
        params: CommunityParams,
        body: JoinBody,
        response: { 200: Joined, ...problems },
      },
    },
    async (req) => ({
      status: await joinCommunity(db, commandContext(req, networkId), req.params.id, req.body.note ?? ''),
    }),
  );

  app.post<{ Params: { id: string } }>(
    '/:id/leave',
    {
      schema: {
        tags,
        summary: 'Leave a community, or take back a request to join (not its last owner)',
        params: CommunityParams,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      await leaveCommunity(db, commandContext(req, networkId), req.params.id);
      return reply.code(204).send();
    },
  );

  app.get<{ Params: { id: string }; Querystring: Static<typeof PageOnly> }>(
    '/:id/members',
    {
      schema: {
        tags,
        summary: 'Its members by name and role (only its members see them)',
        params: CommunityParams,
        querystring: PageOnly,
        response: { 200: Page(MemberView), ...problems },
      },
    },
    async (req) => {
      requireAccount(req);
      const { row, facts } = await load(req.actor, req.params.id);
      if (!communityPolicy.seeMembers(req.actor, facts)) throw new Problem(403, 'community.members_only');
      const page = paging(req.query);
      const { items, total } = await listMembers(db, networkId, row.id, 'active', page);
      return {
        items: items.map((m) => ({
          id: m.account_id,
          name: m.display_name,
          role: m.role,
          since: (m.joined_at ?? m.created_at).toISOString(),
        })),
        total,
        ...page,
      };
    },
  );

  app.get<{ Params: { id: string }; Querystring: Static<typeof PageOnly> }>(
    '/:id/requests',
    {
      schema: {
        tags,
        summary: 'Requests to join waiting for an answer, oldest first (its owners and moderators)',
        params: CommunityParams,
        querystring: PageOnly,
        response: { 200: Page(RequestView), ...problems },
      },
    },
    async (req) => {
      requireAccount(req);
      const { row, facts } = await load(req.actor, req.params.id);
      if (!communityPolicy.manage(req.actor, facts)) throw new Problem(403, 'community.not_yours');
      const page = paging(req.query);
      const { items, total } = await listMembers(db, networkId, row.id, 'requested', page);
      return {
        items: items.map((m) => ({
          id: m.account_id,
          name: m.display_name,
          note: m.request_note,
          since: m.created_at.toISOString(),
        })),
        total,
        ...page,
      };
    },
  );

  for (const [verb, accept] of [
    ['accept', true],
    ['decline', false],
  ] as const)
    app.post<{ Params: { id: string; accountId: string } }>(
      `/:id/requests/:accountId/${verb}`,
      {
        schema: {
          tags,
          summary: accept
            ? 'Accept a request to join (owners and moderators); the person hears of it'
            : 'Decline a request to join (owners and moderators); the person hears of it',
          params: MemberParams,
          response: { 204: NoContent, ...problems },
        },
      },
      async (req, reply) => {
        await answerRequest(db, commandContext(req, networkId), req.params.id, req.params.accountId, accept);
        return reply.code(204).send();
      },
    );

  app.put<{ Params: { id: string; accountId: string }; Body: Static<typeof RoleBody> }>(
    '/:id/members/:accountId/role',
    {
      schema: {
        tags,
        summary: 'Give a member a role: owner, moderator or member (its owners; one owner always stays)',
        params: MemberParams,
        body: RoleBody,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      await setMemberRole(
        db,
        commandContext(req, networkId),
        req.params.id,
        req.params.accountId,
        req.body.role,
      );
      return reply.code(204).send();
    },
  );

  app.delete<{ Params: { id: string; accountId: string } }>(
    '/:id/members/:accountId',
    {
      schema: {
        tags,
        summary: 'Take a member out (owners anyone else, moderators plain members); they hear of it',
        params: MemberParams,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      await removeMember(db, commandContext(req, networkId), req.params.id, req.params.accountId);
      return reply.code(204).send();
    },
  );

  app.get<{ Params: { id: string }; Querystring: Static<typeof PageOnly> }>(
    '/:id/threads',
    {
      schema: {
        tags,
        summary:
          'Its discussions (Wissen’s threads) by last activity; a by-request community’s for its members only',
        params: CommunityParams,
        querystring: PageOnly,
        response: { 200: Page(CommunityThread), ...problems },
      },
    },
    async (req) => {
      const { row, facts } = await load(req.actor, req.params.id);
      if (!communityPolicy.readThreads(req.actor, facts)) throw notFound();
      const page = paging(req.query);
      const { items, total } = await communityThreads(db, networkId, row.id, viewerOf(req.actor), page);
      return {
        items: items.map((t) => ({
          id: t.id,
          title: t.title,
          author: t.author_name,
          replyCount: Math.max(0, t.post_count - 1),
          lastPostAt: t.last_post_at.toISOString(),
          closed: t.closed_at !== null,
          solved: t.solution_post_id !== null,
          pending: t.review_status === 'pending',
        })),
        total,
        ...page,
      };
    },
  );

  app.post<{ Params: { id: string }; Body: Static<typeof ThreadStart> }>(
    '/:id/threads',
    {
      schema: {
        tags,
        summary: 'Start a discussion in the community (its members): a Wissen thread that belongs to it',
        params: CommunityParams,
        body: ThreadStart,
        response: { 201: ThreadCreated, ...problems },
      },
    },
    async (req, reply) => {
      const ctx = commandContext(req, networkId);
      const { row, facts } = await load(req.actor, req.params.id);
      if (!communityPolicy.readThreads(req.actor, facts)) throw notFound();
      if (facts.archived) throw new Problem(409, 'community.archived');
      if (!communityPolicy.startThread(req.actor, facts)) throw new Problem(403, 'community.members_write');
      const r = await startCommunityThread(db, ctx, row.id, {
        title: req.body.title.trim(),
        body: req.body.body,
        districtId: row.district_id,
      });
      return reply.code(201).send({ id: r.threadId, pending: r.status === 'pending' });
    },
  );
}
