import type { LazyMessages } from '../../../app/i18n.ts';

/** Its texts (all under the key `digests`), joined into the catalogue by ../area.ts. */
export const messages: LazyMessages = {
  de: () => import('./i18n/de.json', { with: { type: 'json' } }),
  en: () => import('./i18n/en.json', { with: { type: 'json' } }),
};
