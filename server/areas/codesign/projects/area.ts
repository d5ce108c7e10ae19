import type { Catalogue } from '../../../i18n/messages.ts';
import { seg, webPath } from '../../../platform/webPath.ts';

/** Projects: co-design projects, their organisations, phases, tools, participants and timeline — its data for the area's area.ts. Data only. */

/** Messages the part sends (errors, emails), German and English. */
export const messages = {
  'codesign.project_not_active': {
    de: 'Dieses Projekt nimmt gerade keine Beiträge an: Es ist noch in Vorbereitung oder schon abgeschlossen.',
    en: 'This project is not taking contributions right now: it is still being prepared or already closed.',
  },
  'codesign.not_participant': {
    de: 'Um hier mitzumachen, treten Sie dem Projekt zuerst bei.',
    en: 'To take part here, join the project first.',
  },
  'codesign.tool_not_open': {
    de: 'Hier kann gerade nicht mitgemacht werden: Die Beteiligung hat noch nicht begonnen oder ist schon beendet.',
    en: 'You cannot take part here right now: it has not started yet or has already ended.',
  },
  'codesign.tool_wrong_kind': {
    de: 'Das geht mit diesem Werkzeug nicht.',
    en: 'This tool does not do that.',
  },
  'codesign.assist_not_allowed': {
    de: 'Beiträge für andere eintragen dürfen nur die Moderation und die Fachkräfte der beteiligten Organisationen.',
    en: 'Only the facilitators and the staff of the organisations running the project may enter contributions for others.',
  },
  'codesign.assist_no_consent': {
    de: 'Für diese Person ist noch keine Einwilligung erfasst. Bitte erfassen Sie zuerst, wie sie zugestimmt hat (persönlich, unterschriebenes Papier oder am Telefon).',
    en: 'No consent is recorded for this person yet. Please first record how they agreed (in person, signed paper or by phone).',
  },
  'codesign.assist_channel': {
    de: 'Bitte geben Sie an, wie der Beitrag kam: auf Papier, am Telefon oder bei einem Treffen.',
    en: 'Please say how the contribution came in: on paper, by phone or at a meeting.',
  },
  'codesign.ends_before_start': {
    de: 'Das Ende liegt vor dem Beginn. Bitte prüfen Sie die Daten.',
    en: 'The end is before the start. Please check the dates.',
  },
  'codesign.not_link': {
    de: 'Dieses Projekt hat keinen Beitritts-Link. Stellen Sie zuerst „Beitritt per Link“ ein.',
    en: 'This project has no join link. First set joining to “by link”.',
  },
  'codesign.not_draft': {
    de: 'Das Projekt läuft schon oder ist abgeschlossen.',
    en: 'The project is already running or closed.',
  },
  'codesign.no_phases': {
    de: 'Legen Sie zuerst mindestens eine Phase an.',
    en: 'Add at least one phase first.',
  },
  'codesign.not_active': {
    de: 'Nur ein laufendes Projekt kann abgeschlossen werden.',
    en: 'Only a running project can be closed.',
  },
  'codesign.project_closed': {
    de: 'Das Projekt ist abgeschlossen. Es kann nicht mehr geändert werden.',
    en: 'The project is closed. It can no longer be changed.',
  },
  'codesign.too_many_phases': {
    de: 'Ein Projekt hat höchstens 20 Phasen.',
    en: 'A project has at most 20 phases.',
  },
  'codesign.last_phase': {
    de: 'Ein laufendes Projekt braucht mindestens eine Phase.',
    en: 'A running project needs at least one phase.',
  },
  'codesign.partner_exists': {
    de: 'Diese Organisation ist schon dabei oder eingeladen.',
    en: 'This organisation already takes part or is invited.',
  },
  'codesign.partner_answered': {
    de: 'Diese Einladung ist schon beantwortet.',
    en: 'This invitation has already been answered.',
  },
  'codesign.lead_stays': {
    de: 'Die leitende Organisation kann nicht entfernt werden.',
    en: 'The leading organisation cannot be removed.',
  },
  'codesign.join_by_link': {
    de: 'Diesem Projekt treten Sie über den Link bei, den Sie von den Organisatorinnen und Organisatoren bekommen.',
    en: 'You join this project through the link you get from its organisers.',
  },
  'codesign.join_by_invitation': {
    de: 'Diesem Projekt treten Sie nur mit einer Einladung bei. Fragen Sie die Organisation, die es leitet.',
    en: 'You can join this project only when invited. Ask the organisation that leads it.',
  },
  'codesign.already_participant': {
    de: 'Diese Person ist schon dabei oder eingeladen.',
    en: 'This person already takes part or is invited.',
  },
  'codesign.facilitator_needs_account': {
    de: 'Moderieren kann nur, wer selbst mit eigenem Konto dabei ist.',
    en: 'Only someone taking part with their own account can facilitate.',
  },
} satisfies Catalogue;

/** The kinds of notification the part writes, with their params (see platform/notifications.ts). */
export const notificationKinds = {} as const satisfies Record<string, readonly string[]>;

/** The part's pages the server links to (see platform/webPaths.ts). */
export const webPaths = {
  /** Mitgestalten's start: the projects of the network. */
  codesignHome: () => webPath('/mitgestalten'),
  /** A project's page. */
  codesignProject: (id: string) => webPath(`/mitgestalten/projekte/${seg(id)}`),
  /** A tool of a project (ideas, a vote, a survey, a meeting). */
  codesignTool: (projectId: string, toolId: string) =>
    webPath(`/mitgestalten/projekte/${seg(projectId)}/werkzeuge/${seg(toolId)}`),
};

/** The kinds of thing the part puts into the network's search (see platform/search.ts). */
export const searchTypes = [] as const;
