/** Wiki: pages of the network and of each organisation, revisions with diff and restore, links and backlinks, attachments. */
import type { KnowledgePart } from '../part.ts';

export const wikiPart: KnowledgePart = {
  routes: [],
};
