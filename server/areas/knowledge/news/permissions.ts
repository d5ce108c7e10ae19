import {
  type Case,
  coordinatorsOfA,
  everyone,
  membersOfA,
  next,
  nobodyElse,
  signedIn,
  type Town,
} from '../../../../test/integration/access/cases.ts';

/**
 * News: each organisation's blog with comments, subscriptions and RSS/Atom feeds — its section of the
 * access table (joined in ../permissions.ts). Organisation A's staff and admins write its news; a
 * draft and a members-only post do not exist for anyone else (404); feeds are public.
 */

type PostOptions = {
  visibility?: 'public' | 'signed_in' | 'members';
  publish?: boolean;
  commentsOpen?: boolean;
};

/** A fresh post of organisation A (published and public unless said otherwise). */
const newsPost = async (town: Town, o: PostOptions = {}) =>
  (
    (await town.post('coordinatorA', '/news', {
      organisationId: town.orgA.id,
      title: `Neues aus dem Nachbarschaftszentrum ${next()}`,
      body: 'Das Café hat jetzt auch samstags geöffnet.',
      visibility: o.visibility ?? 'public',
      commentsOpen: o.commentsOpen ?? true,
      publish: o.publish ?? true,
    })) as { id: string }
  ).id;

/** A fresh comment by Olga under a fresh post of A. */
const newsComment = async (town: Town) => {
  const postId = await newsPost(town);
  return (
    (await town.post('owner', `/news/${postId}/comments`, { body: `Schön! ${next()}` })) as { id: string }
  ).id;
};

const change = {
  title: 'Das Café hat jetzt auch samstags geöffnet',
  body: 'Ab diesem Wochenende.',
  visibility: 'public',
  commentsOpen: true,
};

export const newsPermissions: Record<string, Case | Case[]> = {
  'GET /news': [
    { when: 'the network', allowed: everyone, request: () => ({ url: '/news' }) },
    {
      when: "organisation A's (with drafts for its staff)",
      allowed: everyone,
      request: (town) => ({ url: `/news?organisationId=${town.orgA.id}` }),
    },
  ],
  // posts from elsewhere (ActivityPub): public; the matrix runs with federation off, where the list is empty
  'GET /news/remote': { allowed: everyone, request: () => ({ url: '/news/remote' }) },
  'POST /news': {
    allowed: coordinatorsOfA,
    // writing for an organisation one does not act for is a mistake in the form's field
    refusal: [422],
    request: (town) => ({
      url: '/news',
      payload: {
        organisationId: town.orgA.id,
        title: `Sommerfest im Hof ${next()}`,
        body: 'Am Samstag ab 15 Uhr.',
        visibility: 'public',
        commentsOpen: true,
        publish: false,
      },
    }),
  },
  'GET /news/{id}': [
    {
      when: 'published',
      allowed: everyone,
      request: async (town) => ({ url: `/news/${await newsPost(town)}` }),
    },
    {
      when: 'a draft',
      allowed: coordinatorsOfA,
      seenBy: nobodyElse,
      request: async (town) => ({ url: `/news/${await newsPost(town, { publish: false })}` }),
    },
    {
      when: 'for members of A',
      allowed: membersOfA,
      seenBy: nobodyElse,
      request: async (town) => ({ url: `/news/${await newsPost(town, { visibility: 'members' })}` }),
    },
    {
      when: 'for people signed in',
      allowed: signedIn,
      request: async (town) => ({ url: `/news/${await newsPost(town, { visibility: 'signed_in' })}` }),
    },
  ],
  'PUT /news/{id}': [
    {
      when: 'published',
      allowed: coordinatorsOfA,
      request: async (town) => ({ url: `/news/${await newsPost(town)}`, payload: change }),
    },
    {
      when: 'a draft',
      allowed: coordinatorsOfA,
      seenBy: nobodyElse,
      request: async (town) => ({
        url: `/news/${await newsPost(town, { publish: false })}`,
        payload: change,
      }),
    },
  ],
  'POST /news/{id}/publish': {
    allowed: coordinatorsOfA,
    seenBy: nobodyElse,
    request: async (town) => ({ url: `/news/${await newsPost(town, { publish: false })}/publish` }),
  },
  'POST /news/{id}/unpublish': {
    allowed: coordinatorsOfA,
    request: async (town) => ({ url: `/news/${await newsPost(town)}/unpublish` }),
  },
  'DELETE /news/{id}': {
    allowed: coordinatorsOfA,
    request: async (town) => ({ url: `/news/${await newsPost(town)}` }),
  },
  'GET /news/{id}/comments': [
    {
      when: 'published',
      allowed: everyone,
      request: async (town) => ({ url: `/news/${await newsPost(town)}/comments` }),
    },
    {
      when: 'for members of A',
      allowed: membersOfA,
      seenBy: nobodyElse,
      request: async (town) => ({ url: `/news/${await newsPost(town, { visibility: 'members' })}/comments` }),
    },
  ],
  'POST /news/{id}/comments': [
    {
      when: 'open for comments',
      allowed: signedIn,
      request: async (town) => ({
        url: `/news/${await newsPost(town)}/comments`,
        payload: { body: 'Danke!' },
      }),
    },
    {
      when: 'closed for comments',
      allowed: nobodyElse,
      request: async (town) => ({
        url: `/news/${await newsPost(town, { commentsOpen: false })}/comments`,
        payload: { body: 'Danke!' },
      }),
    },
    {
      when: 'for members of A',
      allowed: membersOfA,
      seenBy: nobodyElse,
      request: async (town) => ({
        url: `/news/${await newsPost(town, { visibility: 'members' })}/comments`,
        payload: { body: 'Danke!' },
      }),
    },
    {
      when: 'a draft',
      allowed: nobodyElse,
      seenBy: coordinatorsOfA,
      request: async (town) => ({
        url: `/news/${await newsPost(town, { publish: false })}/comments`,
        payload: { body: 'Danke!' },
      }),
    },
  ],
  'PUT /news/comments/{id}': {
    when: "Olga's comment",
    allowed: ['owner'],
    request: async (town) => ({
      url: `/news/comments/${await newsComment(town)}`,
      payload: { body: 'Geändert' },
    }),
  },
  'DELETE /news/comments/{id}': {
    when: "Olga's comment under A's post",
    allowed: ['owner', ...coordinatorsOfA, 'instanceAdmin'],
    request: async (town) => ({ url: `/news/comments/${await newsComment(town)}` }),
  },
  'GET /news/feed.atom': { allowed: everyone, request: () => ({ url: '/news/feed.atom' }) },
  'GET /news/feed.rss': { allowed: everyone, request: () => ({ url: '/news/feed.rss' }) },
  'GET /news/organisations/{organisationId}/feed.atom': {
    allowed: everyone,
    request: (town) => ({ url: `/news/organisations/${town.orgA.id}/feed.atom` }),
  },
  'GET /news/organisations/{organisationId}/feed.rss': {
    allowed: everyone,
    request: (town) => ({ url: `/news/organisations/${town.orgA.id}/feed.rss` }),
  },
};
