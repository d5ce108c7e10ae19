import type { MapReportStatus } from '../../../../db/schema.ts';
import { type Actor, actsFor, isSignedIn } from '../../../../policies/actor.ts';

/** What the rules need of a report. */
export interface ReportRecord {
  author_id: string | null;
  status: MapReportStatus;
}

/**
 * Who may do what with a map report, given whom they act for:
 * `publicBodies` are the organisations of kind `public_body` the person is a member of (read by the
 * caller; the actor knows roles, not kinds).
 *
 * - Everyone reads reports (unless a moderator hid one); anyone signed in files one.
 * - The author changes or withdraws their report while it is still `new`; once someone took it up
 *   it stays as it was filed (the status history explains it).
 * - "Me too" is for everyone signed in but the author (their own report already counts them).
 * - The status is set by the network's coordinator (instance admin) and by staff and admins of a
 *   public body (the town's offices, which act on such reports).
 */
export const mapReportPolicy = {
  view: (_actor: Actor, _r: ReportRecord) => true,
  file: (actor: Actor) => isSignedIn(actor),
  isAuthor: (actor: Actor, r: ReportRecord) => isSignedIn(actor) && r.author_id === actor.accountId,
  edit: (actor: Actor, r: ReportRecord) => mapReportPolicy.isAuthor(actor, r) && r.status === 'new',
  withdraw: (actor: Actor, r: ReportRecord) => mapReportPolicy.isAuthor(actor, r) && r.status === 'new',
  support: (actor: Actor, r: ReportRecord) => isSignedIn(actor) && r.author_id !== actor.accountId,
  /** Ask `statusOrganisation` for whom the change is made. */
  changeStatus: (actor: Actor, publicBodies: readonly string[]) =>
    isSignedIn(actor) && (actor.isInstanceAdmin || publicBodies.some((id) => actsFor(actor, id))),
};

/**
 * The public body a status change is made for: the first the person acts for, or null for the
 * network's coordinator acting as such (an instance admin who is also staff of the town acts for it).
 */
export function statusOrganisation(actor: Actor, publicBodies: readonly string[]): string | null {
  return publicBodies.find((id) => actsFor(actor, id)) ?? null;
}
