import { type Case, nobodyElse, signedIn } from '../../../../test/integration/access/cases.ts';

/** Interactions: its part of Räume & Brücken's section of the access table (../permissions.ts joins the parts). */
export const interactionsPermissions: Record<string, Case | Case[]> = {
  // ---- People, notifications, interactions: personal ---------------------------------------------
  'POST /interactions': {
    allowed: signedIn,
    request: (town) => ({
      url: '/interactions',
      payload: {
        area: 'sharing',
        kind: 'Gespräch',
        mode: 'offline',
        with: { type: 'organisation', id: town.orgB.id },
      },
    }),
  },
  'GET /interactions/mine': { allowed: signedIn, request: () => ({ url: '/interactions/mine' }) },
  // only Olga confirms what Nils logged with her; either of them may remove it; nobody else learns of it
  'POST /interactions/{id}/confirm': {
    when: 'a meeting Nils logged with Olga',
    allowed: ['owner'],
    seenBy: ['neighbour'],
    request: async (town) => ({ url: `/interactions/${await town.newLoggedMeeting()}/confirm` }),
  },
  'DELETE /interactions/{id}': [
    {
      when: 'a meeting Nils logged with Olga',
      allowed: ['owner', 'neighbour'],
      seenBy: nobodyElse,
      request: async (town) => ({ url: `/interactions/${await town.newLoggedMeeting()}` }),
    },
    {
      when: "what Olga's loan of Nils's drill recorded: it stays with the loan",
      allowed: nobodyElse,
      seenBy: ['owner', 'neighbour'],
      request: (town) => ({ url: `/interactions/${town.drillLoanEdge}` }),
    },
  ],
};
