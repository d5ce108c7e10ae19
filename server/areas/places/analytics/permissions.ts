import { type Case, instanceAdmin, signedIn } from '../../../../test/integration/access/cases.ts';

/**
 * Network analytics: its part of Räume & Brücken's section of the access table. The graph is for the
 * network's coordinators (instance admins; the test town has no public body), everyone else is told
 * it does not exist; one's own network is everyone's own.
 */
export const analyticsPermissions: Record<string, Case | Case[]> = {
  'GET /places/analytics/network': {
    allowed: instanceAdmin,
    request: () => ({ url: '/places/analytics/network?period=3m&area=all' }),
  },
  'GET /places/analytics/network/ties': {
    allowed: instanceAdmin,
    request: () => ({ url: '/places/analytics/network/ties?period=12m&area=all' }),
  },
  'GET /places/analytics/network/export.csv': {
    when: 'before the first snapshot there is nothing to export',
    allowed: [],
    seenBy: instanceAdmin,
    request: () => ({ url: '/places/analytics/network/export.csv' }),
  },
  'GET /places/analytics/network/export.graphml': {
    when: 'before the first snapshot there is nothing to export',
    allowed: [],
    seenBy: instanceAdmin,
    request: () => ({ url: '/places/analytics/network/export.graphml' }),
  },
  'POST /places/analytics/network/snapshots': {
    allowed: instanceAdmin,
    request: () => ({ url: '/places/analytics/network/snapshots' }),
  },
  'GET /places/analytics/me': { allowed: signedIn, request: () => ({ url: '/places/analytics/me' }) },
  'PUT /places/analytics/me/opt-out': {
    allowed: signedIn,
    request: () => ({ url: '/places/analytics/me/opt-out', payload: { optOut: false } }),
  },
};
