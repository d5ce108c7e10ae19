import { type RawBuilder, sql } from 'kysely';
import { containsPattern } from '../db/like.ts';
import { pageAndCount } from '../db/pageAndCount.ts';
import type { MembershipRole, OrganisationKind, Sector } from '../db/schema.ts';
import type { Executor } from '../db/tx.ts';
import { indexDocument } from '../platform/search.ts';
import { webPaths } from '../platform/webPaths.ts';

export interface OrganisationFilter {
  q?: string;
  sector?: Sector;
  districtId?: string;
  limit: number;
  offset: number;
}

const columns = [
  'o.id',
  'o.slug',
  'o.name',
  'o.kind',
  'o.sector',
  'o.description',
  'o.website',
  'o.email',
  'o.phone',
  'o.address',
  'o.district_id',
  'o.lat',
  'o.lng',
  'o.created_at',
] as const;

export async function listOrganisations(db: Executor, networkId: string, f: OrganisationFilter) {
  return pageAndCount(db, ['organisations', networkId, f], () => {
    let q = db.selectFrom('organisation as o').where('o.network_id', '=', networkId);
    if (f.sector) q = q.where('o.sector', '=', f.sector);
    if (f.districtId) q = q.where('o.district_id', '=', f.districtId);
    if (f.q) {
      const like = containsPattern(f.q);
      q = q.where((eb) => eb.or([eb('o.name', 'ilike', like), eb('o.description', 'ilike', like)]));
    }
    return {
      page: q
        .select([
          ...columns,
          sql<number>`(SELECT count(*) FROM membership m WHERE m.network_id = o.network_id AND m.organisation_id = o.id)`.as(
            'member_count',
          ),
        ])
        .orderBy('o.name')
        .limit(f.limit)
        .offset(f.offset),
      count: q.select((eb) => eb.fn.countAll<number>().as('n')),
    };
  });
}

/**
 * The organisations with a place, for the map layer (GeoJSON): the directory's filters, by name, at
 * most `limit` (one more is read, so the caller can say it was cut).
 */
export async function organisationsOnMap(
  db: Executor,
  networkId: string,
  f: { sector?: Sector; districtId?: string },
  limit: number,
) {
  let q = db
    .selectFrom('organisation as o')
    .leftJoin('district as d', (j) =>
      j.onRef('d.network_id', '=', 'o.network_id').onRef('d.id', '=', 'o.district_id'),
    )
    .where('o.network_id', '=', networkId)
    .where('o.lat', 'is not', null)
    .where('o.lng', 'is not', null);
  if (f.sector) q = q.where('o.sector', '=', f.sector);
  if (f.districtId) q = q.where('o.district_id', '=', f.districtId);
  return q
    .select([
      'o.id',
      'o.slug',
      'o.name',
      'o.kind',
      'o.sector',
      'o.website',
      'o.address',
      'o.lat',
      'o.lng',
      'd.name as district_name',
    ])
    .orderBy('o.name')
    .orderBy('o.id')
    .limit(limit + 1)
    .execute();
}

/** By id or by slug. */
export async function findOrganisation(db: Executor, networkId: string, idOrSlug: string) {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrSlug);
  return db
    .selectFrom('organisation as o')
    .select([
      ...columns,
      sql<number>`(SELECT count(*) FROM membership m WHERE m.network_id = o.network_id AND m.organisation_id = o.id)`.as(
        'member_count',
      ),
    ])
    .where('o.network_id', '=', networkId)
    .where(isUuid ? 'o.id' : 'o.slug', '=', idOrSlug)
    .executeTakeFirst();
}

export interface OrganisationFields {
  name: string;
  slug: string;
  kind: OrganisationKind;
  sector: Sector;
  description?: string;
  website?: string | null;
  email?: string | null;
  phone?: string | null;
  address?: string | null;
  districtId?: string | null;
  lat?: number | null;
  lng?: number | null;
}

export async function insertOrganisation(db: Executor, networkId: string, f: OrganisationFields) {
  return db
    .insertInto('organisation')
    .values({
      network_id: networkId,
      name: f.name,
      slug: f.slug,
      kind: f.kind,
      sector: f.sector,
      description: f.description ?? '',
      website: f.website ?? null,
      email: f.email ?? null,
      phone: f.phone ?? null,
      address: f.address ?? null,
      district_id: f.districtId ?? null,
      lat: f.lat ?? null,
      lng: f.lng ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function updateOrganisation(
  db: Executor,
  networkId: string,
  id: string,
  f: Partial<OrganisationFields>,
) {
  const set: Record<string, unknown> = {};
  if (f.name !== undefined) set.name = f.name;
  if (f.slug !== undefined) set.slug = f.slug;
  if (f.kind !== undefined) set.kind = f.kind;
  if (f.sector !== undefined) set.sector = f.sector;
  if (f.description !== undefined) set.description = f.description;
  if (f.website !== undefined) set.website = f.website;
  if (f.email !== undefined) set.email = f.email;
  if (f.phone !== undefined) set.phone = f.phone;
  if (f.address !== undefined) set.address = f.address;
  if (f.districtId !== undefined) set.district_id = f.districtId;
  if (f.lat !== undefined) set.lat = f.lat;
  if (f.lng !== undefined) set.lng = f.lng;
  if (Object.keys(set).length === 0) return;
  await db
    .updateTable('organisation')
    .set(set)
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .execute();
}

export async function listMembers(db: Executor, networkId: string, organisationId: string) {
  return db
    .selectFrom('membership as m')
    .innerJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 'm.network_id').onRef('a.id', '=', 'm.account_id'),
    )
    .select(['a.id as account_id', 'a.display_name', 'm.role', 'm.created_at'])
    .where('m.network_id', '=', networkId)
    .where('m.organisation_id', '=', organisationId)
    .orderBy('a.display_name')
    .execute();
}

/** The accounts that act for the organisation (its staff and admins): who is told about its business. */
export async function coordinatorsOf(
  db: Executor,
  networkId: string,
  organisationId: string,
): Promise<string[]> {
  const rows = await coordinatorsQuery(db, networkId, organisationId).execute();
  return rows.map((r) => r.account_id);
}

/** The accounts of the organisation's coordinators (admin or staff), as a query to nest in another. */
export function coordinatorsQuery(
  db: Executor,
  networkId: string,
  organisationId: string | RawBuilder<string | null>,
) {
  return db
    .selectFrom('membership')
    .select('account_id')
    .where('network_id', '=', networkId)
    .where('organisation_id', '=', organisationId)
    .where('role', 'in', ['admin', 'staff']);
}

/** The account's role in the organisation, if it is a member. */
export async function findMembership(
  db: Executor,
  networkId: string,
  organisationId: string,
  accountId: string,
) {
  return db
    .selectFrom('membership')
    .select('role')
    .where('network_id', '=', networkId)
    .where('organisation_id', '=', organisationId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

/** The organisation's id if it exists. */
export async function findOrganisationId(db: Executor, networkId: string, id: string) {
  return db
    .selectFrom('organisation')
    .select('id')
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function setMembership(
  db: Executor,
  networkId: string,
  organisationId: string,
  accountId: string,
  role: MembershipRole,
) {
  await db
    .insertInto('membership')
    .values({ network_id: networkId, organisation_id: organisationId, account_id: accountId, role })
    .onConflict((oc) => oc.columns(['network_id', 'organisation_id', 'account_id']).doUpdateSet({ role }))
    .execute();
}

export async function removeMembership(
  db: Executor,
  networkId: string,
  organisationId: string,
  accountId: string,
) {
  const r = await db
    .deleteFrom('membership')
    .where('network_id', '=', networkId)
    .where('organisation_id', '=', organisationId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Locks the organisation's admin memberships and counts them (for the last-admin rule). */
export async function countAdminsForUpdate(db: Executor, networkId: string, organisationId: string) {
  const rows = await db
    .selectFrom('membership')
    .select('account_id')
    .where('network_id', '=', networkId)
    .where('organisation_id', '=', organisationId)
    .where('role', '=', 'admin')
    .forUpdate()
    .execute();
  return rows.length;
}

/**
 * Other entries name the organisation on a line of their keywords (the resources and posts it
 * offers, the opportunities it runs): a renamed organisation is found by its new name there too,
 * no longer by the old one. Only whole lines equal to the old name change.
 */
async function renameInKeywords(db: Executor, networkId: string, from: string, to: string) {
  await db
    .updateTable('search_document')
    .set({
      keywords: sql<string>`array_to_string(array_replace(string_to_array(keywords, E'\n'), ${from}, ${to}), E'\n')`,
    })
    .where('network_id', '=', networkId)
    .where('entity_type', '<>', 'organisation')
    .where(sql<boolean>`position(${from} in keywords) > 0`)
    .execute();
}

/**
 * The organisation's search entry, written anew from the row in the caller's transaction (on
 * create, on every change, by the demo seed): its name and description, found by its address too,
 * for everyone.
 */
export async function indexOrganisation(db: Executor, networkId: string, id: string): Promise<void> {
  const o = await findOrganisation(db, networkId, id);
  if (!o) return;
  const before = await db
    .selectFrom('search_document')
    .select('title')
    .where('network_id', '=', networkId)
    .where('entity_type', '=', 'organisation')
    .where('entity_id', '=', id)
    .executeTakeFirst();
  if (before && before.title !== o.name) await renameInKeywords(db, networkId, before.title, o.name);
  await indexDocument(db, {
    networkId,
    type: 'organisation',
    entityType: 'organisation',
    entityId: o.id,
    title: o.name,
    body: o.description,
    keywords: o.address ?? '',
    link: webPaths.organisation(o.slug),
  });
}
