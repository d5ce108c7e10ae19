import type { Messages } from '../app/i18n.ts';
import adminDe from './admin/i18n/de.json' with { type: 'json' };
import feedbackDe from './feedback/i18n/de.json' with { type: 'json' };
import helpDe from './help/i18n/de.json' with { type: 'json' };
import homeDe from './home/i18n/de.json' with { type: 'json' };
import mapsDe from './maps/i18n/de.json' with { type: 'json' };
import searchDe from './search/i18n/de.json' with { type: 'json' };
import todayDe from './today/i18n/de.json' with { type: 'json' };

/**
 * The texts of the foundation's features that keep their own de/en files (features/<name>/i18n/),
 * joined into the catalogue by app/i18n.ts beside web/src/i18n and every area's texts. A feature
 * adds itself here: `import de from './<name>/i18n/de.json'` … Leichte Sprache (`ls`, plain German)
 * is optional: an `ls.json` holds only the keys that have a plain version; the rest is German.
 */
export const featureMessages: Messages[] = [
  {
    de: adminDe,
    en: () => import('./admin/i18n/en.json', { with: { type: 'json' } }),
  },
  {
    de: feedbackDe,
    en: () => import('./feedback/i18n/en.json', { with: { type: 'json' } }),
  },
  {
    de: helpDe,
    en: () => import('./help/i18n/en.json', { with: { type: 'json' } }),
    ls: () => import('./help/i18n/ls.json', { with: { type: 'json' } }),
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
  {
    de: searchDe,
    en: () => import('./search/i18n/en.json', { with: { type: 'json' } }),
  },
];
