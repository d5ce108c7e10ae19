import { sql } from 'kysely';
import { containsPattern } from '../db/like.ts';
import type { HelpKind, ServicePlace } from '../db/schema.ts';
import type { Executor } from '../db/tx.ts';

/** More than this many services is a catalogue, not a directory entry; the form stays short. */
export const servicesPerOrganisation = 30;

/** One weekly opening: ISO weekday (1 = Monday), local times as HH:MM. */
export interface ServiceHours {
  weekday: number;
  opens: string;
  closes: string;
}

export interface ServiceFields {
  name: string;
  description: string;
  helpKinds: HelpKind[];
  place: ServicePlace;
  /** only for place 'elsewhere' */
  address: string | null;
  lat: number | null;
  lng: number | null;
  hoursNote: string;
  hours: ServiceHours[];
}

export interface ServiceFilter {
  organisationId?: string;
  q?: string;
  helpKind?: HelpKind;
  /** only services that name at least one kind of help */
  anyHelpKind?: boolean;
  modifiedAfter?: Date;
  limit: number;
  offset: number;
}

const columns = [
  's.id',
  's.organisation_id',
  's.name',
  's.description',
  's.help_kinds',
  's.place',
  's.address',
  's.lat',
  's.lng',
  's.hours_note',
  's.created_at',
  's.updated_at',
] as const;

const hhmm = (t: string) => t.slice(0, 5);

async function withHours<T extends { id: string }>(db: Executor, networkId: string, rows: T[]) {
  if (rows.length === 0) return [];
  const hours = await db
    .selectFrom('organisation_service_hours')
    .select(['service_id', 'weekday', 'opens', 'closes'])
    .where('network_id', '=', networkId)
    .where(
      'service_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('weekday')
    .orderBy('opens')
    .execute();
  const by = new Map<string, ServiceHours[]>();
  for (const h of hours) {
    const list = by.get(h.service_id) ?? [];
    list.push({ weekday: h.weekday, opens: hhmm(h.opens), closes: hhmm(h.closes) });
    by.set(h.service_id, list);
  }
  return rows.map((r) => ({ ...r, hours: by.get(r.id) ?? [] }));
}

export type ServiceRow = NonNullable<Awaited<ReturnType<typeof findService>>>;

/** The services of the network (or of one organisation), by organisation and name, with their hours. */
export async function listServices(db: Executor, networkId: string, f: ServiceFilter) {
  let q = db.selectFrom('organisation_service as s').where('s.network_id', '=', networkId);
  if (f.organisationId) q = q.where('s.organisation_id', '=', f.organisationId);
  if (f.helpKind) q = q.where(sql<boolean>`${f.helpKind} = ANY(s.help_kinds)`);
  if (f.anyHelpKind) q = q.where(sql<boolean>`cardinality(s.help_kinds) > 0`);
  if (f.modifiedAfter) q = q.where('s.updated_at', '>=', f.modifiedAfter);
  if (f.q) {
    const like = containsPattern(f.q);
    q = q.where((eb) => eb.or([eb('s.name', 'ilike', like), eb('s.description', 'ilike', like)]));
  }
  const [rows, total] = await Promise.all([
    q
      .innerJoin('organisation as o', (j) =>
        j.onRef('o.network_id', '=', 's.network_id').onRef('o.id', '=', 's.organisation_id'),
      )
      .select(columns)
      .orderBy('o.name')
      .orderBy('s.name')
      .orderBy('s.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: await withHours(db, networkId, rows), total: Number(total.n) };
}

export async function findService(db: Executor, networkId: string, id: string) {
  const row = await db
    .selectFrom('organisation_service as s')
    .select(columns)
    .where('s.network_id', '=', networkId)
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return (await withHours(db, networkId, [row]))[0];
}

async function replaceHours(db: Executor, networkId: string, serviceId: string, hours: ServiceHours[]) {
  await db
    .deleteFrom('organisation_service_hours')
    .where('network_id', '=', networkId)
    .where('service_id', '=', serviceId)
    .execute();
  if (hours.length === 0) return;
  await db
    .insertInto('organisation_service_hours')
    .values(
      hours.map((h) => ({
        network_id: networkId,
        service_id: serviceId,
        weekday: h.weekday,
        opens: h.opens,
        closes: h.closes,
      })),
    )
    .execute();
}

const row = (f: ServiceFields) => ({
  name: f.name,
  description: f.description,
  help_kinds: f.helpKinds,
  place: f.place,
  address: f.place === 'elsewhere' ? f.address : null,
  lat: f.place === 'elsewhere' ? f.lat : null,
  lng: f.place === 'elsewhere' ? f.lng : null,
  hours_note: f.hoursNote,
});

/** A new service with its hours; `id` only when an import keeps the id it was given. */
export async function insertService(
  db: Executor,
  networkId: string,
  organisationId: string,
  f: ServiceFields,
  id?: string,
): Promise<string> {
  const created = await db
    .insertInto('organisation_service')
    .values({ network_id: networkId, organisation_id: organisationId, ...row(f), ...(id ? { id } : {}) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceHours(db, networkId, created.id, f.hours);
  return created.id;
}

/** Every field and the hours, as the form sends them. */
export async function updateService(db: Executor, networkId: string, id: string, f: ServiceFields) {
  await db
    .updateTable('organisation_service')
    .set({ ...row(f), updated_at: sql`now()` })
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .execute();
  await replaceHours(db, networkId, id, f.hours);
}

/** Locks the organisation's row and counts its services (for the limit on adding one). */
export async function countServices(db: Executor, networkId: string, organisationId: string) {
  await db
    .selectFrom('organisation')
    .select('id')
    .where('network_id', '=', networkId)
    .where('id', '=', organisationId)
    .forUpdate()
    .execute();
  const r = await db
    .selectFrom('organisation_service')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('network_id', '=', networkId)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function deleteService(db: Executor, networkId: string, id: string) {
  await db
    .deleteFrom('organisation_service')
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .execute();
}

/**
 * Openings of one service that overlap on a day (09:00–12:00 and 11:00–13:00): refused, since a
 * person reading them could not tell when to come. Returns the weekday of the first overlap.
 */
export function overlappingDay(hours: ServiceHours[]): number | undefined {
  const sorted = [...hours].sort((a, b) => a.weekday - b.weekday || a.opens.localeCompare(b.opens));
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    if (a.weekday === b.weekday && b.opens < a.closes) return b.weekday;
  }
  return undefined;
}
