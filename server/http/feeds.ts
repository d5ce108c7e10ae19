import type { TSchema } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Feed } from 'feed';
import type { Locale } from '../i18n/messages.ts';
import { problems } from './schemas.ts';

/**
 * RSS 2.0 and Atom feeds, built by the `feed` library: the news (network-wide and per organisation)
 * and the discussions (new threads, a thread's replies) are built and sent here. A feed reader cannot
 * sign in, so a feed holds only what anyone may read — the route decides what that is. Links are
 * absolute (the configured public URL); titles and summaries are escaped text, the content is HTML
 * rendered and sanitised by platform/markdown.ts. Answers carry Last-Modified and an ETag and may be
 * cached publicly for five minutes; a reader asking again with If-None-Match gets a 304.
 */

export const feedTypes = {
  atom: 'application/atom+xml; charset=utf-8',
  rss: 'application/rss+xml; charset=utf-8',
} as const;
export type FeedFormat = keyof typeof feedTypes;
export const feedFormats = ['atom', 'rss'] as const satisfies readonly FeedFormat[];

/** "Atom" or "RSS 2.0", for the OpenAPI summaries. */
export const formatName = (f: FeedFormat) => (f === 'atom' ? 'Atom' : 'RSS 2.0');

/** Text as HTML: Atom's titles and summaries and RSS descriptions are read as HTML by feed readers. */
export const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface FeedItem {
  /** the item's page on this site (a web path), also its id */
  path: string;
  title: string;
  /** when it appeared */
  published: Date;
  /** when it last changed (defaults to published) */
  updated?: Date;
  /** plain text, a short summary */
  summary: string;
  /** sanitised HTML */
  html: string;
  author: string | null;
}

export interface FeedInfo {
  publicUrl: string;
  locale: Locale;
  title: string;
  description: string;
  /** the web path of the page the feed mirrors */
  page: string;
  /** the API path of the feed without its extension (`/api/v1/news/feed`) */
  self: string;
  /** who the content belongs to */
  copyright: string;
}

/** The feed as XML, and the newest change of any item in it (a correction of an older item counts). */
export function buildFeed(format: FeedFormat, info: FeedInfo, items: readonly FeedItem[]) {
  const updated = new Date(Math.max(0, ...items.map((i) => (i.updated ?? i.published).getTime())));
  const feed = new Feed({
    id: `${info.publicUrl}${info.page}`,
    title: info.title,
    description: info.description,
    link: `${info.publicUrl}${info.page}`,
    language: info.locale === 'en' ? 'en' : 'de',
    updated,
    generator: 'Knotenpunkt',
    copyright: info.copyright,
    feedLinks: {
      atom: `${info.publicUrl}${info.self}.atom`,
      rss: `${info.publicUrl}${info.self}.rss`,
    },
  });
  for (const i of items) {
    const link = `${info.publicUrl}${i.path}`;
    feed.addItem({
      id: link,
      guid: link,
      link,
      title: escapeHtml(i.title),
      date: i.updated ?? i.published,
      published: i.published,
      description: escapeHtml(i.summary),
      content: i.html,
      ...(i.author ? { author: [{ name: i.author }] } : {}),
    });
  }
  return { xml: format === 'atom' ? feed.atom1() : feed.rss2(), updated };
}

/** Sends a built feed with its validators; 304 when the reader has it already. */
export function sendFeed(
  req: FastifyRequest,
  reply: FastifyReply,
  format: FeedFormat,
  built: { xml: string; updated: Date },
) {
  const etag = `"${built.updated.getTime().toString(36)}-${built.xml.length.toString(36)}-${format}-${req.locale}"`;
  reply
    .header('cache-control', 'public, max-age=300')
    .header('last-modified', built.updated.toUTCString())
    .header('etag', etag)
    .header('vary', 'accept-language');
  if (req.headers['if-none-match'] === etag) return reply.code(304).send();
  return reply.type(feedTypes[format]).send(built.xml);
}

/** The route schema of a feed: its tags, summary and optional path and query parameters. */
export function feedSchema(
  tags: string[],
  summary: string,
  o: { params?: TSchema; querystring?: TSchema } = {},
) {
  return {
    tags,
    summary,
    ...o,
    produces: Object.values(feedTypes),
    response: { 200: { type: 'string' }, ...problems },
  };
}
