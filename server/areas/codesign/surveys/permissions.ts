import { makeProject } from '../../../../test/helpers/codesign.ts';
import {
  type Case,
  coordinatorsOfA,
  everyone,
  nobodyElse,
  type Role,
  signedIn,
  type Town,
} from '../../../../test/integration/access/cases.ts';

/**
 * Surveys: questions of the usual types, anonymous or named, results with the small-cell rule — its
 * section of the access table (joined in ../permissions.ts). Organisation A runs the projects (its
 * staff and admins facilitate); in a public project open to all, everyone sees the survey and anyone
 * signed in answers (joining with it); a members-only project's survey does not exist for anyone but
 * its organisers and participants (Olga). Results: facilitators while it runs, everyone who sees the
 * project once it closed; the CSV export facilitators only.
 */

const questions = [
  { kind: 'single', prompt: 'Wie oft kommen Sie?', required: true, options: ['Einmal', 'Öfter'] },
  {
    kind: 'scale',
    prompt: 'Wie zufrieden sind Sie?',
    required: false,
    lowLabel: 'gar nicht',
    highLabel: 'sehr',
  },
];

/** A fresh survey of A with two questions; Olga a participant; its question ids. */
async function survey(town: Town, o: { members?: boolean; closed?: boolean } = {}) {
  const p = await makeProject(town.t, {
    lead: town.orgA.id,
    visibility: o.members ? 'members' : 'public',
    joining: o.members ? 'invitation' : 'open',
    tools: [{ kind: 'survey' }],
    participants: [town.users.owner.id],
  });
  const toolId = p.tools.survey;
  const r = await town.call('coordinatorA', {
    method: 'PUT',
    url: `/codesign/surveys/${toolId}/questions`,
    payload: { questions },
  });
  const ids = (r.json().questions as { id: string }[]).map((q) => q.id);
  if (o.closed)
    await town.t.db
      .updateTable('codesign_tool')
      .set({ closes_at: new Date(Date.now() - 1000) })
      .where('id', '=', toolId)
      .execute();
  return { toolId, ids };
}

const answer = (ids: string[]) => ({ answers: [{ questionId: ids[0], choices: [1] }] });

const organisersAndOlga: readonly Role[] = [...coordinatorsOfA, 'owner'];

export const surveysPermissions: Record<string, Case | Case[]> = {
  'GET /codesign/surveys/{toolId}': [
    {
      when: 'public project',
      allowed: everyone,
      request: async (town) => ({ url: `/codesign/surveys/${(await survey(town)).toolId}` }),
    },
    {
      when: 'members-only project',
      allowed: organisersAndOlga,
      seenBy: nobodyElse,
      request: async (town) => ({
        url: `/codesign/surveys/${(await survey(town, { members: true })).toolId}`,
      }),
    },
  ],
  'PUT /codesign/surveys/{toolId}/questions': {
    allowed: coordinatorsOfA,
    request: async (town) => ({
      url: `/codesign/surveys/${(await survey(town)).toolId}/questions`,
      payload: { questions },
    }),
  },
  'POST /codesign/surveys/{toolId}/responses': [
    {
      when: 'public project open to all',
      allowed: signedIn,
      request: async (town) => {
        const s = await survey(town);
        return { url: `/codesign/surveys/${s.toolId}/responses`, payload: answer(s.ids) };
      },
    },
    {
      when: 'members-only project',
      allowed: ['owner'],
      seenBy: organisersAndOlga,
      request: async (town) => {
        const s = await survey(town, { members: true });
        return { url: `/codesign/surveys/${s.toolId}/responses`, payload: answer(s.ids) };
      },
    },
    {
      when: 'closed',
      allowed: nobodyElse,
      request: async (town) => {
        const s = await survey(town, { closed: true });
        return { url: `/codesign/surveys/${s.toolId}/responses`, payload: answer(s.ids) };
      },
    },
  ],
  'GET /codesign/surveys/{toolId}/results': [
    {
      when: 'running',
      allowed: coordinatorsOfA,
      request: async (town) => ({ url: `/codesign/surveys/${(await survey(town)).toolId}/results` }),
    },
    {
      when: 'closed',
      allowed: everyone,
      request: async (town) => ({
        url: `/codesign/surveys/${(await survey(town, { closed: true })).toolId}/results`,
      }),
    },
    {
      when: 'members-only project, closed',
      allowed: organisersAndOlga,
      seenBy: nobodyElse,
      request: async (town) => ({
        url: `/codesign/surveys/${(await survey(town, { members: true, closed: true })).toolId}/results`,
      }),
    },
  ],
  'GET /codesign/surveys/{toolId}/results.csv': {
    allowed: coordinatorsOfA,
    request: async (town) => ({
      url: `/codesign/surveys/${(await survey(town, { closed: true })).toolId}/results.csv`,
    }),
  },
};
