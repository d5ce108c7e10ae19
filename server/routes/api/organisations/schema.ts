import { Type } from '@fastify/type-provider-typebox';
import { membershipRoles, organisationKinds, sectors } from '../../../db/schema.ts';
import { PointCollection } from '../../../http/geojson.ts';
import { Email, literals, PageQuery, Uuid } from '../../../http/schemas.ts';

export const Kind = literals(organisationKinds);
export const SectorSchema = literals(sectors);
export const Role = literals(membershipRoles);

export const OrganisationAbilities = Type.Object({
  update: Type.Boolean(),
  viewMembers: Type.Boolean(),
  manageMembers: Type.Boolean(),
  invite: Type.Boolean(),
  delete: Type.Boolean(),
  /** reads and answers the enquiries people send the organisation (its admins) */
  readEnquiries: Type.Boolean(),
  /** sees and changes whom it follows on other instances (the routes answer 404 while federation is off) */
  administerFederation: Type.Boolean(),
});

export const OrganisationView = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  name: Type.String(),
  kind: Kind,
  sector: SectorSchema,
  description: Type.String(),
  website: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  address: Type.Union([Type.String(), Type.Null()]),
  districtId: Type.Union([Type.String(), Type.Null()]),
  lat: Type.Union([Type.Number(), Type.Null()]),
  lng: Type.Union([Type.Number(), Type.Null()]),
  memberCount: Type.Integer(),
  abilities: OrganisationAbilities,
});

export const OrganisationListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    sector: Type.Optional(SectorSchema),
    districtId: Type.Optional(Uuid),
    ...PageQuery,
  },
  { additionalProperties: false },
);

const Slug = Type.String({ pattern: '^[a-z0-9-]{2,60}$' });
const Name = Type.String({ minLength: 2, maxLength: 120 });
const Nullable = <T extends ReturnType<typeof Type.String>>(s: T) => Type.Union([s, Type.Null()]);

const editable = {
  name: Name,
  kind: Kind,
  sector: SectorSchema,
  description: Type.String({ maxLength: 5000 }),
  website: Nullable(Type.String({ pattern: '^https?://', maxLength: 300 })),
  email: Type.Union([Email, Type.Null()]),
  phone: Nullable(Type.String({ maxLength: 40 })),
  address: Nullable(Type.String({ maxLength: 300 })),
  districtId: Type.Union([Uuid, Type.Null()]),
  lat: Type.Union([Type.Number({ minimum: -90, maximum: 90 }), Type.Null()]),
  lng: Type.Union([Type.Number({ minimum: -180, maximum: 180 }), Type.Null()]),
};

export const OrganisationCreate = Type.Object(
  {
    name: Name,
    slug: Slug,
    kind: Kind,
    sector: SectorSchema,
    description: Type.Optional(editable.description),
    website: Type.Optional(editable.website),
    email: Type.Optional(editable.email),
    phone: Type.Optional(editable.phone),
    address: Type.Optional(editable.address),
    districtId: Type.Optional(editable.districtId),
    lat: Type.Optional(editable.lat),
    lng: Type.Optional(editable.lng),
  },
  { additionalProperties: false },
);

export const OrganisationUpdate = Type.Partial(Type.Object({ ...editable, slug: Slug }), {
  additionalProperties: false,
  minProperties: 1,
});

export const MemberView = Type.Object({
  accountId: Type.String(),
  displayName: Type.String(),
  role: Role,
  since: Type.String({ format: 'date-time' }),
});

export const MemberParams = Type.Object({ id: Uuid, accountId: Uuid }, { additionalProperties: false });
export const RoleChange = Type.Object({ role: Role }, { additionalProperties: false });

export const InvitationCreate = Type.Object({ email: Email, role: Role }, { additionalProperties: false });
export const InvitationView = Type.Object({
  id: Type.String(),
  email: Type.String(),
  role: Role,
  createdAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
  /**
   * Only in the answer that created it, and only when no mail server is configured: the email stays
   * in the outbox, so the one who invited gets the link to pass on. It is never shown again.
   */
  url: Type.Optional(Type.String()),
  /** true in that same answer: the email was written to the outbox but cannot be sent. */
  mailHeld: Type.Optional(Type.Boolean()),
});
export const InvitationParams = Type.Object(
  { id: Uuid, invitationId: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' }) },
  { additionalProperties: false },
);

export const OrganisationMapQuery = Type.Object(
  { sector: Type.Optional(SectorSchema), districtId: Type.Optional(Uuid) },
  { additionalProperties: false },
);

/**
 * The organisations with a place as GeoJSON: `id`, `slug`, `name`, `kind`, `sector`, `address`,
 * `website`, `district` (its name) and `url` (its page here). Every organisation of the directory is
 * public; no person is named.
 */
export const OrganisationFeatures = PointCollection(
  Type.Object({
    id: Type.String(),
    slug: Type.String(),
    name: Type.String(),
    kind: Kind,
    sector: SectorSchema,
    address: Type.Union([Type.String(), Type.Null()]),
    website: Type.Union([Type.String(), Type.Null()]),
    district: Type.Union([Type.String(), Type.Null()]),
    url: Type.String(),
  }),
);
