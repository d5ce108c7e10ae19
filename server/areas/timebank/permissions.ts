import {
  type Case,
  coordinatorsOfA,
  idempotent,
  instanceAdmin,
  nobodyElse,
  orgAccount,
  personAccount,
  signedIn,
} from '../../../test/integration/access/cases.ts';

/**
 * Zeitbank: its section of the access table — who may call each of the area's routes, and for
 * whom its private things do not exist. test/integration/access/permissions.ts joins the sections;
 * matrix.test.ts checks every route of the API against them.
 */
export const timebankPermissions: Record<string, Case | Case[]> = {
  // ---- Time bank: balances, statements and transfers belong to their account holders -------------
  'GET /timebank/accounts/mine': { allowed: signedIn, request: () => ({ url: '/timebank/accounts/mine' }) },
  // anyone signed in finds an account to pay it (without its balance)
  'GET /timebank/accounts/lookup': {
    allowed: signedIn,
    request: (town) => ({ url: `/timebank/accounts/lookup?personId=${town.users.owner.id}` }),
  },
  'GET /timebank/accounts/{id}': {
    when: "Olga's account",
    allowed: ['owner', 'instanceAdmin'],
    seenBy: nobodyElse,
    request: (town) => ({ url: `/timebank/accounts/${town.ownerAccount}` }),
  },
  'PATCH /timebank/accounts/{id}': {
    when: "Olga's account",
    allowed: instanceAdmin,
    request: (town) => ({ url: `/timebank/accounts/${town.ownerAccount}`, payload: { creditLimit: 600 } }),
  },
  'GET /timebank/accounts/{id}/statement': {
    when: "Olga's account",
    allowed: ['owner', 'instanceAdmin'],
    seenBy: nobodyElse,
    request: (town) => ({ url: `/timebank/accounts/${town.ownerAccount}/statement` }),
  },
  'GET /timebank/accounts/{id}/statement.csv': {
    when: "Olga's account",
    allowed: ['owner', 'instanceAdmin'],
    seenBy: nobodyElse,
    request: (town) => ({ url: `/timebank/accounts/${town.ownerAccount}/statement.csv` }),
  },
  'GET /timebank/accounts/{id}/transfers': {
    when: "Olga's account",
    allowed: ['owner', 'instanceAdmin'],
    seenBy: nobodyElse,
    request: (town) => ({ url: `/timebank/accounts/${town.ownerAccount}/transfers` }),
  },
  // the payer's side pays; the receiver's side may only ask (the payer confirms later)
  'POST /timebank/transfers': [
    {
      when: "from Olga's account to Nils's: she pays, he asks",
      allowed: ['owner', 'neighbour'],
      request: (town) => ({
        url: '/timebank/transfers',
        headers: idempotent(),
        payload: { payerAccountId: town.ownerAccount, payeeAccountId: town.neighbourAccount, minutes: 1 },
      }),
    },
    {
      when: "from organisation A's account to Olga's: A's staff pay, she asks",
      allowed: [...coordinatorsOfA, 'owner'],
      request: async (town) => ({
        url: '/timebank/transfers',
        headers: idempotent(),
        payload: { payerAccountId: await orgAccount(town), payeeAccountId: town.ownerAccount, minutes: 1 },
      }),
    },
    {
      when: "from one's own account to the pool, for Olga's loan of Nils's drill",
      allowed: ['owner', 'neighbour', 'instanceAdmin'],
      // a booking one may not see is answered like one that does not exist
      refusal: [422],
      request: async (town, role) => ({
        url: '/timebank/transfers',
        headers: idempotent(),
        payload: {
          payerAccountId: role === 'anonymous' ? town.ownerAccount : await personAccount(town, role),
          payeeAccountId: town.pool,
          minutes: 1,
          source: { type: 'booking', id: town.drillBooking },
        },
      }),
    },
    {
      when: "from one's own account to the pool, for a shift of A's draft",
      allowed: [...coordinatorsOfA, 'instanceAdmin'],
      // a shift of an opportunity one may not see is answered like one that does not exist
      refusal: [422],
      request: async (town, role) => ({
        url: '/timebank/transfers',
        headers: idempotent(),
        payload: {
          payerAccountId: role === 'anonymous' ? town.ownerAccount : await personAccount(town, role),
          payeeAccountId: town.pool,
          minutes: 1,
          source: { type: 'shift', id: town.draftShift },
        },
      }),
    },
    {
      when: 'from the community pool to Olga: instance admins pay, she asks',
      allowed: ['instanceAdmin', 'owner'],
      request: (town) => ({
        url: '/timebank/transfers',
        headers: idempotent(),
        payload: { payerAccountId: town.pool, payeeAccountId: town.ownerAccount, minutes: 1 },
      }),
    },
  ],
  'GET /timebank/transfers/{id}': {
    when: "Olga's payment to Nils",
    allowed: ['owner', 'neighbour', 'instanceAdmin'],
    seenBy: nobodyElse,
    request: (town) => ({ url: `/timebank/transfers/${town.payment}` }),
  },
  'POST /timebank/transfers/{id}/confirm': {
    when: 'Nils asked Olga for credits',
    allowed: ['owner'],
    seenBy: ['neighbour', 'instanceAdmin'],
    request: async (town) => ({ url: `/timebank/transfers/${await town.newRequest()}/confirm` }),
  },
  'POST /timebank/transfers/{id}/decline': {
    when: 'Nils asked Olga for credits',
    allowed: ['owner'],
    seenBy: ['neighbour', 'instanceAdmin'],
    request: async (town) => ({ url: `/timebank/transfers/${await town.newRequest()}/decline` }),
  },
  'POST /timebank/transfers/{id}/cancel': {
    when: 'Nils asked Olga for credits',
    allowed: ['neighbour'],
    seenBy: ['owner', 'instanceAdmin'],
    request: async (town) => ({ url: `/timebank/transfers/${await town.newRequest()}/cancel` }),
  },
  'POST /timebank/transfers/{id}/reverse': {
    when: 'a payment from Olga to Nils',
    allowed: instanceAdmin,
    seenBy: ['owner', 'neighbour'],
    request: async (town) => ({
      url: `/timebank/transfers/${await town.newPayment()}/reverse`,
      payload: { reason: 'Doppelt gebucht' },
    }),
  },
  'GET /timebank/health': { allowed: instanceAdmin, request: () => ({ url: '/timebank/health' }) },
};
