import type { Catalogue } from '../../../i18n/messages.ts';
import { seg, webPath } from '../../../platform/webPath.ts';

/** Discussions: threads by theme and district, replies, quotes, @mentions, following, solutions, first-post review — its data for the area's area.ts. Data only. */

/** Messages the part sends (errors, emails), German and English. */
export const messages = {
  'discussion.feed_title': {
    de: 'Neue Diskussionen in {network}',
    en: 'New discussions in {network}',
  },
  'discussion.feed_title_filtered': {
    de: 'Neue Diskussionen in {network}: {filter}',
    en: 'New discussions in {network}: {filter}',
  },
  'discussion.feed_description': {
    de: 'Die neuen öffentlichen Diskussionen in {network}, mit ihrem Eröffnungsbeitrag.',
    en: 'The new public discussions in {network}, with their opening post.',
  },
  'discussion.thread_feed_title': {
    de: 'Antworten: {thread}',
    en: 'Replies: {thread}',
  },
  'discussion.thread_feed_description': {
    de: 'Die Beiträge der Diskussion „{thread}“ in {network}.',
    en: 'The posts of the discussion “{thread}” in {network}.',
  },
  'discussion.feed_post_title': {
    de: '{name} in „{thread}“',
    en: '{name} in “{thread}”',
  },
  'discussion.theme.everyday': { de: 'Alltag & Nachbarschaft', en: 'Everyday life & neighbours' },
  'discussion.theme.family': { de: 'Familie', en: 'Family' },
  'discussion.theme.age': { de: 'Älter werden', en: 'Growing older' },
  'discussion.theme.health': { de: 'Gesundheit & Pflege', en: 'Health & care' },
  'discussion.theme.mobility': { de: 'Mobilität', en: 'Getting around' },
  'discussion.theme.housing': { de: 'Wohnen', en: 'Housing' },
  'discussion.theme.environment': { de: 'Umwelt', en: 'Environment' },
  'discussion.theme.culture': { de: 'Kultur & Freizeit', en: 'Culture & leisure' },
  'discussion.theme.youth': { de: 'Jugend', en: 'Youth' },
  'discussion.theme.work': { de: 'Arbeit & Bildung', en: 'Work & learning' },
  'discussion.theme.other': { de: 'Sonstiges', en: 'Other' },
  'discussion.closed': {
    de: 'Diese Diskussion ist geschlossen. Neue Antworten sind nicht mehr möglich.',
    en: 'This discussion is closed. No new replies are possible.',
  },
  'discussion.quote_elsewhere': {
    de: 'Zitiert werden kann nur ein sichtbarer Beitrag aus derselben Diskussion.',
    en: 'You can only quote a visible post of the same discussion.',
  },
  'discussion.solution_post': {
    de: 'Als Lösung lässt sich nur eine sichtbare Antwort markieren, nicht der Eröffnungsbeitrag.',
    en: 'Only a visible reply can be marked as the solution, not the opening post.',
  },
  'discussion.not_pending': {
    de: 'Dieser Beitrag wartet nicht mehr auf Freigabe.',
    en: 'This post is no longer waiting for review.',
  },
  'discussion.thread_pending': {
    de: 'Geben Sie zuerst den Eröffnungsbeitrag dieser Diskussion frei.',
    en: 'Approve the opening post of this discussion first.',
  },
  'discussion.mention_unknown': {
    de: 'Erwähnen können Sie nur Personen, die hier schon geschrieben haben, oder Fachkräfte von Organisationen.',
    en: 'You can only mention people who have written here already, or staff of organisations.',
  },
  'discussion.community_members': {
    de: 'Hier schreiben nur die Mitglieder der Gemeinschaft, solange sie nicht archiviert ist. Treten Sie ihr zuerst bei.',
    en: 'Only the members of the community write here, while it is not archived. Join it first.',
  },
  'discussion.organisation': {
    de: 'Für diese Organisation können Sie nicht schreiben.',
    en: 'You cannot write for this organisation.',
  },
} satisfies Catalogue;

/** The kinds of notification the part writes, with their params (see platform/notifications.ts). */
export const notificationKinds = {
  /** someone answered in a thread the person follows (name: who; thread: its title) */
  'discussion.reply': ['name', 'thread'],
  /** someone mentioned the person with @ (name: who; thread: its title) */
  'discussion.mentioned': ['name', 'thread'],
  /** the person's answer was marked as the thread's solution (thread: its title) */
  'discussion.solution': ['thread'],
  /** a moderator approved the person's first post (thread: its title) */
  'discussion.approved': ['thread'],
} as const satisfies Record<string, readonly string[]>;

/** The part's pages the server links to (see platform/webPaths.ts). */
export const webPaths = {
  discussions: () => webPath('/wissen/diskussionen'),
  discussionThread: (id: string) => webPath(`/wissen/diskussionen/${seg(id)}`),
  /** one post of a thread: the page finds the post's page and scrolls to it */
  discussionPost: (threadId: string, position: string) =>
    webPath(`/wissen/diskussionen/${seg(threadId)}?beitrag=${seg(position)}`),
  /** first posts of new accounts waiting for an instance admin */
  discussionReview: () => webPath('/wissen/diskussionen/pruefen'),
} satisfies Record<string, (...args: string[]) => string>;

/** The kinds of thing the part puts into the network's search (see platform/search.ts). */
export const searchTypes = ['discussion_thread'] as const;
