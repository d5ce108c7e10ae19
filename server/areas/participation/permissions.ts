import {
  type Case,
  coordinatorsOfA,
  day,
  everyone,
  inHours,
  instanceAdmin,
  next,
  nobodyElse,
  signedIn,
  staffAnywhere,
} from '../../../test/integration/access/cases.ts';

/**
 * Mitmachen: its section of the access table — who may call each of the area's routes, and for
 * whom its private things do not exist. test/integration/access/permissions.ts joins the sections;
 * matrix.test.ts checks every route of the API against them.
 */
export const participationPermissions: Record<string, Case | Case[]> = {
  // ---- Opportunities and shifts: public once published; the running organisations coordinate ------
  'GET /opportunities': { allowed: everyone, request: () => ({ url: '/opportunities' }) },
  'POST /opportunities': {
    allowed: coordinatorsOfA,
    request: (town) => ({
      url: '/opportunities',
      payload: {
        level: 'regular',
        title: `Hausaufgabenhilfe ${next()}`,
        mode: 'on_site',
        organisationIds: [town.orgA.id],
      },
    }),
  },
  'GET /opportunities/map': {
    allowed: everyone,
    request: () => ({ url: '/opportunities/map?south=50&west=11&north=52&east=13' }),
  },
  'GET /opportunities/geojson': { allowed: everyone, request: () => ({ url: '/opportunities/geojson' }) },
  'GET /opportunities/suggestions': {
    allowed: signedIn,
    request: () => ({ url: '/opportunities/suggestions' }),
  },
  'GET /opportunities/next-step': { allowed: signedIn, request: () => ({ url: '/opportunities/next-step' }) },
  'GET /opportunities/stats': [
    {
      when: "organisation A's",
      allowed: [...coordinatorsOfA, 'instanceAdmin'],
      request: (town) => ({
        url: `/opportunities/stats?organisationId=${town.orgA.id}&from=${day(-90)}&to=${day(0)}`,
      }),
    },
    {
      when: 'the whole network',
      allowed: instanceAdmin,
      request: () => ({ url: `/opportunities/stats?from=${day(-90)}&to=${day(0)}` }),
    },
  ],
  'GET /opportunities/{id}': [
    {
      when: 'published',
      allowed: everyone,
      request: (town) => ({ url: `/opportunities/${town.opportunity}` }),
    },
    {
      when: 'a draft',
      allowed: [...coordinatorsOfA, 'instanceAdmin'],
      seenBy: nobodyElse,
      request: (town) => ({ url: `/opportunities/${town.draft}` }),
    },
    // B's staff and admins must see what they are asked to run
    {
      when: 'a draft A invited B to run with it',
      allowed: [...coordinatorsOfA, 'instanceAdmin', 'adminB'],
      seenBy: nobodyElse,
      request: async (town) => ({ url: `/opportunities/${await town.jointDraft()}` }),
    },
  ],
  'PATCH /opportunities/{id}': [
    {
      when: 'published',
      allowed: coordinatorsOfA,
      request: (town) => ({
        url: `/opportunities/${town.opportunity}`,
        payload: { place: 'Saal im Zentrum' },
      }),
    },
    {
      when: 'a draft',
      allowed: coordinatorsOfA,
      seenBy: instanceAdmin,
      request: (town) => ({ url: `/opportunities/${town.draft}`, payload: { place: 'Garten' } }),
    },
  ],
  // ---- Joint opportunities: a partner is invited and runs nothing until its coordinators accept ----
  'GET /opportunities/partner-invitations': {
    allowed: signedIn,
    request: () => ({ url: '/opportunities/partner-invitations' }),
  },
  'POST /opportunities/{id}/partners/{organisationId}/accept': {
    when: 'A invited B to run a draft with it',
    allowed: ['adminB'],
    seenBy: coordinatorsOfA,
    request: async (town) => ({
      url: `/opportunities/${await town.newJointOpportunity('draft')}/partners/${town.orgB.id}/accept`,
    }),
  },
  'POST /opportunities/{id}/partners/{organisationId}/decline': {
    when: 'A invited B to run a draft with it',
    allowed: ['adminB'],
    seenBy: coordinatorsOfA,
    request: async (town) => ({
      url: `/opportunities/${await town.newJointOpportunity('draft')}/partners/${town.orgB.id}/decline`,
    }),
  },
  'DELETE /opportunities/{id}/partners/{organisationId}': [
    {
      when: 'A withdraws its invitation to B, or B declines (a draft)',
      allowed: [...coordinatorsOfA, 'adminB'],
      seenBy: nobodyElse,
      request: async (town) => ({
        url: `/opportunities/${await town.newJointOpportunity('draft')}/partners/${town.orgB.id}`,
      }),
    },
    {
      when: 'A removes partner B, or B leaves (published, accepted)',
      allowed: [...coordinatorsOfA, 'adminB'],
      request: async (town) => ({
        url: `/opportunities/${await town.newJointOpportunity('published', true)}/partners/${town.orgB.id}`,
      }),
    },
    // the lead stays: its own coordinators are told so (422), everyone else is refused
    {
      when: 'the lead A',
      allowed: nobodyElse,
      refusal: [403, 422],
      request: (town) => ({ url: `/opportunities/${town.opportunity}/partners/${town.orgA.id}` }),
    },
  ],
  'GET /opportunities/{id}/shifts': {
    allowed: everyone,
    request: (town) => ({ url: `/opportunities/${town.opportunity}/shifts` }),
  },
  'GET /opportunities/{id}/shifts.ics': [
    { allowed: everyone, request: (town) => ({ url: `/opportunities/${town.opportunity}/shifts.ics` }) },
    {
      // a feed is for nobody signed in: its address is passed on, so not even the coordinators get a draft's
      when: 'a draft',
      allowed: nobodyElse,
      seenBy: nobodyElse,
      request: (town) => ({ url: `/opportunities/${town.draft}/shifts.ics` }),
    },
  ],
  'POST /opportunities/{id}/shifts': {
    allowed: coordinatorsOfA,
    request: (town) => ({
      url: `/opportunities/${town.opportunity}/shifts`,
      payload: { startsAt: inHours(200), endsAt: inHours(202), capacity: 5 },
    }),
  },
  'GET /shifts/mine': { allowed: signedIn, request: () => ({ url: '/shifts/mine' }) },
  'GET /shifts/{id}': { allowed: everyone, request: (town) => ({ url: `/shifts/${town.shift.shift}` }) },
  'PATCH /shifts/{id}': {
    allowed: coordinatorsOfA,
    request: (town) => ({ url: `/shifts/${town.shift.shift}`, payload: { note: 'Schürze mitbringen' } }),
  },
  'POST /shifts/{id}/signup': {
    allowed: signedIn,
    request: (town) => ({ url: `/shifts/${town.openShift.shift}/signup` }),
  },
  // a person withdraws and checks in only themselves (others have no sign-up there: 404)
  'POST /shifts/{id}/withdraw': {
    when: 'Olga is signed up',
    allowed: ['owner'],
    request: async (town) => ({ url: `/shifts/${(await town.newShift(80, true)).shift}/withdraw` }),
  },
  'POST /shifts/{id}/check-in': {
    when: 'Olga is signed up, the shift has begun',
    allowed: ['owner'],
    request: async (town) => ({ url: `/shifts/${(await town.runningShift()).shift}/check-in` }),
  },
  'POST /shifts/{id}/signups/{signupId}/check-in': {
    when: "Olga's sign-up, the shift has begun",
    allowed: coordinatorsOfA,
    request: async (town) => {
      const s = await town.runningShift();
      return { url: `/shifts/${s.shift}/signups/${s.signup}/check-in` };
    },
  },
  'POST /shifts/{id}/signups/{signupId}/no-show': {
    when: "Olga's sign-up, the shift has begun",
    allowed: coordinatorsOfA,
    request: async (town) => {
      const s = await town.runningShift();
      return { url: `/shifts/${s.shift}/signups/${s.signup}/no-show` };
    },
  },
  'DELETE /shifts/{id}/signups/{signupId}': {
    when: "Olga's sign-up",
    allowed: coordinatorsOfA,
    request: async (town) => {
      const s = await town.newShift(84, true);
      return { url: `/shifts/${s.shift}/signups/${s.signup}` };
    },
  },
  // names and email addresses of the people signed up: for the coordinators of the organisations
  // that run it, an invited partner only once it accepted
  'GET /shifts/{id}/roster': [
    {
      allowed: coordinatorsOfA,
      request: (town) => ({ url: `/shifts/${town.shift.shift}/roster` }),
    },
    {
      when: 'A invited B to run it, B has not accepted',
      allowed: coordinatorsOfA,
      request: async (town) => ({ url: `/shifts/${await town.jointShift(false)}/roster` }),
    },
    {
      when: 'B accepted to run it with A',
      allowed: [...coordinatorsOfA, 'adminB'],
      request: async (town) => ({ url: `/shifts/${await town.jointShift(true)}/roster` }),
    },
  ],
  'GET /shifts/{id}/roster.csv': [
    {
      allowed: coordinatorsOfA,
      request: (town) => ({ url: `/shifts/${town.shift.shift}/roster.csv` }),
    },
    {
      when: 'A invited B to run it, B has not accepted',
      allowed: coordinatorsOfA,
      request: async (town) => ({ url: `/shifts/${await town.jointShift(false)}/roster.csv` }),
    },
    {
      when: 'B accepted to run it with A',
      allowed: [...coordinatorsOfA, 'adminB'],
      request: async (town) => ({ url: `/shifts/${await town.jointShift(true)}/roster.csv` }),
    },
  ],
  'POST /shifts/{id}/message': {
    allowed: coordinatorsOfA,
    request: (town) => ({
      url: `/shifts/${town.shift.shift}/message`,
      payload: { subject: 'Treffpunkt', body: 'Wir treffen uns am Hintereingang.' },
    }),
  },

  // ---- Volunteer hours: personal; the issuing organisation's coordinators decide ------------------
  'GET /hours': { allowed: signedIn, request: () => ({ url: '/hours' }) },
  'POST /hours': {
    allowed: signedIn,
    request: (town) => ({
      url: '/hours',
      payload: { organisationId: town.orgA.id, activity: 'Flyer verteilt', date: day(-1), minutes: 60 },
    }),
  },
  'GET /hours/organisations/{organisationId}': {
    allowed: coordinatorsOfA,
    request: (town) => ({ url: `/hours/organisations/${town.orgA.id}` }),
  },
  'GET /hours/certificate': { allowed: signedIn, request: () => ({ url: '/hours/certificate' }) },
  'GET /hours/certificate.html': { allowed: signedIn, request: () => ({ url: '/hours/certificate.html' }) },
  'GET /hours/certificate.pdf': { allowed: signedIn, request: () => ({ url: '/hours/certificate.pdf' }) },
  'GET /hours/settings/{organisationId}': {
    allowed: coordinatorsOfA,
    request: (town) => ({ url: `/hours/settings/${town.orgA.id}` }),
  },
  // time credits are the organisation's money: its admins set the rate
  'PUT /hours/settings/{organisationId}': {
    allowed: ['adminA'],
    request: (town) => ({ url: `/hours/settings/${town.orgA.id}`, payload: { creditMinutesPerHour: 0 } }),
  },
  // not even instance admins: hours are personal
  'GET /hours/{id}': {
    when: "Olga's hours with A",
    allowed: ['owner', ...coordinatorsOfA],
    seenBy: nobodyElse,
    request: (town) => ({ url: `/hours/${town.hours}` }),
  },
  // nobody confirms their own hours
  'POST /hours/{id}/confirm': {
    when: "Olga's hours with A",
    allowed: coordinatorsOfA,
    seenBy: ['owner'],
    request: async (town) => ({ url: `/hours/${await town.newHours()}/confirm`, payload: {} }),
  },
  'POST /hours/{id}/reject': {
    when: "Olga's hours with A",
    allowed: coordinatorsOfA,
    seenBy: ['owner'],
    request: async (town) => ({ url: `/hours/${await town.newHours()}/reject`, payload: {} }),
  },

  // ---- Playbook: everyone reads; staff and admins of any organisation (and instance admins) write --
  'GET /playbook/pages': { allowed: everyone, request: () => ({ url: '/playbook/pages' }) },
  'POST /playbook/pages': {
    allowed: [...staffAnywhere, 'instanceAdmin'],
    request: () => ({
      url: '/playbook/pages',
      payload: { title: `Tür-zu-Tür ${next()}`, body: 'So geht es.' },
    }),
  },
  'GET /playbook/pages/{id}': {
    allowed: everyone,
    request: (town) => ({ url: `/playbook/pages/${town.page}` }),
  },
  'PUT /playbook/pages/{id}': {
    allowed: [...staffAnywhere, 'instanceAdmin'],
    request: async (town) => {
      const current = (await town.call(null, { url: `/playbook/pages/${town.page}` })).json();
      return {
        url: `/playbook/pages/${town.page}`,
        payload: {
          title: current.title,
          body: `${current.body}\n- ${next()}`,
          baseRevision: current.revision,
        },
      };
    },
  },
  'GET /playbook/pages/{id}/revisions': {
    allowed: everyone,
    request: (town) => ({ url: `/playbook/pages/${town.page}/revisions` }),
  },
  'GET /playbook/pages/{id}/revisions/{revision}': {
    allowed: everyone,
    request: (town) => ({ url: `/playbook/pages/${town.page}/revisions/1` }),
  },
  'GET /playbook/pages/{id}/diff': {
    allowed: everyone,
    request: (town) => ({ url: `/playbook/pages/${town.page}/diff?from=1&to=2` }),
  },
};
