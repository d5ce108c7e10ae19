import type { Messages } from '../../app/i18n.ts';
import de from './i18n/de.json' with { type: 'json' };

/**
 * Unterstützungskreise: the area's texts in German and English, and in Leichte Sprache those of the
 * circle invitation and the consent pages, merged into the client's catalogue (areas/messages.ts).
 */
export const messages: Messages = {
  de,
  en: () => import('./i18n/en.json', { with: { type: 'json' } }),
  ls: () => import('./i18n/ls.json', { with: { type: 'json' } }),
};
