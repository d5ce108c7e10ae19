import type { Transaction } from 'kysely';
import type { DB, MembershipRole, NeedKind } from '../../db/schema.ts';
import { localParts, zonedTime } from '../../platform/localTime.ts';
import { webPaths } from '../../platform/webPaths.ts';
import type { Actor } from '../../policies/actor.ts';
import { completeNeed } from './commands/claimNeed.ts';
import { createCircle } from './commands/createCircle.ts';
import { addMember, appendConsent } from './repositories/circles.ts';
import {
  currentMap,
  deleteEntry,
  insertEntry,
  insertSnapshot,
  insertTie,
  updateEntry,
} from './repositories/circles-map.ts';
import { claimNeed, insertNeeds } from './repositories/circles-needs.ts';
import { insertUpdate } from './repositories/circles-updates.ts';

type Ids = ReadonlyMap<string, string>;

export interface CirclesContext {
  networkId: string;
  orgIds: Ids;
  personIds: Ids;
  memberships: ReadonlyMap<string, [string, MembershipRole][]>;
  now: number;
}

/** The next given ISO weekday strictly after `now` (1..7 days ahead), as local date parts. */
function nextWeekday(now: number, weekday: number) {
  const p = localParts(new Date(now));
  const ahead = ((weekday - p.weekday + 6) % 7) + 1;
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day + ahead));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

const at = (d: { year: number; month: number; day: number }, hh: number, mm = 0) =>
  zonedTime(d.year, d.month, d.day, hh * 60 + mm);

/**
 * Two Unterstützungskreise, through the command that guards consent and the repositories:
 * Herr K.'s living circle (opened by Aylin of Caritas with his consent in person) and Frau B.'s,
 * whose consent was withdrawn, so it is frozen and only its owners still see it. Neither belongs to
 * the professional who opened it: Herr K. owns his, Frau B.'s son Wolfgang — her representative —
 * owns hers (she has no account).
 */
export async function seedCircles(tx: Transaction<DB>, c: CirclesContext) {
  const { networkId } = c;
  const person = (key: string) => c.personIds.get(key)!;
  const org = (key: string) => c.orgIds.get(key)!;
  const actor = (key: string): Actor => ({
    accountId: person(key),
    isInstanceAdmin: false,
    blocked: false,
    roles: new Map((c.memberships.get(key) ?? []).map(([o, role]) => [org(o), role])),
  });
  const ctx = (key: string) => ({ networkId, actor: actor(key), actorId: person(key), ip: '127.0.0.1' });

  // Herr K.: he owns his circle; Aylin opened it and stays as the professional, Sabine coordinates.
  const kId = await createCircle(tx, ctx('aylin'), {
    onBehalf: {
      organisationId: org('caritas'),
      person: { label: 'Herr K.', accountId: person('heinrich') },
      consent: {
        givenBy: 'person',
        method: 'in_person',
        scope: ['care_calendar', 'network_map', 'updates', 'team'],
        givenAt: new Date(c.now - 95 * 86_400_000).toISOString(),
        note: 'Im Gespräch bei ihm zu Hause erklärt und besprochen; er möchte, dass seine Tochter koordiniert.',
        legalBasis: 'Beratungsvertrag der Allgemeinen Sozialberatung (§ 11 SGB XII)',
      },
    },
  });
  await addMember(tx, networkId, kId, person('sabine'), 'coordinator');
  await addMember(tx, networkId, kId, person('erwin'), 'helper');
  await addMember(tx, networkId, kId, person('jonas'), 'helper');

  const tue = nextWeekday(c.now, 2);
  const wed = nextWeekday(c.now, 3);
  const fri = nextWeekday(c.now, 5);
  const sat = nextWeekday(c.now, 6);
  const need = (
    kind: NeedKind,
    title: string,
    day: { year: number; month: number; day: number },
    from: [number, number],
    to: [number, number],
    place: string,
    notes = '',
  ) => ({
    kind,
    title,
    start: at(day, ...from),
    end: at(day, ...to),
    place,
    notes,
    visibility: 'all_members' as const,
  });
  const needs = await insertNeeds(tx, networkId, kId, person('sabine'), null, [
    need(
      'ride',
      'Fahrt zur Physiotherapie',
      tue,
      [9, 30],
      [11, 30],
      'Praxis am Markt, Marktplatz 4',
      'Rollator passt in den Kofferraum. Termin um 10 Uhr.',
    ),
    need(
      'shopping',
      'Einkauf für die Woche',
      wed,
      [10, 0],
      [11, 0],
      'Supermarkt Nordfeld',
      'Liste liegt auf dem Küchentisch.',
    ),
    need('visit', 'Besuch und Spaziergang', fri, [15, 0], [16, 30], 'Bei Herrn K. zu Hause'),
    need('meal', 'Mittagessen vorbeibringen', sat, [12, 0], [13, 0], 'Bei Herrn K. zu Hause'),
  ]);
  const byTitle = new Map(needs.map((n, i) => [i, n.id]));
  await claimNeed(tx, networkId, kId, byTitle.get(1)!, person('erwin'));
  await claimNeed(tx, networkId, kId, byTitle.get(2)!, person('jonas'));

  // What is already done: Jonas's visit last week, and Erwin fetched a prescription a few hours ago —
  // Sabine thanked him and gave him the 45 minutes from her own time account (the calendar shows it).
  const lastWeek = nextWeekday(c.now - 8 * 86_400_000, 5); // last week's Friday, always in the past
  const quarter = 15 * 60_000;
  const fetchedAt = new Date(Math.floor((c.now - 5 * 3600_000) / quarter) * quarter);
  const past = await insertNeeds(tx, networkId, kId, person('sabine'), null, [
    need('visit', 'Besuch und Spaziergang', lastWeek, [15, 0], [16, 30], 'Bei Herrn K. zu Hause'),
    {
      kind: 'shopping',
      title: 'Rezept aus der Apotheke holen',
      start: fetchedAt,
      end: new Date(fetchedAt.getTime() + 45 * 60_000),
      place: 'Linden-Apotheke',
      notes: 'Das Rezept liegt in der Praxis Dr. Hoffmann bereit.',
      visibility: 'all_members',
    },
  ]);
  const done = async (i: number, helper: string, thanks: string, credit?: { minutes: number }) => {
    const needId = past[i]!.id;
    await claimNeed(tx, networkId, kId, needId, person(helper));
    await completeNeed(
      tx,
      { ...ctx('sabine'), circleId: kId, personAccountId: person('heinrich'), link: webPaths.circle(kId) },
      needId,
      thanks,
      credit,
    );
  };
  await done(0, 'jonas', 'Papa hat noch lange von eurem Spaziergang erzählt.');
  await done(1, 'erwin', 'Das hat mir den Weg nach der Arbeit erspart, Erwin!', { minutes: 45 });

  // His network map, drawn with Aylin at the first meeting after his hospital stay three months ago, and
  // again now: the neighbours and a club came back, a helper joined, the family tie to his son is still hard.
  const entry = (f: Parameters<typeof insertEntry>[3]) => insertEntry(tx, networkId, kId, f);
  const sabineEntry = await entry({
    sector: 'family',
    ring: 1,
    label: 'Sabine K. (Tochter)',
    showLabel: true,
    accountId: person('sabine'),
    quality: 'supportive',
    support: ['practical', 'emotional', 'care'],
    note: 'Wohnt 20 Minuten entfernt, kommt zweimal die Woche; arbeitet Vollzeit.',
  });
  const son = await entry({
    sector: 'family',
    ring: 3,
    label: 'Thomas Krämer',
    quality: 'ambivalent',
    support: ['money'],
    note: 'Sohn, lebt in München. Seltener Kontakt, telefoniert an Feiertagen; beteiligt sich an den Kosten.',
  });
  const erwinEntry = await entry({
    sector: 'friends_neighbours',
    ring: 2,
    label: 'Erwin Roth (Nachbar)',
    showLabel: true,
    accountId: person('erwin'),
    quality: 'supportive',
    support: ['practical'],
    note: 'Nachbar im Erdgeschoss.',
  });
  const walter = await entry({
    sector: 'work_school_clubs',
    ring: 3,
    label: 'Walter Brenner',
    quality: 'supportive',
    support: ['emotional'],
    note: 'Früherer Kollege aus dem Stadtwerk, singt mit ihm im Kirchenchor St. Marien.',
  });
  const gp = await entry({
    sector: 'professional',
    ring: 2,
    label: 'Dr. Hoffmann (Hausarztpraxis)',
    showLabel: true,
    quality: 'supportive',
    support: ['care', 'information'],
  });
  const aylinEntry = await entry({
    sector: 'professional',
    ring: 2,
    label: 'Aylin Demir (Caritas)',
    showLabel: true,
    accountId: person('aylin'),
    quality: 'supportive',
    support: ['information'],
  });
  const meals = await entry({
    sector: 'professional',
    ring: 3,
    label: 'Menüdienst (Essen auf Rädern)',
    showLabel: true,
    quality: 'supportive',
    support: ['care'],
    note: 'Nur für die ersten Wochen nach der Entlassung.',
  });
  await insertTie(tx, networkId, kId, {
    a: sabineEntry.id,
    b: son.id,
    quality: 'ambivalent',
    support: ['information'],
  });
  await insertTie(tx, networkId, kId, {
    a: sabineEntry.id,
    b: gp.id,
    quality: 'supportive',
    support: ['information'],
  });
  await insertTie(tx, networkId, kId, { a: sabineEntry.id, b: aylinEntry.id, quality: 'supportive' });
  await insertSnapshot(tx, networkId, kId, {
    title: 'Erstgespräch nach dem Krankenhausaufenthalt',
    data: await currentMap(tx, networkId, kId),
    createdBy: person('aylin'),
    takenAt: new Date(c.now - 91 * 86_400_000),
  });

  // Three months on: Erwin shops every week and became close, the chess club and a helper came in.
  await updateEntry(tx, networkId, kId, erwinEntry.id, {
    ring: 1,
    support: ['practical', 'emotional'],
    note: 'Nachbar im Erdgeschoss; kauft jeden Mittwoch mit ein und kommt auf einen Kaffee.',
  });
  await updateEntry(tx, networkId, kId, walter.id, { ring: 2 });
  await deleteEntry(tx, networkId, kId, meals.id);
  const jonasEntry = await entry({
    sector: 'friends_neighbours',
    ring: 2,
    label: 'Jonas Berger (Nachbarschaftshilfe)',
    showLabel: true,
    accountId: person('jonas'),
    quality: 'supportive',
    support: ['practical'],
  });
  const neighbour = await entry({
    sector: 'friends_neighbours',
    ring: 3,
    label: 'Irmgard Vogel',
    quality: 'ambivalent',
    support: [],
    note: 'Nachbarin im 2. Stock. Schaut nach dem Briefkasten, mischt sich aber gern ein.',
  });
  const chess = await entry({
    sector: 'work_school_clubs',
    ring: 2,
    label: 'Schachclub Nordfeld',
    showLabel: true,
    quality: 'supportive',
    support: ['emotional'],
    note: 'Wieder dabei seit dem Sommer, donnerstags im Stadtteiltreff.',
  });
  const physio = await entry({
    sector: 'professional',
    ring: 3,
    label: 'Praxis am Markt (Physiotherapie)',
    showLabel: true,
    quality: 'supportive',
    support: ['care'],
  });
  await insertTie(tx, networkId, kId, {
    a: sabineEntry.id,
    b: erwinEntry.id,
    quality: 'supportive',
    support: ['information'],
  });
  await insertTie(tx, networkId, kId, { a: erwinEntry.id, b: jonasEntry.id, quality: 'supportive' });
  await insertTie(tx, networkId, kId, { a: erwinEntry.id, b: neighbour.id, quality: 'conflict' });
  await insertTie(tx, networkId, kId, { a: walter.id, b: chess.id, quality: 'supportive' });
  await insertTie(tx, networkId, kId, {
    a: gp.id,
    b: physio.id,
    quality: 'supportive',
    support: ['information'],
  });
  await insertSnapshot(tx, networkId, kId, {
    title: 'Drei Monate später',
    data: await currentMap(tx, networkId, kId),
    createdBy: person('aylin'),
  });
  await insertUpdate(tx, networkId, kId, person('sabine'), {
    body: 'Papa geht es besser, er läuft schon wieder mit dem Rollator bis zum Briefkasten. Danke an Erwin für den Einkauf!',
    visibility: 'all_members',
  });

  // Frau B.: opened by Markus of Caritas with her consent, owned by her son Wolfgang, whom she named as
  // her representative (Vorsorgevollmacht); she later withdrew her consent, so the circle is frozen.
  const bId = await createCircle(tx, ctx('markus'), {
    onBehalf: {
      organisationId: org('caritas'),
      person: { label: 'Frau B.' },
      proxyAccountId: person('wolfgang'),
      consent: {
        givenBy: 'person',
        method: 'written',
        scope: ['care_calendar', 'updates'],
        givenAt: new Date(c.now - 60 * 86_400_000).toISOString(),
        legalBasis: 'Beratungsvertrag der Allgemeinen Sozialberatung (§ 11 SGB XII)',
      },
    },
  });
  await addMember(tx, networkId, bId, person('guel'), 'helper');
  await appendConsent(tx, networkId, bId, {
    kind: 'withdrawn',
    givenBy: 'person',
    guardianName: null,
    method: 'in_person',
    scope: [],
    givenAt: new Date(c.now - 7 * 86_400_000),
    note: 'Frau B. möchte vorerst keine Unterstützung über die Plattform.',
    organisationId: null,
    legalBasis: null,
    recordedBy: person('wolfgang'),
  });
  return { circles: 2, needs: needs.length + past.length };
}
