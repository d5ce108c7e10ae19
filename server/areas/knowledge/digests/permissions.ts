import { type Case, everyone, next, signedIn } from '../../../../test/integration/access/cases.ts';

/**
 * Following and digests: its section of the access table (joined in ../permissions.ts). Following is
 * a person's own: anyone signed in follows what they may see. The digest setting is one's own too;
 * unsubscribing needs only the token of the digest's link (no session: mail clients post it), and an
 * unknown token is answered like a known one.
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
  'GET /digest/settings': { allowed: signedIn, request: () => ({ url: '/digest/settings' }) },
  'PUT /digest/settings': {
    allowed: signedIn,
    request: () => ({ url: '/digest/settings', payload: { frequency: 'weekly', weekday: 2 } }),
  },
  'POST /digest/unsubscribe': {
    allowed: everyone,
    request: () => ({ url: '/digest/unsubscribe', payload: { token: `unknown${next()}`.padEnd(43, 'x') } }),
  },
};
