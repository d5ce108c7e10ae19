import adminDe from './admin/i18n/de.json' with { type: 'json' };
import adminEn from './admin/i18n/en.json' with { type: 'json' };
import feedbackDe from './feedback/i18n/de.json' with { type: 'json' };
import feedbackEn from './feedback/i18n/en.json' with { type: 'json' };
import helpDe from './help/i18n/de.json' with { type: 'json' };
import helpEn from './help/i18n/en.json' with { type: 'json' };
import helpLs from './help/i18n/ls.json' with { type: 'json' };
import homeDe from './home/i18n/de.json' with { type: 'json' };
import homeEn from './home/i18n/en.json' with { type: 'json' };
import homeLs from './home/i18n/ls.json' with { type: 'json' };
import mapsDe from './maps/i18n/de.json' with { type: 'json' };
import mapsEn from './maps/i18n/en.json' with { type: 'json' };
import searchDe from './search/i18n/de.json' with { type: 'json' };
import searchEn from './search/i18n/en.json' with { type: 'json' };
import todayDe from './today/i18n/de.json' with { type: 'json' };
import todayEn from './today/i18n/en.json' with { type: 'json' };

/**
 * The texts of the foundation's features that keep their own de/en files (features/<name>/i18n/),
 * joined into the catalogue by app/i18n.ts beside web/src/i18n and every area's texts. A feature
 * adds itself here: `import de from './<name>/i18n/de.json'` … Leichte Sprache (`ls`, plain German)
 * is optional: an `ls.json` holds only the keys that have a plain version; the rest is German.
 */
export const featureMessages: { de: object; en: object; ls?: object }[] = [
  { de: adminDe, en: adminEn },
  { de: feedbackDe, en: feedbackEn },
  { de: helpDe, en: helpEn, ls: helpLs },
  { de: homeDe, en: homeEn, ls: homeLs },
  { de: todayDe, en: todayEn },
  { de: mapsDe, en: mapsEn },
  { de: searchDe, en: searchEn },
];
