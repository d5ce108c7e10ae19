import { makeCommunity, makeSuggestion } from '../../../../test/helpers/bridges.ts';
import { createOrganisation } from '../../../../test/helpers/factories.ts';
import {
  type Case,
  instanceAdmin,
  type Role,
  signedIn,
  type Town,
} from '../../../../test/integration/access/cases.ts';

/**
 * Bridges: its part of Räume & Brücken's section of the access table (../permissions.ts joins the
 * parts). A suggestion exists for the people who speak for its sides — staff and admins of an
 * organisation, the keepers of a community — and for the network's coordinator (instance admins);
 * for everyone else it is not found (404), volunteers of the organisations included. Each changing
 * request gets a suggestion of its own, between A and an organisation made for it.
 */

const sidesOfA: readonly Role[] = ['coordinatorA', 'adminA'];
const seenWithCoordinator: readonly Role[] = [...sidesOfA, 'instanceAdmin'];

/** A suggestion between A and B (made once per town), for reads. */
const betweenAB = new WeakMap<Town, Promise<string>>();
const abSuggestion = (town: Town) => {
  let p = betweenAB.get(town);
  if (!p) {
    p = makeSuggestion(town.t, {
      organisationId: town.orgA.id,
      other: { type: 'organisation', id: town.orgB.id },
    });
    betweenAB.set(town, p);
  }
  return p;
};

/** A suggestion between A and a community Olga keeps (made once per town). */
const withCommunity = new WeakMap<Town, Promise<string>>();
const communitySuggestion = (town: Town) => {
  let p = withCommunity.get(town);
  if (!p) {
    p = (async () => {
      const community = await makeCommunity(town.t, {
        owner: town.users.owner.id,
        members: [town.users.person.id],
      });
      return makeSuggestion(town.t, {
        organisationId: town.orgA.id,
        other: { type: 'community', id: community },
      });
    })();
    withCommunity.set(town, p);
  }
  return p;
};

/** A fresh suggestion between A and an organisation of its own (`introduced`: asked whether they met). */
const fresh = async (town: Town, status: 'open' | 'introduced' = 'open') => {
  const other = await createOrganisation(town.t, { sector: 'business' });
  return makeSuggestion(town.t, {
    organisationId: town.orgA.id,
    other: { type: 'organisation', id: other.id },
    status,
  });
};

export const bridgesPermissions: Record<string, Case | Case[]> = {
  'GET /places/bridges': [
    {
      when: "those concerning one's own organisations (empty for those who speak for none)",
      allowed: signedIn,
      request: () => ({ url: '/places/bridges?scope=mine' }),
    },
    {
      when: 'all of them: the network coordinator',
      allowed: instanceAdmin,
      request: () => ({ url: '/places/bridges?scope=all' }),
    },
  ],
  'GET /places/bridges/hit-rate': {
    allowed: instanceAdmin,
    request: () => ({ url: '/places/bridges/hit-rate' }),
  },
  'GET /places/bridges/{id}': [
    {
      when: 'between A and B: their staff and admins (B has only an admin) and the coordinator',
      allowed: [...sidesOfA, 'adminB', 'instanceAdmin'],
      seenBy: [...sidesOfA, 'adminB', 'instanceAdmin'],
      request: async (town) => ({ url: `/places/bridges/${await abSuggestion(town)}` }),
    },
    {
      when: "between A and a community Olga keeps (its plain members don't speak for it)",
      allowed: ['owner', ...seenWithCoordinator],
      seenBy: ['owner', ...seenWithCoordinator],
      request: async (town) => ({ url: `/places/bridges/${await communitySuggestion(town)}` }),
    },
  ],
  'POST /places/bridges/{id}/accept': {
    when: 'a fresh suggestion of A: its sides say yes, the coordinator may not for them',
    allowed: sidesOfA,
    seenBy: seenWithCoordinator,
    request: async (town) => ({ url: `/places/bridges/${await fresh(town)}/accept` }),
  },
  'POST /places/bridges/{id}/not-now': {
    when: 'a fresh suggestion of A: a side or the coordinator sets it aside',
    allowed: seenWithCoordinator,
    seenBy: seenWithCoordinator,
    request: async (town) => ({
      url: `/places/bridges/${await fresh(town)}/not-now`,
      payload: { reason: 'Gerade keine Zeit.' },
    }),
  },
  'POST /places/bridges/{id}/introduce': {
    when: 'a fresh suggestion of A: only the coordinator introduces directly',
    allowed: instanceAdmin,
    seenBy: seenWithCoordinator,
    request: async (town) => ({ url: `/places/bridges/${await fresh(town)}/introduce` }),
  },
  'POST /places/bridges/{id}/follow-up': {
    when: 'an introduction of A asked "did you meet?": its sides answer',
    allowed: sidesOfA,
    seenBy: seenWithCoordinator,
    request: async (town) => ({
      url: `/places/bridges/${await fresh(town, 'introduced')}/follow-up`,
      payload: { met: false },
    }),
  },
};
