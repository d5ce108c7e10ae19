import type { MapReportCategory, MapReportKind } from '../../../../db/schema.ts';
import { type Executor, executeTx } from '../../../../db/tx.ts';
import type { CommandContext } from '../../../../http/context.ts';
import { forbidden, notFound, Problem } from '../../../../http/problem.ts';
import { audit } from '../../../../platform/audit.ts';
import { districtContaining } from '../../../../platform/geocoder.ts';
import { plainText } from '../../../../platform/markdown.ts';
import { indexDocument, removeDocument } from '../../../../platform/search.ts';
import { webPaths } from '../../../../platform/webPaths.ts';
import { listDistricts } from '../../../../repositories/districts.ts';
import { follow } from '../../digests/repositories/follows.ts';
import { mapReportPolicy } from '../policies/report.ts';
import {
  deleteReport,
  insertReport,
  lockReport,
  type ReportFields,
  updateReport,
} from '../repositories/reports.ts';

/** What a person enters for a report (the district is found from the point). */
export interface ReportInput {
  kind: MapReportKind;
  category: MapReportCategory;
  title: string;
  body: string;
  lat: number;
  lng: number;
  address: string | null;
}

/** Words a report is found by besides its text (the kind and category, in German as the town searches). */
const kindWords: Record<MapReportKind, string> = {
  defect: 'Mangel Schaden kaputt defekt',
  suggestion: 'Vorschlag Idee',
  good_place: 'Guter Ort Tipp',
  missing_offer: 'Fehlendes Angebot Lücke',
};
const categoryWords: Record<MapReportCategory, string> = {
  mobility: 'Mobilität Verkehr',
  accessibility: 'Barrierefreiheit',
  green: 'Grün Natur',
  safety: 'Sicherheit',
  cleanliness: 'Sauberkeit Müll',
  youth: 'Jugend Kinder',
  age: 'Alter Senioren',
  culture: 'Kultur',
  health: 'Gesundheit',
  other: 'Sonstiges',
};

async function fieldsOf(tx: Executor, networkId: string, input: ReportInput): Promise<ReportFields> {
  const title = input.title.trim().replace(/\s+/g, ' ');
  if ([...title].length < 3 || [...title].length > 160)
    throw new Problem(422, 'validation', {
      fields: [{ field: '/title', code: 'map_report.title_length' }],
    });
  const districts = await listDistricts(tx, networkId);
  return {
    kind: input.kind,
    category: input.category,
    title,
    body: input.body.trim(),
    lat: input.lat,
    lng: input.lng,
    address: input.address?.trim() || null,
    districtId: districtContaining(input.lat, input.lng, districts),
  };
}

/** The report's search entry: public, found by its title, text, place, kind and category. */
async function index(tx: Executor, networkId: string, id: string, f: ReportFields) {
  await indexDocument(tx, {
    networkId,
    type: 'map_report',
    entityType: 'map_report',
    entityId: id,
    title: f.title,
    body: plainText(f.body),
    keywords: [f.address ?? '', kindWords[f.kind], categoryWords[f.category]].join('\n'),
    link: webPaths.mapReport(id),
  });
}

/**
 * Files a report. Guarantees, in one transaction: the report (the author owns it, for its freshness),
 * its district found from the point, its search entry, the author following it (they hear of every
 * change of its status) and the audit row.
 */
export async function fileReport(db: Executor, ctx: CommandContext, input: ReportInput): Promise<string> {
  if (!mapReportPolicy.file(ctx.actor)) throw forbidden();
  return executeTx(db, async (tx) => {
    const f = await fieldsOf(tx, ctx.networkId, input);
    const id = await insertReport(tx, ctx.networkId, ctx.actorId, f);
    await index(tx, ctx.networkId, id, f);
    await follow(tx, ctx.networkId, ctx.actorId, 'map_report', id);
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'map_report.filed',
      entityType: 'map_report',
      entityId: id,
      details: { kind: f.kind, category: f.category },
      ip: ctx.ip,
    });
    return id;
  });
}

/** The report locked, for its author while it is new: 404 when there is none, 403 for others, 409 once taken up. */
async function lockForAuthor(tx: Executor, ctx: CommandContext, id: string) {
  const r = await lockReport(tx, ctx.networkId, id);
  if (!r) throw notFound();
  if (!mapReportPolicy.isAuthor(ctx.actor, r)) throw forbidden();
  if (!mapReportPolicy.edit(ctx.actor, r)) throw new Problem(409, 'map_report.not_new');
  return r;
}

/**
 * Changes a report: its author, while it is still `new` (the row is locked, so a status set at the
 * same moment either comes first and the change is refused, or comes after it).
 */
export async function changeReport(db: Executor, ctx: CommandContext, id: string, input: ReportInput) {
  await executeTx(db, async (tx) => {
    await lockForAuthor(tx, ctx, id);
    const f = await fieldsOf(tx, ctx.networkId, input);
    await updateReport(tx, ctx.networkId, id, f);
    await index(tx, ctx.networkId, id, f);
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'map_report.changed',
      entityType: 'map_report',
      entityId: id,
      ip: ctx.ip,
    });
  });
}

/**
 * Withdraws a report: its author, while it is still `new`. It goes with its photo, its "me too"s and
 * what people followed of it, and leaves the search; the audit keeps that it was.
 */
export async function withdrawReport(db: Executor, ctx: CommandContext, id: string) {
  await executeTx(db, async (tx) => {
    const r = await lockForAuthor(tx, ctx, id);
    await deleteReport(tx, ctx.networkId, id);
    await removeDocument(tx, ctx.networkId, 'map_report', id);
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'map_report.withdrawn',
      entityType: 'map_report',
      entityId: id,
      details: { title: r.title },
      ip: ctx.ip,
    });
  });
}
