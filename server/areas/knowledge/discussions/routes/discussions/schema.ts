import { Type } from '@fastify/type-provider-typebox';
import { discussionThemes } from '../../../../../db/schema.ts';
import { literals, PageQuery, Uuid } from '../../../../../http/schemas.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(s: T) => Type.Union([s, Type.Null()]);
const Ref = Type.Object({ id: Type.String(), name: Type.String() });
const Body = Type.String({ minLength: 1, maxLength: 20000, pattern: '\\S' });
/** people the client picked with the @ lookup; kept when their `@Name` stands in the text */
const Mentions = Type.Optional(Type.Array(Uuid, { maxItems: 20, uniqueItems: true }));

export const Theme = literals(discussionThemes);
export const ReviewState = literals(['visible', 'pending', 'rejected'] as const);

export const ThreadListQuery = Type.Object(
  {
    theme: Type.Optional(Theme),
    districtId: Type.Optional(Uuid),
    state: Type.Optional(literals(['unanswered', 'solved'] as const)),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const ThreadCreate = Type.Object(
  {
    title: Type.String({ minLength: 5, maxLength: 160, pattern: '\\S' }),
    theme: Theme,
    districtId: Type.Optional(Nullable(Uuid)),
    /** started for an organisation the author acts for */
    organisationId: Type.Optional(Nullable(Uuid)),
    body: Body,
    mentions: Mentions,
  },
  { additionalProperties: false },
);

export const ThreadEdit = Type.Object(
  {
    title: ThreadCreate.properties.title,
    theme: Theme,
    districtId: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false },
);

export const ReplyCreate = Type.Object(
  { body: Body, quotedPostId: Type.Optional(Nullable(Uuid)), mentions: Mentions },
  { additionalProperties: false },
);

export const PostEdit = Type.Object({ body: Body, mentions: Mentions }, { additionalProperties: false });

export const SolutionBody = Type.Object({ postId: Uuid }, { additionalProperties: false });

export const ThreadView = Type.Object({
  id: Type.String(),
  title: Type.String(),
  theme: Theme,
  district: Nullable(Ref),
  organisation: Nullable(Type.Object({ id: Type.String(), name: Type.String(), slug: Type.String() })),
  /** the community it belongs to (Räume & Brücken): its page is /raeume/gemeinschaften/<slug> */
  community: Nullable(Type.Object({ id: Type.String(), name: Type.String(), slug: Type.String() })),
  author: Nullable(Ref),
  reviewStatus: ReviewState,
  closed: Type.Boolean(),
  solutionPostId: Nullable(Type.String()),
  /** visible posts, the opening post included */
  postCount: Type.Integer(),
  replyCount: Type.Integer(),
  lastPostAt: Type.String({ format: 'date-time' }),
  createdAt: Type.String({ format: 'date-time' }),
  hidden: Type.Boolean(),
  following: Type.Boolean(),
  abilities: Type.Object({
    /** a community's thread: only while one is an active member of it */
    reply: Type.Boolean(),
    /** change title, theme and district (its author, instance admins) */
    edit: Type.Boolean(),
    /** mark the solution, close and reopen */
    steward: Type.Boolean(),
    flag: Type.Boolean(),
  }),
});

export const CreatedThread = Type.Object({ id: Type.String(), reviewStatus: ReviewState });
export const CreatedPost = Type.Object({
  id: Type.String(),
  position: Type.Integer(),
  reviewStatus: ReviewState,
});

export const PostView = Type.Object({
  id: Type.String(),
  position: Type.Integer(),
  author: Nullable(Ref),
  /** the Markdown, for editing and quoting; null when deleted or hidden */
  body: Nullable(Type.String()),
  /** the text rendered and sanitised; null when deleted or hidden */
  html: Nullable(Type.String()),
  quoted: Nullable(
    Type.Object({
      id: Type.String(),
      position: Type.Integer(),
      authorName: Nullable(Type.String()),
      visible: Type.Boolean(),
    }),
  ),
  reviewStatus: ReviewState,
  createdAt: Type.String({ format: 'date-time' }),
  editedAt: Nullable(Type.String({ format: 'date-time' })),
  deleted: Type.Boolean(),
  hidden: Type.Boolean(),
  solution: Type.Boolean(),
  abilities: Type.Object({ edit: Type.Boolean(), delete: Type.Boolean(), flag: Type.Boolean() }),
});

export const PostListQuery = Type.Object(
  {
    ...PageQuery,
    /** open the page that holds this position (a link to one post) */
    position: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

export const MentionQuery = Type.Object(
  { q: Type.Optional(Type.String({ maxLength: 60 })) },
  { additionalProperties: false },
);

export const MentionList = Type.Object({ items: Type.Array(Ref) });

export const ReviewItem = Type.Object({
  id: Type.String(),
  threadId: Type.String(),
  threadTitle: Type.String(),
  /** the opening post: approving it approves the thread */
  opening: Type.Boolean(),
  position: Type.Integer(),
  html: Type.String(),
  author: Nullable(Ref),
  accountCreatedAt: Nullable(Type.String({ format: 'date-time' })),
  createdAt: Type.String({ format: 'date-time' }),
});
