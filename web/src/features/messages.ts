import type { LazyMessages, Messages } from '../app/i18n.ts';
import feedbackDe from './feedback/i18n/de.json' with { type: 'json' };
import homeDe from './home/i18n/de.json' with { type: 'json' };
import mapsDe from './maps/i18n/de.json' with { type: 'json' };
import todayDe from './today/i18n/de.json' with { type: 'json' };

/**
 * The texts of the foundation's features that keep their own de/en files (features/<name>/i18n/),
 * joined into the catalogue by app/i18n.ts beside web/src/i18n and every area's texts. Leichte
 * Sprache (`ls`, plain German) is optional: an `ls.json` holds only the keys that have a plain
 * version; the rest is German.
 *
 * In the start bundle, German: the texts of the layout and the first page (home, feedback) and of
 * parts that appear on many pages (maps, today). A feature adds itself here with
 * `import de from './<name>/i18n/de.json'` only if it is such a part; otherwise under
 * `featureTexts`.
 */
export const featureMessages: Messages[] = [
  {
    de: feedbackDe,
    en: () => import('./feedback/i18n/en.json', { with: { type: 'json' } }),
  },
  {
    de: homeDe,
    en: () => import('./home/i18n/en.json', { with: { type: 'json' } }),
    ls: () => import('./home/i18n/ls.json', { with: { type: 'json' } }),
  },
  {
    de: todayDe,
    en: () => import('./today/i18n/en.json', { with: { type: 'json' } }),
  },
  {
    de: mapsDe,
    en: () => import('./maps/i18n/en.json', { with: { type: 'json' } }),
  },
];

/**
 * The features whose texts are fetched, German too, when a page that needs them is opened — as an
 * area's are: the routes that show them name them in their loader (app/router.tsx, areas/index.ts).
 */
export const featureTexts = {
  admin: [
    {
      de: () => import('./admin/i18n/de.json', { with: { type: 'json' } }),
      en: () => import('./admin/i18n/en.json', { with: { type: 'json' } }),
    },
  ],
  auth: [
    {
      de: () => import('./auth/i18n/de.json', { with: { type: 'json' } }),
      en: () => import('./auth/i18n/en.json', { with: { type: 'json' } }),
      ls: () => import('./auth/i18n/ls.json', { with: { type: 'json' } }),
    },
  ],
  data: [
    {
      de: () => import('./data/i18n/de.json', { with: { type: 'json' } }),
      en: () => import('./data/i18n/en.json', { with: { type: 'json' } }),
    },
  ],
  help: [
    {
      de: () => import('./help/i18n/de.json', { with: { type: 'json' } }),
      en: () => import('./help/i18n/en.json', { with: { type: 'json' } }),
      ls: () => import('./help/i18n/ls.json', { with: { type: 'json' } }),
    },
  ],
  notifications: [
    {
      de: () => import('./notifications/i18n/de.json', { with: { type: 'json' } }),
      en: () => import('./notifications/i18n/en.json', { with: { type: 'json' } }),
    },
  ],
  organisations: [
    {
      de: () => import('./organisations/i18n/de.json', { with: { type: 'json' } }),
      en: () => import('./organisations/i18n/en.json', { with: { type: 'json' } }),
    },
  ],
  profile: [
    {
      de: () => import('./profile/i18n/de.json', { with: { type: 'json' } }),
      en: () => import('./profile/i18n/en.json', { with: { type: 'json' } }),
    },
  ],
  search: [
    {
      de: () => import('./search/i18n/de.json', { with: { type: 'json' } }),
      en: () => import('./search/i18n/en.json', { with: { type: 'json' } }),
    },
  ],
} satisfies Record<string, LazyMessages[]>;
