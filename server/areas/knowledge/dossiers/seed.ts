import { sql, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { CommandContext } from '../../../http/context.ts';
import type { Actor } from '../../../policies/actor.ts';
import type { DemoSeedContext } from '../../../seed/context.ts';
import { addEvidence, createDossier } from './commands/compileDossier.ts';
import { recordStep, sendDossier } from './commands/handleDossier.ts';

type Tx = Transaction<DB>;

/** The first thing of a table whose title matches, or null (another part's demo may have made it). */
async function findByTitle(
  tx: Tx,
  table: 'map_report' | 'discussion_thread' | 'wiki_page',
  networkId: string,
  pattern: string,
) {
  const r = await sql<{ id: string }>`SELECT id FROM ${sql.table(table)} WHERE network_id = ${networkId}
    AND title ILIKE ${pattern} ORDER BY created_at LIMIT 1`.execute(tx);
  return r.rows[0]?.id ?? null;
}

const daysAgo = (now: number, days: number) => new Date(now - days * 86_400_000);

/**
 * The demo town's dossiers: "Jugendraum für Weidenau", compiled by the Nachbarschaftszentrum from a
 * map report with its "me too", a discussion about a youth room and (if the wiki has one) a page
 * about youth work, sent to the town's Sozialplanung, put on the agenda of the
 * Jugendhilfeausschuss and answered; and a draft about the lift at Weidenau station. It uses the
 * other parts' demo reports and threads when they exist, and otherwise makes the few it needs.
 */
export async function seedDossiers(tx: Tx, c: DemoSeedContext) {
  const { networkId, now } = c;
  const person = (key: string) => c.personIds.get(key)!;
  const org = (key: string) => c.orgIds.get(key)!;
  const weidenau = c.districtIds.get('weidenau') ?? null;
  const centre = c.centres.get('weidenau') ?? { lat: 51.3, lng: 9.48 };
  const actor = (key: string): Actor => ({
    accountId: person(key),
    // Miriam Koch coordinates the network (instance admin)
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
  const network = await tx
    .selectFrom('network')
    .select('name')
    .where('id', '=', networkId)
    .executeTakeFirstOrThrow();
  const env = { publicUrl: 'http://localhost:3000', networkName: network.name, smtp: false };
  // people of the town who live or work around Weidenau and would say "me too"
  const neighbours = ['hannelore', 'dieter', 'sevgi', 'amira', 'paul', 'lea', 'nico', 'mariam'].filter((k) =>
    c.personIds.has(k),
  );

  // ---- the evidence: the other parts' if they made it, else a few rows of our own --------------
  let report =
    (await findByTitle(tx, 'map_report', networkId, '%jugend%weidenau%')) ??
    (await findByTitle(tx, 'map_report', networkId, '%jugendraum%'));
  if (!report) {
    const r = await tx
      .insertInto('map_report')
      .values({
        network_id: networkId,
        kind: 'missing_offer',
        category: 'youth',
        title: 'Kein Treffpunkt für Jugendliche in Weidenau',
        body: 'Seit der Jugendclub an der Weidenauer Straße geschlossen hat, gibt es im Stadtteil keinen Raum mehr, in dem sich Jugendliche abends treffen können. Sie stehen an der Bushaltestelle oder fahren in die Altstadt.',
        lat: centre.lat + 0.0012,
        lng: centre.lng - 0.0008,
        address: 'Weidenauer Straße 40',
        district_id: weidenau,
        status: 'confirmed',
        author_id: person('sevgi'),
        owner_id: person('sevgi'),
        created_at: daysAgo(now, 60),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    report = r.id;
    const supporters = neighbours.filter((k) => k !== 'sevgi');
    await tx
      .insertInto('map_report_support')
      .values(
        supporters.map((k, i) => ({
          network_id: networkId,
          report_id: r.id,
          account_id: person(k),
          created_at: daysAgo(now, 55 - i),
        })),
      )
      .execute();
    await tx
      .updateTable('map_report')
      .set({ support_count: supporters.length })
      .where('network_id', '=', networkId)
      .where('id', '=', r.id)
      .execute();
  }

  let thread = await findByTitle(tx, 'discussion_thread', networkId, '%jugend%');
  if (!thread) {
    const posts = [
      [
        'paul',
        'Wo sollen sich unsere Jugendlichen in Weidenau eigentlich treffen? Der alte Jugendclub ist seit zwei Jahren zu.',
      ],
      [
        'hannelore',
        'Im Gemeindehaus wäre montags Platz – aber es müsste jemand da sein, der aufschließt und ansprechbar ist.',
      ],
      [
        'amira',
        'Meine Tochter ist 15 und fährt abends mit dem Bus in die Altstadt. Ein Raum hier im Stadtteil wäre so viel besser.',
      ],
      ['lea', 'Ich würde als Freiwillige einen Abend pro Woche mitbetreuen, wenn es einen festen Raum gibt.'],
    ].filter(([k]) => c.personIds.has(k as string)) as [string, string][];
    const t = await tx
      .insertInto('discussion_thread')
      .values({
        network_id: networkId,
        title: 'Ein Jugendraum für Weidenau?',
        theme: 'youth',
        district_id: weidenau,
        author_id: person(posts[0]![0]),
        post_count: posts.length,
        created_at: daysAgo(now, 45),
        last_post_at: daysAgo(now, 40),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    thread = t.id;
    await tx
      .insertInto('discussion_post')
      .values(
        posts.map(([k, body], i) => ({
          network_id: networkId,
          thread_id: t.id,
          position: i + 1,
          body,
          author_id: person(k),
          created_at: daysAgo(now, 45 - i),
        })),
      )
      .execute();
  }
  const wiki = await sql<{ id: string }>`SELECT id FROM wiki_page WHERE network_id = ${networkId}
    AND visibility = 'public' AND archived_at IS NULL AND title ILIKE '%jugend%' ORDER BY created_at LIMIT 1`.execute(
    tx,
  );

  // ---- "Jugendraum für Weidenau": compiled, sent, on the agenda, answered ----------------------
  const youth = await createDossier(tx, ctx('lukas'), org('nbz'), {
    title: 'Jugendraum für Weidenau',
    summary: [
      'In Weidenau gibt es seit der Schließung des Jugendclubs **keinen Raum** mehr, in dem sich Jugendliche abends treffen können.',
      '',
      'Auf der Karte und in der Diskussion melden sich Eltern, Nachbarinnen und Nachbarn und Freiwillige. Mehrere bieten an, einen Abend pro Woche mitzubetreuen.',
      '',
      'Wir bitten den Jugendhilfeausschuss,',
      '',
      '- einen Raum im Stadtteil (etwa im Gemeindehaus oder in der Grundschule) für einen offenen Jugendtreff zu prüfen,',
      '- eine Fachkraft der Jugendpflege für zwei Abende pro Woche einzuplanen,',
      '- die Freiwilligen aus dem Stadtteil einzubinden.',
    ].join('\n'),
  });
  await addEvidence(tx, ctx('lukas'), youth, {
    type: 'map_report',
    id: report,
    note: 'Viele „Ich auch“ aus dem Stadtteil.',
  });
  await addEvidence(tx, ctx('lukas'), youth, {
    type: 'discussion_thread',
    id: thread,
    note: 'Eltern und Freiwillige beschreiben die Lage; ein Angebot zur Mitbetreuung.',
  });
  if (wiki.rows[0])
    await addEvidence(tx, ctx('lukas'), youth, { type: 'wiki_page', id: wiki.rows[0].id, note: '' });
  // a believable history: sent five weeks ago, received, put on the agenda, answered after the meeting
  await sendDossier(
    tx,
    ctx('lukas'),
    youth,
    { organisationId: org('stadt') },
    { ...env, at: daysAgo(now, 35) },
  );
  await recordStep(tx, ctx('thomas'), youth, { step: 'received' }, daysAgo(now, 34));
  const meeting = daysAgo(now, 7).toISOString().slice(0, 10);
  await recordStep(
    tx,
    ctx('thomas'),
    youth,
    { step: 'on_agenda', committee: 'Jugendhilfeausschuss', date: meeting },
    daysAgo(now, 30),
  );
  await recordStep(
    tx,
    ctx('thomas'),
    youth,
    {
      step: 'answered',
      answer: [
        'Der Jugendhilfeausschuss hat das Dossier in seiner Sitzung beraten und dankt allen, die ihre Beobachtungen eingebracht haben.',
        '',
        '**Beschluss:** Ab dem kommenden Halbjahr öffnet ein Jugendtreff im Gemeindehaus Weidenau, zunächst dienstags und donnerstags von 17 bis 20 Uhr. Die Jugendpflege stellt eine Fachkraft; Freiwillige aus dem Stadtteil sind willkommen und melden sich bei der Sozialplanung.',
        '',
        'Nach einem Jahr berichtet die Verwaltung dem Ausschuss, wie das Angebot angenommen wird.',
      ].join('\n'),
    },
    daysAgo(now, 3),
  );

  // ---- a draft: the lift at Weidenau station -----------------------------------------------------
  const draft = await createDossier(tx, ctx('miriam'), null, {
    title: 'Barrierefreier Zugang am Bahnhof Weidenau',
    summary:
      'Der Aufzug zu Gleis 2 fällt immer wieder aus. Noch zu ergänzen: Rückmeldungen aus dem Seniorentreff.',
  });
  let lift =
    (await findByTitle(tx, 'map_report', networkId, '%aufzug%')) ??
    (await findByTitle(tx, 'map_report', networkId, '%lift%'));
  if (!lift) {
    const r = await tx
      .insertInto('map_report')
      .values({
        network_id: networkId,
        kind: 'defect',
        category: 'accessibility',
        title: 'Aufzug am Bahnhof Weidenau außer Betrieb',
        body: 'Der Aufzug zu Gleis 2 steht seit Tagen still. Mit Rollator oder Kinderwagen kommt man nicht auf den Bahnsteig.',
        lat: centre.lat - 0.0015,
        lng: centre.lng + 0.0011,
        address: 'Bahnhof Weidenau, Gleis 2',
        district_id: weidenau,
        author_id: person('hannelore'),
        owner_id: person('hannelore'),
        created_at: daysAgo(now, 12),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    lift = r.id;
  }
  await addEvidence(tx, ctx('miriam'), draft, {
    type: 'map_report',
    id: lift,
    note: 'Seit Wochen immer wieder gemeldet.',
  });
  return { dossierIds: { youth, draft } };
}
