import type { Transaction } from 'kysely';
import type { DB, LadderLevel, MembershipRole, OpportunityMode } from '../../db/schema.ts';
import { localParts, zonedTime } from '../../platform/localTime.ts';
import type { Actor } from '../../policies/actor.ts';
import { organisations } from '../../seed/lindenbrueck.ts';
import { confirmHours } from './commands/confirmHours.ts';
import { acceptPartnership } from './commands/opportunityPartners.ts';
import { changeOpportunity, createOpportunity } from './commands/saveOpportunity.ts';
import { createPlaybookPage, savePlaybookRevision } from './commands/savePlaybookPage.ts';
import { signUpForShift } from './commands/signUpForShift.ts';
import { insertHours, setCreditRate } from './repositories/hours.ts';
import { insertShift, insertSignup, setSignupStatus } from './repositories/shifts.ts';

type Ids = ReadonlyMap<string, string>;

export interface ParticipationSeedContext {
  networkId: string;
  orgIds: Ids;
  personIds: Ids;
  districtIds: Ids;
  centres: ReadonlyMap<string, { lat: number; lng: number }>;
  memberships: ReadonlyMap<string, [string, MembershipRole][]>;
  now: number;
}

interface LocalDay {
  year: number;
  month: number;
  day: number;
}

/** The local day `offset` days from `now` (negative: in the past). */
function dayFrom(now: number, offset: number): LocalDay {
  const p = localParts(new Date(now));
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day + offset));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Days from `now` to the next given ISO weekday strictly after today (1..7). */
function daysUntil(now: number, weekday: number): number {
  return ((weekday - localParts(new Date(now)).weekday + 6) % 7) + 1;
}

const at = (d: LocalDay, hh: number, mm = 0) => zonedTime(d.year, d.month, d.day, hh * 60 + mm);
const localDate = (d: LocalDay) =>
  `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

interface DemoOpportunity {
  key: string;
  /** who creates it (acts for the lead organisation) */
  by: string;
  /** the lead first, then the partners it invites to run it jointly */
  orgs: string[];
  /** partner → the coordinator who accepted for it; a partner not listed has not answered yet */
  acceptedBy?: Record<string, string>;
  level: LadderLevel;
  mode: OpportunityMode;
  title: string;
  description: string;
  /** at the lead organisation's place (offset from it), or in a district; none when online */
  where?: { district: string; place: string; offset?: [number, number] };
  skills?: string[];
  languages?: string[];
  accessibility?: string;
  minAge?: number;
  needsPoliceClearance?: boolean;
  effortMinutes?: number;
  status?: 'draft' | 'published' | 'closed';
}

/**
 * Opportunities on every rung of the engagement ladder, from several organisations: mini tasks
 * (online tonight, online right now, on site), an event run jointly (the partner accepted), an event
 * whose invitation to a partner is still open, regular shifts (one on Saturdays, one needing an
 * extended police clearance certificate, one full with a waitlist) and co-design roles, online, on
 * site and hybrid.
 */
const demoOpportunities: DemoOpportunity[] = [
  {
    key: 'aushang',
    by: 'petra',
    orgs: ['nbz'],
    level: 'mini',
    mode: 'online',
    title: 'Aushang für den Kleiderkeller übersetzen',
    description:
      'Unser Aushang mit den neuen Öffnungszeiten des Kleiderkellers soll auch auf Englisch und Spanisch hängen. Der deutsche Text (eine halbe Seite) kommt per E-Mail, die Übersetzung geht einfach zurück. Dauert etwa 30 Minuten, von zu Hause aus.',
    skills: ['Übersetzen'],
    languages: ['de', 'en', 'es'],
    accessibility: 'Ganz von zu Hause aus, am Computer oder Smartphone.',
    effortMinutes: 30,
  },
  {
    key: 'korrektur',
    by: 'tobias',
    orgs: ['fwa'],
    level: 'mini',
    mode: 'online',
    title: 'Texte der Engagement-Börse gegenlesen',
    description:
      'Fünf kurze Stellenbeschreibungen für unsere Engagement-Börse auf Tippfehler und Verständlichkeit prüfen. Ein gemeinsames Dokument, Kommentare genügen. Heute Abend, ungefähr 30 Minuten.',
    skills: ['Texte schreiben', 'Korrekturlesen'],
    languages: ['de'],
    accessibility: 'Online; ein Bildschirmleser funktioniert mit dem Dokument.',
    effortMinutes: 30,
  },
  {
    key: 'kuchen',
    by: 'sevgi',
    orgs: ['awo'],
    level: 'mini',
    mode: 'on_site',
    title: 'Kuchen fürs Seniorencafé abholen und bringen',
    description:
      'Die Bäckerei Yilmaz spendet Kuchen vom Vortag. Bitte am Nachmittag in der Bäckerei abholen und zum Seniorentreff bringen (10 Minuten zu Fuß oder mit dem Rad).',
    where: { district: 'weidenau', place: 'Seniorentreff Weidenau, Lindenallee 12' },
    skills: ['Fahrrad'],
    languages: ['de'],
    accessibility: 'Zwei Kuchenbleche, etwa 4 kg; Lastenrad kann im Nachbarschaftszentrum geliehen werden.',
    effortMinutes: 60,
  },
  {
    key: 'stadtteilfest',
    by: 'petra',
    orgs: ['nbz', 'tsv'],
    acceptedBy: { tsv: 'frank' },
    level: 'event_project',
    mode: 'on_site',
    title: 'Stadtteilfest Lindenhof: Aufbau, Spielstraße, Abbau',
    description:
      'Das Nachbarschaftszentrum und der TSV feiern gemeinsam das Stadtteilfest auf dem Sportplatz. Gesucht: Hände für Aufbau (Bänke, Pavillons), Betreuung der Spielstraße und Abbau am Abend. Verpflegung und T-Shirt gibt es dazu.',
    where: { district: 'lindenhof', place: 'Sportplatz am Lindenhof', offset: [0.0012, -0.0015] },
    skills: ['Aufbau von Veranstaltungen', 'Kinderbetreuung'],
    languages: ['de', 'en', 'tr'],
    accessibility: 'Sportplatz stufenlos erreichbar; die Spielstraße geht auch im Sitzen.',
    minAge: 14,
  },
  {
    key: 'digitaltag',
    by: 'julia',
    // the VHS asked the Nachbarschaftszentrum to run it jointly; Petra has not answered yet
    orgs: ['vhs', 'nbz'],
    level: 'event_project',
    mode: 'hybrid',
    title: 'Digitaltag für Ältere: Smartphone-Fragen beantworten',
    description:
      'Einen Vormittag lang beantworten Freiwillige in der VHS und per Videosprechstunde Fragen rund um Smartphone, Tablet und Online-Banking. Eine kurze Einführung gibt es vorher.',
    where: { district: 'nordfeld', place: 'Volkshochschule, Raum 104' },
    skills: ['Smartphone erklären', 'IT-Support'],
    languages: ['de', 'tr', 'ru'],
    accessibility: 'Aufzug im Haus; Videosprechstunde von zu Hause aus möglich.',
    minAge: 16,
  },
  {
    key: 'speiche',
    by: 'max',
    orgs: ['rad'],
    level: 'regular',
    mode: 'on_site',
    title: 'Samstagsschicht in der offenen Fahrradwerkstatt',
    description:
      'Jeden Samstag von 10 bis 13 Uhr schrauben wir gemeinsam mit Besucherinnen und Besuchern an ihren Rädern und richten gespendete Räder für Geflüchtete her. Vorkenntnisse helfen, Geduld ist wichtiger.',
    where: { district: 'am-bahnhof', place: 'Güterhallenweg 8 (Werkstatt im Hof)' },
    skills: ['Fahrrad reparieren', 'Werkzeug'],
    languages: ['de', 'en', 'ar'],
    accessibility: 'Werkstatt ebenerdig; schwere Räder heben wir zu zweit.',
    minAge: 16,
  },
  {
    key: 'hausaufgaben',
    by: 'petra',
    orgs: ['nbz'],
    level: 'regular',
    mode: 'on_site',
    title: 'Hausaufgabenhilfe für Grundschulkinder',
    description:
      'Montags und mittwochs von 15 bis 17 Uhr helfen wir Kindern aus der Nachbarschaft bei den Hausaufgaben. Wer mitmacht, kommt mindestens ein halbes Jahr lang regelmäßig.',
    where: { district: 'lindenhof', place: 'Nachbarschaftszentrum, Gruppenraum 2' },
    skills: ['Nachhilfe Mathematik', 'Sprachförderung'],
    languages: ['de', 'ar', 'tr'],
    accessibility: 'Stufenloser Eingang, barrierefreies WC.',
    minAge: 18,
    needsPoliceClearance: true,
  },
  {
    key: 'mittagstisch',
    by: 'sevgi',
    orgs: ['awo'],
    level: 'regular',
    mode: 'on_site',
    title: 'Mittagstisch im Seniorentreff: Essen ausgeben',
    description:
      'Donnerstags essen rund 30 Ältere gemeinsam zu Mittag. Wir brauchen zwei Leute für Ausgabe, Tische und ein offenes Ohr.',
    where: { district: 'weidenau', place: 'Seniorentreff Weidenau, Lindenallee 12' },
    skills: ['Kochen', 'Zuhören'],
    languages: ['de', 'tr'],
    accessibility: 'Stehen und Tragen von Tellern; ein Sitzplatz an der Kasse ist möglich.',
  },
  {
    key: 'beirat',
    by: 'gerhard',
    orgs: ['awo', 'stadt'],
    acceptedBy: { stadt: 'miriam' },
    level: 'codesign_role',
    mode: 'hybrid',
    title: 'Beirat „Neues Seniorencafé“ mitgestalten',
    description:
      'Die AWO und die Sozialplanung der Stadt planen ein neues Seniorencafé in Weidenau. Im Beirat entscheiden Nachbarinnen und Nachbarn mit über Ort, Öffnungszeiten und Angebot. Ein Treffen im Monat, vor Ort oder per Video.',
    where: { district: 'weidenau', place: 'Seniorentreff Weidenau, Lindenallee 12' },
    skills: ['Moderation', 'Beteiligungsformate'],
    languages: ['de', 'tr'],
    accessibility: 'Stufenlos; Teilnahme per Video oder Telefon möglich.',
  },
  {
    key: 'redaktion',
    by: 'tobias',
    orgs: ['fwa'],
    level: 'codesign_role',
    mode: 'online',
    title: 'Redaktionsteam „Engagiert in Lindenbrück“',
    description:
      'Im Redaktionsteam entscheidet ihr mit, welche Geschichten aus dem Ehrenamt im Newsletter erscheinen, und schreibt oder fotografiert selbst. Abstimmung online, alle zwei Wochen.',
    skills: ['Texte schreiben', 'Fotografie', 'Social Media'],
    languages: ['de', 'en'],
    accessibility: 'Komplett online.',
  },
  {
    key: 'umfrage',
    by: 'petra',
    orgs: ['nbz'],
    level: 'mini',
    mode: 'online',
    title: 'Umfrage zum Nachbarschaftsfrühstück auswerten',
    description: 'Dreißig Fragebögen abtippen und die Antworten in einer Tabelle zählen.',
    skills: ['Tabellen'],
    languages: ['de'],
    effortMinutes: 45,
    status: 'closed',
  },
  {
    key: 'weihnachtsmarkt',
    by: 'petra',
    orgs: ['nbz'],
    level: 'event_project',
    mode: 'on_site',
    title: 'Stand auf dem Weihnachtsmarkt',
    description: 'Noch in Planung: Waffeln backen und Flyer verteilen am Stand des Nachbarschaftszentrums.',
    where: { district: 'altstadt', place: 'Marktplatz' },
    languages: ['de'],
    status: 'draft',
  },
];

const playbook = [
  {
    by: 'tobias',
    org: 'fwa',
    title: 'Mini-Einsätze: Engagement in 30 Minuten',
    tags: ['Einstieg', 'Online'],
    body: 'Viele Menschen haben keine Zeit für ein festes Ehrenamt, helfen aber gern einmal kurz.\n\nWas funktioniert hat:\n- Aufgaben, die in höchstens zwei Stunden erledigt sind, mit klarem Ergebnis\n- ein fester Termin noch am selben Tag oder am Abend\n- nach dem Einsatz persönlich danken und den nächsten Schritt anbieten\n\nWas nicht funktioniert hat: lange Beschreibungen und Anmeldeformulare.',
    channels: [
      { channel: 'Instagram der Freiwilligenagentur', reached: 'Studierende und junge Berufstätige' },
      { channel: 'Newsletter', reached: 'bereits Engagierte' },
    ],
    revision: {
      by: 'petra',
      org: 'nbz',
      summary: 'Erfahrung aus dem Nachbarschaftszentrum ergänzt',
      body: 'Viele Menschen haben keine Zeit für ein festes Ehrenamt, helfen aber gern einmal kurz.\n\nWas funktioniert hat:\n- Aufgaben, die in höchstens zwei Stunden erledigt sind, mit klarem Ergebnis\n- ein fester Termin noch am selben Tag oder am Abend\n- nach dem Einsatz persönlich danken und den nächsten Schritt anbieten\n- Übersetzungsaufgaben: Mehrsprachige erreichen wir so zum ersten Mal\n\nWas nicht funktioniert hat: lange Beschreibungen und Anmeldeformulare.',
    },
  },
  {
    by: 'sevgi',
    org: 'awo',
    title: 'Zukunftswerkstatt mit Älteren',
    tags: ['Methode', 'Mitgestalten', 'Ältere'],
    body: 'Für das neue Seniorencafé haben wir eine Zukunftswerkstatt in drei Phasen gemacht: Kritik, Fantasie, Umsetzung.\n\nWichtig war: vormittags, mit Kaffee, große Schrift auf den Karten, und ein Fahrdienst für alle, die nicht mehr gut zu Fuß sind.',
    channels: [
      { channel: 'Aushang im Supermarkt', reached: 'ältere Nachbarn ohne Internet' },
      { channel: 'Gemeindebrief St. Marien', reached: 'Kirchgängerinnen und Kirchgänger' },
    ],
  },
  {
    by: 'fatma',
    org: 'nbz',
    title: 'World Café',
    tags: ['Methode', 'Mitgestalten'],
    body: 'Kleine Tische mit vier bis sechs Menschen, auf jedem Tisch eine Frage und eine Papiertischdecke zum Schreiben. Nach 20 Minuten wechseln alle außer der Gastgeberin den Tisch.\n\nWas funktioniert hat:\n- Fragen, die mit „Wie könnten wir …“ beginnen\n- eine Gastgeberin pro Tisch, die das Gesagte kurz zusammenfasst\n- am Ende ein Rundgang zu allen Tischdecken\n\nWas nicht funktioniert hat: mehr als drei Runden — danach sind alle müde.',
    channels: [
      { channel: 'Einladung über die Elterncafés', reached: 'Eltern, die sonst nicht zu Sitzungen kommen' },
    ],
  },
  {
    by: 'aylin',
    org: 'caritas',
    title: 'Punktabfrage: gemeinsam gewichten',
    tags: ['Methode', 'Mitgestalten', 'Entscheiden'],
    body: 'Alle bekommen gleich viele Klebepunkte (meist fünf) und kleben sie auf die Vorschläge, die ihnen am wichtigsten sind — auch mehrere auf einen.\n\nWas funktioniert hat:\n- große, gut lesbare Plakate auf Augenhöhe, auch für Menschen im Rollstuhl\n- dieselbe Abfrage online für alle, die nicht kommen können, und beides zusammenzählen\n- vorher sagen, was mit dem Ergebnis passiert\n\nWas nicht funktioniert hat: Punkte ohne Erklärung — dann kleben alle auf den ersten Vorschlag.',
    channels: [{ channel: 'Plakat im Wartebereich', reached: 'Ratsuchende der Sprechstunde' }],
  },
  {
    by: 'petra',
    org: 'nbz',
    title: 'Welche Kanäle wen erreichen',
    tags: ['Öffentlichkeitsarbeit'],
    body: 'Unsere Erfahrungen aus zwei Jahren Stadtteilarbeit im Lindenhof, Kanal für Kanal.\n\nWhatsApp-Gruppen der Elterncafés erreichen Familien schnell; die Stadtteilzeitung erreicht Ältere; Aushänge im Treppenhaus wirken am besten zweisprachig.',
    channels: [
      { channel: 'WhatsApp-Gruppe Elterncafé', reached: 'junge Familien, viele mehrsprachig' },
      { channel: 'Stadtteilzeitung', reached: 'Ältere und Alteingesessene' },
      { channel: 'Aushang im Treppenhaus', reached: 'Nachbarn im Haus, zweisprachig am besten' },
    ],
  },
];

/**
 * Mitmachen in Lindenbrück, through the commands that guard it: opportunities on every rung of the
 * ladder, shifts in the coming days (a mini task tonight, one that starts within the hour, a regular
 * Saturday shift, a full shift with a waitlist), Jonas's history of checked-in and logged hours
 * across organisations (some confirmed, one pending), and the shared playbook with a second revision.
 */
export async function seedParticipation(tx: Transaction<DB>, c: ParticipationSeedContext) {
  const { networkId, now } = c;
  const person = (key: string) => c.personIds.get(key)!;
  const org = (key: string) => c.orgIds.get(key)!;
  const actor = (key: string): Actor => ({
    accountId: person(key),
    isInstanceAdmin: false,
    blocked: false,
    roles: new Map((c.memberships.get(key) ?? []).map(([o, role]) => [org(o), role])),
  });
  const ctx = (key: string) => ({ networkId, actor: actor(key), actorId: person(key), ip: '127.0.0.1' });

  const opportunityIds = new Map<string, string>();
  for (const o of demoOpportunities) {
    let place: { districtId: string; place: string; lat: number; lng: number } | null = null;
    if (o.where) {
      const lead = organisations.find((x) => x.key === o.orgs[0])!;
      const inLeadDistrict = lead.district === o.where.district;
      const centre = c.centres.get(o.where.district)!;
      const [dLat, dLng] = inLeadDistrict ? lead.offset : [0, 0];
      const [eLat, eLng] = o.where.offset ?? [0, 0];
      place = {
        districtId: c.districtIds.get(o.where.district)!,
        place: o.where.place,
        lat: Math.round((centre.lat + dLat + eLat) * 1e6) / 1e6,
        lng: Math.round((centre.lng + dLng + eLng) * 1e6) / 1e6,
      };
    }
    const id = await createOpportunity(tx, ctx(o.by), {
      level: o.level,
      mode: o.mode,
      title: o.title,
      description: o.description,
      organisationIds: o.orgs.map(org),
      districtId: place?.districtId ?? null,
      place: place?.place ?? '',
      lat: place?.lat ?? null,
      lng: place?.lng ?? null,
      skills: o.skills ?? [],
      languages: o.languages ?? [],
      accessibility: o.accessibility ?? '',
      minAge: o.minAge ?? null,
      needsPoliceClearance: o.needsPoliceClearance ?? false,
      effortMinutes: o.effortMinutes ?? null,
      // closed ones are published first, so their past shifts and hours belong to a live opportunity
      status: o.status === 'draft' ? 'draft' : 'published',
    });
    opportunityIds.set(o.key, id);
    for (const [partner, by] of Object.entries(o.acceptedBy ?? {}))
      await acceptPartnership(tx, ctx(by), id, org(partner));
  }
  const opp = (key: string) => opportunityIds.get(key)!;

  let shifts = 0;
  const shift = async (key: string, start: Date, end: Date, capacity: number, note = '') => {
    shifts++;
    const row = await insertShift(tx, networkId, {
      opportunityId: opp(key),
      startsAt: start.toISOString(),
      endsAt: end.toISOString(),
      capacity,
      note,
    });
    return row.id;
  };

  // Mini tasks: one starting within the hour (check-in already open), one tonight, one on site.
  const quarter = 15 * 60_000;
  const soon = Math.ceil(now / quarter) * quarter + quarter;
  await shift('aushang', new Date(soon), new Date(soon + 45 * 60_000), 2);
  const today = dayFrom(now, 0);
  const evening = at(today, 19, 30);
  const tonight =
    evening.getTime() - now >= 60 * 60_000
      ? evening
      : new Date(Math.ceil(now / quarter) * quarter + 4 * quarter);
  await shift('korrektur', tonight, new Date(tonight.getTime() + 30 * 60_000), 3);
  const in2 = dayFrom(now, 2);
  await shift('kuchen', at(in2, 14, 30), at(in2, 15, 30), 1);

  // The joint festival on the Saturday after next: set-up, play street, clearing away.
  const festival = dayFrom(now, daysUntil(now, 6) + 7);
  await shift('stadtteilfest', at(festival, 9), at(festival, 12), 6, 'Treffpunkt am Vereinsheim');
  await shift('stadtteilfest', at(festival, 13), at(festival, 17), 4, 'Spielstraße');
  await shift('stadtteilfest', at(festival, 17), at(festival, 20), 6, 'Abbau');
  const digital = dayFrom(now, daysUntil(now, 3) + 7);
  await shift('digitaltag', at(digital, 9, 30), at(digital, 12, 30), 5);

  // The bike workshop every Saturday, last week's included (Jonas was there).
  const nextSat = daysUntil(now, 6);
  const lastSaturday = dayFrom(now, nextSat - 7);
  const pastSaturday = await shift('speiche', at(lastSaturday, 10), at(lastSaturday, 13), 4);
  const saturdays: string[] = [];
  for (let w = 0; w < 4; w++) {
    const d = dayFrom(now, nextSat + 7 * w);
    saturdays.push(await shift('speiche', at(d, 10), at(d, 13), 4));
  }
  for (const weekday of [1, 3]) {
    for (let w = 0; w < 2; w++) {
      const d = dayFrom(now, daysUntil(now, weekday) + 7 * w);
      await shift('hausaufgaben', at(d, 15), at(d, 17), 3);
    }
  }
  // Thursday lunch: two places, both taken, one person waiting.
  const thursday = dayFrom(now, daysUntil(now, 4));
  const lunch = await shift('mittagstisch', at(thursday, 11, 30), at(thursday, 14), 2);
  const nextThursday = dayFrom(now, daysUntil(now, 4) + 7);
  await shift('mittagstisch', at(nextThursday, 11, 30), at(nextThursday, 14), 2);
  const beirat = dayFrom(now, daysUntil(now, 2) + 14);
  await shift('beirat', at(beirat, 10), at(beirat, 12), 12, 'Vor Ort im Seniorentreff oder per Video');
  const redaktion = dayFrom(now, daysUntil(now, 3));
  await shift(
    'redaktion',
    at(redaktion, 19),
    at(redaktion, 20),
    8,
    'Videokonferenz; der Link kommt per E-Mail',
  );

  // Sign-ups through the command: places first, then the waitlist.
  await signUpForShift(tx, ctx('hannelore'), lunch);
  await signUpForShift(tx, ctx('dieter'), lunch);
  await signUpForShift(tx, ctx('helga'), lunch);
  await signUpForShift(tx, ctx('jonas'), saturdays[0]!);
  await signUpForShift(tx, ctx('yusuf'), saturdays[0]!);
  await signUpForShift(tx, ctx('jana'), saturdays[1]!);

  /** A past shift someone was checked in to by a coordinator, with its hours pending. */
  const pastCheckIn = async (
    shiftId: string,
    who: string,
    by: string,
    opportunityKey: string,
    orgKey: string,
  ) => {
    const { id: signupId } = await insertSignup(tx, networkId, shiftId, person(who), 'signed_up');
    await setSignupStatus(tx, networkId, signupId, 'checked_in', { checkedInBy: person(by) });
    const s = await tx
      .selectFrom('shift')
      .select(['starts_at', 'ends_at'])
      .where('network_id', '=', networkId)
      .where('id', '=', shiftId)
      .executeTakeFirstOrThrow();
    await tx
      .updateTable('shift_signup')
      .set({ checked_in_at: new Date(s.starts_at.getTime() + 5 * 60_000) })
      .where('network_id', '=', networkId)
      .where('id', '=', signupId)
      .execute();
    const o = demoOpportunities.find((x) => x.key === opportunityKey)!;
    const h = await insertHours(tx, networkId, {
      accountId: person(who),
      organisationId: org(orgKey),
      opportunityId: opp(opportunityKey),
      shiftId,
      signupId,
      activity: o.title,
      occurredOn: localDate(localPartsDay(s.starts_at)),
      minutes: Math.round((s.ends_at.getTime() - s.starts_at.getTime()) / 60_000),
      source: 'check_in',
    });
    return h!.id;
  };

  // A month ago Jonas did his first mini task online for the Nachbarschaftszentrum …
  const monthAgo = dayFrom(now, -29);
  const surveyShift = await shift('umfrage', at(monthAgo, 19), at(monthAgo, 19, 45), 2);
  const firstMini = await pastCheckIn(surveyShift, 'jonas', 'petra', 'umfrage', 'nbz');
  await confirmHours(tx, ctx('petra'), firstMini, {
    confirm: true,
    note: 'Danke, die Auswertung hilft sehr!',
  });
  await changeOpportunity(tx, ctx('petra'), opp('umfrage'), { status: 'closed' });
  // … and last Saturday his first regular shift in the bike workshop, with Yusuf.
  const saturdayHours = await pastCheckIn(pastSaturday, 'jonas', 'max', 'speiche', 'rad');
  await confirmHours(tx, ctx('max'), saturdayHours, { confirm: true });
  const yusufHours = await pastCheckIn(pastSaturday, 'yusuf', 'max', 'speiche', 'rad');
  await confirmHours(tx, ctx('max'), yusufHours, { confirm: true });
  // Hours he logged himself for the Freiwilligenagentur, waiting for Sandra or Tobias.
  const fiveDaysAgo = dayFrom(now, -5);
  await insertHours(tx, networkId, {
    accountId: person('jonas'),
    organisationId: org('fwa'),
    opportunityId: null,
    shiftId: null,
    signupId: null,
    activity: 'Smartphone-Sprechstunde im Seniorentreff',
    occurredOn: localDate(fiveDaysAgo),
    minutes: 120,
    source: 'logged',
  });
  // Amira's homework help, waiting for Petra.
  await insertHours(tx, networkId, {
    accountId: person('amira'),
    organisationId: org('nbz'),
    opportunityId: opp('hausaufgaben'),
    shiftId: null,
    signupId: null,
    activity: 'Hausaufgabenhilfe (Vertretung)',
    occurredOn: localDate(dayFrom(now, -3)),
    minutes: 120,
    source: 'logged',
  });
  // The Freiwilligenagentur pays one time credit hour per confirmed hour.
  await setCreditRate(tx, networkId, org('fwa'), 60);

  let revisions = 0;
  for (const p of playbook) {
    const pageId = await createPlaybookPage(tx, ctx(p.by), {
      title: p.title,
      body: p.body,
      tags: p.tags,
      channels: p.channels,
      summary: '',
      organisationId: org(p.org),
    });
    revisions++;
    if (p.revision) {
      await savePlaybookRevision(tx, ctx(p.revision.by), pageId, 1, {
        title: p.title,
        body: p.revision.body,
        tags: p.tags,
        channels: p.channels,
        summary: p.revision.summary,
        organisationId: org(p.revision.org),
      });
      revisions++;
    }
  }

  return { opportunities: opportunityIds.size, shifts, playbookPages: playbook.length, revisions };
}

function localPartsDay(d: Date): LocalDay {
  const p = localParts(d);
  return { year: p.year, month: p.month, day: p.day };
}
