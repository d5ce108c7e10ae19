import type { FastifyPluginAsync } from 'fastify';
import type { Transaction } from 'kysely';
import type { Config } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import type { JobHandler } from '../../platform/jobs.ts';
import type { TodaySource } from '../../platform/today.ts';
import type { DemoSeedContext } from '../../seed/context.ts';
import type { ActivityFigure, AreaManifest, Recurring } from '../manifest.ts';

/**
 * Wissen is the largest area, so it is cut once more: one folder per part (wiki, freshness, news,
 * discussions, reports — the neighbourhood knowledge map —, dossiers, digests), each with the layers
 * of an area (routes/, commands/, repositories/, policies/, area.ts, permissions.ts, seed.ts). A
 * part brings what the area's manifest joins (index.ts); its data (messages, notification kinds, web
 * paths, search types) goes through its area.ts into the area's area.ts.
 */
export interface KnowledgePart {
  routes: { prefix: string; plugin: FastifyPluginAsync }[];
  jobs?: (config: Config) => Record<string, JobHandler>;
  /** work that comes back on its own (see AreaManifest.recurring) */
  recurring?: (config: Config) => Record<string, Recurring>;
  /** its part of the demo town; the parts run in the order of index.ts, so a later part finds the earlier ones' things */
  seed?: (tx: Transaction<DB>, c: DemoSeedContext) => Promise<Record<string, unknown>>;
  /** its sections of the personal home */
  today?: TodaySource;
  /** its suggestions when nothing needs the person */
  suggestions?: TodaySource;
  /** its figures for the front page */
  activity?: AreaManifest['activity'];
}

export type { ActivityFigure };
