import type { DossierItem } from './types.ts';

/**
 * Where a piece of evidence lives in the client. The pages of the other parts of Wissen (map,
 * discussions, wiki) own these paths; kept in one place here so a change there is one change here.
 */
export function evidenceLink(
  i: Pick<DossierItem, 'type' | 'id' | 'threadId' | 'position' | 'slug'>,
): string | null {
  switch (i.type) {
    case 'map_report':
      return `/wissen/karte/${encodeURIComponent(i.id)}`;
    case 'discussion_thread':
      return i.threadId ? `/wissen/diskussionen/${encodeURIComponent(i.threadId)}` : null;
    case 'discussion_post':
      return i.threadId
        ? `/wissen/diskussionen/${encodeURIComponent(i.threadId)}${i.position ? `#beitrag-${i.position}` : ''}`
        : null;
    case 'wiki_page':
      // pages are shown by id; the slug is there only while the page may be shown
      return i.slug ? `/wissen/wiki/${encodeURIComponent(i.id)}` : null;
  }
}

/** A day (YYYY-MM-DD) as people read it, without a time zone shifting it. */
export function formatDay(isoDate: string, locale: string): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'de-DE', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${isoDate}T12:00:00Z`));
}
