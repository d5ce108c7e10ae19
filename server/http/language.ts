import { Type } from '@fastify/type-provider-typebox';
import type { Locale } from '../i18n/messages.ts';
import { Problem } from './problem.ts';

/** The language the server writes in for an account (problem messages, emails, feeds). */
export const LocaleSchema = Type.Union([Type.Literal('de'), Type.Literal('en')]);

/**
 * Leichte Sprache (plain German) in the web client. It is German, so the server writes German to
 * such an account; the flag only tells the client which texts to show.
 */
export const PlainLanguageSchema = Type.Boolean({
  description: 'Show the web client in Leichte Sprache (plain German); German only',
});

/**
 * The languages of a new account from a body's `locale` and `plainLanguage` (the request's language
 * where the body names none). Leichte Sprache makes the account German; asking for it together with
 * English is refused at the field.
 */
export function accountLanguage(
  body: { locale?: Locale; plainLanguage?: boolean },
  fallback: Locale,
): { locale: Locale; plainLanguage: boolean } {
  assertPlainLanguageIsGerman(body);
  if (body.plainLanguage) return { locale: 'de', plainLanguage: true };
  return { locale: body.locale ?? fallback, plainLanguage: false };
}

export function assertPlainLanguageIsGerman(body: { locale?: Locale; plainLanguage?: boolean }): void {
  if (body.plainLanguage && body.locale === 'en')
    throw new Problem(422, 'validation', {
      fields: [{ field: '/plainLanguage', code: 'field.plain_language_german' }],
    });
}
