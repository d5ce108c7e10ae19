import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Feed } from 'feed';
import { notFound } from '../../../../../http/problem.ts';
import { problems } from '../../../../../http/schemas.ts';
import { t } from '../../../../../i18n/messages.ts';
import { excerpt, renderMarkdown } from '../../../../../platform/markdown.ts';
import { webPaths } from '../../../../../platform/webPaths.ts';
import { feedPosts, findOrganisation, type PostRow } from '../../repositories/posts.ts';
import { OrganisationParams } from '../posts/schema.ts';

/** Text as HTML: Atom's titles and summaries and RSS descriptions are read as HTML by feed readers. */
const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const types = {
  atom: 'application/atom+xml; charset=utf-8',
  rss: 'application/rss+xml; charset=utf-8',
} as const;
type Format = keyof typeof types;

/**
 * RSS 2.0 and Atom feeds of the news, network-wide and per organisation, built by the `feed` library:
 * only public, published posts that no moderator hid — a feed reader cannot sign in, so nothing else
 * ever goes in. Links are absolute (the configured public URL), the content is the post's Markdown
 * rendered and sanitised by platform/markdown.ts. Answers carry Last-Modified and an ETag, and may
 * be cached publicly for five minutes; a reader asking again with If-None-Match gets a 304.
 */
export async function newsFeedRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const publicUrl = app.deps.config.publicUrl;
  const tags = ['news'];
  const feedSchema = (summary: string, params?: typeof OrganisationParams) => ({
    tags,
    summary,
    ...(params ? { params } : {}),
    produces: Object.values(types),
    response: { 200: { type: 'string' }, ...problems },
  });

  function build(
    req: FastifyRequest,
    format: Format,
    posts: PostRow[],
    o: { title: string; description: string; page: string; self: (f: Format) => string },
  ) {
    // the newest change of any post in it (a correction of an older post changes the feed too)
    const updated = new Date(Math.max(0, ...posts.map((p) => p.updated_at.getTime())));
    const feed = new Feed({
      id: `${publicUrl}${o.page}`,
      title: o.title,
      description: o.description,
      link: `${publicUrl}${o.page}`,
      language: req.locale === 'en' ? 'en' : 'de',
      updated,
      generator: 'Knotenpunkt',
      copyright: app.deps.network.name,
      feedLinks: { atom: o.self('atom'), rss: o.self('rss') },
    });
    for (const p of posts) {
      const link = `${publicUrl}${webPaths.newsPost(p.id)}`;
      feed.addItem({
        id: link,
        guid: link,
        link,
        title: escapeHtml(p.title),
        date: p.published_at ?? p.updated_at,
        published: p.published_at ?? p.updated_at,
        description: escapeHtml(excerpt(p.body, 300)),
        content: renderMarkdown(p.body),
        author: [{ name: p.organisation_name }],
      });
    }
    return { xml: format === 'atom' ? feed.atom1() : feed.rss2(), updated };
  }

  function send(
    req: FastifyRequest,
    reply: FastifyReply,
    format: Format,
    built: { xml: string; updated: Date },
  ) {
    const etag = `"${built.updated.getTime().toString(36)}-${built.xml.length.toString(36)}-${format}-${req.locale}"`;
    reply
      .header('cache-control', 'public, max-age=300')
      .header('last-modified', built.updated.toUTCString())
      .header('etag', etag)
      .header('vary', 'accept-language');
    if (req.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type(types[format]).send(built.xml);
  }

  for (const format of ['atom', 'rss'] as const) {
    app.get(
      `/feed.${format}`,
      { schema: feedSchema(`The network's public news as ${format === 'atom' ? 'Atom' : 'RSS 2.0'}`) },
      async (req, reply) => {
        const posts = await feedPosts(db, networkId, null);
        const network = app.deps.network.name;
        const built = build(req, format, posts, {
          title: t(req.locale, 'news.feed_title', { network }),
          description: t(req.locale, 'news.feed_description', { network }),
          page: '/wissen/neuigkeiten',
          self: (f) => `${publicUrl}/api/v1/news/feed.${f}`,
        });
        return send(req, reply, format, built);
      },
    );

    app.get<{ Params: { organisationId: string } }>(
      `/organisations/:organisationId/feed.${format}`,
      {
        schema: feedSchema(
          `One organisation's public news as ${format === 'atom' ? 'Atom' : 'RSS 2.0'}`,
          OrganisationParams,
        ),
      },
      async (req, reply) => {
        const org = await findOrganisation(db, networkId, req.params.organisationId);
        if (!org) throw notFound();
        const posts = await feedPosts(db, networkId, org.id);
        const built = build(req, format, posts, {
          title: t(req.locale, 'news.feed_title_organisation', { organisation: org.name }),
          description: t(req.locale, 'news.feed_description_organisation', { organisation: org.name }),
          page: `/wissen/neuigkeiten?organisation=${org.id}`,
          self: (f) => `${publicUrl}/api/v1/news/organisations/${org.id}/feed.${f}`,
        });
        return send(req, reply, format, built);
      },
    );
  }
}
