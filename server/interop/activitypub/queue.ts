import type { MessageQueue, MessageQueueEnqueueOptions, MessageQueueListenOptions } from '@fedify/fedify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { enqueue } from '../../platform/jobs.ts';
import { durationMs } from './kv.ts';

/** The job kind that carries one of Fedify's tasks (a fan-out to followers, one delivery to an inbox). */
export const fedifyTaskJob = 'activitypub.task';

/**
 * Fedify's message queue over the platform's job queue (platform/jobs.ts): a task is a job, run by
 * the platform's worker (FOR UPDATE SKIP LOCKED, so several app servers share it) through
 * `federation.processQueuedTask`, and a task that throws is retried by the job queue with its
 * backoff (`nativeRetrial`: Fedify does not schedule retries of its own). `listen` therefore only
 * waits: the worker, not Fedify, takes the tasks out.
 */
export class DbMessageQueue implements MessageQueue {
  readonly nativeRetrial = true;
  readonly #db: Kysely<DB>;
  readonly #networkId: string;
  constructor(db: Kysely<DB>, networkId: string) {
    this.#db = db;
    this.#networkId = networkId;
  }

  async enqueue(message: unknown, options?: MessageQueueEnqueueOptions): Promise<void> {
    const delay = options?.delay ? durationMs(options.delay) : 0;
    await enqueue(this.#db, {
      networkId: this.#networkId,
      kind: fedifyTaskJob,
      payload: { message: message as Record<string, unknown> },
      runAt: new Date(Date.now() + Math.max(0, delay)),
    });
  }

  async enqueueMany(messages: readonly unknown[], options?: MessageQueueEnqueueOptions): Promise<void> {
    for (const m of messages) await this.enqueue(m, options);
  }

  listen(_handler: (message: unknown) => Promise<void> | void, options?: MessageQueueListenOptions) {
    return new Promise<void>((resolve) => {
      if (options?.signal?.aborted) resolve();
      options?.signal?.addEventListener('abort', () => resolve(), { once: true });
    });
  }
}
