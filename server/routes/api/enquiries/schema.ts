import { Type } from '@fastify/type-provider-typebox';
import { PageQuery, Uuid } from '../../../http/schemas.ts';

const OrgIdOrSlug = Type.String({ pattern: '^[a-z0-9-]{2,60}$|^[0-9a-f-]{36}$' });

export const OrganisationParams = Type.Object({ id: OrgIdOrSlug }, { additionalProperties: false });
export const EnquiryParams = Type.Object(
  { id: OrgIdOrSlug, enquiryId: Uuid },
  { additionalProperties: false },
);

export const EnquiryCreate = Type.Object(
  {
    /** what it is about, in a line: "Begleitung zum Arzt", or the name of a room only members may book */
    subject: Type.String({ minLength: 1, maxLength: 120 }),
    message: Type.String({ minLength: 1, maxLength: 2000 }),
    /** how the organisation may reach the person (a phone number, an email address): their choice */
    contact: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const EnquiryUpdate = Type.Object({ answered: Type.Boolean() }, { additionalProperties: false });

export const EnquiryListQuery = Type.Object(
  {
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('answered')])),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const OwnEnquiryListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });

export const EnquiryView = Type.Object({
  id: Type.String(),
  organisation: Type.Object({ id: Type.String(), slug: Type.String(), name: Type.String() }),
  author: Type.Object({ id: Type.String(), name: Type.String() }),
  subject: Type.String(),
  message: Type.String(),
  contact: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  /** when the organisation marked it answered; null while it is open */
  answeredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export const EnquiryPage = Type.Object({
  items: Type.Array(EnquiryView),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
  /** open enquiries of the organisation, whatever the filter (for the admin page's heading) */
  open: Type.Optional(Type.Integer()),
});
