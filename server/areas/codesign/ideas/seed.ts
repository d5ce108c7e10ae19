import { sql, type Transaction } from 'kysely';
import type { CodesignChannel, CodesignPointSide, DB } from '../../../db/schema.ts';
import type { CommandContext } from '../../../http/context.ts';
import type { Actor } from '../../../policies/actor.ts';
import type { DemoSeedContext } from '../../../seed/context.ts';
import { toolFor } from '../projects/access.ts';
import { contribute, joinProject } from '../projects/contribute.ts';
import { type DemoProjectKey, demoProjects } from '../projects/demo.ts';
import { addToTimeline } from '../projects/timeline.ts';
import { insertComment, insertIdea, insertPoint, mergeIdeas } from './repositories/ideas.ts';

interface DemoIdea {
  by: string;
  /** entered by this staff member for the assisted person (on paper) */
  assistedBy?: string;
  title: string;
  body?: string;
  points?: { by: string; side: CodesignPointSide; body: string }[];
  comments?: { by: string; body: string }[];
  selected?: boolean;
  /** a duplicate: merged into the idea of this title */
  mergeInto?: string;
}

/** The assisted person of the consultation project (no account; she consented on paper). */
const fraumName = 'Frau M.';

const demoIdeas: Partial<Record<DemoProjectKey, DemoIdea[]>> = {
  consultation: [
    {
      by: 'guel',
      title: 'Sprechstunde auch am Abend',
      body: 'Ich arbeite bis 17 Uhr. Einmal in der Woche bis 19 Uhr offen, dann kann ich kommen.',
      selected: true,
      points: [
        { by: 'ali', side: 'pro', body: 'Berufstätige können kommen, ohne freizunehmen.' },
        { by: 'renate', side: 'pro', body: 'Abends ist es im Wartebereich ruhiger.' },
        { by: 'markus', side: 'contra', body: 'Wir brauchen dann eine zweite Person im Haus.' },
      ],
      comments: [
        { by: 'aylin', body: 'Danke! Wir prüfen, ob der Donnerstag bis 19 Uhr geht.' },
        { by: 'anna', body: 'Donnerstag wäre für mich auch gut.' },
      ],
    },
    {
      by: 'ali',
      title: 'Termine per Telefon vereinbaren',
      body: 'Nicht immer stundenlang warten: Wer anruft, bekommt eine feste Uhrzeit.',
      selected: true,
      points: [
        { by: 'guel', side: 'pro', body: 'Kein Warten im Flur mit den Kindern.' },
        { by: 'olga', side: 'contra', body: 'Nicht alle können gut telefonieren.' },
      ],
      comments: [{ by: 'markus', body: 'Ein Teil der Zeit bleibt offen, ohne Termin.' }],
    },
    {
      by: fraumName,
      assistedBy: 'aylin',
      title: 'Dolmetscherin einmal im Monat',
      body: 'Eine Dolmetscherin für Türkisch und Arabisch, an einem festen Tag im Monat.',
      selected: true,
      points: [
        { by: 'ali', side: 'pro', body: 'Dann muss mein Sohn nicht mehr übersetzen.' },
        { by: 'stefan', side: 'contra', body: 'Kostet Geld: Wir fragen beim Sprachmittlerpool nach.' },
      ],
      comments: [{ by: 'olga', body: 'Russisch wäre auch gut.' }],
    },
    {
      by: 'anna',
      title: 'Abends geöffnet, wenigstens einmal die Woche',
      mergeInto: 'Sprechstunde auch am Abend',
      points: [{ by: 'johanna', side: 'pro', body: 'Nach der Arbeit geht es besser.' }],
    },
    {
      by: 'olga',
      title: 'Eine Spielecke im Wartebereich',
      points: [{ by: 'guel', side: 'pro', body: 'Die Kinder warten dann lieber.' }],
    },
  ],
  cafeIdeas: [
    {
      by: 'amira',
      title: 'Spielenachmittag für Jung und Alt',
      body: 'Jeden zweiten Dienstag Brettspiele, Karten und **Kuchen**.',
      points: [
        { by: 'hannelore', side: 'pro', body: 'Da kommen auch die Großeltern mit.' },
        { by: 'lukas', side: 'contra', body: 'Wir brauchen dafür mehr Tische.' },
      ],
      comments: [{ by: 'jonas', body: 'Ich bringe Spiele mit.' }],
    },
    {
      by: 'jonas',
      title: 'Offene Musik-Session mit Gitarre',
      points: [
        { by: 'amira', side: 'pro', body: 'Musik bringt Leute zusammen.' },
        { by: 'hannelore', side: 'contra', body: 'Zu laut für Gespräche.' },
      ],
    },
    {
      by: 'hannelore',
      title: 'Handy-Sprechstunde für Ältere',
      body: 'Jugendliche erklären Älteren WhatsApp, Fotos und Videoanrufe.',
      points: [{ by: 'jonas', side: 'pro', body: 'Das fragen mich meine Nachbarn oft.' }],
      comments: [
        { by: 'petra', body: 'Das passt gut zum Mittwoch.' },
        { by: 'amira', body: 'Meine Tochter hilft gern.' },
      ],
    },
    {
      by: 'samira',
      title: 'Kochen aus aller Welt',
      points: [{ by: 'ibrahim', side: 'pro', body: 'Ich koche gern etwas aus Guinea.' }],
    },
    {
      by: 'ibrahim',
      title: 'Hausaufgabenhilfe am Nachmittag',
      comments: [{ by: 'lukas', body: 'Dafür suchen wir Ehrenamtliche.' }],
    },
  ],
};

/**
 * The demo town's ideas: in every demo project with an ideas tool (made by the projects part), its
 * ideas with points and comments — in the Caritas consultation project "Sprechstunde auch am Abend",
 * "Termine per Telefon vereinbaren" and "Dolmetscherin einmal im Monat", the last entered by Aylin for
 * Frau M. from her paper form (with her consent), one duplicate merged, three ideas selected for the
 * decide phase; in the café project several. Everything goes through contribute(), as if the tools
 * were open then (the consultation project stands in its review phase today); dates are spread over
 * the weeks before.
 */
export async function seedIdeas(tx: Transaction<DB>, c: DemoSeedContext) {
  const person = (key: string) => c.personIds.get(key);
  const org = (key: string) => c.orgIds.get(key);
  const actor = (key: string): Actor => ({
    accountId: person(key) ?? null,
    isInstanceAdmin: false,
    blocked: false,
    roles: new Map((c.memberships.get(key) ?? []).flatMap(([o, role]) => (org(o) ? [[org(o)!, role]] : []))),
  });
  const ctx = (key: string): CommandContext => ({
    networkId: c.networkId,
    actor: actor(key),
    actorId: person(key)!,
    ip: '127.0.0.1',
    locale: 'de',
  });
  const day = 86_400_000;
  let ideas = 0;

  for (const [key, list] of Object.entries(demoIdeas) as [DemoProjectKey, DemoIdea[]][]) {
    const project = await tx
      .selectFrom('codesign_project')
      .select('id')
      .where('network_id', '=', c.networkId)
      .where('title', '=', demoProjects[key].title)
      .executeTakeFirst();
    if (!project) continue;
    const tool = await tx
      .selectFrom('codesign_tool')
      .select(['id', 'title'])
      .where('network_id', '=', c.networkId)
      .where('project_id', '=', project.id)
      .where('kind', '=', 'ideas')
      .orderBy('position')
      .executeTakeFirst();
    if (!tool) continue;
    const lead = demoProjects[key].lead;
    const staff = [...c.memberships.entries()].find(([, ms]) =>
      ms.some(([o, r]) => o === lead && (r === 'staff' || r === 'admin')),
    )?.[0];

    // Frau M.: the offline part's seed may have made her; otherwise she is made here, her consent on paper
    let fraum: string | undefined;
    if (list.some((i) => i.by === fraumName)) {
      const found = await tx
        .selectFrom('codesign_participant')
        .select('id')
        .where('network_id', '=', c.networkId)
        .where('project_id', '=', project.id)
        .where('display_name', '=', fraumName)
        .where('account_id', 'is', null)
        .executeTakeFirst();
      fraum =
        found?.id ??
        (
          await tx
            .insertInto('codesign_participant')
            .values({
              network_id: c.networkId,
              project_id: project.id,
              display_name: fraumName,
              joined_via: 'assisted',
              stake: 'service_user',
              language: 'tr',
              consent: 'paper',
              consent_recorded_by: person('aylin') ?? null,
              consent_at: new Date(c.now - 30 * day),
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
    }

    /** one contribution, as if the tool were open then, at `at` */
    const contribution = async (by: string, assistedBy: string | undefined, kind: string, at: Date) => {
      const who = assistedBy ?? by;
      if (!person(who)) return null;
      if (!assistedBy) await joinProject(tx, c.networkId, project.id, person(by)!, 'invitation');
      const access = await toolFor(tx, c.networkId, actor(who), tool.id, ['ideas'], 'view');
      const onBehalf =
        assistedBy && fraum ? { participantId: fraum, channel: 'paper' as CodesignChannel } : undefined;
      if (assistedBy && !onBehalf) return null;
      const made = await contribute(
        tx,
        ctx(who),
        { ...access, open: true, project: { ...access.project, status: 'active' } },
        kind,
        onBehalf,
      );
      await tx
        .updateTable('codesign_contribution')
        .set({ created_at: at })
        .where('network_id', '=', c.networkId)
        .where('id', '=', made.contributionId)
        .execute();
      return made.contributionId;
    };
    const backdate = (
      table: 'codesign_idea' | 'codesign_idea_point' | 'codesign_idea_comment',
      id: string,
      at: Date,
    ) =>
      tx
        .updateTable(table)
        .set({ created_at: sql<Date>`${at}::timestamptz` })
        .where('network_id', '=', c.networkId)
        .where('id', '=', id)
        .execute();

    const made = new Map<string, string>();
    for (const [n, idea] of list.entries()) {
      const at = new Date(c.now - (40 - n * 3) * day);
      const contributionId = await contribution(idea.by, idea.assistedBy, 'idea', at);
      if (!contributionId) continue;
      const id = await insertIdea(tx, {
        networkId: c.networkId,
        projectId: project.id,
        toolId: tool.id,
        contributionId,
        title: idea.title,
        body: idea.body ?? '',
      });
      await backdate('codesign_idea', id, at);
      made.set(idea.title, id);
      ideas++;
      for (const [m, p] of (idea.points ?? []).entries()) {
        const pAt = new Date(at.getTime() + (m + 1) * 5 * 3600_000);
        const cid = await contribution(p.by, undefined, 'point', pAt);
        if (!cid) continue;
        const pid = await insertPoint(tx, {
          networkId: c.networkId,
          ideaId: id,
          contributionId: cid,
          side: p.side,
          body: p.body,
        });
        await backdate('codesign_idea_point', pid, pAt);
      }
      for (const [m, cm] of (idea.comments ?? []).entries()) {
        const cAt = new Date(at.getTime() + (m + 1) * 7 * 3600_000);
        const cid = await contribution(cm.by, undefined, 'comment', cAt);
        if (!cid) continue;
        const commentId = await insertComment(tx, {
          networkId: c.networkId,
          ideaId: id,
          contributionId: cid,
          body: cm.body,
        });
        await backdate('codesign_idea_comment', commentId, cAt);
      }
    }
    for (const idea of list) {
      const from = made.get(idea.title);
      const into = idea.mergeInto ? made.get(idea.mergeInto) : undefined;
      if (!from || !into || !staff || !person(staff)) continue;
      await mergeIdeas(tx, c.networkId, from, into, person(staff)!, null);
      await addToTimeline(tx, {
        networkId: c.networkId,
        projectId: project.id,
        kind: 'ideas.merged',
        actorId: person(staff)!,
        subject: { type: 'codesign_idea', id: into },
        params: { from: idea.title, into: idea.mergeInto ?? '', tool: tool.title },
      });
    }
    const selected = list.filter((i) => i.selected).flatMap((i) => made.get(i.title) ?? []);
    if (selected.length > 0)
      await tx
        .updateTable('codesign_idea')
        .set({ mark: 'selected' })
        .where('network_id', '=', c.networkId)
        .where('id', 'in', selected)
        .execute();
    if (selected.length > 0 && staff && person(staff))
      await addToTimeline(tx, {
        networkId: c.networkId,
        projectId: project.id,
        kind: 'ideas.selected',
        actorId: person(staff)!,
        subject: { type: 'codesign_tool', id: tool.id },
        params: { count: selected.length, tool: tool.title },
      });
  }
  return { codesignIdeas: ideas };
}
