import { sql } from 'kysely';
import type { CodesignDimension } from '../../../db/schema.ts';
import type { Executor } from '../../../db/tx.ts';
import { protectCell } from '../../../platform/smallCells.ts';

/**
 * "Who is affected vs who took part": per kind of group (district, age band, stake, language), the
 * groups the project named as affected beside the people who took part — a person took part when
 * they made at least one contribution (online, or entered for them with their consent) — counted by
 * the groups they declared, never stored.
 *
 * The small-cell rule holds in every cell: a group that 1 to 4 people stand behind shows neither its
 * count nor its share, only that it is small — and then always with the warning "few", whatever the
 * expected share, because a warning that came and went with the count would give the count away.
 * Where the total is shown and only one group of a kind is hidden, the smallest shown group of that
 * kind is hidden too: otherwise the total minus the shown ones would be the hidden count.
 * Otherwise an affected group with nobody is `missing`, and one below a third of the share the
 * project expects of it is `under_third`.
 */
export type ReachWarning = 'missing' | 'few' | 'under_third';

export interface ReachRow {
  /** the group; null: people who did not say */
  value: string | null;
  /** a district's name; other groups are worded by the client */
  label: string | null;
  affected: boolean;
  expectedShare: number | null;
  tookPart: number | null;
  /** of all who took part, 0–1 */
  share: number | null;
  suppressed: boolean;
  warning: ReachWarning | null;
}

export interface Reach {
  tookPart: number | null;
  suppressed: boolean;
  dimensions: { dimension: CodesignDimension; rows: ReachRow[] }[];
}

const dimensions: readonly CodesignDimension[] = ['stake', 'age_band', 'district', 'language'];

export async function reachOf(db: Executor, networkId: string, projectId: string): Promise<Reach> {
  const counted = await sql<{ dimension: CodesignDimension | 'total'; value: string | null; n: string }>`
    WITH took AS (
      SELECT p.district_id::text AS district, p.age_band, p.stake, p.language
      FROM codesign_participant p
      WHERE p.network_id = ${networkId} AND p.project_id = ${projectId}
        AND EXISTS (SELECT 1 FROM codesign_contribution c
                    WHERE c.network_id = p.network_id AND c.participant_id = p.id)
    )
    SELECT 'total' AS dimension, NULL AS value, count(*) AS n FROM took
    UNION ALL SELECT 'district', district, count(*) FROM took GROUP BY district
    UNION ALL SELECT 'age_band', age_band, count(*) FROM took GROUP BY age_band
    UNION ALL SELECT 'stake', stake, count(*) FROM took GROUP BY stake
    UNION ALL SELECT 'language', language, count(*) FROM took GROUP BY language
  `.execute(db);
  const affected = await db
    .selectFrom('codesign_affected_group')
    .select(['dimension', 'value', 'expected_share'])
    .where('network_id', '=', networkId)
    .where('project_id', '=', projectId)
    .execute();
  const districts = new Map(
    (
      await db.selectFrom('district').select(['id', 'name']).where('network_id', '=', networkId).execute()
    ).map((d) => [d.id, d.name]),
  );

  const total = Number(counted.rows.find((r) => r.dimension === 'total')?.n ?? 0);
  const totalCell = protectCell(total, { tookPart: total });
  return {
    tookPart: totalCell.tookPart,
    suppressed: totalCell.suppressed,
    dimensions: dimensions.map((dimension) => {
      const present = new Map(
        counted.rows.filter((r) => r.dimension === dimension).map((r) => [r.value, Number(r.n)]),
      );
      const named = affected.filter((a) => a.dimension === dimension);
      const values = [
        ...named.map((a) => a.value),
        ...[...present.keys()].filter((v): v is string => v !== null && !named.some((a) => a.value === v)),
      ];
      const rows: ReachRow[] = values.map((value) => {
        const a = named.find((x) => x.value === value);
        return row(value, a !== undefined, a?.expected_share == null ? null : Number(a.expected_share));
      });
      if (present.has(null)) rows.push(row(null, false, null));
      return { dimension, rows: withSecondarySuppression(rows) };

      function row(value: string | null, isAffected: boolean, expectedShare: number | null): ReachRow {
        const n = present.get(value) ?? 0;
        const cell = protectCell(n, { tookPart: n, share: total > 0 ? n / total : 0 });
        let warning: ReachWarning | null = null;
        if (isAffected) {
          if (cell.suppressed) warning = 'few';
          else if (n === 0) warning = 'missing';
          else if (expectedShare !== null && total > 0 && n / total < expectedShare / 3)
            warning = 'under_third';
        }
        return {
          value,
          label: dimension === 'district' && value ? (districts.get(value) ?? null) : null,
          affected: isAffected,
          expectedShare,
          tookPart: cell.tookPart,
          share: cell.share,
          suppressed: cell.suppressed,
          warning,
        };
      }
    }),
  };
}

/** One hidden cell beside a shown total is found by subtraction: hide the next smallest with it. */
function withSecondarySuppression(rows: ReachRow[]): ReachRow[] {
  if (rows.filter((r) => r.suppressed).length !== 1) return rows;
  const shown = rows.filter((r) => !r.suppressed && (r.tookPart ?? 0) > 0);
  const smallest = shown.sort((a, b) => (a.tookPart ?? 0) - (b.tookPart ?? 0))[0];
  return rows.map((r) =>
    r === smallest
      ? { ...r, tookPart: null, share: null, suppressed: true, warning: r.affected ? ('few' as const) : null }
      : r,
  );
}
