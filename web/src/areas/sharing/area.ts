import type { Messages } from '../../app/i18n.ts';
import de from './i18n/de.json' with { type: 'json' };

/** Teilen: the area's texts in German and English, merged into the client's catalogue (areas/messages.ts). */
export const messages: Messages = {
  de,
  en: () => import('./i18n/en.json', { with: { type: 'json' } }),
};
