import { currentLocale, htmlLang, i18n } from './i18n.ts';

/** A problem+json answer from the server, with field messages keyed by field name ("/password" → "password"). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string>;

  constructor(status: number, code: string, title: string, fields: Record<string, string>) {
    super(title);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
  }

  /** The message for one field, also matching nested pointers such as "/mapCenter/0". */
  field(name: string): string | undefined {
    if (this.fields[name]) return this.fields[name];
    const nested = Object.keys(this.fields).find((k) => k.startsWith(`${name}/`));
    return nested ? this.fields[nested] : undefined;
  }
}

let csrfToken: string | null = null;

/** The session's CSRF token, sent on every mutating request (GET /api/v1/session hands it out). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

interface ProblemBody {
  title?: unknown;
  code?: unknown;
  errors?: unknown;
}

function fieldsOf(errors: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(errors)) return out;
  for (const e of errors) {
    if (e && typeof e === 'object' && 'field' in e && 'message' in e) {
      const field = String(e.field).replace(/^\//, '') || '_';
      out[field] ??= String(e.message);
    }
  }
  return out;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON; a FormData is sent as multipart (photo uploads). */
  body?: unknown;
  /** Extra headers, e.g. Idempotency-Key. */
  headers?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined | null>;
  signal?: AbortSignal;
}

/** Builds "/api/v1/…?a=1" without empty parameters. */
export function apiUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return `/api/v1${path}${qs ? `?${qs}` : ''}`;
}

/**
 * The rate limit's answer, in the page's language with the seconds to wait from Retry-After (also
 * when a proxy on the way answered 429 without a problem body). A 429 with a message of its own (too
 * many sign-in attempts) keeps it.
 */
function tooManyRequests(res: Response, p: ProblemBody): string | undefined {
  if (res.status !== 429) return undefined;
  if (typeof p.code === 'string' && !p.code.startsWith('rate_limited') && typeof p.title === 'string')
    return undefined;
  const seconds = Number(res.headers.get('retry-after'));
  const count = Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : 60;
  return i18n.t('feedback.rateLimited', { count });
}

/**
 * Every call to the API goes through here: the session cookie, the UI language, the CSRF token on
 * changes, and one error type for whatever goes wrong (the network included).
 */
export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    // Leichte Sprache is German for the server
    'Accept-Language': htmlLang(currentLocale()),
    ...opts.headers,
  };
  const multipart = opts.body instanceof FormData;
  if (opts.body !== undefined && !multipart) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(apiUrl(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: multipart
        ? (opts.body as FormData)
        : opts.body === undefined
          ? undefined
          : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', i18n.t('errors.network'), {});
  }
  if (res.status === 204 || res.status === 202) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  const data: unknown = type.includes('json') ? await res.json().catch(() => null) : null;
  if (!res.ok) {
    const p = (data ?? {}) as ProblemBody;
    const title =
      tooManyRequests(res, p) ??
      (typeof p.title === 'string' ? p.title : i18n.t('errors.status', { status: res.status }));
    throw new ApiError(
      res.status,
      typeof p.code === 'string' ? p.code : 'unknown',
      title,
      fieldsOf(p.errors),
    );
  }
  return data as T;
}

/** The message to show for any error thrown by `api` (or anything else). */
export function errorMessage(err: unknown): string {
  if (err instanceof Error && err.message) return err.message;
  return i18n.t('errors.unknown');
}
