import { Type } from '@fastify/type-provider-typebox';
import { helpKinds, servicePlaces } from '../../../db/schema.ts';
import { literals, Uuid } from '../../../http/schemas.ts';

const OrgIdOrSlug = Type.String({ pattern: '^[a-z0-9-]{2,60}$|^[0-9a-f-]{36}$' });

export const OrganisationParams = Type.Object({ id: OrgIdOrSlug }, { additionalProperties: false });
export const ServiceParams = Type.Object({ id: Uuid, serviceId: Uuid }, { additionalProperties: false });

export const HelpKindSchema = literals(helpKinds);
export const PlaceSchema = literals(servicePlaces);
const Time = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' });

/** One weekly opening: ISO weekday (1 = Monday … 7 = Sunday), local times; it closes after it opens. */
export const Hours = Type.Object(
  { weekday: Type.Integer({ minimum: 1, maximum: 7 }), opens: Time, closes: Time },
  { additionalProperties: false },
);

/** A service as its organisation's admins write it: every field, the hours as a whole. */
export const ServiceWrite = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 120 }),
    description: Type.String({ maxLength: 2000 }),
    helpKinds: Type.Array(HelpKindSchema, { maxItems: helpKinds.length, uniqueItems: true }),
    place: PlaceSchema,
    /** only with place 'elsewhere', and then required */
    address: Type.Union([Type.String({ maxLength: 300 }), Type.Null()]),
    lat: Type.Union([Type.Number({ minimum: -90, maximum: 90 }), Type.Null()]),
    lng: Type.Union([Type.Number({ minimum: -180, maximum: 180 }), Type.Null()]),
    hoursNote: Type.String({ maxLength: 300 }),
    hours: Type.Array(Hours, { maxItems: 28 }),
  },
  { additionalProperties: false },
);

export const ServiceView = Type.Object({
  id: Type.String(),
  organisationId: Type.String(),
  name: Type.String(),
  description: Type.String(),
  helpKinds: Type.Array(HelpKindSchema),
  place: PlaceSchema,
  /** its own address (place 'elsewhere'); at the organisation's place the organisation's address applies */
  address: Type.Union([Type.String(), Type.Null()]),
  lat: Type.Union([Type.Number(), Type.Null()]),
  lng: Type.Union([Type.Number(), Type.Null()]),
  hoursNote: Type.String(),
  hours: Type.Array(Hours),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const ServiceList = Type.Object({ items: Type.Array(ServiceView) });
