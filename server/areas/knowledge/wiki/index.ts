/** Wiki: pages of the network and of each organisation, revisions with diff and restore, links and backlinks, attachments. */
import type { KnowledgePart } from '../part.ts';
import { wikiRoutes } from './routes/index.ts';
import { seedWiki } from './seed.ts';

export const wikiPart: KnowledgePart = {
  routes: [{ prefix: '/wiki', plugin: wikiRoutes }],
  seed: seedWiki,
};
