import { seg } from '../../../platform/webPath.ts';
import { webPaths as discussions } from '../discussions/area.ts';
import { webPaths as news } from '../news/area.ts';
import { webPaths as reports } from '../reports/area.ts';
import { webPaths as wiki } from '../wiki/area.ts';

/**
 * Where the digest and the list of follows link each kind of thing to: the pages the other parts of
 * Wissen name in their area.ts, so a page that moves there moves here.
 */
export const thingPaths = {
  discussionThread: (id: string): string => discussions.discussionThread(id),
  newsPost: (id: string): string => news.newsPost(id),
  mapReport: (id: string): string => reports.mapReport(id),
  wikiPage: (id: string): string => wiki.wikiPage(id),
  /** the map and its list, showing one district's reports */
  district: (id: string): string => `/wissen/karte?districtId=${seg(id)}`,
  organisation: (slug: string): string => `/organisationen/${seg(slug)}`,
};
