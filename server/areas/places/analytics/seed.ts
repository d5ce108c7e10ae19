import type { Transaction } from 'kysely';
import type { Area, DB } from '../../../db/schema.ts';
import { interactionInsert, type Party } from '../../../platform/interactions.ts';
import type { DemoSeedContext } from '../../../seed/context.ts';
import { takeSnapshot } from './commands/snapshot.ts';

/**
 * The demo town's network, so the measures tell a story at once: over the last six whole months the
 * care organisations (Caritas, Diakonie, AWO and the doctors' practice) talk a
 * lot among themselves and hardly to anyone else — a closed cluster; the civil-society groups
 * (neighbourhood centre, volunteer agency, sports club, bike workshop, church) form a second one;
 * and Hasan's bakery ties them together — bread for the seniors' café, the back room for the sports
 * club and the bike workshop — so it is the broker and a cut point. Citizens meet organisations
 * online and offline. Then a snapshot is computed, so the coordinator's page shows it at once.
 * Written as interactions of activities (confirmed), with a source so a second run adds nothing.
 */

type Tie = [a: string, b: string, perMonth: number, area: Area];

/**
 * The nursing service stays out of it: its only contacts run through support circles, so it is the
 * one far from everyone that the bridges part (../bridges/seed.ts) introduces to the town.
 */
const care = ['caritas', 'diakonie', 'awo', 'praxis'];

const orgTies: Tie[] = [
  // the care cluster: dense and busy
  ...care.flatMap((a, i) => care.slice(i + 1).map((b): Tie => [a, b, 3, 'participation'])),
  // the civil-society cluster
  ['nbz', 'fwa', 2, 'participation'],
  ['nbz', 'tsv', 1, 'sharing'],
  ['fwa', 'rad', 1, 'participation'],
  ['nbz', 'kirche', 2, 'knowledge'],
  ['tsv', 'fwa', 1, 'participation'],
  ['rad', 'nbz', 1, 'sharing'],
  // the town hall and the adult education centre
  ['stadt', 'vhs', 1, 'codesign'],
  ['stadt', 'fwa', 1, 'knowledge'],
  ['stadt', 'nbz', 1, 'codesign'],
  // the bakery bridges
  ['yilmaz', 'awo', 2, 'sharing'],
  ['yilmaz', 'nbz', 2, 'sharing'],
  ['yilmaz', 'tsv', 1, 'sharing'],
  ['yilmaz', 'rad', 1, 'sharing'],
  ['yilmaz', 'vhs', 1, 'places'],
  ['yilmaz', 'kirche', 1, 'sharing'],
];

/**
 * staff and volunteers meeting across organisations: [person, person, per month, area, online] (none of
 * the nursing service's, see `care`)
 */
const personTies: [string, string, number, Area, boolean][] = [
  ['aylin', 'claudia', 2, 'participation', false],
  ['markus', 'sevgi', 1, 'participation', true],
  ['renate', 'ursula', 1, 'participation', false],
  ['petra', 'sandra', 1, 'participation', true],
  ['lukas', 'frank', 1, 'sharing', false],
  ['emine', 'fatma', 1, 'places', false],
  ['hasan', 'max', 1, 'sharing', false],
];

/** citizens with organisations: [person, organisation, per month, area, online] */
const citizenTies: [string, string, number, Area, boolean][] = [
  ['margarete', 'nbz', 1, 'places', false],
  ['heinrich', 'awo', 1, 'participation', false],
  ['erwin', 'tsv', 1, 'participation', false],
  ['guel', 'yilmaz', 1, 'sharing', false],
  ['ali', 'vhs', 1, 'knowledge', true],
  ['anna', 'rad', 1, 'sharing', false],
  ['wolfgang', 'kirche', 1, 'knowledge', true],
  ['irina', 'fwa', 1, 'participation', true],
  ['samira', 'nbz', 1, 'knowledge', true],
  ['dennis', 'rad', 1, 'sharing', true],
];

const months = 6;

export async function seedAnalytics(tx: Transaction<DB>, c: DemoSeedContext) {
  const now = new Date(c.now);
  let n = 0;
  const at = (monthsAgo: number, i: number) => {
    const d = new Date(now);
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() - monthsAgo);
    d.setUTCDate(2 + ((i * 5) % 25));
    d.setUTCHours(9 + (i % 8), 0, 0, 0);
    return d;
  };
  const org = (key: string): Party | null => {
    const id = c.orgIds.get(key);
    return id ? { type: 'organisation', id } : null;
  };
  const person = (key: string): Party | null => {
    const id = c.personIds.get(key);
    return id ? { type: 'person', id } : null;
  };
  async function record(
    a: Party | null,
    b: Party | null,
    area: Area,
    online: boolean,
    m: number,
    k: number,
    key: string,
  ) {
    if (!a || !b) return;
    const q = interactionInsert(tx, {
      networkId: c.networkId,
      area,
      kind: online ? 'video_call' : 'meeting',
      mode: online ? 'online' : 'offline',
      a,
      b,
      occurredAt: at(m, n),
      source: { type: 'demo_network', id: `${key}:${m}:${k}` },
    });
    if (q) {
      await q.execute();
      n++;
    }
  }
  for (let m = 1; m <= months; m++) {
    for (const [a, b, per, area] of orgTies)
      for (let k = 0; k < per; k++) await record(org(a), org(b), area, k % 3 === 2, m, k, `o:${a}:${b}`);
    for (const [a, b, per, area, online] of personTies)
      for (let k = 0; k < per; k++) await record(person(a), person(b), area, online, m, k, `p:${a}:${b}`);
    for (const [a, b, per, area, online] of citizenTies)
      for (let k = 0; k < per; k++) await record(person(a), org(b), area, online, m, k, `c:${a}:${b}`);
  }
  await takeSnapshot(tx, c.networkId, { now, inThread: false });
  return { networkInteractions: n, networkSnapshots: 1 };
}
