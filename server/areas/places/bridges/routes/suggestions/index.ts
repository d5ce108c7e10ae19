import type { Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Executor } from '../../../../../db/tx.ts';
import { commandContext, requireAccount } from '../../../../../http/context.ts';
import { paging } from '../../../../../http/paging.ts';
import { forbidden } from '../../../../../http/problem.ts';
import { IdParams, problems } from '../../../../../http/schemas.ts';
import type { Actor } from '../../../../../policies/actor.ts';
import { refOf, suggestionFor } from '../../access.ts';
import {
  acceptSuggestion,
  type BridgeEnv,
  introduceSuggestion,
  setAsideSuggestion,
} from '../../commands/decide.ts';
import { answerFollowUp } from '../../commands/followUp.ts';
import { hitRateByMonth } from '../../hitRate.ts';
import {
  type SuggestionRef,
  sidesOf,
  suggestionAbilities,
  suggestionPolicy,
} from '../../policies/suggestion.ts';
import { listSuggestions, type SuggestionRow, sidesOfActor } from '../../repositories/suggestions.ts';
import { BridgeList, BridgeListQuery, BridgeView, FollowUpBody, HitRate, NotNowBody } from './schema.ts';

/** A suggestion as the person asking may see it: never a person's name; idleness and reasons only for their own. */
export function present(r: SuggestionRow, ref: SuggestionRef, actor: Actor): Static<typeof BridgeView> {
  const mine = sidesOf(actor, ref);
  const side = (s: 'a' | 'b') => ({
    side: s,
    type: s === 'a' || r.other_organisation_id ? ('organisation' as const) : ('community' as const),
    id: s === 'a' ? r.organisation_id : (r.other_organisation_id ?? r.other_community_id!),
    name: s === 'a' ? r.a_name : r.b_name,
    slug: s === 'a' ? r.a_slug : r.b_slug,
    sector: (s === 'a' ? r.a_sector : r.b_sector) as Static<typeof BridgeView>['sides'][number]['sector'],
    district: s === 'a' ? r.a_district : r.b_district,
    mine: mine.includes(s),
    accepted: (s === 'a' ? r.a_accepted_at : r.b_accepted_at) !== null,
  });
  const ownAnswer = mine.map((s) => (s === 'a' ? r.a_met : r.b_met)).find((x) => x !== null) ?? null;
  return {
    id: r.id,
    status: r.status,
    sides: [side('a'), side('b')],
    reason: {
      theme: r.theme,
      giver: r.giver,
      offer: {
        type: r.offer_type,
        id: r.offer_id,
        title: r.offer_title,
        idle: suggestionPolicy.seeIdle(actor, ref) ? r.offer_idle : null,
      },
      need: { type: r.need_type, id: r.need_id, title: r.need_title },
      differentSector: r.different_sector,
      differentDistrict: r.different_district,
      steps: r.steps,
    },
    notNow:
      r.status === 'not_now' && r.not_now_side && r.hidden_until
        ? {
            by: r.not_now_side,
            until: r.hidden_until.toISOString(),
            reason: suggestionPolicy.seeNotNowReason(actor, ref) ? r.not_now_reason : null,
          }
        : null,
    introduced:
      r.introduced_at && r.introduced_via
        ? { at: r.introduced_at.toISOString(), via: r.introduced_via }
        : null,
    // what came of an introduction is the two sides' own: the coordinator sees it only in the hit rate
    followUp:
      r.follow_up_due_at && mine.length > 0
        ? {
            dueAt: r.follow_up_due_at.toISOString(),
            askedAt: r.follow_up_asked_at?.toISOString() ?? null,
            answer: ownAnswer,
            outcome: r.outcome,
          }
        : null,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    abilities: suggestionAbilities(actor, ref),
  };
}

/**
 * Bridges worth building: suggestions of introductions between organisations (and communities) that
 * are far apart in the network but could help each other, made by a background job
 * (commands/generateSuggestions.ts). The people who speak for the two sides see theirs, say yes or
 * "not now", and after the introduction answer whether they met; the network's coordinator sees all
 * of them, introduces directly and reads the hit rate. A suggestion is not found for anyone else.
 */
export async function suggestionRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const tags = ['places'];
  const env = (): BridgeEnv => ({
    publicUrl: app.deps.config.publicUrl,
    networkName: app.deps.network.name,
    smtp: Boolean(app.deps.config.smtpUrl),
  });

  async function answer(actor: Actor, id: string) {
    const { row, ref } = await suggestionFor(db, networkId, actor, id);
    return present(row, ref, actor);
  }

  async function presentAll(tx: Executor, rows: SuggestionRow[], actor: Actor) {
    const out = [];
    for (const r of rows) out.push(present(r, await refOf(tx, networkId, r), actor));
    return out;
  }

  app.get<{ Querystring: Static<typeof BridgeListQuery> }>(
    '/',
    {
      schema: {
        tags,
        summary:
          'Suggestions of introductions: those concerning the organisations and communities I speak for (scope=mine, the default), or all of them for the network coordinator (scope=all; the default for instance admins)',
        querystring: BridgeListQuery,
        response: { 200: BridgeList, ...problems },
      },
    },
    async (req) => {
      requireAccount(req);
      const all = suggestionPolicy.listAll(req.actor);
      const scope = req.query.scope ?? (all ? 'all' : 'mine');
      if (scope === 'all' && !all) throw forbidden();
      const page = paging(req.query);
      const sides = scope === 'all' ? null : await sidesOfActor(db, networkId, req.actor);
      const { rows, total } = await listSuggestions(db, networkId, {
        sides,
        ...(req.query.status ? { status: req.query.status } : {}),
        ...page,
      });
      return { items: await presentAll(db, rows, req.actor), total, ...page, scope };
    },
  );

  app.get(
    '/hit-rate',
    {
      schema: {
        tags,
        summary:
          'How many introductions led to an interaction, month by month for the last twelve months (the network coordinator; cells of fewer than five people are hidden)',
        response: { 200: HitRate, ...problems },
      },
    },
    async (req) => {
      requireAccount(req);
      if (!suggestionPolicy.viewHitRate(req.actor)) throw forbidden();
      return hitRateByMonth(db, networkId);
    },
  );

  app.get<{ Params: Static<typeof IdParams> }>(
    '/:id',
    {
      schema: {
        tags,
        summary: 'One suggestion with its reason (its two sides and the coordinator; 404 for everyone else)',
        params: IdParams,
        response: { 200: BridgeView, ...problems },
      },
    },
    async (req) => {
      requireAccount(req);
      return answer(req.actor, req.params.id);
    },
  );

  app.post<{ Params: Static<typeof IdParams> }>(
    '/:id/accept',
    {
      schema: {
        tags,
        summary:
          'Say yes for my side: the other side is asked; once both said yes, both are introduced (a notification and an email with the way to reach the other)',
        params: IdParams,
        response: { 200: BridgeView, ...problems },
      },
    },
    async (req) => {
      await acceptSuggestion(db, commandContext(req, networkId), req.params.id, env());
      return answer(req.actor, req.params.id);
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof NotNowBody> }>(
    '/:id/not-now',
    {
      schema: {
        tags,
        summary:
          'Not now: the suggestion is set aside for 90 days (a side or the coordinator; the optional reason is read only by that side and the coordinator)',
        params: IdParams,
        body: NotNowBody,
        response: { 200: BridgeView, ...problems },
      },
    },
    async (req) => {
      await setAsideSuggestion(db, commandContext(req, networkId), req.params.id, req.body.reason ?? '');
      return answer(req.actor, req.params.id);
    },
  );

  app.post<{ Params: Static<typeof IdParams> }>(
    '/:id/introduce',
    {
      schema: {
        tags,
        summary: 'Introduce the two sides directly (the network coordinator), without waiting for their yes',
        params: IdParams,
        response: { 200: BridgeView, ...problems },
      },
    },
    async (req) => {
      await introduceSuggestion(db, commandContext(req, networkId), req.params.id, env());
      return answer(req.actor, req.params.id);
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof FollowUpBody> }>(
    '/:id/follow-up',
    {
      schema: {
        tags,
        summary:
          'Answer "did you meet?" for my side, once asked: yes records the meeting as an offline interaction of the two',
        params: IdParams,
        body: FollowUpBody,
        response: { 200: BridgeView, ...problems },
      },
    },
    async (req) => {
      await answerFollowUp(db, commandContext(req, networkId), req.params.id, req.body.met);
      return answer(req.actor, req.params.id);
    },
  );
}
