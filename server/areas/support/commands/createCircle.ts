import { type Executor, executeTx } from '../../../db/tx.ts';
import { notFound, Problem } from '../../../http/problem.ts';
import { audit } from '../../../platform/audit.ts';
import type { Actor } from '../../../policies/actor.ts';
import { findAccount, normaliseEmail } from '../../../repositories/accounts.ts';
import { circlePolicy } from '../policies/circle.ts';
import { addMember, appendConsent, type ConsentInput, insertCircle } from '../repositories/circles.ts';

export interface CircleRequest {
  personLabel?: string;
  alertHours?: number;
  onBehalf?: {
    organisationId: string;
    person: { label: string; email?: string; accountId?: string };
    proxyAccountId?: string;
    consent: Omit<
      ConsentInput,
      'kind' | 'recordedBy' | 'organisationId' | 'givenAt' | 'note' | 'guardianName' | 'legalBasis'
    > & {
      guardianName?: string;
      givenAt?: string;
      note?: string;
      legalBasis?: string;
    };
  };
}

/**
 * Opens a support circle.
 *
 * Guarantees: a circle never exists without a consent record, written in the same transaction. A
 * person opening their own circle is its owner, and their digital consent covers every part. A
 * professional (staff or admin of an organisation) opens one only on the person's behalf with the
 * consent of the person or a legal guardian recorded, plus the organisation's own legal basis for its
 * work — and never owns it: the person at the centre does (when named by their account), or their
 * legal representative (named by account, never the professional themselves). Otherwise nobody owns it
 * yet, and it is only being prepared until the person or their representative accepts an invitation
 * (policies/circle.ts, `prepares`). The professional joins with the role professional, so every read of
 * theirs is in the access log the owner reads.
 */
export async function createCircle(
  db: Executor,
  ctx: { networkId: string; actor: Actor; actorId: string; ip: string },
  r: CircleRequest,
): Promise<string> {
  const { networkId, actorId } = ctx;
  return executeTx(db, async (tx) => {
    if (!r.onBehalf) {
      if (!circlePolicy.create(ctx.actor)) throw new Problem(403, 'forbidden');
      const me = await findAccount(tx, networkId, actorId);
      if (!me) throw notFound();
      const circle = await insertCircle(tx, networkId, {
        personLabel: r.personLabel ?? me.display_name,
        personEmail: me.email,
        personAccountId: actorId,
        organisationId: null,
        createdBy: actorId,
        ...(r.alertHours ? { alertHours: r.alertHours } : {}),
      });
      await addMember(tx, networkId, circle.id, actorId, 'owner');
      await appendConsent(tx, networkId, circle.id, {
        kind: 'granted',
        givenBy: 'person',
        guardianName: null,
        method: 'digital',
        scope: ['care_calendar', 'network_map', 'updates', 'team'],
        givenAt: new Date(),
        note: '',
        organisationId: null,
        legalBasis: null,
        recordedBy: actorId,
      });
      await audit(tx, {
        networkId,
        actorId,
        action: 'circle.created',
        entityType: 'circle',
        entityId: circle.id,
        ip: ctx.ip,
      });
      return circle.id;
    }

    const b = r.onBehalf;
    if (!circlePolicy.createOnBehalf(ctx.actor, b.organisationId))
      throw new Problem(422, 'circle.not_for_organisation', {
        fields: [{ field: '/onBehalf/organisationId', code: 'circle.not_for_organisation' }],
      });
    const c = b.consent;
    if (c.givenBy === 'legal_guardian' && !c.guardianName)
      throw new Problem(422, 'validation', {
        fields: [{ field: '/onBehalf/consent/guardianName', code: 'field.required' }],
      });
    if (!c.legalBasis)
      throw new Problem(422, 'validation', {
        fields: [{ field: '/onBehalf/consent/legalBasis', code: 'circle.legal_basis_required' }],
      });
    if (b.person.accountId && !(await findAccount(tx, networkId, b.person.accountId)))
      throw new Problem(422, 'validation', {
        fields: [{ field: '/onBehalf/person/accountId', code: 'circle.unknown_account' }],
      });
    const proxyId = b.proxyAccountId;
    if (proxyId === actorId)
      throw new Problem(422, 'circle.opener_not_owner', {
        fields: [{ field: '/onBehalf/proxyAccountId', code: 'circle.opener_not_owner' }],
      });
    if (proxyId && !(await findAccount(tx, networkId, proxyId)))
      throw new Problem(422, 'validation', {
        fields: [{ field: '/onBehalf/proxyAccountId', code: 'circle.unknown_account' }],
      });
    const circle = await insertCircle(tx, networkId, {
      personLabel: b.person.label,
      personEmail: b.person.email ? normaliseEmail(b.person.email) : null,
      personAccountId: b.person.accountId ?? null,
      organisationId: b.organisationId,
      createdBy: actorId,
      ...(r.alertHours ? { alertHours: r.alertHours } : {}),
    });
    if (b.person.accountId) await addMember(tx, networkId, circle.id, b.person.accountId, 'owner');
    if (proxyId) await addMember(tx, networkId, circle.id, proxyId, 'owner');
    if (actorId !== b.person.accountId) await addMember(tx, networkId, circle.id, actorId, 'professional');
    const consent = await appendConsent(tx, networkId, circle.id, {
      kind: 'granted',
      givenBy: c.givenBy,
      guardianName: c.givenBy === 'legal_guardian' ? (c.guardianName ?? null) : null,
      method: c.method,
      scope: c.scope,
      givenAt: c.givenAt ? new Date(c.givenAt) : new Date(),
      note: c.note ?? '',
      organisationId: b.organisationId,
      legalBasis: c.legalBasis,
      recordedBy: actorId,
    });
    await audit(tx, {
      networkId,
      actorId,
      action: 'circle.created',
      entityType: 'circle',
      entityId: circle.id,
      details: {
        onBehalf: true,
        organisationId: b.organisationId,
        consentVersion: consent.version,
        preparing: !b.person.accountId && !proxyId,
      },
      ip: ctx.ip,
    });
    return circle.id;
  });
}
