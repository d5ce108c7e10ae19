/** Wiki: pages of the network and of each organisation, revisions with diff and restore, links and backlinks, attachments. */
import type { AreaPart } from '../../parts.ts';
import { wikiRoutes } from './routes/index.ts';
import { seedWiki } from './seed.ts';

export const wikiPart: AreaPart = {
  routes: [{ prefix: '/wiki', plugin: wikiRoutes }],
  seed: seedWiki,
};
