import { sql } from 'kysely';
import type { HelpKind, OrganisationKind, Sector, ServicePlace } from '../../db/schema.ts';
import type { Executor } from '../../db/tx.ts';
import { Problem } from '../../http/problem.ts';
import { type Locale, type MessageKey, t } from '../../i18n/messages.ts';
import { audit } from '../../platform/audit.ts';
import {
  insertService,
  overlappingDay,
  type ServiceHours,
  servicesPerOrganisation,
} from '../../repositories/organisationServices.ts';
import { indexOrganisation } from '../../repositories/organisations.ts';
import { joinAddress } from './export.ts';
import { isUuid } from './ids.ts';
import { codeOf, helpKindTerms, kindTerms, sectorTerms } from './terms.ts';

/**
 * Importing an Open Referral HSDS 3 directory into an EMPTY network: a county's or another
 * installation's export, or our own (GET /hsds/export). It takes organisations and their services
 * with what Knotenpunkt has a place for, refuses what it cannot keep, and says so per record, in
 * German or English. Everything in the caller's transaction: either the whole directory or nothing.
 *
 * Guarantees: the network had no organisation when the import began (its row is locked, so two
 * imports cannot both find it empty); every record taken is valid by the same rules as the forms
 * (lengths, email, web address, hours that do not overlap); ids that are UUIDs are kept, so an
 * import of our own export names everything as before. Nothing about people is taken: HSDS has
 * contacts, Knotenpunkt keeps none of them (reported as a field not taken).
 */

type J = Record<string, unknown>;
export interface Note {
  key: MessageKey;
  params?: Record<string, string | number>;
}
export interface ImportRecord {
  type: 'organization' | 'service';
  id: string | null;
  name: string;
  outcome: 'taken' | 'refused';
  notes: Note[];
}
export interface ImportReport {
  taken: { organisations: number; services: number };
  refused: number;
  records: ImportRecord[];
}

const isObject = (v: unknown): v is J => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const isEmail = (v: string) => v.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v);
const isWeb = (v: string) => v.length <= 300 && /^https?:\/\//.test(v) && URL.canParse(v);

/** HSDS fields we have no place for: reported, never silently lost. */
const orgFieldsDropped = [
  'alternate_name',
  'tax_status',
  'tax_id',
  'year_incorporated',
  'legal_status',
  'logo',
  'parent_organization_id',
  'funding',
  'contacts',
  'programs',
  'organization_identifiers',
];
const serviceFieldsDropped = [
  'alternate_name',
  'url',
  'email',
  'interpretation_services',
  'application_process',
  'fees_description',
  'wait_time',
  'fees',
  'accreditations',
  'eligibility_description',
  'minimum_age',
  'maximum_age',
  'licenses',
  'alert',
  'phones',
  'service_areas',
  'languages',
  'funding',
  'cost_options',
  'program',
  'program_id',
  'required_documents',
  'contacts',
];
const present = (v: unknown) =>
  v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
function droppedFields(o: J, fields: string[]): Note[] {
  const dropped = fields.filter((f) => present(o[f]));
  return dropped.length
    ? [{ key: 'hsds.reason.fields_dropped', params: { fields: dropped.join(', ') } }]
    : [];
}

/**
 * The organisations of a file: `{"organizations": […]}` (our export), a JSON list of organisations,
 * one organisation, or one organisation per line (NDJSON, the profile's `format=ndjson`).
 */
export function parseHsds(text: string): unknown[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    const lines = text.split('\n').filter((l) => l.trim());
    try {
      return lines.map((l) => JSON.parse(l) as unknown);
    } catch {
      throw new Problem(422, 'hsds.import.unreadable', { params: { detail: (err as Error).message } });
    }
  }
  const list = Array.isArray(doc)
    ? doc
    : isObject(doc) && Array.isArray(doc.organizations)
      ? doc.organizations
      : isObject(doc) && 'name' in doc
        ? [doc]
        : [];
  if (list.length === 0) throw new Problem(422, 'hsds.import.no_organizations');
  return list;
}

/** HH:MM of an HSDS time ("09:00", "09:00:00", "09:00+01:00"), or undefined. */
function time(v: unknown): string | undefined {
  const m = /^([01]\d|2[0-3]):([0-5]\d)/.exec(str(v));
  return m ? `${m[1]}:${m[2]}` : undefined;
}
const dayCodes = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** A WEEKLY schedule's openings, or undefined when it is not one we can read. */
function weeklyHours(s: J): ServiceHours[] | undefined {
  if (str(s.freq).toUpperCase() !== 'WEEKLY') return undefined;
  const opens = time(s.opens_at);
  const closes = time(s.closes_at);
  const days = str(s.byday)
    .split(',')
    .map(
      (d) =>
        dayCodes.indexOf(
          d
            .trim()
            .toUpperCase()
            .replace(/^[+-]?\d+/, ''),
        ) + 1,
    );
  if (!opens || !closes || closes <= opens || days.length === 0 || days.some((d) => d < 1)) return undefined;
  return days.map((weekday) => ({ weekday, opens, closes }));
}

interface Place {
  place: ServicePlace;
  address: string | null;
  lat: number | null;
  lng: number | null;
}

function locationPlace(loc: J): { address: string | null; lat: number | null; lng: number | null } {
  const a = arr(loc.addresses).find(isObject);
  const address = a
    ? joinAddress({
        address_1: str(a.address_1),
        address_2: str(a.address_2),
        postal_code: str(a.postal_code),
        city: str(a.city),
      })
    : '';
  const lat = typeof loc.latitude === 'number' && Math.abs(loc.latitude) <= 90 ? loc.latitude : null;
  const lng = typeof loc.longitude === 'number' && Math.abs(loc.longitude) <= 180 ? loc.longitude : null;
  return {
    address: address.length >= 2 && address.length <= 300 ? address : null,
    lat: lng === null ? null : lat,
    lng: lat === null ? null : lng,
  };
}

const slugify = (name: string) =>
  name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/, '') || 'organisation';

/**
 * Imports the organisations (parsed by parseHsds) into the network, in `tx`. Throws a 409 Problem
 * when the network already has organisations; otherwise returns the report.
 */
export async function importHsds(
  tx: Executor,
  networkId: string,
  organisations: unknown[],
  actorId: string | null,
): Promise<ImportReport> {
  await tx.selectFrom('network').select('id').where('id', '=', networkId).forUpdate().execute();
  const existing = await tx
    .selectFrom('organisation')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('network_id', '=', networkId)
    .executeTakeFirstOrThrow();
  if (Number(existing.n) > 0)
    throw new Problem(409, 'hsds.import.not_empty', { params: { count: Number(existing.n) } });

  const report: ImportReport = { taken: { organisations: 0, services: 0 }, refused: 0, records: [] };
  const seen = new Set<string>();
  const slugs = new Set<string>();
  const refuse = (type: ImportRecord['type'], id: string | null, name: string, notes: Note[]) => {
    report.refused++;
    report.records.push({ type, id, name, outcome: 'refused', notes });
  };

  /** A UUID of the file kept, or a new one (undefined) with a note; null when it was seen before. */
  function idOf(v: unknown, notes: Note[]): string | undefined | null {
    if (isUuid(v)) {
      const id = v.toLowerCase();
      if (seen.has(id)) return null;
      seen.add(id);
      return id;
    }
    if (present(v)) notes.push({ key: 'hsds.reason.new_id', params: { id: String(v).slice(0, 60) } });
    return undefined;
  }

  for (const raw of organisations) {
    if (!isObject(raw)) {
      refuse('organization', null, '', [{ key: 'hsds.reason.not_object' }]);
      continue;
    }
    const name = str(raw.name);
    const notes: Note[] = [];
    const id = idOf(raw.id, notes);
    if (id === null) {
      refuse('organization', str(raw.id), name, [
        { key: 'hsds.reason.duplicate_id', params: { id: str(raw.id) } },
      ]);
      continue;
    }
    if (name.length < 2 || name.length > 120) {
      refuse('organization', id ?? null, name, [{ key: 'hsds.reason.name', params: { max: 120 } }]);
      continue;
    }
    const description = str(raw.description);
    if (description.length > 5000) {
      refuse('organization', id ?? null, name, [
        { key: 'hsds.reason.too_long', params: { field: 'description', max: 5000 } },
      ]);
      continue;
    }
    const email = str(raw.email);
    if (email && !isEmail(email))
      notes.push({ key: 'hsds.reason.email_dropped', params: { value: email.slice(0, 80) } });
    const website = str(raw.website);
    if (website && !isWeb(website))
      notes.push({ key: 'hsds.reason.website_dropped', params: { value: website.slice(0, 80) } });
    const phones = arr(raw.phones)
      .filter(isObject)
      .map((p) => str(p.number))
      .filter(Boolean);
    const phone = phones[0] && phones[0].length <= 40 ? phones[0] : null;
    const phonesDropped = phones.filter((p) => p !== phone);
    if (phonesDropped.length)
      notes.push({
        key: 'hsds.reason.phone_dropped',
        params: { value: phonesDropped.join(', ').slice(0, 120) },
      });
    // the organisation's address: its first physical location with an address or a point
    const locations = arr(raw.locations).filter(isObject);
    const own =
      locations.find((l) => str(l.location_type) !== 'virtual' && str(l.location_type) !== 'postal') ??
      locations[0];
    const ownPlace = own ? locationPlace(own) : { address: null, lat: null, lng: null };
    if (locations.length > 1)
      notes.push({ key: 'hsds.reason.locations_dropped', params: { count: locations.length - 1 } });
    const attrs = arr(raw.attributes);
    const kind = attrs.map((a) => codeOf(kindTerms, a)).find(Boolean) as OrganisationKind | undefined;
    const sector = attrs.map((a) => codeOf(sectorTerms, a)).find(Boolean) as Sector | undefined;
    if (!kind || !sector) notes.push({ key: 'hsds.reason.kind_default' });
    notes.push(...droppedFields(raw, orgFieldsDropped));
    // the slug of our own page address when the file came from a Knotenpunkt, else from the name
    const fromUri = /\/organisationen\/([a-z0-9-]{2,60})$/.exec(str(raw.uri))?.[1];
    let slug = fromUri && !slugs.has(fromUri) ? fromUri : slugify(name);
    for (let n = 2; slugs.has(slug) || slug.length < 2; n++) slug = `${slugify(name).slice(0, 55)}-${n}`;
    slugs.add(slug);

    const org = await tx
      .insertInto('organisation')
      .values({
        network_id: networkId,
        ...(id ? { id } : {}),
        name,
        slug,
        kind: kind ?? 'other',
        sector: sector ?? 'other',
        description,
        website: website && isWeb(website) ? website : null,
        email: email && isEmail(email) ? email.toLowerCase() : null,
        phone,
        address: ownPlace.address,
        lat: ownPlace.lat,
        lng: ownPlace.lng,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await indexOrganisation(tx, networkId, org.id);
    report.taken.organisations++;
    report.records.push({ type: 'organization', id: org.id, name, outcome: 'taken', notes });

    let services = 0;
    const ownLocationId = own && isUuid(own.id) ? own.id.toLowerCase() : undefined;
    const locationById = new Map(
      locations.filter((l) => isUuid(l.id)).map((l) => [String(l.id).toLowerCase(), l]),
    );
    for (const rawService of arr(raw.services)) {
      if (!isObject(rawService)) {
        refuse('service', null, '', [{ key: 'hsds.reason.not_object' }]);
        continue;
      }
      const sName = str(rawService.name);
      const sNotes: Note[] = [];
      const sId = idOf(rawService.id, sNotes);
      if (sId === null) {
        refuse('service', str(rawService.id), sName, [
          { key: 'hsds.reason.duplicate_id', params: { id: str(rawService.id) } },
        ]);
        continue;
      }
      if (sName.length < 2 || sName.length > 120) {
        refuse('service', sId ?? null, sName, [{ key: 'hsds.reason.name', params: { max: 120 } }]);
        continue;
      }
      const status = str(rawService.status) || 'active';
      if (status !== 'active') {
        refuse('service', sId ?? null, sName, [
          { key: 'hsds.reason.status', params: { status: status.slice(0, 40) } },
        ]);
        continue;
      }
      const sDescription = str(rawService.description);
      if (sDescription.length > 2000) {
        refuse('service', sId ?? null, sName, [
          { key: 'hsds.reason.too_long', params: { field: 'description', max: 2000 } },
        ]);
        continue;
      }
      if (services >= servicesPerOrganisation) {
        refuse('service', sId ?? null, sName, [
          { key: 'hsds.reason.too_many_services', params: { max: servicesPerOrganisation } },
        ]);
        continue;
      }
      // kinds of help: our terms; any other category is reported
      const helpKinds: HelpKind[] = [];
      for (const a of arr(rawService.attributes)) {
        const code = codeOf(helpKindTerms, a) as HelpKind | undefined;
        if (code && !helpKinds.includes(code)) helpKinds.push(code);
        else if (!code) {
          const term = isObject(a) && isObject(a.taxonomy_term) ? a.taxonomy_term : undefined;
          sNotes.push({
            key: 'hsds.reason.term_dropped',
            params: { name: str(term?.name ?? (isObject(a) ? a.value : '')).slice(0, 80) || '?' },
          });
        }
      }
      // where: the first service_at_location
      const sals = arr(rawService.service_at_locations).filter(isObject);
      if (sals.length > 1)
        sNotes.push({ key: 'hsds.reason.places_dropped', params: { count: sals.length - 1 } });
      let place: Place = { place: 'none', address: null, lat: null, lng: null };
      const sal = sals[0];
      if (sal) {
        const locId =
          str(sal.location_id).toLowerCase() ||
          (isObject(sal.location) ? str(sal.location.id).toLowerCase() : '');
        const loc = isObject(sal.location) ? sal.location : locationById.get(locId);
        if (locId && locId === ownLocationId)
          place = { place: 'organisation', address: null, lat: null, lng: null };
        else if (loc && str(loc.location_type) !== 'virtual' && locationPlace(loc).address)
          place = { place: 'elsewhere', ...locationPlace(loc) };
        else sNotes.push({ key: 'hsds.reason.place_none', params: { id: locId || '?' } });
      }
      // when: weekly schedules as hours, anything else with a description as the note
      const hours: ServiceHours[] = [];
      const noteParts: string[] = [];
      const schedules = [...arr(rawService.schedules), ...sals.flatMap((x) => arr(x.schedules))].filter(
        isObject,
      );
      for (const s of schedules) {
        const weekly = weeklyHours(s);
        if (weekly && overlappingDay([...hours, ...weekly]) === undefined) {
          hours.push(...weekly);
          continue;
        }
        const text = str(s.description) || str(s.notes);
        if (!weekly && !s.freq && text) noteParts.push(text);
        else if (!weekly && text) {
          noteParts.push(text);
          sNotes.push({ key: 'hsds.reason.schedule_as_note', params: { value: text.slice(0, 80) } });
        } else sNotes.push({ key: 'hsds.reason.schedule_dropped', params: { id: str(s.id) || '?' } });
      }
      let hoursNote = noteParts.join(' ');
      if (hoursNote.length > 300) {
        sNotes.push({ key: 'hsds.reason.too_long', params: { field: 'schedules.description', max: 300 } });
        hoursNote = `${hoursNote.slice(0, 299)}…`;
      }
      sNotes.push(...droppedFields(rawService, serviceFieldsDropped));
      const serviceId = await insertService(
        tx,
        networkId,
        org.id,
        { name: sName, description: sDescription, helpKinds, ...place, hoursNote, hours },
        sId,
      );
      const modified = str(rawService.last_modified);
      if (modified && !Number.isNaN(Date.parse(modified)))
        await tx
          .updateTable('organisation_service')
          .set({ updated_at: new Date(modified), created_at: sql`least(created_at, ${new Date(modified)})` })
          .where('network_id', '=', networkId)
          .where('id', '=', serviceId)
          .execute();
      services++;
      report.taken.services++;
      report.records.push({ type: 'service', id: serviceId, name: sName, outcome: 'taken', notes: sNotes });
    }
  }
  await audit(tx, {
    networkId,
    actorId,
    action: 'network.hsds_imported',
    entityType: 'network',
    entityId: networkId,
    details: { ...report.taken, refused: report.refused },
  });
  return report;
}

/** The report as lines to read, in German or English: the summary, then one line per record with its notes. */
export function reportLines(report: ImportReport, locale: Locale): string[] {
  const lines = [
    t(locale, 'hsds.import.summary', {
      organisations: report.taken.organisations,
      services: report.taken.services,
      refused: report.refused,
    }),
  ];
  for (const r of report.records) {
    const head = `${t(locale, `hsds.import.${r.type}`)} „${r.name || '?'}“${r.id ? ` (${r.id})` : ''}: ${t(locale, `hsds.import.${r.outcome}`)}`;
    lines.push(head, ...r.notes.map((n) => `  – ${t(locale, n.key, n.params)}`));
  }
  return lines;
}
