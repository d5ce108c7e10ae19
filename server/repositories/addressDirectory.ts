import { type Expression, type SqlBool, sql } from 'kysely';
import { containsPattern } from '../db/like.ts';
import type { Executor } from '../db/tx.ts';

/**
 * The town's own directory of places, searched when the geocoder is off, unreachable or busy, and
 * beside its answers: the districts by name, and the public addresses the network already knows —
 * organisations' and the resources organisations offer at an exact place. A private person's
 * address is never in it.
 */

export interface DirectoryPlace {
  label: string;
  street: string;
  postcode: string;
  town: string;
  lat: number;
  lng: number;
  districtId: string | null;
  source: 'district' | 'organisation';
}

/** "Kirchplatz 4, 34560 Lindenbrück" → its parts; anything else is all street. */
export function splitAddress(address: string): { street: string; postcode: string; town: string } {
  const m = address
    .replace(/\s*\n\s*/g, ', ')
    .trim()
    .match(/^(.*?),?\s*(\d{4,5})\s+([^,]+?)\s*$/);
  if (!m) return { street: address.trim(), postcode: '', town: '' };
  return { street: (m[1] ?? '').replace(/,\s*$/, ''), postcode: m[2] ?? '', town: m[3] ?? '' };
}

/** Lower case, ß as ss, the words of at least two letters (at most six). */
export function searchWords(q: string): string[] {
  return q
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .split(/[\s,;]+/)
    .filter((w) => w.length >= 2)
    .slice(0, 6);
}

/** Every word somewhere in the text (case- and ß/ss-blind). */
function allWords(text: Expression<string>, words: string[]) {
  const folded = sql<string>`replace(lower(${text}), 'ß', 'ss')`;
  return sql<SqlBool>`${sql.join(
    words.map((w) => sql`${folded} LIKE ${containsPattern(w)}`),
    sql` AND `,
  )}`;
}

export async function searchDirectory(
  db: Executor,
  networkId: string,
  q: string,
  limit = 8,
): Promise<DirectoryPlace[]> {
  const words = searchWords(q);
  if (words.length === 0) return [];
  const [districts, organisations, resources] = await Promise.all([
    db
      .selectFrom('district')
      .select(['id', 'name', 'center_lat', 'center_lng'])
      .where('network_id', '=', networkId)
      .where('center_lat', 'is not', null)
      .where('center_lng', 'is not', null)
      .where(allWords(sql.ref('name'), words))
      .orderBy('name')
      .limit(limit)
      .execute(),
    db
      .selectFrom('organisation')
      .select(['name', 'address', 'lat', 'lng', 'district_id'])
      .where('network_id', '=', networkId)
      .where('lat', 'is not', null)
      .where('lng', 'is not', null)
      .where(allWords(sql`name || ' ' || coalesce(address, '')`, words))
      .orderBy('name')
      .limit(limit)
      .execute(),
    db
      .selectFrom('resource')
      .select(['title', 'address', 'lat', 'lng', 'district_id'])
      .where('network_id', '=', networkId)
      .where('owner_type', '=', 'organisation')
      .where('approximate', '=', false)
      .where('active', '=', true)
      .where('address', '<>', '')
      .where('lat', 'is not', null)
      .where('lng', 'is not', null)
      .where(allWords(sql`title || ' ' || address`, words))
      .orderBy('title')
      .limit(limit)
      .execute(),
  ]);
  const out: DirectoryPlace[] = [
    ...districts.map((d) => ({
      label: d.name,
      street: '',
      postcode: '',
      town: '',
      lat: d.center_lat!,
      lng: d.center_lng!,
      districtId: d.id,
      source: 'district' as const,
    })),
    ...[
      ...organisations.map((o) => ({ ...o, title: o.name })),
      ...resources.map((r) => ({ ...r, name: r.title })),
    ].map((o) => {
      const parts = splitAddress(o.address ?? '');
      return {
        label: [o.title, o.address?.replace(/\s*\n\s*/g, ', ')].filter(Boolean).join(', '),
        ...parts,
        lat: o.lat!,
        lng: o.lng!,
        districtId: o.district_id,
        source: 'organisation' as const,
      };
    }),
  ];
  return out.slice(0, limit);
}
