import {
  type Case,
  coordinatorsOfA,
  everyone,
  next,
  nobodyElse,
  type Role,
  signedIn,
  type Town,
} from '../../../../test/integration/access/cases.ts';

/**
 * Projects: co-design projects, their organisations, phases, tools, participants and timeline — its
 * section of the access table (joined in ../permissions.ts). Organisation A's staff and admins run
 * the projects; a draft and a members-only project do not exist for anyone else (404); the owner
 * takes part where a case needs a participant.
 */

type ProjectOptions = {
  status?: 'draft' | 'active';
  visibility?: 'public' | 'members';
  joining?: 'open' | 'invitation' | 'link';
  /** the owner takes part */
  withOwner?: boolean;
  /** organisation B is invited to run it */
  inviteB?: boolean;
};

interface Made {
  id: string;
  phases: { id: string; tools: { id: string }[] }[];
  joinSecret: string | null;
}

/** A fresh project of organisation A (active, public and open unless said otherwise). */
async function codesignProject(town: Town, o: ProjectOptions = {}): Promise<Made> {
  const joining = o.joining ?? (o.withOwner && o.visibility === 'members' ? 'invitation' : 'open');
  const made = (await town.post('coordinatorA', '/codesign/projects', {
    organisationId: town.orgA.id,
    template: 'short',
    title: `Sprechstunde neu denken ${next()}`,
    summary: 'Wir gestalten die Sprechstunde gemeinsam.',
    description: '',
    visibility: o.visibility ?? 'public',
    joining,
    districtId: null,
  })) as Made;
  const p = (await town.post(
    'coordinatorA',
    `/codesign/projects/${made.id}/phases/${made.phases[0]!.id}/tools`,
    { kind: 'ideas', title: 'Ideen sammeln', description: '', opensAt: null, closesAt: null },
  )) as Made;
  if (o.status !== 'draft') await town.post('coordinatorA', `/codesign/projects/${made.id}/start`, {}, 200);
  if (o.withOwner) {
    if (joining === 'invitation')
      await town.post(
        'coordinatorA',
        `/codesign/projects/${made.id}/participants`,
        { accountId: town.users.owner.id },
        204,
      );
    await town.post('owner', `/codesign/projects/${made.id}/join`, {}, 200);
  }
  if (o.inviteB)
    await town.post(
      'coordinatorA',
      `/codesign/projects/${made.id}/partners`,
      { organisationId: town.orgB.id },
      200,
    );
  return { ...p, joinSecret: made.joinSecret };
}

const url = async (town: Town, o: ProjectOptions = {}, rest = '') =>
  `/codesign/projects/${(await codesignProject(town, o)).id}${rest}`;

const phaseBody = { kind: 'review', title: 'Rückblick', description: '', startsOn: null, endsOn: null };
const toolBody = { title: 'Ideen sammeln', description: '', opensAt: null, closesAt: null };
const change = {
  title: 'Sprechstunde gemeinsam gestalten',
  summary: 'Neu.',
  description: 'Mehr dazu.',
  visibility: 'public',
  joining: 'open',
  districtId: null,
};
const members: readonly Role[] = [...coordinatorsOfA, 'owner'];

export const projectsPermissions: Record<string, Case | Case[]> = {
  'GET /codesign/projects': [
    { when: 'all I may see', allowed: everyone, request: () => ({ url: '/codesign/projects' }) },
    {
      when: 'mine',
      allowed: everyone,
      request: () => ({ url: '/codesign/projects?mine=true&joinable=false&status=active' }),
    },
  ],
  'POST /codesign/projects': {
    allowed: coordinatorsOfA,
    // starting a project for an organisation one does not act for is a mistake in the form's field
    refusal: [422],
    request: (town) => ({
      url: '/codesign/projects',
      payload: { ...change, organisationId: town.orgA.id, template: 'full' },
    }),
  },
  'POST /codesign/projects/by-link': {
    allowed: everyone,
    request: async (town) => ({
      url: '/codesign/projects/by-link',
      payload: { secret: (await codesignProject(town, { joining: 'link' })).joinSecret },
    }),
  },
  'POST /codesign/projects/join-by-link': {
    allowed: signedIn,
    request: async (town) => ({
      url: '/codesign/projects/join-by-link',
      payload: {
        secret: (await codesignProject(town, { joining: 'link', visibility: 'members' })).joinSecret,
      },
    }),
  },
  'GET /codesign/projects/{id}': [
    { when: 'public', allowed: everyone, request: async (town) => ({ url: await url(town) }) },
    {
      when: 'a draft',
      allowed: coordinatorsOfA,
      seenBy: nobodyElse,
      request: async (town) => ({ url: await url(town, { status: 'draft' }) }),
    },
    {
      when: 'members only',
      allowed: members,
      seenBy: nobodyElse,
      request: async (town) => ({ url: await url(town, { visibility: 'members', withOwner: true }) }),
    },
    {
      when: 'B invited to run it (a draft)',
      allowed: [...coordinatorsOfA, 'adminB'],
      seenBy: nobodyElse,
      request: async (town) => ({ url: await url(town, { status: 'draft', inviteB: true }) }),
    },
  ],
  'PUT /codesign/projects/{id}': [
    {
      when: 'public',
      allowed: coordinatorsOfA,
      request: async (town) => ({ url: await url(town), payload: change }),
    },
    {
      when: 'a draft',
      allowed: coordinatorsOfA,
      seenBy: nobodyElse,
      request: async (town) => ({ url: await url(town, { status: 'draft' }), payload: change }),
    },
  ],
  'POST /codesign/projects/{id}/join-link': {
    allowed: coordinatorsOfA,
    request: async (town) => ({ url: await url(town, { joining: 'link' }, '/join-link') }),
  },
  'POST /codesign/projects/{id}/start': {
    allowed: coordinatorsOfA,
    seenBy: nobodyElse,
    request: async (town) => ({ url: await url(town, { status: 'draft' }, '/start') }),
  },
  'POST /codesign/projects/{id}/close': {
    allowed: coordinatorsOfA,
    request: async (town) => ({ url: await url(town, {}, '/close') }),
  },
  'POST /codesign/projects/{id}/phases': {
    allowed: coordinatorsOfA,
    request: async (town) => ({ url: await url(town, {}, '/phases'), payload: phaseBody }),
  },
  'PUT /codesign/projects/{id}/phase-order': {
    allowed: coordinatorsOfA,
    request: async (town) => {
      const p = await codesignProject(town);
      return {
        url: `/codesign/projects/${p.id}/phase-order`,
        payload: { phaseIds: p.phases.map((ph) => ph.id).reverse() },
      };
    },
  },
  'PUT /codesign/projects/{id}/current-phase': {
    allowed: coordinatorsOfA,
    request: async (town) => {
      const p = await codesignProject(town);
      return { url: `/codesign/projects/${p.id}/current-phase`, payload: { phaseId: p.phases[1]!.id } };
    },
  },
  'PUT /codesign/projects/{id}/phases/{phaseId}': {
    allowed: coordinatorsOfA,
    request: async (town) => {
      const p = await codesignProject(town);
      return {
        url: `/codesign/projects/${p.id}/phases/${p.phases[1]!.id}`,
        payload: { title: 'Entscheiden', description: 'Wir stimmen ab.', startsOn: null, endsOn: null },
      };
    },
  },
  'DELETE /codesign/projects/{id}/phases/{phaseId}': {
    allowed: coordinatorsOfA,
    request: async (town) => {
      const p = await codesignProject(town);
      return { url: `/codesign/projects/${p.id}/phases/${p.phases[2]!.id}` };
    },
  },
  'POST /codesign/projects/{id}/phases/{phaseId}/tools': {
    allowed: coordinatorsOfA,
    request: async (town) => {
      const p = await codesignProject(town);
      return {
        url: `/codesign/projects/${p.id}/phases/${p.phases[1]!.id}/tools`,
        payload: { ...toolBody, kind: 'dots', config: { budget: 4 } },
      };
    },
  },
  'GET /codesign/tools/{id}': [
    {
      when: 'in a public project',
      allowed: everyone,
      request: async (town) => ({
        url: `/codesign/tools/${(await codesignProject(town)).phases[0]!.tools[0]!.id}`,
      }),
    },
    {
      when: 'in a members-only project',
      allowed: members,
      seenBy: nobodyElse,
      request: async (town) => ({
        url: `/codesign/tools/${(await codesignProject(town, { visibility: 'members', withOwner: true })).phases[0]!.tools[0]!.id}`,
      }),
    },
  ],
  'PUT /codesign/tools/{id}': {
    allowed: coordinatorsOfA,
    request: async (town) => ({
      url: `/codesign/tools/${(await codesignProject(town)).phases[0]!.tools[0]!.id}`,
      payload: { ...toolBody, config: { points: false } },
    }),
  },
  'POST /codesign/tools/{id}/open': {
    allowed: coordinatorsOfA,
    request: async (town) => ({
      url: `/codesign/tools/${(await codesignProject(town)).phases[0]!.tools[0]!.id}/open`,
    }),
  },
  'POST /codesign/tools/{id}/close': {
    allowed: coordinatorsOfA,
    request: async (town) => ({
      url: `/codesign/tools/${(await codesignProject(town)).phases[0]!.tools[0]!.id}/close`,
    }),
  },
  'DELETE /codesign/tools/{id}': {
    allowed: coordinatorsOfA,
    request: async (town) => ({
      url: `/codesign/tools/${(await codesignProject(town)).phases[0]!.tools[0]!.id}`,
    }),
  },
  'POST /codesign/projects/{id}/partners': {
    allowed: coordinatorsOfA,
    request: async (town) => ({
      url: await url(town, {}, '/partners'),
      payload: { organisationId: town.orgB.id },
    }),
  },
  'POST /codesign/projects/{id}/partners/{organisationId}/accept': {
    allowed: ['adminB'],
    request: async (town) => ({
      url: await url(town, { inviteB: true }, `/partners/${town.orgB.id}/accept`),
    }),
  },
  'POST /codesign/projects/{id}/partners/{organisationId}/decline': {
    allowed: ['adminB'],
    request: async (town) => ({
      url: await url(town, { inviteB: true }, `/partners/${town.orgB.id}/decline`),
    }),
  },
  'DELETE /codesign/projects/{id}/partners/{organisationId}': {
    allowed: coordinatorsOfA,
    request: async (town) => ({ url: await url(town, { inviteB: true }, `/partners/${town.orgB.id}`) }),
  },
  'POST /codesign/projects/{id}/join': [
    { when: 'open', allowed: signedIn, request: async (town) => ({ url: await url(town, {}, '/join') }) },
    {
      when: 'by invitation (none for anyone)',
      allowed: nobodyElse,
      request: async (town) => ({ url: await url(town, { joining: 'invitation' }, '/join') }),
    },
  ],
  'POST /codesign/projects/{id}/leave': {
    allowed: ['owner'],
    request: async (town) => ({ url: await url(town, { withOwner: true }, '/leave') }),
  },
  'PUT /codesign/projects/{id}/my-groups': {
    allowed: ['owner'],
    request: async (town) => ({
      url: await url(town, { withOwner: true }, '/my-groups'),
      payload: { districtId: null, ageBand: '65_79', stake: 'service_user', language: 'de' },
    }),
  },
  'GET /codesign/projects/{id}/participants': {
    allowed: coordinatorsOfA,
    request: async (town) => ({ url: await url(town, { withOwner: true }, '/participants') }),
  },
  'POST /codesign/projects/{id}/participants': {
    allowed: coordinatorsOfA,
    request: async (town) => ({
      url: await url(town, {}, '/participants'),
      payload: { accountId: town.users.neighbour.id },
    }),
  },
  'PUT /codesign/projects/{id}/participants/{participantId}/role': {
    allowed: coordinatorsOfA,
    request: async (town) => {
      const id = (await codesignProject(town, { withOwner: true })).id;
      const list = (
        await town.call('coordinatorA', { method: 'GET', url: `/codesign/projects/${id}/participants` })
      ).json().items as { id: string }[];
      return {
        url: `/codesign/projects/${id}/participants/${list[0]!.id}/role`,
        payload: { role: 'facilitator' },
      };
    },
  },
  'GET /codesign/projects/{id}/timeline': [
    {
      when: 'public',
      allowed: everyone,
      request: async (town) => ({ url: await url(town, {}, '/timeline') }),
    },
    {
      when: 'members only',
      allowed: members,
      seenBy: nobodyElse,
      request: async (town) => ({
        url: await url(town, { visibility: 'members', withOwner: true }, '/timeline'),
      }),
    },
  ],
};
