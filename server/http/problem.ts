import type { MessageKey } from '../i18n/messages.ts';

/**
 * What stands in the way, for a program to act on beside the translated text (problem+json extension
 * members, described by ProblemSchema in schemas.ts): the slots a booking collides with (the booking's
 * id only where the caller may see it), or what is still available — minutes a payer may still pay,
 * places on a full shift or event (how many, how many taken, whether a waitlist takes more and how
 * long it is), the lowest credit limit an account can take.
 */
export interface ProblemDetails {
  conflicts?: { start: string; end: string; bookingId?: string }[];
  available?: {
    minutes?: number;
    places?: number;
    capacity?: number;
    taken?: number;
    waitlist?: boolean;
    waitlisted?: number;
    lowestLimit?: number;
  };
}

/**
 * The one error type routes and commands throw. The error handler turns it into
 * application/problem+json with a message in the user's language.
 */
export class Problem extends Error {
  readonly status: number;
  readonly code: MessageKey;
  readonly params: Record<string, string | number>;
  /** Field-level errors: JSON pointer of the field → message key. */
  readonly fields: { field: string; code: MessageKey; params?: Record<string, string | number> }[];
  readonly details: ProblemDetails;
  constructor(
    status: number,
    code: MessageKey,
    opts: {
      params?: Record<string, string | number>;
      fields?: Problem['fields'];
      details?: ProblemDetails;
    } = {},
  ) {
    super(code);
    this.status = status;
    this.code = code;
    this.params = opts.params ?? {};
    this.fields = opts.fields ?? [];
    this.details = opts.details ?? {};
  }
}

/** Private or missing: the same answer, so nobody learns that a private thing exists. */
export const notFound = (): Problem => new Problem(404, 'not_found');
export const forbidden = (): Problem => new Problem(403, 'forbidden');
export const unauthenticated = (): Problem => new Problem(401, 'unauthenticated');
