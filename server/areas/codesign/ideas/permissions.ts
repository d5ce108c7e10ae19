import { makeAssistedParticipant, makeProject } from '../../../../test/helpers/codesign.ts';
import {
  type Case,
  coordinatorsOfA,
  everyone,
  next,
  type Role,
  signedIn,
  type Town,
} from '../../../../test/integration/access/cases.ts';

/**
 * Ideas: ideas and proposals with comments and pro/contra points; merging duplicates — its section of
 * the access table (joined in ../permissions.ts). Two projects run by organisation A, each with an
 * ideas tool: a public one open to join (anyone signed in takes part), and a members-only one by
 * invitation with Olga (`owner`) as its participant — to everyone but her and A's staff and admins it
 * does not exist (404). A's staff and admins facilitate: they merge, choose and enter for others.
 */

interface Stage {
  publicTool: string;
  membersTool: string;
  /** a person without an account in the public project, who consented */
  assisted: string;
}

const stages = new WeakMap<Town, Promise<Stage>>();

function stage(town: Town): Promise<Stage> {
  let s = stages.get(town);
  if (!s) {
    s = (async () => {
      const lead = town.orgA.id;
      const pub = await makeProject(town.t, { lead, tools: [{ kind: 'ideas' }] });
      const members = await makeProject(town.t, {
        lead,
        visibility: 'members',
        joining: 'invitation',
        tools: [{ kind: 'ideas' }],
        participants: [town.users.owner.id],
      });
      const assisted = await makeAssistedParticipant(town.t, pub.id, {
        recordedBy: town.users.coordinatorA.id,
      });
      return { publicTool: pub.tools.ideas, membersTool: members.tools.ideas, assisted };
    })();
    stages.set(town, s);
  }
  return s;
}

/** A fresh idea by Olga in the tool of the public or the members-only project. */
async function idea(town: Town, where: 'public' | 'members') {
  const s = await stage(town);
  const tool = where === 'public' ? s.publicTool : s.membersTool;
  const d = (await town.post('owner', `/codesign/ideas/tools/${tool}`, {
    title: `Abends geöffnet ${next()}`,
  })) as {
    idea: { id: string };
  };
  return d.idea.id;
}

const membersSeenBy: readonly Role[] = ['owner', ...coordinatorsOfA];

export const ideasPermissions: Record<string, Case | Case[]> = {
  'GET /codesign/ideas/tools/{toolId}': [
    {
      when: 'public project',
      allowed: everyone,
      request: async (town) => ({
        url: `/codesign/ideas/tools/${(await stage(town)).publicTool}?sort=points`,
      }),
    },
    {
      when: 'members-only project',
      allowed: membersSeenBy,
      seenBy: membersSeenBy,
      request: async (town) => ({ url: `/codesign/ideas/tools/${(await stage(town)).membersTool}` }),
    },
  ],
  'POST /codesign/ideas/tools/{toolId}': [
    {
      when: 'public project open to join: anyone signed in takes part',
      allowed: signedIn,
      request: async (town) => ({
        url: `/codesign/ideas/tools/${(await stage(town)).publicTool}`,
        payload: { title: `Termine per Telefon ${next()}`, body: 'Mit fester Uhrzeit.' },
      }),
    },
    {
      when: 'members-only project: its participants',
      allowed: ['owner'],
      seenBy: membersSeenBy,
      request: async (town) => ({
        url: `/codesign/ideas/tools/${(await stage(town)).membersTool}`,
        payload: { title: `Dolmetscherin ${next()}` },
      }),
    },
    {
      when: 'for a person who consented: facilitators',
      allowed: coordinatorsOfA,
      request: async (town) => {
        const s = await stage(town);
        return {
          url: `/codesign/ideas/tools/${s.publicTool}`,
          payload: {
            title: `Vom Papierbogen ${next()}`,
            onBehalf: { participantId: s.assisted, channel: 'paper' },
          },
        };
      },
    },
  ],
  'PUT /codesign/ideas/tools/{toolId}/selection': {
    allowed: coordinatorsOfA,
    request: async (town) => ({
      url: `/codesign/ideas/tools/${(await stage(town)).publicTool}/selection`,
      payload: { ideaIds: [await idea(town, 'public')] },
    }),
  },
  'GET /codesign/ideas/{id}': [
    {
      when: 'public project',
      allowed: everyone,
      request: async (town) => ({ url: `/codesign/ideas/${await idea(town, 'public')}` }),
    },
    {
      when: 'members-only project',
      allowed: membersSeenBy,
      seenBy: membersSeenBy,
      request: async (town) => ({ url: `/codesign/ideas/${await idea(town, 'members')}` }),
    },
  ],
  'POST /codesign/ideas/{id}/comments': [
    {
      when: 'public project',
      allowed: signedIn,
      request: async (town) => ({
        url: `/codesign/ideas/${await idea(town, 'public')}/comments`,
        payload: { body: 'Donnerstag wäre gut.' },
      }),
    },
    {
      when: 'members-only project',
      allowed: ['owner'],
      seenBy: membersSeenBy,
      request: async (town) => ({
        url: `/codesign/ideas/${await idea(town, 'members')}/comments`,
        payload: { body: 'Donnerstag wäre gut.' },
      }),
    },
  ],
  'POST /codesign/ideas/{id}/points': [
    {
      when: 'public project',
      allowed: signedIn,
      request: async (town) => ({
        url: `/codesign/ideas/${await idea(town, 'public')}/points`,
        payload: { side: 'pro', body: 'Kein Warten im Flur.' },
      }),
    },
    {
      when: 'members-only project',
      allowed: ['owner'],
      seenBy: membersSeenBy,
      request: async (town) => ({
        url: `/codesign/ideas/${await idea(town, 'members')}/points`,
        payload: { side: 'contra', body: 'Braucht mehr Personal.' },
      }),
    },
  ],
  'POST /codesign/ideas/{id}/merge': [
    {
      when: 'public project',
      allowed: coordinatorsOfA,
      request: async (town) => ({
        url: `/codesign/ideas/${await idea(town, 'public')}/merge`,
        payload: { intoId: await idea(town, 'public') },
      }),
    },
    {
      when: 'members-only project',
      allowed: coordinatorsOfA,
      seenBy: membersSeenBy,
      request: async (town) => ({
        url: `/codesign/ideas/${await idea(town, 'members')}/merge`,
        payload: { intoId: await idea(town, 'members') },
      }),
    },
  ],
};
