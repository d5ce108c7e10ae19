import type { Catalogue } from '../../../i18n/messages.ts';
import { seg, webPath } from '../../../platform/webPath.ts';

/** The neighbourhood knowledge map (Bürgerwissen): reports and notes on a place, their status, "me too", GeoJSON — its data for the area's area.ts. Data only. */

/** Messages the part sends (errors, emails), German and English. */
export const messages = {
  'map_report.not_new': {
    de: 'Diese Meldung wird schon bearbeitet (Stand: nicht mehr „neu“). Ändern oder zurückziehen geht nur, solange sie neu ist.',
    en: 'This report is already being dealt with (no longer “new”). It can only be changed or withdrawn while it is new.',
  },
  'map_report.same_status': {
    de: 'Die Meldung hat diesen Stand schon. Bitte einen anderen wählen.',
    en: 'The report already has this status. Please choose another one.',
  },
  'map_report.reason_required': {
    de: 'Bitte einen Grund angeben (mindestens 3 Zeichen): Die meldende Person und alle, die folgen, lesen ihn.',
    en: 'Please give a reason (at least 3 characters): the person who reported it and everyone following read it.',
  },
  'map_report.title_length': {
    de: 'Bitte einen kurzen Titel mit 3 bis 160 Zeichen angeben, z. B. „Aufzug defekt“.',
    en: 'Please give a short title of 3 to 160 characters, e.g. “Lift broken”.',
  },
  'map_report.place_required': {
    de: 'Bitte den Ort wählen: Adresse suchen, auf die Karte tippen oder „Meinen Standort verwenden“.',
    en: 'Please choose the place: search an address, tap the map or “Use my location”.',
  },
  'map_report.own_report': {
    de: 'Das ist Ihre eigene Meldung – „Ich auch“ zählt nur andere.',
    en: 'This is your own report – “Me too” counts other people only.',
  },
  'map_report.bbox': {
    de: 'Der Kartenausschnitt ist ungültig: west,süd,ost,nord in Grad, west < ost und süd < nord.',
    en: 'The map area is invalid: west,south,east,north in degrees, west < east and south < north.',
  },
  'map_report.photo_type': {
    de: 'Bitte ein Foto als JPEG, PNG oder WebP hochladen.',
    en: 'Please upload a photo as JPEG, PNG or WebP.',
  },
  'map_report.photo_too_large': {
    de: 'Das Foto ist zu groß: höchstens {mb} MB.',
    en: 'The photo is too large: at most {mb} MB.',
  },
  'map_report.photo_alt_required': {
    de: 'Bitte kurz beschreiben, was auf dem Foto zu sehen ist (für Menschen, die es nicht sehen können).',
    en: 'Please describe briefly what the photo shows (for people who cannot see it).',
  },
} satisfies Catalogue;

/** The kinds of notification the part writes, with their params (see platform/notifications.ts). */
export const notificationKinds = {
  /**
   * A report the person filed, supports or follows has a new status — one kind per status, so each is
   * worded in full in both languages (title: the report's; reason: why, as the deciding person wrote
   * it). `reopened` is a report set back to "new".
   */
  'map_report.confirmed': ['title', 'reason'],
  'map_report.forwarded': ['title', 'reason'],
  'map_report.in_progress': ['title', 'reason'],
  'map_report.done': ['title', 'reason'],
  'map_report.rejected': ['title', 'reason'],
  'map_report.reopened': ['title', 'reason'],
} as const satisfies Record<string, readonly string[]>;

/** The part's pages the server links to (see platform/webPaths.ts). */
export const webPaths = {
  mapReport: (reportId: string) => webPath(`/wissen/karte/${seg(reportId)}`),
  /** The map and its list, showing the reports still waiting for a first status. */
  newMapReports: () => webPath('/wissen/karte?status=new'),
} satisfies Record<string, (...args: string[]) => string>;

/** The kinds of thing the part puts into the network's search (see platform/search.ts). */
export const searchTypes = ['map_report'] as const;
