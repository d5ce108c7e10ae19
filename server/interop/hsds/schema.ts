import { Type } from '@fastify/type-provider-typebox';
import { Uuid } from '../../http/schemas.ts';

/**
 * The HSDS 3 objects Knotenpunkt sends, field by field (export.ts builds them): the response
 * schemas of /hsds, so the OpenAPI document shows them and nothing undeclared leaves. Each is a
 * subset of the official schema of the same name (test: hsds.test.ts validates against those).
 */
const Id = Type.String({ format: 'uuid' });
const Opt = Type.Optional;

const Address = Type.Object({
  id: Id,
  location_id: Id,
  address_1: Type.String(),
  postal_code: Type.String(),
  city: Type.String(),
  /** HSDS requires it; Knotenpunkt keeps no state, so it is empty */
  state_province: Type.String(),
  country: Type.String(),
  address_type: Type.Literal('physical'),
});

export const Location = Type.Object({
  id: Id,
  location_type: Type.Literal('physical'),
  organization_id: Id,
  name: Type.String(),
  latitude: Opt(Type.Number()),
  longitude: Opt(Type.Number()),
  addresses: Type.Array(Address),
});

const Term = Type.Object({
  id: Id,
  code: Type.String(),
  /** German, the directory's language */
  name: Type.String(),
  /** English */
  description: Type.String(),
  taxonomy: Type.String(),
  taxonomy_id: Id,
  language: Type.String(),
});

const Attribute = Type.Object({
  id: Id,
  link_id: Id,
  link_type: Type.String(),
  link_entity: Type.String(),
  taxonomy_term_id: Id,
  taxonomy_term: Term,
});

/** A weekly opening (freq WEEKLY, byday, opens_at/closes_at local HH:MM), or only a description. */
const Schedule = Type.Object({
  id: Id,
  service_id: Id,
  freq: Opt(Type.Literal('WEEKLY')),
  wkst: Opt(Type.Literal('MO')),
  byday: Opt(Type.String()),
  opens_at: Opt(Type.String()),
  closes_at: Opt(Type.String()),
  description: Type.String(),
});

export const OrganizationBasic = Type.Object({
  id: Id,
  name: Type.String(),
  description: Type.String(),
  email: Opt(Type.String()),
  website: Opt(Type.String()),
  /** the organisation's page in Knotenpunkt */
  uri: Opt(Type.String()),
});

const ServiceBasic = {
  id: Id,
  organization_id: Opt(Id),
  name: Type.String(),
  description: Opt(Type.String()),
  status: Type.Literal('active'),
  last_modified: Opt(Type.String({ format: 'date-time' })),
};

/** A service: the list's fields, and with `full` its schedules, kinds of help and place. */
export const Service = Type.Object({
  ...ServiceBasic,
  schedules: Opt(Type.Array(Schedule)),
  attributes: Opt(Type.Array(Attribute)),
  service_at_locations: Opt(
    Type.Array(Type.Object({ id: Id, service_id: Id, location_id: Id, location: Location })),
  ),
  organization: Opt(OrganizationBasic),
});

export const ServiceAtLocation = Type.Object({
  id: Id,
  service_id: Id,
  location_id: Id,
  location: Location,
  service: Opt(Type.Object({ ...ServiceBasic, organization: OrganizationBasic })),
});

/** An organisation: the list's fields, and fully nested its phone, location, kind, sector, services. */
export const Organization = Type.Object({
  ...OrganizationBasic.properties,
  phones: Opt(Type.Array(Type.Object({ id: Id, organization_id: Id, number: Type.String() }))),
  locations: Opt(Type.Array(Location)),
  attributes: Opt(Type.Array(Attribute)),
  services: Opt(Type.Array(Service)),
});

/** The paging fields of the HSDS API profile, around `contents`. */
const HsdsPage = <T extends ReturnType<typeof Type.Object>>(item: T) =>
  Type.Object({
    total_items: Type.Integer(),
    total_pages: Type.Integer(),
    page_number: Type.Integer(),
    size: Type.Integer(),
    first_page: Type.Boolean(),
    last_page: Type.Boolean(),
    empty: Type.Boolean(),
    contents: Type.Array(item),
  });

export const OrganizationPage = HsdsPage(Organization);
export const ServicePage = HsdsPage(Service);
export const ServiceAtLocationPage = HsdsPage(ServiceAtLocation);

export const Meta = Type.Object({
  version: Type.String(),
  profile: Type.String(),
  openapi_url: Type.String(),
});

export const ExportBundle = Type.Object({
  hsds_version: Type.String(),
  publisher: Type.String(),
  generated_at: Type.String({ format: 'date-time' }),
  organizations: Type.Array(Organization),
});

const paging = {
  page: Opt(Type.Integer({ minimum: 1, maximum: 100_000 })),
  per_page: Opt(Type.Integer({ minimum: 1, maximum: 100 })),
  /** only json: the whole directory in one piece is GET /hsds/export */
  format: Opt(Type.Literal('json')),
  search: Opt(Type.String({ maxLength: 100 })),
};
const filters = {
  taxonomy_term_id: Opt(Uuid),
  taxonomy_id: Opt(Uuid),
  organization_id: Opt(Uuid),
  modified_after: Opt(Type.String({ format: 'date-time' })),
  full: Opt(Type.Boolean()),
};

export const OrganizationQuery = Type.Object(
  { ...paging, full: Opt(Type.Boolean()), full_service: Opt(Type.Boolean()) },
  { additionalProperties: false },
);
export const OrganizationByIdQuery = Type.Object(
  { full_service: Opt(Type.Boolean()) },
  { additionalProperties: false },
);
export const ServiceQuery = Type.Object(
  { ...paging, ...filters, minimal: Opt(Type.Boolean()) },
  { additionalProperties: false },
);
export const ServiceAtLocationQuery = Type.Object(
  { ...paging, ...filters, postcode: Opt(Type.String({ pattern: '^[0-9A-Za-z -]{2,10}$' })) },
  { additionalProperties: false },
);
