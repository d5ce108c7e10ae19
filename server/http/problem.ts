import type { MessageKey } from '../i18n/messages.ts';

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
  constructor(
    status: number,
    code: MessageKey,
    opts: { params?: Record<string, string | number>; fields?: Problem['fields'] } = {},
  ) {
    super(code);
    this.status = status;
    this.code = code;
    this.params = opts.params ?? {};
    this.fields = opts.fields ?? [];
  }
}

/** Private or missing: the same answer, so nobody learns that a private thing exists. */
export const notFound = (): Problem => new Problem(404, 'not_found');
export const forbidden = (): Problem => new Problem(403, 'forbidden');
export const unauthenticated = (): Problem => new Problem(401, 'unauthenticated');
