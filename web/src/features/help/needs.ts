/**
 * The kinds of help a person asks for, in the words they use (the first tap of "Ich suche Hilfe").
 * Each names what is looked for in the network's search — everyday words; the search adds the words
 * that mean the same — which kinds of thing count as help for it, and how a want in the Tauschring
 * is filed when the person asks for it there. The slug is the page's German address.
 */

/** The Tauschring's categories (server/db/schema.ts exchangeCategories). */
export type PostCategory = 'skill' | 'help' | 'item' | 'lesson' | 'transport' | 'other';

/** The search's kinds of thing that are help a person can get (server/platform/search.ts). */
export type HelpType = 'organisation' | 'service' | 'resource' | 'exchange_offer';

export interface Need {
  slug: string;
  /** its texts: help.needs.<key>.{title, hint, lead, want} */
  key: string;
  /** what the search looks for: a few everyday words, any of which may match */
  words: string[];
  types: readonly HelpType[];
  category: PostCategory;
  /** a picture of it, as an SVG path on a 24 × 24 grid (decoration: the words say it) */
  icon: string;
}

const helpTypes: readonly HelpType[] = ['organisation', 'service', 'exchange_offer', 'resource'];

export const needs: readonly Need[] = [
  {
    slug: 'einkauf',
    key: 'shopping',
    words: ['Einkauf', 'einkaufen', 'Einkaufshilfe', 'Besorgungen', 'Lebensmittel'],
    types: helpTypes,
    category: 'help',
    icon: 'M7 18a2 2 0 1 0 0 4 2 2 0 0 0 0-4Zm10 0a2 2 0 1 0 0 4 2 2 0 0 0 0-4ZM3 3h2l2.7 11.2a2 2 0 0 0 2 1.8h7.6a2 2 0 0 0 1.9-1.5L21 7H6.2',
  },
  {
    slug: 'begleitung',
    key: 'escort',
    words: ['Begleitung', 'begleiten', 'Arzt', 'Arztbesuch', 'Besuchsdienst'],
    types: helpTypes,
    category: 'transport',
    icon: 'M9 4a2 2 0 1 0 0 .1M15 4a2 2 0 1 0 0 .1M7 22v-6H5l2-8h4l2 8h-2v6M13 22v-7l1-7h3l2 7v7',
  },
  {
    slug: 'besuch',
    key: 'visit',
    words: ['Besuch', 'Besuchsdienst', 'Gespräch', 'Seniorentreff', 'Café'],
    types: helpTypes,
    category: 'other',
    icon: 'M4 5h16v10H9l-5 4V5Zm4 4h8M8 12h5',
  },
  {
    slug: 'haushalt-garten',
    key: 'household',
    words: ['Haushalt', 'Garten', 'Reparatur', 'Rasenmäher', 'Lampe', 'Umzug'],
    types: helpTypes,
    category: 'help',
    icon: 'M3 11 12 4l9 7M5 10v10h14V10M10 20v-6h4v6',
  },
  {
    slug: 'handy-computer',
    key: 'digital',
    words: ['Handy', 'Smartphone', 'Computer', 'Internet', 'digital'],
    types: helpTypes,
    category: 'lesson',
    icon: 'M8 2h8a1 1 0 0 1 1 1v18a1 1 0 0 1-1 1H8a1 1 0 0 1-1-1V3a1 1 0 0 1 1-1Zm3 17h2',
  },
  {
    slug: 'beratung',
    key: 'advice',
    words: ['Beratung', 'Sozialberatung', 'Schuldnerberatung', 'Migrationsberatung', 'Antrag'],
    types: helpTypes,
    category: 'other',
    icon: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18Zm0 13v.1M12 13c0-2 3-2 3-4.5a3 3 0 0 0-6 0',
  },
  {
    slug: 'pflege',
    key: 'care',
    words: ['Pflege', 'Betreuung', 'Entlastung', 'Angehörige', 'Hausbesuch'],
    types: helpTypes,
    category: 'help',
    icon: 'M12 21s-7-4.5-9-9a5 5 0 0 1 9-3 5 5 0 0 1 9 3c-2 4.5-9 9-9 9Z',
  },
  {
    slug: 'fahrten',
    key: 'rides',
    words: ['Fahrt', 'Fahrdienst', 'Kleinbus', 'Vereinsbus', 'Lastenrad'],
    types: helpTypes,
    category: 'transport',
    icon: 'M3 16V8a2 2 0 0 1 2-2h11l4 5v5h-2M3 16h2m4 0h6M7 14a2 2 0 1 0 0 4 2 2 0 0 0 0-4Zm10 0a2 2 0 1 0 0 4 2 2 0 0 0 0-4Z',
  },
  {
    slug: 'leihen',
    key: 'borrow',
    words: ['leihen', 'ausleihen', 'Werkzeug', 'Gerät', 'Raum', 'Saal'],
    types: ['resource', 'exchange_offer'],
    category: 'item',
    icon: 'M14 6a4 4 0 0 1-5 5l-6 6 3 3 6-6a4 4 0 0 1 5-5l-2 2 2 2 2-2a4 4 0 0 0-5-5Z',
  },
  {
    slug: 'lernen',
    key: 'learning',
    words: ['Nachhilfe', 'Hausaufgabenhilfe', 'Deutschkurs', 'Sprachtreff', 'Kurs'],
    types: helpTypes,
    category: 'lesson',
    icon: 'M2 8l10-5 10 5-10 5L2 8Zm4 2v5c0 1.5 3 3 6 3s6-1.5 6-3v-5',
  },
];

export const needBySlug = (slug: string | undefined) => needs.find((n) => n.slug === slug);

/** The search query of a need: its words, any of which may match ("or" for the older search). */
export const needQuery = (need: Need) => need.words.join(' or ');
