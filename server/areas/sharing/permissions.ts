import {
  type Case,
  coordinatorsOfA,
  everyone,
  inAnyOrganisation,
  instanceAdmin,
  next,
  nobodyElse,
  signedIn,
  slot,
  window,
} from '../../../test/integration/access/cases.ts';

/**
 * Teilen: its section of the access table — who may call each of the area's routes, and for
 * whom its private things do not exist. test/integration/access/permissions.ts joins the sections;
 * matrix.test.ts checks every route of the API against them.
 */
export const sharingPermissions: Record<string, Case | Case[]> = {
  // ---- Resources: a public catalogue; the owner side manages each ---------------------------------
  'GET /resources': { allowed: everyone, request: () => ({ url: '/resources' }) },
  'POST /resources': [
    {
      when: 'as oneself',
      allowed: signedIn,
      request: () => ({ url: '/resources', payload: { kind: 'giveaway', title: `Kinderbücher ${next()}` } }),
    },
    {
      when: 'for organisation A',
      allowed: coordinatorsOfA,
      request: (town) => ({
        url: '/resources',
        payload: { organisationId: town.orgA.id, kind: 'equipment', title: `Beamer ${next()}` },
      }),
    },
  ],
  'GET /resources/geojson': { allowed: everyone, request: () => ({ url: '/resources/geojson' }) },
  'GET /resources/clusters': {
    allowed: everyone,
    request: () => ({ url: '/resources/clusters?bbox=12.2,51.2,12.6,51.5&zoom=16' }),
  },
  'GET /resources/utilisation': [
    {
      when: 'of my own resources',
      allowed: signedIn,
      request: () => ({ url: `/resources/utilisation?${window()}` }),
    },
    {
      when: "of organisation A's resources",
      allowed: [...coordinatorsOfA, 'instanceAdmin'],
      request: (town) => ({ url: `/resources/utilisation?${window()}&organisationId=${town.orgA.id}` }),
    },
  ],
  'GET /resources/{id}': [
    { when: 'in the catalogue', allowed: everyone, request: (town) => ({ url: `/resources/${town.room}` }) },
    {
      when: 'withdrawn from the catalogue',
      allowed: [...coordinatorsOfA, 'instanceAdmin'],
      seenBy: nobodyElse,
      request: (town) => ({ url: `/resources/${town.withdrawn}` }),
    },
  ],
  'PATCH /resources/{id}': [
    {
      when: "organisation A's room",
      allowed: [...coordinatorsOfA, 'instanceAdmin'],
      request: (town) => ({ url: `/resources/${town.room}`, payload: { description: 'Mit Küche' } }),
    },
    {
      when: "Nils's drill",
      allowed: ['neighbour', 'instanceAdmin'],
      request: (town) => ({ url: `/resources/${town.drill}`, payload: { description: 'Mit Koffer' } }),
    },
  ],
  'DELETE /resources/{id}': {
    allowed: [...coordinatorsOfA, 'instanceAdmin'],
    request: async (town) => ({ url: `/resources/${await town.newResource()}` }),
  },
  'GET /resources/{id}/availability': {
    allowed: everyone,
    request: (town) => ({ url: `/resources/${town.room}/availability` }),
  },
  'PUT /resources/{id}/availability': {
    allowed: coordinatorsOfA,
    request: (town) => ({ url: `/resources/${town.spare}/availability`, payload: { rules: [] } }),
  },
  'POST /resources/{id}/blocked-periods': {
    allowed: coordinatorsOfA,
    request: (town) => ({ url: `/resources/${town.spare}/blocked-periods`, payload: slot() }),
  },
  'DELETE /resources/{id}/blocked-periods/{blockId}': {
    allowed: coordinatorsOfA,
    request: async (town) => ({ url: `/resources/${town.spare}/blocked-periods/${await town.newBlock()}` }),
  },
  // when it is taken, without who took it
  'GET /resources/{id}/busy': {
    allowed: everyone,
    request: (town) => ({ url: `/resources/${town.room}/busy?${window()}` }),
  },
  'GET /resources/{id}/free-slot': {
    allowed: everyone,
    request: (town) => ({ url: `/resources/${town.room}/free-slot` }),
  },
  'POST /resources/{id}/feed': {
    allowed: coordinatorsOfA,
    request: (town) => ({ url: `/resources/${town.spare}/feed` }),
  },
  'DELETE /resources/{id}/feed': {
    allowed: coordinatorsOfA,
    request: (town) => ({ url: `/resources/${town.spare}/feed` }),
  },
  'POST /resources/{id}/photos': {
    allowed: [...coordinatorsOfA, 'instanceAdmin'],
    request: (town) => ({ url: `/resources/${town.spare}/photos`, ...town.photoBody('Der Gruppenraum') }),
  },
  'GET /resources/{id}/photos/{photoId}': [
    {
      when: 'of a resource in the catalogue',
      allowed: everyone,
      request: (town) => ({ url: `/resources/${town.room}/photos/${town.roomPhoto}` }),
    },
    {
      when: 'of a withdrawn resource',
      allowed: [...coordinatorsOfA, 'instanceAdmin'],
      seenBy: nobodyElse,
      request: (town) => ({ url: `/resources/${town.withdrawn}/photos/${town.withdrawnPhoto}` }),
    },
  ],
  'DELETE /resources/{id}/photos/{photoId}': {
    allowed: [...coordinatorsOfA, 'instanceAdmin'],
    request: async (town) => {
      const resource = await town.newResource();
      return { url: `/resources/${resource}/photos/${await town.newPhoto(resource)}` };
    },
  },

  // ---- Bookings: the requester and the owner side (and instance admins) see one ---------------------
  'POST /bookings': [
    {
      when: 'a room everyone may borrow',
      allowed: signedIn,
      request: (town) => ({ url: '/bookings', payload: { resourceId: town.room, ...slot() } }),
    },
    {
      when: "a workshop for members of the network's organisations",
      allowed: [...inAnyOrganisation, 'instanceAdmin'],
      request: (town) => ({ url: '/bookings', payload: { resourceId: town.membersRoom, ...slot() } }),
    },
  ],
  'GET /bookings/mine': { allowed: signedIn, request: () => ({ url: '/bookings/mine' }) },
  'GET /bookings/incoming': { allowed: signedIn, request: () => ({ url: '/bookings/incoming' }) },
  'GET /bookings/{id}': [
    {
      when: "Olga borrows Nils's drill",
      allowed: ['owner', 'neighbour', 'instanceAdmin'],
      seenBy: nobodyElse,
      request: (town) => ({ url: `/bookings/${town.drillBooking}` }),
    },
    {
      when: "Olga books organisation A's room",
      allowed: ['owner', ...coordinatorsOfA, 'instanceAdmin'],
      seenBy: nobodyElse,
      request: (town) => ({ url: `/bookings/${town.roomBooking}` }),
    },
  ],
  'POST /bookings/{id}/approve': [
    {
      when: "Olga asks for Nils's drill",
      allowed: ['neighbour'],
      seenBy: ['owner', 'instanceAdmin'],
      request: async (town) => ({ url: `/bookings/${await town.newBooking(town.drill)}/approve` }),
    },
    {
      when: "Olga asks for organisation A's room",
      allowed: coordinatorsOfA,
      seenBy: ['owner', 'instanceAdmin'],
      request: async (town) => ({ url: `/bookings/${await town.newBooking(town.room)}/approve` }),
    },
  ],
  'POST /bookings/{id}/decline': {
    when: "Olga asks for organisation A's room",
    allowed: coordinatorsOfA,
    seenBy: ['owner', 'instanceAdmin'],
    request: async (town) => ({ url: `/bookings/${await town.newBooking(town.room)}/decline` }),
  },
  'POST /bookings/{id}/hand-over': {
    when: "Olga's approved booking of A's room",
    allowed: coordinatorsOfA,
    seenBy: ['owner', 'instanceAdmin'],
    request: async (town) => ({ url: `/bookings/${await town.newBooking(town.room, 'approved')}/hand-over` }),
  },
  'POST /bookings/{id}/return': {
    when: "A's room handed over to Olga",
    allowed: coordinatorsOfA,
    seenBy: ['owner', 'instanceAdmin'],
    request: async (town) => ({ url: `/bookings/${await town.newBooking(town.room, 'handed_over')}/return` }),
  },
  'POST /bookings/{id}/cancel': {
    when: "Olga's approved booking of A's room",
    allowed: ['owner', ...coordinatorsOfA],
    seenBy: instanceAdmin,
    request: async (town) => ({ url: `/bookings/${await town.newBooking(town.room, 'approved')}/cancel` }),
  },
  'POST /bookings/feed': { allowed: signedIn, request: () => ({ url: '/bookings/feed' }) },
  'DELETE /bookings/feed': { allowed: signedIn, request: () => ({ url: '/bookings/feed' }) },
  // a secret URL works for whoever holds it, without sign-in (calendar apps cannot sign in)
  'GET /bookings/feeds/{file}': {
    allowed: everyone,
    request: async (town) => {
      const { url } = await town.post('owner', '/bookings/feed', {});
      return { url: new URL(url).pathname.replace('/api/v1', '') };
    },
  },

  // ---- Exchange board: for signed-in members of the network; the author keeps a post --------------
  'GET /exchange/posts': { allowed: signedIn, request: () => ({ url: '/exchange/posts' }) },
  'POST /exchange/posts': [
    {
      when: 'as oneself',
      allowed: signedIn,
      request: () => ({
        url: '/exchange/posts',
        payload: { kind: 'want', category: 'item', title: `Suche Leiter ${next()}` },
      }),
    },
    {
      when: 'for organisation A',
      allowed: coordinatorsOfA,
      request: (town) => ({
        url: '/exchange/posts',
        payload: {
          kind: 'offer',
          category: 'lesson',
          title: `Deutschkurs ${next()}`,
          organisationId: town.orgA.id,
        },
      }),
    },
  ],
  'GET /exchange/posts/{id}': {
    allowed: signedIn,
    request: (town) => ({ url: `/exchange/posts/${town.exchangePost}` }),
  },
  'PATCH /exchange/posts/{id}': {
    when: "Olga's offer",
    allowed: ['owner'],
    request: (town) => ({
      url: `/exchange/posts/${town.exchangePost}`,
      payload: { description: 'Auch samstags.' },
    }),
  },
  'POST /exchange/posts/{id}/renew': {
    when: "Olga's offer",
    allowed: ['owner'],
    request: (town) => ({ url: `/exchange/posts/${town.exchangePost}/renew`, payload: {} }),
  },
  // the author, or an instance admin moderating
  'POST /exchange/posts/{id}/close': {
    when: "Olga's offer",
    allowed: ['owner', 'instanceAdmin'],
    request: async (town) => ({ url: `/exchange/posts/${await town.newPost()}/close` }),
  },
  'GET /exchange/posts/{id}/matches': {
    allowed: signedIn,
    request: (town) => ({ url: `/exchange/posts/${town.exchangePost}/matches` }),
  },
  // everyone reads only their own conversation about the post (replay.test.ts checks the content)
  'GET /exchange/posts/{id}/messages': {
    allowed: signedIn,
    request: (town) => ({ url: `/exchange/posts/${town.exchangePost}/messages` }),
  },
  // others write to the author; the author answers someone who wrote (Nils did)
  'POST /exchange/posts/{id}/messages': {
    allowed: signedIn,
    request: (town) => ({
      url: `/exchange/posts/${town.exchangePost}/messages`,
      payload: { body: 'Gern!', to: town.users.neighbour.id },
    }),
  },
};
