import { type Kysely, sql } from 'kysely';

/**
 * Mitgestalten, its core tables — the ones every part reads: a co-design project, the organisations
 * that run it (a partner only after it accepts, as with joint opportunities), its phases, the tools
 * used in each phase, the people taking part, the log of every contribution, and the project's
 * timeline. Each part (ideas, consensus, votes, surveys, offline, commitments, accountability) adds
 * its leaf tables in a migration of its own.
 *
 * - A participant is a person in one project: with an account, or — entered by staff with the
 *   person's consent (in person, signed paper, by phone) — without one, under a name they chose; a
 *   claim code lets them take their contributions over with an account later. The groups a project
 *   counts ("who is affected vs who took part") are declared per participant, all optional.
 * - `codesign_contribution` is the one record of who contributed what and how: a participant, online
 *   or on paper / by phone / at a meeting, and — when staff entered it for them — by whom and in which
 *   role. Parts' rows point at it. An anonymous survey's answers do not: the log knows that someone
 *   answered, never what.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE codesign_project (
      network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      title text NOT NULL CHECK (length(title) BETWEEN 3 AND 160),
      -- one or two plain sentences: what is being designed, for whom
      summary text NOT NULL DEFAULT '' CHECK (length(summary) <= 500),
      description text NOT NULL DEFAULT '' CHECK (length(description) <= 20000),
      -- the template its phases were made from (projects/templates.ts)
      template text NOT NULL CHECK (template IN ('full', 'short', 'survey', 'custom')),
      -- 'members': its participants and the running organisations' staff only
      visibility text NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'members')),
      joining text NOT NULL DEFAULT 'invitation' CHECK (joining IN ('invitation', 'link', 'open')),
      -- SHA-256 of the join link's secret, while joining is 'link'
      link_token_hash text,
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'closed')),
      current_phase_id uuid,
      district_id uuid,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, district_id) REFERENCES district(network_id, id) ON DELETE SET NULL (district_id),
      FOREIGN KEY (network_id, created_by) REFERENCES account(network_id, id) ON DELETE SET NULL (created_by),
      CHECK ((joining = 'link') = (link_token_hash IS NOT NULL))
    );
    CREATE INDEX codesign_project_recent ON codesign_project (network_id, status, updated_at DESC);

    CREATE TABLE codesign_project_organisation (
      network_id uuid NOT NULL,
      project_id uuid NOT NULL,
      organisation_id uuid NOT NULL,
      is_lead boolean NOT NULL DEFAULT false,
      -- a partner is invited first; it runs the project once a coordinator of it accepts
      status text NOT NULL DEFAULT 'invited' CHECK (status IN ('invited', 'accepted')),
      invited_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      responded_at timestamptz,
      PRIMARY KEY (network_id, project_id, organisation_id),
      FOREIGN KEY (network_id, project_id) REFERENCES codesign_project(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, organisation_id) REFERENCES organisation(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, invited_by) REFERENCES account(network_id, id) ON DELETE SET NULL (invited_by),
      CHECK (NOT is_lead OR status = 'accepted')
    );
    CREATE UNIQUE INDEX codesign_project_one_lead ON codesign_project_organisation (network_id, project_id) WHERE is_lead;
    CREATE INDEX codesign_project_organisation_org ON codesign_project_organisation (network_id, organisation_id);

    CREATE TABLE codesign_phase (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      project_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('needs', 'goals', 'ideas', 'decide', 'commit', 'implement', 'review')),
      position integer NOT NULL CHECK (position BETWEEN 1 AND 20),
      title text NOT NULL CHECK (length(title) BETWEEN 2 AND 120),
      description text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
      starts_on date,
      ends_on date,
      PRIMARY KEY (network_id, id),
      UNIQUE (network_id, project_id, position) DEFERRABLE INITIALLY IMMEDIATE,
      FOREIGN KEY (network_id, project_id) REFERENCES codesign_project(network_id, id) ON DELETE CASCADE,
      CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on)
    );
    -- the project names its current phase among its phases: deferrable, so a restore writes both
    ALTER TABLE codesign_project ADD FOREIGN KEY (network_id, current_phase_id)
      REFERENCES codesign_phase(network_id, id) ON DELETE SET NULL (current_phase_id)
      DEFERRABLE INITIALLY IMMEDIATE;

    CREATE TABLE codesign_tool (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      project_id uuid NOT NULL,
      phase_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('ideas', 'consensus', 'dots', 'ranking', 'survey', 'meeting')),
      title text NOT NULL CHECK (length(title) BETWEEN 3 AND 160),
      description text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
      -- the kind's settings, checked by its schema (projects/tools.ts)
      config jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(config) = 'object'),
      position integer NOT NULL DEFAULT 1 CHECK (position >= 1),
      opens_at timestamptz,
      closes_at timestamptz,
      -- the short code printed on its paper kit, to find it again when the forms come back
      paper_code text NOT NULL CHECK (paper_code ~ '^[A-Z0-9]{6}$'),
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      UNIQUE (network_id, paper_code),
      FOREIGN KEY (network_id, project_id) REFERENCES codesign_project(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, phase_id) REFERENCES codesign_phase(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, created_by) REFERENCES account(network_id, id) ON DELETE SET NULL (created_by),
      CHECK (closes_at IS NULL OR opens_at IS NULL OR closes_at > opens_at)
    );
    CREATE INDEX codesign_tool_project ON codesign_tool (network_id, project_id, phase_id, position);

    CREATE TABLE codesign_participant (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      project_id uuid NOT NULL,
      -- null: a person staff entered without an account (or whose account is gone)
      account_id uuid,
      -- the name shown for a person without an account, as they chose it ("Frau M.")
      display_name text CHECK (length(display_name) BETWEEN 1 AND 80),
      role text NOT NULL DEFAULT 'participant' CHECK (role IN ('participant', 'facilitator')),
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('invited', 'active', 'left')),
      joined_via text NOT NULL CHECK (joined_via IN ('organiser', 'invitation', 'link', 'open', 'assisted')),
      -- the groups this project counts, as the person declared them (each optional)
      district_id uuid,
      age_band text CHECK (age_band IN ('under_18', '18_29', '30_49', '50_64', '65_79', '80_plus')),
      stake text CHECK (stake IN ('service_user', 'relative', 'volunteer', 'staff', 'resident', 'other')),
      language text CHECK (language ~ '^[a-z]{2,3}$'),
      -- assisted participation: how the person agreed that staff enter contributions for them, and who
      consent text CHECK (consent IN ('in_person', 'paper', 'phone')),
      consent_recorded_by uuid,
      consent_at timestamptz,
      -- SHA-256 of the code with which the person takes their contributions over with an account
      claim_token_hash text,
      claimed_at timestamptz,
      invited_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, project_id) REFERENCES codesign_project(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, account_id) REFERENCES account(network_id, id) ON DELETE SET NULL (account_id),
      FOREIGN KEY (network_id, district_id) REFERENCES district(network_id, id) ON DELETE SET NULL (district_id),
      FOREIGN KEY (network_id, consent_recorded_by) REFERENCES account(network_id, id) ON DELETE SET NULL (consent_recorded_by),
      FOREIGN KEY (network_id, invited_by) REFERENCES account(network_id, id) ON DELETE SET NULL (invited_by),
      -- consent comes with who recorded it and when
      CHECK ((consent IS NULL) = (consent_at IS NULL)),
      -- a person entered without an account has a name and has consented
      CHECK (joined_via <> 'assisted' OR account_id IS NOT NULL OR (display_name IS NOT NULL AND consent IS NOT NULL))
    );
    CREATE UNIQUE INDEX codesign_participant_account ON codesign_participant (network_id, project_id, account_id)
      WHERE account_id IS NOT NULL;
    CREATE INDEX codesign_participant_of_account ON codesign_participant (network_id, account_id);
    CREATE UNIQUE INDEX codesign_participant_claim ON codesign_participant (network_id, claim_token_hash)
      WHERE claim_token_hash IS NOT NULL;

    CREATE TABLE codesign_contribution (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      project_id uuid NOT NULL,
      tool_id uuid,
      participant_id uuid NOT NULL,
      -- what it was: 'idea', 'comment', 'point', 'stance', 'dots', 'ranking', 'survey', 'attendance' …
      kind text NOT NULL CHECK (kind ~ '^[a-z_]{2,40}$'),
      channel text NOT NULL DEFAULT 'online' CHECK (channel IN ('online', 'paper', 'phone', 'meeting')),
      -- staff who entered it for the person ("mit Unterstützung von …") and the role they acted in
      entered_by uuid,
      entered_role text CHECK (entered_role IN ('admin', 'staff', 'volunteer', 'facilitator')),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, project_id) REFERENCES codesign_project(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, tool_id) REFERENCES codesign_tool(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, participant_id) REFERENCES codesign_participant(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, entered_by) REFERENCES account(network_id, id) ON DELETE SET NULL (entered_by),
      -- online is the person's own doing; on paper, by phone or at a meeting somebody typed it in
      CHECK (channel = 'online' OR entered_by IS NOT NULL OR entered_role IS NOT NULL),
      CHECK ((entered_by IS NULL) OR (entered_role IS NOT NULL))
    );
    CREATE INDEX codesign_contribution_project ON codesign_contribution (network_id, project_id, created_at);
    CREATE INDEX codesign_contribution_participant ON codesign_contribution (network_id, participant_id);

    -- what happened in a project, newest first on its page
    CREATE TABLE codesign_event (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      project_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind ~ '^[a-z_.]{2,60}$'),
      actor_id uuid,
      subject_type text CHECK (subject_type ~ '^[a-z_]{2,40}$'),
      subject_id uuid,
      params jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(params) = 'object'),
      at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, project_id) REFERENCES codesign_project(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, actor_id) REFERENCES account(network_id, id) ON DELETE SET NULL (actor_id)
    );
    CREATE INDEX codesign_event_project ON codesign_event (network_id, project_id, at DESC);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS codesign_event, codesign_contribution, codesign_participant, codesign_tool,
      codesign_phase, codesign_project_organisation, codesign_project CASCADE;
  `.execute(db);
}
