/**
 * What the minimal server is given: for each of the four reads, the statements our server sent to
 * PostgreSQL for the bench's request (text and parameters, in the order sent, captured by
 * bench/minimal/capture.ts) and our server's answer. The minimal server runs those statements and
 * builds its answer from their rows; from our answer it takes only what no SQL yields (below).
 */

export type ReadName = 'organisations_list' | 'opportunities_search' | 'circle_calendar' | 'search';

export interface Statement {
  text: string;
  values: unknown[];
}

export interface PlannedRead {
  name: ReadName;
  /** the request, path and query string, exactly as the figure sends it */
  path: string;
  /** the read's statements in the order our server sent them (the rate limit's upsert left out) */
  statements: Statement[];
  /** our server's answer to the request */
  ours: unknown;
}

export type Plan = Record<ReadName, PlannedRead>;

/** The rate limiter's statement: a framework feature of ours, not part of any read; the minimal server skips it. */
export const isRateLimit = (text: string) => /^\s*INSERT INTO rate_limit_hit\b/.test(text);
/** The session lookup (every request with a session cookie runs it): the minimal server runs it too. */
export const isSessionLookup = (text: string) => /\bfrom "session" as "s"/.test(text);
