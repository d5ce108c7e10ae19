import { makeProject } from '../../../../test/helpers/codesign.ts';
import {
  type Case,
  coordinatorsOfA,
  everyone,
  next,
  nobodyElse,
  type Town,
} from '../../../../test/integration/access/cases.ts';

/**
 * Commitments: the agreed measures as named commitments (a room or a loan, shifts, time credits, a
 * task), linked both ways — its section of the access table (joined in ../permissions.ts). Organisation
 * A runs the project (Olga takes part); its staff and admins make and change commitments. Whoever sees
 * the project sees its commitments; a members-only project's do not exist for anyone else (404). The
 * way back (which projects a booking is committed to) follows the booking's own privacy.
 */

const project = async (town: Town, visibility: 'public' | 'members' = 'public') =>
  (
    await makeProject(town.t, {
      lead: town.orgA.id,
      visibility,
      joining: visibility === 'members' ? 'invitation' : 'open',
      participants: [town.users.owner.id],
    })
  ).id;

/** A task of a fresh project of A, Olga responsible. */
const task = async (town: Town, visibility: 'public' | 'members' = 'public') => {
  const projectId = await project(town, visibility);
  const res = await town.call('coordinatorA', {
    method: 'POST',
    url: `/codesign/projects/${projectId}/commitments`,
    payload: {
      kind: 'task',
      title: `Aushang schreiben ${next()}`,
      owner: { type: 'person', id: town.users.owner.id },
    },
  });
  return res.json().id as string;
};

const taskBody = (town: Town) => ({
  kind: 'task',
  title: `Flyer verteilen ${next()}`,
  owner: { type: 'person', id: town.users.owner.id },
  dueOn: '2027-03-01',
});

export const commitmentsPermissions: Record<string, Case | Case[]> = {
  'GET /codesign/projects/{projectId}/commitments': [
    {
      when: 'a public project',
      allowed: everyone,
      request: async (town) => ({ url: `/codesign/projects/${await project(town)}/commitments` }),
    },
    {
      when: 'a members-only project',
      allowed: ['owner', ...coordinatorsOfA],
      seenBy: nobodyElse,
      request: async (town) => ({ url: `/codesign/projects/${await project(town, 'members')}/commitments` }),
    },
  ],
  'POST /codesign/projects/{projectId}/commitments': {
    when: 'a task for Olga',
    allowed: coordinatorsOfA,
    request: async (town) => ({
      url: `/codesign/projects/${await project(town)}/commitments`,
      payload: taskBody(town),
    }),
  },
  'GET /codesign/projects/{projectId}/commitments/options': {
    allowed: coordinatorsOfA,
    request: async (town) => ({ url: `/codesign/projects/${await project(town)}/commitments/options` }),
  },
  'GET /codesign/commitments/linked': [
    {
      when: "Olga's booking of A's room",
      allowed: ['owner', ...coordinatorsOfA, 'instanceAdmin'],
      seenBy: nobodyElse,
      request: (town) => ({ url: `/codesign/commitments/linked?type=booking&id=${town.roomBooking}` }),
    },
    {
      when: "A's published opportunity",
      allowed: everyone,
      request: (town) => ({ url: `/codesign/commitments/linked?type=opportunity&id=${town.opportunity}` }),
    },
  ],
  'GET /codesign/commitments/{id}': [
    {
      when: 'in a public project',
      allowed: everyone,
      request: async (town) => ({ url: `/codesign/commitments/${await task(town)}` }),
    },
    {
      when: 'in a members-only project',
      allowed: ['owner', ...coordinatorsOfA],
      seenBy: nobodyElse,
      request: async (town) => ({ url: `/codesign/commitments/${await task(town, 'members')}` }),
    },
  ],
  'PUT /codesign/commitments/{id}': {
    allowed: coordinatorsOfA,
    request: async (town) => ({
      url: `/codesign/commitments/${await task(town)}`,
      payload: {
        title: 'Aushang schreiben und aufhängen',
        owner: { type: 'person', id: town.users.owner.id },
      },
    }),
  },
  'POST /codesign/commitments/{id}/status': {
    allowed: coordinatorsOfA,
    request: async (town) => ({
      url: `/codesign/commitments/${await task(town)}/status`,
      payload: { status: 'done' },
    }),
  },
};
