import { Type } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ConsentScope } from '../../../../db/schema.ts';
import type { Executor } from '../../../../db/tx.ts';
import { clientIp } from '../../../../http/context.ts';
import { notFound, Problem } from '../../../../http/problem.ts';
import { Uuid } from '../../../../http/schemas.ts';
import { audit } from '../../../../platform/audit.ts';
import { isSignedIn } from '../../../../policies/actor.ts';
import { type CircleAccess, isLive } from '../../policies/circle.ts';
import { type CircleForMember, findCircleFor } from '../../repositories/circles.ts';

export const tags = ['circles'];
export const CircleParams = Type.Object({ id: Uuid }, { additionalProperties: false });

export interface Loaded {
  circle: CircleForMember;
  access: CircleAccess;
  accountId: string;
}

/**
 * The one door into a circle. Anyone who is not a member — anonymous, instance admins, staff of the
 * organisation that opened it — gets 404, exactly like a circle that does not exist. A member whose
 * role the policy `check` refuses gets 404 as well: they learn nothing about a part they may not see.
 * A frozen circle (consent withdrawn, deletion pending) is visible to its owner only.
 *
 * Every read by a member with the role professional (GET, and HEAD, which Fastify answers for every GET
 * route) is written to the audit trail the owner reads — downloads of attachments included.
 */
export async function loadCircle(
  app: FastifyInstance,
  req: FastifyRequest,
  ex: Executor,
  circleId: string,
  check: (a: CircleAccess) => boolean,
): Promise<Loaded> {
  const actor = req.actor;
  if (!isSignedIn(actor)) throw notFound();
  const networkId = app.deps.network.id;
  const l = await openCircle(ex, networkId, circleId, actor.accountId, check);
  // HEAD too: it answers with the same headers (a file's name and size) without the body
  if (req.method === 'GET' || req.method === 'HEAD') {
    await logRead(ex, l, {
      networkId,
      circleId,
      what: req.routeOptions.url?.replace('/api/v1/circles', '') ?? '',
      ip: clientIp(req),
    });
  }
  return l;
}

/**
 * The door for a known account without a request of its own (the calendar feed, reached by a secret
 * URL): 404 for a non-member, for a frozen circle to anyone but its owner, and when `check` refuses.
 */
export async function openCircle(
  ex: Executor,
  networkId: string,
  circleId: string,
  accountId: string,
  check: (a: CircleAccess) => boolean,
): Promise<Loaded> {
  const circle = await findCircleFor(ex, networkId, circleId, accountId);
  if (!circle) throw notFound();
  const access = accessOf(circle);
  if (!access.live && access.role !== 'owner') throw notFound();
  if (!check(access)) throw notFound();
  return { circle, access, accountId };
}

/** A read of `what` (a route path) by a professional goes into the owner's access log; others' reads are not logged. */
export async function logRead(
  ex: Executor,
  l: Loaded,
  r: { networkId: string; circleId: string; what: string; ip: string },
) {
  if (l.access.role !== 'professional') return;
  await audit(ex, {
    networkId: r.networkId,
    actorId: l.accountId,
    action: 'circle.read',
    entityType: 'circle',
    entityId: r.circleId,
    details: { what: r.what },
    ip: r.ip,
  });
}

export function accessOf(circle: CircleForMember): CircleAccess {
  return {
    role: circle.role,
    live: isLive(circle),
    scope: new Set((circle.consent_scope ?? []) as ConsentScope[]),
    preparing: !circle.has_owner,
  };
}

/**
 * For changes: a member who may see this part but not change it gets 403 (the client hid the button);
 * one who may not even see it gets 404.
 */
export async function loadForChange(
  app: FastifyInstance,
  req: FastifyRequest,
  ex: Executor,
  circleId: string,
  see: (a: CircleAccess) => boolean,
  change: (a: CircleAccess) => boolean,
): Promise<Loaded> {
  const l = await loadCircle(app, req, ex, circleId, see);
  if (!change(l.access)) throw refusal(l.access);
  return l;
}

/** Why a member who sees something may not change it: the circle is frozen (409), or their role (403). */
export const refusal = (a: CircleAccess) =>
  a.live ? new Problem(403, 'forbidden') : new Problem(409, 'circle.frozen');
