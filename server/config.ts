import path from 'node:path';
import { isPlainAttribution, isTileUrl } from './platform/tiles.ts';

/** Everything the server reads from the environment, in one place, validated once at start. */
export interface Config {
  port: number;
  host: string;
  /** Set: PostgreSQL. Unset: embedded PGlite in dataDir. */
  databaseUrl: string | undefined;
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
  /**
   * Address search behind the place pickers (GET /api/v1/geocode): a Nominatim- or Photon-compatible
   * search URL, asked by this server (never by the browser). Undefined: off, only the town's own
   * directory of districts and addresses is searched.
   */
  geocoderUrl: string | undefined;
  /** The background map of every network whose admin has not chosen one; undefined: none. */
  tileUrl: string | undefined;
  tileAttribution: string;
}

export class ConfigError extends Error {}

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
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    seed,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'Knotenpunkt <no-reply@knotenpunkt.invalid>',
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    logLevel: env.LOG_LEVEL ?? 'info',
    runJobs: env.RUN_JOBS !== '0',
    geocoderUrl: serviceUrl('GEOCODER_URL', env.GEOCODER_URL, defaultGeocoderUrl, httpUrl),
    tileUrl: serviceUrl('MAP_TILE_URL', env.MAP_TILE_URL, defaultTileUrl, isTileUrl),
    tileAttribution: attribution(env.MAP_TILE_ATTRIBUTION),
  };
}
