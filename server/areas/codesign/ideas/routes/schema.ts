import { Type } from '@fastify/type-provider-typebox';
import { codesignIdeaMarks, codesignPointSides } from '../../../../db/schema.ts';
import { literals, PageQuery, Timestamp, Uuid } from '../../../../http/schemas.ts';
import { ContributorView, OnBehalfBody, ToolHeader } from '../../projects/present.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(s: T) => Type.Union([s, Type.Null()]);

export const ideaSorts = ['newest', 'points'] as const;

export const ToolParams = Type.Object({ toolId: Uuid }, { additionalProperties: false });

export const IdeaListQuery = Type.Object(
  {
    /** newest first, or the most points for and against first */
    sort: Type.Optional(literals(ideaSorts)),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const IdeaCreate = Type.Object(
  {
    title: Type.String({ minLength: 3, maxLength: 160 }),
    /** plain text or Markdown, optional */
    body: Type.Optional(Type.String({ maxLength: 5000 })),
    onBehalf: OnBehalfBody,
  },
  { additionalProperties: false },
);

export const CommentCreate = Type.Object(
  {
    body: Type.String({ minLength: 1, maxLength: 2000 }),
    onBehalf: OnBehalfBody,
  },
  { additionalProperties: false },
);

export const PointCreate = Type.Object(
  {
    side: literals(codesignPointSides),
    /** a short statement */
    body: Type.String({ minLength: 2, maxLength: 280 }),
    onBehalf: OnBehalfBody,
  },
  { additionalProperties: false },
);

export const MergeBody = Type.Object(
  {
    /** the idea the duplicate goes into (same tool) */
    intoId: Uuid,
  },
  { additionalProperties: false },
);

export const SelectionBody = Type.Object(
  {
    /** exactly the ideas selected for the decide phase; the others lose the mark */
    ideaIds: Type.Array(Uuid, { maxItems: 500, uniqueItems: true }),
  },
  { additionalProperties: false },
);

export const IdeaSummary = Type.Object({
  id: Uuid,
  title: Type.String(),
  /** the first sentences of its text, plain */
  excerpt: Type.String(),
  mark: Nullable(literals(codesignIdeaMarks)),
  createdAt: Timestamp,
  contributor: ContributorView,
  /** points for and against and comments, with those of the ideas merged into it */
  pro: Type.Integer(),
  contra: Type.Integer(),
  comments: Type.Integer(),
  /** how many duplicates were merged into it */
  merged: Type.Integer(),
});

export const IdeaList = Type.Object({
  tool: ToolHeader,
  items: Type.Array(IdeaSummary),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
  abilities: Type.Object({
    /** add an idea in one's own name now */
    propose: Type.Boolean(),
    /** choose the ideas for the decide phase, merge duplicates, enter for others */
    facilitate: Type.Boolean(),
  }),
});

const IdeaRef = Type.Object({ id: Uuid, title: Type.String() });

export const PointView = Type.Object({
  id: Uuid,
  /** the idea it was written for: this one, or one merged into it */
  ideaId: Uuid,
  side: literals(codesignPointSides),
  body: Type.String(),
  contributor: ContributorView,
  createdAt: Timestamp,
});

export const CommentView = Type.Object({
  id: Uuid,
  ideaId: Uuid,
  body: Type.String(),
  /** rendered and sanitised on the server */
  html: Type.String(),
  contributor: ContributorView,
  createdAt: Timestamp,
});

export const IdeaDetail = Type.Object({
  tool: ToolHeader,
  idea: Type.Object({
    id: Uuid,
    title: Type.String(),
    /** as written */
    body: Type.String(),
    /** rendered and sanitised on the server */
    html: Type.String(),
    mark: Nullable(literals(codesignIdeaMarks)),
    createdAt: Timestamp,
    contributor: ContributorView,
    /** "zusammengeführt mit …": the idea it went into, when it was merged */
    mergedInto: Nullable(IdeaRef),
    mergedAt: Nullable(Timestamp),
    /** a moderator hid it (only moderators see it then) */
    hidden: Type.Boolean(),
  }),
  /** the duplicates merged into it, with who proposed them */
  merged: Type.Array(
    Type.Object({
      id: Uuid,
      title: Type.String(),
      contributor: ContributorView,
      mergedAt: Nullable(Timestamp),
    }),
  ),
  points: Type.Array(PointView),
  comments: Type.Array(CommentView),
  abilities: Type.Object({
    comment: Type.Boolean(),
    point: Type.Boolean(),
    /** merge it into another idea (facilitators) */
    merge: Type.Boolean(),
    facilitate: Type.Boolean(),
  }),
});

export const Created = Type.Object({ id: Uuid });

export const Selection = Type.Object({ ideaIds: Type.Array(Uuid) });
