import { type Locale, t } from '../../../i18n/messages.ts';
import type { SuggestionRow } from './repositories/suggestions.ts';

/**
 * A suggestion's reason in words, for what the server writes itself (emails, the home page); the web
 * client words the same data with its own texts. Names only organisations, communities and their
 * public things — never a person.
 */

type Reason = Pick<
  SuggestionRow,
  | 'theme'
  | 'giver'
  | 'offer_title'
  | 'need_title'
  | 'different_sector'
  | 'different_district'
  | 'a_name'
  | 'b_name'
>;

/** "Bäckerei Yilmaz has “Hinterzimmer” – a place for “Backnachmittag” of the Pflegedienst." */
export function fitText(locale: Locale, r: Reason): string {
  const [giver, seeker] = r.giver === 'a' ? [r.a_name, r.b_name] : [r.b_name, r.a_name];
  const params = {
    giver,
    seeker,
    offer: r.offer_title,
    need: r.need_title,
    theme: t(locale, `bridge.theme.${r.theme}`),
  };
  return t(locale, r.theme === 'space' ? 'bridge.fit.space' : 'bridge.fit.other', params);
}

/** Why the two do not know each other yet. */
export function farText(locale: Locale, r: Reason): string {
  return t(
    locale,
    r.different_sector && r.different_district
      ? 'bridge.far.both'
      : r.different_sector
        ? 'bridge.far.sector'
        : 'bridge.far.district',
  );
}
