/**
 * A small HTTP client for the crash suite and the load script: signs in with a password, keeps the
 * session cookie and CSRF token, and sends every request from its own X-Forwarded-For address (the
 * server runs with TRUST_PROXY=1), so the per-address rate limit stays in the path without turning
 * a deliberate burst from one loopback address into a stream of 429s.
 */

let ipCounter = 0;
/** A fresh client address for the next request (10.0.0.1 … 10.255.255.255, then round again). */
export function nextIp(): string {
  ipCounter = (ipCounter + 1) % 16_000_000;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}

export interface Reply<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface Session {
  accountId: string;
  networkId: string;
  isInstanceAdmin: boolean;
  memberships: { organisationId: string; slug: string; role: string }[];
  cookie: string;
  csrf: string;
}

export class ApiClient {
  readonly baseUrl: string;
  readonly session: Session | null;
  readonly timeoutMs: number;

  constructor(baseUrl: string, session: Session | null = null, timeoutMs = 30_000) {
    this.baseUrl = baseUrl;
    this.session = session;
    this.timeoutMs = timeoutMs;
  }

  /** The same signed-in person against another server address (after a restart on a new port). */
  at(baseUrl: string): ApiClient {
    return new ApiClient(baseUrl, this.session, this.timeoutMs);
  }

  /**
   * Sends one request and reads the whole answer. Rejects when the connection fails (e.g. the server
   * was killed): a write whose answer never arrived is not acknowledged.
   */
  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply<T>> {
    const h: Record<string, string> = { 'x-forwarded-for': nextIp(), 'accept-language': 'en', ...headers };
    if (body !== undefined) h['content-type'] = 'application/json';
    if (this.session) {
      h.cookie = this.session.cookie;
      if (method !== 'GET') h['x-csrf-token'] = this.session.csrf;
    }
    const r = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: h,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await r.text();
    let parsed: unknown = text;
    if ((r.headers.get('content-type') ?? '').includes('json') && text.length > 0) parsed = JSON.parse(text);
    return { status: r.status, headers: r.headers, body: parsed as T };
  }

  get<T = unknown>(path: string): Promise<Reply<T>> {
    return this.request<T>('GET', path);
  }

  post<T = unknown>(path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply<T>> {
    return this.request<T>('POST', path, body ?? {}, headers);
  }
}

interface SessionBody {
  network: { id: string };
  account: {
    id: string;
    isInstanceAdmin: boolean;
    memberships: { organisationId: string; slug: string; role: string }[];
  } | null;
  csrfToken: string | null;
}

/** Signs in with email and password; throws with the server's answer when that fails. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<ApiClient> {
  const r = await fetch(`${baseUrl}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': nextIp() },
    body: JSON.stringify({ email, password }),
    signal: AbortSignal.timeout(30_000),
  });
  if (r.status !== 200) throw new Error(`sign-in of ${email} failed: ${r.status} ${await r.text()}`);
  const cookie = r.headers.getSetCookie().find((c) => c.startsWith('kp_session='));
  if (!cookie) throw new Error(`sign-in of ${email} set no kp_session cookie`);
  const view = (await r.json()) as SessionBody;
  if (!view.account || !view.csrfToken) throw new Error(`sign-in of ${email} returned no account`);
  return new ApiClient(baseUrl, {
    accountId: view.account.id,
    networkId: view.network.id,
    isInstanceAdmin: view.account.isInstanceAdmin,
    memberships: view.account.memberships,
    cookie: cookie.split(';')[0]!,
    csrf: view.csrfToken,
  });
}
