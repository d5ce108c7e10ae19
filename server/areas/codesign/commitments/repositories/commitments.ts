import { sql } from 'kysely';
import type {
  BookingStatus,
  CodesignCommitmentKind,
  CodesignCommitmentStatus,
  CodesignMeasureType,
  OpportunityStatus,
  ResourceKind,
  TransferStatus,
} from '../../../../db/schema.ts';
import type { Executor } from '../../../../db/tx.ts';

/** A commitment with what the project page shows live of the thing it links. */
export interface CommittedShift {
  id: string;
  opportunity_id: string;
  starts_at: string;
  ends_at: string;
  capacity: number;
  signed_up: number;
}

function base(db: Executor, networkId: string) {
  return db
    .selectFrom('codesign_commitment as c')
    .leftJoin('account as oa', (j) =>
      j.onRef('oa.network_id', '=', 'c.network_id').onRef('oa.id', '=', 'c.owner_account_id'),
    )
    .leftJoin('organisation as oo', (j) =>
      j.onRef('oo.network_id', '=', 'c.network_id').onRef('oo.id', '=', 'c.owner_organisation_id'),
    )
    .leftJoin('booking as b', (j) =>
      j.onRef('b.network_id', '=', 'c.network_id').onRef('b.id', '=', 'c.booking_id'),
    )
    .leftJoin('resource as r', (j) =>
      j.onRef('r.network_id', '=', 'b.network_id').onRef('r.id', '=', 'b.resource_id'),
    )
    .leftJoin('opportunity as op', (j) =>
      j.onRef('op.network_id', '=', 'c.network_id').onRef('op.id', '=', 'c.opportunity_id'),
    )
    .leftJoin('timebank_transfer as tt', (j) =>
      j.onRef('tt.network_id', '=', 'c.network_id').onRef('tt.id', '=', 'c.transfer_id'),
    )
    .where('c.network_id', '=', networkId)
    .select([
      'c.id',
      'c.project_id',
      'c.kind',
      'c.title',
      'c.measure',
      'c.measure_type',
      'c.measure_id',
      'c.owner_account_id',
      'c.owner_organisation_id',
      'oa.display_name as owner_account_name',
      'oo.name as owner_organisation_name',
      'c.due_on',
      'c.status',
      'c.note',
      'c.booking_id',
      'c.opportunity_id',
      'c.minutes',
      'c.transfer_id',
      'c.created_at',
      'c.updated_at',
      'c.done_at',
      'b.status as booking_status',
      sql<Date | null>`lower(b.period)`.as('booking_starts_at'),
      sql<Date | null>`upper(b.period)`.as('booking_ends_at'),
      'r.id as resource_id',
      'r.title as resource_title',
      'r.kind as resource_kind',
      'op.title as opportunity_title',
      'op.status as opportunity_status',
      sql<string[]>`array(SELECT x.organisation_id::text FROM opportunity_organisation x
        WHERE x.network_id = op.network_id AND x.opportunity_id = op.id AND x.status = 'accepted')`.as(
        'opportunity_organisation_ids',
      ),
      'tt.status as transfer_status',
      sql<CommittedShift[]>`coalesce((
        SELECT json_agg(json_build_object('id', s.id, 'opportunity_id', s.opportunity_id,
          'starts_at', s.starts_at, 'ends_at', s.ends_at, 'capacity', s.capacity, 'signed_up', s.signed_up)
          ORDER BY s.starts_at, s.id)
        FROM codesign_commitment_shift cs JOIN shift s ON s.network_id = cs.network_id AND s.id = cs.shift_id
        WHERE cs.network_id = c.network_id AND cs.commitment_id = c.id), '[]'::json)`.as('shifts'),
    ]);
}

export type CommitmentRow = {
  id: string;
  project_id: string;
  kind: CodesignCommitmentKind;
  title: string;
  measure: string;
  measure_type: CodesignMeasureType | null;
  measure_id: string | null;
  owner_account_id: string | null;
  owner_organisation_id: string | null;
  owner_account_name: string | null;
  owner_organisation_name: string | null;
  due_on: Date | string | null;
  status: CodesignCommitmentStatus;
  note: string;
  booking_id: string | null;
  opportunity_id: string | null;
  minutes: number | null;
  transfer_id: string | null;
  created_at: Date;
  updated_at: Date;
  done_at: Date | null;
  booking_status: BookingStatus | null;
  booking_starts_at: Date | null;
  booking_ends_at: Date | null;
  resource_id: string | null;
  resource_title: string | null;
  resource_kind: ResourceKind | null;
  opportunity_title: string | null;
  opportunity_status: OpportunityStatus | null;
  opportunity_organisation_ids: string[];
  transfer_status: TransferStatus | null;
  shifts: CommittedShift[];
};

export async function findCommitment(db: Executor, networkId: string, id: string, lock = false) {
  const q = base(db, networkId).where('c.id', '=', id);
  const row = await (lock ? q.forUpdate('c') : q).executeTakeFirst();
  return row as CommitmentRow | undefined;
}

const statusOrder = sql<number>`CASE c.status WHEN 'in_progress' THEN 1 WHEN 'planned' THEN 2 WHEN 'done' THEN 3 ELSE 4 END`;

/** A project's commitments: open ones first (in progress, planned), by due date, then done and dropped. */
export async function listCommitments(
  db: Executor,
  networkId: string,
  projectId: string,
  f: { status?: CodesignCommitmentStatus; limit: number; offset: number },
) {
  let q = base(db, networkId).where('c.project_id', '=', projectId);
  if (f.status) q = q.where('c.status', '=', f.status);
  const [items, count] = await Promise.all([
    q
      .orderBy(statusOrder)
      .orderBy(sql`c.due_on NULLS LAST`)
      .orderBy('c.created_at')
      .orderBy('c.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    db
      .selectFrom('codesign_commitment as c')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('c.network_id', '=', networkId)
      .where('c.project_id', '=', projectId)
      .$if(!!f.status, (qb) => qb.where('c.status', '=', f.status!))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: items as CommitmentRow[], total: Number(count.n) };
}

export interface CommitmentFields {
  kind: CodesignCommitmentKind;
  title: string;
  measure: string;
  measureType: CodesignMeasureType | null;
  measureId: string | null;
  ownerAccountId: string | null;
  ownerOrganisationId: string | null;
  dueOn: string | null;
  note: string;
  bookingId: string | null;
  opportunityId: string | null;
  shiftIds: string[];
  minutes: number | null;
  transferId: string | null;
}

function columns(f: CommitmentFields) {
  return {
    kind: f.kind,
    title: f.title,
    measure: f.measure,
    measure_type: f.measureType,
    measure_id: f.measureId,
    owner_account_id: f.ownerAccountId,
    owner_organisation_id: f.ownerOrganisationId,
    due_on: f.dueOn,
    note: f.note,
    booking_id: f.bookingId,
    opportunity_id: f.opportunityId,
    minutes: f.minutes,
    transfer_id: f.transferId,
  };
}

async function writeShifts(db: Executor, networkId: string, id: string, shiftIds: string[]) {
  await db
    .deleteFrom('codesign_commitment_shift')
    .where('network_id', '=', networkId)
    .where('commitment_id', '=', id)
    .execute();
  if (shiftIds.length > 0)
    await db
      .insertInto('codesign_commitment_shift')
      .values(
        [...new Set(shiftIds)].map((shift_id) => ({ network_id: networkId, commitment_id: id, shift_id })),
      )
      .execute();
}

export async function insertCommitment(
  db: Executor,
  networkId: string,
  projectId: string,
  createdBy: string,
  f: CommitmentFields,
): Promise<string> {
  const { id } = await db
    .insertInto('codesign_commitment')
    .values({ network_id: networkId, project_id: projectId, created_by: createdBy, ...columns(f) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeShifts(db, networkId, id, f.shiftIds);
  return id;
}

export async function updateCommitment(db: Executor, networkId: string, id: string, f: CommitmentFields) {
  await db
    .updateTable('codesign_commitment')
    .set({ ...columns(f), updated_at: sql`now()` })
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .execute();
  await writeShifts(db, networkId, id, f.shiftIds);
}

export async function setCommitmentStatus(
  db: Executor,
  networkId: string,
  id: string,
  status: CodesignCommitmentStatus,
) {
  await db
    .updateTable('codesign_commitment')
    .set({
      status,
      done_at: status === 'done' ? sql`coalesce(done_at, now())` : null,
      updated_at: sql`now()`,
    })
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .execute();
}

/** Whether the account takes part in the project (active) or acts for an organisation that runs it. */
export async function isInProject(db: Executor, networkId: string, projectId: string, accountId: string) {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .or([
          eb.exists(
            eb
              .selectFrom('codesign_participant as p')
              .select('p.id')
              .where('p.network_id', '=', networkId)
              .where('p.project_id', '=', projectId)
              .where('p.account_id', '=', accountId)
              .where('p.status', '=', 'active'),
          ),
          eb.exists(
            eb
              .selectFrom('codesign_project_organisation as po')
              .innerJoin('membership as m', (j) =>
                j
                  .onRef('m.network_id', '=', 'po.network_id')
                  .onRef('m.organisation_id', '=', 'po.organisation_id'),
              )
              .select('m.account_id')
              .where('po.network_id', '=', networkId)
              .where('po.project_id', '=', projectId)
              .where('po.status', '=', 'accepted')
              .where('m.account_id', '=', accountId)
              .where('m.role', 'in', ['admin', 'staff']),
          ),
        ])
        .as('yes'),
    ])
    .executeTakeFirstOrThrow();
  return Boolean(row.yes);
}

/** The people who may be responsible for a commitment: active participants with an account, and the running organisations' staff. */
export async function possibleOwners(db: Executor, networkId: string, projectId: string) {
  const people = await sql<{ id: string; name: string }>`
    SELECT DISTINCT a.id, a.display_name AS name FROM account a
    WHERE a.network_id = ${networkId} AND (
      EXISTS (SELECT 1 FROM codesign_participant p WHERE p.network_id = a.network_id AND p.project_id = ${projectId}
        AND p.account_id = a.id AND p.status = 'active')
      OR EXISTS (SELECT 1 FROM codesign_project_organisation po JOIN membership m
        ON m.network_id = po.network_id AND m.organisation_id = po.organisation_id
        WHERE po.network_id = a.network_id AND po.project_id = ${projectId} AND po.status = 'accepted'
        AND m.account_id = a.id AND m.role IN ('admin', 'staff')))
    ORDER BY name, id LIMIT 500`.execute(db);
  const organisations = await db
    .selectFrom('codesign_project_organisation as po')
    .innerJoin('organisation as o', (j) =>
      j.onRef('o.network_id', '=', 'po.network_id').onRef('o.id', '=', 'po.organisation_id'),
    )
    .select(['o.id', 'o.name'])
    .where('po.network_id', '=', networkId)
    .where('po.project_id', '=', projectId)
    .where('po.status', '=', 'accepted')
    .orderBy('po.is_lead', 'desc')
    .orderBy('o.name')
    .execute();
  return { people: people.rows, organisations };
}

/** The projects a booking, an opportunity (itself or one of its shifts) or a shift is committed to. */
export async function projectsLinkedTo(
  db: Executor,
  networkId: string,
  type: 'booking' | 'opportunity' | 'shift',
  id: string,
) {
  let q = db
    .selectFrom('codesign_commitment as c')
    .innerJoin('codesign_project as p', (j) =>
      j.onRef('p.network_id', '=', 'c.network_id').onRef('p.id', '=', 'c.project_id'),
    )
    .select(['p.id as project_id', 'p.title as project_title', 'c.id', 'c.title', 'c.status'])
    .where('c.network_id', '=', networkId);
  if (type === 'booking') q = q.where('c.booking_id', '=', id);
  else if (type === 'opportunity')
    q = q.where((eb) =>
      eb.or([
        eb('c.opportunity_id', '=', id),
        eb.exists(
          eb
            .selectFrom('codesign_commitment_shift as cs')
            .innerJoin('shift as s', (j) =>
              j.onRef('s.network_id', '=', 'cs.network_id').onRef('s.id', '=', 'cs.shift_id'),
            )
            .select('cs.shift_id')
            .whereRef('cs.network_id', '=', 'c.network_id')
            .whereRef('cs.commitment_id', '=', 'c.id')
            .where('s.opportunity_id', '=', id),
        ),
      ]),
    );
  else
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('codesign_commitment_shift as cs')
          .select('cs.shift_id')
          .whereRef('cs.network_id', '=', 'c.network_id')
          .whereRef('cs.commitment_id', '=', 'c.id')
          .where('cs.shift_id', '=', id),
      ),
    );
  return q.where('c.status', '<>', 'dropped').orderBy('p.title').orderBy('c.created_at').limit(200).execute();
}

/** A person's open tasks across projects (for the home): overdue first, then by due date. */
export async function openTasksOf(db: Executor, networkId: string, accountId: string, limit: number) {
  const q = db
    .selectFrom('codesign_commitment as c')
    .innerJoin('codesign_project as p', (j) =>
      j.onRef('p.network_id', '=', 'c.network_id').onRef('p.id', '=', 'c.project_id'),
    )
    .where('c.network_id', '=', networkId)
    .where('c.owner_account_id', '=', accountId)
    .where('c.status', 'in', ['planned', 'in_progress'])
    .where('p.status', '<>', 'draft');
  const [items, count] = await Promise.all([
    q
      .select(['c.id', 'c.title', 'c.due_on', 'c.project_id', 'p.title as project_title'])
      .orderBy(sql`c.due_on NULLS LAST`)
      .orderBy('c.id')
      .limit(limit)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}
