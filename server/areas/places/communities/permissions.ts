import assert from 'node:assert/strict';
import {
  type Call,
  type Case,
  everyone,
  next,
  type Role,
  signedIn,
  type Town,
} from '../../../../test/integration/access/cases.ts';

/**
 * Communities: its section of the access table (joined in ../permissions.ts). Every community is made
 * fresh for the request, by Mia (`memberA`, its owner), with Konrad (`coordinatorA`) as its moderator and
 * Nils (`neighbour`) as a member; everyone else is outside it. Its page and list are everyone's; the
 * names of its members its members'; requests, edits and taking members out its owners' and moderators';
 * roles and archiving its owners'. A by-request community's threads exist only for its members (404 to
 * everyone else); an open community's are read by everyone and written by its members. Instance admins
 * have no extra rights here.
 */

const owner = 'memberA' as const;
const moderator = 'coordinatorA' as const;
const member = 'neighbour' as const;
const insiders: readonly Role[] = [owner, moderator, member];
const stewards: readonly Role[] = [owner, moderator];
const outsiders = (roles: readonly Role[]) => signedIn.filter((r) => !roles.includes(r));

/** A step of the setup that must work (it says what the server answered when it does not). */
async function must(town: Town, who: Role, c: Call, status: number) {
  const res = await town.call(who, c);
  assert.equal(res.statusCode, status, `${c.method} ${c.url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
}

async function community(town: Town, joining: 'open' | 'request' = 'open') {
  const made = await town.post(owner, '/places/communities', {
    name: `Gartengruppe ${next()}`,
    summary: 'Wir gärtnern zusammen.',
    description: 'Jeden Samstag im **Gemeinschaftsgarten**.',
    space: 'online',
    towns: [],
    districtId: null,
    joining,
  });
  const id = made.id as string;
  for (const who of [moderator, member]) {
    await town.post(who, `/places/communities/${id}/join`, {}, 200);
    if (joining === 'request')
      await must(
        town,
        owner,
        { method: 'POST', url: `/places/communities/${id}/requests/${town.users[who].id}/accept` },
        204,
      );
  }
  await must(
    town,
    owner,
    {
      method: 'PUT',
      url: `/places/communities/${id}/members/${town.users[moderator].id}/role`,
      payload: { role: 'moderator' },
    },
    204,
  );
  return { id, slug: made.slug as string };
}

/** A community with a request of Paula's (`person`) waiting. */
async function withRequest(town: Town) {
  const c = await community(town, 'request');
  await town.post('person', `/places/communities/${c.id}/join`, { note: 'Darf ich kommen?' }, 200);
  return c;
}

const fields = () => ({
  name: `Gartengruppe am Fluss ${next()}`,
  summary: 'Wir gärtnern zusammen.',
  description: 'Jeden Samstag.',
  space: 'translocal',
  towns: ['Auental'],
  districtId: null,
  joining: 'open',
});

export const communitiesPermissions: Record<string, Case | Case[]> = {
  'GET /places/communities': {
    allowed: everyone,
    request: () => ({ url: '/places/communities?q=garten&space=online' }),
  },
  'POST /places/communities': {
    allowed: signedIn,
    request: () => ({ url: '/places/communities', payload: fields() }),
  },
  'GET /places/communities/{id}': [
    {
      when: 'open, by its address',
      allowed: everyone,
      request: async (town) => ({ url: `/places/communities/${(await community(town)).slug}` }),
    },
    {
      when: 'by request',
      allowed: everyone,
      request: async (town) => ({ url: `/places/communities/${(await community(town, 'request')).id}` }),
    },
  ],
  'PUT /places/communities/{id}': {
    allowed: stewards,
    request: async (town) => ({
      url: `/places/communities/${(await community(town)).id}`,
      payload: fields(),
    }),
  },
  'POST /places/communities/{id}/archive': {
    allowed: [owner],
    request: async (town) => ({ url: `/places/communities/${(await community(town)).id}/archive` }),
  },
  'POST /places/communities/{id}/join': [
    {
      when: 'open: at once',
      allowed: outsiders(insiders),
      request: async (town) => ({
        url: `/places/communities/${(await community(town)).id}/join`,
        payload: {},
      }),
    },
    {
      when: 'by request: asking',
      allowed: outsiders(insiders),
      request: async (town) => ({
        url: `/places/communities/${(await community(town, 'request')).id}/join`,
        payload: { note: 'Ich würde gern mitmachen.' },
      }),
    },
  ],
  'POST /places/communities/{id}/leave': {
    when: 'its one owner cannot leave',
    allowed: [moderator, member],
    request: async (town) => ({ url: `/places/communities/${(await community(town)).id}/leave` }),
  },
  'GET /places/communities/{id}/members': {
    allowed: insiders,
    request: async (town) => ({
      url: `/places/communities/${(await community(town, 'request')).id}/members`,
    }),
  },
  'GET /places/communities/{id}/requests': {
    allowed: stewards,
    request: async (town) => ({ url: `/places/communities/${(await withRequest(town)).id}/requests` }),
  },
  'POST /places/communities/{id}/requests/{accountId}/accept': {
    allowed: stewards,
    request: async (town) => ({
      url: `/places/communities/${(await withRequest(town)).id}/requests/${town.users.person.id}/accept`,
    }),
  },
  'POST /places/communities/{id}/requests/{accountId}/decline': {
    allowed: stewards,
    request: async (town) => ({
      url: `/places/communities/${(await withRequest(town)).id}/requests/${town.users.person.id}/decline`,
    }),
  },
  'PUT /places/communities/{id}/members/{accountId}/role': {
    allowed: [owner],
    request: async (town) => ({
      url: `/places/communities/${(await community(town)).id}/members/${town.users[member].id}/role`,
      payload: { role: 'moderator' },
    }),
  },
  'DELETE /places/communities/{id}/members/{accountId}': {
    when: 'a plain member',
    allowed: stewards,
    request: async (town) => ({
      url: `/places/communities/${(await community(town)).id}/members/${town.users[member].id}`,
    }),
  },
  'GET /places/communities/{id}/threads': [
    {
      when: 'open',
      allowed: everyone,
      request: async (town) => ({ url: `/places/communities/${(await community(town)).id}/threads` }),
    },
    {
      when: 'by request',
      allowed: insiders,
      seenBy: insiders,
      request: async (town) => ({
        url: `/places/communities/${(await community(town, 'request')).id}/threads`,
      }),
    },
  ],
  'POST /places/communities/{id}/threads': [
    {
      when: 'open',
      allowed: insiders,
      request: async (town) => ({
        url: `/places/communities/${(await community(town)).id}/threads`,
        payload: { title: `Wer hat einen Spaten? ${next()}`, body: 'Ich brauche ihn am Samstag.' },
      }),
    },
    {
      when: 'by request',
      allowed: insiders,
      seenBy: insiders,
      request: async (town) => ({
        url: `/places/communities/${(await community(town, 'request')).id}/threads`,
        payload: { title: `Wer hat einen Spaten? ${next()}`, body: 'Ich brauche ihn am Samstag.' },
      }),
    },
  ],
};
