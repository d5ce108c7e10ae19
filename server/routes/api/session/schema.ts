import { Type } from '@fastify/type-provider-typebox';
import { LocaleSchema, PlainLanguageSchema } from '../../../http/language.ts';
import { Email } from '../../../http/schemas.ts';

export const Abilities = Type.Object({
  administer: Type.Boolean(),
  createOrganisation: Type.Boolean(),
  moderate: Type.Boolean(),
  readOutbox: Type.Boolean(),
  readAuditLog: Type.Boolean(),
  flag: Type.Boolean(),
});

export const SessionView = Type.Object({
  network: Type.Object({
    id: Type.String(),
    name: Type.String(),
    slug: Type.String(),
    /** whether this installation can send email (a mail server is configured); without, mails wait in the outbox */
    sendsEmail: Type.Boolean(),
    /** sign-in with an OpenID provider (GET /session/oidc/start), null when not configured */
    oidc: Type.Union([
      Type.Null(),
      Type.Object({
        /** the provider's name for the button: "Anmelden mit …" / "Sign in with …" */
        label: Type.String(),
      }),
    ]),
  }),
  account: Type.Union([
    Type.Null(),
    Type.Object({
      id: Type.String(),
      displayName: Type.String(),
      email: Type.String(),
      locale: LocaleSchema,
      plainLanguage: PlainLanguageSchema,
      isInstanceAdmin: Type.Boolean(),
      memberships: Type.Array(
        Type.Object({
          organisationId: Type.String(),
          name: Type.String(),
          slug: Type.String(),
          role: Type.String(),
        }),
      ),
    }),
  ]),
  csrfToken: Type.Union([Type.String(), Type.Null()]),
  /** signed in with a link an instance admin made: support circles stay closed, no password can be set */
  assisted: Type.Boolean(),
  /** begun at the OpenID provider: signing out also goes by GET /session/oidc/end (RP-initiated logout) */
  viaOidc: Type.Boolean(),
  abilities: Abilities,
});

export const PasswordLogin = Type.Object(
  { email: Email, password: Type.String({ minLength: 1, maxLength: 1000 }) },
  { additionalProperties: false },
);

/** A path of this site to come back to after signing in (never another site: no "//"). */
export const ReturnPath = Type.String({ pattern: '^/(?![/\\\\])[^\\s#]*$', maxLength: 300 });

export const LinkRequest = Type.Object(
  { email: Email, next: Type.Optional(ReturnPath) },
  { additionalProperties: false },
);

export const Registration = Type.Object(
  {
    email: Email,
    /** how the person wants to be called in the network */
    displayName: Type.String({ minLength: 1, maxLength: 80 }),
    next: Type.Optional(ReturnPath),
  },
  { additionalProperties: false },
);
export const LinkRedeem = Type.Object(
  { token: Type.String({ minLength: 20, maxLength: 100 }) },
  { additionalProperties: false },
);
