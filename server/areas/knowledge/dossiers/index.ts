/** Dossiers: evidence bundled for a political body, sent, tracked and answered. */
import type { KnowledgePart } from '../part.ts';

export const dossiersPart: KnowledgePart = {
  routes: [],
};
