import type { HoursStatus } from '../../../db/schema.ts';
import { abilitiesOf } from '../../../policies/abilities.ts';
import { type Actor, actsFor, administers, isSignedIn } from '../../../policies/actor.ts';

export interface HoursRef {
  account_id: string;
  organisation_id: string;
  status: HoursStatus;
}

/**
 * Volunteer hours are personal: the volunteer sees all of their own across organisations; the
 * coordinators (staff, admins) of the issuing organisation see and decide the entries for it.
 * Nobody confirms their own hours. The certificate is for the volunteer alone.
 */
export const hoursPolicy = {
  log: (actor: Actor) => isSignedIn(actor),
  view: (actor: Actor, h: HoursRef) =>
    isSignedIn(actor) && (h.account_id === actor.accountId || actsFor(actor, h.organisation_id)),
  decide: (actor: Actor, h: HoursRef) =>
    h.status === 'pending' &&
    isSignedIn(actor) &&
    h.account_id !== actor.accountId &&
    actsFor(actor, h.organisation_id),
  listForOrganisation: (actor: Actor, organisationId: string) =>
    isSignedIn(actor) && actsFor(actor, organisationId),
  certificate: (actor: Actor) => isSignedIn(actor),
  /** Time credits per confirmed hour are the organisation's money: its admins set them. */
  viewSettings: (actor: Actor, organisationId: string) => isSignedIn(actor) && actsFor(actor, organisationId),
  changeSettings: (actor: Actor, organisationId: string) =>
    isSignedIn(actor) && administers(actor, organisationId),
};

export const hoursAbilities = (actor: Actor, h: HoursRef) => abilitiesOf(hoursPolicy, ['decide'], actor, h);
