import { type Case, signedIn } from '../../../../test/integration/access/cases.ts';

/**
 * Following and digests: its section of the access table (joined in ../permissions.ts). Following is
 * a person's own: anyone signed in follows what they may see.
 */
export const digestsPermissions: Record<string, Case | Case[]> = {
  'GET /follows': { allowed: signedIn, request: () => ({ url: '/follows' }) },
  'PUT /follows/{targetType}/{targetId}': {
    when: "organisation A's news",
    allowed: signedIn,
    request: (town) => ({ url: `/follows/organisation/${town.orgA.id}` }),
  },
  'DELETE /follows/{targetType}/{targetId}': {
    allowed: signedIn,
    request: (town) => ({ url: `/follows/organisation/${town.orgA.id}` }),
  },
};
