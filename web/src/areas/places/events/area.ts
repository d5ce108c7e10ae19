import type { Messages } from '../../../app/i18n.ts';
import de from './i18n/de.json' with { type: 'json' };

/** Its texts (all under the key `placesEvents`), joined into the catalogue by ../area.ts. */
export const messages: Messages = {
  de,
  en: () => import('./i18n/en.json', { with: { type: 'json' } }),
};
