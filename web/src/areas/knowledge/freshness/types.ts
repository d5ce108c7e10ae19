/**
 * What the freshness API answers, derived from the server's response schemas
 * (server/areas/knowledge/freshness/routes/freshness/schema.ts). Type-only imports: nothing reaches
 * the bundle.
 */
import type { Static } from '@fastify/type-provider-typebox';
import type {
  FreshnessDetail as DetailSchema,
  StaleItem as StaleSchema,
} from '../../../../../server/areas/knowledge/freshness/routes/freshness/schema.ts';

export type TargetType = 'wiki_page' | 'map_report';
type Fixed<T> = Omit<T, 'target'> & {
  target: Omit<Static<typeof DetailSchema>['target'], 'type'> & { type: TargetType };
};

export type FreshnessDetail = Fixed<Static<typeof DetailSchema>>;
export type StaleItem = Fixed<Static<typeof StaleSchema>>;
