/**
 * A path of the web client that the server links to (notifications, search entries, mails, feeds).
 * Branded, so a link can only be made by the functions of platform/webPaths.ts and the areas' area.ts,
 * which test/browser/notification-texts.test.ts matches against the client's routes.
 */
declare const webPathBrand: unique symbol;
export type WebPath = string & { readonly [webPathBrand]: true };

/** Makes a WebPath; only for the lists of web paths. */
export const webPath = (p: string) => p as WebPath;
export const seg = encodeURIComponent;
