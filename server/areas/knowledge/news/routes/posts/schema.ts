import { Type } from '@fastify/type-provider-typebox';
import { newsStatuses, searchVisibilities } from '../../../../../db/schema.ts';
import { literals, PageQuery, RemoteOrigin, Uuid } from '../../../../../http/schemas.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(s: T) => Type.Union([s, Type.Null()]);

const PostFields = {
  title: Type.String({ minLength: 3, maxLength: 160 }),
  /** Markdown */
  body: Type.String({ minLength: 1, maxLength: 50000 }),
  /** who may read it once published: everyone, people signed in, the organisation's members */
  visibility: literals(searchVisibilities),
  commentsOpen: Type.Boolean(),
};

export const PostCreate = Type.Object(
  {
    /** the organisation it is written for (one the author acts for) */
    organisationId: Uuid,
    ...PostFields,
    /** publish at once; otherwise it is saved as a draft */
    publish: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const PostChange = Type.Object(
  {
    ...PostFields,
    /** the post's updatedAt when the edit started; 409 when someone saved it in between */
    baseUpdatedAt: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);

export const PostListQuery = Type.Object(
  {
    /** one organisation's news (with its drafts for its staff and admins) */
    organisationId: Type.Optional(Uuid),
    ...PageQuery,
  },
  { additionalProperties: false },
);

const Person = Nullable(Type.Object({ id: Type.String(), name: Type.String() }));

export const PostSummary = Type.Object({
  id: Type.String(),
  organisation: Type.Object({ id: Type.String(), name: Type.String(), slug: Type.String() }),
  title: Type.String(),
  /** the first sentences as plain text */
  excerpt: Type.String(),
  status: literals(newsStatuses),
  visibility: literals(searchVisibilities),
  commentsOpen: Type.Boolean(),
  publishedAt: Nullable(Type.String({ format: 'date-time' })),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  author: Person,
  commentCount: Type.Integer(),
});

export const PostView = Type.Object({
  ...PostSummary.properties,
  /** Markdown as written (for the edit form) */
  body: Type.String(),
  /** rendered and sanitised on the server */
  html: Type.String(),
  /** whether the person follows the organisation (its news) */
  following: Type.Boolean(),
  /** a moderator hid it (only moderators see it then) */
  hidden: Type.Boolean(),
  abilities: Type.Object({
    edit: Type.Boolean(),
    publish: Type.Boolean(),
    unpublish: Type.Boolean(),
    delete: Type.Boolean(),
    comment: Type.Boolean(),
  }),
});

export const CommentSave = Type.Object(
  { body: Type.String({ minLength: 1, maxLength: 5000 }) },
  { additionalProperties: false },
);

export const CommentListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });

export const CommentView = Type.Object({
  id: Type.String(),
  postId: Type.String(),
  body: Type.String(),
  html: Type.String(),
  author: Person,
  createdAt: Type.String({ format: 'date-time' }),
  editedAt: Nullable(Type.String({ format: 'date-time' })),
  hidden: Type.Boolean(),
  abilities: Type.Object({ edit: Type.Boolean(), remove: Type.Boolean() }),
});

export const OrganisationParams = Type.Object({ organisationId: Uuid }, { additionalProperties: false });

export const RemotePostQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, default: 5 })) },
  { additionalProperties: false },
);

/** A post that arrived by ActivityPub from a group the town follows: shown with its origin, linked there. */
export const RemotePostSummary = Type.Object({
  id: Type.String(),
  title: Type.String(),
  /** the first sentences as plain text */
  excerpt: Type.String(),
  publishedAt: Type.String({ format: 'date-time' }),
  remote: RemoteOrigin,
});

export const RemotePostList = Type.Object({ items: Type.Array(RemotePostSummary) });
