import type { LazyMessages } from '../../app/i18n.ts';
import { messages as digests } from './digests/area.ts';
import { messages as discussions } from './discussions/area.ts';
import { messages as dossiers } from './dossiers/area.ts';
import { messages as freshness } from './freshness/area.ts';
import { messages as news } from './news/area.ts';
import { messages as reports } from './reports/area.ts';
import { messages as wiki } from './wiki/area.ts';

/**
 * Wissen: the texts of its parts, each under a key of its own (wiki, news, discussions, mapReports,
 * dossiers, digests, freshness), merged into the client's catalogue (areas/messages.ts).
 */
/** The area's own texts (its home page, under `knowledge`). */
const home: LazyMessages = {
  de: () => import('./i18n/de.json', { with: { type: 'json' } }),
  en: () => import('./i18n/en.json', { with: { type: 'json' } }),
  ls: () => import('./i18n/ls.json', { with: { type: 'json' } }),
};

export const messages: LazyMessages[] = [
  home,
  wiki,
  freshness,
  news,
  discussions,
  reports,
  dossiers,
  digests,
];
