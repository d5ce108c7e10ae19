import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { prng } from '../../bench/town.ts';
import { ledgerHealth } from '../../server/areas/timebank/repositories/timebank.ts';
import { type Database, openPglite, openPostgres } from '../../server/db/connect.ts';
import { demoLogins, demoPassword } from '../../server/seed/demo.ts';
import { createDatabaseFor, dbUrlAs, dropDatabase, testRoles } from '../helpers/app.ts';
import { type RunningServer, startServer } from '../integration/helpers.ts';
import { type ApiClient, signIn } from './client.ts';

/**
 * The crash driver: runs the real server (server/main.ts as a child process) on the demo town,
 * drives concurrent writes through the HTTP API as the demo users — time-bank transfers with
 * unique idempotency keys, booking requests of overlapping slots on one room and their approvals
 * or declines — records every write whose 2xx answer arrived (acknowledged), `kill -9`s the server
 * after a seeded random number of answers (other requests are then in flight), restarts it on the
 * same data and checks what a user would notice:
 *
 *  - the server starts again by itself (on PGlite it takes over the stale pid lock of the killed process);
 *  - every acknowledged transfer is still there (replaying its idempotency key gives the same
 *    completed transfer) and no transfer appears that was never sent;
 *  - every acknowledged booking is there with its acknowledged status, and no booking was decided
 *    that nobody decided;
 *  - the ledger is balanced (ledger-health endpoint as the instance admin, and the same query in SQL);
 *  - no two approved bookings of the room overlap (the owner's list, and SQL);
 *  - after the last cycle the server stops cleanly on SIGTERM.
 *
 *  - every acknowledged shift sign-up is there (withdrawn only if its withdrawal was sent), and no
 *    shift holds more people than its capacity (the counter equals the sign-ups holding a place).
 */

export type Host = 'pglite' | 'postgres';

export interface CrashOptions {
  host: Host;
  cycles: number;
  seed: number;
  /** PostgreSQL server to create the scratch database on (host 'postgres'). */
  postgresAdminUrl?: string;
  log?: (line: string) => void;
}

export interface CrashReport {
  host: Host;
  seed: number;
  cycles: number;
  acknowledged: {
    transfers: number;
    bookings: number;
    approvals: number;
    declines: number;
    signups: number;
    withdrawals: number;
  };
  /** broken invariants: a lost or invented write, an unbalanced ledger, an overlap, a failed start */
  violations: string[];
  /** answers the workload does not expect from a healthy server (e.g. 5xx) */
  unexpected: string[];
  /** what this build does not let the suite drive yet */
  notCovered: string[];
}

interface AckedTransfer {
  cycle: number;
  user: string;
  key: string;
  body: { payerAccountId: string; payeeAccountId: string; minutes: number; memo: string };
  id: string;
}

type BookingStatus = 'requested' | 'approved' | 'declined';
interface AckedBooking {
  cycle: number;
  id: string;
  /** the status of the last acknowledged write on it */
  status: BookingStatus;
  /** an approve or decline was sent (answered or not): the status may have moved on */
  decisionSent: boolean;
}

type SignupStatus = 'signed_up' | 'waitlisted' | 'withdrawn' | 'checked_in' | 'no_show';
interface AckedSignup {
  cycle: number;
  id: string;
  shiftId: string;
  status: SignupStatus;
  /** a withdrawal was sent (answered or not): it may have taken effect */
  withdrawSent: boolean;
}
const active = (s: string) => s === 'signed_up' || s === 'waitlisted';

const transferKeyPrefix = 'crash-';
const userKeys = ['admin', 'petra', 'aylin', 'hasan', 'jonas', 'margarete'] as const;
type UserKey = (typeof userKeys)[number];

function emailOf(key: UserKey): string {
  const login = demoLogins.find((l) => l.email.startsWith(key));
  if (!login) throw new Error(`no demo login for ${key}`);
  return login.email;
}

function isTransportError(err: unknown): boolean {
  // fetch rejects with a TypeError ("fetch failed") when the connection is refused or reset
  return err instanceof TypeError || (err instanceof Error && err.name === 'TimeoutError');
}

export async function runCrashCycles(opts: CrashOptions): Promise<CrashReport> {
  const log = opts.log ?? (() => undefined);
  const rnd = prng(opts.seed);
  const report: CrashReport = {
    host: opts.host,
    seed: opts.seed,
    cycles: opts.cycles,
    acknowledged: { transfers: 0, bookings: 0, approvals: 0, declines: 0, signups: 0, withdrawals: 0 },
    violations: [],
    unexpected: [],
    notCovered: [],
  };
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-crash-'));
  const adminUrl = opts.postgresAdminUrl ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `kp_crash_${process.pid}_${Date.now().toString(36)}`;
  let sqlDb: Database | null = null;
  const env: Record<string, string> = { DATA_DIR: dataDir, SEED: 'demo', TRUST_PROXY: '1' };
  let server: RunningServer | null = null;

  try {
    if (opts.host === 'postgres') {
      // with the production roles (testRoles), the server migrates as the owner and serves as the app role
      const roles = testRoles();
      await createDatabaseFor(adminUrl, dbName, roles?.owner);
      env.DATABASE_URL = dbUrlAs(adminUrl, dbName, roles?.app);
      if (roles) env.DATABASE_OWNER_URL = dbUrlAs(adminUrl, dbName, roles.owner);
    }
    log(`crash suite on ${opts.host}: seed ${opts.seed}, ${opts.cycles} cycles`);
    server = await startServer(env);
    if (opts.host === 'postgres') sqlDb = await openPostgres(dbUrlAs(adminUrl, dbName), 2);

    // --- the demo users, their accounts, and one room to fight over ---------------------------
    const users = new Map<UserKey, ApiClient>();
    for (const k of userKeys) users.set(k, await signIn(server.url, emailOf(k), demoPassword));
    const u = (k: UserKey) => users.get(k)!;
    const networkId = u('admin').session!.networkId;

    const personAccount = new Map<UserKey, string>();
    let poolAccount = '';
    let nbzAccount = '';
    for (const k of userKeys) {
      const r = await u(k).get<{ items: { id: string; ownerType: string; ownerId: string | null }[] }>(
        '/api/v1/timebank/accounts/mine',
      );
      if (r.status !== 200) throw new Error(`accounts of ${k}: ${r.status} ${JSON.stringify(r.body)}`);
      for (const a of r.body.items) {
        if (a.ownerType === 'person') personAccount.set(k, a.id);
        if (a.ownerType === 'pool') poolAccount = a.id;
        if (a.ownerType === 'organisation' && k === 'petra') nbzAccount = a.id;
      }
    }
    if (!poolAccount || !nbzAccount)
      throw new Error('the demo town lacks the pool or the Nachbarschaftszentrum');
    const room = await u('petra').post<{ id: string }>('/api/v1/resources', {
      organisationId: u('petra').session!.memberships[0]!.organisationId, // Nachbarschaftszentrum
      kind: 'room',
      title: 'Großer Saal (Absturztest)',
      whoMayBorrow: 'everyone',
      autoApprove: false,
      bufferMinutes: 0,
    });
    if (room.status !== 201) throw new Error(`room: ${room.status} ${JSON.stringify(room.body)}`);
    const roomId = room.body.id;
    const firstDay = new Date();
    firstDay.setUTCHours(0, 0, 0, 0);

    // Shift sign-ups, where this build has them: one opportunity of the Nachbarschaftszentrum, and
    // per cycle one shift with 2 places and a waitlist that four people sign up for and withdraw from.
    const openapi = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as { paths: object };
    let opportunityId: string | null = null;
    if (Object.keys(openapi.paths).some((p) => p.startsWith('/api/v1/shifts'))) {
      const o = await u('petra').post<{ id: string }>('/api/v1/opportunities', {
        level: 'event_project',
        title: 'Sommerfest aufbauen (Absturztest)',
        mode: 'on_site',
        organisationIds: [u('petra').session!.memberships[0]!.organisationId],
        status: 'published',
      });
      if (o.status !== 201) throw new Error(`opportunity: ${o.status} ${JSON.stringify(o.body)}`);
      opportunityId = o.body.id;
    } else report.notCovered.push('shift sign-ups: this build has no /api/v1/shifts route');
    const shiftCapacity = 2;

    const transfers: AckedTransfer[] = [];
    const sentKeys = new Set<string>();
    const bookings = new Map<string, AckedBooking>();
    const signups = new Map<string, AckedSignup>();
    const shiftIds: string[] = [];

    // --- checks ----------------------------------------------------------------------------------

    /** What the users see after the restart: this cycle's writes, the ledger, the room's calendar. */
    const apiChecks = async (url: string, cycle: number) => {
      const admin = u('admin').at(url);
      const health = await admin.get<{ ok: boolean }>('/api/v1/timebank/health');
      if (health.status !== 200 || !health.body.ok)
        report.violations.push(
          `cycle ${cycle}: ledger health ${health.status} ${JSON.stringify(health.body)}`,
        );

      for (const t of transfers.filter((x) => x.cycle === cycle)) {
        const r = await u(t.user as UserKey)
          .at(url)
          .post<{ id: string; status: string }>('/api/v1/timebank/transfers', t.body, {
            'idempotency-key': t.key,
          });
        if (
          r.status !== 201 ||
          r.headers.get('idempotent-replayed') !== 'true' ||
          r.body.id !== t.id ||
          r.body.status !== 'completed'
        )
          report.violations.push(
            `cycle ${cycle}: acknowledged transfer ${t.key} (${t.id}) replayed as ${r.status} ` +
              `replayed=${r.headers.get('idempotent-replayed')} ${JSON.stringify(r.body)}`,
          );
      }

      const petra = u('petra').at(url);
      for (const b of [...bookings.values()].filter((x) => x.cycle === cycle)) {
        const r = await petra.get<{ status: string }>(`/api/v1/bookings/${b.id}`);
        if (r.status !== 200) {
          report.violations.push(`cycle ${cycle}: acknowledged booking ${b.id} is gone (${r.status})`);
          continue;
        }
        const ok =
          b.status === 'requested' && b.decisionSent ? ['requested', 'approved', 'declined'] : [b.status];
        if (!ok.includes(r.body.status as BookingStatus))
          report.violations.push(
            `cycle ${cycle}: booking ${b.id} acknowledged as ${b.status}${b.decisionSent ? ' (decision in flight)' : ''} is ${r.body.status}`,
          );
        // what the server holds now is what later checks must find (no decision is sent after this)
        b.status = r.body.status as BookingStatus;
        b.decisionSent = false;
      }

      const shiftId = shiftIds[cycle - 1];
      if (shiftId) {
        const r = await petra.get<{
          shift: { capacity: number; signedUp: number };
          items: { signupId: string; status: SignupStatus }[];
        }>(`/api/v1/shifts/${shiftId}/roster`);
        if (r.status !== 200) throw new Error(`roster: ${r.status} ${JSON.stringify(r.body)}`);
        const onRoster = new Map(r.body.items.map((i) => [i.signupId, i.status]));
        const holding = r.body.items.filter((i) => i.status !== 'waitlisted').length;
        if (r.body.shift.signedUp > r.body.shift.capacity || holding !== r.body.shift.signedUp)
          report.violations.push(
            `cycle ${cycle}: shift ${shiftId} holds ${holding} (counter ${r.body.shift.signedUp}) of ${r.body.shift.capacity} places`,
          );
        for (const s of [...signups.values()].filter((x) => x.cycle === cycle)) {
          const now = onRoster.get(s.id) ?? 'withdrawn'; // the roster leaves out withdrawn sign-ups
          const ok =
            s.withdrawSent && active(s.status) ? true : active(s.status) ? active(now) : now === s.status;
          if (!ok)
            report.violations.push(
              `cycle ${cycle}: sign-up ${s.id} acknowledged as ${s.status}${s.withdrawSent ? ' (withdrawal in flight)' : ''} is ${now}`,
            );
          s.status = now;
          s.withdrawSent = false;
        }
      }

      const approved: { id: string; start: string; end: string; resource: { id: string } }[] = [];
      for (let offset = 0; offset <= 100_000; offset += 100) {
        const r = await petra.get<{ items: typeof approved; total: number }>(
          `/api/v1/bookings/incoming?status=approved&limit=100&offset=${offset}`,
        );
        if (r.status !== 200) throw new Error(`incoming bookings: ${r.status} ${JSON.stringify(r.body)}`);
        approved.push(...r.body.items);
        if (offset + 100 >= r.body.total) break;
      }
      const inRoom = approved
        .filter((b) => b.resource.id === roomId)
        .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
      for (let i = 1; i < inRoom.length; i++)
        if (Date.parse(inRoom[i]!.start) < Date.parse(inRoom[i - 1]!.end))
          report.violations.push(
            `cycle ${cycle}: approved bookings ${inRoom[i - 1]!.id} and ${inRoom[i]!.id} of the room overlap`,
          );
    };

    /** The whole history against the database itself. */
    const sqlChecks = async (database: Database, when: string) => {
      const db = database.db;
      const h = await ledgerHealth(db, networkId);
      if (
        h.balance_sum !== 0 ||
        h.mismatched_accounts !== 0 ||
        h.unbalanced_entries !== 0 ||
        h.over_limit_accounts !== 0
      )
        report.violations.push(`${when}: ledger in SQL ${JSON.stringify(h)}`);

      const rows = await db
        .selectFrom('timebank_transfer')
        .select(['id', 'idempotency_key', 'status'])
        .where('network_id', '=', networkId)
        .where('idempotency_key', 'like', `${transferKeyPrefix}%`)
        .execute();
      const byKey = new Map(rows.map((r) => [r.idempotency_key, r]));
      for (const t of transfers) {
        const row = byKey.get(t.key);
        if (!row || row.id !== t.id || row.status !== 'completed')
          report.violations.push(
            `${when}: acknowledged transfer ${t.key} in SQL: ${JSON.stringify(row ?? null)}`,
          );
      }
      for (const r of rows)
        if (!sentKeys.has(r.idempotency_key))
          report.violations.push(`${when}: transfer ${r.id} with key ${r.idempotency_key} was never sent`);

      const stored = await db
        .selectFrom('booking')
        .select(['id', 'status'])
        .where('network_id', '=', networkId)
        .where('resource_id', '=', roomId)
        .execute();
      const status = new Map(stored.map((b) => [b.id, b.status]));
      for (const b of bookings.values()) {
        const s = status.get(b.id);
        if (s === undefined)
          report.violations.push(`${when}: acknowledged booking ${b.id} is missing in SQL`);
        else if (s !== b.status && !(b.status === 'requested' && b.decisionSent))
          report.violations.push(`${when}: booking ${b.id} acknowledged as ${b.status} is ${s} in SQL`);
      }

      if (shiftIds.length > 0) {
        const stored = await db
          .selectFrom('shift_signup')
          .select(['id', 'status'])
          .where('network_id', '=', networkId)
          .where('shift_id', 'in', shiftIds)
          .execute();
        const statusOf = new Map(stored.map((r) => [r.id, r.status as string]));
        for (const s of signups.values()) {
          const now = statusOf.get(s.id);
          if (now === undefined)
            report.violations.push(`${when}: acknowledged sign-up ${s.id} is missing in SQL`);
          else if (
            !(s.withdrawSent && active(s.status)) &&
            (active(s.status) ? !active(now) : now !== s.status)
          )
            report.violations.push(`${when}: sign-up ${s.id} acknowledged as ${s.status} is ${now} in SQL`);
        }
        const overfull = await sql<{ id: string; capacity: number; signed_up: number; holding: number }>`
          SELECT s.id, s.capacity, s.signed_up,
                 (SELECT count(*) FROM shift_signup x WHERE x.network_id = s.network_id AND x.shift_id = s.id
                    AND x.status IN ('signed_up', 'checked_in', 'no_show'))::int AS holding
            FROM shift s WHERE s.network_id = ${networkId}`.execute(db);
        for (const r of overfull.rows)
          if (r.holding > r.capacity || r.signed_up !== r.holding)
            report.violations.push(`${when}: shift ${r.id} ${JSON.stringify(r)}`);
      }

      const overlaps = await sql<{ a: string; b: string }>`
        SELECT x.id AS a, y.id AS b FROM booking x JOIN booking y
          ON y.network_id = x.network_id AND y.resource_id = x.resource_id AND x.id < y.id
         AND x.buffered_period && y.buffered_period
        WHERE x.network_id = ${networkId}
          AND x.status IN ('approved', 'handed_over') AND y.status IN ('approved', 'handed_over')`.execute(
        db,
      );
      for (const o of overlaps.rows)
        report.violations.push(`${when}: approved bookings ${o.a} and ${o.b} overlap`);
    };

    for (let cycle = 1; cycle <= opts.cycles; cycle++) {
      const live = server!;
      const killAt = 15 + rnd.int(50); // answers before the kill
      const workerSeed = rnd.int(2 ** 31);
      let answers = 0;
      let killed = false;
      const waiting: (() => void)[] = [];
      const queue: string[] = [];
      const kill = () => {
        if (killed) return;
        killed = true;
        live.child.kill('SIGKILL');
        for (const w of waiting.splice(0)) w();
      };
      // a bound, not a synchronisation: a workload that makes no progress still ends
      const stuck = setTimeout(() => {
        if (!killed)
          report.unexpected.push(
            `cycle ${cycle}: in 60 s, ${answers} of ${killAt} answers; still no ${[...waitingFor].join(', ') || '-'} acknowledged`,
          );
        kill();
      }, 60_000);
      // The kill comes after `killAt` answers, and not before every kind of write has had one
      // acknowledged in this cycle: on PGlite (one connection) the transfers alone can otherwise
      // take all the answers before the first sign-up is served, and the cycle proves nothing for it.
      type Kind = 'transfer' | 'booking' | 'signup';
      const waitingFor = new Set<Kind>(
        opportunityId ? ['transfer', 'booking', 'signup'] : ['transfer', 'booking'],
      );
      const answered = (kind?: Kind) => {
        answers++;
        if (kind) waitingFor.delete(kind);
        if (answers >= killAt && waitingFor.size === 0) kill();
      };
      const unexpected = (what: string, status: number, body: unknown) =>
        report.unexpected.push(`cycle ${cycle}: ${what} answered ${status} ${JSON.stringify(body)}`);
      const client = (k: UserKey) => u(k).at(live.url);
      let shiftId: string | null = null;
      if (opportunityId) {
        const startsAt = firstDay.getTime() + (1 + cycle) * 86_400_000 + 9 * 3_600_000;
        const r = await client('petra').post<{ id: string }>(
          `/api/v1/opportunities/${opportunityId}/shifts`,
          {
            startsAt: new Date(startsAt).toISOString(),
            endsAt: new Date(startsAt + 3 * 3_600_000).toISOString(),
            capacity: shiftCapacity,
            waitlistEnabled: true,
          },
        );
        if (r.status !== 201) throw new Error(`shift: ${r.status} ${JSON.stringify(r.body)}`);
        shiftId = r.body.id;
        shiftIds.push(shiftId);
      }

      /** Pays in a loop from `payer` to random others; records the acknowledged ones. */
      const payerWorker = async (k: UserKey, from: string, maxMinutes: number, w: number) => {
        const r = prng(workerSeed + w);
        const others = [...personAccount.values(), nbzAccount].filter((a) => a !== from);
        for (let n = 0; !killed && n < 1000; n++) {
          const key = `${transferKeyPrefix}${opts.seed}-${cycle}-${w}-${n}`;
          const body = {
            payerAccountId: from,
            payeeAccountId: r.pick(others),
            minutes: 1 + r.int(maxMinutes),
            memo: `Absturztest ${cycle}/${n}`,
          };
          sentKeys.add(key);
          try {
            const res = await client(k).post<{ id: string; status: string }>(
              '/api/v1/timebank/transfers',
              body,
              {
                'idempotency-key': key,
              },
            );
            answered(res.status === 201 ? 'transfer' : undefined);
            if (res.status === 201 && res.body.status === 'completed') {
              transfers.push({ cycle, user: k, key, body, id: res.body.id });
              report.acknowledged.transfers++;
            } else if (res.status !== 422) unexpected(`transfer ${key}`, res.status, res.body);
          } catch (err) {
            if (killed && isTransportError(err)) return;
            throw err;
          }
        }
      };

      /** Asks for the room at overlapping times on this cycle's day. */
      const requesterWorker = async (k: UserKey, w: number) => {
        const r = prng(workerSeed + w);
        const day = firstDay.getTime() + (1 + cycle) * 86_400_000;
        for (let n = 0; !killed && n < 1000; n++) {
          const start = day + (7 + r.int(12)) * 3_600_000 + r.pick([0, 30]) * 60_000;
          const end = start + (1 + r.int(3)) * 3_600_000;
          try {
            const res = await client(k).post<{ created: { id: string; status: string }[] }>(
              '/api/v1/bookings',
              {
                resourceId: roomId,
                start: new Date(start).toISOString(),
                end: new Date(end).toISOString(),
                note: `Absturztest ${cycle}/${w}/${n}`,
              },
            );
            answered(res.status === 201 ? 'booking' : undefined);
            if (res.status === 201 && res.body.created.length === 1) {
              const id = res.body.created[0]!.id;
              bookings.set(id, { cycle, id, status: 'requested', decisionSent: false });
              report.acknowledged.bookings++;
              queue.push(id);
              waiting.shift()?.();
            } else if (res.status !== 409) unexpected('booking request', res.status, res.body);
          } catch (err) {
            if (killed && isTransportError(err)) return;
            throw err;
          }
        }
      };

      /** Petra approves (mostly) or declines the requests as they come in; overlapping approvals race. */
      const approverWorker = async (w: number) => {
        const r = prng(workerSeed + w);
        for (let n = 0; !killed && n < 1000; n++) {
          const id = queue.shift();
          if (!id) {
            await new Promise<void>((resolve) => waiting.push(resolve)); // woken by a new request or the kill
            continue;
          }
          const b = bookings.get(id)!;
          const decision = r.next() < 0.8 ? 'approve' : 'decline';
          b.decisionSent = true;
          try {
            const res = await client('petra').post<{ status: string }>(
              `/api/v1/bookings/${id}/${decision}`,
              {},
            );
            answered();
            if (res.status === 200) {
              b.status = decision === 'approve' ? 'approved' : 'declined';
              report.acknowledged[decision === 'approve' ? 'approvals' : 'declines']++;
            } else if (!(res.status === 409 && decision === 'approve'))
              unexpected(`${decision} of booking ${id}`, res.status, res.body);
          } catch (err) {
            if (killed && isTransportError(err)) return;
            throw err;
          }
        }
      };

      /** Signs up for this cycle's shift and withdraws again, in turn; the waitlist moves up. */
      const signupWorker = async (k: UserKey, shiftId: string) => {
        let mine: AckedSignup | null = null;
        for (let n = 0; !killed && n < 1000; n++) {
          try {
            if (!mine) {
              const res = await client(k).post<{ signupId: string; status: SignupStatus }>(
                `/api/v1/shifts/${shiftId}/signup`,
              );
              answered(res.status === 201 ? 'signup' : undefined);
              if (res.status !== 201) {
                unexpected(`sign-up of ${k}`, res.status, res.body);
                return;
              }
              mine = { cycle, id: res.body.signupId, shiftId, status: res.body.status, withdrawSent: false };
              signups.set(mine.id, mine);
              report.acknowledged.signups++;
            } else {
              mine.withdrawSent = true;
              const res = await client(k).post(`/api/v1/shifts/${shiftId}/withdraw`);
              answered();
              if (res.status !== 200) {
                unexpected(`withdrawal of ${k}`, res.status, res.body);
                return;
              }
              mine.status = 'withdrawn';
              mine.withdrawSent = false;
              report.acknowledged.withdrawals++;
              mine = null;
            }
          } catch (err) {
            if (killed && isTransportError(err)) return;
            throw err;
          }
        }
      };

      const workers = [
        payerWorker('admin', poolAccount, 30, 1),
        payerWorker('petra', nbzAccount, 10, 2),
        payerWorker('jonas', personAccount.get('jonas')!, 5, 3),
        payerWorker('margarete', personAccount.get('margarete')!, 5, 4),
        payerWorker('hasan', personAccount.get('hasan')!, 5, 5),
        requesterWorker('jonas', 6),
        requesterWorker('aylin', 7),
        requesterWorker('margarete', 8),
        approverWorker(9),
        approverWorker(10),
      ];
      if (shiftId)
        for (const k of ['jonas', 'margarete', 'hasan', 'aylin'] as const)
          workers.push(signupWorker(k, shiftId));
      const settled = await Promise.allSettled(workers);
      clearTimeout(stuck);
      await live.exited;
      for (const s of settled)
        if (s.status === 'rejected')
          report.unexpected.push(`cycle ${cycle}: a worker failed: ${String(s.reason)}`);
      log(
        `cycle ${cycle}: killed after ${answers} answers; acknowledged so far: ${JSON.stringify(report.acknowledged)}`,
      );

      // --- restart on the same data --------------------------------------------------------------
      const lockFile = path.join(dataDir, 'knotenpunkt.pid');
      const stalePid =
        opts.host === 'pglite' && fs.existsSync(lockFile) ? fs.readFileSync(lockFile, 'utf8') : null;
      try {
        server = await startServer(env);
      } catch (err) {
        server = null;
        report.violations.push(
          `cycle ${cycle}: the server did not start again after kill -9: ${err instanceof Error ? err.message : String(err)}`,
        );
        return report;
      }
      if (opts.host === 'pglite') {
        if (stalePid !== String(live.child.pid))
          report.violations.push(
            `cycle ${cycle}: the killed server left no pid lock to take over (${stalePid})`,
          );
        const now = fs.existsSync(lockFile) ? fs.readFileSync(lockFile, 'utf8') : null;
        if (now !== String(server.child.pid))
          report.violations.push(`cycle ${cycle}: the restarted server does not hold the pid lock (${now})`);
      }
      await apiChecks(server.url, cycle);
      if (sqlDb) await sqlChecks(sqlDb, `cycle ${cycle}`);
    }

    // --- a clean stop, then the whole history in SQL ------------------------------------------------
    const last = server!;
    last.child.kill('SIGTERM');
    const [code] = await Promise.race([
      last.exited,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('the server did not stop within 20 s of SIGTERM')), 20_000).unref(),
      ),
    ]);
    server = null;
    if (code !== 0) report.violations.push(`the server exited with ${code} on SIGTERM:\n${last.output()}`);
    if (opts.host === 'pglite') {
      const embedded = await openPglite(dataDir);
      try {
        await sqlChecks(embedded, 'after the last cycle');
      } finally {
        await embedded.close();
      }
    } else await sqlChecks(sqlDb!, 'after the last cycle');
    return report;
  } finally {
    if (server && server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    await sqlDb?.close();
    if (opts.host === 'postgres')
      await dropDatabase(adminUrl, dbName).catch((err: unknown) =>
        log(`could not drop ${dbName}: ${String(err)}`),
      );
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
