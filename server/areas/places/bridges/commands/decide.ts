import type { Transaction } from 'kysely';
import type { DB } from '../../../../db/schema.ts';
import { type Executor, executeTx } from '../../../../db/tx.ts';
import type { CommandContext } from '../../../../http/context.ts';
import { forbidden, Problem } from '../../../../http/problem.ts';
import { t } from '../../../../i18n/messages.ts';
import { auditInsert } from '../../../../platform/audit.ts';
import { sendMail } from '../../../../platform/mail.ts';
import { type NewNotification, notificationInsert } from '../../../../platform/notifications.ts';
import { webPaths } from '../../../../platform/webPaths.ts';
import { suggestionFor } from '../access.ts';
import type { PartyType } from '../match.ts';
import { type SuggestionRef, sidesOf, suggestionPolicy } from '../policies/suggestion.ts';
import {
  notSetAside,
  peopleOfSide,
  type Side,
  type SuggestionRow,
  updateSuggestion,
} from '../repositories/suggestions.ts';
import { farText, fitText } from '../wording.ts';

/** What telling the two sides needs beyond the request: where the network lives and whether mail goes out. */
export interface BridgeEnv {
  publicUrl: string;
  networkName: string;
  smtp: boolean;
  /** when it happens, if not now (the demo town's history) */
  now?: Date;
}

/** How long "not now" hides a suggestion before it may come back. */
export const hiddenDays = 90;
/** How long after an introduction the follow-up looks whether something came of it. */
export const followUpDays = 30;

const day = 86_400_000;

/** One side of a suggestion: who it is and how others reach it. */
export interface SideOf {
  side: Side;
  type: PartyType;
  id: string;
  name: string;
  slug: string;
}

export function sideOf(row: SuggestionRow, side: Side): SideOf {
  if (side === 'a')
    return { side, type: 'organisation', id: row.organisation_id, name: row.a_name, slug: row.a_slug };
  return row.other_organisation_id
    ? { side, type: 'organisation', id: row.other_organisation_id, name: row.b_name, slug: row.b_slug }
    : { side, type: 'community', id: row.other_community_id!, name: row.b_name, slug: row.b_slug };
}

const otherSide = (s: Side): Side => (s === 'a' ? 'b' : 'a');

/** Why a side's request does not fit the suggestion's state: in words a person can act on. */
function refusal(actor: CommandContext['actor'], ref: SuggestionRef): Problem {
  if (sidesOf(actor, ref).length === 0) return forbidden();
  if (ref.status === 'introduced') return new Problem(409, 'bridge.introduced_already');
  if (ref.status === 'not_now') return new Problem(409, 'bridge.set_aside');
  return new Problem(409, 'bridge.accepted_already');
}

/**
 * A side says yes. Guarantees: under the suggestion's row lock, so two sides saying yes at the same
 * moment introduce the two exactly once (the second sees the first's yes); the first yes asks the
 * other side (a notification to its people), the second introduces them (sendIntroduction); the side
 * that set it aside may still say yes. Someone who speaks for both sides says yes for both. Audited.
 */
export async function acceptSuggestion(db: Executor, ctx: CommandContext, id: string, env: BridgeEnv) {
  return executeTx(db, async (tx) => {
    const now = env.now ?? new Date();
    const { row, ref } = await suggestionFor(tx, ctx.networkId, ctx.actor, id, true);
    if (!suggestionPolicy.accept(ctx.actor, ref)) throw refusal(ctx.actor, ref);
    const mine = sidesOf(ctx.actor, ref).filter((s) => !ref.accepted[s]);
    const accepted = { a: ref.accepted.a || mine.includes('a'), b: ref.accepted.b || mine.includes('b') };
    const both = accepted.a && accepted.b;
    await updateSuggestion(tx, ctx.networkId, id, {
      ...Object.fromEntries(
        mine.flatMap((s) => [
          [`${s}_accepted_at`, now],
          [`${s}_accepted_by`, ctx.actorId],
        ]),
      ),
      ...notSetAside,
      ...(both
        ? {
            status: 'introduced' as const,
            introduced_at: now,
            introduced_via: 'both' as const,
            follow_up_due_at: new Date(now.getTime() + followUpDays * day),
          }
        : { status: 'accepted' as const }),
      updated_at: now,
    });
    for (const s of mine)
      await auditInsert(tx, {
        networkId: ctx.networkId,
        actorId: ctx.actorId,
        action: 'bridge.accepted',
        entityType: 'bridge_suggestion',
        entityId: id,
        details: { for: { type: sideOf(row, s).type, id: sideOf(row, s).id } },
        ip: ctx.ip,
      }).execute();
    if (both) await introduce(tx, ctx, row, 'both', env, now);
    else {
      const asking = sideOf(row, mine[0]!);
      const asked = sideOf(row, otherSide(mine[0]!));
      const people = await peopleOfSide(tx, ctx.networkId, asked);
      await notificationInsert(
        tx,
        people
          .filter((p) => p.id !== ctx.actorId)
          .map((p) => ({
            networkId: ctx.networkId,
            accountId: p.id,
            kind: 'bridge.asked' as const,
            params: { name: asking.name, organisation: asked.name },
            link: webPaths.bridge(id),
          })),
      )?.execute();
    }
    return { status: both ? ('introduced' as const) : ('accepted' as const) };
  });
}

/**
 * The network's coordinator introduces the two directly, without waiting for their yes. Guarantees:
 * only while the suggestion waits (not after a side set it aside: a "not now" is respected), under
 * the row lock (so it never meets a side's yes into a second introduction). Audited.
 */
export async function introduceSuggestion(db: Executor, ctx: CommandContext, id: string, env: BridgeEnv) {
  return executeTx(db, async (tx) => {
    const now = env.now ?? new Date();
    const { row, ref } = await suggestionFor(tx, ctx.networkId, ctx.actor, id, true);
    if (!suggestionPolicy.introduce(ctx.actor, ref)) {
      if (!ctx.actor.isInstanceAdmin) throw forbidden();
      throw new Problem(409, ref.status === 'introduced' ? 'bridge.introduced_already' : 'bridge.set_aside');
    }
    await updateSuggestion(tx, ctx.networkId, id, {
      status: 'introduced',
      introduced_at: now,
      introduced_via: 'coordinator',
      introduced_by: ctx.actorId,
      follow_up_due_at: new Date(now.getTime() + followUpDays * day),
      ...notSetAside,
      updated_at: now,
    });
    await introduce(tx, ctx, row, 'coordinator', env, now);
  });
}

/**
 * "Not now": the suggestion is hidden for `hiddenDays`, then the generation may bring it back. A side
 * or the coordinator sets it aside, with an optional reason only that side (or the coordinator) reads
 * again; the other side learns only that it waits. Audited (without the reason).
 */
export async function setAsideSuggestion(
  db: Executor,
  ctx: CommandContext,
  id: string,
  reason: string,
  env: Pick<BridgeEnv, 'now'> = {},
) {
  return executeTx(db, async (tx) => {
    const now = env.now ?? new Date();
    const { ref } = await suggestionFor(tx, ctx.networkId, ctx.actor, id, true);
    if (!suggestionPolicy.setAside(ctx.actor, ref)) {
      if (ref.status === 'introduced') throw new Problem(409, 'bridge.introduced_already');
      throw new Problem(409, 'bridge.set_aside');
    }
    const sides = sidesOf(ctx.actor, ref);
    const side = sides[0] ?? 'coordinator';
    const until = new Date(now.getTime() + hiddenDays * day);
    await updateSuggestion(tx, ctx.networkId, id, {
      status: 'not_now',
      not_now_at: now,
      not_now_side: side,
      not_now_reason: reason.trim().slice(0, 500),
      not_now_by: ctx.actorId,
      hidden_until: until,
      updated_at: now,
    });
    await auditInsert(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'bridge.set_aside',
      entityType: 'bridge_suggestion',
      entityId: id,
      details: { by: side, until: until.toISOString() },
      ip: ctx.ip,
    }).execute();
  });
}

/**
 * The introduction itself, in the caller's transaction: every person who speaks for either side gets
 * a notification (but the one who just acted) and an email in their own language with the reason and
 * the other side's way in — an organisation's enquiry form through the network, a community's page —
 * never anyone's email address. Audited.
 */
async function introduce(
  tx: Transaction<DB>,
  ctx: CommandContext,
  row: SuggestionRow,
  via: 'both' | 'coordinator',
  env: BridgeEnv,
  now: Date,
) {
  const link = webPaths.bridge(row.id);
  const notes: NewNotification[] = [];
  for (const s of ['a', 'b'] as const) {
    const own = sideOf(row, s);
    const other = sideOf(row, otherSide(s));
    const contact =
      other.type === 'organisation' ? `${env.publicUrl}${webPaths.organisation(other.slug)}` : '';
    for (const p of await peopleOfSide(tx, ctx.networkId, own)) {
      if (p.id !== ctx.actorId)
        notes.push({
          networkId: ctx.networkId,
          accountId: p.id,
          kind: 'bridge.introduced',
          params: { name: other.name, organisation: own.name },
          link,
        });
      const params = {
        name: p.display_name,
        network: env.networkName,
        own: own.name,
        other: other.name,
        contact,
        link: `${env.publicUrl}${link}`,
        days: followUpDays,
      };
      await sendMail(
        tx,
        {
          networkId: ctx.networkId,
          to: p.email,
          subject: t(p.locale, 'email.bridge.introduced.subject', params),
          text: t(p.locale, 'email.bridge.introduced.body', {
            ...params,
            fit: fitText(p.locale, row),
            far: farText(p.locale, row),
            contact: t(
              p.locale,
              other.type === 'organisation'
                ? 'email.bridge.contact.organisation'
                : 'email.bridge.contact.community',
              params,
            ),
          }),
        },
        env.smtp,
      );
    }
  }
  await notificationInsert(tx, notes)?.execute();
  await auditInsert(tx, {
    networkId: ctx.networkId,
    actorId: ctx.actorId,
    action: 'bridge.introduced',
    entityType: 'bridge_suggestion',
    entityId: row.id,
    details: { via, at: now.toISOString() },
    ip: ctx.ip,
  }).execute();
}
