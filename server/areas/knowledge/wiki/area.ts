import type { Catalogue } from '../../../i18n/messages.ts';
import { seg, webPath } from '../../../platform/webPath.ts';

/** Wiki: pages of the network and of each organisation, revisions with diff and restore, links and backlinks, attachments — its data for the area's area.ts. Data only. */

/** Messages the part sends (errors, emails), German and English. */
export const messages = {
  'wiki.edit_conflict': {
    de: 'Jemand hat die Seite gespeichert, während Sie sie bearbeitet haben (jetzt Version {current}). Ihr Text ist nicht verloren: Übernehmen Sie Ihre Änderungen in die neue Fassung und speichern Sie erneut.',
    en: 'Someone saved this page while you were editing it (now revision {current}). Your text is not lost: carry your changes over into the new version and save again.',
  },
  'wiki.title_taken': {
    de: 'In diesem Wiki gibt es schon eine Seite „{title}“. Bitte wählen Sie einen anderen Titel oder ergänzen Sie die vorhandene Seite.',
    en: 'This wiki already has a page "{title}". Please choose another title or add to the existing page.',
  },
  'wiki.not_allowed_here': {
    de: 'In diesem Wiki dürfen Sie keine Seiten anlegen.',
    en: 'You may not create pages in this wiki.',
  },
  'wiki.members_need_organisation': {
    de: '„Nur Mitglieder“ gibt es nur für Seiten einer Organisation.',
    en: '"Members only" is only possible for an organisation\'s pages.',
  },
  'wiki.owner_not_editor': {
    de: 'Verantwortlich kann nur jemand sein, der diese Seite auch bearbeiten darf.',
    en: 'Only someone who may edit this page can be responsible for it.',
  },
  'wiki.no_such_revision': {
    de: 'Diese Version gibt es nicht.',
    en: 'This revision does not exist.',
  },
  'wiki.restore_current': {
    de: 'Das ist schon die aktuelle Version.',
    en: 'This is already the current revision.',
  },
  'wiki.attachment_type': {
    de: 'Bitte laden Sie ein Bild (JPEG, PNG, WebP) oder ein PDF-Dokument hoch.',
    en: 'Please upload an image (JPEG, PNG, WebP) or a PDF document.',
  },
  'wiki.attachment_too_large': {
    de: 'Die Datei ist zu groß (höchstens {mb} MB).',
    en: 'The file is too large (at most {mb} MB).',
  },
  'wiki.attachment_description_required': {
    de: 'Bitte beschreiben Sie kurz, was die Datei zeigt oder enthält.',
    en: 'Please describe briefly what the file shows or contains.',
  },
  'wiki.attachment_limit': {
    de: 'Eine Seite kann höchstens {max} Anhänge haben. Bitte entfernen Sie einen, den Sie nicht mehr brauchen.',
    en: 'A page can have at most {max} attachments. Please remove one you no longer need.',
  },
} satisfies Catalogue;

/** The kinds of notification the part writes, with their params (see platform/notifications.ts). */
export const notificationKinds = {
  /** A wiki page the person follows was changed (name: who saved it; title: the page's title now). */
  'wiki.page_changed': ['title', 'name'],
} as const satisfies Record<string, readonly string[]>;

/** The part's pages the server links to (see platform/webPaths.ts). */
export const webPaths = {
  wikiPage: (pageId: string) => webPath(`/wissen/wiki/${seg(pageId)}`),
  wikiRevisions: (pageId: string) => webPath(`/wissen/wiki/${seg(pageId)}/versionen`),
} satisfies Record<string, (...args: string[]) => string>;

/** The kinds of thing the part puts into the network's search (see platform/search.ts). */
export const searchTypes = ['wiki_page'] as const;
