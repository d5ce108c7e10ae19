import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../db/tx.ts';

/** At most this many enquiries per person in an hour, to all organisations together … */
export const enquiriesPerHour = 5;
/** … and this many to one organisation in a day. */
export const enquiriesPerOrganisationPerDay = 3;

const columns = [
  'e.id',
  'e.organisation_id',
  'e.author_id',
  'e.subject',
  'e.message',
  'e.contact',
  'e.created_at',
  'e.answered_at',
] as const;

/**
 * Takes this transaction's turn for the person's enquiries and says whether one more is within the
 * limits. The advisory lock makes a burst of parallel requests count like the same requests one
 * after the other (a count without it lets every request of a burst through).
 */
export async function mayAskAgain(
  tx: Executor,
  networkId: string,
  authorId: string,
  organisationId: string,
): Promise<boolean> {
  const lock = createHash('sha256').update(`enquiry\0${networkId}\0${authorId}`).digest().readBigInt64BE(0);
  await sql`SELECT pg_advisory_xact_lock(${lock.toString()}::bigint)`.execute(tx);
  const r = await tx
    .selectFrom('organisation_enquiry')
    .select([
      sql<string>`count(*) FILTER (WHERE created_at > now() - interval '1 hour')`.as('hour'),
      sql<string>`count(*) FILTER (WHERE organisation_id = ${organisationId}::uuid)`.as('here'),
    ])
    .where('network_id', '=', networkId)
    .where('author_id', '=', authorId)
    .where('created_at', '>', sql<Date>`now() - interval '1 day'`)
    .executeTakeFirstOrThrow();
  return Number(r.hour) < enquiriesPerHour && Number(r.here) < enquiriesPerOrganisationPerDay;
}

export async function insertEnquiry(
  tx: Executor,
  networkId: string,
  e: { organisationId: string; authorId: string; subject: string; message: string; contact: string },
) {
  return tx
    .insertInto('organisation_enquiry')
    .values({
      network_id: networkId,
      organisation_id: e.organisationId,
      author_id: e.authorId,
      subject: e.subject,
      message: e.message,
      contact: e.contact,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

function base(db: Executor, networkId: string) {
  return db
    .selectFrom('organisation_enquiry as e')
    .innerJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 'e.network_id').onRef('a.id', '=', 'e.author_id'),
    )
    .innerJoin('organisation as o', (j) =>
      j.onRef('o.network_id', '=', 'e.network_id').onRef('o.id', '=', 'e.organisation_id'),
    )
    .where('e.network_id', '=', networkId)
    .select([
      ...columns,
      'a.display_name as author_name',
      'o.name as organisation_name',
      'o.slug as organisation_slug',
    ]);
}

export type EnquiryRow = Awaited<ReturnType<typeof findEnquiry>> & {};

export async function findEnquiry(db: Executor, networkId: string, organisationId: string, id: string) {
  return base(db, networkId)
    .where('e.organisation_id', '=', organisationId)
    .where('e.id', '=', id)
    .executeTakeFirst();
}

/** An organisation's enquiries: the open ones first (oldest first: they have waited longest), then answered ones. */
export async function listOrganisationEnquiries(
  db: Executor,
  networkId: string,
  organisationId: string,
  f: { status?: 'open' | 'answered'; limit: number; offset: number },
) {
  let q = base(db, networkId).where('e.organisation_id', '=', organisationId);
  if (f.status === 'open') q = q.where('e.answered_at', 'is', null);
  if (f.status === 'answered') q = q.where('e.answered_at', 'is not', null);
  const [items, total, open] = await Promise.all([
    q
      .orderBy(sql`e.answered_at IS NOT NULL`)
      .orderBy(sql`CASE WHEN e.answered_at IS NULL THEN e.created_at END`, 'asc')
      .orderBy('e.created_at', 'desc')
      .orderBy('e.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('organisation_enquiry')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('network_id', '=', networkId)
      .where('organisation_id', '=', organisationId)
      .where('answered_at', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n), open: Number(open.n) };
}

/** The enquiries a person sent, newest first. */
export async function listOwnEnquiries(
  db: Executor,
  networkId: string,
  authorId: string,
  f: { limit: number; offset: number },
) {
  const q = base(db, networkId).where('e.author_id', '=', authorId);
  const [items, total] = await Promise.all([
    q.orderBy('e.created_at', 'desc').orderBy('e.id').limit(f.limit).offset(f.offset).execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Marks an enquiry answered (by whom, now) or open again; the row as it is afterwards. */
export async function setAnswered(
  tx: Executor,
  networkId: string,
  organisationId: string,
  id: string,
  answeredBy: string | null,
) {
  await tx
    .updateTable('organisation_enquiry')
    .set(
      answeredBy === null
        ? { answered_at: null, answered_by: null }
        : // answered once stays answered at its first time: marking it again changes nothing
          {
            answered_at: sql`coalesce(answered_at, now())`,
            answered_by: sql`coalesce(answered_by, ${answeredBy}::uuid)`,
          },
    )
    .where('network_id', '=', networkId)
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .execute();
  return findEnquiry(tx, networkId, organisationId, id);
}

/** The admins of an organisation, who are told of a new enquiry. */
export async function organisationAdmins(db: Executor, networkId: string, organisationId: string) {
  return db
    .selectFrom('membership as m')
    .innerJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 'm.network_id').onRef('a.id', '=', 'm.account_id'),
    )
    .select(['a.id', 'a.email', 'a.display_name', 'a.locale'])
    .where('m.network_id', '=', networkId)
    .where('m.organisation_id', '=', organisationId)
    .where('m.role', '=', 'admin')
    .where('a.blocked_at', 'is', null)
    .orderBy('a.id')
    .execute();
}
