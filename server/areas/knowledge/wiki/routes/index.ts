import type { FastifyInstance } from 'fastify';
import { wikiAttachmentRoutes } from './attachments/index.ts';
import { wikiPageRoutes } from './pages/index.ts';

/** /wiki: pages (JSON) and their attachments (multipart, in a plugin of their own). */
export async function wikiRoutes(app: FastifyInstance) {
  await app.register(wikiPageRoutes);
  await app.register(wikiAttachmentRoutes);
}
