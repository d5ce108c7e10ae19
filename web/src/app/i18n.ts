import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { areaMessages } from '../areas/messages.ts';
import { featureMessages } from '../features/messages.ts';
import de from '../i18n/de.json' with { type: 'json' };
import en from '../i18n/en.json' with { type: 'json' };
import ls from '../i18n/ls.json' with { type: 'json' };
import type { Locale } from './types.ts';

const storageKey = 'knotenpunkt.locale';

function isLocale(v: unknown): v is Locale {
  return v === 'de' || v === 'en' || v === 'ls';
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
    // Leichte Sprache: only the keys that have a plain version; every other key falls back to German
    ls: { translation: Object.assign({}, ls, ...parts.map((m) => m.ls ?? {})) },
  },
  lng: storedLocale() ?? 'de',
  fallbackLng: 'de',
  supportedLngs: ['de', 'en', 'ls'],
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
  initAsync: false,
});

/**
 * `<html lang>` names the language a screen reader speaks: Leichte Sprache is German (`ls` is our
 * code, not a language tag). The class gives plain-language pages their larger text (app.css).
 */
function syncDocument(lng: string) {
  document.documentElement.lang = htmlLang(isLocale(lng) ? lng : 'de');
  document.documentElement.classList.toggle('plain-language', lng === 'ls');
}
syncDocument(i18n.language);
i18n.on('languageChanged', syncDocument);

export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : 'de';
}

/** The language tag for `lang` attributes and Intl: Leichte Sprache is German. */
export function htmlLang(locale: Locale): 'de' | 'en' {
  return locale === 'en' ? 'en' : 'de';
}

/**
 * A language as the server stores it on an account: its `locale` (the language the server writes
 * in, German for Leichte Sprache) and whether the web client shows Leichte Sprache.
 */
export function accountLanguage(locale: Locale): { locale: 'de' | 'en'; plainLanguage: boolean } {
  return { locale: htmlLang(locale), plainLanguage: locale === 'ls' };
}

/** The web client's language for an account's stored choice. */
export function localeOfAccount(account: { locale: 'de' | 'en'; plainLanguage: boolean }): Locale {
  return account.plainLanguage ? 'ls' : account.locale;
}
