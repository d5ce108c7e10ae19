import { type Kysely, sql } from 'kysely';

/**
 * Räume & Brücken, network analytics: who does not want to be counted, and the snapshots the
 * nightly job computes (server/areas/places/analytics).
 *
 * - `places_analytics_opt_out`: a person who opted out of the analytics. Their interactions then
 *   count only anonymously: in the aggregate totals (how many people took part, online vs offline),
 *   never in a tie between two organisations or communities (see analytics/graph.ts).
 * - `places_analytics_snapshot`: one computation of the measures, over the whole months before
 *   `until_month`; `trend` holds each month's figures. Pages read the newest one only; older ones
 *   stay for the history (retention in analytics/commands/snapshot.ts).
 * - `places_analytics_view`: one filter of a snapshot (period × area): its figures, its nodes with
 *   their measures and its ties. Organisations and communities only, never a person.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE places_analytics_opt_out (
      network_id uuid NOT NULL,
      account_id uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, account_id),
      FOREIGN KEY (network_id, account_id) REFERENCES account(network_id, id) ON DELETE CASCADE
    );

    CREATE TABLE places_analytics_snapshot (
      network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      computed_at timestamptz NOT NULL DEFAULT now(),
      -- the first day of the month after the last whole month counted (exclusive end)
      until_month date NOT NULL CHECK (extract(day FROM until_month) = 1),
      months integer NOT NULL CHECK (months BETWEEN 1 AND 36),
      duration_ms integer NOT NULL CHECK (duration_ms >= 0),
      trend jsonb NOT NULL,
      PRIMARY KEY (network_id, id)
    );
    CREATE INDEX places_analytics_snapshot_newest ON places_analytics_snapshot (network_id, computed_at DESC);

    CREATE TABLE places_analytics_view (
      network_id uuid NOT NULL,
      snapshot_id uuid NOT NULL,
      period text NOT NULL CHECK (period IN ('3m', '12m')),
      area text NOT NULL CHECK (area IN ('all', 'knowledge', 'participation', 'codesign', 'sharing', 'places')),
      figures jsonb NOT NULL,
      nodes jsonb NOT NULL,
      ties jsonb NOT NULL,
      PRIMARY KEY (network_id, snapshot_id, period, area),
      FOREIGN KEY (network_id, snapshot_id) REFERENCES places_analytics_snapshot(network_id, id) ON DELETE CASCADE
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE places_analytics_view;
    DROP TABLE places_analytics_snapshot;
    DROP TABLE places_analytics_opt_out;
  `.execute(db);
}
