import { sql } from 'kysely';
import type { CalendarEntry, CalendarSource } from '../../../platform/calendar.ts';
import { localDate, zonedTime } from '../../../platform/localTime.ts';
import { webPaths } from '../../../platform/webPaths.ts';

const twoHours = 2 * 3600_000;

/**
 * Mitgestalten in the one calendar (platform/calendar.ts): the meetings of public projects — a meeting
 * tool whose record gives the day it was held (a whole day, the record has no hour), or, before that,
 * whose opening time says when it takes place (two hours unless its closing says otherwise). A meeting
 * with neither has no date and is not shown. Only projects everyone may see (projectPolicy.view:
 * public and not a draft); a members-only project's meetings stay inside the project. Meetings are
 * in person and cost nothing; whether the room is step-free is not recorded (null), so the step-free
 * and online filters leave them out, and they belong to no community.
 */
export const codesignMeetingsCalendar: CalendarSource = {
  async entries(db, _actor, q) {
    if (q.communityId || q.accessible || q.online) return [];
    let query = db
      .selectFrom('codesign_tool as t')
      .innerJoin('codesign_project as p', (j) =>
        j.onRef('p.network_id', '=', 't.network_id').onRef('p.id', '=', 't.project_id'),
      )
      .leftJoin('codesign_meeting as m', (j) =>
        j.onRef('m.network_id', '=', 't.network_id').onRef('m.tool_id', '=', 't.id'),
      )
      .leftJoin('district as d', (j) =>
        j.onRef('d.network_id', '=', 'p.network_id').onRef('d.id', '=', 'p.district_id'),
      )
      .select([
        't.id',
        't.title',
        't.opens_at',
        't.closes_at',
        'p.id as project_id',
        'p.title as project_title',
        'p.district_id',
        'd.name as district_name',
        'm.held_on',
        'm.place',
      ])
      .where('t.network_id', '=', q.networkId)
      .where('t.kind', '=', 'meeting')
      .where('p.visibility', '=', 'public')
      .where('p.status', '<>', 'draft')
      .where((eb) =>
        eb.or([
          eb.and([
            eb('m.held_on', '>=', sql<string>`${localDate(q.from)}::date - 1`),
            eb('m.held_on', '<=', sql<string>`${localDate(q.to)}::date`),
          ]),
          eb.and([
            eb('m.id', 'is', null),
            eb('t.opens_at', '<', q.to),
            eb(sql`coalesce(t.closes_at, t.opens_at + interval '2 hours')`, '>', q.from),
          ]),
        ]),
      );
    if (q.districtId) query = query.where('p.district_id', '=', q.districtId);
    const rows = await query
      .orderBy(sql`coalesce(m.held_on::timestamp, t.opens_at)`)
      .orderBy('t.id')
      .limit(q.limit)
      .execute();
    const out: CalendarEntry[] = [];
    for (const r of rows) {
      let startsAt: Date;
      let endsAt: Date;
      let allDay = false;
      if (r.held_on) {
        const [y = 0, mo = 1, d = 1] = r.held_on.split('-').map(Number);
        startsAt = zonedTime(y, mo, d, 0);
        endsAt = zonedTime(y, mo, d + 1, 0);
        allDay = true;
      } else if (r.opens_at) {
        startsAt = r.opens_at;
        endsAt = r.closes_at ?? new Date(r.opens_at.getTime() + twoHours);
      } else continue;
      if (endsAt <= q.from || startsAt >= q.to) continue;
      out.push({
        key: `codesign.meeting:${r.id}`,
        area: 'codesign',
        kind: 'meeting',
        id: r.id,
        title: r.title,
        startsAt,
        endsAt,
        allDay,
        host: { type: 'project', id: r.project_id, name: r.project_title },
        districtId: r.district_id,
        districtName: r.district_name,
        place: r.place ?? '',
        online: false,
        accessible: null,
        free: true,
        price: '',
        cancelled: false,
        capacity: null,
        freePlaces: null,
        registration: false,
        link: webPaths.codesignTool(r.project_id, r.id),
      });
    }
    return out.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()).slice(0, q.limit);
  },
};
