import { Type } from '@fastify/type-provider-typebox';
import { exchangeCategories } from '../../../../db/schema.ts';
import { literals, PageQuery, Uuid } from '../../../../http/schemas.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(s: T) => Type.Union([s, Type.Null()]);
const Kind = Type.Union([Type.Literal('offer'), Type.Literal('want')]);
const Category = literals(exchangeCategories);

export const PostView = Type.Object({
  id: Type.String(),
  kind: Kind,
  category: Category,
  title: Type.String(),
  description: Type.String(),
  author: Type.Object({ id: Type.String(), name: Type.String() }),
  organisation: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  districtId: Nullable(Type.String()),
  timeCreditMinutes: Nullable(Type.Integer()),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  expiresAt: Type.String({ format: 'date-time' }),
  createdAt: Type.String({ format: 'date-time' }),
  score: Type.Optional(Type.Number()),
  abilities: Type.Object({
    update: Type.Boolean(),
    renew: Type.Boolean(),
    close: Type.Boolean(),
    answer: Type.Boolean(),
  }),
});

const fields = {
  kind: Kind,
  category: Category,
  title: Type.String({ minLength: 3, maxLength: 120 }),
  description: Type.String({ maxLength: 3000 }),
  districtId: Nullable(Uuid),
  timeCreditMinutes: Nullable(Type.Integer({ minimum: 1, maximum: 6000 })),
};

export const PostCreate = Type.Object(
  {
    kind: fields.kind,
    category: fields.category,
    title: fields.title,
    description: Type.Optional(fields.description),
    districtId: Type.Optional(fields.districtId),
    timeCreditMinutes: Type.Optional(fields.timeCreditMinutes),
    organisationId: Type.Optional(Uuid),
    /** how long the post stays up before it must be renewed */
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: 90 })),
  },
  { additionalProperties: false },
);

export const PostUpdate = Type.Partial(Type.Object(fields), {
  additionalProperties: false,
  minProperties: 1,
});

export const PostListQuery = Type.Object(
  {
    kind: Type.Optional(Kind),
    category: Type.Optional(Category),
    districtId: Type.Optional(Uuid),
    /** posted for this organisation (its page lists them) */
    organisationId: Type.Optional(Uuid),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    /** my own posts, including closed and expired ones */
    mine: Type.Optional(Type.Boolean()),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const Renew = Type.Object(
  { days: Type.Optional(Type.Integer({ minimum: 1, maximum: 90 })) },
  { additionalProperties: false },
);

export const MessageCreate = Type.Object(
  {
    body: Type.String({ minLength: 1, maxLength: 2000 }),
    /** the author answers one person who wrote; others always write to the author */
    to: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);

export const MessageView = Type.Object({
  id: Type.String(),
  from: Type.Object({ id: Type.String(), name: Type.String() }),
  toId: Type.String(),
  body: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});
