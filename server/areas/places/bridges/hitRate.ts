import type { Executor } from '../../../db/tx.ts';
import { localParts } from '../../../platform/localTime.ts';
import { minPeoplePerCell, protectCell } from '../../../platform/smallCells.ts';
import { introductionsSince } from './repositories/suggestions.ts';

/**
 * The suggestions' hit rate, month by month: of the introductions made in a month, how many led to an
 * interaction of the two (found in the record, or "yes, we met"). Each month is a cell resting on the
 * people behind it — who said yes, who introduced, who answered the follow-up, the people of the
 * interaction that counted — and shows nothing when they are fewer than five (smallCells). The total
 * is hidden too when it would give a hidden month away: when the people of the hidden months together
 * are fewer than five (the total minus the shown months is exactly their sum).
 */

type Figures = { introduced: number; hits: number; waiting: number };

const monthOf = (d: Date) => {
  const p = localParts(d);
  return `${p.year}-${String(p.month).padStart(2, '0')}`;
};

/**
 * The local months from `back` months before `now`'s to `now`'s, oldest first, and an instant safely
 * before the first of them (a day early; each row is then put into its local month, or none).
 */
function monthsBack(now: Date, back: number): { from: Date; months: string[] } {
  const p = localParts(now);
  const months: string[] = [];
  for (let i = back; i >= 0; i--) {
    const d = new Date(Date.UTC(p.year, p.month - 1 - i, 1));
    months.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  const first = new Date(Date.UTC(p.year, p.month - 1 - back, 1));
  return { from: new Date(first.getTime() - 86_400_000), months };
}

function cell(people: Set<string>, f: Figures) {
  const protectedCell = protectCell(people.size, f);
  return {
    ...protectedCell,
    rate: protectedCell.suppressed || f.introduced === 0 ? null : f.hits / f.introduced,
  };
}

export async function hitRateByMonth(db: Executor, networkId: string, now = new Date(), count = 12) {
  const { from, months } = monthsBack(now, count - 1);
  const rows = await introductionsSince(db, networkId, from);
  const byMonth = new Map(
    months.map((m) => [m, { f: { introduced: 0, hits: 0, waiting: 0 }, people: new Set<string>() }]),
  );
  const all = { f: { introduced: 0, hits: 0, waiting: 0 }, people: new Set<string>() };
  for (const r of rows) {
    const m = byMonth.get(monthOf(r.introduced_at!));
    if (!m) continue;
    const hit = r.outcome === 'interaction' || r.outcome === 'met';
    const waiting = r.outcome === null;
    for (const c of [m, all]) {
      c.f.introduced++;
      if (hit) c.f.hits++;
      if (waiting) c.f.waiting++;
      for (const p of [
        r.a_accepted_by,
        r.b_accepted_by,
        r.introduced_by,
        r.a_met_by,
        r.b_met_by,
        r.person_a,
        r.person_b,
      ])
        if (p) c.people.add(p);
    }
  }
  const cells = months.map((month) => ({
    month,
    ...cell(byMonth.get(month)!.people, byMonth.get(month)!.f),
  }));
  const hiddenPeople = new Set<string>();
  for (const month of months) {
    const m = byMonth.get(month)!;
    if (m.people.size > 0 && m.people.size < minPeoplePerCell) for (const p of m.people) hiddenPeople.add(p);
  }
  const total = cell(all.people, all.f);
  const givesAway = hiddenPeople.size > 0 && hiddenPeople.size < minPeoplePerCell;
  return {
    months: cells,
    total: givesAway ? { introduced: null, hits: null, waiting: null, rate: null, suppressed: true } : total,
    minPeople: minPeoplePerCell,
  };
}
