/**
 * What the communities API answers, derived from the server's schemas
 * (server/areas/places/communities/routes/communities/schema.ts). Type-only imports.
 */
import type { Static } from '@fastify/type-provider-typebox';
import type {
  CommunityFields,
  CommunitySummary as CommunitySummaryView,
  CommunityThread as CommunityThreadView,
  CommunityView,
  MemberView,
  RequestView,
} from '../../../../../server/areas/places/communities/routes/communities/schema.ts';

export type CommunitySummary = Static<typeof CommunitySummaryView>;
export type Community = Static<typeof CommunityView>;
export type CommunityInput = Static<typeof CommunityFields>;
export type Member = Static<typeof MemberView>;
export type JoinRequest = Static<typeof RequestView>;
export type CommunityThread = Static<typeof CommunityThreadView>;
export type Space = Community['space'];
export type Joining = Community['joining'];
export type Role = Member['role'];

export const spaces: readonly Space[] = ['local', 'translocal', 'online'];
export const joinings: readonly Joining[] = ['open', 'request'];
export const roles: readonly Role[] = ['owner', 'moderator', 'member'];
