import type { FastifyPluginAsync } from 'fastify';
import type { Transaction } from 'kysely';
import type { Config } from '../config.ts';
import type { Area, DB, TransferSourceType } from '../db/schema.ts';
import type { Executor } from '../db/tx.ts';
import type { CalendarSource } from '../platform/calendar.ts';
import type { JobHandler } from '../platform/jobs.ts';
import type { TodayContributor } from '../platform/today.ts';
import type { Actor } from '../policies/actor.ts';
import type { DemoSeedContext } from '../seed/context.ts';

/** A job that schedules its own next run. */
export interface Recurring {
  everyMinutes: number;
  run: JobHandler;
}

/** The six networks of the product (the constants the database stores), and the time bank they share. */
export type AreaId = Area | 'timebank';

/**
 * Whether a thing a transfer names as its source exists in this network and may be seen by the one
 * paying or asking, by the rule of the area that owns the thing: so a payment can neither name what
 * its author may not see nor probe whether it exists.
 */
export type TransferSourceCheck = (
  tx: Executor,
  actor: Actor,
  networkId: string,
  id: string,
) => Promise<boolean>;

/**
 * One figure of the town's current activity for the public front page (GET /api/v1/network/activity):
 * `people` is how many distinct people stand behind it — 0 for things that are public anyway (a listed
 * resource, a published opportunity) — so platform/smallCells.ts can hide a figure that rests on too few.
 */
export interface ActivityFigure {
  key: string;
  value: number;
  people: number;
}

/**
 * What an area brings to the platform: it registers itself here, and server/areas/index.ts puts the
 * areas together — the routes under /api/v1, the background jobs, the demo town, the things the
 * time bank can pay for. Nothing outside the area lists its parts.
 */
export interface AreaManifest {
  id: AreaId;
  /** The HTTP routes, each a Fastify plugin under /api/v1 + prefix. */
  routes: { prefix: string; plugin: FastifyPluginAsync }[];
  /** Background jobs by kind. */
  jobs?: (config: Config) => Record<string, JobHandler>;
  /**
   * Work that comes back on its own (a sweep for reminders, the digest), by job kind: run every
   * `everyMinutes`, the first time soon after a server starts. Each run schedules the next one
   * (platform/job-handlers.ts), and the dedupe key keeps one pending per kind however many servers.
   */
  recurring?: (config: Config) => Record<string, Recurring>;
  /** Fills the demo town (through the area's commands), returning what it made, counted. */
  seed?: (tx: Transaction<DB>, c: DemoSeedContext) => Promise<Record<string, unknown>>;
  /** The kinds of things of this area a time-bank transfer can be for. */
  transferSources?: Partial<Record<TransferSourceType, TransferSourceCheck>>;
  /**
   * Its part of the personal home (GET /api/v1/me/today, platform/today.ts): what needs the person in
   * this area, what they have coming, and suggestions for someone with nothing to do — written in the
   * area's today.ts with its own policies. The home lists no area itself.
   */
  today?: TodayContributor;
  /**
   * Its figures for the front page: what is open now, and what happened in `month` (the last whole
   * calendar month, so two readings cannot be subtracted to show one person's doing).
   */
  activity?: (
    db: Executor,
    networkId: string,
    month: { from: Date; to: Date; firstDay: string; lastDay: string },
  ) => Promise<ActivityFigure[]>;
  /**
   * Its gatherings in the one calendar across all areas (platform/calendar.ts): events, shifts,
   * meetings — each source written in the area's own folder, with the area's own rules of who may
   * see what.
   */
  calendar?: readonly CalendarSource[];
}
