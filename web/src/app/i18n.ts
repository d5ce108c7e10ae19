import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { areaMessages } from '../areas/messages.ts';
import { featureMessages } from '../features/messages.ts';
import de from '../i18n/de.json' with { type: 'json' };
import en from '../i18n/en.json' with { type: 'json' };
import type { Locale } from './types.ts';

const storageKey = 'knotenpunkt.locale';

function isLocale(v: unknown): v is Locale {
  return v === 'de' || v === 'en';
}

/** The language the person chose on this device, if any. */
export function storedLocale(): Locale | null {
  try {
    const v = localStorage.getItem(storageKey);
    return isLocale(v) ? v : null;
  } catch {
    return null;
  }
}

export function storeLocale(locale: Locale): void {
  try {
    localStorage.setItem(storageKey, locale);
  } catch {
    // private mode: the choice lasts for this page only
  }
}

/** Every area's and feature's own texts, joined over the foundation's. */
const parts = [...areaMessages, ...featureMessages];

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: {
    de: { translation: Object.assign({}, de, ...parts.map((m) => m.de)) },
    en: { translation: Object.assign({}, en, ...parts.map((m) => m.en)) },
  },
  lng: storedLocale() ?? 'de',
  fallbackLng: 'de',
  supportedLngs: ['de', 'en'],
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
  initAsync: false,
});

function syncDocument(lng: string) {
  document.documentElement.lang = lng;
}
syncDocument(i18n.language);
i18n.on('languageChanged', syncDocument);

export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : 'de';
}
