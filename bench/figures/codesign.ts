import { emitLoad, type LoadResult, load, nextIp } from '../runner/load.ts';
import { connections, duration, log, wanted } from '../runner/options.ts';
import { emit } from '../runner/output.ts';
import { signInCookie } from '../runner/servers.ts';
import { townPassword } from '../town.ts';
import type { TownHandles } from './town.ts';

const stances = ['agree', 'abstain', 'disagree', 'block'] as const;
const figure = 'http.codesign_poll_results';
/** votes per second the writers aim at together (each waits out its share before the next change) */
const votesPerSecond = 50;

/**
 * A poll's results page while votes are coming in (issue "Mitgestalten": p99 < 50 ms with 16
 * connections on PostgreSQL at size M): GET /api/v1/codesign/consensus/proposals/{id} — the
 * proposal with its tally counted from the current stances, who blocked and why, and the reader's
 * own stance — read by a participant of the project (so the names are shown), against the
 * hello-world baseline, while beside the load 15 other participants of the same poll keep changing
 * their stance through the API, together at up to 50 votes per second (each waits out its share of
 * the rate after an answer; `votes_per_s` says what was reached).
 */
export async function codesignFigures(
  url: string,
  town: TownHandles,
  paths: Record<string, unknown>,
  base: LoadResult,
) {
  if (!wanted(figure)) return;
  const c = town.codesign;
  if (!c) {
    emit(`${figure}.throughput`, null, 'req/s', null, {
      skipped: 'no co-design projects in the town (tables missing)',
    });
    return;
  }
  if (!paths['/api/v1/codesign/consensus/proposals/{id}']) {
    emit(`${figure}.throughput`, null, 'req/s', null, {
      skipped: 'GET /api/v1/codesign/consensus/proposals/{id} does not exist yet',
    });
    return;
  }
  const [reader, ...writers] = c.voters;
  if (!reader || writers.length === 0) {
    emit(`${figure}.throughput`, null, 'req/s', null, { skipped: 'the poll has too few participants' });
    return;
  }
  const readerSession = await signInCookie(url, { email: reader.email, password: townPassword });
  const sessions = [];
  for (const w of writers) sessions.push(await signInCookie(url, { email: w.email, password: townPassword }));
  const path = `/api/v1/codesign/consensus/proposals/${c.proposalId}`;
  const check = await fetch(`${url}${path}`, {
    headers: { cookie: readerSession.cookie, 'x-forwarded-for': nextIp() },
  });
  if (check.status !== 200) {
    emit(`${figure}.throughput`, null, 'req/s', null, { skipped: `answered ${check.status}` });
    return;
  }

  // the votes coming in: each writer changes their stance again once its share of the rate has passed
  // (or at once, when the last change took longer), so the reads meet a steady stream of votes
  const every = (1000 * sessions.length) / votesPerSecond;
  let running = true;
  let writes = 0;
  let writeErrors = 0;
  const writeLatencies: number[] = [];
  const writer = async (s: { cookie: string; csrf: string }, k: number) => {
    let n = k;
    while (running) {
      const t0 = performance.now();
      const r = await fetch(`${url}${path}/stance`, {
        method: 'PUT',
        headers: {
          'content-type': 'application/json',
          cookie: s.cookie,
          'x-csrf-token': s.csrf,
          'x-forwarded-for': nextIp(),
        },
        body: JSON.stringify({ stance: stances[n++ % stances.length], reason: 'Benchmark' }),
      });
      await r.arrayBuffer();
      const took = performance.now() - t0;
      writeLatencies.push(took);
      if (r.status === 200) writes++;
      else writeErrors++;
      if (running && took < every) await new Promise((done) => setTimeout(done, every - took));
    }
  };
  log(
    `${figure}: GET ${path}, ${duration} s × ${connections} connections, ${sessions.length} people voting …`,
  );
  const writingSince = performance.now();
  const writing = Promise.all(sessions.map((s, k) => writer(s, k)));
  let r: LoadResult;
  try {
    r = await load(url, path, { headers: { cookie: readerSession.cookie } });
  } finally {
    running = false;
    await writing;
  }
  // the votes run through the load's warm-up too: their rate is over the whole time they ran
  const writingSeconds = (performance.now() - writingSince) / 1000;
  writeLatencies.sort((a, b) => a - b);
  const q = (p: number) =>
    writeLatencies[Math.min(writeLatencies.length - 1, Math.floor(p * writeLatencies.length))];
  emitLoad(figure, r, base.rps, 'req/s', {
    p99Target: 50,
    about: {
      poll_stances: c.proposalStances,
      signed_in: true,
      votes_during: writes,
      vote_errors: writeErrors,
      votes_per_s: Number((writes / writingSeconds).toFixed(1)),
      votes_per_s_aimed: votesPerSecond,
      vote_p50_ms: writeLatencies.length ? Number(q(0.5)!.toFixed(1)) : null,
      vote_p99_ms: writeLatencies.length ? Number(q(0.99)!.toFixed(1)) : null,
      note: "a poll's results page (tally, blocks, own stance) as a participant, while 15 others keep changing their stance (up to 50 votes/s)",
    },
  });
}
