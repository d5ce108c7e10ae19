import { makeAssistedParticipant, makeProject } from '../../../../test/helpers/codesign.ts';
import {
  type Case,
  coordinatorsOfA,
  everyone,
  next,
  signedIn,
  type Town,
} from '../../../../test/integration/access/cases.ts';

/**
 * Offline: assisted participation with consent, taking contributions over, meeting records, paper kits
 * and tallies — its section of the access table (joined in ../permissions.ts). The projects are
 * organisation A's (its staff and admins facilitate): public and open unless said otherwise. Assisted
 * people, meeting records and tallies are written by facilitators only; a public project's records,
 * tallies and paper kits are everyone's to read; a members-only project's do not exist for outsiders.
 * Anyone signed in can take over a participation with a code handed to them.
 */

/** A fresh project of A with a meeting tool and a dot vote; Olga takes part. */
const project = (town: Town, visibility: 'public' | 'members' = 'public', withOwner = true) =>
  makeProject(town.t, {
    lead: town.orgA.id,
    visibility,
    tools: [{ kind: 'meeting' }, { kind: 'dots' }],
    participants: withOwner ? [town.users.owner.id] : [],
  });

/** A project with Frau M. (no account, paper consent recorded by A's coordinator). */
const withAssisted = async (town: Town, withOwner = true) => {
  const p = await project(town, 'public', withOwner);
  const person = await makeAssistedParticipant(town.t, p.id, { recordedBy: town.users.coordinatorA.id });
  return { p, person };
};

const meeting = () => ({
  heldOn: '2026-11-20',
  place: 'Begegnungsraum',
  facilitator: 'Konrad Koordinator',
  people: 12,
  attendance: [{ dimension: 'stake', value: 'service_user', people: 9 }],
  notes: '',
  decisions: ['Sprechstunde am Nachmittag testen'],
});

const tally = () => ({
  people: 10,
  channel: 'paper',
  note: `Plakat ${next()}`,
  counts: [{ label: 'Nachmittags', count: 7 }],
});

export const offlinePermissions: Record<string, Case | Case[]> = {
  'GET /codesign/projects/{id}/assisted': {
    allowed: coordinatorsOfA,
    request: async (town) => ({ url: `/codesign/projects/${(await project(town)).id}/assisted` }),
  },
  'POST /codesign/projects/{id}/assisted': {
    allowed: coordinatorsOfA,
    request: async (town) => ({
      url: `/codesign/projects/${(await project(town)).id}/assisted`,
      payload: { displayName: `Frau M. ${next()}`, consent: 'paper', groups: { ageBand: '65_79' } },
    }),
  },
  'PUT /codesign/projects/{id}/assisted/{participantId}/groups': {
    allowed: coordinatorsOfA,
    request: async (town) => {
      const { p, person } = await withAssisted(town);
      return {
        url: `/codesign/projects/${p.id}/assisted/${person}/groups`,
        payload: { stake: 'service_user', language: 'de' },
      };
    },
  },
  'POST /codesign/projects/{id}/assisted/{participantId}/withdraw': {
    allowed: coordinatorsOfA,
    request: async (town) => {
      const { p, person } = await withAssisted(town);
      return { url: `/codesign/projects/${p.id}/assisted/${person}/withdraw` };
    },
  },
  'POST /codesign/projects/{id}/assisted/{participantId}/claim-code': {
    allowed: coordinatorsOfA,
    request: async (town) => {
      const { p, person } = await withAssisted(town);
      return { url: `/codesign/projects/${p.id}/assisted/${person}/claim-code` };
    },
  },
  'POST /codesign/claim': {
    when: 'with a code handed out for a person in a project the caller is not in',
    allowed: signedIn,
    request: async (town) => {
      const { p, person } = await withAssisted(town, false);
      const { code } = await town.post(
        'coordinatorA',
        `/codesign/projects/${p.id}/assisted/${person}/claim-code`,
        {},
      );
      return { url: '/codesign/claim', payload: { code } };
    },
  },
  'GET /codesign/meetings/{toolId}': [
    {
      when: 'of a public project',
      allowed: everyone,
      request: async (town) => ({ url: `/codesign/meetings/${(await project(town)).tools.meeting}` }),
    },
    {
      when: 'of a members-only project (its organisers and participants)',
      allowed: [...coordinatorsOfA, 'owner'],
      seenBy: [...coordinatorsOfA, 'owner'],
      request: async (town) => ({
        url: `/codesign/meetings/${(await project(town, 'members')).tools.meeting}`,
      }),
    },
  ],
  'PUT /codesign/meetings/{toolId}': {
    allowed: coordinatorsOfA,
    request: async (town) => ({
      url: `/codesign/meetings/${(await project(town)).tools.meeting}`,
      payload: meeting(),
    }),
  },
  'GET /codesign/tools/{toolId}/tallies': {
    allowed: everyone,
    request: async (town) => ({ url: `/codesign/tools/${(await project(town)).tools.dots}/tallies` }),
  },
  'GET /codesign/tools/{toolId}/tallies.csv': {
    allowed: everyone,
    request: async (town) => ({ url: `/codesign/tools/${(await project(town)).tools.dots}/tallies.csv` }),
  },
  'POST /codesign/tools/{toolId}/tallies': {
    allowed: coordinatorsOfA,
    request: async (town) => ({
      url: `/codesign/tools/${(await project(town)).tools.dots}/tallies`,
      payload: tally(),
    }),
  },
  'DELETE /codesign/tallies/{id}': {
    allowed: coordinatorsOfA,
    request: async (town) => {
      const p = await project(town);
      const { id } = await town.post('coordinatorA', `/codesign/tools/${p.tools.dots}/tallies`, tally());
      return { url: `/codesign/tallies/${id}` };
    },
  },
  'GET /codesign/tools/{toolId}/kit': [
    {
      when: 'of a public project',
      allowed: everyone,
      request: async (town) => ({ url: `/codesign/tools/${(await project(town)).tools.meeting}/kit` }),
    },
    {
      when: 'of a members-only project (its organisers and participants)',
      allowed: [...coordinatorsOfA, 'owner'],
      seenBy: [...coordinatorsOfA, 'owner'],
      request: async (town) => ({
        url: `/codesign/tools/${(await project(town, 'members')).tools.meeting}/kit`,
      }),
    },
  ],
};
