import type { Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { requireAccount } from '../../../http/context.ts';
import { problems } from '../../../http/schemas.ts';
import { renderMarkdown } from '../../../platform/markdown.ts';
import { MarkdownPreview, MarkdownPreviewBody } from './schema.ts';

/**
 * The preview of a text being written (a wiki page, a post, a report): rendered exactly as it will
 * be shown, by the same code (platform/markdown.ts), so the client never renders Markdown itself.
 * For signed-in people, who are the ones writing; `[[wiki links]]` show as links without looking up
 * whether the page exists.
 */
export async function markdownRoutes(app: FastifyInstance) {
  app.post<{ Body: Static<typeof MarkdownPreviewBody> }>(
    '/preview',
    {
      schema: {
        tags: ['markdown'],
        summary: 'Preview a text as it will be shown (signed-in people)',
        body: MarkdownPreviewBody,
        response: { 200: MarkdownPreview, ...problems },
      },
    },
    async (req) => {
      requireAccount(req);
      return { html: renderMarkdown(req.body.text, { wikiLink: () => '#' }) };
    },
  );
}
