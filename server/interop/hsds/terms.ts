import {
  type HelpKind,
  helpKinds,
  type OrganisationKind,
  organisationKinds,
  type Sector,
  sectors,
} from '../../db/schema.ts';
import { derivedId } from './ids.ts';

/**
 * Knotenpunkt's own vocabularies as HSDS taxonomy terms: the kinds of help of "Ich suche Hilfe" on
 * services, and an organisation's kind and sector on organisations. Each term is named in German
 * (the directory's language) and described in English, with our code, so another directory can map
 * it and an import of our own export restores the values exactly.
 */
export interface Vocabulary<T extends string> {
  taxonomy: string;
  /** which HSDS object the attribute is linked to */
  linkEntity: 'service' | 'organization';
  codes: readonly T[];
  names: Record<T, { de: string; en: string }>;
}

export const helpKindTerms: Vocabulary<HelpKind> = {
  taxonomy: 'knotenpunkt-help-kind',
  linkEntity: 'service',
  codes: helpKinds,
  names: {
    shopping: { de: 'Einkauf und Besorgungen', en: 'Shopping and errands' },
    escort: { de: 'Begleitung zum Arzt', en: 'Going to the doctor' },
    visit: { de: 'Besuch und Gespräch', en: 'Visits and a chat' },
    household: { de: 'Haushalt und Garten', en: 'Home and garden' },
    digital: { de: 'Handy und Computer', en: 'Phone and computer' },
    advice: { de: 'Beratung', en: 'Advice' },
    care: { de: 'Pflege und Alltag zu Hause', en: 'Care and daily life at home' },
    rides: { de: 'Fahrten', en: 'Rides' },
    borrow: { de: 'Etwas leihen', en: 'Borrow something' },
    learning: { de: 'Lernen und Nachhilfe', en: 'Learning and tutoring' },
  },
};

export const kindTerms: Vocabulary<OrganisationKind> = {
  taxonomy: 'knotenpunkt-organisation-kind',
  linkEntity: 'organization',
  codes: organisationKinds,
  names: {
    association: { de: 'Verein', en: 'Association' },
    charity: { de: 'Wohlfahrtsverband', en: 'Charity' },
    company: { de: 'Unternehmen', en: 'Company' },
    public_body: { de: 'Behörde', en: 'Public body' },
    cooperative: { de: 'Genossenschaft', en: 'Cooperative' },
    initiative: { de: 'Initiative', en: 'Initiative' },
    other: { de: 'Sonstige', en: 'Other' },
  },
};

export const sectorTerms: Vocabulary<Sector> = {
  taxonomy: 'knotenpunkt-sector',
  linkEntity: 'organization',
  codes: sectors,
  names: {
    social_service: { de: 'Soziale Dienste', en: 'Social services' },
    civil_society: { de: 'Zivilgesellschaft', en: 'Civil society' },
    business: { de: 'Wirtschaft', en: 'Business' },
    public: { de: 'Öffentliche Hand', en: 'Public sector' },
    education: { de: 'Bildung', en: 'Education' },
    health: { de: 'Gesundheit', en: 'Health' },
    faith: { de: 'Religion', en: 'Faith' },
    other: { de: 'Sonstiges', en: 'Other' },
  },
};

export const taxonomyId = (v: Vocabulary<string>) => derivedId('taxonomy', v.taxonomy);
export const termId = (v: Vocabulary<string>, code: string) => derivedId('term', v.taxonomy, code);

export function term<T extends string>(v: Vocabulary<T>, code: T) {
  return {
    id: termId(v, code),
    code,
    name: v.names[code].de,
    description: v.names[code].en,
    taxonomy: v.taxonomy,
    taxonomy_id: taxonomyId(v),
    language: 'de',
  };
}

/** The attribute that links a term to one object (a service, an organisation). */
export function attribute<T extends string>(v: Vocabulary<T>, code: T, linkId: string) {
  const t = term(v, code);
  return {
    id: derivedId('attribute', linkId, v.taxonomy, code),
    link_id: linkId,
    link_type: v.linkEntity,
    link_entity: v.linkEntity,
    taxonomy_term_id: t.id,
    taxonomy_term: t,
  };
}

/** The code of one of our terms named by an attribute (by its term's id, or taxonomy and code). */
export function codeOf<T extends string>(v: Vocabulary<T>, attr: unknown): T | undefined {
  if (typeof attr !== 'object' || attr === null) return undefined;
  const a = attr as { taxonomy_term_id?: unknown; taxonomy_term?: { code?: unknown; taxonomy?: unknown } };
  for (const code of v.codes) if (a.taxonomy_term_id === termId(v, code)) return code;
  const t = a.taxonomy_term;
  if (t && t.taxonomy === v.taxonomy && v.codes.includes(t.code as T)) return t.code as T;
  return undefined;
}
