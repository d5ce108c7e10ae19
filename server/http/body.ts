import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Problem } from './problem.ts';

/**
 * Rules for every request body, in one place (registered once in app.ts, before the routes):
 *
 * - an empty JSON body is no body, so a client that sends `Content-Type: application/json` with
 *   nothing after it (a DELETE, a POST that takes nothing) is answered like one that sends none;
 * - a route that declares no body schema takes no body: anything but nothing (or `{}`) sent to it is
 *   a 400, not silently ignored (multipart routes declare `consumes` and read their parts themselves);
 * - no string anywhere in the body, the query or the path may hold a NUL character: PostgreSQL
 *   cannot store one in text (SQLSTATE 22021), so it is refused up front with the field named.
 *
 * And `discardBody`: a request refused before its body was read (too large, refused upload) has the
 * rest read and thrown away before the answer goes out, so a client that sends its whole body before
 * it reads sees the answer instead of a reset connection.
 */
export function registerBodyRules(app: FastifyInstance) {
  const json = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    if (body === '') {
      done(null, undefined);
      return;
    }
    json(req, body as string, done);
  });

  // synchronous: nothing here waits, so no promise per request
  app.addHook('preValidation', (req, _reply, done) => {
    if (!takesBody(req) && !isEmpty(req.body)) return done(new Problem(400, 'body.unexpected'));
    const where = nulAt(req);
    if (where) return done(new Problem(400, 'validation', { fields: [{ field: where, code: 'field.nul' }] }));
    done();
  });
}

/** Nothing, an empty text or `{}` (which the web client sends to some steps that take nothing). */
function isEmpty(body: unknown): boolean {
  if (body === undefined || body === '') return true;
  return typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).length === 0;
}

function takesBody(req: FastifyRequest): boolean {
  const schema = req.routeOptions.schema as { body?: unknown; consumes?: string[] } | undefined;
  return Boolean(schema?.body) || Boolean(schema?.consumes?.includes('multipart/form-data'));
}

/** The first field holding a NUL character, named like a validation error ("/a/0/b", "querystring:/q"). */
function nulAt(req: FastifyRequest): string | null {
  const parts: [string, unknown][] = [
    ['', req.body],
    ['querystring:', req.query],
    ['params:', req.params],
  ];
  for (const [prefix, value] of parts) {
    const at = findNul(value);
    if (at !== null) return `${prefix}${at || '/'}`;
  }
  return null;
}

/** JSON pointer of the first string (value or key) with a NUL in it; iterative, as bodies can nest deep. */
export function findNul(root: unknown): string | null {
  const stack: [unknown, string][] = [[root, '']];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return path;
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], `${path}/${i}`]);
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        const at = `${path}/${k.replaceAll('~', '~0').replaceAll('/', '~1')}`;
        if (k.includes('\u0000')) return at;
        stack.push([v, at]);
      }
    }
  }
  return null;
}

/** At most this much of a refused body is read and discarded; a client sending more loses the connection. */
export const maxDiscardBytes = 32 * 1024 * 1024;
/** …and for at most this long, so a slow sender cannot hold on to a refused request. */
const maxDiscardMs = 30_000;

/** Whether some of the request body has not been read yet. */
export function bodyLeft(raw: IncomingMessage): boolean {
  return !raw.complete && !raw.readableEnded && !raw.destroyed;
}

/**
 * Reads what is left of a request body and throws it away (up to `maxDiscardBytes` and
 * `maxDiscardMs`). Without this the server closes a connection the client is still writing to, and
 * the kernel answers the unread bytes with a reset that wipes out the answer on the client's side.
 */
export function discardBody(raw: IncomingMessage): Promise<void> {
  if (!bodyLeft(raw)) return Promise.resolve();
  return new Promise((resolve) => {
    let seen = 0;
    const timer = setTimeout(stop, maxDiscardMs);
    function onData(chunk: Buffer) {
      seen += chunk.length;
      if (seen > maxDiscardBytes) stop();
    }
    function stop() {
      clearTimeout(timer);
      raw.off('data', onData);
      raw.off('end', stop);
      raw.off('error', stop);
      raw.off('close', stop);
      resolve();
    }
    // a parser that gave up may still be attached (a multipart upload): from here on nobody reads
    raw.unpipe();
    raw.on('data', onData);
    raw.on('end', stop);
    raw.on('error', stop);
    raw.on('close', stop);
    raw.resume();
  });
}

/**
 * preValidation of a route whose whole body is optional: no body counts as `{}`. Only a missing
 * body does; `null` or anything else is validated like any body (and refused).
 */
export async function optionalBody(req: FastifyRequest) {
  if (req.body === undefined) req.body = {};
}
