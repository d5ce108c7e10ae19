import { emitLoad, type LoadResult, loadSplit } from '../runner/load.ts';
import { connections, duration, log, seed, size } from '../runner/options.ts';
import { signInCookie } from '../runner/servers.ts';
import { personTimebankAccount, prng, townSizes } from '../town.ts';
import type { Payer } from './town.ts';

/**
 * Time-bank transfers through the HTTP API: each connection signs in as its own person and pays
 * 1 minute to a random other person (payer's consent, so completed at once: journal entry, two
 * lines, balances, interaction, notification, audit) with a fresh Idempotency-Key each time.
 */
export async function transfers(
  url: string,
  payers: Payer[],
  pgbenchTps: number | null,
  /** several servers on one database: the connections split between them (sessions are valid on each) */
  opts: { urls?: string[]; name?: string } = {},
): Promise<LoadResult> {
  const name = opts.name ?? 'http.timebank_transfers';
  const sessions: { cookie: string; csrf: string; account: string }[] = [];
  for (const p of payers)
    sessions.push({
      ...(await signInCookie(url, { email: p.email, password: p.password })),
      account: p.timebankAccountId,
    });
  const people = townSizes[size].people;
  const rnd = prng(seed + 7);
  let nextSession = 0;
  let key = 0;
  log(`${name}: POST /api/v1/timebank/transfers, ${duration} s × ${connections} connections …`);
  const r = await loadSplit(opts.urls ?? [url], '/api/v1/timebank/transfers', {
    method: 'POST',
    perRequest: (connection) => {
      connection.session ??= sessions[nextSession++ % sessions.length];
      const s = connection.session as (typeof sessions)[number];
      // persons 1…16 pay; payees come from the rest of the town
      const payee = personTimebankAccount(seed, 17 + rnd.int(people - 17));
      return {
        headers: {
          'content-type': 'application/json',
          cookie: s.cookie,
          'x-csrf-token': s.csrf,
          'idempotency-key': `bench-${process.pid}-${++key}`,
        },
        body: JSON.stringify({
          payerAccountId: s.account,
          payeeAccountId: payee,
          minutes: 1,
          memo: 'Benchmark',
        }),
      };
    },
  });
  emitLoad(name, r, pgbenchTps, 'transfers/s');
  return r;
}
