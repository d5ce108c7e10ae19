import { sql } from 'kysely';
import type { CodesignProjectStatus } from '../../../../db/schema.ts';
import type { Executor } from '../../../../db/tx.ts';
import type { Paging } from '../../../../http/paging.ts';
import type { Actor } from '../../../../policies/actor.ts';

/** The organisations the actor acts for (staff or admin): they organise the projects those run. */
export const actingFor = (actor: Actor) =>
  actor.blocked
    ? []
    : [...actor.roles.entries()].filter(([, r]) => r === 'admin' || r === 'staff').map(([id]) => id);

const none = '00000000-0000-0000-0000-000000000000';

/** The project is run by (or has invited) one of `orgs`. */
const runBy = (orgs: readonly string[], status: 'accepted' | 'invited') =>
  sql<boolean>`EXISTS (SELECT 1 FROM codesign_project_organisation o
    WHERE o.network_id = p.network_id AND o.project_id = p.id AND o.status = ${status}
      AND o.organisation_id IN (${sql.join((orgs.length ? orgs : [none]).map((o) => sql`${o}::uuid`))}))`;

const memberIn = (accountId: string | null, statuses: ('active' | 'invited')[]) =>
  sql<boolean>`EXISTS (SELECT 1 FROM codesign_participant m
    WHERE m.network_id = p.network_id AND m.project_id = p.id AND m.account_id = ${accountId ?? none}::uuid
      AND m.status IN (${sql.join(statuses)}))`;

export interface ProjectFilter extends Paging {
  status?: CodesignProjectStatus | undefined;
  organisationId?: string | undefined;
  /** only those the actor takes part in, is invited to, or organises */
  mine?: boolean | undefined;
  /** only those the actor could join now (active, open or invited, not yet in) */
  joinable?: boolean | undefined;
}

function summaryQuery(db: Executor, networkId: string, actorAccountId: string | null) {
  return db
    .selectFrom('codesign_project as p')
    .leftJoin('codesign_phase as cur', (j) =>
      j.onRef('cur.network_id', '=', 'p.network_id').onRef('cur.id', '=', 'p.current_phase_id'),
    )
    .leftJoin('codesign_participant as me', (j) =>
      j
        .onRef('me.network_id', '=', 'p.network_id')
        .onRef('me.project_id', '=', 'p.id')
        .on('me.account_id', '=', actorAccountId ?? '00000000-0000-0000-0000-000000000000'),
    )
    .where('p.network_id', '=', networkId)
    .select([
      'p.id',
      'p.title',
      'p.summary',
      'p.status',
      'p.visibility',
      'p.joining',
      'p.template',
      'p.updated_at',
      'p.created_at',
      'cur.id as phase_id',
      'cur.kind as phase_kind',
      'cur.title as phase_title',
      'cur.position as phase_position',
      'me.role as me_role',
      'me.status as me_status',
      sql<number>`(SELECT count(*)::int FROM codesign_phase x WHERE x.network_id = p.network_id AND x.project_id = p.id)`.as(
        'phase_count',
      ),
      sql<number>`(SELECT count(*)::int FROM codesign_participant x WHERE x.network_id = p.network_id AND x.project_id = p.id AND x.status = 'active')`.as(
        'participant_count',
      ),
      sql<{ id: string; name: string; slug: string; isLead: boolean }[]>`coalesce((
        SELECT json_agg(json_build_object('id', o.id, 'name', o.name, 'slug', o.slug, 'isLead', po.is_lead)
          ORDER BY po.is_lead DESC, o.name)
        FROM codesign_project_organisation po
        JOIN organisation o ON o.network_id = po.network_id AND o.id = po.organisation_id
        WHERE po.network_id = p.network_id AND po.project_id = p.id AND po.status = 'accepted'), '[]'::json)`.as(
        'organisations',
      ),
    ]);
}

export type ProjectSummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['execute']>>[number];

/** The projects the actor may see (a draft only its organisers; members-only ones only their members), newest change first. */
export async function listProjects(db: Executor, networkId: string, actor: Actor, f: ProjectFilter) {
  const orgs = actingFor(actor);
  const account = actor.blocked ? null : actor.accountId;
  let q = summaryQuery(db, networkId, account).where(
    sql<boolean>`(${runBy(orgs, 'accepted')} OR ${runBy(orgs, 'invited')}
      OR (p.status <> 'draft' AND (p.visibility = 'public' OR ${memberIn(account, ['active', 'invited'])})))`,
  );
  if (f.status) q = q.where('p.status', '=', f.status);
  if (f.organisationId) {
    const org = f.organisationId;
    q = q.where(runBy([org], 'accepted'));
  }
  if (f.mine)
    q = q.where(sql<boolean>`(${memberIn(account, ['active', 'invited'])} OR ${runBy(orgs, 'accepted')})`);
  if (f.joinable)
    q = q.where('p.status', '=', 'active').where(
      sql<boolean>`((p.joining = 'open' AND p.visibility = 'public') OR ${memberIn(account, ['invited'])})
          AND NOT ${memberIn(account, ['active'])} AND NOT ${runBy(orgs, 'accepted')}`,
    );
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const items = await q
    .orderBy(sql`CASE p.status WHEN 'active' THEN 0 WHEN 'draft' THEN 1 ELSE 2 END`)
    .orderBy('p.updated_at', 'desc')
    .orderBy('p.id')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { items, total: Number(total.n) };
}

/** One project's summary row (the caller checked access). */
export async function projectSummary(
  db: Executor,
  networkId: string,
  projectId: string,
  accountId: string | null,
) {
  return summaryQuery(db, networkId, accountId).where('p.id', '=', projectId).executeTakeFirstOrThrow();
}

/** The project row, locked for a change. */
export async function lockProject(db: Executor, networkId: string, projectId: string) {
  return db
    .selectFrom('codesign_project')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('id', '=', projectId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

/** The project's whole record for its page. */
export async function projectRecord(db: Executor, networkId: string, projectId: string) {
  return db
    .selectFrom('codesign_project as p')
    .leftJoin('district as d', (j) =>
      j.onRef('d.network_id', '=', 'p.network_id').onRef('d.id', '=', 'p.district_id'),
    )
    .selectAll('p')
    .select('d.name as district_name')
    .where('p.network_id', '=', networkId)
    .where('p.id', '=', projectId)
    .executeTakeFirstOrThrow();
}

export async function phasesOfProject(db: Executor, networkId: string, projectId: string) {
  return db
    .selectFrom('codesign_phase')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('project_id', '=', projectId)
    .orderBy('position')
    .execute();
}

export async function toolsOfProject(db: Executor, networkId: string, projectId: string) {
  return db
    .selectFrom('codesign_tool')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('project_id', '=', projectId)
    .orderBy('phase_id')
    .orderBy('position')
    .orderBy('created_at')
    .execute();
}

/** Every organisation named on the project (running and invited). */
export async function organisationsOfProject(db: Executor, networkId: string, projectId: string) {
  return db
    .selectFrom('codesign_project_organisation as po')
    .innerJoin('organisation as o', (j) =>
      j.onRef('o.network_id', '=', 'po.network_id').onRef('o.id', '=', 'po.organisation_id'),
    )
    .select(['o.id', 'o.name', 'o.slug', 'po.is_lead', 'po.status'])
    .where('po.network_id', '=', networkId)
    .where('po.project_id', '=', projectId)
    .orderBy('po.is_lead', 'desc')
    .orderBy('o.name')
    .execute();
}

export async function projectCounts(db: Executor, networkId: string, projectId: string) {
  const row = await db
    .selectFrom('codesign_project as p')
    .select([
      sql<number>`(SELECT count(*)::int FROM codesign_participant x WHERE x.network_id = p.network_id AND x.project_id = p.id AND x.status = 'active')`.as(
        'participants',
      ),
      sql<number>`(SELECT count(*)::int FROM codesign_contribution x WHERE x.network_id = p.network_id AND x.project_id = p.id)`.as(
        'contributions',
      ),
      sql<number>`(SELECT count(*)::int FROM codesign_tool x WHERE x.network_id = p.network_id AND x.project_id = p.id)`.as(
        'tools',
      ),
    ])
    .where('p.network_id', '=', networkId)
    .where('p.id', '=', projectId)
    .executeTakeFirstOrThrow();
  return row;
}

export async function myParticipation(
  db: Executor,
  networkId: string,
  projectId: string,
  accountId: string | null,
) {
  if (!accountId) return undefined;
  return db
    .selectFrom('codesign_participant')
    .select(['id', 'role', 'status', 'joined_via', 'district_id', 'age_band', 'stake', 'language'])
    .where('network_id', '=', networkId)
    .where('project_id', '=', projectId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

export async function listParticipants(db: Executor, networkId: string, projectId: string, page: Paging) {
  const q = db
    .selectFrom('codesign_participant as x')
    .leftJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 'x.network_id').onRef('a.id', '=', 'x.account_id'),
    )
    .where('x.network_id', '=', networkId)
    .where('x.project_id', '=', projectId)
    .where('x.status', '<>', 'left');
  const total = await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const items = await q
    .select([
      'x.id',
      'x.account_id',
      'a.display_name as account_name',
      'x.display_name',
      'x.role',
      'x.status',
      'x.joined_via',
      'x.created_at',
    ])
    .orderBy(sql`CASE x.role WHEN 'facilitator' THEN 0 ELSE 1 END`)
    .orderBy(sql`coalesce(a.display_name, x.display_name)`)
    .orderBy('x.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { items, total: Number(total.n) };
}

export async function listTimeline(db: Executor, networkId: string, projectId: string, page: Paging) {
  const q = db
    .selectFrom('codesign_event as e')
    .leftJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 'e.network_id').onRef('a.id', '=', 'e.actor_id'),
    )
    .where('e.network_id', '=', networkId)
    .where('e.project_id', '=', projectId);
  const total = await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const items = await q
    .select([
      'e.id',
      'e.kind',
      'e.actor_id',
      'a.display_name as actor_name',
      'e.subject_type',
      'e.subject_id',
      'e.params',
      'e.at',
    ])
    .orderBy('e.at', 'desc')
    .orderBy('e.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { items, total: Number(total.n) };
}

/** Active projects, for the front page. */
export async function activeProjectCount(db: Executor, networkId: string) {
  const r = await db
    .selectFrom('codesign_project')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('network_id', '=', networkId)
    .where('status', '=', 'active')
    .where('visibility', '=', 'public')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
