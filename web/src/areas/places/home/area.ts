import type { Messages } from '../../../app/i18n.ts';
import de from './i18n/de.json' with { type: 'json' };

/** The area's own texts (under the key `places`), joined into the catalogue by ../area.ts. */
export const messages: Messages = {
  de,
  en: () => import('./i18n/en.json', { with: { type: 'json' } }),
};
