import type { Executor } from '../../db/tx.ts';
import type { CalendarEntry, CalendarQuery, CalendarSource, PersonalQuery } from '../../platform/calendar.ts';
import { webPaths } from '../../platform/webPaths.ts';
import { opportunityPolicy } from './policies/opportunity.ts';

/**
 * Mitmachen in the one calendar (platform/calendar.ts): the shifts of published opportunities — an
 * event or project's dates appear as events, every other level's as shifts. Published opportunities
 * are public (opportunityPolicy.view: anyone, anonymous visitors too), so the reader changes nothing
 * here; drafts and closed opportunities never show. Volunteering costs nothing (free), an online or
 * hybrid opportunity can be joined online, and whether a place is step-free is free text in Mitmachen
 * (`accessibility`), so it is not claimed either way (null) — the step-free filter leaves shifts out.
 * Mitmachen knows no communities: a community's calendar shows none of its entries.
 */
function base(db: Executor, networkId: string) {
  return db
    .selectFrom('shift as s')
    .innerJoin('opportunity as op', (j) =>
      j.onRef('op.network_id', '=', 's.network_id').onRef('op.id', '=', 's.opportunity_id'),
    )
    .leftJoin('opportunity_organisation as lead', (j) =>
      j
        .onRef('lead.network_id', '=', 'op.network_id')
        .onRef('lead.opportunity_id', '=', 'op.id')
        .on('lead.is_lead', '=', true),
    )
    .leftJoin('organisation as o', (j) =>
      j.onRef('o.network_id', '=', 'lead.network_id').onRef('o.id', '=', 'lead.organisation_id'),
    )
    .leftJoin('district as d', (j) =>
      j.onRef('d.network_id', '=', 'op.network_id').onRef('d.id', '=', 'op.district_id'),
    )
    .select([
      's.id',
      's.starts_at',
      's.ends_at',
      's.capacity',
      's.signed_up',
      'op.id as opportunity_id',
      'op.title',
      'op.level',
      'op.mode',
      'op.place',
      'op.status',
      'op.district_id',
      'd.name as district_name',
      'o.id as organisation_id',
      'o.name as organisation_name',
    ])
    .where('s.network_id', '=', networkId);
}

type Row = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];

function entry(r: Row): CalendarEntry {
  return {
    key: `participation.shift:${r.id}`,
    area: 'participation',
    kind: r.level === 'event_project' ? 'event' : 'shift',
    id: r.id,
    title: r.title,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    allDay: false,
    host: r.organisation_id
      ? { type: 'organisation', id: r.organisation_id, name: r.organisation_name ?? '' }
      : null,
    districtId: r.district_id,
    districtName: r.district_name,
    place: r.mode === 'online' ? '' : r.place,
    online: r.mode !== 'on_site',
    accessible: null,
    free: true,
    price: '',
    cancelled: false,
    capacity: r.capacity,
    freePlaces: Math.max(0, r.capacity - r.signed_up),
    registration: true,
    link: webPaths.opportunity(r.opportunity_id),
  };
}

/**
 * The coming shifts of one opportunity (its own calendar feed), earliest first: a published
 * opportunity's only — the caller has checked that anyone may see it, and this asks again.
 */
export async function opportunityShiftEntries(
  db: Executor,
  networkId: string,
  opportunityId: string,
  q: { from: Date; limit: number },
): Promise<CalendarEntry[]> {
  const rows = await base(db, networkId)
    .where('op.id', '=', opportunityId)
    .where('op.status', '=', 'published')
    .where('s.ends_at', '>', q.from)
    .orderBy('s.starts_at')
    .orderBy('s.id')
    .limit(q.limit)
    .execute();
  return rows.map(entry);
}

export const participationCalendar: CalendarSource = {
  async entries(db, actor, q: CalendarQuery) {
    if (q.communityId || q.accessible) return [];
    let query = base(db, q.networkId)
      .where('op.status', '=', 'published')
      .where('s.starts_at', '<', q.to)
      .where('s.ends_at', '>', q.from);
    if (q.districtId) query = query.where('op.district_id', '=', q.districtId);
    if (q.online) query = query.where('op.mode', '<>', 'on_site');
    const rows = await query.orderBy('s.starts_at').orderBy('s.id').limit(q.limit).execute();
    // published is public; the policy is asked anyway, so a change of the rule reaches the calendar
    return rows
      .filter((r) => opportunityPolicy.view(actor, { status: r.status, organisationIds: [] }))
      .map(entry);
  },

  /** The shifts the person has a place on or waits for (not those they withdrew from). */
  async mine(db, q: PersonalQuery) {
    const rows = await base(db, q.networkId)
      .innerJoin('shift_signup as su', (j) =>
        j.onRef('su.network_id', '=', 's.network_id').onRef('su.shift_id', '=', 's.id'),
      )
      .select('su.status as signup_status')
      .where('su.account_id', '=', q.accountId)
      .where('su.status', 'in', ['signed_up', 'waitlisted', 'checked_in'])
      .where('op.status', '<>', 'draft')
      .where('s.starts_at', '<', q.to)
      .where('s.ends_at', '>', q.from)
      .orderBy('s.starts_at')
      .orderBy('s.id')
      .limit(q.limit)
      .execute();
    return rows.map((r) => ({
      ...entry(r),
      myStatus: r.signup_status === 'waitlisted' ? ('waitlisted' as const) : ('registered' as const),
    }));
  },
};
