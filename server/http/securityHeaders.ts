import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';

/** What helmet is told: its defaults, with these changes. */
export const helmetOptions = {
  contentSecurityPolicy: {
    directives: {
      'img-src': ["'self'", 'data:', 'blob:', 'https:'],
      'style-src': ["'self'", "'unsafe-inline'"],
    },
  },
  crossOriginEmbedderPolicy: false,
};

type HeaderSink = {
  setHeader(name: string, value: string | number | readonly string[]): unknown;
  removeHeader(name: string): unknown;
};
type Helmet = (options: object) => (req: unknown, res: HeaderSink, next: (err?: unknown) => void) => void;

/**
 * helmet itself, as @fastify/helmet uses it (resolved from that package, whose dependency it is), so
 * the headers are helmet's own for these options.
 */
const helmet: Helmet = createRequire(import.meta.resolve('@fastify/helmet'))('helmet');

/** The headers helmet sets (name and value) and removes (value null) for `options`, in its order. */
export function helmetHeaders(options: object): [string, string | null][] {
  const headers: [string, string | null][] = [];
  const sink: HeaderSink = {
    setHeader(name, value) {
      headers.push([name, Array.isArray(value) ? value.join(', ') : String(value)]);
    },
    removeHeader(name) {
      headers.push([name, null]);
    },
  };
  let failed: unknown;
  helmet(options)({}, sink, (err) => {
    failed = err;
  });
  if (failed) throw failed;
  return headers;
}

/**
 * Helmet's security headers (Content-Security-Policy, Strict-Transport-Security, X-Frame-Options,
 * X-Content-Type-Options, Referrer-Policy, the Cross-Origin-* policies …) on every answer.
 *
 * @fastify/helmet built helmet's middleware anew for every request — parsing the CSP directives,
 * checking every option — in two hooks, one of them async: a tenth of the server's CPU for `/healthz`
 * in a profile (issue #18). Nothing here varies per request (no CSP nonces, no per-route helmet
 * options), so helmet is asked once, at start, which headers it sets, and one synchronous hook sets
 * exactly those, the way helmet does (on the raw response, so a route's own header still wins, as
 * the API docs' CSP does). test/integration/security-headers.test.ts compares them with
 * @fastify/helmet's on several kinds of answer.
 */
export function registerSecurityHeaders(app: FastifyInstance, options: object = helmetOptions): void {
  const headers = helmetHeaders(options);
  const set = headers.filter((h): h is [string, string] => h[1] !== null);
  const removed = headers.filter((h) => h[1] === null).map(([name]) => name);
  app.addHook('onRequest', (_req, reply, done) => {
    const res = reply.raw;
    for (const name of removed) res.removeHeader(name);
    for (const [name, value] of set) res.setHeader(name, value);
    done();
  });
}
