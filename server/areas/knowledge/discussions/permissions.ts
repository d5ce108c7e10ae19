import {
  type Case,
  everyone,
  instanceAdmin,
  next,
  nobodyElse,
  type Role,
  signedIn,
  type Town,
} from '../../../../test/integration/access/cases.ts';

/**
 * Discussions: its section of the access table (joined in ../permissions.ts). Everyone reads what is
 * visible; people signed in write. A thread of organisation A is stewarded (solution, closing) by its
 * author, A's staff and the instance admins; a post is edited and deleted by its author only. A new
 * account's thread waits for review and exists only for its author and the instance admins (404 to
 * everyone else); the review queue is the instance admins'. A community's thread follows its
 * community's rule: a by-request community's exists for its members only (not for instance admins
 * either), an open community's is written by its members.
 */

async function thread(town: Town, who: Role = 'adminA', forOrganisation = true) {
  const r = await town.call(who, {
    method: 'POST',
    url: '/discussions/threads',
    payload: {
      title: `Nachbarschaftscafé ${next()}`,
      theme: 'everyday',
      body: 'Wer macht mit?',
      ...(forOrganisation ? { organisationId: town.orgA.id } : {}),
    },
  });
  return r.json().id as string;
}

async function reply(town: Town, threadId: string, who: Role) {
  const r = await town.call(who, {
    method: 'POST',
    url: `/discussions/threads/${threadId}/posts`,
    payload: { body: `Ich backe Kuchen ${next()}` },
  });
  return r.json().id as string;
}

/**
 * A thread of a community (Räume & Brücken's, made through its API): Mia (memberA) made the community
 * and started the thread, Konrad (coordinatorA) and Nils (neighbour) are in it. A by-request
 * community's thread exists for them only; an open community's is read by everyone, written by them.
 */
const communityMembers: readonly Role[] = ['memberA', 'coordinatorA', 'neighbour'];
async function communityThread(town: Town, joining: 'open' | 'request') {
  const made = await town.call('memberA', {
    method: 'POST',
    url: '/places/communities',
    payload: {
      name: `Lesekreis ${next()}`,
      summary: '',
      description: '',
      space: 'online',
      towns: [],
      districtId: null,
      joining,
    },
  });
  const id = made.json().id as string;
  for (const who of ['coordinatorA', 'neighbour'] as const) {
    await town.call(who, { method: 'POST', url: `/places/communities/${id}/join`, payload: {} });
    if (joining === 'request')
      await town.call('memberA', {
        method: 'POST',
        url: `/places/communities/${id}/requests/${town.users[who].id}/accept`,
      });
  }
  const r = await town.call('memberA', {
    method: 'POST',
    url: `/places/communities/${id}/threads`,
    payload: { title: `Was lesen wir im Mai? ${next()}`, body: 'Vorschläge bitte!' },
  });
  return r.json().id as string;
}

/** Olga's account is new and belongs nowhere: her thread waits for review. */
const pendingThread = (town: Town) => thread(town, 'owner', false);
const stewards: readonly Role[] = ['coordinatorA', 'adminA', 'instanceAdmin'];
const ownerAndAdmin: readonly Role[] = ['owner', 'instanceAdmin'];

export const discussionsPermissions: Record<string, Case | Case[]> = {
  'GET /discussions/feed.atom': {
    allowed: everyone,
    request: () => ({ url: '/discussions/feed.atom?theme=everyday' }),
  },
  'GET /discussions/feed.rss': { allowed: everyone, request: () => ({ url: '/discussions/feed.rss' }) },
  'GET /discussions/threads': {
    allowed: everyone,
    request: () => ({ url: '/discussions/threads?state=unanswered' }),
  },
  'POST /discussions/threads': {
    allowed: signedIn,
    request: () => ({
      url: '/discussions/threads',
      payload: { title: `Bus nach Nordfeld ${next()}`, theme: 'mobility', body: 'Fährt der noch?' },
    }),
  },
  'GET /discussions/threads/{id}': [
    { allowed: everyone, request: async (town) => ({ url: `/discussions/threads/${await thread(town)}` }) },
    {
      when: 'waiting for review',
      allowed: ownerAndAdmin,
      seenBy: ownerAndAdmin,
      request: async (town) => ({ url: `/discussions/threads/${await pendingThread(town)}` }),
    },
    {
      when: "a by-request community's thread",
      allowed: communityMembers,
      seenBy: communityMembers,
      request: async (town) => ({ url: `/discussions/threads/${await communityThread(town, 'request')}` }),
    },
  ],
  'GET /discussions/threads/{id}/feed.atom': [
    {
      allowed: everyone,
      request: async (town) => ({ url: `/discussions/threads/${await thread(town)}/feed.atom` }),
    },
    {
      // a feed is built for nobody signed in: what waits for review or is a community's members' does not exist
      when: 'waiting for review',
      allowed: nobodyElse,
      seenBy: nobodyElse,
      request: async (town) => ({ url: `/discussions/threads/${await pendingThread(town)}/feed.atom` }),
    },
    {
      when: "a by-request community's thread",
      allowed: nobodyElse,
      seenBy: nobodyElse,
      request: async (town) => ({
        url: `/discussions/threads/${await communityThread(town, 'request')}/feed.atom`,
      }),
    },
  ],
  'GET /discussions/threads/{id}/feed.rss': [
    {
      allowed: everyone,
      request: async (town) => ({ url: `/discussions/threads/${await thread(town)}/feed.rss` }),
    },
    {
      // a feed is built for nobody signed in: what waits for review or is a community's members' does not exist
      when: 'waiting for review',
      allowed: nobodyElse,
      seenBy: nobodyElse,
      request: async (town) => ({ url: `/discussions/threads/${await pendingThread(town)}/feed.rss` }),
    },
    {
      when: "a by-request community's thread",
      allowed: nobodyElse,
      seenBy: nobodyElse,
      request: async (town) => ({
        url: `/discussions/threads/${await communityThread(town, 'request')}/feed.rss`,
      }),
    },
  ],
  'PUT /discussions/threads/{id}': {
    when: "A's admin's thread",
    allowed: ['adminA', 'instanceAdmin'],
    request: async (town) => ({
      url: `/discussions/threads/${await thread(town)}`,
      payload: { title: `Nachbarschaftscafé am Bahnhof ${next()}`, theme: 'culture' },
    }),
  },
  'GET /discussions/threads/{id}/posts': [
    {
      allowed: everyone,
      request: async (town) => ({ url: `/discussions/threads/${await thread(town)}/posts` }),
    },
    {
      when: 'waiting for review',
      allowed: ownerAndAdmin,
      seenBy: ownerAndAdmin,
      request: async (town) => ({ url: `/discussions/threads/${await pendingThread(town)}/posts` }),
    },
    {
      when: "a by-request community's thread",
      allowed: communityMembers,
      seenBy: communityMembers,
      request: async (town) => ({
        url: `/discussions/threads/${await communityThread(town, 'request')}/posts`,
      }),
    },
  ],
  'POST /discussions/threads/{id}/posts': [
    {
      allowed: signedIn,
      request: async (town) => ({
        url: `/discussions/threads/${await thread(town)}/posts`,
        payload: { body: 'Ich komme gern.' },
      }),
    },
    {
      when: 'waiting for review',
      allowed: ownerAndAdmin,
      seenBy: ownerAndAdmin,
      request: async (town) => ({
        url: `/discussions/threads/${await pendingThread(town)}/posts`,
        payload: { body: 'Ich komme gern.' },
      }),
    },
    {
      when: "an open community's thread: its members write",
      allowed: communityMembers,
      request: async (town) => ({
        url: `/discussions/threads/${await communityThread(town, 'open')}/posts`,
        payload: { body: 'Ich schlage einen Krimi vor.' },
      }),
    },
    {
      when: "a by-request community's thread",
      allowed: communityMembers,
      seenBy: communityMembers,
      request: async (town) => ({
        url: `/discussions/threads/${await communityThread(town, 'request')}/posts`,
        payload: { body: 'Ich schlage einen Krimi vor.' },
      }),
    },
  ],
  'GET /discussions/threads/{id}/mentionable': {
    allowed: signedIn,
    request: async (town) => ({ url: `/discussions/threads/${await thread(town)}/mentionable?q=a` }),
  },
  'PUT /discussions/threads/{id}/solution': {
    when: "organisation A's thread",
    allowed: stewards,
    request: async (town) => {
      const id = await thread(town);
      return {
        url: `/discussions/threads/${id}/solution`,
        payload: { postId: await reply(town, id, 'memberB') },
      };
    },
  },
  'DELETE /discussions/threads/{id}/solution': {
    when: "organisation A's thread",
    allowed: stewards,
    request: async (town) => ({ url: `/discussions/threads/${await thread(town)}/solution` }),
  },
  'PUT /discussions/threads/{id}/closed': {
    when: "organisation A's thread",
    allowed: stewards,
    request: async (town) => ({ url: `/discussions/threads/${await thread(town)}/closed` }),
  },
  'DELETE /discussions/threads/{id}/closed': {
    when: "organisation A's thread",
    allowed: stewards,
    request: async (town) => ({ url: `/discussions/threads/${await thread(town)}/closed` }),
  },
  'PUT /discussions/posts/{id}': {
    when: "A's volunteer's post",
    allowed: ['memberA'],
    request: async (town) => ({
      url: `/discussions/posts/${await reply(town, await thread(town), 'memberA')}`,
      payload: { body: 'Ich backe doch lieber Waffeln.' },
    }),
  },
  'DELETE /discussions/posts/{id}': {
    when: "A's volunteer's post",
    allowed: ['memberA'],
    request: async (town) => ({
      url: `/discussions/posts/${await reply(town, await thread(town), 'memberA')}`,
    }),
  },
  'GET /discussions/review': { allowed: instanceAdmin, request: () => ({ url: '/discussions/review' }) },
  // Nils and Paula are new and belong nowhere: their first posts wait (approving Nils's frees him)
  'POST /discussions/posts/{id}/approve': {
    when: "a new account's first post",
    allowed: instanceAdmin,
    request: async (town) => ({
      url: `/discussions/posts/${await reply(town, await thread(town), 'neighbour')}/approve`,
    }),
  },
  'POST /discussions/posts/{id}/reject': {
    when: "a new account's first post",
    allowed: instanceAdmin,
    request: async (town) => ({
      url: `/discussions/posts/${await reply(town, await thread(town), 'person')}/reject`,
    }),
  },
};
