import type { TargetType } from './types.ts';

/** The freshness page of one thing: its check, readers' notes, owner and interval (webPaths.freshnessCheck). */
export const checkPath = (type: TargetType, id: string) => `/wissen/aktualitaet/${type}/${id}`;

/**
 * Where the thing itself is shown. The wiki's and the map's pages are built beside this part; these
 * are the paths they are agreed to have (see the part's report) — change them here if they move.
 */
export function contentPath(target: { type: TargetType; id: string }): string {
  return target.type === 'wiki_page' ? `/wissen/wiki/${target.id}` : `/wissen/karte/${target.id}`;
}

/** The review intervals offered, in days (any other value set elsewhere is offered too). */
export const intervalChoices = [30, 90, 180, 365, 730] as const;
