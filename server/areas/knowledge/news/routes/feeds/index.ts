import type { FastifyInstance } from 'fastify';
import {
  buildFeed,
  type FeedFormat,
  feedFormats,
  feedSchema,
  formatName,
  sendFeed,
} from '../../../../../http/feeds.ts';
import { notFound } from '../../../../../http/problem.ts';
import type { Locale } from '../../../../../i18n/messages.ts';
import { t } from '../../../../../i18n/messages.ts';
import { excerpt, renderMarkdown } from '../../../../../platform/markdown.ts';
import { webPaths } from '../../../../../platform/webPaths.ts';
import { feedPosts, findOrganisation, type PostRow } from '../../repositories/posts.ts';
import { OrganisationParams } from '../posts/schema.ts';

/**
 * RSS 2.0 and Atom feeds of the news, network-wide and per organisation (built and sent by
 * http/feeds.ts): only public, published posts that no moderator hid — a feed reader cannot sign in,
 * so nothing else ever goes in. The content is the post's Markdown rendered and sanitised.
 */
export async function newsFeedRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const publicUrl = app.deps.config.publicUrl;
  const tags = ['news'];

  const items = (posts: PostRow[]) =>
    posts.map((p) => ({
      path: webPaths.newsPost(p.id),
      title: p.title,
      published: p.published_at ?? p.updated_at,
      updated: p.updated_at,
      summary: excerpt(p.body, 300),
      html: renderMarkdown(p.body),
      author: p.organisation_name,
    }));

  const info = (locale: Locale, o: { title: string; description: string; page: string; self: string }) => ({
    publicUrl,
    locale,
    copyright: app.deps.network.name,
    ...o,
  });

  for (const format of feedFormats) {
    const f: FeedFormat = format;
    app.get(
      `/feed.${f}`,
      { schema: feedSchema(tags, `The network's public news as ${formatName(f)}`) },
      async (req, reply) => {
        const posts = await feedPosts(db, networkId, null);
        const network = app.deps.network.name;
        const built = buildFeed(
          f,
          info(req.locale, {
            title: t(req.locale, 'news.feed_title', { network }),
            description: t(req.locale, 'news.feed_description', { network }),
            page: '/wissen/neuigkeiten',
            self: '/api/v1/news/feed',
          }),
          items(posts),
        );
        return sendFeed(req, reply, f, built);
      },
    );

    app.get<{ Params: { organisationId: string } }>(
      `/organisations/:organisationId/feed.${f}`,
      {
        schema: feedSchema(tags, `One organisation's public news as ${formatName(f)}`, {
          params: OrganisationParams,
        }),
      },
      async (req, reply) => {
        const org = await findOrganisation(db, networkId, req.params.organisationId);
        if (!org) throw notFound();
        const posts = await feedPosts(db, networkId, org.id);
        const built = buildFeed(
          f,
          info(req.locale, {
            title: t(req.locale, 'news.feed_title_organisation', { organisation: org.name }),
            description: t(req.locale, 'news.feed_description_organisation', { organisation: org.name }),
            page: `/wissen/neuigkeiten?organisation=${org.id}`,
            self: `/api/v1/news/organisations/${org.id}/feed`,
          }),
          items(posts),
        );
        return sendFeed(req, reply, f, built);
      },
    );
  }
}
