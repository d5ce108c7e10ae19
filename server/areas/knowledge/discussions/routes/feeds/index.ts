import { type Static, Type } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import {
  buildFeed,
  type FeedFormat,
  feedFormats,
  feedSchema,
  formatName,
  sendFeed,
} from '../../../../../http/feeds.ts';
import { IdParams, Uuid } from '../../../../../http/schemas.ts';
import { t } from '../../../../../i18n/messages.ts';
import { excerpt, renderMarkdown } from '../../../../../platform/markdown.ts';
import { webPaths } from '../../../../../platform/webPaths.ts';
import { anonymous } from '../../../../../policies/actor.ts';
import { findDistrict } from '../../../../../repositories/districts.ts';
import { viewableThread } from '../../commands/discussions.ts';
import { feedPosts, feedThreads } from '../../repositories/discussions.ts';
import { Theme } from '../discussions/schema.ts';

const ThreadFeedQuery = Type.Object(
  { theme: Type.Optional(Theme), districtId: Type.Optional(Uuid) },
  { additionalProperties: false },
);

/** The most items one feed holds. */
const feedItems = 50;

/**
 * RSS and Atom feeds of the discussions (http/feeds.ts): the new threads — all, or of one theme or
 * district — with their opening post, and the posts of one thread. A feed reader cannot sign in, so
 * both are built for nobody signed in: a members-only community's thread is not in the list and its
 * feed is a 404, like a thread waiting for review or hidden by a moderator; a hidden, deleted or
 * waiting post is left out.
 */
export async function discussionFeedRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const publicUrl = app.deps.config.publicUrl;
  const network = app.deps.network.name;
  const tags = ['discussions'];

  for (const format of feedFormats) {
    const f: FeedFormat = format;
    app.get<{ Querystring: Static<typeof ThreadFeedQuery> }>(
      `/feed.${f}`,
      {
        schema: feedSchema(
          tags,
          `New public discussions (all, or of one theme or district) with their opening post, as ${formatName(f)}`,
          { querystring: ThreadFeedQuery },
        ),
      },
      async (req, reply) => {
        const { theme, districtId } = req.query;
        const district = districtId ? await findDistrict(db, networkId, districtId) : undefined;
        const filter = [theme ? t(req.locale, `discussion.theme.${theme}`) : '', district?.name ?? '']
          .filter(Boolean)
          .join(', ');
        const rows = await feedThreads(
          db,
          networkId,
          { theme, districtId: district?.id ?? districtId },
          feedItems,
        );
        const query = new URLSearchParams({
          ...(theme ? { theme } : {}),
          ...(districtId ? { districtId } : {}),
        }).toString();
        const built = buildFeed(
          f,
          {
            publicUrl,
            locale: req.locale,
            copyright: network,
            title: filter
              ? t(req.locale, 'discussion.feed_title_filtered', { network, filter })
              : t(req.locale, 'discussion.feed_title', { network }),
            description: t(req.locale, 'discussion.feed_description', { network }),
            page: `${webPaths.discussions()}${query ? `?${query}` : ''}`,
            self: '/api/v1/discussions/feed',
          },
          rows.map((r) => ({
            path: webPaths.discussionThread(r.id),
            title: r.title,
            published: r.created_at,
            updated: r.edited_at ?? r.created_at,
            summary: r.body ? excerpt(r.body, 300) : '',
            html: r.body ? renderMarkdown(r.body) : '',
            author: r.author_name,
          })),
        );
        return sendFeed(req, reply, f, built);
      },
    );

    app.get<{ Params: Static<typeof IdParams> }>(
      `/threads/:id/feed.${f}`,
      {
        schema: feedSchema(tags, `The public posts of one discussion, newest first, as ${formatName(f)}`, {
          params: IdParams,
        }),
      },
      async (req, reply) => {
        // built for nobody signed in, whoever asks: the feed's address is passed on
        const thread = await viewableThread(db, { networkId, actor: anonymous }, req.params.id);
        const rows = await feedPosts(db, networkId, thread.id, feedItems);
        const built = buildFeed(
          f,
          {
            publicUrl,
            locale: req.locale,
            copyright: network,
            title: t(req.locale, 'discussion.thread_feed_title', { thread: thread.title }),
            description: t(req.locale, 'discussion.thread_feed_description', {
              thread: thread.title,
              network,
            }),
            page: webPaths.discussionThread(thread.id),
            self: `/api/v1/discussions/threads/${thread.id}/feed`,
          },
          rows.map((p) => ({
            path: webPaths.discussionPost(thread.id, String(p.position)),
            title: t(req.locale, 'discussion.feed_post_title', {
              name: p.author_name ?? '–',
              thread: thread.title,
            }),
            published: p.created_at,
            updated: p.edited_at ?? p.created_at,
            summary: excerpt(p.body, 300),
            html: renderMarkdown(p.body),
            author: p.author_name,
          })),
        );
        return sendFeed(req, reply, f, built);
      },
    );
  }
}
