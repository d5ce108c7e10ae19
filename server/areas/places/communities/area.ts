import type { Catalogue } from '../../../i18n/messages.ts';
import { seg, webPath } from '../../../platform/webPath.ts';

/**
 * Communities: what this part of Räume & Brücken adds to the foundation's closed lists (joined by
 * ../area.ts) — the messages it sends, the kinds of notification it writes, the pages it links to and
 * the kind of thing it puts into the search. Data only.
 */

/** Messages the part sends (errors), German and English. */
export const messages = {
  'community.archived': {
    de: 'Diese Gemeinschaft ist archiviert. Sie nimmt keine Mitglieder und keine Änderungen mehr an.',
    en: 'This community is archived. It takes no new members and no more changes.',
  },
  'community.already_member': {
    de: 'Sie sind schon Mitglied dieser Gemeinschaft.',
    en: 'You are already a member of this community.',
  },
  'community.already_requested': {
    de: 'Ihre Anfrage liegt schon bei der Gemeinschaft. Sie hören von uns, sobald sie beantwortet ist.',
    en: 'Your request is already with the community. You will hear from us once it is answered.',
  },
  'community.not_member': {
    de: 'Sie sind kein Mitglied dieser Gemeinschaft.',
    en: 'You are not a member of this community.',
  },
  'community.last_owner': {
    de: 'Eine Gemeinschaft braucht mindestens eine Person, die sie verantwortet. Geben Sie diese Rolle zuerst jemand anderem – oder archivieren Sie die Gemeinschaft.',
    en: 'A community needs at least one owner. Give that role to someone else first – or archive the community.',
  },
  'community.members_only': {
    de: 'Das sehen nur die Mitglieder der Gemeinschaft.',
    en: 'Only the members of the community see this.',
  },
  'community.members_write': {
    de: 'Diskussionen beginnen nur Mitglieder der Gemeinschaft. Treten Sie ihr zuerst bei.',
    en: 'Only members of the community start discussions here. Join it first.',
  },
  'community.not_yours': {
    de: 'Das dürfen nur die Personen, die die Gemeinschaft verantworten oder moderieren.',
    en: 'Only the owners and moderators of the community may do this.',
  },
  'community.owners_only': {
    de: 'Das dürfen nur die Personen, die die Gemeinschaft verantworten.',
    en: 'Only the owners of the community may do this.',
  },
  'community.moderator_limit': {
    de: 'Moderatorinnen und Moderatoren können nur Mitglieder entfernen, keine anderen Verantwortlichen.',
    en: 'Moderators can only remove members, not other owners or moderators.',
  },
  'community.remove_self': {
    de: 'Sich selbst nehmen Sie mit „Austreten“ aus der Gemeinschaft.',
    en: 'To take yourself out of the community, use “Leave”.',
  },
  'community.district_only_local': {
    de: 'Einen Stadtteil hat nur eine Gemeinschaft, die sich an einem Ort trifft.',
    en: 'Only a community that meets in one place has a district.',
  },
  'community.towns_only_translocal': {
    de: 'Andere Orte nennt nur eine Gemeinschaft, die sich in mehreren Orten trifft.',
    en: 'Only a community that meets in several towns names other towns.',
  },
} satisfies Catalogue;

/** The kinds of notification the part writes, with their params (see platform/notifications.ts). */
export const notificationKinds = {
  /** to the owners and moderators: someone asks to join (name: who; community: its name) */
  'community.join_requested': ['name', 'community'],
  /** to the person who asked: they are in now (community: its name) */
  'community.request_accepted': ['community'],
  /** to the person who asked: not this time (community: its name) */
  'community.request_declined': ['community'],
  /** to the person: an owner or moderator took them out (community: its name) */
  'community.member_removed': ['community'],
} as const satisfies Record<string, readonly string[]>;

/** The part's pages the server links to (see platform/webPaths.ts). */
export const webPaths = {
  /** The list of communities. */
  communities: () => webPath('/raeume/gemeinschaften'),
  /** A community's page. */
  community: (slug: string) => webPath(`/raeume/gemeinschaften/${seg(slug)}`),
  /** Where its owners and moderators answer requests, give roles, edit and archive it. */
  communityManage: (slug: string) => webPath(`/raeume/gemeinschaften/${seg(slug)}/verwalten`),
} satisfies Record<string, (...args: string[]) => string>;

/** The kinds of thing the part puts into the network's search (see platform/search.ts). */
export const searchTypes = ['community'] as const;
