import { Type } from '@fastify/type-provider-typebox';
import { communityJoinings, communityRoles, communitySpaces } from '../../../../../db/schema.ts';
import { literals, PageQuery, Uuid } from '../../../../../http/schemas.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(s: T) => Type.Union([s, Type.Null()]);

export const Space = literals(communitySpaces);
export const Joining = literals(communityJoinings);
export const Role = literals(communityRoles);
export const MemberStatus = literals(['requested', 'active'] as const);

/** A community by id, or (reading its page) by its slug. */
export const CommunityRefParams = Type.Object(
  { id: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$|^[0-9a-f-]{36}$', maxLength: 80 }) },
  { additionalProperties: false },
);
export const CommunityParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const MemberParams = Type.Object({ id: Uuid, accountId: Uuid }, { additionalProperties: false });

export const CommunityListQuery = Type.Object(
  {
    /** words of the name or the summary */
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    space: Type.Optional(Space),
    districtId: Type.Optional(Uuid),
    /** only those I belong to (or asked to join) */
    mine: Type.Optional(Type.Boolean()),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const PageOnly = Type.Object({ ...PageQuery }, { additionalProperties: false });

export const CommunityFields = Type.Object(
  {
    name: Type.String({ minLength: 3, maxLength: 120, pattern: '\\S' }),
    /** one or two sentences: what brings the people together */
    summary: Type.String({ maxLength: 300 }),
    /** Markdown, rendered by the server */
    description: Type.String({ maxLength: 20000 }),
    space: Space,
    /** a translocal community's other towns (empty for the others) */
    towns: Type.Array(Type.String({ minLength: 1, maxLength: 80 }), { maxItems: 20 }),
    /** a local community's district (null for the others) */
    districtId: Nullable(Uuid),
    joining: Joining,
  },
  { additionalProperties: false },
);

export const JoinBody = Type.Object(
  {
    /** a few words to the moderators, for a community that accepts members by request */
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const RoleBody = Type.Object({ role: Role }, { additionalProperties: false });

export const ThreadStart = Type.Object(
  {
    title: Type.String({ minLength: 5, maxLength: 160, pattern: '\\S' }),
    body: Type.String({ minLength: 1, maxLength: 20000, pattern: '\\S' }),
  },
  { additionalProperties: false },
);

const Me = Nullable(Type.Object({ role: Role, status: MemberStatus }));

export const CommunitySummary = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  name: Type.String(),
  summary: Type.String(),
  space: Space,
  towns: Type.Array(Type.String()),
  district: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  joining: Joining,
  archived: Type.Boolean(),
  /** active members; null when too few to show to someone outside a by-request community (smallCells) */
  members: Nullable(Type.Integer()),
  /** the count is withheld: fewer than five people stand behind it */
  membersSuppressed: Type.Boolean(),
  /** my place in it, if any */
  me: Me,
});

export const CommunityView = Type.Object({
  ...CommunitySummary.properties,
  description: Type.String(),
  /** the description rendered and sanitised */
  html: Type.String(),
  hidden: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  /** requests waiting for an answer (for its owners and moderators, else null) */
  requests: Nullable(Type.Integer()),
  abilities: Type.Object({
    join: Type.Boolean(),
    leave: Type.Boolean(),
    seeMembers: Type.Boolean(),
    readThreads: Type.Boolean(),
    startThread: Type.Boolean(),
    /** edit, answer requests, take members out */
    manage: Type.Boolean(),
    setRoles: Type.Boolean(),
    archive: Type.Boolean(),
    flag: Type.Boolean(),
  }),
});

export const Created = Type.Object({ id: Type.String(), slug: Type.String() });
export const Joined = Type.Object({ status: MemberStatus });

export const MemberView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: Role,
  since: Type.String({ format: 'date-time' }),
});

export const RequestView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  /** what they wrote when asking */
  note: Type.String(),
  since: Type.String({ format: 'date-time' }),
});

export const CommunityThread = Type.Object({
  id: Type.String(),
  title: Type.String(),
  author: Nullable(Type.String()),
  replyCount: Type.Integer(),
  lastPostAt: Type.String({ format: 'date-time' }),
  closed: Type.Boolean(),
  solved: Type.Boolean(),
  /** the opening post waits for review (shown to its author only) */
  pending: Type.Boolean(),
});

export const ThreadCreated = Type.Object({ id: Type.String(), pending: Type.Boolean() });
