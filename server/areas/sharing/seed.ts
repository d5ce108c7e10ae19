import type { Transaction } from 'kysely';
import type { DB, ExchangeCategory, MembershipRole, ResourceKind } from '../../db/schema.ts';
import { localParts, zonedTime } from '../../platform/localTime.ts';
import type { Actor } from '../../policies/actor.ts';
import { decideTransfer, ensureAccount, transferCredits } from '../timebank/index.ts';
import { bookResource } from './commands/bookResource.ts';
import { decideBooking, recordBookingInteraction } from './commands/decideBooking.ts';
import { insertBooking, setBookingStatus } from './repositories/bookings.ts';
import { insertPost } from './repositories/exchange.ts';
import { findResource, insertResource, replaceAvailability } from './repositories/resources.ts';
import { indexPost, indexResource } from './search.ts';

/**
 * Teilen in Lindenbrück: the resources, bookings, time-bank transfers and Tauschring posts of the
 * product brief's stories. Everything goes through the repositories and commands, so the exclusion
 * constraint, the journal and the credit limits hold for the demo data exactly as for real data.
 */

interface DemoResource {
  key: string;
  /** `o:key` for an organisation, a bare key for a person */
  owner: string;
  /** who creates it (a person acting for the owner) */
  by: string;
  kind: ResourceKind;
  title: string;
  description: string;
  district: string;
  /** offset from the district's centre [dLat, dLng] */
  offset: [number, number];
  approximate?: boolean;
  whoMayBorrow: 'members' | 'everyone';
  depositCents?: number;
  feeCents?: number;
  feeNote?: string;
  rules?: string;
  accessibility?: string;
  capacity?: number;
  autoApprove?: boolean;
  bufferMinutes?: number;
  /** weekly rules: [ISO weekday, 'HH:MM', 'HH:MM'] */
  availability?: [number, string, string][];
}

const workdays = (start: string, end: string): [number, string, string][] =>
  [1, 2, 3, 4, 5].map((d) => [d, start, end]);

export const demoResources: DemoResource[] = [
  {
    key: 'kleinbus',
    owner: 'o:nbz',
    by: 'petra',
    kind: 'vehicle',
    title: 'Kleinbus (9 Sitze)',
    description:
      'VW-Kleinbus des Nachbarschaftszentrums mit neun Sitzen, Anhängerkupplung und Rollstuhlrampe. Für Ausflüge, Umzüge von Initiativen und Fahrten zu Festen.',
    district: 'lindenhof',
    offset: [0.0004, 0.0012],
    whoMayBorrow: 'members',
    depositCents: 10000,
    feeCents: 0,
    feeNote: 'Kostenlos; bitte vollgetankt zurückgeben.',
    rules:
      'Führerschein Klasse B seit mindestens zwei Jahren. Schlüsselübergabe im Büro, Fahrtenbuch ausfüllen.',
    accessibility: 'Rollstuhlrampe hinten, ein Rollstuhlplatz mit Gurtsystem.',
    bufferMinutes: 30,
  },
  {
    key: 'saal',
    owner: 'o:nbz',
    by: 'petra',
    kind: 'room',
    title: 'Saal im Nachbarschaftszentrum',
    description:
      'Heller Saal für Versammlungen, Feiern und Kurse, mit Stühlen für 80 Personen, Beamer und Teeküche.',
    district: 'lindenhof',
    offset: [0.0006, 0.0008],
    whoMayBorrow: 'members',
    feeCents: 2500,
    feeNote: '25 € pro Abend für Reinigung; für gemeinnützige Gruppen kostenlos.',
    rules: 'Bis 22 Uhr; Stühle und Tische danach wieder stellen.',
    accessibility: 'Stufenloser Eingang, barrierefreies WC, Induktionsschleife.',
    capacity: 80,
    bufferMinutes: 30,
    availability: [...workdays('09:00', '22:00'), [6, '10:00', '18:00']],
  },
  {
    key: 'besprechungsraum',
    owner: 'o:diakonie',
    by: 'claudia',
    kind: 'room',
    title: 'Besprechungsraum der Diakonie',
    description: 'Ruhiger Raum für bis zu 12 Personen mit großem Tisch, Flipchart und Bildschirm.',
    district: 'am-bahnhof',
    offset: [-0.001, 0.002],
    whoMayBorrow: 'members',
    rules: 'Schlüssel an der Pforte der Sozialstation. Bitte Raum gelüftet hinterlassen.',
    accessibility: 'Erdgeschoss, stufenlos, barrierefreies WC im Flur.',
    capacity: 12,
    availability: workdays('08:00', '18:00'),
  },
  {
    key: 'hinterzimmer',
    owner: 'o:yilmaz',
    by: 'hasan',
    kind: 'room',
    title: 'Hinterzimmer der Bäckerei Yilmaz',
    description:
      'Gemütliches Hinterzimmer mit Platz für 20 Personen. Montags ab 18 Uhr kostenlos für Nachbarschaftsgruppen, Tee und Brot vom Tag inklusive.',
    district: 'am-bahnhof',
    offset: [0.0019, -0.0029],
    whoMayBorrow: 'everyone',
    rules: 'Nur montags 18–22 Uhr. Bitte Stühle hochstellen.',
    accessibility: 'Eine Stufe am Eingang (Rampe vorhanden).',
    capacity: 20,
    availability: [[1, '18:00', '22:00']],
  },
  {
    key: 'brot',
    owner: 'o:yilmaz',
    by: 'hasan',
    kind: 'giveaway',
    title: 'Brot vom Vortag',
    description:
      'Jeden Abend bleiben Brote und Brötchen übrig. Wir geben sie kostenlos an Mittagstische, Tafeln und Nachbarschaftsgruppen.',
    district: 'am-bahnhof',
    offset: [0.0017, -0.0031],
    whoMayBorrow: 'everyone',
    rules: 'Abholung werktags ab 18:30 Uhr am Hintereingang. Bitte eigene Körbe mitbringen.',
    autoApprove: true,
  },
  {
    key: 'bohrmaschine',
    owner: 'o:nbz',
    by: 'lukas',
    kind: 'equipment',
    title: 'Akku-Bohrschrauber mit Bitsatz',
    description: 'Bohrschrauber (18 V) mit zwei Akkus, Ladegerät und Bit- und Bohrerset aus dem Repair-Café.',
    district: 'lindenhof',
    offset: [0.0003, 0.0011],
    whoMayBorrow: 'everyone',
    depositCents: 2000,
    rules: 'Ausleihe höchstens eine Woche.',
    autoApprove: true,
  },
  {
    key: 'lastenrad',
    owner: 'o:rad',
    by: 'max',
    kind: 'vehicle',
    title: 'Lastenrad „Speichenschwein“',
    description: 'Dreirädriges Lastenrad mit Kiste (bis 100 kg) und Regenverdeck, auch für zwei Kinder.',
    district: 'am-bahnhof',
    offset: [0.0028, 0.0048],
    whoMayBorrow: 'everyone',
    depositCents: 5000,
    rules: 'Kurze Einweisung bei der ersten Ausleihe. Schloss immer benutzen.',
    bufferMinutes: 60,
    availability: [...workdays('08:00', '20:00'), [6, '09:00', '18:00']],
  },
  {
    key: 'fahrradreparatur',
    owner: 'jonas',
    by: 'jonas',
    kind: 'skill',
    title: 'Fahrrad-Reparatur bei dir zu Hause',
    description:
      'Ich flicke Schläuche, stelle Bremsen und Schaltung ein und erkläre, wie es geht. Bezahlung gern in Zeitgutschriften.',
    district: 'lindenhof',
    offset: [-0.002, -0.003],
    approximate: true,
    whoMayBorrow: 'everyone',
    feeNote: 'Eine Stunde = 60 Minuten Zeitgutschrift.',
    availability: [
      [2, '16:00', '21:00'],
      [6, '12:00', '20:00'],
    ],
  },
  {
    key: 'rasenmaeher',
    owner: 'wolfgang',
    by: 'wolfgang',
    kind: 'equipment',
    title: 'Rasenmäher (Benzin)',
    description: 'Benzin-Rasenmäher mit Fangkorb, 46 cm Schnittbreite. Ich zeige gern, wie er anspringt.',
    district: 'weidenau',
    offset: [0.0012, -0.0021],
    approximate: true,
    whoMayBorrow: 'everyone',
    depositCents: 3000,
    rules: 'Abholung und Rückgabe in Weidenau; die genaue Adresse bekommt ihr nach der Zusage.',
  },
  {
    key: 'druckservice',
    owner: 'o:vhs',
    by: 'julia',
    kind: 'service',
    title: 'Druck- und Kopierservice für Vereine',
    description: 'Wir drucken Flyer und Plakate bis DIN A3 für gemeinnützige Gruppen aus dem Netzwerk.',
    district: 'altstadt',
    offset: [0.0012, -0.0022],
    whoMayBorrow: 'members',
    feeNote: 'Papier bringt ihr mit oder zahlt 2 Cent pro Blatt.',
    availability: workdays('09:00', '15:00'),
  },
  // everyday help that people search for by its plain name (see server/platform/search-recall.test.ts)
  {
    key: 'einkaufshilfe',
    owner: 'erwin',
    by: 'erwin',
    kind: 'skill',
    title: 'Einkaufshilfe für ältere Nachbarn',
    description:
      'Ich gehe für Sie einkaufen oder gehe mit Ihnen zum Supermarkt und trage die Taschen nach Hause. Auch kleine Besorgungen in der Apotheke oder auf der Post.',
    district: 'nordfeld',
    offset: [0.001, 0.0015],
    approximate: true,
    whoMayBorrow: 'everyone',
    feeNote: 'Kostenlos; eine Zeitgutschrift freut mich.',
    availability: [
      [2, '09:00', '12:00'],
      [5, '09:00', '12:00'],
    ],
  },
  {
    key: 'gartenhilfe',
    owner: 'erwin',
    by: 'erwin',
    kind: 'skill',
    title: 'Gartenhilfe: Rasen mähen und Hecke schneiden',
    description:
      'Wenn der Garten zu viel wird: Ich mähe den Rasen, schneide Hecken und Sträucher und bringe den Grünschnitt weg.',
    district: 'nordfeld',
    offset: [0.0012, 0.0013],
    approximate: true,
    whoMayBorrow: 'everyone',
    feeNote: 'Gegen Zeitgutschrift.',
  },
  {
    key: 'arztbegleitung',
    owner: 'o:diakonie',
    by: 'claudia',
    kind: 'service',
    title: 'Arztbegleitung und Begleitung zu Ämtern',
    description:
      'Ehrenamtliche der Sozialstation begleiten Sie zu Arztterminen, ins Krankenhaus oder zum Amt – zu Fuß, mit Bus und Bahn oder mit dem Rollstuhl. Bitte eine Woche vorher anfragen.',
    district: 'am-bahnhof',
    offset: [-0.0012, 0.0018],
    whoMayBorrow: 'everyone',
    accessibility: 'Auch für Menschen im Rollstuhl oder mit Rollator.',
    availability: workdays('08:00', '16:00'),
  },
  {
    key: 'handyhilfe',
    owner: 'lea',
    by: 'lea',
    kind: 'skill',
    title: 'Handy- und Tablet-Hilfe für Ältere',
    description:
      'Ich erkläre in Ruhe WhatsApp, Videoanrufe, Fotos und Online-Termine – bei Ihnen zu Hause oder im Nachbarschaftscafé.',
    district: 'nordfeld',
    offset: [-0.001, -0.0012],
    approximate: true,
    whoMayBorrow: 'everyone',
    availability: [
      [3, '15:00', '18:00'],
      [6, '10:00', '13:00'],
    ],
  },
  {
    key: 'besuche',
    owner: 'ursula',
    by: 'ursula',
    kind: 'skill',
    title: 'Besuche, Vorlesen und ein offenes Ohr',
    description:
      'Ich besuche Sie zu Hause, lese vor, gehe mit Ihnen spazieren oder wir trinken einfach einen Kaffee zusammen – gern auch Menschen mit Demenz.',
    district: 'altstadt',
    offset: [0.0008, 0.001],
    approximate: true,
    whoMayBorrow: 'everyone',
  },
];

interface DemoPost {
  kind: 'offer' | 'want';
  author: string;
  organisation?: string;
  category: ExchangeCategory;
  title: string;
  description: string;
  district: string;
  minutes?: number;
  days: number;
}

export const demoPosts: DemoPost[] = [
  {
    kind: 'offer',
    author: 'jonas',
    category: 'skill',
    title: 'Fahrrad-Check und kleine Reparaturen',
    description: 'Ich schaue mir dein Rad an, flicke Platten und stelle Bremsen ein – gegen Zeitgutschrift.',
    district: 'lindenhof',
    minutes: 60,
    days: 30,
  },
  {
    kind: 'want',
    author: 'margarete',
    category: 'transport',
    title: 'Begleitung zum Augenarzt am Bahnhof',
    description: 'Ich suche jemanden, der mich einmal im Monat zum Augenarzt begleitet (ca. 2 Stunden).',
    district: 'weidenau',
    minutes: 120,
    days: 21,
  },
  {
    kind: 'offer',
    author: 'paul',
    category: 'help',
    title: 'Lampen anschließen und Steckdosen prüfen',
    description: 'Elektriker im Ruhestand hilft bei kleinen Elektroarbeiten in der Wohnung.',
    district: 'nordfeld',
    minutes: 45,
    days: 30,
  },
  {
    kind: 'want',
    author: 'petra',
    organisation: 'nbz',
    category: 'help',
    title: 'Helfende Hände beim Umzug des Kleiderkellers',
    description: 'Am Samstag ziehen wir den Kleiderkeller in den Anbau um. Wer kann zwei Stunden anpacken?',
    district: 'lindenhof',
    minutes: 120,
    days: 14,
  },
  {
    kind: 'offer',
    author: 'amira',
    category: 'lesson',
    title: 'Mathe-Nachhilfe für die Klassen 5 bis 10',
    description: 'Geduldige Erklärungen auf Deutsch, Englisch oder Arabisch.',
    district: 'lindenhof',
    minutes: 60,
    days: 30,
  },
  {
    kind: 'want',
    author: 'ali',
    category: 'item',
    title: 'Suche gebrauchte Werkbank',
    description: 'Für meine Ausbildung zum Tischler suche ich eine kleine Werkbank; abholen kann ich selbst.',
    district: 'am-bahnhof',
    days: 5,
  },
  // an offer that fits Frau M.'s want, and a want that fits her skill (her home suggests both)
  {
    kind: 'offer',
    author: 'dieter',
    category: 'transport',
    title: 'Fahrdienst zum Arzt und zurück',
    description:
      'Ich fahre Sie mit meinem Auto zu Arztterminen in Lindenbrück und warte, bis Sie fertig sind. Am liebsten dienstags und donnerstags.',
    district: 'weidenau',
    minutes: 90,
    days: 30,
  },
  // the Pflegedienst's want that Räume & Brücken's bridges put together with those who have rooms
  {
    kind: 'want',
    author: 'birgit',
    organisation: 'pflege',
    category: 'other',
    title: 'Raum für unseren Backnachmittag gesucht',
    description:
      'Einmal im Monat backen wir mit älteren Menschen, die wir zu Hause pflegen, und ihren Angehörigen – gegen die Einsamkeit und für schöne Erinnerungen. Dafür suchen wir einen Raum mit Küche oder Ofen für etwa zwölf Personen, gern nachmittags.',
    district: 'gartenstadt',
    days: 30,
  },
  {
    kind: 'want',
    author: 'ibrahim',
    category: 'help',
    title: 'Reißverschluss an einer Jacke einnähen',
    description:
      'Bei meiner Winterjacke ist der Reißverschluss kaputt. Wer kann nähen und setzt einen neuen ein? Den Reißverschluss kaufe ich.',
    district: 'weidenau',
    minutes: 45,
    days: 20,
  },
];

type Ids = ReadonlyMap<string, string>;

interface SharingContext {
  networkId: string;
  orgIds: Ids;
  personIds: Ids;
  districtIds: Ids;
  centres: ReadonlyMap<string, { lat: number; lng: number }>;
  memberships: ReadonlyMap<string, [string, MembershipRole][]>;
  now: number;
}

/** The Monday 00:00 (local) of the week after `now`, as local date parts. */
function nextMonday(now: number): { year: number; month: number; day: number } {
  const p = localParts(new Date(now));
  const ahead = 8 - p.weekday; // 1..7 days ahead: always strictly next week
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day + ahead));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** A local time on a day counted from next Monday (0 = Monday, negative = in the past). */
function at(base: { year: number; month: number; day: number }, dayOffset: number, hh: number, mm = 0) {
  const d = new Date(Date.UTC(base.year, base.month - 1, base.day + dayOffset));
  return zonedTime(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), hh * 60 + mm);
}

export async function seedSharing(tx: Transaction<DB>, c: SharingContext) {
  const { networkId } = c;
  const person = (key: string) => c.personIds.get(key)!;
  const org = (key: string) => c.orgIds.get(key)!;
  const actor = (key: string): Actor => ({
    accountId: person(key),
    isInstanceAdmin: key === 'miriam',
    blocked: false,
    roles: new Map((c.memberships.get(key) ?? []).map(([o, role]) => [org(o), role])),
  });
  const ctx = (key: string) => ({
    networkId,
    actor: actor(key),
    actorId: person(key),
    ip: null,
    locale: 'de' as const,
  });

  const resourceIds = new Map<string, string>();
  for (const r of demoResources) {
    const centre = c.centres.get(r.district)!;
    const owner = r.owner.startsWith('o:')
      ? { type: 'organisation' as const, id: org(r.owner.slice(2)) }
      : { type: 'person' as const, id: person(r.owner) };
    const { id } = await insertResource(
      tx,
      networkId,
      owner,
      {
        kind: r.kind,
        title: r.title,
        description: r.description,
        districtId: c.districtIds.get(r.district)!,
        lat: Math.round((centre.lat + r.offset[0]) * 1e6) / 1e6,
        lng: Math.round((centre.lng + r.offset[1]) * 1e6) / 1e6,
        approximate: r.approximate ?? owner.type === 'person',
        whoMayBorrow: r.whoMayBorrow,
        depositCents: r.depositCents ?? 0,
        feeCents: r.feeCents ?? 0,
        feeNote: r.feeNote ?? '',
        rules: r.rules ?? '',
        accessibility: r.accessibility ?? '',
        capacity: r.capacity ?? null,
        autoApprove: r.autoApprove ?? false,
        bufferMinutes: r.bufferMinutes ?? 0,
      },
      person(r.by),
    );
    resourceIds.set(r.key, id);
    if (r.availability)
      await replaceAvailability(
        tx,
        networkId,
        id,
        r.availability.map(([weekday, start, end]) => ({ weekday, start, end })),
      );
    await indexResource(tx, networkId, id);
  }
  const resource = async (key: string) => (await findResource(tx, networkId, resourceIds.get(key)!))!;

  // Bookings, counted from next Monday so they are always ahead of "now" when the town is built.
  const mon = nextMonday(c.now);
  const book = async (who: string, key: string, day: number, from: number, to: number, extra = {}) => {
    const { created } = await bookResource(tx, ctx(who), await resource(key), {
      start: at(mon, day, from),
      end: at(mon, day, to),
      ...extra,
    });
    return created;
  };
  // Petra asks for the Diakonie's meeting room (Thursday 14–16): waiting for Claudia.
  const [petraRoom] = await book('petra', 'besprechungsraum', 3, 14, 16, {
    note: 'Netzwerktreffen der Stadtteilinitiativen',
    organisationId: org('nbz'),
  });
  // The AWO borrows the van for an outing (Wednesday), approved by Petra.
  const [awoVan] = await book('gerhard', 'kleinbus', 2, 9, 17, {
    note: 'Ausflug des Seniorentreffs an den Edersee',
    organisationId: org('awo'),
  });
  await decideBooking(tx, ctx('petra'), awoVan!, 'approve', 'Gute Fahrt! Schlüssel im Büro.');
  // The Freiwilligenagentur meets in the bakery's back room every Monday evening for four weeks.
  const fwaSeries = await book('sandra', 'hinterzimmer', 0, 18, 20, {
    note: 'Stammtisch der Engagierten',
    organisationId: org('fwa'),
    repeatWeeklyUntil: (() => {
      const d = new Date(Date.UTC(mon.year, mon.month - 1, mon.day + 21));
      return d.toISOString().slice(0, 10);
    })(),
  });
  for (const id of fwaSeries) await decideBooking(tx, ctx('hasan'), id, 'approve');
  // The VHS asks for the hall on Friday evening.
  await book('julia', 'saal', 4, 18, 21, {
    note: 'Abschlussabend des Deutschkurses',
    organisationId: org('vhs'),
  });
  // Dennis books the cargo bike on Saturday morning (requested).
  await book('dennis', 'lastenrad', 5, 9, 12, { note: 'Einkauf für das Nachbarschaftsfrühstück' });

  // Two weeks ago: the TSV had the van and brought it back; earlier, Dennis borrowed the drill.
  const past = async (
    who: string,
    key: string,
    decider: string,
    day: number,
    from: number,
    to: number,
    notes: string[],
  ) => {
    const r = await resource(key);
    const start = at(mon, day, from);
    const { id } = await insertBooking(tx, networkId, {
      resourceId: r.id,
      requesterId: person(who),
      organisationId: null,
      seriesId: null,
      start,
      end: at(mon, day, to),
      bufferMinutes: r.buffer_minutes,
      status: 'approved',
      note: notes[0] ?? '',
      decidedBy: person(decider),
    });
    await recordBookingInteraction(tx, networkId, r, {
      id,
      requester_id: person(who),
      organisation_id: null,
      starts_at: start,
    });
    await setBookingStatus(tx, networkId, id, 'handed_over', { note: notes[1], field: 'handover_note' });
    await setBookingStatus(tx, networkId, id, 'returned', { note: notes[2], field: 'return_note' });
  };
  await past('frank', 'kleinbus', 'petra', -9, 8, 18, [
    'Fahrt zum Jugendturnier',
    'Tank voll, 48 210 km, keine Schäden.',
    'Zurück mit vollem Tank, 48 402 km; Sitzbezug hinten links verschmutzt.',
  ]);
  await past('dennis', 'bohrmaschine', 'lukas', -12, 10, 18, [
    'Regal aufbauen',
    'Zwei Akkus geladen, Bitsatz vollständig.',
    'Vollständig zurück, ein Bit abgebrochen (ersetzt).',
  ]);

  // Time bank: Jonas earns credits at the Freiwilligenagentur and pays the bike workshop with them.
  for (const key of ['jonas', 'petra', 'paul', 'guel', 'margarete', 'amira'])
    await ensureAccount(tx, networkId, { type: 'person', id: person(key) });
  for (const key of ['nbz', 'fwa', 'rad', 'yilmaz', 'diakonie'])
    await ensureAccount(tx, networkId, { type: 'organisation', id: org(key) });
  const pool = await ensureAccount(tx, networkId, { type: 'pool' });
  const account = async (ref: string) =>
    (
      await ensureAccount(
        tx,
        networkId,
        ref.startsWith('o:')
          ? { type: 'organisation', id: org(ref.slice(2)) }
          : { type: 'person', id: person(ref) },
      )
    ).id;
  let n = 0;
  const transfer = async (by: string, payer: string, payee: string, minutes: number, memo: string) => {
    n++;
    const { transfer } = await transferCredits(
      tx,
      ctx(by),
      {
        payerAccountId: payer === 'pool' ? pool.id : await account(payer),
        payeeAccountId: payee === 'pool' ? pool.id : await account(payee),
        minutes,
        memo,
      },
      `demo-seed-${String(n).padStart(4, '0')}`,
    );
    return transfer.id;
  };
  await transfer('miriam', 'pool', 'o:fwa', 600, 'Startguthaben der Freiwilligenagentur');
  await transfer('sandra', 'o:fwa', 'jonas', 180, 'Aufbau und Abbau beim Stadtteilfest');
  await transfer('sandra', 'o:fwa', 'jonas', 120, 'Smartphone-Sprechstunde im Seniorentreff');
  await transfer('jonas', 'jonas', 'o:rad', 90, 'Reparaturworkshop: Bremsen und Licht');
  await transfer('paul', 'paul', 'guel', 60, 'Kochabend für das Repair-Café');
  await transfer('petra', 'o:nbz', 'amira', 240, 'Hausaufgabenhilfe im Oktober');
  // Asked for by the receiver, confirmed by the payer.
  const asked = await transfer('jonas', 'o:nbz', 'jonas', 120, 'Umzugshilfe im Kleiderkeller');
  await decideTransfer(tx, ctx('petra'), asked, 'confirm');
  // Still waiting for the payer: Petra sees it among her requests.
  await transfer('max', 'o:nbz', 'o:rad', 60, 'Lastenrad-Wartung für das Nachbarschaftszentrum');

  let posts = 0;
  for (const p of demoPosts) {
    const post = await insertPost(
      tx,
      networkId,
      person(p.author),
      p.organisation ? org(p.organisation) : null,
      {
        kind: p.kind,
        category: p.category,
        title: p.title,
        description: p.description,
        districtId: c.districtIds.get(p.district)!,
        timeCreditMinutes: p.minutes ?? null,
      },
      p.days,
    );
    await indexPost(tx, networkId, post.id);
    posts++;
  }

  // Frau M. asked nine days ago and nobody has answered yet: the network's coordinator sees it waiting.
  await tx
    .updateTable('exchange_post')
    .set({ created_at: new Date(c.now - 9 * 86_400_000) })
    .where('network_id', '=', networkId)
    .where('author_id', '=', person('margarete'))
    .execute();

  const bookings = await tx
    .selectFrom('booking')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('network_id', '=', networkId)
    .executeTakeFirstOrThrow();
  return {
    resources: resourceIds.size,
    bookings: Number(bookings.n),
    transfers: n,
    posts,
    petraRoomRequest: petraRoom,
  };
}
