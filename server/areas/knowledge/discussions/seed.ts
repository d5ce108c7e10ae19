import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { CommandContext } from '../../../http/context.ts';
import type { Actor } from '../../../policies/actor.ts';
import type { DemoSeedContext } from '../../../seed/context.ts';
import { createThread, decidePost, replyTo, setSolution } from './commands/discussions.ts';
import { setPostTime } from './repositories/discussions.ts';

/**
 * The demo town's discussions, through the part's commands: the missing youth room in Weidenau (the
 * dossiers use it as evidence; a resident's first post waited for review and was approved), a bus
 * for older people to the doctors in Nordfeld (with a quote and a solution), the neighbourhood café
 * the Nachbarschaftszentrum starts at the station (with an @mention), and a new account's first
 * thread still waiting for the coordinator.
 */
export async function seedDiscussions(tx: Transaction<DB>, c: DemoSeedContext) {
  const { networkId } = c;
  const person = (key: string) => c.personIds.get(key)!;
  const org = (key: string) => c.orgIds.get(key)!;
  const district = (key: string) => c.districtIds.get(key)!;
  const actor = (key: string): Actor => ({
    accountId: person(key),
    isInstanceAdmin: key === 'miriam',
    blocked: false,
    roles: new Map((c.memberships.get(key) ?? []).map(([o, role]) => [org(o), role])),
  });
  const ctx = (key: string): CommandContext => ({
    networkId,
    actor: actor(key),
    actorId: person(key),
    ip: '127.0.0.1',
    locale: 'de',
  });
  /** when a post was written: `days` ago at about `hour` o'clock (the demo town has a past) */
  const written = (postId: string, days: number, hour: number) =>
    setPostTime(tx, networkId, postId, new Date(c.now - days * 86_400_000 + (hour - 12) * 3_600_000));
  const reply = (
    key: string,
    threadId: string,
    body: string,
    extra: { quote?: string; mentions?: string[] } = {},
  ) =>
    replyTo(tx, ctx(key), threadId, {
      body,
      quotedPostId: extra.quote ?? null,
      mentions: (extra.mentions ?? []).map(person),
    });

  // 1. The youth room Weidenau lacks — started by a young volunteer of the sports club
  const youth = await createThread(tx, ctx('kevin'), {
    title: 'Uns fehlt ein Jugendraum in Weidenau',
    theme: 'youth',
    districtId: district('weidenau'),
    organisationId: null,
    body: 'Seit der Jugendtreff in der alten Schule 2024 zugemacht hat, gibt es in Weidenau **keinen Raum** mehr, in dem sich Jugendliche abends treffen können. Im Winter stehen wir an der Bushaltestelle oder am Edeka.\n\nGibt es irgendwo einen Raum, den man zwei Abende die Woche nutzen könnte? Wir würden auch selbst renovieren.',
    mentions: [],
  });
  await written(youth.postId, 12, 19);
  const sevgi = await reply(
    'sevgi',
    youth.threadId,
    'Im Seniorentreff in der Lindenallee ist der große Raum dienstags und donnerstags ab 18 Uhr frei. Ich kann nicht versprechen, dass der Vorstand zustimmt, aber fragen kostet nichts. Jung und Alt unter einem Dach fänden wir eigentlich schön.',
  );
  await written(sevgi.postId, 11, 9);
  const gerhard = await reply(
    'gerhard',
    youth.threadId,
    '> Jung und Alt unter einem Dach fänden wir eigentlich schön.\n\nIch nehme das in die nächste Vorstandssitzung mit. Wichtig wäre uns nur, dass jemand Erwachsenes den Schlüssel verantwortet.',
    { quote: sevgi.postId },
  );
  // a resident's first post: she registered this week, so it waited for the coordinator
  const margarete = await reply(
    'margarete',
    youth.threadId,
    'Ich wohne seit 40 Jahren in Weidenau. Früher gab es im Gemeindehaus eine Teestube für die Jugend, das war für alle gut. Ich würde gern einmal im Monat mit den jungen Leuten kochen, wenn das hilft.',
  );
  await written(gerhard.postId, 10, 17);
  if (margarete.status === 'pending') await decidePost(tx, ctx('miriam'), margarete.postId, true);
  await written(margarete.postId, 6, 10);
  const leonie = await reply(
    'leonie',
    youth.threadId,
    'Wir sind im Moment etwa 15 Jugendliche zwischen 13 und 17, die regelmäßig kämen. Eine Umfrage unter den Eltern im Sportverein hat 38 Unterschriften für einen Jugendraum gebracht.',
  );

  await written(leonie.postId, 2, 20);

  // 2. A bus for older people to the doctors in Nordfeld — with a quote and a solution
  const bus = await createThread(tx, ctx('hannelore'), {
    title: 'Wie kommen Ältere ohne Auto zur Arztpraxis in Nordfeld?',
    theme: 'mobility',
    districtId: district('nordfeld'),
    organisationId: null,
    body: 'Die Linie 5 fährt seit dem Fahrplanwechsel vormittags nur noch alle zwei Stunden nach Nordfeld. Mehrere Frauen aus unserem Mittagstisch schaffen den Weg zur Hausarztpraxis so nicht mehr.\n\nGibt es einen Fahrdienst oder eine Mitfahrgelegenheit?',
    mentions: [],
  });
  await written(bus.postId, 21, 11);
  const busAnswer = await reply(
    'mehmet',
    bus.threadId,
    'Der Fahrdienst der Diakonie-Sozialstation fährt **dienstags und donnerstags vormittags** zur Praxis Dr. Okonkwo und zurück. Anmeldung bis zum Vortag, 12 Uhr, unter 05361 88 14 20. Für Menschen mit Pflegegrad ist er kostenlos, sonst 3 € pro Fahrt.',
  );
  await written(busAnswer.postId, 20, 15);
  const thomas = await reply(
    'thomas',
    bus.threadId,
    '> Die Linie 5 fährt seit dem Fahrplanwechsel vormittags nur noch alle zwei Stunden\n\nDanke für den Hinweis. Ich habe das an die Verkehrsplanung weitergegeben; zum nächsten Fahrplan wird geprüft, ob ein Bürgerbus am Vormittag möglich ist.',
    { quote: bus.postId },
  );
  await written(thomas.postId, 19, 10);
  const thanks = await reply(
    'hannelore',
    bus.threadId,
    'Vielen Dank, Herr Kaya! Ich habe es beim Mittagstisch ausgehängt.',
  );
  await written(thanks.postId, 18, 13);
  await setSolution(tx, ctx('hannelore'), bus.threadId, busAnswer.postId);

  // 3. A neighbourhood café, started for the Nachbarschaftszentrum — with an @mention
  const cafe = await createThread(tx, ctx('fatma'), {
    title: 'Nachbarschaftscafé am Bahnhof: Wer macht mit?',
    theme: 'everyday',
    districtId: district('am-bahnhof'),
    organisationId: org('nbz'),
    body: 'Ab Januar wollen wir jeden Samstag von 14 bis 17 Uhr ein **Nachbarschaftscafé** im Zentrum öffnen: Kaffee, Kuchen, Spiele, ohne Anmeldung und ohne Verzehrzwang.\n\nWir suchen Menschen, die backen, ausschenken oder einfach da sind. Wer hat Lust?',
    mentions: [],
  });
  await written(cafe.postId, 5, 16);
  const amira = await reply(
    'amira',
    cafe.threadId,
    'Ich backe gern – syrischer Grießkuchen geht immer! Jeden zweiten Samstag kann ich.',
  );
  await written(amira.postId, 4, 18);
  const paul = await reply(
    'paul',
    cafe.threadId,
    'Schöne Idee. @Fatma Yıldız, braucht ihr noch Tische? Im Keller der Kirchengemeinde stehen sechs Klapptische, die keiner nutzt.',
    { mentions: ['fatma'] },
  );

  await written(paul.postId, 1, 9);

  // 4. A new account's first thread: waits for the coordinator's review
  await createThread(tx, ctx('dennis'), {
    title: 'Tischtennis im Stadtpark Gartenstadt – wer spielt mit?',
    theme: 'culture',
    districtId: district('gartenstadt'),
    organisationId: null,
    body: 'Hallo, ich bin neu in Lindenbrück. An der Platte im Stadtpark spiele ich meistens sonntags gegen 11 Uhr. Wer Lust hat, kommt einfach vorbei, Schläger habe ich zwei.',
    mentions: [],
  });

  return { discussionYouthRoomThreadId: youth.threadId, discussionBusThreadId: bus.threadId };
}
