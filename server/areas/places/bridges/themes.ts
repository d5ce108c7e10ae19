import type { BridgeTheme } from '../../../db/schema.ts';
import { fold } from '../../../platform/searchWords.ts';

/**
 * What one side's thing and the other's can have in common: a small, fixed list of themes, each found
 * by the words below (German first, English beside it) in the thing's title, text or skills, or given
 * by what kind of thing it is (a room is a place to meet, a vehicle is transport). Deliberately few
 * and plain, so a suggestion can always say in one sentence why the two fit — no model, no weights
 * nobody can explain.
 *
 * Words are compared folded (umlauts to their base letter, ß to ss, lower case: "Küche" → "kuche").
 * A word starting with `^` must start a word ("^backe" finds "Backen" but not "Rückenbacke"), one
 * ending in `$` must end one ("^bus$" finds "Bus" but not "Business"); every other is found anywhere,
 * also inside compounds ("zimmer" in "Hinterzimmer", "kuchen" in "Blechkuchen").
 */
export const themeWords: Record<BridgeTheme, readonly string[]> = {
  space: [
    'raum',
    'raume',
    'saal',
    'zimmer',
    'treffpunkt',
    'veranstaltungsort',
    'gastgeb',
    '^beherberg',
    '^halle',
    '^room',
    '^hall$',
    '^venue',
    '^host$',
  ],
  food: [
    '^backe',
    '^backn',
    'backofen',
    'backstube',
    'backer',
    'geback',
    'kuchen',
    '^brot',
    'brotchen',
    'mittagessen',
    '^essen',
    'mittagstisch',
    'fruhstuck',
    '^koch',
    'kuche',
    'lebensmittel',
    'waffel',
    'catering',
    'verpflegung',
    '^food',
    '^bread',
    '^cake',
    '^bake',
    '^meal',
    '^lunch',
    '^breakfast',
    '^cook',
  ],
  transport: [
    'fahrdienst',
    '^fahrt',
    'transport',
    'kleinbus',
    'vereinsbus',
    '^bus$',
    'lastenrad',
    '^auto$',
    'autofahrt',
    '^abhol',
    'ausflug',
    '^umzug',
    '^van$',
    '^ride$',
    '^lift$',
  ],
  tools: [
    'werkzeug',
    'werkbank',
    '^bohr',
    'reparatur',
    'reparier',
    '^repair',
    'schraub',
    'werkstatt',
    '^tool',
    '^drill',
    'workbench',
  ],
  digital: [
    'smartphone',
    'tablet',
    'computer',
    '^handy',
    'internet',
    'online-banking',
    'digital',
    '^laptop',
    '^it-',
  ],
  language: [
    'ubersetz',
    'dolmetsch',
    'sprachforder',
    'sprachtreff',
    'sprachkurs',
    'deutschkurs',
    '^translat',
    '^interpret',
  ],
  print: ['^druck', 'flyer', 'plakat', 'kopier', '^print', '^poster', 'aushang'],
  children: ['kinder', 'jugend', 'hausaufgaben', '^schuler', '^kita', '^youth', '^child', '^kids'],
  companionship: ['begleit', '^besuch', 'vorlesen', 'zuhoren', '^einsam', '^companion', '^visit'],
  sport: ['^sport', 'gymnastik', '^bewegung', 'fussball', '^training', '^turnen', '^football'],
  garden: ['garten', 'gartner', '^rasen', '^hecke', '^pflanz', '^garden'],
};

const matchers: [BridgeTheme, ((text: string) => boolean)[]][] = Object.entries(themeWords).map(
  ([theme, words]) => [
    theme as BridgeTheme,
    words.map((w) => {
      const start = w.startsWith('^');
      const end = w.endsWith('$');
      if (!start && !end) return (text: string) => text.includes(w);
      const word = w.slice(start ? 1 : 0, end ? -1 : undefined).replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
      const re = new RegExp(`${start ? '(^|[^a-z0-9])' : ''}${word}${end ? '($|[^a-z0-9])' : ''}`);
      return (text: string) => re.test(text);
    }),
  ],
);

/** The themes whose words a text contains, in the order of the list. */
export function themesIn(text: string): BridgeTheme[] {
  const folded = fold(text);
  return matchers.filter(([, tests]) => tests.some((t) => t(folded))).map(([theme]) => theme);
}
