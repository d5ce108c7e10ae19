import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { insertClaim } from '../../../platform/capacity.ts';
import { localParts, zonedTime } from '../../../platform/localTime.ts';
import { type DemoSeedContext, demoCommandContext } from '../../../seed/context.ts';
import { recordAttendance, registerForEvent } from './commands/registrations.ts';
import { cancelEvent, createEvent, type EventContext, type EventInput } from './commands/saveEvent.ts';
import { insertEvent } from './repositories/events.ts';
import { eventPlaces } from './repositories/registrations.ts';

/** The communities part makes these; their events are added only when it did (looked up by slug). */
const repairCafe = 'repair-cafe-lindenbrueck';

interface DemoEvent {
  /** who invites: a person acting for the organisation */
  by: string;
  org: string;
  title: string;
  description: string;
  /** days from today, local start hour and minute, length in hours */
  day: number;
  at: [number, number];
  hours: number;
  over?: Partial<EventInput>;
  /** who registers, in this order (beyond the capacity they wait) */
  registered?: string[];
}

/**
 * A month of events in the demo town, through the part's commands: organisations of every sector
 * invite — free and paid, step-free and not, in a room, online and both, public and for members only,
 * with and without registration; the VHS smartphone hour is full with people waiting; a flea market
 * is cancelled. Last week's baking afternoon at Bäckerei Yilmaz happened (its history written as it
 * was, then attendance recorded through the command): families from Nordfeld met the bakery, the
 * kind of bridge Räume & Brücken measures. The Repair-Café community (the communities part's) gets
 * its afternoons when it exists. Frau M. is left alone: her home stays quiet.
 */
export async function seedEvents(tx: Transaction<DB>, c: DemoSeedContext) {
  const ctx = (key: string): EventContext => ({
    ...demoCommandContext(c, key),
    // the demo town sends no mail of its own: nothing here promotes or tells anyone by email
    config: { smtpUrl: undefined, publicUrl: '' },
  });
  const org = (key: string) => c.orgIds.get(key)!;
  const person = (key: string) => c.personIds.get(key)!;
  const today = localParts(new Date(c.now));
  const at = (days: number, [hh, mm]: [number, number]) =>
    zonedTime(today.year, today.month, today.day + days, hh * 60 + mm);
  const placeOf = async (key: string) =>
    tx
      .selectFrom('organisation')
      .select(['address', 'lat', 'lng', 'district_id'])
      .where('network_id', '=', c.networkId)
      .where('id', '=', org(key))
      .executeTakeFirstOrThrow();

  const input = async (e: DemoEvent): Promise<EventInput> => {
    const where = await placeOf(e.org);
    const start = at(e.day, e.at);
    return {
      title: e.title,
      description: e.description,
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + e.hours * 3600_000).toISOString(),
      venue: where.address ?? '',
      lat: where.lat,
      lng: where.lng,
      districtId: where.district_id,
      onlineUrl: null,
      stepFree: true,
      free: true,
      price: '',
      visibility: 'public',
      registration: true,
      capacity: null,
      waitlistEnabled: true,
      ...e.over,
    };
  };

  // the next Wednesday after today, and the three after it
  const wednesday = (3 - today.weekday + 7) % 7 || 7;
  const events: DemoEvent[] = [
    ...[0, 7, 14, 21].map(
      (day): DemoEvent => ({
        by: 'lukas',
        org: 'nbz',
        title: 'Nachbarschaftscafé am Mittwoch',
        description:
          'Kaffee, Kuchen und Zeit zum Reden. Jede Woche im großen Saal. Wer mag, bringt ein Spiel mit.\n\nSie müssen sich **nicht anmelden** – kommen Sie einfach vorbei.',
        day: wednesday + day,
        at: [15, 0],
        hours: 2,
        over: { registration: false },
      }),
    ),
    {
      by: 'julia',
      org: 'vhs',
      title: 'Smartphone-Sprechstunde: WhatsApp und Videoanrufe',
      description:
        'Sie haben ein Smartphone und möchten Ihren Enkeln Fotos schicken oder per Video telefonieren? Wir zeigen es Ihnen in Ruhe, Schritt für Schritt.\n\nBitte bringen Sie Ihr Telefon und das Ladekabel mit.',
      day: 3,
      at: [10, 0],
      hours: 2,
      over: { capacity: 8 },
      registered: [
        'hannelore',
        'dieter',
        'helga',
        'bernd',
        'ingrid',
        'ursula',
        'erwin',
        'karlheinz',
        'monika',
        'christa',
        'irina',
      ],
    },
    {
      by: 'sevgi',
      org: 'awo',
      title: 'Tanztee im Seniorentreff',
      description:
        'Musik aus den 60ern und 70ern, Kaffee und Kuchen. Auch wer nicht tanzt, ist herzlich willkommen.',
      day: 5,
      at: [14, 30],
      hours: 3,
      over: { free: false, price: '3 € mit Kaffee und Kuchen', capacity: 40 },
      registered: ['hannelore', 'dieter', 'wolfgang'],
    },
    {
      by: 'aylin',
      org: 'caritas',
      title: 'Infoabend: Wohngeld und Grundsicherung',
      description:
        'Wer hat Anspruch, welche Unterlagen brauche ich, wie lange dauert es? Sie können im Beratungsraum dabei sein oder von zu Hause per Video.',
      day: 9,
      at: [18, 0],
      hours: 1.5,
      over: { capacity: 30, onlineUrl: 'https://video.lindenbrueck.example/caritas-infoabend' },
      registered: ['ali', 'guel', 'samira'],
    },
    {
      by: 'elif',
      org: 'stadt',
      title: 'Stadtteilspaziergang Am Bahnhof: Was fehlt hier?',
      description:
        'Wir gehen gemeinsam durch das Viertel und schreiben auf, was fehlt: Bänke, Licht, sichere Wege. Treffpunkt ist der Bahnhofsvorplatz.\n\nDer Weg führt über die Treppe der Unterführung.',
      day: 11,
      at: [16, 0],
      hours: 2,
      over: {
        venue: 'Bahnhofsvorplatz, Lindenbrück',
        lat: null,
        lng: null,
        districtId: c.districtIds.get('am-bahnhof') ?? null,
        stepFree: false,
        registration: false,
      },
    },
    {
      by: 'claudia',
      org: 'diakonie',
      title: 'Dankeschön-Abend für unsere Ehrenamtlichen',
      description:
        'Ein Abend nur für die Ehrenamtlichen und das Team der Sozialstation: Essen, Rückblick, Pläne.',
      day: 12,
      at: [18, 30],
      hours: 3,
      over: { visibility: 'members', capacity: 25 },
      registered: ['ursula', 'mehmet'],
    },
    {
      by: 'max',
      org: 'rad',
      title: 'Fahrrad-Check vor dem Winter',
      description:
        'Licht, Bremsen, Reifen: Wir schauen mit Ihnen nach Ihrem Rad. Kleine Ersatzteile haben wir da.',
      day: 6,
      at: [10, 0],
      hours: 4,
      over: { capacity: 12 },
      registered: ['jonas', 'nico', 'lea'],
    },
    {
      by: 'tobias',
      org: 'fwa',
      title: 'Online-Infostunde: Das passende Ehrenamt finden',
      description:
        'Eine Stunde per Video: Welche Möglichkeiten gibt es in Lindenbrück, wie viel Zeit braucht es, wie fange ich an?',
      day: 14,
      at: [19, 0],
      hours: 1,
      over: {
        venue: '',
        lat: null,
        lng: null,
        districtId: null,
        onlineUrl: 'https://video.lindenbrueck.example/ehrenamt',
        capacity: 25,
      },
      registered: ['anna', 'dennis'],
    },
    {
      by: 'hasan',
      org: 'yilmaz',
      title: 'Backen mit Kindern im Hinterzimmer',
      description:
        'Brezeln und Simit selbst formen und backen. Für Kinder ab 6 Jahren mit einem Erwachsenen.',
      day: 17,
      at: [15, 0],
      hours: 2,
      over: { free: false, price: '5 € pro Kind, Material inklusive', capacity: 8 },
      registered: ['samira'],
    },
    {
      by: 'christine',
      org: 'kirche',
      title: 'Offenes Singen in St. Marien',
      description: 'Lieder zum Mitsingen, keine Vorkenntnisse nötig. Der Eingang an der Seite ist stufenlos.',
      day: 19,
      at: [17, 0],
      hours: 1.5,
      over: { registration: false },
    },
    {
      by: 'frank',
      org: 'tsv',
      title: 'Sportabzeichen-Tag für alle',
      description:
        'Laufen, Springen, Werfen – für jedes Alter. Umkleiden und Duschen im Vereinsheim (Treppe).',
      day: 24,
      at: [10, 0],
      hours: 5,
      over: { stepFree: false, registration: false },
    },
    {
      by: 'petra',
      org: 'nbz',
      title: 'Flohmarkt im Hof',
      description: 'Stöbern, tauschen, verkaufen – im Hof des Nachbarschaftszentrums.',
      day: 20,
      at: [10, 0],
      hours: 4,
      over: { registration: false },
    },
  ];

  let made = 0;
  let registrations = 0;
  let waiting = 0;
  for (const e of events) {
    const id = await createEvent(tx, ctx(e.by), { type: 'organisation', id: org(e.org) }, await input(e));
    made++;
    for (const who of e.registered ?? []) {
      const r = await registerForEvent(tx, ctx(who), id);
      registrations++;
      if (r.status === 'waitlisted') waiting++;
    }
    if (e.title === 'Flohmarkt im Hof')
      await cancelEvent(
        tx,
        ctx(e.by),
        id,
        'Der Hof wird neu gepflastert. Wir holen den Flohmarkt im Frühjahr nach.',
      );
  }

  // last week's baking afternoon: written as it happened, then who came recorded by the bakery
  const past = await input({
    by: 'hasan',
    org: 'yilmaz',
    title: 'Backen mit Kindern im Hinterzimmer',
    description: 'Brezeln und Simit selbst formen und backen. Für Kinder ab 6 Jahren mit einem Erwachsenen.',
    day: -6,
    at: [15, 0],
    hours: 2,
    over: { free: false, price: '5 € pro Kind, Material inklusive', capacity: 8 },
  });
  const { id: pastId } = await insertEvent(
    tx,
    c.networkId,
    { organisationId: org('yilmaz'), communityId: null },
    { ...past, startsAt: new Date(past.startsAt), endsAt: new Date(past.endsAt) },
    person('hasan'),
  );
  made++;
  for (const [who, came] of [
    ['samira', true],
    ['dennis', true],
    ['anna', true],
    ['guel', false],
  ] as const) {
    const claim = await insertClaim(tx, eventPlaces, c.networkId, pastId, person(who), 'signed_up');
    registrations++;
    await recordAttendance(tx, ctx('hasan'), pastId, claim.id, came);
  }

  // the Repair-Café community's afternoons, when the communities part made it
  const community = await tx
    .selectFrom('community as co')
    .innerJoin('community_member as m', (j) =>
      j.onRef('m.network_id', '=', 'co.network_id').onRef('m.community_id', '=', 'co.id'),
    )
    .select(['co.id', 'm.account_id'])
    .where('co.network_id', '=', c.networkId)
    .where('co.slug', '=', repairCafe)
    .where('m.status', '=', 'active')
    .where('m.role', 'in', ['owner', 'moderator'])
    .orderBy('m.role', 'desc')
    .orderBy('m.joined_at')
    .executeTakeFirst();
  let communityEvents = 0;
  if (community) {
    // its owner (or a moderator) invites: hosting a community's event needs nothing but that role
    const keeper: EventContext = {
      networkId: c.networkId,
      actor: { accountId: community.account_id, isInstanceAdmin: false, blocked: false, roles: new Map() },
      actorId: community.account_id,
      ip: '127.0.0.1',
      locale: 'de',
      config: { smtpUrl: undefined, publicUrl: '' },
    };
    for (const [day, title] of [
      [4, 'Repair-Café: Toaster, Lampen, Radios'],
      [18, 'Repair-Café: Kleidung und Fahrräder'],
    ] as const) {
      const where = await placeOf('nbz');
      const start = at(day, [14, 0]);
      await createEvent(
        tx,
        keeper,
        { type: 'community', id: community.id },
        {
          title,
          description:
            'Bringen Sie mit, was kaputt ist. Ehrenamtliche aus dem Repair-Café reparieren es mit Ihnen – kostenlos, Spenden sind willkommen.',
          startsAt: start.toISOString(),
          endsAt: new Date(start.getTime() + 3 * 3600_000).toISOString(),
          venue: `Nachbarschaftszentrum Lindenhof, ${where.address ?? ''}`.replace(/, $/, ''),
          lat: where.lat,
          lng: where.lng,
          districtId: where.district_id,
          onlineUrl: null,
          stepFree: true,
          free: true,
          price: '',
          visibility: 'public',
          registration: false,
          capacity: null,
          waitlistEnabled: true,
        },
      );
      made++;
      communityEvents++;
    }
  }

  return { events: made, eventRegistrations: registrations, eventWaitlisted: waiting, communityEvents };
}
