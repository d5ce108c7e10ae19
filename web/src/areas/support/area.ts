import type { LazyMessages } from '../../app/i18n.ts';

/**
 * Unterstützungskreise: the area's texts in German and English, and in Leichte Sprache those of the
 * circle invitation and the consent pages, merged into the client's catalogue (areas/messages.ts).
 */
export const messages: LazyMessages = {
  de: () => import('./i18n/de.json', { with: { type: 'json' } }),
  en: () => import('./i18n/en.json', { with: { type: 'json' } }),
  ls: () => import('./i18n/ls.json', { with: { type: 'json' } }),
};
