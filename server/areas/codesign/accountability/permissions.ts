import { makeProject } from '../../../../test/helpers/codesign.ts';
import {
  type Case,
  coordinatorsOfA,
  everyone,
  type Town,
} from '../../../../test/integration/access/cases.ts';

/**
 * Accountability: who is affected vs who took part, the outcome, the review, the method library: its
 * section of the access table (joined in ../permissions.ts). Projects run by organisation A; a
 * members-only one has Bernd (memberB) as its participant and does not exist for anyone else.
 */

/** A fresh project run by A: public, or members-only with memberB taking part. */
const project = async (town: Town, visibility: 'public' | 'members' = 'public') =>
  makeProject(town.t, {
    lead: town.orgA.id,
    visibility,
    joining: 'invitation',
    participants: visibility === 'members' ? [town.users.memberB.id] : [],
    tools: [{ kind: 'meeting' }],
  });

const insideMembersOnly = [...coordinatorsOfA, 'memberB'] as const;

const readCases = (path: string): Case[] => [
  {
    when: 'a public project',
    allowed: everyone,
    request: async (town) => ({ url: `/codesign/projects/${(await project(town)).id}${path}` }),
  },
  {
    when: 'a members-only project',
    allowed: insideMembersOnly,
    seenBy: insideMembersOnly,
    request: async (town) => ({ url: `/codesign/projects/${(await project(town, 'members')).id}${path}` }),
  },
];

export const accountabilityPermissions: Record<string, Case | Case[]> = {
  'GET /codesign/projects/{id}/reach': readCases('/reach'),
  'GET /codesign/projects/{id}/affected-groups': readCases('/affected-groups'),
  'PUT /codesign/projects/{id}/affected-groups': {
    allowed: coordinatorsOfA,
    request: async (town) => ({
      url: `/codesign/projects/${(await project(town)).id}/affected-groups`,
      payload: { groups: [{ dimension: 'stake', value: 'service_user', expectedShare: 0.5 }] },
    }),
  },
  'GET /codesign/projects/{id}/outcome': readCases('/outcome'),
  'PUT /codesign/projects/{id}/outcome': {
    allowed: coordinatorsOfA,
    request: async (town) => ({
      url: `/codesign/projects/${(await project(town)).id}/outcome`,
      payload: { status: 'on_track', progress: 30, statement: 'Läuft.', reviewOn: null, basedOn: null },
    }),
  },
  'GET /codesign/projects/{id}/outcome/updates': readCases('/outcome/updates'),
  'GET /codesign/projects/{id}/reviews': readCases('/reviews'),
  'POST /codesign/projects/{id}/reviews': {
    allowed: coordinatorsOfA,
    request: async (town) => ({
      url: `/codesign/projects/${(await project(town)).id}/reviews`,
      payload: {
        heldOn: '2026-01-15',
        worked: 'Die Abendtermine.',
        didNotWork: '',
        nextSteps: '',
        judgedBy: 'Das Team',
        judgedStakes: ['staff'],
      },
    }),
  },
  'GET /codesign/projects/{id}/methods': readCases('/methods'),
  'PUT /codesign/tools/{id}/method': {
    allowed: coordinatorsOfA,
    request: async (town) => {
      const p = await project(town);
      return { url: `/codesign/tools/${p.tools.meeting}/method`, payload: { pageId: town.page } };
    },
  },
  'GET /codesign/methods/{pageId}/projects': {
    allowed: everyone,
    request: (town) => ({ url: `/codesign/methods/${town.page}/projects` }),
  },
};
