import { seg } from '../../../platform/webPath.ts';

/**
 * Where the digest and the list of follows link each kind of thing to. The pages are the other parts'
 * of Wissen (wiki, news, discussions, the knowledge map); when they name their pages in their
 * area.ts' webPaths, these become those — until then this is the one place that spells them.
 */
export const thingPaths = {
  discussionThread: (id: string) => `/wissen/gespraeche/${seg(id)}`,
  newsPost: (id: string) => `/wissen/neuigkeiten/${seg(id)}`,
  mapReport: (id: string) => `/wissen/karte/meldungen/${seg(id)}`,
  wikiPage: (id: string) => `/wissen/wiki/${seg(id)}`,
  district: (id: string) => `/wissen/karte?stadtteil=${seg(id)}`,
  organisation: (slug: string) => `/organisationen/${seg(slug)}`,
};
