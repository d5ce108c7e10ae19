/**
 * What the dossiers API answers, derived from the server's response schemas
 * (server/areas/knowledge/dossiers/routes/dossiers/schema.ts). Type-only imports.
 */
import type { Static } from '@fastify/type-provider-typebox';
import type {
  CandidateView,
  DossierSummary as DossierSummarySchema,
  DossierView,
  RecipientList,
} from '../../../../../server/areas/knowledge/dossiers/routes/dossiers/schema.ts';

export type Dossier = Static<typeof DossierView>;
export type DossierSummary = Static<typeof DossierSummarySchema>;
export type DossierItem = Dossier['items'][number];
export type DossierStep = Dossier['steps'][number];
export type Candidate = Static<typeof CandidateView>;
export type Recipients = Static<typeof RecipientList>;
export type DossierStatus = Dossier['status'];
export type ItemType = DossierItem['type'];

export const itemTypes: readonly ItemType[] = [
  'map_report',
  'discussion_thread',
  'discussion_post',
  'wiki_page',
];
export const publicStatuses: readonly DossierStatus[] = ['sent', 'received', 'on_agenda', 'answered'];
