import type { ResourceKind } from '../../../db/schema.ts';
import { Problem } from '../../../http/problem.ts';
import type { MessageKey } from '../../../i18n/messages.ts';
import type { ResourceFields } from '../repositories/resources.ts';

/**
 * What each kind of resource is asked about. Lending (rooms, equipment, vehicles) has a deposit and
 * a buffer time between bookings, and only a room has a number of people; a give-away costs
 * nothing; a skill or a service is neither lent nor given away. The web form shows a kind's fields
 * only, and the server holds the same rule (so do two CHECK constraints of the resource table):
 *
 * - a value a kind cannot have (a deposit for a skill) is refused, naming the field, unless it is
 *   the neutral one (0, empty, none) that a client sending every field would send;
 * - a resource that becomes another kind loses the values its new kind cannot have.
 */

type KindField = 'depositCents' | 'bufferMinutes' | 'feeCents' | 'feeNote' | 'capacity';

const lending: readonly ResourceKind[] = ['room', 'equipment', 'vehicle'];

/** Which of the kind-bound fields each kind has. */
export const kindHas: Record<KindField, (kind: ResourceKind) => boolean> = {
  depositCents: (k) => lending.includes(k),
  bufferMinutes: (k) => lending.includes(k),
  feeCents: (k) => k !== 'giveaway',
  feeNote: (k) => k !== 'giveaway',
  capacity: (k) => k === 'room',
};

const neutral = { depositCents: 0, bufferMinutes: 0, feeCents: 0, feeNote: '', capacity: null } as const;

const refusal: Record<KindField, MessageKey> = {
  depositCents: 'resource.deposit_lending_only',
  bufferMinutes: 'resource.buffer_lending_only',
  feeCents: 'resource.giveaway_free',
  feeNote: 'resource.giveaway_free',
  capacity: 'resource.capacity_rooms_only',
};

const isNeutral = (field: KindField, v: unknown) => v === undefined || v === neutral[field] || v === '';

/**
 * The fields of a create or change as they may be stored for `kind`: a 422 naming every field
 * that has a value the kind cannot have; otherwise the change, with the fields the kind lacks
 * set back to neutral when `kindChanges` (a resource that becomes a skill loses its deposit).
 */
export function fieldsForKind<F extends Partial<ResourceFields>>(
  kind: ResourceKind,
  f: F,
  kindChanges: boolean,
): F {
  const fields = (Object.keys(kindHas) as KindField[]).filter((k) => !kindHas[k](kind));
  const wrong = fields.filter((k) => !isNeutral(k, f[k]));
  if (wrong.length > 0)
    throw new Problem(422, 'validation', {
      fields: wrong.map((k) => ({ field: `/${k}`, code: refusal[k] })),
    });
  if (!kindChanges) return f;
  const cleared: Partial<ResourceFields> = {};
  for (const k of fields) Object.assign(cleared, { [k]: neutral[k] });
  return { ...f, ...cleared };
}
