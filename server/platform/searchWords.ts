/**
 * The words of a search, as people type them: cut into words, the filler words ("ich suche jemanden
 * für …") dropped, and each word widened by the everyday words people use for the same help — so
 * "Einkauf" also looks for "Besorgungen" and "einkaufen", "Begleitung" for "Arztbesuch". Pure: no
 * database; platform/search.ts turns the result into the query.
 *
 * The synonym groups below are the one place to add such words. A group is a set of words that mean
 * the same help; a query word that is one of them, one of them with a short ending ("besuche" for
 * "besuch") or a compound of one ("Computerhilfe") looks for all of them, its own form counting a
 * little more than the others. German first, English beside it, so an English query finds the
 * German town too.
 */

/** The characters folded away before words are compared: accents, umlauts, ß, case. */
export const foldFrom = 'ÄÖÜäöüÀÁÂÃÅàáâãåÈÉÊËèéêëÌÍÎÏìíîïÒÓÔÕòóôõÙÚÛùúûÇçÑñŞşĞğİıŁłŚśŻżŹźĆćŃńĄąĘę';
export const foldTo = 'AOUaouAAAAAaaaaaEEEEeeeeIIIIiiiiOOOOooooUUUuuuCcNnSsGgIiLlSsZzZzCcNnAaEe';

const foldMap = new Map([...foldFrom].map((c, i) => [c, foldTo[i] as string]));

/**
 * A word as the index compares it: umlauts and accents to their base letter, ß to ss, lower case.
 * The database's `search_fold()` (migration 20261206_1040_search_everything) does the same, so
 * "Einkäufe", "Einkaufe" and "EINKÄUFE" meet; platform/search.test.ts holds the two together.
 */
export function fold(s: string): string {
  let out = '';
  for (const c of s.replace(/ß/g, 'ss').replace(/ẞ/g, 'SS')) out += foldMap.get(c) ?? c;
  return out.toLowerCase();
}

export const synonymGroups: readonly (readonly string[])[] = [
  [
    'Einkauf',
    'einkaufen',
    'Einkaufshilfe',
    'Einkäufe',
    'Besorgung',
    'Besorgungen',
    'besorgen',
    'Supermarkt',
    'Lebensmittel',
    'shopping',
    'groceries',
    'errands',
  ],
  [
    'Begleitung',
    'begleiten',
    'Arztbegleitung',
    'Arztbesuch',
    'Arzttermin',
    'Behördengang',
    'Begleitdienst',
    'accompany',
    'escort',
  ],
  ['Hilfe', 'helfen', 'Unterstützung', 'unterstützen', 'Hilfsangebot', 'help', 'support', 'assistance'],
  [
    'Fahrt',
    'Fahrdienst',
    'fahren',
    'mitnehmen',
    'Mitfahrgelegenheit',
    'Fahrgelegenheit',
    'Transport',
    'ride',
    'driving',
  ],
  [
    'Handy',
    'Smartphone',
    'Telefon',
    'Computer',
    'Laptop',
    'Tablet',
    'Internet',
    'digital',
    'phone',
    'mobile',
  ],
  ['Garten', 'Gartenarbeit', 'Rasen', 'Rasenmäher', 'mähen', 'Hecke', 'garden', 'gardening', 'lawn'],
  [
    'Besuch',
    'besuchen',
    'Besuchsdienst',
    'Gespräch',
    'Gesellschaft',
    'Einsamkeit',
    'einsam',
    'Zuhören',
    'visit',
    'loneliness',
  ],
  ['Nachhilfe', 'Hausaufgaben', 'Hausaufgabenhilfe', 'lernen', 'tutoring', 'homework'],
  ['Reparatur', 'reparieren', 'Werkstatt', 'Repair', 'repairs'],
  ['Umzug', 'umziehen', 'anpacken', 'moving', 'removal'],
  ['Essen', 'Mittagstisch', 'Mahlzeit', 'kochen', 'Mittagessen', 'meal', 'lunch', 'food', 'cooking'],
  ['Arzt', 'Ärztin', 'Hausarzt', 'Arztpraxis', 'doctor', 'GP'],
  ['Pflege', 'Pflegedienst', 'Betreuung', 'pflegen', 'Entlastung', 'care', 'nursing', 'carer'],
  ['Beratung', 'beraten', 'Sozialberatung', 'Beratungsstelle', 'advice', 'counselling'],
  ['Raum', 'Räume', 'Saal', 'Zimmer', 'Treffpunkt', 'room', 'hall', 'venue'],
  ['Senioren', 'Seniorinnen', 'Ältere', 'älter', 'Senior', 'Rentner', 'elderly', 'seniors', 'older'],
  ['Fahrrad', 'Rad', 'Lastenrad', 'bike', 'bicycle', 'cycling'],
  ['übersetzen', 'Übersetzung', 'dolmetschen', 'translate', 'translation', 'interpreter'],
  ['Werkzeug', 'Bohrmaschine', 'Bohrschrauber', 'Gerät', 'tool', 'tools', 'drill'],
  ['Ehrenamt', 'Engagement', 'engagieren', 'Freiwillige', 'mitmachen', 'volunteer', 'volunteering'],
  ['Elektrik', 'Strom', 'Lampe', 'Lampen', 'Steckdose', 'Elektriker', 'electrician', 'electrics'],
  ['Schulden', 'Geld', 'Finanzen', 'Schuldnerberatung', 'debt', 'money'],
  ['Kinder', 'Kind', 'Familie', 'Familien', 'children', 'kids', 'family'],
  ['verschenken', 'geschenkt', 'kostenlos', 'umsonst', 'gratis', 'free', 'giveaway'],
  ['Deutschkurs', 'Sprachkurs', 'Integrationskurs', 'Sprachtreff', 'Sprachcafé'],
  [
    'Kleidung',
    'Kleiderkammer',
    'Kleiderkeller',
    'Kleiderladen',
    'Kleiderspende',
    'Kleider',
    'clothes',
    'clothing',
  ],
];

/**
 * Words that say nothing about what is sought. Dropped from the query (unless nothing else is left);
 * the full-text configurations drop their own stop words too, but the typo-tolerant trigram match
 * would otherwise find "ich" in every "Kirche".
 */
const fillerWords = new Set(
  [
    // German
    'ich',
    'du',
    'wir',
    'sie',
    'er',
    'es',
    'mir',
    'mich',
    'mein',
    'meine',
    'meinen',
    'meiner',
    'uns',
    'unser',
    'jemand',
    'jemanden',
    'jemandem',
    'suche',
    'suchen',
    'sucht',
    'gesucht',
    'brauche',
    'brauchen',
    'benötige',
    'möchte',
    'will',
    'hätte',
    'gern',
    'gerne',
    'bitte',
    'kann',
    'könnte',
    'wer',
    'was',
    'wo',
    'wie',
    'der',
    'die',
    'das',
    'den',
    'dem',
    'des',
    'ein',
    'eine',
    'einen',
    'einem',
    'einer',
    'und',
    'oder',
    'mit',
    'für',
    'fuer',
    'bei',
    'beim',
    'zum',
    'zur',
    'zu',
    'von',
    'vom',
    'im',
    'in',
    'am',
    'an',
    'auf',
    'aus',
    'nach',
    'ist',
    'sind',
    'hat',
    'gibt',
    'etwas',
    'noch',
    'auch',
    'nicht',
    'hier',
    'mal',
    // English
    'i',
    'me',
    'my',
    'we',
    'a',
    'an',
    'the',
    'and',
    'or',
    'of',
    'for',
    'with',
    'to',
    'at',
    'on',
    'is',
    'need',
    'needs',
    'looking',
    'someone',
    'somebody',
    'who',
    'can',
    'please',
    'want',
  ].map(fold),
);

/** One thing to look for: a word in its own spelling (for stemming) and folded (for trigrams). */
export interface SearchTerm {
  /** as it is shown to the person: as typed, or as the synonym list writes it */
  shown: string;
  /** lower case, umlauts kept: what the German and English stemmers get */
  word: string;
  /** folded (see fold): what the trigram match gets */
  folded: string;
  /** 1 for the word the person typed, less for a word that means the same */
  weight: number;
}

/** One word of the query and the words that mean the same: a document that has any of them has it. */
export interface SearchWord {
  typed: string;
  terms: SearchTerm[];
}

export const maxQueryWords = 8;
/** How much a word from a synonym group counts against the word the person typed. */
export const synonymWeight = 0.8;

const folded = synonymGroups.map((g) => g.map((w) => ({ shown: w, word: w.toLowerCase(), folded: fold(w) })));

/**
 * The groups a folded word belongs to: it is one of the group's words, or one of them with an
 * ending of up to three letters ("besuche", "einkaufs"), or a compound that starts or ends with
 * one of them ("Computerhilfe", "Einkaufsbegleitung", "Nachbarschaftshilfe") — for group words of
 * four letters or more, so "Rat" does not take in "Rathaus".
 */
function groupsOf(w: string) {
  return folded.filter((g) =>
    g.some((m) => {
      if (m.folded === w) return true;
      if (m.folded.length < 4) return false;
      const rest = w.length - m.folded.length;
      return (w.startsWith(m.folded) && rest > 0) || (w.endsWith(m.folded) && rest >= 3);
    }),
  );
}

/** The query cut into words (letters and digits; "Fahrrad-Reparatur" is two), at most maxQueryWords. */
export function wordsOf(query: string): string[] {
  const all = query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const meaningful = all.filter((w) => !fillerWords.has(fold(w)) && (w.length > 1 || /\p{N}/u.test(w)));
  const chosen = meaningful.length > 0 ? meaningful : all;
  return [...new Set(chosen)].slice(0, maxQueryWords);
}

/**
 * The word with ae, oe, ue written as the umlauts they stand for on keyboards without them
 * ("Einkaeufe" → "einkäufe"; not the ue of "Feuer" or "Quelle"), or null when it has none. The
 * German stemmer of PostgreSQL 15 keeps "ae" while newer ones read it as "ä"; looking for both
 * spellings finds the same on every version.
 */
export function umlautSpelling(word: string): string | null {
  const spelled = word
    .replace(/ae/g, 'ä')
    .replace(/oe/g, 'ö')
    .replace(/(?<![eq])ue/g, 'ü');
  return spelled === word ? null : spelled;
}

/** What to look for: each word of the query with the words that mean the same. */
export function expandQuery(query: string): SearchWord[] {
  return wordsOf(query).map((typed) => {
    const own: SearchTerm = { shown: typed, word: typed, folded: fold(typed), weight: 1 };
    const terms = new Map<string, SearchTerm>([[own.folded, own]]);
    const spelled = umlautSpelling(typed);
    if (spelled)
      terms.set(fold(spelled), { shown: spelled, word: spelled, folded: fold(spelled), weight: 1 });
    for (const g of new Set([...groupsOf(own.folded), ...(spelled ? groupsOf(fold(spelled)) : [])]))
      for (const m of g) if (!terms.has(m.folded)) terms.set(m.folded, { ...m, weight: synonymWeight });
    return { typed, terms: [...terms.values()] };
  });
}
