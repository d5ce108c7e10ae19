import { sql, type Transaction } from 'kysely';
import type { DB, MapReportCategory, MapReportKind, MapReportStatus } from '../../../db/schema.ts';
import type { CommandContext } from '../../../http/context.ts';
import type { Actor } from '../../../policies/actor.ts';
import type { DemoSeedContext } from '../../../seed/context.ts';
import { changeStatus } from './commands/changeStatus.ts';
import { fileReport } from './commands/saveReport.ts';
import { supportReport } from './commands/supportReport.ts';

interface DemoReport {
  by: string;
  kind: MapReportKind;
  category: MapReportCategory;
  title: string;
  body: string;
  district: string;
  /** from the district's centre, in degrees [dLat, dLng] */
  offset: [number, number];
  address: string;
  daysAgo: number;
  /** "me too" from these people */
  support: string[];
  /** the status changes, each by staff of the town, with its reason and when */
  history: { by: string; to: MapReportStatus; reason: string; daysAgo: number }[];
}

const reports: DemoReport[] = [
  {
    by: 'margarete',
    kind: 'defect',
    category: 'accessibility',
    title: 'Aufzug an der Haltestelle Weidenau seit drei Wochen kaputt',
    body: 'Der Aufzug zum Bahnsteig Richtung Innenstadt steht still, ein Zettel hängt seit drei Wochen dran. Mit Rollator oder Kinderwagen kommt man nur über die lange Treppe hoch – ich muss jetzt bis zum Bahnhof fahren und zurück.',
    district: 'weidenau',
    offset: [0.0008, -0.0006],
    address: 'Haltestelle Weidenau, Weidenauer Straße',
    daysAgo: 21,
    support: ['erwin', 'hannelore', 'gerhard', 'ingrid', 'helga', 'ursula'],
    history: [
      {
        by: 'thomas',
        to: 'confirmed',
        reason:
          'Wir haben uns den Aufzug angesehen: Er ist außer Betrieb. Die Verkehrsbetriebe wissen Bescheid und bestellen das Ersatzteil.',
        daysAgo: 12,
      },
    ],
  },
  {
    by: 'dieter',
    kind: 'defect',
    category: 'mobility',
    title: 'Tiefes Schlagloch in der Kirchgasse',
    body: 'Direkt vor Hausnummer 7, etwa eine Handbreit tief. Radfahrer weichen auf den Gehweg aus.',
    district: 'altstadt',
    offset: [0.0011, 0.0009],
    address: 'Kirchgasse 7, 34560 Lindenbrück',
    daysAgo: 2,
    support: ['petra'],
    history: [],
  },
  {
    by: 'tim',
    kind: 'defect',
    category: 'safety',
    title: 'Straßenlaterne am Schulweg ist aus',
    body: 'Die Laterne am Fußweg zwischen Schulstraße und Sportplatz ist seit Tagen dunkel. Morgens um halb acht ist es dort stockfinster.',
    district: 'nordfeld',
    offset: [-0.0007, 0.0012],
    address: 'Fußweg Schulstraße / Sportplatz',
    daysAgo: 16,
    support: ['lukas', 'sevgi'],
    history: [
      {
        by: 'elif',
        to: 'confirmed',
        reason: 'Die Laterne ist tatsächlich aus – danke für den Hinweis.',
        daysAgo: 14,
      },
      {
        by: 'elif',
        to: 'forwarded',
        reason: 'An die Stadtwerke weitergeleitet, die für die Straßenbeleuchtung zuständig sind.',
        daysAgo: 13,
      },
    ],
  },
  {
    by: 'hannelore',
    kind: 'suggestion',
    category: 'age',
    title: 'Eine Bank am Teich in der Gartenstadt',
    body: 'Auf dem Weg um den Teich gibt es keine einzige Sitzgelegenheit. Für uns Ältere wäre eine Bank auf halber Strecke eine große Hilfe.',
    district: 'gartenstadt',
    offset: [0.0005, 0.0004],
    address: 'Teichweg, Gartenstadt',
    daysAgo: 40,
    support: ['margarete', 'ingrid', 'gerhard'],
    history: [
      { by: 'thomas', to: 'confirmed', reason: 'Gute Idee, der Platz am Weg reicht dafür.', daysAgo: 35 },
      {
        by: 'thomas',
        to: 'in_progress',
        reason: 'Der Bauhof stellt im Frühjahr zwei Bänke auf, sie sind bestellt.',
        daysAgo: 20,
      },
    ],
  },
  {
    by: 'jana',
    kind: 'defect',
    category: 'cleanliness',
    title: 'Sperrmüll neben den Glascontainern',
    body: 'Neben den Containern an der Bahnhofstraße liegen ein altes Sofa und mehrere Säcke.',
    district: 'am-bahnhof',
    offset: [-0.0006, -0.0008],
    address: 'Bahnhofstraße, Glascontainer',
    daysAgo: 10,
    support: ['yusuf'],
    history: [
      { by: 'elif', to: 'confirmed', reason: 'Ist gemeldet, der Bauhof kommt diese Woche.', daysAgo: 9 },
      { by: 'elif', to: 'done', reason: 'Der Bauhof hat am Dienstag alles abgeholt.', daysAgo: 6 },
    ],
  },
  {
    by: 'lukas',
    kind: 'suggestion',
    category: 'mobility',
    title: 'Tempo 30 in der ganzen Bahnhofstraße',
    body: 'Zwischen Bäckerei und Schule fahren viele zu schnell. Tempo 30 auf der ganzen Länge wäre sicherer.',
    district: 'am-bahnhof',
    offset: [0.0012, 0.0003],
    address: 'Bahnhofstraße, 34560 Lindenbrück',
    daysAgo: 30,
    support: [],
    history: [
      {
        by: 'thomas',
        to: 'rejected',
        reason:
          'Die Bahnhofstraße ist eine Landesstraße, über Tempo 30 entscheidet dort nicht die Stadt. Vor der Schule gilt es bereits; wir haben den Wunsch an den Landkreis gegeben.',
        daysAgo: 25,
      },
    ],
  },
  {
    by: 'sevgi',
    kind: 'good_place',
    category: 'youth',
    title: 'Schattiger Spielplatz mit Trinkbrunnen am Lindenhof',
    body: 'Große Bäume, ein Trinkbrunnen und Bänke für Eltern – im Sommer der beste Spielplatz der Stadt.',
    district: 'lindenhof',
    offset: [0.0004, -0.0009],
    address: 'Spielplatz Lindenhof',
    daysAgo: 8,
    support: ['jana', 'tim'],
    history: [],
  },
  {
    by: 'ingrid',
    kind: 'missing_offer',
    category: 'age',
    title: 'Kein Geldautomat mehr in Weidenau',
    body: 'Seit die Sparkasse zu ist, müssen wir für Bargeld in die Innenstadt. Ein Automat oder ein Bargeld-Service im Supermarkt würde vielen helfen.',
    district: 'weidenau',
    offset: [-0.0009, 0.0007],
    address: 'Weidenauer Markt',
    daysAgo: 5,
    support: ['margarete', 'erwin'],
    history: [],
  },
];

/**
 * The map of the demo town: Frau M.'s broken lift at the Weidenau stop (confirmed by the town, six
 * neighbours noticed it too), and reports in every status across the districts — each change with
 * its reason —, a good place and a missing offer. Through the part's commands; dates set back so the
 * history reads as it happened.
 */
export async function seedReports(tx: Transaction<DB>, c: DemoSeedContext) {
  const { networkId, now } = c;
  const person = (key: string) => {
    const id = c.personIds.get(key);
    if (!id) throw new Error(`demo map: no person ${key}`);
    return id;
  };
  const actor = (key: string): Actor => ({
    accountId: person(key),
    isInstanceAdmin: false,
    blocked: false,
    roles: new Map((c.memberships.get(key) ?? []).map(([o, role]) => [c.orgIds.get(o) ?? o, role])),
  });
  const ctx = (key: string): CommandContext => ({
    networkId,
    actor: actor(key),
    actorId: person(key),
    ip: '127.0.0.1',
    locale: 'de',
  });
  const ago = (days: number) => new Date(now - days * 86_400_000);

  let supports = 0;
  let changes = 0;
  for (const r of reports) {
    const centre = c.centres.get(r.district);
    if (!centre) throw new Error(`demo map: no district ${r.district}`);
    const id = await fileReport(tx, ctx(r.by), {
      kind: r.kind,
      category: r.category,
      title: r.title,
      body: r.body,
      lat: Number((centre.lat + r.offset[0]).toFixed(6)),
      lng: Number((centre.lng + r.offset[1]).toFixed(6)),
      address: r.address,
    });
    for (const s of r.support) {
      await supportReport(tx, ctx(s), id);
      supports++;
    }
    for (const h of r.history) {
      await changeStatus(tx, ctx(h.by), id, h.to, h.reason);
      await tx
        .updateTable('map_report_status_change')
        .set({ created_at: ago(h.daysAgo) })
        .where('network_id', '=', networkId)
        .where('report_id', '=', id)
        .where('to_status', '=', h.to)
        .execute();
      changes++;
    }
    const last = r.history.at(-1);
    await tx
      .updateTable('map_report')
      .set({
        created_at: ago(r.daysAgo),
        reviewed_at: ago(r.daysAgo),
        updated_at: last ? ago(last.daysAgo) : ago(r.daysAgo),
      })
      .where('network_id', '=', networkId)
      .where('id', '=', id)
      .execute();
    await tx
      .updateTable('map_report_support')
      .set({ created_at: sql`${ago(r.daysAgo)}::timestamptz + interval '1 day'` })
      .where('network_id', '=', networkId)
      .where('report_id', '=', id)
      .execute();
  }
  return { mapReports: reports.length, mapReportSupports: supports, mapReportStatusChanges: changes };
}
