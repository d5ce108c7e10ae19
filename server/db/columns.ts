import type { ColumnType } from 'kysely';

/**
 * What the database cannot say about a column: the shape of a jsonb value. The generated types
 * (database.generated.ts, see scripts/db-types.ts) import these for the columns listed there.
 */

/** A jsonb column: read as `T`, written as the JSON text the code makes with JSON.stringify. */
export type JsonColumn<T> = ColumnType<T, string, string>;

export interface NetworkSettings {
  /** the background map: the instance's default (absent), the admin's tileUrl, or none */
  tiles?: 'default' | 'custom' | 'none';
  tileUrl?: string;
  tileAttribution?: string;
  mapCenter?: [number, number];
  mapZoom?: number;
}

export interface AvailabilitySlot {
  day: 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
  part: 'morning' | 'afternoon' | 'evening';
}

export interface PlaybookChannel {
  channel: string;
  reached: string;
}
