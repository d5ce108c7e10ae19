import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from './config.ts';
import type { Database } from './db/connect.ts';
import { registerBodyRules } from './http/body.ts';
import { registerRequestContext, stampArrival } from './http/context.ts';
import { errorHandler, sendProblem } from './http/errors.ts';
import { registerMetrics } from './http/metrics.ts';
import { Problem } from './http/problem.ts';
import { databaseRateLimit } from './http/rateLimitStore.ts';
import { ProblemSchema } from './http/schemas.ts';
import { registerSecurityHeaders } from './http/securityHeaders.ts';
import { serializerFactory, validatorCompiler } from './http/validation.ts';
import { isFederationPath, registerFederation } from './interop/activitypub/http.ts';
import { apiRoutes } from './routes/api/index.ts';
import { healthRoutes } from './routes/health.ts';

export interface AppDeps {
  db: Database;
  config: Config;
  network: { id: string; slug: string; name: string };
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
}

const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/dist');

export async function buildApp(
  deps: AppDeps,
  opts: {
    logger?: FastifyServerOptions['logger'];
    /** Where the built web client lives (tests point it at a folder of their own). */
    webDist?: string;
  } = {},
) {
  const webRoot = opts.webDist ?? webDist;
  const app = Fastify({
    logger: opts.logger ?? {
      level: deps.config.logLevel,
      redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'],
    },
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
    // ids are uuids; longer paths are rejected before routing
    routerOptions: { maxParamLength: 200 },
    // On SIGTERM (a rolling restart), a request that arrives on a kept-alive connection while the
    // in-flight ones finish is still answered, not refused with a 503 a load balancer would not retry.
    return503OnClosing: false,
    schemaController: { compilersFactory: { buildSerializer: serializerFactory } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);

  app.decorate('deps', deps);
  // first of all hooks: the moment a request arrived is its place in a queue
  stampArrival(app);
  app.setErrorHandler(errorHandler);
  app.addSchema(ProblemSchema);

  // helmet's headers, worked out once at start (http/securityHeaders.ts)
  registerSecurityHeaders(app);
  await app.register(cookie);
  // Only the API and the federation's endpoints (an inbox checks signatures and may fetch keys from
  // the sender's server: each POST costs work a flood must not get for free) are counted: the web
  // client's files (a first visit loads some twenty) and the page itself are static and cheap, and a
  // person opening a few tabs must never be locked out of them.
  // Over the limit, a problem+json in the person's language says how many seconds to wait, and
  // Retry-After says the same to programs. On PostgreSQL the counters are in the database, so several
  // app servers behind a load balancer share one budget per client (http/rateLimitStore.ts: kept in
  // memory and written in batches while a client is far from its limit, exactly near it); PGlite is a
  // single process, whose memory counts exactly.
  const sharedLimit = deps.db.host === 'postgres' ? databaseRateLimit(deps.db.db, deps.network.id) : null;
  if (sharedLimit) app.addHook('onClose', () => sharedLimit.close());
  await app.register(rateLimit, {
    max: deps.config.rateLimitPerMinute,
    timeWindow: '1 minute',
    ...(sharedLimit ? { store: sharedLimit.Store, skipOnError: true } : {}),
    allowList: (req) => !req.url.startsWith('/api/') && !isFederationPath(req.url),
    errorResponseBuilder: (_req, context) => {
      const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
      return new Problem(429, seconds === 1 ? 'rate_limited.one' : 'rate_limited', { params: { seconds } });
    },
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Knotenpunkt API',
        version: '1',
        description:
          'The HTTP API of a Knotenpunkt local network. Errors are application/problem+json with a message in ' +
          'the language of Accept-Language (German by default). Mutating requests with a session cookie need ' +
          'the header X-CSRF-Token from GET /api/v1/session.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'kp_session' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerRequestContext(app);
  registerBodyRules(app);
  registerMetrics(app);
  registerFederation(app, deps);
  await app.register(healthRoutes);
  await app.register(apiRoutes, { prefix: '/api/v1' });

  if (existsSync(webRoot)) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: false });
    const indexHtml = path.join(webRoot, 'index.html');
    app.setNotFoundHandler((req, reply) => {
      // a page of the app is answered with the app; a missing file of it (an old version's code,
      // asked for by a page opened before an update) is a 404, so the page shows its error page
      // instead of trying to run HTML as code
      const isPage = !req.url.startsWith('/api/') && !req.url.startsWith('/assets/');
      if (req.method === 'GET' && isPage && existsSync(indexHtml)) {
        return reply.type('text/html').sendFile('index.html');
      }
      return sendProblem(reply, req.locale ?? 'de', 404, 'not_found');
    });
  } else {
    app.setNotFoundHandler((req, reply) => sendProblem(reply, req.locale ?? 'de', 404, 'not_found'));
  }
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
export type AnyApp = FastifyInstance;
