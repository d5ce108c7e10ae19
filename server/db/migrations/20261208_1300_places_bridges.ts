import { type Kysely, sql } from 'kysely';

/**
 * Räume & Brücken, part bridges: suggestions of introductions between two organisations, or an
 * organisation and a community, that are far apart in the interaction graph but complementary (one's
 * offer fits the other's want, opportunity or need). A background job writes them
 * (areas/places/bridges/commands/generateSuggestions.ts); the people who act for the two sides answer.
 *
 * - One row per pair, ever: side `a` is always an organisation; side `b` another organisation (then
 *   `a` has the smaller id) or a community. `other_id` makes the pair one unique key across both.
 * - The reason is data, not text: which thing of which side (`giver`) fits which thing of the other,
 *   by which theme, and why the two are far apart. Titles are copied, so the reason still reads after
 *   the thing is gone.
 * - States: 'open' (nobody answered) → 'accepted' (exactly one side said yes, the other is asked) →
 *   'introduced' (both said yes, or the network's coordinator introduced them); 'not_now' (set aside
 *   until `hidden_until`, then the job may open it again). Each held by a CHECK.
 * - Follow-up of an introduction: when `follow_up_due_at` has come the job looks for an interaction
 *   of the two after the introduction (`outcome` 'interaction'), else asks both "did you meet?"
 *   (`follow_up_asked_at`; a yes is 'met' and writes an interaction, two noes are 'not_met').
 * - Who answered is kept (`*_by`) for the audit and to count the people behind the hit rate; it is
 *   never shown to anyone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE bridge_suggestion (
      network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      organisation_id uuid NOT NULL,
      other_organisation_id uuid,
      other_community_id uuid,
      other_id uuid GENERATED ALWAYS AS (coalesce(other_organisation_id, other_community_id)) STORED,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'not_now', 'introduced')),

      theme text NOT NULL CHECK (theme IN ('space', 'food', 'transport', 'tools', 'digital', 'language',
        'print', 'children', 'companionship', 'sport', 'garden')),
      giver text NOT NULL CHECK (giver IN ('a', 'b')),
      offer_type text NOT NULL CHECK (offer_type IN ('resource', 'exchange_offer')),
      offer_id uuid NOT NULL,
      offer_title text NOT NULL CHECK (length(offer_title) BETWEEN 1 AND 200),
      -- a resource of the giver nobody booked lately: shown only to the giver's side and the coordinator
      offer_idle boolean NOT NULL DEFAULT false,
      need_type text NOT NULL CHECK (need_type IN ('exchange_want', 'opportunity', 'community')),
      need_id uuid NOT NULL,
      need_title text NOT NULL CHECK (length(need_title) BETWEEN 1 AND 200),
      different_sector boolean NOT NULL,
      different_district boolean NOT NULL,
      -- the shortest path between the two over confirmed interactions; null: none at all
      steps smallint CHECK (steps IS NULL OR steps >= 3),
      score integer NOT NULL CHECK (score > 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),

      a_accepted_at timestamptz,
      a_accepted_by uuid,
      b_accepted_at timestamptz,
      b_accepted_by uuid,
      not_now_at timestamptz,
      not_now_side text CHECK (not_now_side IN ('a', 'b', 'coordinator')),
      not_now_reason text NOT NULL DEFAULT '' CHECK (length(not_now_reason) <= 500),
      not_now_by uuid,
      hidden_until timestamptz,
      introduced_at timestamptz,
      introduced_via text CHECK (introduced_via IN ('both', 'coordinator')),
      introduced_by uuid,

      follow_up_due_at timestamptz,
      followed_up_at timestamptz,
      follow_up_asked_at timestamptz,
      a_met boolean,
      a_met_by uuid,
      b_met boolean,
      b_met_by uuid,
      outcome text CHECK (outcome IN ('interaction', 'met', 'not_met')),
      outcome_at timestamptz,
      outcome_interaction_id uuid,

      PRIMARY KEY (network_id, id),
      UNIQUE (network_id, organisation_id, other_id),
      FOREIGN KEY (network_id, organisation_id) REFERENCES organisation(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, other_organisation_id) REFERENCES organisation(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, other_community_id) REFERENCES community(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, a_accepted_by) REFERENCES account(network_id, id) ON DELETE SET NULL (a_accepted_by),
      FOREIGN KEY (network_id, b_accepted_by) REFERENCES account(network_id, id) ON DELETE SET NULL (b_accepted_by),
      FOREIGN KEY (network_id, not_now_by) REFERENCES account(network_id, id) ON DELETE SET NULL (not_now_by),
      FOREIGN KEY (network_id, introduced_by) REFERENCES account(network_id, id) ON DELETE SET NULL (introduced_by),
      FOREIGN KEY (network_id, a_met_by) REFERENCES account(network_id, id) ON DELETE SET NULL (a_met_by),
      FOREIGN KEY (network_id, b_met_by) REFERENCES account(network_id, id) ON DELETE SET NULL (b_met_by),

      CONSTRAINT bridge_one_other CHECK ((other_organisation_id IS NULL) <> (other_community_id IS NULL)),
      CONSTRAINT bridge_pair_order CHECK (other_organisation_id IS NULL OR organisation_id < other_organisation_id),
      CONSTRAINT bridge_far_apart CHECK (different_sector OR different_district),
      CONSTRAINT bridge_open CHECK (status <> 'open' OR (a_accepted_at IS NULL AND b_accepted_at IS NULL)),
      CONSTRAINT bridge_accepted CHECK (status <> 'accepted' OR ((a_accepted_at IS NULL) <> (b_accepted_at IS NULL))),
      CONSTRAINT bridge_not_now CHECK ((status = 'not_now') = (hidden_until IS NOT NULL)
        AND (status <> 'not_now' OR (not_now_at IS NOT NULL AND not_now_side IS NOT NULL))),
      CONSTRAINT bridge_introduced CHECK ((status = 'introduced') = (introduced_at IS NOT NULL)
        AND (status <> 'introduced' OR (introduced_via IS NOT NULL AND follow_up_due_at IS NOT NULL))
        AND (introduced_via IS DISTINCT FROM 'both' OR (a_accepted_at IS NOT NULL AND b_accepted_at IS NOT NULL))),
      CONSTRAINT bridge_follow_up CHECK (status = 'introduced'
        OR (followed_up_at IS NULL AND follow_up_asked_at IS NULL AND outcome IS NULL
            AND a_met IS NULL AND b_met IS NULL)),
      CONSTRAINT bridge_outcome CHECK ((outcome IS NULL) = (outcome_at IS NULL)
        AND (outcome IS DISTINCT FROM 'not_met' OR (a_met IS FALSE AND b_met IS FALSE))
        AND (outcome IS DISTINCT FROM 'met' OR a_met OR b_met))
    );
    -- the lists by side: what one organisation (or community) is asked about
    CREATE INDEX bridge_suggestion_other ON bridge_suggestion (network_id, other_id);
    CREATE INDEX bridge_suggestion_due ON bridge_suggestion (network_id, follow_up_due_at)
      WHERE status = 'introduced' AND outcome IS NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE bridge_suggestion;`.execute(db);
}
