import { loadConfig } from '../../server/config.ts';
import { type Database, openPglite, openPostgres } from '../../server/db/connect.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { schedulePrune, scheduleRecurring } from '../../server/platform/job-handlers.ts';
import { ensureNetwork } from '../../server/platform/network.ts';
import { args, host, log, seed, size } from '../runner/options.ts';
import { emit } from '../runner/output.ts';
import { dbUrl, scratchDatabase, tempDir } from '../runner/scratch.ts';
import { serverEnv, type Who } from '../runner/servers.ts';
import { knowledgeSteps, type LoadedTown, loadTown } from '../town.ts';

/** town.load_time: the synthetic town loaded into a scratch database, and the handles the other figures use. */

export type Payer = Who & { timebankAccountId: string };

export interface TownHandles {
  env: Record<string, string | undefined>;
  signIn: Who;
  /** the instance admin: a coordinator of the network analytics */
  coordinator: Who;
  payers: Payer[];
  /** the same 16 people book resources */
  bookers: Who[];
  bookables: LoadedTown['bookables'];
  circleReader: LoadedTown['circleReader'];
  /** the wiki page and the thread the knowledge reads open (null: no knowledge tables) */
  knowledge: NonNullable<LoadedTown['knowledge']>['handles'] | null;
  /** the poll the co-design results figure reads, and who votes during it (null: no codesign tables) */
  codesign: NonNullable<LoadedTown['codesign']>['handles'] | null;
}

export async function loadTheTown(): Promise<TownHandles> {
  let database: Database;
  let env: Record<string, string | undefined>;
  if (host === 'postgres') {
    const name = await scratchDatabase(`town_${size.toLowerCase()}`);
    database = await openPostgres(dbUrl(name), 4);
    env = serverEnv({ url: dbUrl(name) });
  } else {
    const dataDir = tempDir('town');
    database = await openPglite(dataDir);
    env = serverEnv({ dataDir });
  }
  try {
    log(`loading town ${size} (seed ${seed}) into ${host} …`);
    const t0 = performance.now();
    await migrateToLatest(database.db);
    const { network } = await ensureNetwork(database.db, { slug: 'messstadt', name: 'Messstadt' });
    const town = await loadTown(database.db, network.id, size, seed, log, {
      parallel: host === 'postgres',
      ...(args.resources ? { resources: Number(args.resources) } : {}),
    });
    const seconds = (performance.now() - t0) / 1000;
    await postponeNightlyJobs(database, env);
    if (town.ledger && town.payers.length > 0) {
      // the transfer figure's 16 payers pay a minute per request: at ~1 000 transfers/s they would
      // reach their credit limit of 600 within a 10-s run and answer 422; the figure is throughput
      await database.db
        .updateTable('timebank_account')
        .set({ credit_limit: 10_000_000 })
        .where('network_id', '=', network.id)
        .where(
          'id',
          'in',
          town.payers.map((p) => p.timebankAccountId),
        )
        .execute();
    }
    emit('town.load_time', seconds, 's', null, {
      seed,
      rows: town.rows,
      steps: Object.fromEntries(Object.entries(town.seconds).map(([k, v]) => [k, Number(v.toFixed(2))])),
      ...(size === 'M' && host === 'postgres' ? { target: 120 } : {}),
      ...(town.ledger ? { ledger: town.ledger } : {}),
      ...(town.participation ? { participation: town.participation } : {}),
      ...(town.circles ? { circles: town.circles } : {}),
      ...(town.resourceMap ? { resource_map: town.resourceMap } : {}),
      ...(town.searchWords ? { search_words: town.searchWords } : {}),
      ...(town.knowledge ? { knowledge: town.knowledge.health } : {}),
      ...(town.codesign ? { codesign: town.codesign.health } : {}),
      ...(town.notes.length > 0 ? { notes: town.notes } : {}),
    });
    if (town.knowledge) {
      // the knowledge corpus alone: its steps (on PostgreSQL beside the interactions on a second connection)
      const steps = knowledgeSteps.filter((s) => town.seconds[s] !== undefined);
      emit(
        'town.knowledge_load_time',
        steps.reduce((sum, s) => sum + town.seconds[s]!, 0),
        's',
        null,
        {
          seed,
          rows: Object.fromEntries(steps.map((s) => [s, town.rows[s]])),
          steps: Object.fromEntries(steps.map((s) => [s, Number(town.seconds[s]!.toFixed(2))])),
          knowledge: town.knowledge.health,
        },
      );
    }
    return {
      env,
      signIn: town.signIn,
      coordinator: town.coordinator,
      payers: town.ledger ? town.payers : [],
      bookers: town.payers,
      bookables: town.bookables,
      circleReader: town.circleReader,
      knowledge: town.knowledge?.handles ?? null,
      codesign: town.codesign?.handles ?? null,
    };
  } finally {
    await database.close();
  }
}

/**
 * The server schedules its daily clean-up at once and every area's recurring job a minute after it
 * starts. At M they would run in the middle of whatever figure is measured then: the network
 * analytics' nightly snapshot reads all interactions of a year, the freshness sweep asks about
 * 12 000 due checks, the digests and bridge suggestions read the whole town. So the town is handed
 * over as if each had already run and its next run were queued for tomorrow (the server then
 * schedules none), and the snapshot is taken and timed by its own figure (placesSnapshot.ts),
 * through a coordinator's "compute now".
 */
async function postponeNightlyJobs(database: Database, env: Record<string, string | undefined>) {
  const { network } = await ensureNetwork(database.db, { slug: 'messstadt', name: 'Messstadt' });
  const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000);
  await schedulePrune(database.db, network.id, tomorrow);
  await scheduleRecurring(database.db, network.id, loadConfig({ ...process.env, ...env }), tomorrow);
}
