/**
 * Where the web client shows things, for the links the server hands out (notifications, search
 * entries, mails, feeds). One place, so a page that moves in web/src/app/router.tsx moves here too — and
 * test/browser/notification-texts.test.ts matches every path made here against the client's routes.
 * A notification's link is a WebPath, so it can only be made here.
 */
declare const webPathBrand: unique symbol;
export type WebPath = string & { readonly [webPathBrand]: true };

const path = (p: string) => p as WebPath;
const seg = encodeURIComponent;

export const webPaths = {
  /** A support circle; purgeCircle erases every notification whose link is this or under it. */
  circle: (circleId: string) => path(`/kreise/${seg(circleId)}`),
  opportunity: (opportunityId: string) => path(`/mitmachen/${seg(opportunityId)}`),
  myHours: () => path('/mitmachen/stunden'),
  coordination: () => path('/mitmachen/koordination'),
  /** The coordination page, on one organisation's invitations to run opportunities jointly. */
  partnerInvitations: (organisationId: string) =>
    path(`/mitmachen/koordination?org=${seg(organisationId)}#einladungen`),
  exchangePost: (postId: string) => path(`/tauschring/${seg(postId)}`),
  transfer: (transferId: string) => path(`/zeitbank/ueberweisungen/${seg(transferId)}`),
  booking: (bookingId: string) => path(`/teilen/buchungen/${seg(bookingId)}`),
  organisation: (slug: string) => path(`/organisationen/${seg(slug)}`),
  organisationAdmin: (slug: string) => path(`/organisationen/${seg(slug)}/verwaltung`),
  resource: (resourceId: string) => path(`/teilen/ressourcen/${seg(resourceId)}`),
  playbookPage: (pageId: string) => path(`/mitmachen/praxis/${seg(pageId)}`),
  /** A person's own account activity: sign-ins, password changes, an admin's sign-in links. */
  accountActivity: () => path('/profil#aktivitaet'),
  /** Where a person confirms or declines the interactions others logged with them. */
  interactions: () => path('/begegnungen'),
} satisfies Record<string, (...args: string[]) => WebPath>;
