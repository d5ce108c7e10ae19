import { makeProject } from '../../../../test/helpers/codesign.ts';
import {
  type Case,
  coordinatorsOfA,
  everyone,
  inHours,
  next,
  type Role,
  type Town,
} from '../../../../test/integration/access/cases.ts';

/**
 * Consensus: proposals decided by agree / abstain / disagree / block, outcomes and review dates — its
 * section of the access table (joined in ../permissions.ts). Organisation A runs two projects, each
 * with a consensus tool and Olga (`owner`) invited: a public one and a members-only one (which does
 * not exist for anyone but its organisers and participants: 404). A's staff and admins facilitate;
 * only participants take stances; who took which stance is shown to participants and facilitators
 * only (others get an empty list).
 */

const projects = new WeakMap<Town, Promise<{ open: string; members: string }>>();

/** The consensus tools of A's two projects (made once per town). */
const tools = (town: Town) => {
  let p = projects.get(town);
  if (!p) {
    p = (async () => {
      const make = (visibility: 'public' | 'members') =>
        makeProject(town.t, {
          lead: town.orgA.id,
          visibility,
          joining: 'invitation',
          tools: [{ kind: 'consensus' }],
          participants: [town.users.owner.id],
        });
      const [open, members] = [await make('public'), await make('members')];
      return { open: open.tools.consensus, members: members.tools.consensus };
    })();
    projects.set(town, p);
  }
  return p;
};

const membersOnly: readonly Role[] = ['owner', 'coordinatorA', 'adminA'];

/** A fresh proposal in the public (or members-only) project's tool, open for an hour. */
const proposal = async (town: Town, where: 'open' | 'members' = 'open') => {
  const toolId = (await tools(town))[where];
  const body = await town.post('coordinatorA', `/codesign/consensus/tools/${toolId}/proposals`, {
    title: `Sprechstunde abends ${next()}`,
    body: 'Dienstags von 17 bis 19 Uhr.',
    closesAt: inHours(1),
  });
  return (body as { proposal: { id: string } }).proposal.id;
};

/** A fresh proposal that has closed (ended early by A's coordinator). */
const closedProposal = async (town: Town) => {
  const id = await proposal(town);
  await town.post('coordinatorA', `/codesign/consensus/proposals/${id}/close`, {}, 200);
  return id;
};

const today = () => new Date().toISOString().slice(0, 10);

export const consensusPermissions: Record<string, Case | Case[]> = {
  'GET /codesign/consensus/tools/{toolId}/proposals': [
    {
      when: 'a public project',
      allowed: everyone,
      request: async (town) => ({ url: `/codesign/consensus/tools/${(await tools(town)).open}/proposals` }),
    },
    {
      when: 'a members-only project',
      allowed: membersOnly,
      seenBy: membersOnly,
      request: async (town) => ({
        url: `/codesign/consensus/tools/${(await tools(town)).members}/proposals`,
      }),
    },
  ],
  'POST /codesign/consensus/tools/{toolId}/proposals': {
    allowed: coordinatorsOfA,
    request: async (town) => ({
      url: `/codesign/consensus/tools/${(await tools(town)).open}/proposals`,
      payload: { title: `Vorschlag ${next()}`, body: '', closesAt: inHours(2) },
    }),
  },
  'GET /codesign/consensus/proposals/{id}': [
    {
      when: 'a public project',
      allowed: everyone,
      request: async (town) => ({ url: `/codesign/consensus/proposals/${await proposal(town)}` }),
    },
    {
      when: 'a members-only project',
      allowed: membersOnly,
      seenBy: membersOnly,
      request: async (town) => ({ url: `/codesign/consensus/proposals/${await proposal(town, 'members')}` }),
    },
  ],
  'GET /codesign/consensus/proposals/{id}/stances': [
    {
      when: 'a public project (names only to its participants and facilitators, others get an empty list)',
      allowed: everyone,
      request: async (town) => ({ url: `/codesign/consensus/proposals/${await proposal(town)}/stances` }),
    },
    {
      when: 'a members-only project',
      allowed: membersOnly,
      seenBy: membersOnly,
      request: async (town) => ({
        url: `/codesign/consensus/proposals/${await proposal(town, 'members')}/stances`,
      }),
    },
  ],
  'PUT /codesign/consensus/proposals/{id}/stance': {
    allowed: ['owner'],
    request: async (town) => ({
      url: `/codesign/consensus/proposals/${await proposal(town)}/stance`,
      payload: { stance: 'agree', reason: 'Passt.' },
    }),
  },
  'POST /codesign/consensus/proposals/{id}/stance/withdraw': {
    when: 'after Olga took a stance',
    allowed: ['owner'],
    request: async (town) => {
      const id = await proposal(town);
      const r = await town.call('owner', {
        method: 'PUT',
        url: `/codesign/consensus/proposals/${id}/stance`,
        payload: { stance: 'abstain' },
      });
      if (r.statusCode !== 200) throw new Error(r.body);
      return { url: `/codesign/consensus/proposals/${id}/stance/withdraw`, payload: {} };
    },
  },
  'POST /codesign/consensus/proposals/{id}/close': {
    allowed: coordinatorsOfA,
    request: async (town) => ({ url: `/codesign/consensus/proposals/${await proposal(town)}/close` }),
  },
  'PUT /codesign/consensus/proposals/{id}/outcome': {
    when: 'a closed proposal',
    allowed: coordinatorsOfA,
    request: async (town) => ({
      url: `/codesign/consensus/proposals/${await closedProposal(town)}/outcome`,
      payload: { outcome: 'decided', statement: 'Beschlossen.', reviewOn: today() },
    }),
  },
  'POST /codesign/consensus/proposals/{id}/reviewed': {
    when: 'a decision whose review is due',
    allowed: coordinatorsOfA,
    request: async (town) => {
      const id = await closedProposal(town);
      const r = await town.call('coordinatorA', {
        method: 'PUT',
        url: `/codesign/consensus/proposals/${id}/outcome`,
        payload: { outcome: 'decided', statement: 'Beschlossen.', reviewOn: today() },
      });
      if (r.statusCode !== 200) throw new Error(r.body);
      return { url: `/codesign/consensus/proposals/${id}/reviewed`, payload: { note: 'Läuft gut.' } };
    },
  },
};
