import type { Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AvailabilitySlot, LadderLevel } from '../../../../db/schema.ts';
import { ladderLevels } from '../../../../db/schema.ts';
import { executeTx } from '../../../../db/tx.ts';
import { entriesCalendar } from '../../../../http/calendar.ts';
import { commandContext, requireAccount } from '../../../../http/context.ts';
import { featureCollection, pointFeature, producesGeoJson, sendGeoJson } from '../../../../http/geojson.ts';
import { paging } from '../../../../http/paging.ts';
import { forbidden, notFound, Problem } from '../../../../http/problem.ts';
import { IdParams, NoContent, Page, problems } from '../../../../http/schemas.ts';
import { federateChange } from '../../../../interop/activitypub/jobs.ts';
import { audit } from '../../../../platform/audit.ts';
import { minPeoplePerCell, protectCell, wholeMonths } from '../../../../platform/smallCells.ts';
import { webPaths } from '../../../../platform/webPaths.ts';
import { type Actor, actsFor, anonymous, isSignedIn } from '../../../../policies/actor.ts';
import { getProfile } from '../../../../repositories/accounts.ts';
import { opportunityShiftEntries } from '../../calendar.ts';
import { acceptPartnership, endPartnership } from '../../commands/opportunityPartners.ts';
import { scheduleShiftReminder } from '../../commands/remindShift.ts';
import {
  breaksMiniRule,
  changeOpportunity,
  createOpportunity,
  leadOf,
} from '../../commands/saveOpportunity.ts';
import { coordinates, opportunityAbilities, opportunityPolicy, refOf } from '../../policies/opportunity.ts';
import {
  confirmedLevels,
  countsPerLevel,
  findOpportunity,
  listOpportunities,
  type OpportunityRow,
  opportunitiesInBox,
  opportunitiesOnMap,
  pendingInvitations,
  suggestionCandidates,
} from '../../repositories/opportunities.ts';
import { findShift, insertShift, listShifts, mySignupsOn } from '../../repositories/shifts.ts';
import { presentShift } from '../shifts/present.ts';
import {
  GeoJsonQuery,
  MapQuery,
  MapView,
  NextStepView,
  OpportunityCreate,
  OpportunityFeatures,
  OpportunityListQuery,
  OpportunityUpdate,
  OpportunityView,
  PartnerInvitationQuery,
  PartnerInvitationView,
  PartnerParams,
  ShiftCreate,
  ShiftListQuery,
  ShiftView,
  StatsQuery,
  StatsView,
  SuggestionsQuery,
  SuggestionView,
} from './schema.ts';
import { scoreCandidate } from './suggestions.ts';

/** The most opportunities one GeoJSON answer holds. */
const mapLimit = 2000;

/** Pending invitations are the two sides' business: all for the running organisations, one's own for an invited one. */
function visibleInvitations(o: OpportunityRow, actor: Actor) {
  const all = coordinates(actor, refOf(o));
  return o.invited
    .filter((x) => all || actsFor(actor, x.id))
    .map((x) => ({ id: x.id, name: x.name, invitedAt: new Date(x.invitedAt).toISOString() }));
}

export function presentOpportunity(o: OpportunityRow, actor: Actor) {
  return {
    id: o.id,
    level: o.level,
    title: o.title,
    description: o.description,
    mode: o.mode,
    districtId: o.district_id,
    place: o.place,
    lat: o.lat,
    lng: o.lng,
    skills: o.skills,
    languages: o.languages,
    accessibility: o.accessibility,
    minAge: o.min_age,
    needsPoliceClearance: o.needs_police_clearance,
    effortMinutes: o.effort_minutes,
    status: o.status,
    organisations: o.organisations,
    invitedOrganisations: visibleInvitations(o, actor),
    nextShiftAt: o.next_shift_at ? new Date(o.next_shift_at).toISOString() : null,
    createdAt: o.created_at.toISOString(),
    updatedAt: o.updated_at.toISOString(),
    abilities: opportunityAbilities(actor, refOf(o), o.organisations.find((x) => x.isLead)?.id),
  };
}

const suggestionPool = 300;

/** Opportunities on the engagement ladder: discovery (list, map, suggestions), editing, and their shifts. */
export async function opportunityRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const tags = ['opportunities'];

  async function load(id: string, actor: Actor) {
    const o = await findOpportunity(db, networkId, id);
    if (!o || !opportunityPolicy.view(actor, refOf(o))) throw notFound();
    return o;
  }

  async function suggestFor(accountId: string, actor: Actor, level: LadderLevel | null, limit: number) {
    const profile = await getProfile(db, networkId, accountId);
    if (!profile) throw notFound();
    const p = {
      skills: profile.skills,
      interests: profile.interests,
      languages: profile.languages,
      availability: profile.availability as unknown as AvailabilitySlot[],
      districtIds: profile.district_ids,
    };
    const candidates = await suggestionCandidates(db, networkId, accountId, suggestionPool);
    return candidates
      .filter((c) => level === null || c.level === level)
      .map((c) => ({ c, ...scoreCandidate(p, c) }))
      .filter((s) => s.score > 0 || level !== null)
      .sort((a, b) => b.score - a.score)
      .slice(0, limit)
      .map((s) => ({
        opportunity: presentOpportunity(s.c, actor),
        score: Math.round(s.score * 100) / 100,
        reasons: s.reasons,
      }));
  }

  app.get<{ Querystring: Static<typeof OpportunityListQuery> }>(
    '/',
    {
      schema: {
        tags,
        summary:
          'Find opportunities: filters for level, dates, time of day, online, district, skill, language, text',
        querystring: OpportunityListQuery,
        response: { 200: Page(OpportunityView), ...problems },
      },
    },
    async (req) => {
      const page = paging(req.query);
      const orgId = req.query.organisationId;
      const includeUnpublished = orgId !== undefined && coordinates(req.actor, { organisationIds: [orgId] });
      const { items, total } = await listOpportunities(db, networkId, {
        ...req.query,
        includeUnpublished,
        ...page,
      });
      return { items: items.map((o) => presentOpportunity(o, req.actor)), total, ...page };
    },
  );

  app.get<{ Querystring: Static<typeof MapQuery> }>(
    '/map',
    {
      schema: {
        tags,
        summary: 'Published opportunities with a place inside a bounding box (at most 500)',
        querystring: MapQuery,
        response: { 200: MapView, ...problems },
      },
    },
    async (req) => {
      const { south, west, north, east, ...f } = req.query;
      if (south > north || west > east) throw new Problem(400, 'bad_request');
      const max = 500;
      const rows = await opportunitiesInBox(db, networkId, { south, west, north, east }, f, max + 1);
      return {
        truncated: rows.length > max,
        items: rows.slice(0, max).map((o) => ({
          id: o.id,
          title: o.title,
          level: o.level,
          mode: o.mode,
          lat: o.lat ?? 0,
          lng: o.lng ?? 0,
          nextShiftAt: o.next_shift_at ? new Date(o.next_shift_at).toISOString() : null,
        })),
      };
    },
  );

  app.get<{ Querystring: Static<typeof GeoJsonQuery> }>(
    '/geojson',
    {
      schema: {
        tags,
        summary: `Published opportunities with a place as a GeoJSON FeatureCollection (at most ${mapLimit}, the next date first; truncated says more matched), with the list's filters. Properties: id, title, level, mode, place, district, organisations, nextShiftAt, url`,
        querystring: GeoJsonQuery,
        produces: producesGeoJson,
        response: { 200: OpportunityFeatures, ...problems },
      },
    },
    async (req, reply) => {
      const rows = await opportunitiesOnMap(db, networkId, req.query, mapLimit + 1);
      return sendGeoJson(
        reply,
        featureCollection(
          rows
            .slice(0, mapLimit)
            // published is public; the policy is asked anyway, so a change of the rule reaches the layer
            .filter((o) => opportunityPolicy.view(anonymous, refOf(o)))
            .map((o) =>
              pointFeature(o.id, o.lng as number, o.lat as number, {
                id: o.id,
                title: o.title,
                level: o.level,
                mode: o.mode,
                place: o.mode === 'online' ? '' : o.place,
                district: o.district_name,
                organisations: o.organisations.map((x) => x.name),
                nextShiftAt: o.next_shift_at ? new Date(o.next_shift_at).toISOString() : null,
                url: webPaths.opportunity(o.id),
              }),
            ),
          rows.length > mapLimit,
        ),
      );
    },
  );

  app.get<{ Querystring: Static<typeof SuggestionsQuery> }>(
    '/suggestions',
    {
      schema: {
        tags,
        summary: 'Opportunities that fit my profile (skills, interests, availability, districts, languages)',
        querystring: SuggestionsQuery,
        response: {
          200: { type: 'object', properties: { items: { type: 'array', items: SuggestionView } } },
          ...problems,
        },
      },
    },
    async (req) => {
      const accountId = requireAccount(req);
      return { items: await suggestFor(accountId, req.actor, null, req.query.limit ?? 10) };
    },
  );

  app.get<{ Querystring: Static<typeof SuggestionsQuery> }>(
    '/next-step',
    {
      schema: {
        tags,
        summary:
          'My next step: opportunities one rung up the ladder from the highest level I have confirmed hours at',
        querystring: SuggestionsQuery,
        response: { 200: NextStepView, ...problems },
      },
    },
    async (req) => {
      const accountId = requireAccount(req);
      const done = await confirmedLevels(db, networkId, accountId);
      const highest = done.reduce((max, l) => Math.max(max, ladderLevels.indexOf(l)), -1);
      const currentLevel = highest >= 0 ? (ladderLevels[highest] ?? null) : null;
      const nextLevel = ladderLevels[highest + 1] ?? null;
      return {
        currentLevel,
        nextLevel,
        suggestions: nextLevel ? await suggestFor(accountId, req.actor, nextLevel, req.query.limit ?? 5) : [],
      };
    },
  );

  app.get<{ Querystring: Static<typeof StatsQuery> }>(
    '/stats',
    {
      schema: {
        tags,
        summary: `Places taken, volunteers and confirmed minutes per ladder level and whole month (the range is widened to whole months, so overlapping ranges cannot be subtracted). A cell of 1 to ${minPeoplePerCell - 1} volunteers (with a place or confirmed time) is suppressed: all three figures are null, since places and minutes summed over so few are their personal record and small ones give the count away`,
        querystring: StatsQuery,
        response: { 200: StatsView, ...problems },
      },
    },
    async (req) => {
      requireAccount(req);
      const organisationId = req.query.organisationId ?? null;
      if (!opportunityPolicy.viewStats(req.actor, organisationId)) throw forbidden();
      if (req.query.from > req.query.to) throw new Problem(400, 'bad_request');
      const cells = await countsPerLevel(db, networkId, { organisationId, ...wholeMonths(req.query) });
      return {
        items: cells.map(({ month, level, ...figures }) => ({
          month,
          level,
          ...protectCell(figures.volunteers, figures),
        })),
        minPeoplePerCell,
      };
    },
  );

  app.post<{ Body: Static<typeof OpportunityCreate> }>(
    '/',
    {
      schema: {
        tags,
        summary: 'Create an opportunity for an organisation I act for, alone or jointly with partners',
        body: OpportunityCreate,
        response: { 201: OpportunityView, ...problems },
      },
    },
    async (req, reply) => {
      const id = await createOpportunity(db, commandContext(req, networkId), req.body);
      return reply.code(201).send(presentOpportunity(await load(id, req.actor), req.actor));
    },
  );

  app.get<{ Querystring: Static<typeof PartnerInvitationQuery> }>(
    '/partner-invitations',
    {
      schema: {
        tags,
        summary:
          'Invitations to run an opportunity jointly, waiting for an answer from the organisations I act for',
        querystring: PartnerInvitationQuery,
        response: { 200: Page(PartnerInvitationView), ...problems },
      },
    },
    async (req) => {
      requireAccount(req);
      const page = paging(req.query);
      const mine = [...req.actor.roles.keys()].filter((id) => actsFor(req.actor, id));
      const orgId = req.query.organisationId;
      if (orgId !== undefined && !mine.includes(orgId)) throw forbidden();
      const { items, total } = await pendingInvitations(db, networkId, orgId ? [orgId] : mine, page);
      return {
        items: items.map((r) => ({
          opportunity: {
            id: r.opportunity_id,
            title: r.title,
            description: r.description,
            level: r.level,
            mode: r.mode,
            status: r.status,
          },
          organisation: { id: r.organisation_id, name: r.organisation_name },
          lead: { id: r.lead_id, name: r.lead_name },
          invitedAt: r.added_at.toISOString(),
        })),
        total,
        ...page,
      };
    },
  );

  app.post<{ Params: Static<typeof PartnerParams> }>(
    '/:id/partners/:organisationId/accept',
    {
      schema: {
        tags,
        summary:
          'Accept the invitation to run an opportunity jointly (staff and admins of the invited organisation)',
        params: PartnerParams,
        response: { 200: OpportunityView, ...problems },
      },
    },
    async (req) => {
      await acceptPartnership(db, commandContext(req, networkId), req.params.id, req.params.organisationId);
      return presentOpportunity(await load(req.params.id, req.actor), req.actor);
    },
  );

  app.post<{ Params: Static<typeof PartnerParams> }>(
    '/:id/partners/:organisationId/decline',
    {
      schema: {
        tags,
        summary:
          'Decline the invitation to run an opportunity jointly (staff and admins of the invited organisation)',
        params: PartnerParams,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      await endPartnership(
        db,
        commandContext(req, networkId),
        req.params.id,
        req.params.organisationId,
        'decline',
      );
      return reply.code(204).send();
    },
  );

  app.delete<{ Params: Static<typeof PartnerParams> }>(
    '/:id/partners/:organisationId',
    {
      schema: {
        tags,
        summary:
          "Withdraw an invitation or remove a partner (the lead's coordinators), or leave as a partner; never the lead",
        params: PartnerParams,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      await endPartnership(
        db,
        commandContext(req, networkId),
        req.params.id,
        req.params.organisationId,
        'remove',
      );
      return reply.code(204).send();
    },
  );

  app.get<{ Params: { id: string } }>(
    '/:id',
    {
      schema: {
        tags,
        summary: 'One opportunity',
        params: IdParams,
        response: { 200: OpportunityView, ...problems },
      },
    },
    async (req) => presentOpportunity(await load(req.params.id, req.actor), req.actor),
  );

  app.patch<{ Params: { id: string }; Body: Static<typeof OpportunityUpdate> }>(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Change an opportunity, publish or close it, or change who runs it (its coordinators)',
        params: IdParams,
        body: OpportunityUpdate,
        response: { 200: OpportunityView, ...problems },
      },
    },
    async (req) => {
      await changeOpportunity(db, commandContext(req, networkId), req.params.id, req.body);
      return presentOpportunity(await load(req.params.id, req.actor), req.actor);
    },
  );

  app.get<{ Params: { id: string }; Querystring: Static<typeof ShiftListQuery> }>(
    '/:id/shifts',
    {
      schema: {
        tags,
        summary: 'Upcoming shifts of an opportunity (past=true: all), with my own sign-up on each',
        params: IdParams,
        querystring: ShiftListQuery,
        response: {
          200: { type: 'object', properties: { items: { type: 'array', items: ShiftView } } },
          ...problems,
        },
      },
    },
    async (req) => {
      const o = await load(req.params.id, req.actor);
      const shifts = await listShifts(db, networkId, o.id, !req.query.past);
      const mine = isSignedIn(req.actor)
        ? await mySignupsOn(
            db,
            networkId,
            req.actor.accountId,
            shifts.map((s) => s.id),
          )
        : [];
      return {
        items: shifts.map((s) => {
          const m = mine.find((x) => x.shift_id === s.id);
          return presentShift(s, m ? { id: m.id, status: m.status, waitlistPosition: m.position } : null);
        }),
      };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/:id/shifts.ics',
    {
      schema: {
        tags,
        summary:
          'The coming shifts of a published opportunity as an iCalendar feed (public: the address is shared; no sign-ups in it)',
        params: IdParams,
        produces: ['text/calendar'],
      },
    },
    async (req, reply) => {
      // what anyone may see, whoever asks: a calendar app passes the address on
      const o = await load(req.params.id, anonymous);
      const entries = await opportunityShiftEntries(db, networkId, o.id, {
        from: new Date(),
        limit: 500,
      });
      const cal = entriesCalendar(
        app.deps.config.publicUrl,
        { name: o.title, product: 'Mitmachen', locale: req.locale },
        entries,
      );
      reply.header('cache-control', 'public, max-age=300');
      return reply.type('text/calendar; charset=utf-8').send(cal.toString());
    },
  );

  app.post<{ Params: { id: string }; Body: Static<typeof ShiftCreate> }>(
    '/:id/shifts',
    {
      schema: {
        tags,
        summary: 'Add a shift (coordinators); a mini task has exactly one, of at most 2 hours',
        params: IdParams,
        body: ShiftCreate,
        response: { 201: ShiftView, ...problems },
      },
    },
    async (req, reply) => {
      const ctx = commandContext(req, networkId);
      const o = await load(req.params.id, req.actor);
      if (!opportunityPolicy.manageShifts(req.actor, refOf(o))) throw forbidden();
      const start = new Date(req.body.startsAt);
      const end = new Date(req.body.endsAt);
      if (!(end > start) || end.getTime() - start.getTime() > 24 * 3600_000)
        throw new Problem(422, 'shift.invalid_period', {
          fields: [{ field: '/endsAt', code: 'field.invalid' }],
        });
      const id = await executeTx(db, async (tx) => {
        let row: { id: string; starts_at: Date };
        try {
          row = await insertShift(tx, networkId, { ...req.body, opportunityId: o.id });
        } catch (err) {
          if (breaksMiniRule(err)) throw new Problem(422, 'opportunity.mini_rules');
          throw err;
        }
        await scheduleShiftReminder(tx, networkId, row.id, row.starts_at);
        await audit(tx, {
          networkId,
          actorId: ctx.actorId,
          action: 'shift.created',
          entityType: 'shift',
          entityId: row.id,
          details: { opportunityId: o.id, capacity: req.body.capacity },
          ip: ctx.ip,
        });
        // a published opportunity's next dates are part of what its followers elsewhere see
        await federateChange(tx, networkId, 'opportunity', o.id, leadOf(o));
        return row.id;
      });
      const shift = await findShift(db, networkId, id);
      if (!shift) throw notFound();
      return reply.code(201).send(presentShift(shift, null));
    },
  );
}
