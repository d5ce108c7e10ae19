import type { Catalogue } from '../../../i18n/messages.ts';
import { seg, webPath } from '../../../platform/webPath.ts';

/** News: each organisation's blog with comments, subscriptions and RSS/Atom feeds — its data for the area's area.ts. Data only. */

/** Messages the part sends (errors, emails), German and English. */
export const messages = {
  'news.comments_closed': {
    de: 'Zu diesem Beitrag können keine Kommentare mehr geschrieben werden.',
    en: 'This post is closed for comments.',
  },
  'news.not_published': {
    de: 'Dieser Beitrag ist noch nicht veröffentlicht. Kommentare sind erst danach möglich.',
    en: 'This post is not published yet. Comments are possible once it is.',
  },
  'news.already_published': {
    de: 'Dieser Beitrag ist schon veröffentlicht.',
    en: 'This post is already published.',
  },
  'news.already_draft': {
    de: 'Dieser Beitrag ist schon ein Entwurf.',
    en: 'This post is already a draft.',
  },
  'news.stale': {
    de: 'Jemand hat den Beitrag inzwischen geändert. Bitte laden Sie die Seite neu und übernehmen Sie Ihre Änderung noch einmal.',
    en: 'Someone changed the post in the meantime. Please reload the page and make your change again.',
  },
  'news.feed_title': {
    de: 'Neuigkeiten aus {network}',
    en: 'News from {network}',
  },
  'news.feed_title_organisation': {
    de: 'Neuigkeiten: {organisation}',
    en: 'News: {organisation}',
  },
  'news.feed_description': {
    de: 'Die öffentlichen Beiträge der Organisationen in {network}.',
    en: 'The public posts of the organisations in {network}.',
  },
  'news.feed_description_organisation': {
    de: 'Die öffentlichen Beiträge von {organisation}.',
    en: 'The public posts of {organisation}.',
  },
} satisfies Catalogue;

/** The kinds of notification the part writes, with their params (see platform/notifications.ts). */
export const notificationKinds = {
  /** An organisation the person follows published a post (title: the post's). */
  'news.published': ['organisation', 'title'],
  /** Someone commented on a post the person wrote (name: who commented). */
  'news.commented': ['name', 'title'],
} as const satisfies Record<string, readonly string[]>;

/** The part's pages the server links to (see platform/webPaths.ts). */
export const webPaths = {
  /** The news of the whole network. */
  newsList: () => webPath('/wissen/neuigkeiten'),
  /** One organisation's news (with its drafts for its staff and admins). */
  newsOfOrganisation: (organisationId: string) =>
    webPath(`/wissen/neuigkeiten?organisation=${seg(organisationId)}`),
  /** A post with its comments. */
  newsPost: (id: string) => webPath(`/wissen/neuigkeiten/${seg(id)}`),
  /** A post's comments. */
  newsComments: (postId: string) => webPath(`/wissen/neuigkeiten/${seg(postId)}#kommentare`),
};

/** The kinds of thing the part puts into the network's search (see platform/search.ts). */
export const searchTypes = ['news_post'] as const;
