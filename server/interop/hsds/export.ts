import type { OrganisationKind, Sector } from '../../db/schema.ts';
import type { Executor } from '../../db/tx.ts';
import { listServices, type ServiceHours, type ServiceRow } from '../../repositories/organisationServices.ts';
import { derivedId } from './ids.ts';
import { attribute, helpKindTerms, kindTerms, sectorTerms } from './terms.ts';

/**
 * Knotenpunkt's directory as Open Referral HSDS 3 objects (https://docs.openreferral.org): every
 * organisation of the network with its public contact details, and its services with their kinds of
 * help, place and weekly hours. Nothing else leaves: no people, memberships, circles, time bank or
 * anything members-only. Fields we do not know are left out, never sent empty (HSDS types allow no
 * null). Ids are ours: organisations and services keep their UUIDs; what has no row of its own gets
 * an id derived from the row it belongs to (ids.ts).
 *
 * How our model maps:
 * - organisation → `organization`, its address and point → one `location` (physical) with one
 *   `address`, its phone → `phones`, its kind and sector → `attributes` (terms.ts);
 * - service → `service` (status always active: a service that no longer runs is deleted), its kinds
 *   of help → `attributes`, its weekly hours → `schedules` on the service (RFC 5545-like: WEEKLY,
 *   BYDAY, opens/closes in local time; openings with the same times share one schedule), its hours
 *   note → one schedule with only a description;
 * - where a service takes place → one `service_at_location`: at the organisation's location, or at a
 *   location of its own; a service at no fixed place has none.
 */

export interface OrgRow {
  id: string;
  slug: string;
  name: string;
  kind: OrganisationKind;
  sector: Sector;
  description: string;
  website: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
}

export interface ExportContext {
  /** the address people use (config.publicUrl), for links to the organisation's page */
  publicUrl: string;
}

/** The HSDS version these objects follow. */
export const hsdsVersion = '3.0';

const days = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

const canParseUrl = (v: string) => /^https?:\/\//.test(v) && URL.canParse(v);
const isEmail = (v: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v);

/**
 * A German one-line address ("Kirchplatz 4, 34560 Lindenbrück") in HSDS's fields: the part after the
 * last comma that starts with a postcode is postcode and city, the rest the street. Anything else is
 * kept whole as the first line. HSDS requires a state; we do not store one (empty).
 */
export function splitAddress(text: string) {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const last = parts.at(-1) ?? '';
  const m = /^(\d{4,5})\s+(.+)$/.exec(last);
  if (m && parts.length > 1)
    return { address_1: parts.slice(0, -1).join(', '), postal_code: m[1]!, city: m[2]! };
  return { address_1: text.trim(), postal_code: '', city: '' };
}

/** The one-line address again, from HSDS's fields (the inverse of splitAddress). */
export function joinAddress(a: {
  address_1?: string;
  address_2?: string;
  postal_code?: string;
  city?: string;
}) {
  const place = [a.postal_code, a.city]
    .map((p) => p?.trim())
    .filter(Boolean)
    .join(' ');
  return [a.address_1, a.address_2, place]
    .map((p) => p?.trim())
    .filter(Boolean)
    .join(', ');
}

export const orgLocationId = (orgId: string) => derivedId('location', orgId);
const serviceLocationId = (serviceId: string) => derivedId('location', serviceId);
export const serviceAtLocationId = (serviceId: string) => derivedId('service_at_location', serviceId);

const hasOrgLocation = (o: OrgRow) => o.address !== null || o.lat !== null;

function location(
  id: string,
  organizationId: string,
  name: string,
  address: string | null,
  lat: number | null,
  lng: number | null,
) {
  return {
    id,
    location_type: 'physical' as const,
    organization_id: organizationId,
    name,
    ...(lat !== null && lng !== null ? { latitude: lat, longitude: lng } : {}),
    addresses: address
      ? [
          {
            id: derivedId('address', id),
            location_id: id,
            ...splitAddress(address),
            state_province: '',
            country: 'DE',
            address_type: 'physical' as const,
          },
        ]
      : [],
  };
}

export type HsdsLocation = ReturnType<typeof location>;

export function organisationLocation(o: OrgRow) {
  return hasOrgLocation(o) ? location(orgLocationId(o.id), o.id, o.name, o.address, o.lat, o.lng) : undefined;
}

/** Where the service takes place, as an HSDS location; none for a service at no fixed place. */
function serviceLocation(o: OrgRow, s: ServiceRow) {
  if (s.place === 'organisation') return organisationLocation(o);
  if (s.place === 'elsewhere')
    return location(serviceLocationId(s.id), o.id, s.name, s.address, s.lat, s.lng);
  return undefined;
}

/** Weekly hours as schedules: one per distinct opening time, naming the days it applies to. */
function schedules(s: ServiceRow) {
  const groups = new Map<string, ServiceHours[]>();
  for (const h of s.hours) {
    const key = `${h.opens}-${h.closes}`;
    groups.set(key, [...(groups.get(key) ?? []), h]);
  }
  const weekly = [...groups.entries()].map(([key, hours]) => {
    const byday = hours.map((h) => days[h.weekday - 1]).join(',');
    return {
      id: derivedId('schedule', s.id, key),
      service_id: s.id,
      freq: 'WEEKLY' as const,
      wkst: 'MO' as const,
      byday,
      opens_at: hours[0]!.opens,
      closes_at: hours[0]!.closes,
      description: `${byday} ${hours[0]!.opens}–${hours[0]!.closes}`,
    };
  });
  const note = s.hours_note
    ? [{ id: derivedId('schedule', s.id, 'note'), service_id: s.id, description: s.hours_note }]
    : [];
  return [...weekly, ...note];
}

const orgUri = (o: OrgRow, ctx: ExportContext) => `${ctx.publicUrl}/organisationen/${o.slug}`;

/** An organisation as the lists show it (HSDS organization_list: its own fields only). */
export function organizationBasic(o: OrgRow, ctx: ExportContext) {
  return {
    id: o.id,
    name: o.name,
    description: o.description,
    ...(o.email && isEmail(o.email) ? { email: o.email } : {}),
    ...(o.website && canParseUrl(o.website) ? { website: o.website } : {}),
    ...(canParseUrl(ctx.publicUrl) ? { uri: orgUri(o, ctx) } : {}),
  };
}

/** A service as the lists show it (HSDS service_list). */
export function serviceBasic(o: OrgRow, s: ServiceRow) {
  return {
    id: s.id,
    organization_id: o.id,
    name: s.name,
    description: s.description,
    status: 'active' as const,
    last_modified: s.updated_at.toISOString(),
  };
}

/** A service fully nested (HSDS service): its hours, kinds of help and place; the organisation on request. */
export function serviceFull(o: OrgRow, s: ServiceRow, ctx: ExportContext, withOrganization: boolean) {
  const loc = serviceLocation(o, s);
  return {
    ...serviceBasic(o, s),
    schedules: schedules(s),
    attributes: s.help_kinds.map((k) => attribute(helpKindTerms, k, s.id)),
    service_at_locations: loc
      ? [{ id: serviceAtLocationId(s.id), service_id: s.id, location_id: loc.id, location: loc }]
      : [],
    ...(withOrganization ? { organization: organizationBasic(o, ctx) } : {}),
  };
}

/** Where a service takes place (HSDS service_at_location), with the location and, on request, the service. */
export function serviceAtLocation(o: OrgRow, s: ServiceRow, ctx: ExportContext, full: boolean) {
  const loc = serviceLocation(o, s);
  if (!loc) return undefined;
  return {
    id: serviceAtLocationId(s.id),
    service_id: s.id,
    location_id: loc.id,
    location: loc,
    ...(full ? { service: { ...serviceBasic(o, s), organization: organizationBasic(o, ctx) } } : {}),
  };
}

/**
 * An organisation fully nested (HSDS organization): contact, location, kind and sector; its services
 * in full (`fullServices`) or as id, name and status.
 */
export function organizationFull(
  o: OrgRow,
  services: ServiceRow[],
  ctx: ExportContext,
  fullServices: boolean,
) {
  const loc = organisationLocation(o);
  return {
    ...organizationBasic(o, ctx),
    phones: o.phone ? [{ id: derivedId('phone', o.id), organization_id: o.id, number: o.phone }] : [],
    locations: loc ? [loc] : [],
    attributes: [attribute(kindTerms, o.kind, o.id), attribute(sectorTerms, o.sector, o.id)],
    services: services.map((s) =>
      fullServices ? serviceFull(o, s, ctx, false) : { id: s.id, name: s.name, status: 'active' as const },
    ),
  };
}

/** Every service of the network, grouped by organisation (one query; a town's directory is small). */
export async function servicesByOrganisation(db: Executor, networkId: string) {
  const { items } = await listServices(db, networkId, { limit: 100_000, offset: 0 });
  const by = new Map<string, ServiceRow[]>();
  for (const s of items) by.set(s.organisation_id, [...(by.get(s.organisation_id) ?? []), s]);
  return by;
}

const orgColumns = [
  'id',
  'slug',
  'name',
  'kind',
  'sector',
  'description',
  'website',
  'email',
  'phone',
  'address',
  'lat',
  'lng',
] as const;

/** The organisations of the network (all, or those of the ids), by name. */
export async function organisationRows(db: Executor, networkId: string, ids?: string[]): Promise<OrgRow[]> {
  if (ids && ids.length === 0) return [];
  let q = db.selectFrom('organisation').select(orgColumns).where('network_id', '=', networkId);
  if (ids) q = q.where('id', 'in', ids);
  return q.orderBy('name').orderBy('id').execute();
}

/**
 * The whole directory as one JSON document: every organisation fully nested with its services. It is
 * what GET /hsds/organizations?full_service=true pages through, in one piece, and what the import
 * takes (import.ts).
 */
export async function exportDirectory(
  db: Executor,
  networkId: string,
  ctx: ExportContext & { network: string },
) {
  const [orgs, services] = await Promise.all([
    organisationRows(db, networkId),
    servicesByOrganisation(db, networkId),
  ]);
  return {
    hsds_version: hsdsVersion,
    publisher: ctx.network,
    generated_at: new Date().toISOString(),
    organizations: orgs.map((o) => organizationFull(o, services.get(o.id) ?? [], ctx, true)),
  };
}

export type HsdsExport = Awaited<ReturnType<typeof exportDirectory>>;
