import path from 'node:path';
import { isPlainAttribution, isTileUrl } from './platform/tiles.ts';

/** Everything the server reads from the environment, in one place, validated once at start. */
export interface Config {
  port: number;
  host: string;
  /** Set: PostgreSQL. Unset: embedded PGlite in dataDir. */
  databaseUrl: string | undefined;
  /**
   * PostgreSQL as the owner of the tables, for migrations (and backup, restore and the other
   * commands); the server then runs as the role of databaseUrl, which it grants what it needs
   * (db/roles.ts). Unset: databaseUrl does both.
   */
  databaseOwnerUrl: string | undefined;
  dataDir: string;
  /** Public base URL used in emails and iCal links. */
  publicUrl: string;
  /** 'demo' fills an empty database with the demo town; 'none' starts empty. */
  seed: 'demo' | 'none';
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Behind a TLS-terminating proxy: trust X-Forwarded-* and mark cookies Secure. */
  trustProxy: boolean;
  logLevel: string;
  /** Run the background job worker in this process. */
  runJobs: boolean;
  /** How long a job's claim holds without its worker renewing it (JOB_LOCK_SECONDS, platform/jobs.ts). */
  jobLockSeconds: number;
  /** How often an idle worker looks for due jobs (JOB_POLL_MS). */
  jobPollMs: number;
  /** API requests one client address may make per minute, counted over every app server (RATE_LIMIT_PER_MINUTE). */
  rateLimitPerMinute: number;
  /**
   * The bearer token Prometheus sends for GET /metrics (METRICS_TOKEN, at least 16 characters).
   * Unset: metrics are off and /metrics is a 404 like any unknown path.
   */
  metricsToken: string | undefined;
  /**
   * Address search behind the place pickers (GET /api/v1/geocode): a Nominatim- or Photon-compatible
   * search URL, asked by this server (never by the browser). Undefined: off, only the town's own
   * directory of districts and addresses is searched.
   */
  geocoderUrl: string | undefined;
  /** The background map of every network whose admin has not chosen one; undefined: none. */
  tileUrl: string | undefined;
  tileAttribution: string;
  /**
   * ActivityPub federation of public content (server/interop/activitypub): off unless FEDERATION=1.
   * Needs PUBLIC_URL to be the address other servers reach (actor ids are made from it).
   * `allowPrivateAddress` (FEDERATION_ALLOW_PRIVATE_ADDRESS=1) lets it fetch loopback and private
   * addresses — for tests of two instances on one machine only, never in production.
   */
  federation: { enabled: boolean; allowPrivateAddress: boolean };
  /** Sign-in with an OpenID Connect provider (server/auth/oidc); undefined: off. */
  oidc: OidcConfig | undefined;
}

export interface OidcConfig {
  /** The provider's issuer identifier; its discovery document is read from it. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The claim of the ID token or userinfo that carries the email address (`email` by default). */
  emailClaim: string;
  /** What the sign-in page's button says after "Anmelden mit" / "Sign in with". */
  label: string;
}

export class ConfigError extends Error {}

function positiveInt(name: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new ConfigError(`${name} must be a whole number from 1 to ${max}, got "${value}"`);
  return n;
}

function metricsToken(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (value.length < 16) throw new ConfigError('METRICS_TOKEN must be at least 16 characters long');
  return value;
}

function intFrom(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new ConfigError(`${name} must be a port number, got "${value}"`);
  return n;
}

/** OpenStreetMap's own tiles: free for light use with attribution (operations.osmfoundation.org/policies/tiles). */
export const defaultTileUrl = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
export const defaultTileAttribution =
  '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>-Mitwirkende';
export const defaultGeocoderUrl = 'https://nominatim.openstreetmap.org/search';

/** `off` (or empty) switches a service off; anything else must be the kind of URL it needs. */
function serviceUrl(
  name: string,
  value: string | undefined,
  fallback: string,
  valid: (u: string) => boolean,
) {
  const v = value === undefined ? fallback : value.trim();
  if (v === '' || v === 'off') return undefined;
  if (!valid(v)) throw new ConfigError(`${name} is not a usable URL: "${v}"`);
  return v;
}

function httpUrl(u: string): boolean {
  try {
    const { protocol } = new URL(u);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

function attribution(value: string | undefined): string {
  if (value === undefined) return defaultTileAttribution;
  if (!isPlainAttribution(value))
    throw new ConfigError('MAP_TILE_ATTRIBUTION may hold text and <a href="https://…">…</a> links only');
  return value;
}

function ownerUrl(env: NodeJS.ProcessEnv): string | undefined {
  const url = env.DATABASE_OWNER_URL || undefined;
  if (url && !env.DATABASE_URL)
    throw new ConfigError('DATABASE_OWNER_URL needs DATABASE_URL too (the role the server runs as)');
  return url;
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET switch sign-in with an OpenID provider on; all
 * three or none. The issuer must be https — plain http only on this machine's loopback (a provider
 * started by the tests, or one on the same host), since the client secret and the tokens cross it.
 */
function oidcFrom(env: NodeJS.ProcessEnv): OidcConfig | undefined {
  const issuer = env.OIDC_ISSUER?.trim() ?? '';
  const clientId = env.OIDC_CLIENT_ID?.trim() ?? '';
  const clientSecret = env.OIDC_CLIENT_SECRET ?? '';
  const given = [issuer, clientId, clientSecret].filter((v) => v !== '').length;
  if (given === 0) return undefined;
  if (given < 3)
    throw new ConfigError('OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together');
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new ConfigError(`OIDC_ISSUER is not a URL: "${issuer}"`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopbackHosts.has(url.hostname)))
    throw new ConfigError(`OIDC_ISSUER must be an https:// URL, got "${issuer}"`);
  const emailClaim = env.OIDC_EMAIL_CLAIM?.trim() || 'email';
  if (!/^[\w.:-]{1,100}$/.test(emailClaim))
    throw new ConfigError(`OIDC_EMAIL_CLAIM must be a claim name, got "${emailClaim}"`);
  const label = env.OIDC_BUTTON_LABEL?.trim() || 'OpenID Connect';
  if (label.length > 60) throw new ConfigError('OIDC_BUTTON_LABEL may be 60 characters at most');
  return { issuer, clientId, clientSecret, emailClaim, label };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = intFrom('PORT', env.PORT, 3000);
  const host = env.HOST ?? '0.0.0.0';
  const seed = env.SEED ?? 'demo';
  if (seed !== 'demo' && seed !== 'none')
    throw new ConfigError(`SEED must be "demo" or "none", got "${seed}"`);
  return {
    port,
    host,
    databaseUrl: env.DATABASE_URL || undefined,
    databaseOwnerUrl: ownerUrl(env),
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    seed,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'Knotenpunkt <no-reply@knotenpunkt.invalid>',
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    logLevel: env.LOG_LEVEL ?? 'info',
    runJobs: env.RUN_JOBS !== '0',
    jobLockSeconds: positiveInt('JOB_LOCK_SECONDS', env.JOB_LOCK_SECONDS, 60, 3600),
    jobPollMs: positiveInt('JOB_POLL_MS', env.JOB_POLL_MS, 2000, 60_000),
    rateLimitPerMinute: positiveInt('RATE_LIMIT_PER_MINUTE', env.RATE_LIMIT_PER_MINUTE, 600, 1_000_000),
    metricsToken: metricsToken(env.METRICS_TOKEN),
    geocoderUrl: serviceUrl('GEOCODER_URL', env.GEOCODER_URL, defaultGeocoderUrl, httpUrl),
    tileUrl: serviceUrl('MAP_TILE_URL', env.MAP_TILE_URL, defaultTileUrl, isTileUrl),
    tileAttribution: attribution(env.MAP_TILE_ATTRIBUTION),
    federation: {
      enabled: env.FEDERATION === '1' || env.FEDERATION === 'true',
      allowPrivateAddress: env.FEDERATION_ALLOW_PRIVATE_ADDRESS === '1',
    },
    oidc: oidcFrom(env),
  };
}
