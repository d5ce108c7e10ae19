import type { LazyMessages } from '../../app/i18n.ts';

/** Zeitbank: the area's texts in German and English, merged into the client's catalogue (areas/messages.ts). */
export const messages: LazyMessages = {
  de: () => import('./i18n/de.json', { with: { type: 'json' } }),
  en: () => import('./i18n/en.json', { with: { type: 'json' } }),
};
