import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../app.ts';
import { webPaths } from '../../platform/webPaths.ts';
import { type FedData, federationFor } from './federation.ts';
import { localActorById } from './local.ts';
import { isBlockedDomain } from './remote.ts';

/** An inbox takes at most this much (Mastodon's own limit for an activity is of this order). */
export const maxInboxBytes = 256 * 1024;
/** …nested at most this deep: an activity needs a handful of levels, never dozens. */
export const maxInboxDepth = 24;

const federationPath = /^\/(?:\.well-known\/(?:webfinger|nodeinfo)|nodeinfo\/2\.1|ap\/)/;

/** Whether a request's URL is one of the federation's endpoints (Fedify's, mounted below). */
export const isFederationPath = (url: string) => federationPath.test(url.split('?')[0] ?? '');

/** A Response that means "not Fedify's": the request goes on to Fastify's own routes (the web app). */
const passOn = () => new Response(null, { status: 404, headers: { 'x-kp-pass-on': '1' } });

/**
 * What Fedify does not know under its own paths is not there: a 404, never the web app's page (which
 * would answer 200 with HTML for a draft's or a private event's address once the app is built).
 */
const notHere = () =>
  new Response(JSON.stringify({ type: 'about:blank', status: 404, title: 'Not found.' }), {
    status: 404,
    headers: { 'content-type': 'application/problem+json' },
  });

/**
 * Mounts Fedify's `federation.fetch` in front of Fastify when federation is on: the WebFinger and
 * NodeInfo endpoints and everything under /ap/ go to Fedify as a Web Request and its Response goes
 * back. A browser asking an actor's or an object's address for HTML is sent to its page in the app;
 * anything Fedify does not know under its paths is a 404. An inbox body is read here with a size limit
 * and a nesting limit before Fedify parses it (413 and 400), and an activity whose actor is on a
 * blocked instance is refused (403) before any signature key is fetched from it. Every request here
 * counts against the client's rate limit first (429).
 */
export function registerFederation(app: FastifyInstance, deps: AppDeps) {
  if (!deps.config.federation.enabled) return;
  const data: FedData = { db: deps.db.db, networkId: deps.network.id, config: deps.config };
  const federation = federationFor(data.db, data.networkId, data.config);

  // the app's rate limit (app.ts) applies to Fastify's routes; these paths are answered here, before
  // routing, so they are counted here, against the same budget per client, before any body is read
  const rateLimited = app.rateLimit();
  app.addHook('onRequest', async (req, reply) => {
    if (!isFederationPath(req.url)) return;
    await rateLimited.call(app, req, reply);
    let body: string | undefined;
    if (req.method === 'POST') {
      const read = await readBody(req.raw, maxInboxBytes);
      if (read === null) return problem(reply, 413, 'The activity is too large.');
      const refusal = checkActivity(read);
      if (refusal) return problem(reply, 400, refusal);
      const actorHost = actorHostOf(read);
      if (actorHost && (await isBlockedDomain(data.db, data.networkId, actorHost)))
        return problem(reply, 403, 'This instance is blocked here.');
      body = read;
    } else if (req.method !== 'GET' && req.method !== 'HEAD') {
      return problem(reply, 405, 'Method not allowed.');
    }
    const request = new Request(new URL(req.url, deps.config.publicUrl), {
      method: req.method,
      headers: headersOf(req),
      body,
    });
    const response = await federation.fetch(request, {
      contextData: data,
      onNotFound: notHere,
      onNotAcceptable: async (r) => (await pageOf(data, new URL(r.url).pathname)) ?? passOn(),
    });
    if (response.headers.get('x-kp-pass-on')) return;
    reply.code(response.status);
    response.headers.forEach((value, key) => {
      reply.header(key, value);
    });
    const text = req.method === 'HEAD' ? '' : await response.text();
    return reply.send(text);
  });
}

function problem(reply: FastifyReply, status: number, detail: string) {
  return reply
    .code(status)
    .type('application/problem+json')
    .send(JSON.stringify({ type: 'about:blank', status, title: detail }));
}

function headersOf(req: FastifyRequest): Headers {
  const h = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const x of v) h.append(k, x);
    else h.set(k, v);
  }
  return h;
}

/** The whole body as text, or null once it passes `limit` bytes (the rest is read and dropped). */
async function readBody(raw: IncomingMessage, limit: number): Promise<string | null> {
  const declared = Number(raw.headers['content-length'] ?? 0);
  const chunks: Buffer[] = [];
  let size = 0;
  let over = declared > limit;
  for await (const chunk of raw) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > limit) over = true;
    if (!over) chunks.push(b);
  }
  return over ? null : Buffer.concat(chunks).toString('utf8');
}

/**
 * Why a body cannot be an activity, or null: not a JSON object, or nested deeper than
 * maxInboxDepth (counted before parsing, so a hostile body never reaches a recursive parser).
 */
export function checkActivity(text: string): string | null {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      depth++;
      if (depth > maxInboxDepth) return 'The activity is nested too deeply.';
    } else if (c === '}' || c === ']') depth--;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'The activity is not valid JSON.';
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return 'An activity is a JSON object.';
  const type = (parsed as Record<string, unknown>).type;
  if (typeof type !== 'string' && !Array.isArray(type)) return 'An activity has a type.';
  return null;
}

/** The host of the activity's actor as it claims it (checked against the block list only). */
function actorHostOf(text: string): string | null {
  try {
    const a = (JSON.parse(text) as { actor?: unknown }).actor;
    const id = typeof a === 'string' ? a : (a as { id?: unknown } | null)?.id;
    return typeof id === 'string' ? new URL(id).hostname : null;
  } catch {
    return null;
  }
}

/** A browser asking an actor's or object's address gets its page in the app. */
async function pageOf(data: FedData, path: string): Promise<Response | null> {
  const m = /^\/ap\/(actors|events|news)\/([^/]+)$/.exec(path);
  if (!m) return null;
  const [, what, id] = m;
  let to: string | null = null;
  if (what === 'actors') {
    const actor = await localActorById(data.db, data.networkId, id!);
    if (actor)
      to = actor.kind === 'organisation' ? webPaths.organisation(actor.slug) : webPaths.community(actor.slug);
  } else if (what === 'events') to = webPaths.placesEvent(id!);
  else to = webPaths.newsPost(id!);
  return to ? new Response(null, { status: 302, headers: { location: to } }) : null;
}
