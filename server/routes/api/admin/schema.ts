import { Type } from '@fastify/type-provider-typebox';
import { flagReasons } from '../../../db/schema.ts';
import { literals, Page, PageQuery, Timestamp, Uuid } from '../../../http/schemas.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(s: T) => Type.Union([s, Type.Null()]);

export const OutboxStatus = literals(['queued', 'sent', 'failed', 'held']);

export const OutboxQuery = Type.Object(
  { status: Type.Optional(OutboxStatus), ...PageQuery },
  { additionalProperties: false },
);

export const OutboxItem = Type.Object({
  id: Type.String(),
  to: Type.String(),
  subject: Type.String(),
  /** the text with every secret (a sign-in or invitation link's token) redacted */
  body: Type.String(),
  status: OutboxStatus,
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  createdAt: Timestamp,
  sentAt: Nullable(Timestamp),
});

/**
 * A page of what an instance admin may see, with `confidential`: how many entries of support circles
 * there are besides, which are never listed (circles are invisible to instance admins).
 */
const PageWithConfidential = <T extends ReturnType<typeof Type.Object>>(item: T) =>
  Type.Object({
    ...Page(item).properties,
    confidential: Type.Integer({ description: 'entries of support circles: counted, never listed' }),
  });

export const OutboxPage = PageWithConfidential(OutboxItem);

export const AuditQuery = Type.Object(
  {
    action: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    entityType: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    entityId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    actorId: Type.Optional(Uuid),
    ...PageQuery,
  },
  { additionalProperties: false },
);

/** The values the audit log holds, to filter by choice. */
export const AuditFilters = Type.Object({
  actions: Type.Array(Type.String()),
  entityTypes: Type.Array(Type.String()),
  actors: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
});

export const AuditItem = Type.Object({
  id: Type.Integer(),
  actorId: Nullable(Type.String()),
  actorName: Nullable(Type.String()),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Nullable(Type.String()),
  details: Type.Record(Type.String(), Type.Unknown()),
  at: Timestamp,
});

export const AuditPage = PageWithConfidential(AuditItem);

export const FlagStatus = literals(['open', 'hidden', 'dismissed']);

export const FlagQuery = Type.Object(
  { status: Type.Optional(FlagStatus), ...PageQuery },
  { additionalProperties: false },
);

export const FlagItem = Type.Object({
  id: Type.String(),
  entityType: Type.String(),
  entityId: Type.String(),
  reason: literals(flagReasons),
  note: Type.String(),
  status: FlagStatus,
  reporterName: Type.String(),
  createdAt: Timestamp,
  /** What was reported, as it was called where the reporter saw it; empty when it has no name. */
  title: Type.String(),
  link: Nullable(Type.String()),
});

export const Reason = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
);

/** Shown once to the admin who made it; never stored (only its token's hash) and never listed. */
export const SignInLink = Type.Object({ link: Type.String(), expiresAt: Timestamp });

export const AccountQuery = Type.Object(
  { q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), ...PageQuery },
  { additionalProperties: false },
);

export const AccountItem = Type.Object({
  id: Type.String(),
  displayName: Type.String(),
  email: Type.String(),
  isInstanceAdmin: Type.Boolean(),
  blocked: Type.Boolean(),
  createdAt: Timestamp,
});
