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
  const circle = await findCircleFor(ex, networkId, circleId, actor.accountId);
  if (!circle) throw notFound();
  const access = accessOf(circle);
  if (!access.live && access.role !== 'owner') throw notFound();
  if (!check(access)) throw notFound();
  // HEAD too: it answers with the same headers (a file's name and size) without the body
  if ((req.method === 'GET' || req.method === 'HEAD') && access.role === 'professional') {
    await audit(ex, {
      networkId,
      actorId: actor.accountId,
      action: 'circle.read',
      entityType: 'circle',
      entityId: circleId,
      details: { what: req.routeOptions.url?.replace('/api/v1/circles', '') ?? '' },
      ip: clientIp(req),
    });
  }
  return { circle, access, accountId: actor.accountId };
}

export function accessOf(circle: CircleForMember): CircleAccess {
  return {
    role: circle.role,
    live: isLive(circle),
    scope: new Set((circle.consent_scope ?? []) as ConsentScope[]),
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
  if (!change(l.access)) {
    if (!l.access.live) throw new Problem(409, 'circle.frozen');
    throw new Problem(403, 'forbidden');
  }
  return l;
}
