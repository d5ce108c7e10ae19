import { makeProject } from '../../../../test/helpers/codesign.ts';
import {
  type Case,
  coordinatorsOfA,
  everyone,
  next,
  nobodyElse,
  signedIn,
  type Town,
} from '../../../../test/integration/access/cases.ts';

/**
 * Votes: dot voting and ranking — its section of the access table (joined in ../permissions.ts).
 * Organisation A runs the projects: its staff and admins facilitate (keep the options); in an open
 * public project anyone signed in votes (and joins with it); a members-only project does not exist
 * for anyone but A's staff and its participants (Olga), and only participants vote in it.
 */

type Kind = 'dots' | 'ranking';

/** A fresh project of A with one tool of `kind` and two options; public and open unless members-only. */
async function voteTool(town: Town, kind: Kind, membersOnly = false) {
  const p = await makeProject(town.t, {
    lead: town.orgA.id,
    visibility: membersOnly ? 'members' : 'public',
    joining: membersOnly ? 'invitation' : 'open',
    participants: membersOnly ? [town.users.owner.id] : [],
    tools: [{ kind }],
  });
  const toolId = kind === 'dots' ? p.tools.dots : p.tools.ranking;
  const options = await town.t.db
    .insertInto('codesign_vote_option')
    .values(
      ['Abends offen', 'Termine per Telefon'].map((title, i) => ({
        network_id: town.t.networkId,
        tool_id: toolId,
        title: `${title} ${next()}`,
        position: i + 1,
      })),
    )
    .returning('id')
    .execute();
  return { toolId, optionIds: options.map((o) => o.id) };
}

const membersOnlyCan = ['owner', ...coordinatorsOfA] as const;

export const votesPermissions: Record<string, Case | Case[]> = {
  'GET /codesign/votes/{toolId}': [
    {
      when: 'a public project',
      allowed: everyone,
      request: async (town) => ({ url: `/codesign/votes/${(await voteTool(town, 'dots')).toolId}` }),
    },
    {
      when: 'a members-only project',
      allowed: membersOnlyCan,
      seenBy: nobodyElse,
      request: async (town) => ({ url: `/codesign/votes/${(await voteTool(town, 'ranking', true)).toolId}` }),
    },
  ],
  'POST /codesign/votes/{toolId}/dots': [
    {
      when: 'an open project (one joins with the first dot)',
      allowed: signedIn,
      request: async (town) => {
        const v = await voteTool(town, 'dots');
        return {
          url: `/codesign/votes/${v.toolId}/dots`,
          payload: { change: 'place', optionId: v.optionIds[0] },
        };
      },
    },
    {
      when: 'a members-only project',
      allowed: ['owner'],
      seenBy: membersOnlyCan,
      request: async (town) => {
        const v = await voteTool(town, 'dots', true);
        return {
          url: `/codesign/votes/${v.toolId}/dots`,
          payload: { change: 'place', optionId: v.optionIds[0] },
        };
      },
    },
  ],
  'PUT /codesign/votes/{toolId}/ranking': [
    {
      when: 'an open project',
      allowed: signedIn,
      request: async (town) => {
        const v = await voteTool(town, 'ranking');
        return { url: `/codesign/votes/${v.toolId}/ranking`, payload: { optionIds: v.optionIds } };
      },
    },
    {
      when: 'a members-only project',
      allowed: ['owner'],
      seenBy: membersOnlyCan,
      request: async (town) => {
        const v = await voteTool(town, 'ranking', true);
        return { url: `/codesign/votes/${v.toolId}/ranking`, payload: { optionIds: v.optionIds } };
      },
    },
  ],
  'POST /codesign/votes/{toolId}/options': [
    {
      when: 'a public project',
      allowed: coordinatorsOfA,
      request: async (town) => ({
        url: `/codesign/votes/${(await voteTool(town, 'dots')).toolId}/options`,
        payload: { title: 'Spielecke', description: 'Damit Eltern in Ruhe sprechen können.' },
      }),
    },
    {
      when: 'a members-only project',
      allowed: coordinatorsOfA,
      seenBy: membersOnlyCan,
      request: async (town) => ({
        url: `/codesign/votes/${(await voteTool(town, 'ranking', true)).toolId}/options`,
        payload: { title: 'Spielecke' },
      }),
    },
  ],
  'POST /codesign/votes/{toolId}/options/import': {
    allowed: coordinatorsOfA,
    request: async (town) => ({
      url: `/codesign/votes/${(await voteTool(town, 'dots')).toolId}/options/import`,
      payload: { selectedOnly: false },
    }),
  },
  'PUT /codesign/votes/options/{id}': [
    {
      when: 'a public project',
      allowed: coordinatorsOfA,
      request: async (town) => ({
        url: `/codesign/votes/options/${(await voteTool(town, 'dots')).optionIds[0]}`,
        payload: { title: 'Abends bis 19 Uhr' },
      }),
    },
    {
      when: 'a members-only project',
      allowed: coordinatorsOfA,
      seenBy: membersOnlyCan,
      request: async (town) => ({
        url: `/codesign/votes/options/${(await voteTool(town, 'ranking', true)).optionIds[0]}`,
        payload: { title: 'Abends bis 19 Uhr' },
      }),
    },
  ],
  'DELETE /codesign/votes/options/{id}': {
    allowed: coordinatorsOfA,
    request: async (town) => ({
      url: `/codesign/votes/options/${(await voteTool(town, 'dots')).optionIds[0]}`,
    }),
  },
};
