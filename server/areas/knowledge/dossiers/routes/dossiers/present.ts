import type { DossierItemType } from '../../../../../db/schema.ts';
import type { Executor } from '../../../../../db/tx.ts';
import { renderMarkdown } from '../../../../../platform/markdown.ts';
import { minPeoplePerCell, protectCell } from '../../../../../platform/smallCells.ts';
import type { Actor } from '../../../../../policies/actor.ts';
import type { DossierExport } from '../../exports.ts';
import { dossierPolicy } from '../../policies/dossier.ts';
import {
  contributors,
  type DossierRow,
  isoDay,
  listItems,
  listSteps,
  supportTotal,
} from '../../repositories/dossiers.ts';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function summaryOf(d: DossierRow, networkName: string) {
  return {
    id: d.id,
    title: d.title,
    status: d.status,
    organisation: d.organisation_id ? { id: d.organisation_id, name: d.organisation_name ?? '' } : null,
    compiledBy: d.organisation_name ?? networkName,
    recipientName: d.recipient_name,
    committee: d.committee,
    agendaDate: isoDay(d.agenda_date),
    sentAt: iso(d.sent_at),
    answeredAt: iso(d.answered_at),
    updatedAt: iso(d.updated_at) as string,
  };
}

/**
 * A dossier as everyone who may see it sees it: its evidence with the figures the server computes
 * — the distinct people behind it and the "me too" on its reports, both withheld when they rest on
 * fewer than `minPeoplePerCell` people (smallCells.ts), and the districts it names. Names of
 * supporters or posters are never part of it. Evidence that is no longer public keeps its place
 * but loses its title and no longer counts.
 */
export async function presentDossier(
  db: Executor,
  networkId: string,
  networkName: string,
  d: DossierRow,
  actor: Actor,
) {
  const [rows, steps, people, support] = await Promise.all([
    listItems(db, networkId, d.id),
    listSteps(db, networkId, d.id),
    contributors(db, networkId, d.id),
    supportTotal(db, networkId, d.id),
  ]);
  const counts: Record<DossierItemType, number> = {
    map_report: 0,
    discussion_thread: 0,
    discussion_post: 0,
    wiki_page: 0,
  };
  const districts = new Map<string, string>();
  for (const r of rows) {
    if (!r.available) continue;
    counts[r.item_type] += 1;
    if (r.district_id) districts.set(r.district_id, r.district_name ?? '');
  }
  const hasReports = counts.map_report > 0;
  const cell = protectCell(people.length, { people: people.length, support });
  const compiler = dossierPolicy.compile(actor, d);
  return {
    ...summaryOf(d, networkName),
    summary: d.summary,
    summaryHtml: renderMarkdown(d.summary),
    recipientEmail: compiler ? d.recipient_email : null,
    recipientOrganisation: d.recipient_organisation_id
      ? { id: d.recipient_organisation_id, name: d.recipient_organisation_name ?? d.recipient_name ?? '' }
      : null,
    answer: d.answer,
    answerHtml: d.answer === null ? null : renderMarkdown(d.answer),
    createdAt: iso(d.created_at) as string,
    evidence: {
      people: cell.people,
      support: hasReports ? cell.support : null,
      suppressed: cell.suppressed,
      minPeople: minPeoplePerCell,
      districts: [...districts]
        .map(([id, name]) => ({ id, name }))
        .sort((a, b) => a.name.localeCompare(b.name, 'de')),
      counts,
    },
    items: rows.map((r) => ({
      type: r.item_type,
      id: r.item_id,
      title: r.available ? r.title : '',
      excerpt: r.available ? r.excerpt : '',
      district: r.available && r.district_id ? { id: r.district_id, name: r.district_name ?? '' } : null,
      note: r.note,
      available: r.available,
      threadId: r.available ? r.thread_id : null,
      position: r.available ? r.position : null,
      slug: r.available ? r.slug : null,
      reportStatus: r.available ? r.report_status : null,
      addedAt: iso(r.added_at) as string,
    })),
    steps: steps.map((s) => ({
      id: s.id,
      step: s.step,
      committee: s.committee,
      date: isoDay(s.agenda_date),
      onBehalf: s.on_behalf,
      by: s.actor_name,
      at: iso(s.created_at) as string,
    })),
    abilities: { edit: dossierPolicy.edit(actor, d), handle: dossierPolicy.handle(actor, d) },
  };
}

export type PresentedDossier = Awaited<ReturnType<typeof presentDossier>>;

/** What the exports carry, from what the page shows (so no export says more than the page). */
export function exportOf(
  p: PresentedDossier,
  rows: Awaited<ReturnType<typeof listItems>>,
  link: string,
): DossierExport {
  const byId = new Map(rows.map((r) => [`${r.item_type}:${r.item_id}`, r]));
  return {
    id: p.id,
    title: p.title,
    summary: p.summary,
    compiledBy: p.compiledBy,
    recipient: p.recipientName,
    sentAt: p.sentAt,
    people: p.evidence.people,
    fewPeople: p.evidence.suppressed,
    minPeople: p.evidence.minPeople,
    support: p.evidence.support,
    districts: p.evidence.districts.map((x) => x.name),
    items: p.items
      .filter((i) => i.available)
      .map((i) => {
        const r = byId.get(`${i.type}:${i.id}`);
        return {
          type: i.type,
          id: i.id,
          title: i.title,
          district: i.district?.name ?? null,
          note: i.note,
          lat: r?.lat ?? null,
          lng: r?.lng ?? null,
          status: i.reportStatus,
          kind: r?.report_kind ?? null,
          category: r?.report_category ?? null,
          addedAt: i.addedAt,
        };
      }),
    steps: p.steps.map((s) => ({ step: s.step, committee: s.committee, date: s.date, at: s.at })),
    answer: p.answer,
    answeredAt: p.answeredAt,
    link,
  };
}
