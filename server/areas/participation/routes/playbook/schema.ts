import { Type } from '@fastify/type-provider-typebox';
import { PageQuery, Uuid } from '../../../../http/schemas.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(s: T) => Type.Union([s, Type.Null()]);

const Channel = Type.Object(
  {
    /** e.g. "Aushang im Supermarkt", "WhatsApp-Gruppe", "Stadtteilzeitung" */
    channel: Type.String({ minLength: 1, maxLength: 120 }),
    /** whom it reached, e.g. "ältere Nachbarn ohne Internet" */
    reached: Type.String({ maxLength: 300 }),
  },
  { additionalProperties: false },
);

export const PageSave = Type.Object(
  {
    title: Type.String({ minLength: 3, maxLength: 160 }),
    body: Type.String({ maxLength: 50000 }),
    tags: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 20, uniqueItems: true }),
    ),
    channels: Type.Optional(Type.Array(Channel, { maxItems: 30 })),
    /** what changed, in a few words */
    summary: Type.Optional(Type.String({ maxLength: 300 })),
    /** the organisation this was written for (one the author acts for) */
    organisationId: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false },
);

export const RevisionSave = Type.Object(
  {
    ...PageSave.properties,
    /** the revision the edit started from; 409 when someone saved in between */
    baseRevision: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
);

export const RevisionView = Type.Object({
  pageId: Type.String(),
  revision: Type.Integer(),
  currentRevision: Type.Integer(),
  title: Type.String(),
  body: Type.String(),
  tags: Type.Array(Type.String()),
  channels: Type.Array(Type.Object({ channel: Type.String(), reached: Type.String() })),
  summary: Type.String(),
  author: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  organisation: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  createdAt: Type.String({ format: 'date-time' }),
  abilities: Type.Object({ edit: Type.Boolean() }),
});

export const RevisionSummary = Type.Object({
  revision: Type.Integer(),
  title: Type.String(),
  summary: Type.String(),
  author: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  organisation: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  createdAt: Type.String({ format: 'date-time' }),
});

export const PageListQuery = Type.Object(
  {
    tag: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const RevisionParams = Type.Object(
  { id: Uuid, revision: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);

export const DiffQuery = Type.Object(
  { from: Type.Integer({ minimum: 1 }), to: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);

export const DiffView = Type.Object({
  from: Type.Integer(),
  to: Type.Integer(),
  title: Type.Object({ from: Type.String(), to: Type.String() }),
  tags: Type.Object({ added: Type.Array(Type.String()), removed: Type.Array(Type.String()) }),
  lines: Type.Array(
    Type.Object({
      op: Type.Union([Type.Literal('equal'), Type.Literal('insert'), Type.Literal('delete')]),
      text: Type.String(),
    }),
  ),
});
