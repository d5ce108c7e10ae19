import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { areaMessages } from '../areas/messages.ts';
import { featureMessages } from '../features/messages.ts';
import de from '../i18n/de.json' with { type: 'json' };
import { joinTexts } from './joinTexts.ts';
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

type Texts = { default: object };

/**
 * One part's texts: German in the bundle (the default and every language's fallback), English and
 * Leichte Sprache (only the keys with a plain version) fetched when someone chooses them — so
 * nobody loads the texts of languages they do not read.
 */
export interface Messages {
  de: object;
  en: () => Promise<Texts>;
  ls?: () => Promise<Texts>;
}

/** The foundation's texts (web/src/i18n), then every area's and feature's own, joined over them. */
const parts: Messages[] = [
  {
    de,
    en: () => import('../i18n/en.json', { with: { type: 'json' } }),
    ls: () => import('../i18n/ls.json', { with: { type: 'json' } }),
  },
  ...areaMessages,
  ...featureMessages,
];

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { de: { translation: joinTexts(parts.map((m) => m.de)) } },
  lng: 'de',
  fallbackLng: 'de',
  supportedLngs: ['de', 'en', 'ls'],
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
  initAsync: false,
});

/**
 * Each language's name and the offer to switch to it, in that language: the switch must speak to
 * someone who cannot read the page's current language, whose texts are not loaded.
 */
export const languageOffers: Record<Locale, { name: string; offer: string }> = {
  de: { name: 'Deutsch', offer: 'Auf Deutsch umschalten' },
  en: { name: 'English', offer: 'Switch to English' },
  ls: { name: 'Leichte Sprache', offer: 'Leichte Sprache einschalten' },
};

/** Fetches a language's texts once (German is always there). */
async function load(locale: Locale): Promise<void> {
  if (locale === 'de' || i18n.hasResourceBundle(locale, 'translation')) return;
  const texts = await Promise.all(parts.map((m) => m[locale]?.() ?? Promise.resolve({ default: {} })));
  i18n.addResourceBundle(locale, 'translation', joinTexts(texts.map((t) => t.default)));
}

/** Shows the client in `locale`, its texts fetched first if need be. */
export async function switchLanguage(locale: Locale): Promise<void> {
  await load(locale);
  await i18n.changeLanguage(locale);
}

/** Resolves once the language chosen on this device is ready to show (at once for German). */
export const i18nReady: Promise<void> = switchLanguage(storedLocale() ?? 'de').catch(() => {
  // the texts could not be fetched (offline, a new deploy): German it is
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
