/**
 * Wissen: the local knowledge and communication network — wiki, news, discussions, the neighbourhood
 * knowledge map and dossiers for local politics. Not built yet (issue "Wissen"); it registers here.
 */
import type { AreaManifest } from '../manifest.ts';

export const knowledgeArea: AreaManifest = { id: 'knowledge', routes: [] };
