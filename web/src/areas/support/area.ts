import de from './i18n/de.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import ls from './i18n/ls.json' with { type: 'json' };

/**
 * Unterstützungskreise: the area's texts in German and English, and in Leichte Sprache those of the
 * circle invitation and the consent pages, merged into the client's catalogue (areas/messages.ts).
 */
export const messages = { de, en, ls };
