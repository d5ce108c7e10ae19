import type { AvailabilitySlot, HelpKind, MembershipRole, OrganisationKind, Sector } from '../db/schema.ts';

/**
 * The fictional town of Lindenbrück (about 25 000 inhabitants) around lat 51.30, lng 9.48.
 * Invented places and people; coordinates only need to be consistent with each other.
 */

export const mapCenter: [number, number] = [51.3, 9.48];
export const mapZoom = 13;

export interface DemoDistrict {
  slug: string;
  name: string;
  /** Outer ring in GeoJSON order: [lng, lat], closed (first point repeated at the end). */
  ring: [number, number][];
}

export const districts: DemoDistrict[] = [
  {
    slug: 'altstadt',
    name: 'Altstadt',
    ring: [
      [9.472, 51.294],
      [9.49, 51.294],
      [9.491, 51.3],
      [9.49, 51.306],
      [9.472, 51.306],
      [9.471, 51.3],
      [9.472, 51.294],
    ],
  },
  {
    slug: 'lindenhof',
    name: 'Lindenhof',
    ring: [
      [9.452, 51.294],
      [9.472, 51.294],
      [9.471, 51.3],
      [9.472, 51.306],
      [9.454, 51.306],
      [9.452, 51.294],
    ],
  },
  {
    slug: 'am-bahnhof',
    name: 'Am Bahnhof',
    ring: [
      [9.49, 51.294],
      [9.51, 51.294],
      [9.511, 51.306],
      [9.49, 51.306],
      [9.491, 51.3],
      [9.49, 51.294],
    ],
  },
  {
    slug: 'nordfeld',
    name: 'Nordfeld',
    ring: [
      [9.462, 51.306],
      [9.5, 51.306],
      [9.497, 51.318],
      [9.466, 51.318],
      [9.462, 51.306],
    ],
  },
  {
    slug: 'weidenau',
    name: 'Weidenau',
    ring: [
      [9.462, 51.282],
      [9.494, 51.282],
      [9.494, 51.294],
      [9.462, 51.294],
      [9.462, 51.282],
    ],
  },
  {
    slug: 'gartenstadt',
    name: 'Gartenstadt',
    ring: [
      [9.494, 51.282],
      [9.512, 51.284],
      [9.51, 51.294],
      [9.494, 51.294],
      [9.494, 51.282],
    ],
  },
];

/** The mean of a ring's distinct points: inside, since every district is convex. */
export function ringCenter(ring: [number, number][]): { lat: number; lng: number } {
  const pts = ring.slice(0, -1);
  const round = (n: number) => Math.round(n * 1e5) / 1e5;
  return {
    lng: round(pts.reduce((s, p) => s + p[0], 0) / pts.length),
    lat: round(pts.reduce((s, p) => s + p[1], 0) / pts.length),
  };
}

export interface DemoOrganisation {
  key: string;
  name: string;
  slug: string;
  kind: OrganisationKind;
  sector: Sector;
  district: string;
  /** Offset from the district's centre in degrees [dLat, dLng]; small enough to stay inside. */
  offset: [number, number];
  address: string;
  phone: string;
  email: string;
  website: string | null;
  description: string;
}

export const organisations: DemoOrganisation[] = [
  {
    key: 'caritas',
    name: 'Caritas-Beratungsstelle Lindenbrück',
    slug: 'caritas-beratungsstelle',
    kind: 'charity',
    sector: 'social_service',
    district: 'altstadt',
    offset: [0.0012, -0.002],
    address: 'Kirchplatz 4, 34560 Lindenbrück',
    phone: '05611 40 21-0',
    email: 'beratung@caritas-lindenbrueck.example',
    website: 'https://caritas-lindenbrueck.example',
    description:
      'Allgemeine Sozialberatung, Schuldnerberatung und Migrationsberatung. Wir begleiten Menschen in schwierigen Lebenslagen – vertraulich, kostenlos und unabhängig von Herkunft oder Religion. Offene Sprechstunde dienstags und donnerstags.',
  },
  {
    key: 'diakonie',
    name: 'Diakonie-Sozialstation Lindenbrück',
    slug: 'diakonie-sozialstation',
    kind: 'charity',
    sector: 'social_service',
    district: 'am-bahnhof',
    offset: [-0.0015, 0.002],
    address: 'Bahnhofstraße 27, 34560 Lindenbrück',
    phone: '05611 40 33-0',
    email: 'sozialstation@diakonie-lindenbrueck.example',
    website: 'https://diakonie-lindenbrueck.example',
    description:
      'Häusliche Pflege, Betreuung und Entlastung für pflegende Angehörige. Unser Besprechungsraum im Erdgeschoss (barrierefrei, 20 Plätze) kann von anderen Organisationen gebucht werden.',
  },
  {
    key: 'awo',
    name: 'AWO-Seniorentreff Weidenau',
    slug: 'awo-seniorentreff-weidenau',
    kind: 'association',
    sector: 'social_service',
    district: 'weidenau',
    offset: [0.001, 0.003],
    address: 'Weidenweg 12, 34560 Lindenbrück',
    phone: '05611 38 17 44',
    email: 'seniorentreff@awo-lindenbrueck.example',
    website: null,
    description:
      'Mittagstisch, Spielenachmittage, Gedächtnistraining und Ausflüge für ältere Menschen im Stadtteil. Wir planen gemeinsam mit den Besucherinnen und Besuchern ein neues Seniorencafé.',
  },
  {
    key: 'nbz',
    name: 'Nachbarschaftszentrum Lindenhof',
    slug: 'nachbarschaftszentrum-lindenhof',
    kind: 'association',
    sector: 'civil_society',
    district: 'lindenhof',
    offset: [0.0005, 0.001],
    address: 'Lindenhofer Straße 58, 34560 Lindenbrück',
    phone: '05611 29 90 10',
    email: 'info@nachbarschaftszentrum.example',
    website: 'https://nachbarschaftszentrum.example',
    description:
      'Offener Treffpunkt für alle Generationen: Nachbarschaftscafé, Hausaufgabenhilfe, Repair-Café und Sprachtreff. Wir verleihen unseren Kleinbus und vermieten den Saal an Initiativen aus der Stadt.',
  },
  {
    key: 'stadt',
    name: 'Stadtverwaltung Lindenbrück – Sozialplanung',
    slug: 'stadt-sozialplanung',
    kind: 'public_body',
    sector: 'public',
    district: 'altstadt',
    offset: [-0.0018, 0.0025],
    address: 'Rathausplatz 1, 34560 Lindenbrück',
    phone: '05611 707-0',
    email: 'sozialplanung@lindenbrueck.example',
    website: 'https://lindenbrueck.example',
    description:
      'Sozialplanung und Netzwerkkoordination der Stadt Lindenbrück. Wir bringen Träger, Initiativen, Unternehmen und Bürgerinnen und Bürger zusammen und tragen Hinweise aus den Stadtteilen in den Sozialausschuss.',
  },
  {
    key: 'yilmaz',
    name: 'Bäckerei Yilmaz',
    slug: 'baeckerei-yilmaz',
    kind: 'company',
    sector: 'business',
    district: 'am-bahnhof',
    offset: [0.0018, -0.003],
    address: 'Bahnhofstraße 5, 34560 Lindenbrück',
    phone: '05611 31 44 87',
    email: 'hallo@baeckerei-yilmaz.example',
    website: null,
    description:
      'Familienbäckerei seit 1998. Montags ab 18 Uhr stellen wir unser Hinterzimmer kostenlos für Nachbarschaftsgruppen zur Verfügung; Brot vom Vortag geben wir an den Mittagstisch der AWO.',
  },
  {
    key: 'fwa',
    name: 'Freiwilligenagentur Lindenbrück',
    slug: 'freiwilligenagentur',
    kind: 'association',
    sector: 'civil_society',
    district: 'altstadt',
    offset: [0.003, 0.004],
    address: 'Marktstraße 9, 34560 Lindenbrück',
    phone: '05611 22 33 40',
    email: 'mitmachen@freiwillig-lindenbrueck.example',
    website: 'https://freiwillig-lindenbrueck.example',
    description:
      'Wir vermitteln Engagement – vom einmaligen Einsatz über zwei Stunden bis zum regelmäßigen Ehrenamt – und beraten Organisationen, wie sie Freiwillige gewinnen und gut begleiten.',
  },
  {
    key: 'vhs',
    name: 'Volkshochschule Lindenbrück',
    slug: 'volkshochschule',
    kind: 'public_body',
    sector: 'education',
    district: 'nordfeld',
    offset: [-0.002, -0.004],
    address: 'Schulstraße 20, 34560 Lindenbrück',
    phone: '05611 707-480',
    email: 'info@vhs-lindenbrueck.example',
    website: 'https://vhs-lindenbrueck.example',
    description:
      'Deutsch- und Integrationskurse, digitale Grundbildung für Seniorinnen und Senioren, Gesundheitskurse und offene Lernwerkstatt. Unsere Seminarräume stehen abends auch anderen Trägern offen.',
  },
  {
    key: 'kirche',
    name: 'Ev. Kirchengemeinde St. Marien',
    slug: 'kirchengemeinde-st-marien',
    kind: 'other',
    sector: 'faith',
    district: 'altstadt',
    offset: [-0.0005, -0.005],
    address: 'Marienkirchgasse 2, 34560 Lindenbrück',
    phone: '05611 26 15 90',
    email: 'gemeindebuero@st-marien-lindenbrueck.example',
    website: 'https://st-marien-lindenbrueck.example',
    description:
      'Gottesdienste, Besuchsdienst für ältere und kranke Menschen, Trauercafé und Gemeindehaus mit Küche. Der Besuchsdienst arbeitet eng mit der Diakonie-Sozialstation zusammen.',
  },
  {
    key: 'praxis',
    name: 'Hausarztpraxis Dr. Okonkwo & Dr. Schäfer',
    slug: 'hausarztpraxis-nordfeld',
    kind: 'company',
    sector: 'health',
    district: 'nordfeld',
    offset: [0.0025, 0.003],
    address: 'Feldstraße 41, 34560 Lindenbrück',
    phone: '05611 44 50 60',
    email: 'praxis@hausarzt-nordfeld.example',
    website: null,
    description:
      'Hausärztliche Versorgung mit Hausbesuchen. Wir verweisen Patientinnen und Patienten mit sozialen Fragen an die Beratungsstellen im Netzwerk („soziales Rezept“).',
  },
  {
    key: 'pflege',
    name: 'Ambulanter Pflegedienst Gartenstadt',
    slug: 'pflegedienst-gartenstadt',
    kind: 'company',
    sector: 'health',
    district: 'gartenstadt',
    offset: [0.001, -0.001],
    address: 'Rosenweg 3, 34560 Lindenbrück',
    phone: '05611 39 70 20',
    email: 'kontakt@pflege-gartenstadt.example',
    website: null,
    description:
      'Ambulante Pflege, Verhinderungspflege und Beratungsbesuche nach § 37.3 SGB XI. Mehrsprachiges Team (Deutsch, Türkisch, Polnisch).',
  },
  {
    key: 'tsv',
    name: 'TSV Lindenbrück 1898 e.V.',
    slug: 'tsv-lindenbrueck',
    kind: 'association',
    sector: 'civil_society',
    district: 'weidenau',
    offset: [-0.003, -0.006],
    address: 'Am Sportplatz 1, 34560 Lindenbrück',
    phone: '05611 38 00 12',
    email: 'geschaeftsstelle@tsv-lindenbrueck.example',
    website: 'https://tsv-lindenbrueck.example',
    description:
      'Fußball, Turnen, Reha-Sport und Sitzgymnastik für Ältere. Unser Vereinsbus fährt samstags Kinder aus allen Stadtteilen zum Training.',
  },
  {
    key: 'rad',
    name: 'Fahrradwerkstatt-Initiative „Speiche“',
    slug: 'fahrradwerkstatt-speiche',
    kind: 'initiative',
    sector: 'civil_society',
    district: 'am-bahnhof',
    offset: [0.003, 0.005],
    address: 'Güterhallenweg 8, 34560 Lindenbrück',
    phone: '05611 31 02 02',
    email: 'speiche@fahrradwerkstatt.example',
    website: null,
    description:
      'Offene Selbsthilfewerkstatt: Wir reparieren gemeinsam Fahrräder, richten gespendete Räder für Geflüchtete her und nehmen Zeitgutschriften aus dem Netzwerk an.',
  },
];

export interface DemoService {
  name: string;
  description: string;
  helpKinds: HelpKind[];
  /** at the organisation's address (default), at another address, or at no fixed place */
  place?: { address: string } | 'none';
  /** [ISO weekday, opens, closes] */
  hours: [number, string, string][];
  hoursNote?: string;
}

const mondayToFriday = (opens: string, closes: string): [number, string, string][] =>
  [1, 2, 3, 4, 5].map((d) => [d, opens, closes]);

/**
 * What the organisations offer as standing services, with their weekly hours: the directory entry
 * "Ich suche Hilfe" and the organisation pages show, and the Open Referral (HSDS) export carries.
 */
export const organisationServices: Record<string, DemoService[]> = {
  caritas: [
    {
      name: 'Allgemeine Sozialberatung',
      description:
        'Offene Sprechstunde zu Anträgen, Geldsorgen, Wohnen und Familie. Vertraulich und kostenlos, ohne Termin.',
      helpKinds: ['advice'],
      hours: [
        [2, '09:00', '12:00'],
        [4, '14:00', '17:00'],
      ],
    },
    {
      name: 'Schuldnerberatung',
      description:
        'Wir verschaffen mit Ihnen einen Überblick, verhandeln mit Gläubigern und begleiten ins Insolvenzverfahren.',
      helpKinds: ['advice'],
      hours: [[1, '09:00', '12:00']],
      hoursNote: 'Weitere Termine nach Vereinbarung.',
    },
    {
      name: 'Migrationsberatung im Nachbarschaftszentrum',
      description:
        'Beratung zu Aufenthalt, Arbeit, Sprachkursen und Behörden – auf Deutsch, Englisch und Arabisch.',
      helpKinds: ['advice'],
      place: { address: 'Lindenhofer Straße 58, 34560 Lindenbrück' },
      hours: [
        [3, '09:00', '12:00'],
        [3, '13:00', '15:00'],
      ],
    },
  ],
  diakonie: [
    {
      name: 'Häusliche Pflege',
      description:
        'Pflege, Betreuung und hauswirtschaftliche Hilfe zu Hause. Rufen Sie uns an, wir kommen zum Erstgespräch.',
      helpKinds: ['care', 'household'],
      place: 'none',
      hours: mondayToFriday('07:00', '16:00'),
      hoursNote: 'Telefonisch erreichbar; Pflegeeinsätze auch am Wochenende.',
    },
    {
      name: 'Gesprächskreis für pflegende Angehörige',
      description: 'Austausch, Entlastung und Informationen für alle, die einen Menschen zu Hause pflegen.',
      helpKinds: ['care', 'visit'],
      hours: [[2, '18:00', '19:30']],
    },
  ],
  awo: [
    {
      name: 'Mittagstisch',
      description: 'Warmes Mittagessen in Gesellschaft für 3,50 €. Bitte bis 10 Uhr am Vortag anmelden.',
      helpKinds: ['visit'],
      hours: mondayToFriday('12:00', '13:30'),
    },
    {
      name: 'Spielenachmittag und Gedächtnistraining',
      description: 'Gesellschaftsspiele, Rätsel und Gedächtnistraining bei Kaffee und Kuchen.',
      helpKinds: ['visit', 'learning'],
      hours: [[3, '14:00', '17:00']],
    },
  ],
  nbz: [
    {
      name: 'Nachbarschaftscafé',
      description:
        'Offener Treffpunkt für alle Generationen: Kaffee, Gespräche, Aushänge und Hilfe beim Ausfüllen von Formularen.',
      helpKinds: ['visit'],
      hours: [
        [2, '14:00', '18:00'],
        [3, '14:00', '18:00'],
        [4, '14:00', '18:00'],
      ],
    },
    {
      name: 'Hausaufgabenhilfe',
      description: 'Ehrenamtliche helfen Schulkindern der Klassen 1 bis 7 bei den Hausaufgaben.',
      helpKinds: ['learning'],
      hours: [1, 2, 3, 4].map((d): [number, string, string] => [d, '14:00', '16:00']),
    },
    {
      name: 'Repair-Café',
      description: 'Gemeinsam reparieren statt wegwerfen: Toaster, Lampen, Kleidung, Fahrräder.',
      helpKinds: ['household'],
      hours: [],
      hoursNote: 'Jeden ersten Samstag im Monat, 10 bis 13 Uhr.',
    },
  ],
  fwa: [
    {
      name: 'Engagementberatung',
      description: 'Wir finden mit Ihnen ein Ehrenamt, das zu Ihrer Zeit und Ihren Interessen passt.',
      helpKinds: ['advice'],
      hours: [
        [1, '15:00', '18:00'],
        [4, '10:00', '13:00'],
      ],
    },
  ],
  vhs: [
    {
      name: 'Handy-Sprechstunde für Seniorinnen und Senioren',
      description:
        'Bringen Sie Ihr Smartphone oder Tablet mit: Wir erklären WhatsApp, Fotos, Videoanrufe und Online-Termine.',
      helpKinds: ['digital', 'learning'],
      hours: [[4, '10:00', '12:00']],
    },
    {
      name: 'Deutsch- und Integrationskurse',
      description: 'Kurse von A1 bis B2, auch mit Kinderbetreuung. Einstufung jeden Montag.',
      helpKinds: ['learning'],
      hours: [[1, '09:00', '11:00']],
      hoursNote: 'Die Kurszeiten stehen im Programmheft.',
    },
  ],
  kirche: [
    {
      name: 'Besuchsdienst',
      description:
        'Ehrenamtliche besuchen ältere und kranke Menschen zu Hause oder im Krankenhaus – für ein Gespräch, zum Vorlesen, zum Spazierengehen.',
      helpKinds: ['visit'],
      place: 'none',
      hours: [],
      hoursNote: 'Nach Absprache mit dem Gemeindebüro.',
    },
  ],
  pflege: [
    {
      name: 'Beratungsbesuche nach § 37.3 SGB XI',
      description:
        'Für Menschen, die Pflegegeld beziehen: Beratungsbesuch zu Hause, auch auf Türkisch und Polnisch.',
      helpKinds: ['care', 'advice'],
      place: 'none',
      hours: mondayToFriday('08:00', '16:00'),
    },
  ],
  tsv: [
    {
      name: 'Sitzgymnastik für Ältere',
      description: 'Bewegung im Sitzen, für alle, die nicht mehr gut stehen können. Ohne Mitgliedschaft.',
      helpKinds: ['visit'],
      hours: [[3, '10:00', '11:00']],
    },
  ],
  rad: [
    {
      name: 'Offene Fahrradwerkstatt',
      description: 'Werkzeug und Rat für die Reparatur Ihres Fahrrads. Ersatzteile zum Selbstkostenpreis.',
      helpKinds: ['household', 'rides'],
      hours: [
        [2, '17:00', '20:00'],
        [6, '10:00', '14:00'],
      ],
    },
  ],
};

export interface DemoPerson {
  key: string;
  name: string;
  email: string;
  /** No password: signs in by emailed link (people who are not at ease with passwords). */
  linkOnly?: boolean;
  instanceAdmin?: boolean;
  memberships: [string, MembershipRole][];
  bio: string;
  skills: string[];
  interests: string[];
  languages: string[];
  availability: AvailabilitySlot[];
  districts: string[];
}

type Part = AvailabilitySlot['part'];
type Day = AvailabilitySlot['day'];
const slots = (days: Day[], parts: Part[]): AvailabilitySlot[] =>
  days.flatMap((day) => parts.map((part) => ({ day, part })));
const weekdays: Day[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

const p = (
  key: string,
  name: string,
  email: string,
  memberships: [string, MembershipRole][],
  profile: Omit<DemoPerson, 'key' | 'name' | 'email' | 'memberships'>,
): DemoPerson => ({ key, name, email, memberships, ...profile });

export const people: DemoPerson[] = [
  // Town hall
  p('miriam', 'Miriam Koch', 'admin@lindenbrueck.example', [['stadt', 'admin']], {
    instanceAdmin: true,
    bio: 'Netzwerkkoordinatorin in der Sozialplanung der Stadt. Betreut die Plattform „Lindenbrück vernetzt“.',
    skills: ['Moderation', 'Sozialplanung', 'Datenauswertung'],
    interests: ['Quartiersentwicklung', 'Bürgerbeteiligung'],
    languages: ['de', 'en'],
    availability: slots(weekdays, ['morning', 'afternoon']),
    districts: ['altstadt'],
  }),
  p('thomas', 'Thomas Becker', 'thomas.becker@lindenbrueck.example', [['stadt', 'staff']], {
    bio: 'Sozialplaner, zuständig für Altenhilfeplanung.',
    skills: ['Statistik', 'Berichte schreiben'],
    interests: ['Altenhilfe', 'Mobilität'],
    languages: ['de'],
    availability: slots(weekdays, ['morning']),
    districts: ['altstadt', 'weidenau'],
  }),
  p('elif', 'Elif Arslan', 'elif.arslan@lindenbrueck.example', [['stadt', 'staff']], {
    bio: 'Quartiersmanagerin für Am Bahnhof und Gartenstadt.',
    skills: ['Quartiersarbeit', 'Übersetzen'],
    interests: ['Stadtteilfeste', 'Spielplätze'],
    languages: ['de', 'tr', 'en'],
    availability: slots(['tue', 'wed', 'thu'], ['afternoon', 'evening']),
    districts: ['am-bahnhof', 'gartenstadt'],
  }),
  // Caritas
  p('stefan', 'Stefan Hoffmann', 'stefan.hoffmann@caritas-lindenbrueck.example', [['caritas', 'admin']], {
    bio: 'Leiter der Caritas-Beratungsstelle.',
    skills: ['Schuldnerberatung', 'Teamleitung'],
    interests: ['Armutsprävention'],
    languages: ['de'],
    availability: slots(weekdays, ['morning']),
    districts: ['altstadt'],
  }),
  p('aylin', 'Aylin Demir', 'aylin.demir@caritas-lindenbrueck.example', [['caritas', 'staff']], {
    bio: 'Sozialarbeiterin in der allgemeinen Sozialberatung; begleitet ältere Menschen nach Krankenhausaufenthalten.',
    skills: ['Sozialberatung', 'Case Management', 'Netzwerkkarten'],
    interests: ['Unterstützungskreise', 'Pflege zu Hause'],
    languages: ['de', 'tr', 'en'],
    availability: slots(weekdays, ['morning', 'afternoon']),
    districts: ['altstadt', 'lindenhof', 'nordfeld'],
  }),
  p('markus', 'Markus Wagner', 'markus.wagner@caritas-lindenbrueck.example', [['caritas', 'staff']], {
    bio: 'Migrationsberatung.',
    skills: ['Aufenthaltsrecht', 'Behördenbegleitung'],
    interests: ['Integration'],
    languages: ['de', 'fr', 'en'],
    availability: slots(['mon', 'tue', 'thu'], ['morning', 'afternoon']),
    districts: ['am-bahnhof'],
  }),
  p('renate', 'Renate Schulz', 'renate.schulz@example.org', [['caritas', 'volunteer']], {
    bio: 'Rentnerin, ehemalige Buchhalterin; hilft beim Ausfüllen von Anträgen.',
    skills: ['Formulare ausfüllen', 'Haushaltsplanung'],
    interests: ['Lesen', 'Wandern'],
    languages: ['de'],
    availability: slots(['tue', 'thu'], ['morning']),
    districts: ['altstadt'],
  }),
  p('olga', 'Olga Petrenko', 'olga.petrenko@example.org', [['caritas', 'volunteer']], {
    bio: 'Kam 2022 aus Charkiw; dolmetscht ehrenamtlich für ukrainische Familien.',
    skills: ['Dolmetschen', 'Kinderbetreuung'],
    interests: ['Sprachen', 'Kochen'],
    languages: ['uk', 'ru', 'de'],
    availability: slots(['mon', 'wed', 'fri'], ['afternoon']),
    districts: ['am-bahnhof'],
  }),
  // Diakonie
  p('claudia', 'Claudia Fischer', 'claudia.fischer@diakonie-lindenbrueck.example', [['diakonie', 'admin']], {
    bio: 'Pflegedienstleitung der Sozialstation.',
    skills: ['Pflegeplanung', 'Angehörigenberatung'],
    interests: ['Demenz', 'Entlastung pflegender Angehöriger'],
    languages: ['de'],
    availability: slots(weekdays, ['morning']),
    districts: ['am-bahnhof', 'altstadt'],
  }),
  p(
    'katarzyna',
    'Katarzyna Nowak',
    'katarzyna.nowak@diakonie-lindenbrueck.example',
    [['diakonie', 'staff']],
    {
      bio: 'Pflegefachkraft.',
      skills: ['Wundversorgung', 'Pflegeberatung'],
      interests: ['Gärtnern'],
      languages: ['pl', 'de'],
      availability: slots(['mon', 'tue', 'wed'], ['morning']),
      districts: ['am-bahnhof'],
    },
  ),
  p('mehmet', 'Mehmet Kaya', 'mehmet.kaya@diakonie-lindenbrueck.example', [['diakonie', 'staff']], {
    bio: 'Betreuungskraft, organisiert den Fahrdienst.',
    skills: ['Fahrdienst', 'Alltagsbegleitung'],
    interests: ['Fußball'],
    languages: ['de', 'tr'],
    availability: slots(weekdays, ['afternoon']),
    districts: ['am-bahnhof', 'nordfeld'],
  }),
  p('ursula', 'Ursula Braun', 'ursula.braun@example.org', [['diakonie', 'volunteer']], {
    bio: 'Besucht ehrenamtlich Menschen mit Demenz.',
    skills: ['Vorlesen', 'Zuhören'],
    interests: ['Singen', 'Handarbeit'],
    languages: ['de'],
    availability: slots(['wed'], ['afternoon']),
    districts: ['altstadt'],
  }),
  // AWO
  p('gerhard', 'Gerhard Schmitt', 'gerhard.schmitt@awo-lindenbrueck.example', [['awo', 'admin']], {
    bio: 'Leitet den Seniorentreff ehrenamtlich im Vorstand.',
    skills: ['Vereinsarbeit', 'Kassenführung'],
    interests: ['Skat', 'Ortsgeschichte'],
    languages: ['de'],
    availability: slots(['mon', 'wed', 'fri'], ['morning']),
    districts: ['weidenau'],
  }),
  p('sevgi', 'Sevgi Öztürk', 'sevgi.oeztuerk@awo-lindenbrueck.example', [['awo', 'staff']], {
    bio: 'Sozialpädagogin im Seniorentreff.',
    skills: ['Gruppenarbeit', 'Gedächtnistraining'],
    interests: ['Co-Design', 'interkulturelle Altenarbeit'],
    languages: ['de', 'tr'],
    availability: slots(weekdays, ['morning', 'afternoon']),
    districts: ['weidenau'],
  }),
  p('hannelore', 'Hannelore Weber', 'hannelore.weber@example.org', [['awo', 'volunteer']], {
    bio: 'Kocht einmal pro Woche beim Mittagstisch.',
    skills: ['Kochen', 'Backen'],
    interests: ['Garten'],
    languages: ['de'],
    availability: slots(['thu'], ['morning']),
    districts: ['weidenau'],
  }),
  p('dieter', 'Dieter Krause', 'dieter.krause@example.org', [['awo', 'volunteer']], {
    bio: 'Fährt Besucherinnen und Besucher mit dem eigenen Auto zum Treff.',
    skills: ['Fahrdienst', 'kleine Reparaturen'],
    interests: ['Oldtimer'],
    languages: ['de'],
    availability: slots(['mon', 'thu'], ['morning', 'afternoon']),
    districts: ['weidenau', 'gartenstadt'],
  }),
  // Nachbarschaftszentrum
  p('petra', 'Petra Lange', 'petra@nachbarschaftszentrum.example', [['nbz', 'admin']], {
    bio: 'Leitet das Nachbarschaftszentrum Lindenhof seit 2015.',
    skills: ['Projektleitung', 'Raumvergabe', 'Moderation'],
    interests: ['Nachbarschaft', 'Ressourcen teilen'],
    languages: ['de', 'en'],
    availability: slots(weekdays, ['morning', 'afternoon']),
    districts: ['lindenhof'],
  }),
  p('lukas', 'Lukas Neumann', 'lukas.neumann@nachbarschaftszentrum.example', [['nbz', 'staff']], {
    bio: 'Koordiniert Hausaufgabenhilfe und Repair-Café.',
    skills: ['Jugendarbeit', 'Elektronik reparieren'],
    interests: ['Repair-Café', 'Klimaschutz'],
    languages: ['de', 'en'],
    availability: slots(['tue', 'wed', 'thu'], ['afternoon', 'evening']),
    districts: ['lindenhof'],
  }),
  p('fatma', 'Fatma Yıldız', 'fatma.yildiz@nachbarschaftszentrum.example', [['nbz', 'staff']], {
    bio: 'Leitet den Sprachtreff und das Frauenfrühstück.',
    skills: ['Sprachförderung', 'Elternarbeit'],
    interests: ['Frauengesundheit'],
    languages: ['de', 'tr', 'ar'],
    availability: slots(['mon', 'wed', 'fri'], ['morning']),
    districts: ['lindenhof', 'am-bahnhof'],
  }),
  p(
    'jonas',
    'Jonas Berger',
    'jonas@example.org',
    [
      ['nbz', 'volunteer'],
      ['fwa', 'volunteer'],
    ],
    {
      bio: '24, studiert Soziale Arbeit in Kassel. Sucht kurze, flexible Einsätze und sammelt Zeitgutschriften.',
      skills: ['Umzugshilfe', 'Smartphone erklären', 'Fahrrad reparieren'],
      interests: ['Radfahren', 'Musik', 'Klimaschutz'],
      languages: ['de', 'en', 'es'],
      availability: slots(['tue', 'sat'], ['afternoon', 'evening']),
      districts: ['lindenhof', 'am-bahnhof'],
    },
  ),
  p('amira', 'Amira Haddad', 'amira.haddad@example.org', [['nbz', 'volunteer']], {
    bio: 'Lehrerin aus Aleppo, gibt Hausaufgabenhilfe in Mathematik.',
    skills: ['Nachhilfe Mathematik', 'Arabisch'],
    interests: ['Bildung', 'Kochen'],
    languages: ['ar', 'de', 'en'],
    availability: slots(['mon', 'wed'], ['afternoon']),
    districts: ['lindenhof'],
  }),
  p('paul', 'Paul Zimmermann', 'paul.zimmermann@example.org', [['nbz', 'volunteer']], {
    bio: 'Elektriker im Ruhestand, hilft im Repair-Café.',
    skills: ['Elektrik', 'Werkzeug'],
    interests: ['Repair-Café'],
    languages: ['de'],
    availability: slots(['sat'], ['morning']),
    districts: ['lindenhof', 'nordfeld'],
  }),
  // Bäckerei Yilmaz
  p('hasan', 'Hasan Yilmaz', 'hasan@baeckerei-yilmaz.example', [['yilmaz', 'admin']], {
    bio: 'Bäckermeister und Inhaber der Bäckerei Yilmaz.',
    skills: ['Backen', 'Ausbildung'],
    interests: ['Nachbarschaft', 'Lebensmittel retten'],
    languages: ['de', 'tr'],
    availability: slots(['mon'], ['evening']),
    districts: ['am-bahnhof'],
  }),
  p('emine', 'Emine Yilmaz', 'emine@baeckerei-yilmaz.example', [['yilmaz', 'staff']], {
    bio: 'Führt den Laden und das Café.',
    skills: ['Verkauf', 'Catering'],
    interests: ['Stadtteilfeste'],
    languages: ['de', 'tr'],
    availability: slots(['mon', 'fri'], ['afternoon']),
    districts: ['am-bahnhof'],
  }),
  // Freiwilligenagentur
  p('sandra', 'Sandra Klein', 'sandra.klein@freiwillig-lindenbrueck.example', [['fwa', 'admin']], {
    bio: 'Leiterin der Freiwilligenagentur.',
    skills: ['Freiwilligenmanagement', 'Schulungen'],
    interests: ['Engagementförderung'],
    languages: ['de', 'en'],
    availability: slots(weekdays, ['morning']),
    districts: ['altstadt'],
  }),
  p('tobias', 'Tobias Richter', 'tobias.richter@freiwillig-lindenbrueck.example', [['fwa', 'staff']], {
    bio: 'Berät Organisationen zu Beteiligung und Ehrenamt.',
    skills: ['Beteiligungsformate', 'Öffentlichkeitsarbeit'],
    interests: ['Digitale Beteiligung'],
    languages: ['de'],
    availability: slots(['tue', 'wed', 'thu'], ['morning', 'afternoon']),
    districts: ['altstadt', 'nordfeld'],
  }),
  p('lea', 'Lea Hartmann', 'lea.hartmann@example.org', [['fwa', 'volunteer']], {
    bio: 'Schülerin, macht ihr Sozialpraktikum im Netzwerk.',
    skills: ['Social Media', 'Fotografie'],
    interests: ['Tiere', 'Umwelt'],
    languages: ['de', 'en', 'fr'],
    availability: slots(['fri', 'sat'], ['afternoon']),
    districts: ['nordfeld'],
  }),
  p('nico', 'Nico Schröder', 'nico.schroeder@example.org', [['fwa', 'volunteer']], {
    bio: 'Arbeitet im Schichtdienst, hilft bei einmaligen Aktionen.',
    skills: ['Tragen', 'Aufbau von Veranstaltungen'],
    interests: ['Fußball'],
    languages: ['de'],
    availability: slots(['sat', 'sun'], ['morning', 'afternoon']),
    districts: ['gartenstadt'],
  }),
  p('mariam', 'Mariam Said', 'mariam.said@example.org', [['fwa', 'volunteer']], {
    bio: 'Pflegeschülerin, begleitet Seniorinnen zum Arzt.',
    skills: ['Begleitung', 'Erste Hilfe'],
    interests: ['Gesundheit'],
    languages: ['de', 'ar', 'fa'],
    availability: slots(['wed', 'thu'], ['afternoon']),
    districts: ['am-bahnhof', 'nordfeld'],
  }),
  // VHS
  p('andreas', 'Dr. Andreas Wolf', 'andreas.wolf@vhs-lindenbrueck.example', [['vhs', 'admin']], {
    bio: 'Direktor der Volkshochschule.',
    skills: ['Erwachsenenbildung', 'Programmplanung'],
    interests: ['Digitale Teilhabe'],
    languages: ['de', 'en'],
    availability: slots(weekdays, ['morning']),
    districts: ['nordfeld'],
  }),
  p('julia', 'Julia Schwarz', 'julia.schwarz@vhs-lindenbrueck.example', [['vhs', 'staff']], {
    bio: 'Fachbereich Deutsch als Zweitsprache.',
    skills: ['DaZ-Unterricht', 'Prüfungsvorbereitung'],
    interests: ['Integration', 'Leichte Sprache'],
    languages: ['de', 'en', 'fr'],
    availability: slots(weekdays, ['morning', 'afternoon']),
    districts: ['nordfeld'],
  }),
  p('dmitri', 'Dmitri Iwanow', 'dmitri.iwanow@vhs-lindenbrueck.example', [['vhs', 'staff']], {
    bio: 'Dozent für digitale Grundbildung („Tablet-Sprechstunde“).',
    skills: ['Tablet-Kurse', 'IT-Support'],
    interests: ['Schach'],
    languages: ['de', 'ru'],
    availability: slots(['tue', 'thu'], ['afternoon', 'evening']),
    districts: ['nordfeld', 'gartenstadt'],
  }),
  p('ingrid', 'Ingrid Lorenz', 'ingrid.lorenz@example.org', [['vhs', 'volunteer']], {
    bio: 'Lesepatin in der Lernwerkstatt.',
    skills: ['Vorlesen', 'Lernbegleitung'],
    interests: ['Literatur'],
    languages: ['de'],
    availability: slots(['mon', 'wed'], ['afternoon']),
    districts: ['nordfeld'],
  }),
  // Kirchengemeinde
  p('christine', 'Christine Vogel', 'christine.vogel@st-marien-lindenbrueck.example', [['kirche', 'admin']], {
    bio: 'Pfarrerin der Gemeinde St. Marien.',
    skills: ['Seelsorge', 'Trauerbegleitung'],
    interests: ['Ökumene', 'Nachbarschaft'],
    languages: ['de', 'en'],
    availability: slots(['tue', 'wed', 'thu'], ['morning']),
    districts: ['altstadt'],
  }),
  p('martin', 'Martin Keller', 'martin.keller@st-marien-lindenbrueck.example', [['kirche', 'staff']], {
    bio: 'Diakon, koordiniert den Besuchsdienst.',
    skills: ['Besuchsdienst', 'Ehrenamtskoordination'],
    interests: ['Einsamkeit im Alter'],
    languages: ['de'],
    availability: slots(weekdays, ['afternoon']),
    districts: ['altstadt', 'lindenhof'],
  }),
  p('helga', 'Helga Richter', 'helga.richter@example.org', [['kirche', 'volunteer']], {
    bio: 'Besuchsdienst und Trauercafé.',
    skills: ['Zuhören', 'Kuchen backen'],
    interests: ['Chor'],
    languages: ['de'],
    availability: slots(['sun'], ['afternoon']),
    districts: ['altstadt'],
  }),
  p('bernd', 'Bernd Frank', 'bernd.frank@example.org', [['kirche', 'volunteer']], {
    bio: 'Hausmeister im Ruhestand, kümmert sich ums Gemeindehaus.',
    skills: ['Hausmeisterarbeiten', 'Schlüsselverwaltung'],
    interests: ['Handwerk'],
    languages: ['de'],
    availability: slots(['mon', 'fri'], ['morning']),
    districts: ['altstadt'],
  }),
  // Health
  p('nadia', 'Dr. Nadia Okonkwo', 'nadia.okonkwo@hausarzt-nordfeld.example', [['praxis', 'admin']], {
    bio: 'Hausärztin, setzt sich für das „soziale Rezept“ ein.',
    skills: ['Allgemeinmedizin', 'Geriatrie'],
    interests: ['Gesundheitsförderung'],
    languages: ['de', 'en', 'fr'],
    availability: slots(['wed'], ['afternoon']),
    districts: ['nordfeld'],
  }),
  p('sarah', 'Sarah König', 'sarah.koenig@hausarzt-nordfeld.example', [['praxis', 'staff']], {
    bio: 'Medizinische Fachangestellte, Ansprechpartnerin für Hausbesuche.',
    skills: ['Terminplanung', 'Blutdruck messen'],
    interests: ['Laufen'],
    languages: ['de'],
    availability: slots(weekdays, ['morning']),
    districts: ['nordfeld'],
  }),
  p('birgit', 'Birgit Hahn', 'birgit.hahn@pflege-gartenstadt.example', [['pflege', 'admin']], {
    bio: 'Inhaberin des Pflegedienstes.',
    skills: ['Pflegemanagement', 'Abrechnung'],
    interests: ['Pflege im Quartier'],
    languages: ['de'],
    availability: slots(weekdays, ['morning']),
    districts: ['gartenstadt', 'weidenau'],
  }),
  p('ahmet', 'Ahmet Çelik', 'ahmet.celik@pflege-gartenstadt.example', [['pflege', 'staff']], {
    bio: 'Altenpfleger.',
    skills: ['Grundpflege', 'kultursensible Pflege'],
    interests: ['Basketball'],
    languages: ['de', 'tr', 'ku'],
    availability: slots(['mon', 'tue', 'sat'], ['morning']),
    districts: ['gartenstadt'],
  }),
  p('marta', 'Marta Kowalski', 'marta.kowalski@pflege-gartenstadt.example', [['pflege', 'staff']], {
    bio: 'Pflegefachkraft, Beratungsbesuche.',
    skills: ['Pflegeberatung', 'Palliativpflege'],
    interests: ['Hospizarbeit'],
    languages: ['pl', 'de'],
    availability: slots(['wed', 'thu', 'fri'], ['morning']),
    districts: ['gartenstadt', 'am-bahnhof'],
  }),
  // Sport
  p('frank', 'Frank Meyer', 'frank.meyer@tsv-lindenbrueck.example', [['tsv', 'admin']], {
    bio: 'Vorsitzender des TSV.',
    skills: ['Vereinsführung', 'Fördermittel'],
    interests: ['Fußball', 'Jugendförderung'],
    languages: ['de'],
    availability: slots(['tue', 'thu'], ['evening']),
    districts: ['weidenau'],
  }),
  p('kevin', 'Kevin Schulze', 'kevin.schulze@example.org', [['tsv', 'volunteer']], {
    bio: 'Übungsleiter der Sitzgymnastik für Ältere.',
    skills: ['Übungsleitung', 'Reha-Sport'],
    interests: ['Gesundheit'],
    languages: ['de'],
    availability: slots(['mon', 'wed'], ['evening']),
    districts: ['weidenau', 'gartenstadt'],
  }),
  p('leonie', 'Leonie Kraus', 'leonie.kraus@example.org', [['tsv', 'volunteer']], {
    bio: 'Trainerin der F-Jugend, fährt den Vereinsbus.',
    skills: ['Kindertraining', 'Führerschein Klasse B'],
    interests: ['Fußball'],
    languages: ['de', 'en'],
    availability: slots(['sat'], ['morning']),
    districts: ['weidenau'],
  }),
  // Fahrradwerkstatt
  p('max', 'Max Engel', 'max.engel@example.org', [['rad', 'admin']], {
    bio: 'Hat die Fahrradwerkstatt „Speiche“ gegründet.',
    skills: ['Fahrrad reparieren', 'Werkstattorganisation'],
    interests: ['Verkehrswende'],
    languages: ['de', 'en'],
    availability: slots(['wed', 'sat'], ['afternoon']),
    districts: ['am-bahnhof'],
  }),
  p('yusuf', 'Yusuf Aydın', 'yusuf.aydin@example.org', [['rad', 'volunteer']], {
    bio: 'Kfz-Mechatroniker, schraubt samstags in der Werkstatt.',
    skills: ['Fahrrad reparieren', 'Schweißen'],
    interests: ['Rennrad'],
    languages: ['de', 'tr'],
    availability: slots(['sat'], ['morning', 'afternoon']),
    districts: ['am-bahnhof', 'gartenstadt'],
  }),
  p('jana', 'Jana Peters', 'jana.peters@example.org', [['rad', 'volunteer']], {
    bio: 'Organisiert Radfahrkurse für Frauen.',
    skills: ['Radfahrkurse', 'Organisation'],
    interests: ['Frauen aufs Rad'],
    languages: ['de', 'en'],
    availability: slots(['sun'], ['morning']),
    districts: ['am-bahnhof'],
  }),
  p('tim', 'Tim Walter', 'tim.walter@example.org', [['rad', 'volunteer']], {
    bio: 'Student, pflegt die Ersatzteilliste.',
    skills: ['Tabellen', 'Fahrrad reparieren'],
    interests: ['Open Source'],
    languages: ['de', 'en'],
    availability: slots(['wed'], ['evening']),
    districts: ['nordfeld'],
  }),
  // Citizens
  p('margarete', 'Margarete M.', 'margarete.m@example.org', [], {
    bio: '67, wohnt seit 40 Jahren in Weidenau. Meldet Stolperfallen und fehlende Bänke.',
    skills: ['Nähen', 'Ortskenntnis'],
    interests: ['Seniorencafé', 'Spazierwege', 'Garten'],
    languages: ['de'],
    availability: slots(['tue', 'thu'], ['morning', 'afternoon']),
    districts: ['weidenau'],
  }),
  p('heinrich', 'Heinrich K.', 'heinrich.k@example.org', [], {
    linkOnly: true,
    bio: '82, lebt nach einem Schlaganfall allein in Nordfeld.',
    skills: ['Schach', 'Geschichten erzählen'],
    interests: ['Ortsgeschichte', 'Radio'],
    languages: ['de'],
    availability: [],
    districts: ['nordfeld'],
  }),
  p('sabine', 'Sabine K.', 'sabine.k@example.org', [], {
    linkOnly: true,
    bio: 'Tochter von Herrn K., wohnt in Kassel und arbeitet Vollzeit.',
    skills: ['Organisation'],
    interests: ['Pflege zu Hause'],
    languages: ['de', 'en'],
    availability: slots(['tue'], ['evening']),
    districts: ['nordfeld'],
  }),
  p('erwin', 'Erwin Roth', 'erwin.roth@example.org', [], {
    bio: 'Nachbar von Herrn K., 70, geht gern mit ihm spazieren.',
    skills: ['Einkaufen', 'Gartenarbeit'],
    interests: ['Nachbarschaftshilfe'],
    languages: ['de'],
    availability: slots(['mon', 'wed', 'fri'], ['morning']),
    districts: ['nordfeld'],
  }),
  p('guel', 'Gül Şahin', 'guel.sahin@example.org', [], {
    bio: 'Mutter von drei Kindern, nutzt die Hausaufgabenhilfe.',
    skills: ['Kochen', 'Türkisch'],
    interests: ['Elterncafé'],
    languages: ['tr', 'de'],
    availability: slots(['wed'], ['morning']),
    districts: ['lindenhof'],
  }),
  p('ali', 'Ali Rahimi', 'ali.rahimi@example.org', [], {
    bio: 'Lebt seit 2016 in Lindenbrück, macht eine Ausbildung zum Tischler.',
    skills: ['Holzarbeiten', 'Dari'],
    interests: ['Fahrrad', 'Fußball'],
    languages: ['fa', 'de'],
    availability: slots(['sat'], ['afternoon']),
    districts: ['am-bahnhof'],
  }),
  p('anna', 'Anna Lehmann', 'anna.lehmann@example.org', [], {
    bio: 'Alleinerziehend, sucht Unterstützung bei Behördenpost.',
    skills: ['Grafik'],
    interests: ['Kinderbetreuung'],
    languages: ['de'],
    availability: slots(['sun'], ['afternoon']),
    districts: ['gartenstadt'],
  }),
  p('wolfgang', 'Wolfgang Baumann', 'wolfgang.baumann@example.org', [], {
    bio: 'Rentner, besucht den Mittagstisch der AWO.',
    skills: ['Skat'],
    interests: ['Seniorencafé'],
    languages: ['de'],
    availability: slots(['thu'], ['morning']),
    districts: ['weidenau'],
  }),
  p('irina', 'Irina Sokolova', 'irina.sokolova@example.org', [], {
    bio: 'Besucht den Deutschkurs B1 an der VHS.',
    skills: ['Klavier', 'Buchhaltung'],
    interests: ['Musik', 'Sprachtreff'],
    languages: ['ru', 'de'],
    availability: slots(['mon', 'wed'], ['evening']),
    districts: ['nordfeld'],
  }),
  p('karlheinz', 'Karl-Heinz Pohl', 'karlheinz.pohl@example.org', [], {
    bio: '76, lernt in der Tablet-Sprechstunde Videotelefonie mit den Enkeln.',
    skills: ['Modellbau'],
    interests: ['Digitale Teilhabe'],
    languages: ['de'],
    availability: slots(['tue'], ['afternoon']),
    districts: ['gartenstadt'],
  }),
  p('monika', 'Monika Franke', 'monika.franke@example.org', [], {
    bio: 'Pflegt ihren Mann zu Hause und nutzt die Angehörigengruppe.',
    skills: ['Stricken'],
    interests: ['Entlastung', 'Austausch'],
    languages: ['de'],
    availability: slots(['wed'], ['afternoon']),
    districts: ['altstadt'],
  }),
  p('samira', 'Samira Bouzid', 'samira.bouzid@example.org', [], {
    bio: 'Studentin, bringt sich beim Co-Design des Seniorencafés ein.',
    skills: ['Design', 'Französisch'],
    interests: ['Stadtgestaltung'],
    languages: ['fr', 'ar', 'de', 'en'],
    availability: slots(['thu', 'fri'], ['afternoon']),
    districts: ['altstadt'],
  }),
  p('dennis', 'Dennis Vogt', 'dennis.vogt@example.org', [], {
    bio: 'Arbeitet im Logistikzentrum, leiht gern Werkzeug aus.',
    skills: ['Gabelstapler', 'Umzüge'],
    interests: ['Heimwerken'],
    languages: ['de'],
    availability: slots(['sun'], ['morning']),
    districts: ['gartenstadt'],
  }),
  p('johanna', 'Johanna Beck', 'johanna.beck@example.org', [], {
    bio: 'Junge Mutter in Elternzeit, sucht Kontakte im Viertel.',
    skills: ['Yoga'],
    interests: ['Spielplätze', 'Krabbelgruppe'],
    languages: ['de', 'en'],
    availability: slots(['mon', 'tue'], ['morning']),
    districts: ['lindenhof'],
  }),
  p('ibrahim', 'Ibrahim Diallo', 'ibrahim.diallo@example.org', [], {
    bio: 'Kam aus Guinea, spielt im TSV Fußball und lernt Deutsch an der VHS.',
    skills: ['Fußball', 'Französisch'],
    interests: ['Sport', 'Ausbildung'],
    languages: ['fr', 'de'],
    availability: slots(['tue', 'thu'], ['evening']),
    districts: ['weidenau'],
  }),
  p('christa', 'Christa Winkler', 'christa.winkler@example.org', [], {
    bio: '88, bekommt Besuch vom Besuchsdienst St. Marien.',
    skills: ['Kreuzworträtsel'],
    interests: ['Gesellschaft', 'Kirchenmusik'],
    languages: ['de'],
    availability: [],
    districts: ['altstadt'],
  }),
];
