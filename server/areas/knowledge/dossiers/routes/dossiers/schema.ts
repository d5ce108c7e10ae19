import { Type } from '@fastify/type-provider-typebox';
import { dossierItemTypes, dossierStatuses, dossierSteps } from '../../../../../db/schema.ts';
import { Email, literals, PageQuery, Uuid } from '../../../../../http/schemas.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(s: T) => Type.Union([s, Type.Null()]);
const Named = Type.Object({ id: Type.String(), name: Type.String() });
export const ItemType = literals(dossierItemTypes);

export const DossierSave = Type.Object(
  {
    title: Type.String({ minLength: 5, maxLength: 160 }),
    /** Markdown: what the evidence shows and what is asked of the body */
    summary: Type.String({ maxLength: 20000 }),
  },
  { additionalProperties: false },
);

export const DossierCreate = Type.Object(
  {
    ...DossierSave.properties,
    /** the organisation it is compiled for (one the person acts for); null: the network (instance admins) */
    organisationId: Nullable(Uuid),
  },
  { additionalProperties: false },
);

export const ItemAdd = Type.Object(
  {
    type: ItemType,
    itemId: Uuid,
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);

export const ItemParams = Type.Object(
  { id: Uuid, type: ItemType, itemId: Uuid },
  { additionalProperties: false },
);

export const SendBody = Type.Union([
  Type.Object({ organisationId: Uuid }, { additionalProperties: false }),
  Type.Object(
    { email: Email, name: Type.String({ minLength: 2, maxLength: 160 }) },
    { additionalProperties: false },
  ),
]);

export const StepBody = Type.Union([
  Type.Object({ step: Type.Literal('received') }, { additionalProperties: false }),
  Type.Object(
    {
      step: Type.Literal('on_agenda'),
      committee: Type.String({ minLength: 2, maxLength: 160 }),
      date: Type.String({ format: 'date' }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { step: Type.Literal('answered'), answer: Type.String({ minLength: 1, maxLength: 20000 }) },
    { additionalProperties: false },
  ),
]);

export const DossierListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    status: Type.Optional(literals(dossierStatuses.filter((s) => s !== 'draft'))),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const PageOnly = Type.Object({ ...PageQuery }, { additionalProperties: false });

export const EvidenceQuery = Type.Object(
  {
    type: ItemType,
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    /** marks what is already in this dossier */
    dossierId: Type.Optional(Uuid),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const DossierSummary = Type.Object({
  id: Type.String(),
  title: Type.String(),
  status: literals(dossierStatuses),
  organisation: Nullable(Named),
  compiledBy: Type.String(),
  recipientName: Nullable(Type.String()),
  committee: Nullable(Type.String()),
  agendaDate: Nullable(Type.String({ format: 'date' })),
  sentAt: Nullable(Type.String({ format: 'date-time' })),
  answeredAt: Nullable(Type.String({ format: 'date-time' })),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const ItemView = Type.Object({
  type: ItemType,
  id: Type.String(),
  /** empty when the thing is no longer public (it no longer counts, and is not shown) */
  title: Type.String(),
  excerpt: Type.String(),
  district: Nullable(Named),
  note: Type.String(),
  available: Type.Boolean(),
  threadId: Nullable(Type.String()),
  position: Nullable(Type.Integer()),
  slug: Nullable(Type.String()),
  reportStatus: Nullable(Type.String()),
  addedAt: Type.String({ format: 'date-time' }),
});

export const StepView = Type.Object({
  id: Type.String(),
  step: literals(dossierSteps),
  committee: Nullable(Type.String()),
  date: Nullable(Type.String({ format: 'date' })),
  onBehalf: Type.Boolean(),
  by: Nullable(Type.String()),
  at: Type.String({ format: 'date-time' }),
});

export const EvidenceFigures = Type.Object({
  /** distinct people behind the evidence; null when they are too few to be named as a number */
  people: Nullable(Type.Integer()),
  /** "me too" on its reports; null with the people */
  support: Nullable(Type.Integer()),
  suppressed: Type.Boolean(),
  /** the smallest number of people shown as a number */
  minPeople: Type.Integer(),
  districts: Type.Array(Named),
  counts: Type.Object({
    map_report: Type.Integer(),
    discussion_thread: Type.Integer(),
    discussion_post: Type.Integer(),
    wiki_page: Type.Integer(),
  }),
});

export const DossierView = Type.Object({
  ...DossierSummary.properties,
  summary: Type.String(),
  summaryHtml: Type.String(),
  /** only for those who may compile it */
  recipientEmail: Nullable(Type.String()),
  recipientOrganisation: Nullable(Named),
  answer: Nullable(Type.String()),
  answerHtml: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  evidence: EvidenceFigures,
  items: Type.Array(ItemView),
  steps: Type.Array(StepView),
  abilities: Type.Object({ edit: Type.Boolean(), handle: Type.Boolean() }),
});

export const CandidateView = Type.Object({
  type: ItemType,
  id: Type.String(),
  title: Type.String(),
  excerpt: Type.String(),
  district: Nullable(Named),
  added: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
});

export const RecipientList = Type.Object({ items: Type.Array(Named) });
export const Created = Type.Object({ id: Type.String() });
