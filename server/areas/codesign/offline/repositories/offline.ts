import { sql } from 'kysely';
import type { Executor } from '../../../../db/tx.ts';

/** The project's people whose consent for assisted entry is recorded, newest first (a page). */
export async function listAssisted(
  db: Executor,
  networkId: string,
  projectId: string,
  o: { usable: boolean; limit: number; offset: number; id?: string },
) {
  let q = db
    .selectFrom('codesign_participant as p')
    .leftJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 'p.network_id').onRef('a.id', '=', 'p.account_id'),
    )
    .leftJoin('account as r', (j) =>
      j.onRef('r.network_id', '=', 'p.network_id').onRef('r.id', '=', 'p.consent_recorded_by'),
    )
    .leftJoin('district as d', (j) =>
      j.onRef('d.network_id', '=', 'p.network_id').onRef('d.id', '=', 'p.district_id'),
    )
    .where('p.network_id', '=', networkId)
    .where('p.project_id', '=', projectId)
    .where('p.consent', 'is not', null);
  if (o.id) q = q.where('p.id', '=', o.id);
  if (o.usable) q = q.where('p.consent_withdrawn_at', 'is', null).where('p.status', '<>', 'left');
  const total = await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const items = await q
    .select([
      'p.id',
      'p.account_id',
      'p.display_name',
      'a.display_name as account_name',
      'p.consent',
      'p.consent_at',
      'r.display_name as recorded_by_name',
      'p.consent_withdrawn_at',
      'p.status',
      'p.district_id',
      'd.name as district_name',
      'p.age_band',
      'p.stake',
      'p.language',
      'p.claim_expires_at',
      'p.claimed_at',
      sql<string>`(SELECT count(*) FROM codesign_contribution c
        WHERE c.network_id = p.network_id AND c.participant_id = p.id AND c.entered_by IS NOT NULL)`.as(
        'assisted',
      ),
    ])
    .orderBy('p.consent_withdrawn_at', (ob) => ob.desc().nullsFirst())
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id')
    .limit(o.limit)
    .offset(o.offset)
    .execute();
  return { items, total: Number(total.n) };
}

export type AssistedRow = Awaited<ReturnType<typeof listAssisted>>['items'][number];

/** A meeting tool's record, with its counts by group, or undefined. */
export async function findMeeting(db: Executor, networkId: string, toolId: string) {
  const m = await db
    .selectFrom('codesign_meeting as m')
    .leftJoin('account as r', (j) =>
      j.onRef('r.network_id', '=', 'm.network_id').onRef('r.id', '=', 'm.recorded_by'),
    )
    .selectAll('m')
    .select('r.display_name as recorded_by_name')
    .where('m.network_id', '=', networkId)
    .where('m.tool_id', '=', toolId)
    .executeTakeFirst();
  if (!m) return undefined;
  const attendance = await db
    .selectFrom('codesign_meeting_attendance as a')
    .leftJoin('district as d', (j) =>
      j
        .onRef('d.network_id', '=', 'a.network_id')
        .on('a.dimension', '=', 'district')
        .on(sql<boolean>`d.id::text = a.value`),
    )
    .select(['a.dimension', 'a.value', 'a.people', 'd.name as district_name'])
    .where('a.network_id', '=', networkId)
    .where('a.meeting_id', '=', m.id)
    .orderBy('a.dimension')
    .orderBy('a.value')
    .execute();
  const attendees = await db
    .selectFrom('codesign_meeting_attendee')
    .select(['participant_id', 'contribution_id'])
    .where('network_id', '=', networkId)
    .where('meeting_id', '=', m.id)
    .execute();
  return { ...m, attendance, attendees };
}

/** Tallies with their counts: of a tool, or counted at a meeting; oldest first. */
export async function listTallies(
  db: Executor,
  networkId: string,
  where: { toolId: string } | { meetingId: string },
) {
  const rows = await db
    .selectFrom('codesign_tally as t')
    .innerJoin('codesign_tool as tool', (j) =>
      j.onRef('tool.network_id', '=', 't.network_id').onRef('tool.id', '=', 't.tool_id'),
    )
    .leftJoin('account as e', (j) =>
      j.onRef('e.network_id', '=', 't.network_id').onRef('e.id', '=', 't.entered_by'),
    )
    .selectAll('t')
    .select(['tool.title as tool_title', 'e.display_name as entered_by_name'])
    .where('t.network_id', '=', networkId)
    .$call((q) =>
      'toolId' in where
        ? q.where('t.tool_id', '=', where.toolId)
        : q.where('t.meeting_id', '=', where.meetingId),
    )
    .orderBy('t.entered_at')
    .orderBy('t.id')
    .limit(500)
    .execute();
  const counts =
    rows.length === 0
      ? []
      : await db
          .selectFrom('codesign_tally_count')
          .selectAll()
          .where('network_id', '=', networkId)
          .where(
            'tally_id',
            'in',
            rows.map((r) => r.id),
          )
          .orderBy('tally_id')
          .orderBy('position')
          .execute();
  return rows.map((r) => ({ ...r, counts: counts.filter((c) => c.tally_id === r.id) }));
}

export type TallyRow = Awaited<ReturnType<typeof listTallies>>[number];
