import { type Executor, executeTx } from '../../../../db/tx.ts';
import type { CommandContext } from '../../../../http/context.ts';
import { forbidden, Problem } from '../../../../http/problem.ts';
import { auditInsert } from '../../../../platform/audit.ts';
import { type Party, recordInteraction } from '../../../../platform/interactions.ts';
import { notificationInsert } from '../../../../platform/notifications.ts';
import { webPaths } from '../../../../platform/webPaths.ts';
import { suggestionFor } from '../access.ts';
import { sidesOf, suggestionPolicy } from '../policies/suggestion.ts';
import { interactionBetween } from '../repositories/graph.ts';
import {
  askedWithoutOutcome,
  claimDueFollowUps,
  findSuggestion,
  peopleOfSide,
  setAsked,
  setOutcomeFound,
  updateSuggestion,
} from '../repositories/suggestions.ts';
import { sideOf } from './decide.ts';

/** The job kind of the follow-up sweep (recurring, see ../index.ts). */
export const followUpJob = 'places.bridges_follow_up';

/** How long after an introduction a later interaction still counts as having come of it. */
export const countsForDays = 180;

/** The source an interaction written by a "yes, we met" names. */
export const introductionSource = 'bridge_suggestion';

const sidesOfRow = (r: {
  organisation_id: string;
  other_organisation_id: string | null;
  other_community_id: string | null;
}) =>
  [
    { type: 'organisation' as const, id: r.organisation_id },
    r.other_organisation_id
      ? { type: 'organisation' as const, id: r.other_organisation_id }
      : { type: 'community' as const, id: r.other_community_id! },
  ] as const;

/**
 * The follow-up of introductions. When an introduction's follow-up is due (`followUpDays` after it),
 * the record is searched for a confirmed interaction of the two since the introduction, in any area
 * (a circle's never count): found, the outcome is recorded; otherwise the people of both sides are
 * asked "did you meet?". Introductions asked about and still without an answer are looked at again on
 * each run for `countsForDays`, since a loan or a shift of the two may come later. Guarantees: each
 * due introduction is claimed by one statement (followed_up_at), so two runs never ask twice; all in
 * one transaction. Returns how many were due.
 */
export async function followUpIntroductions(db: Executor, networkId: string, now = new Date()) {
  return executeTx(db, async (tx) => {
    const due = await claimDueFollowUps(tx, networkId, now);
    for (const s of due) {
      const [a, b] = sidesOfRow(s);
      const found = await interactionBetween(tx, networkId, a, b, s.introduced_at!);
      if (found) {
        await setOutcomeFound(tx, networkId, s.id, found, now);
        continue;
      }
      await setAsked(tx, networkId, s.id, now);
      const row = await findSuggestion(tx, networkId, s.id);
      if (!row) continue;
      const notes = [];
      for (const side of ['a', 'b'] as const) {
        const own = sideOf(row, side);
        const other = sideOf(row, side === 'a' ? 'b' : 'a');
        for (const p of await peopleOfSide(tx, networkId, own))
          notes.push({
            networkId,
            accountId: p.id,
            kind: 'bridge.follow_up' as const,
            params: { name: other.name, organisation: own.name },
            link: webPaths.bridge(s.id),
          });
      }
      await notificationInsert(tx, notes)?.execute();
    }
    for (const s of await askedWithoutOutcome(tx, networkId, now, countsForDays)) {
      const [a, b] = sidesOfRow(s);
      const found = await interactionBetween(tx, networkId, a, b, s.introduced_at!);
      if (found) await setOutcomeFound(tx, networkId, s.id, found, now);
    }
    return due.length;
  });
}

/**
 * A side's one-click answer to "did you meet?". Guarantees: under the row lock; each side answers
 * once; a yes records the meeting as an offline interaction of the two (area 'places', kind
 * 'introduction', the suggestion as its source, so answering yes twice never records it twice) and
 * settles the outcome; two noes settle it as not met. The interaction stands between two
 * organisations; for a community side it stands between the person who answered for the community and
 * the organisation — nobody is put into the graph by someone else's hand, so an organisation's yes
 * alone writes no tie to a community's people. Audited.
 */
export async function answerFollowUp(
  db: Executor,
  ctx: CommandContext,
  id: string,
  met: boolean,
  env: { now?: Date } = {},
) {
  return executeTx(db, async (tx) => {
    const now = env.now ?? new Date();
    const { row, ref } = await suggestionFor(tx, ctx.networkId, ctx.actor, id, true);
    if (!suggestionPolicy.answer(ctx.actor, ref)) {
      if (sidesOf(ctx.actor, ref).length === 0) throw forbidden();
      if (ref.status !== 'introduced' || !ref.followUpAsked) throw new Problem(409, 'bridge.not_asked');
      throw new Problem(409, 'bridge.answered');
    }
    const answering = sidesOf(ctx.actor, ref).filter((s) => ref.met[s] === null);
    const answers = { ...ref.met };
    for (const s of answering) answers[s] = met;
    let interactionId: string | null = null;
    if (met) {
      const a = sideOf(row, 'a');
      const b = sideOf(row, 'b');
      const parties: [Party, Party] | null =
        b.type === 'organisation'
          ? [
              { type: 'organisation', id: a.id },
              { type: 'organisation', id: b.id },
            ]
          : answering.includes('b')
            ? [
                { type: 'person', id: ctx.actorId },
                { type: 'organisation', id: a.id },
              ]
            : null;
      if (parties) {
        await recordInteraction(tx, {
          networkId: ctx.networkId,
          area: 'places',
          kind: 'introduction',
          mode: 'offline',
          a: parties[0],
          b: parties[1],
          occurredAt: now,
          source: { type: introductionSource, id },
        });
        const written = await tx
          .selectFrom('interaction')
          .select('id')
          .where('network_id', '=', ctx.networkId)
          .where('source_type', '=', introductionSource)
          .where('source_id', '=', id)
          .orderBy('created_at')
          .executeTakeFirst();
        interactionId = written?.id ?? null;
      }
    }
    const settled =
      ref.outcome === null
        ? met
          ? 'met'
          : answers.a === false && answers.b === false
            ? 'not_met'
            : null
        : null;
    await updateSuggestion(tx, ctx.networkId, id, {
      ...Object.fromEntries(
        answering.flatMap((s) => [
          [`${s}_met`, met],
          [`${s}_met_by`, ctx.actorId],
        ]),
      ),
      ...(settled ? { outcome: settled, outcome_at: now } : {}),
      // the meeting that counts: written now, or by a community's yes after the organisation's
      ...(interactionId && (settled === 'met' || ref.outcome === 'met')
        ? { outcome_interaction_id: interactionId }
        : {}),
      updated_at: now,
    });
    await auditInsert(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'bridge.answered',
      entityType: 'bridge_suggestion',
      entityId: id,
      details: { met },
      ip: ctx.ip,
    }).execute();
  });
}
