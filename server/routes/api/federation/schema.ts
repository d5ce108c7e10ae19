import { Type } from '@fastify/type-provider-typebox';
import { literals, Timestamp, Uuid } from '../../../http/schemas.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(s: T) => Type.Union([s, Type.Null()]);

/** One of our organisations or communities as it appears to other instances. */
export const LocalActorRef = Type.Object({
  id: Uuid,
  kind: literals(['organisation', 'community']),
  name: Type.String(),
  /** `@slug@host`, the name to give on another instance */
  handle: Type.String(),
});

export const RemoteActorRef = Type.Object({
  id: Uuid,
  handle: Type.String(),
  name: Type.String(),
  uri: Type.String(),
  url: Nullable(Type.String()),
  domain: Type.String(),
});

export const FederationOverview = Type.Object({
  enabled: Type.Boolean(),
  /** how a local actor is named elsewhere: `@<slug>@<host>` */
  handleForm: Type.String(),
  follows: Type.Array(
    Type.Object({
      localActor: LocalActorRef,
      remote: RemoteActorRef,
      status: literals(['pending', 'accepted']),
      createdAt: Timestamp,
    }),
  ),
  followers: Type.Array(
    Type.Object({
      localActor: LocalActorRef,
      follower: Type.String(),
      domain: Type.String(),
      createdAt: Timestamp,
    }),
  ),
  blocks: Type.Array(Type.Object({ domain: Type.String(), createdAt: Timestamp })),
});

export const FollowBody = Type.Object(
  {
    /** the id of one of our organisations or communities */
    localActor: Uuid,
    /** `@name@host` or the actor's address */
    remote: Type.String({ minLength: 1, maxLength: 2000 }),
  },
  { additionalProperties: false },
);

export const FollowParams = Type.Object(
  { localActorId: Uuid, remoteActorId: Uuid },
  { additionalProperties: false },
);

export const BlockBody = Type.Object(
  { domain: Type.String({ minLength: 1, maxLength: 300 }) },
  { additionalProperties: false },
);

export const BlockParams = Type.Object(
  { domain: Type.String({ minLength: 1, maxLength: 300 }) },
  { additionalProperties: false },
);

/** One organisation's federation, for its admins: its name elsewhere, whom it follows, who follows it. */
export const OrganisationFederation = Type.Object({
  /** `@slug@host`: how the organisation is named on other instances */
  handle: Type.String(),
  follows: Type.Array(
    Type.Object({ remote: RemoteActorRef, status: literals(['pending', 'accepted']), createdAt: Timestamp }),
  ),
  followers: Type.Array(
    Type.Object({ follower: Type.String(), domain: Type.String(), createdAt: Timestamp }),
  ),
});

export const OrganisationFollowBody = Type.Object(
  {
    /** `@name@host` or the actor's address */
    remote: Type.String({ minLength: 1, maxLength: 2000 }),
  },
  { additionalProperties: false },
);

export const OrganisationFollowParams = Type.Object(
  { id: Uuid, remoteActorId: Uuid },
  { additionalProperties: false },
);
