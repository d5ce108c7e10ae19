import { sql, type Transaction } from 'kysely';
import type { DB, SearchVisibility } from '../../../db/schema.ts';
import type { CommandContext } from '../../../http/context.ts';
import type { Actor } from '../../../policies/actor.ts';
import type { DemoSeedContext } from '../../../seed/context.ts';
import { follow } from '../digests/repositories/follows.ts';
import { addComment } from './commands/comments.ts';
import { createPost } from './commands/posts.ts';

interface DemoPost {
  org: string;
  by: string;
  title: string;
  body: string;
  visibility?: SearchVisibility;
  draft?: boolean;
  commentsOpen?: boolean;
  /** published this many days ago */
  daysAgo: number;
  comments?: { by: string; body: string }[];
}

const demoPosts: DemoPost[] = [
  {
    org: 'nbz',
    by: 'petra',
    title: 'Unser neues Stadtteilcafé „Lindenblatt“ öffnet am Montag',
    daysAgo: 2,
    body: `Liebe Nachbarinnen und Nachbarn,

nach drei Monaten Umbau ist es so weit: Im Erdgeschoss des Nachbarschaftszentrums öffnet am **Montag um 10 Uhr** unser Stadtteilcafé **„Lindenblatt“**.

## Was Sie erwartet

- Kaffee, Tee und Kuchen zu kleinen Preisen – wer wenig hat, zahlt, was er kann
- ein barrierefreier Eingang von der Lindenhofer Straße und eine Toilette für alle
- jeden Mittwoch ab 15 Uhr der Sprachtreff mit Fatma Yıldız
- Zeitungen, WLAN und eine Spielecke für die Kleinen

Die Kuchen backen Ehrenamtliche aus dem Stadtteil, das Brot kommt von der Bäckerei Yilmaz. Wer selbst einmal backen oder hinter der Theke stehen möchte, meldet sich gern bei uns.

**Öffnungszeiten:** Montag bis Freitag, 10 bis 17 Uhr.

Wir freuen uns auf Sie!
Ihr Team vom Nachbarschaftszentrum Lindenhof`,
    comments: [
      {
        by: 'jonas',
        body: 'Super! Ich komme am Montag vorbei und bringe meine Gitarre für den Nachmittag mit, wenn das passt.',
      },
      {
        by: 'hannelore',
        body: 'Endlich ein Ort zum Hinsetzen im Lindenhof. Gibt es auch einen Mittagstisch?',
      },
      {
        by: 'petra',
        body: 'Liebe Frau Weber, ein Mittagstisch ist ab Februar geplant – zunächst dienstags und donnerstags.',
      },
      { by: 'amira', body: 'Ich backe gern einmal im Monat einen Kuchen. Ich melde mich bei Ihnen!' },
    ],
  },
  {
    org: 'awo',
    by: 'sevgi',
    title: 'Neu im Seniorentreff: Smartphone-Sprechstunde jeden Donnerstag',
    daysAgo: 6,
    body: `Ab sofort beantworten junge Freiwillige jeden **Donnerstag von 14 bis 16 Uhr** Ihre Fragen rund um Smartphone und Tablet: Fotos an die Enkel schicken, Videoanrufe, Busfahrplan-App.

Bringen Sie Ihr Gerät einfach mit. Eine Anmeldung ist nicht nötig, die Sprechstunde ist kostenlos.`,
    comments: [
      {
        by: 'dieter',
        body: 'Ich kann Leute aus der Gartenstadt mit dem Auto mitnehmen. Einfach im Treff Bescheid sagen.',
      },
    ],
  },
  {
    org: 'fwa',
    by: 'tobias',
    title: 'Engagement-Börse: Zwölf neue Möglichkeiten zum Mitmachen',
    daysAgo: 11,
    body: `In der Engagement-Börse sind diesen Monat zwölf neue Möglichkeiten dazugekommen – vom einmaligen Mini-Einsatz bis zur festen Schicht. Besonders gesucht: Vorleserinnen und Vorleser für die Kita am Bahnhof und Begleitung für Arztbesuche.

Schauen Sie unter **Mitmachen** nach, was zu Ihnen passt.`,
  },
  {
    org: 'vhs',
    by: 'julia',
    title: 'Kursleitungen für das Sommersemester gesucht',
    daysAgo: 18,
    visibility: 'signed_in',
    body: `Für das Sommersemester sucht die Volkshochschule Kursleitungen für Deutsch als Zweitsprache, Nähen und Erste Hilfe am Kind. Honorar nach VHS-Satz.

Interesse? Schreiben Sie uns über die Organisationsseite der Volkshochschule.`,
    commentsOpen: false,
  },
  {
    org: 'kirche',
    by: 'martin',
    title: 'Weihnachtsbasar: Bitte in den Dienstplan eintragen',
    daysAgo: 4,
    visibility: 'members',
    body: `Liebe Ehrenamtliche, für den Weihnachtsbasar am dritten Advent fehlen noch Leute für den Aufbau (9 Uhr) und den Waffelstand (14 bis 17 Uhr).

Der Dienstplan hängt im Gemeindehaus aus. Danke für Ihre Hilfe!`,
    comments: [{ by: 'helga', body: 'Ich übernehme den Waffelstand von 14 bis 15:30 Uhr.' }],
  },
  {
    org: 'nbz',
    by: 'lukas',
    title: 'Repair-Café: Unser Rückblick auf das Jahr',
    daysAgo: 0,
    draft: true,
    body: `Entwurf: 214 reparierte Geräte, 38 Fahrräder, 9 Ehrenamtliche. Fotos folgen.`,
  },
];

/**
 * News in Lindenbrück, through the commands: the Nachbarschaftszentrum Lindenhof blogs about its new
 * café (Jonas follows the centre, so he hears of it; neighbours comment), the AWO, the volunteer
 * agency, the Volkshochschule (for people signed in, comments closed) and St. Marien (members only)
 * post too, and one draft waits. Publication dates are then spread over the last weeks.
 */
export async function seedNews(tx: Transaction<DB>, c: DemoSeedContext) {
  const person = (key: string) => c.personIds.get(key)!;
  const org = (key: string) => c.orgIds.get(key)!;
  const actor = (key: string): Actor => ({
    accountId: person(key),
    isInstanceAdmin: false,
    blocked: false,
    roles: new Map((c.memberships.get(key) ?? []).map(([o, role]) => [org(o), role])),
  });
  const ctx = (key: string): CommandContext => ({
    networkId: c.networkId,
    actor: actor(key),
    actorId: person(key),
    ip: '127.0.0.1',
    locale: 'de',
  });
  const day = 86_400_000;

  await follow(tx, c.networkId, person('jonas'), 'organisation', org('nbz'));
  let comments = 0;
  for (const p of demoPosts) {
    const id = await createPost(
      tx,
      ctx(p.by),
      org(p.org),
      {
        title: p.title,
        body: p.body,
        visibility: p.visibility ?? 'public',
        commentsOpen: p.commentsOpen ?? true,
      },
      !p.draft,
    );
    const at = new Date(c.now - p.daysAgo * day - 3 * 3600_000);
    await tx
      .updateTable('news_post')
      .set({ created_at: at, updated_at: at, ...(p.draft ? {} : { published_at: at }) })
      .where('network_id', '=', c.networkId)
      .where('id', '=', id)
      .execute();
    for (const [i, cm] of (p.comments ?? []).entries()) {
      const commentId = await addComment(tx, ctx(cm.by), id, cm.body);
      await tx
        .updateTable('news_comment')
        .set({ created_at: sql<Date>`${new Date(at.getTime() + (i + 1) * 2 * 3600_000)}::timestamptz` })
        .where('network_id', '=', c.networkId)
        .where('id', '=', commentId)
        .execute();
      comments++;
    }
  }
  return { newsPosts: demoPosts.length, newsComments: comments };
}
