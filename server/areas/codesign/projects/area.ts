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
