import { Type } from '@fastify/type-provider-typebox';
import { digestFrequencies } from '../../../../../db/schema.ts';
import { literals } from '../../../../../http/schemas.ts';

export const DigestSettingView = Type.Object({
  frequency: literals(digestFrequencies),
  /** ISO weekday of a weekly digest, 1 = Monday */
  weekday: Type.Union([Type.Integer({ minimum: 1, maximum: 7 }), Type.Null()]),
  /** local time at which the day's digest goes out, "07:00" */
  sendsAt: Type.String(),
});

export const DigestSettingBody = Type.Object(
  {
    frequency: literals(digestFrequencies),
    weekday: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 7 }), Type.Null()])),
  },
  { additionalProperties: false },
);

/** A token as newSecret() makes them (43 characters of base64url); longer ones are refused. */
const Token = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });

/**
 * The web page sends `{ token }` as JSON; a mail client's one-click unsubscribe (RFC 8058) POSTs
 * `List-Unsubscribe=One-Click` as a form to the link of the List-Unsubscribe header, which carries
 * the token in its query.
 */
export const UnsubscribeBody = Type.Object(
  {
    token: Type.Optional(Token),
    'List-Unsubscribe': Type.Optional(Type.Literal('One-Click')),
  },
  { additionalProperties: false },
);
export const UnsubscribeQuery = Type.Object({ token: Type.Optional(Token) }, { additionalProperties: false });
