import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { type AreaName, areaMessages, areaNames } from '../areas/messages.ts';
import { featureMessages, featureTexts } from '../features/messages.ts';
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
type Fetch = () => Promise<Texts>;

/**
 * One part of the start bundle's texts (web/src/i18n and the features that every page may show):
 * German in the bundle (the default and every language's fallback), English and Leichte Sprache
 * (only the keys with a plain version) fetched when someone chooses them — so nobody loads the texts
 * of languages they do not read.
 */
export interface Messages {
  de: object;
  en: Fetch;
  ls?: Fetch;
}

/**
 * One part of a page's texts (an area's, a feature's): every language fetched, German too, when a
 * page that needs them is opened (`loadTexts`, called by the routes' loaders) — so a first visit
 * loads only the texts of the layout and its page.
 */
export interface LazyMessages {
  de: Fetch;
  en: Fetch;
  ls?: Fetch;
}

/** The texts fetched with the pages: every area's (areas/messages.ts) and some features' (features/messages.ts). */
const pageTexts: Record<TextUnit, LazyMessages[]> = { ...areaMessages, ...featureTexts };

/** An area or a feature whose texts a route's loader names. */
export type TextUnit = AreaName | keyof typeof featureTexts;

/** The start bundle's texts: the foundation's (web/src/i18n), then those features' (featureMessages). */
const foundation: Messages[] = [
  {
    de,
    en: () => import('../i18n/en.json', { with: { type: 'json' } }),
    ls: () => import('../i18n/ls.json', { with: { type: 'json' } }),
  },
  ...featureMessages,
];

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { de: { translation: joinTexts(foundation.map((m) => m.de)) } },
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

/** The start bundle's texts or those of an area or feature: what is fetched together. */
type Unit = 'foundation' | TextUnit;

/** Which units' texts each language holds (German: the foundation's from the bundle). */
const held: Record<Locale, Set<Unit>> = { de: new Set(['foundation']), en: new Set(), ls: new Set() };
/** The texts pages opened so far needed: a language switch fetches them too. */
const wanted = new Set<TextUnit>();

const isFetch = (v: object | Fetch): v is Fetch => typeof v === 'function';

/** One part's texts in `locale`: German of the foundation at hand, everything else fetched. */
function fetchPart(part: Messages | LazyMessages, locale: Locale): Promise<object> | object {
  if (locale === 'de') return isFetch(part.de) ? part.de().then((t) => t.default) : part.de;
  return part[locale]?.().then((t) => t.default) ?? {};
}

/** Fetches the texts of `units` in `locale` that it does not hold yet, and adds them to the catalogue. */
async function fetchUnits(locale: Locale, units: readonly Unit[]): Promise<void> {
  const missing = units.filter((u) => !held[locale].has(u));
  if (missing.length === 0) return;
  const parts = missing.flatMap((u) => (u === 'foundation' ? foundation : pageTexts[u]));
  const texts = await Promise.all(parts.map((p) => fetchPart(p, locale)));
  // joined over what is there at every depth: areas add to shared groups (`notification.kinds`)
  i18n.addResourceBundle(locale, 'translation', joinTexts(texts), true, true);
  for (const u of missing) held[locale].add(u);
}

/**
 * Fetches the texts of `units` (areas, features) in German, the fallback, and in the language shown,
 * once; the route loaders call it, so that a page appears with its texts. A language chosen
 * meanwhile gets them as well.
 */
export async function loadTexts(units: readonly TextUnit[]): Promise<void> {
  for (const u of units) wanted.add(u);
  let shown: Locale;
  do {
    shown = currentLocale();
    await Promise.all([fetchUnits('de', units), fetchUnits(shown, units)]);
  } while (shown !== currentLocale());
}

/** A route's loader that fetches the texts of `units` before its page appears. */
export const textsFor =
  (...units: TextUnit[]) =>
  async (): Promise<null> => {
    await loadTexts(units);
    return null;
  };

/** Every area's texts: for pages that speak of all of them (their notifications). */
export const allAreas: readonly AreaName[] = areaNames;

/** Shows the client in `locale`, the texts it needs fetched first: the start bundle's and the pages' opened. */
export async function switchLanguage(locale: Locale): Promise<void> {
  let units: Unit[];
  do {
    units = ['foundation', ...wanted];
    await fetchUnits(locale, units);
  } while (units.length !== wanted.size + 1); // an area opened meanwhile
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
