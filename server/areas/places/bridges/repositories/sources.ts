import { sql } from 'kysely';
import type { Executor } from '../../../../db/tx.ts';
import { nodeKey } from '../distance.ts';
import { categoryThemes, kindThemes, type Need, type Offer, weigh } from '../match.ts';

/**
 * What the parties have and seek, read-only, from other areas' public records (Teilen's catalogue and
 * Tauschring, Mitmachen's opportunities, the communities). The areas export no list of these, so the
 * SQL is here; it reads only what those areas show to everyone signed in, by their own rules:
 *
 * - an organisation's resources while active (Teilen's catalogue is public);
 * - an organisation's open, unexpired offers and wants on the Tauschring (shown to everyone signed in;
 *   only organisations' posts, never a private person's, and never who wrote one);
 * - published opportunities, for each organisation that runs them (lead or accepted partner);
 * - communities that are not archived, by what they say about themselves.
 *
 * Nothing a moderator hid is read. Support circles and their needs are never read: they are private.
 * How busy a resource is ("idle": no booking in the last 90 days and none in the next 30) is read here
 * too, but only ever shown to the owner's side and the network's coordinator (see the route's presenter),
 * as Teilen shows utilisation only to them.
 */

export const idleDays = { back: 90, ahead: 30 };
const idleKinds = new Set(['room', 'equipment', 'vehicle']);

const notHidden = (type: string, column: string) =>
  sql<boolean>`NOT EXISTS (SELECT 1 FROM hidden_content h
    WHERE h.network_id = ${sql.ref(column.replace(/\.id$/, '.network_id'))}
      AND h.entity_type = ${type} AND h.entity_id = ${sql.ref(column)})`;

/** Organisations' resources and Tauschring offers. */
export async function offers(db: Executor, networkId: string, now: Date): Promise<Offer[]> {
  const window = sql`tstzrange(${new Date(now.getTime() - idleDays.back * 86_400_000)}::timestamptz,
    ${new Date(now.getTime() + idleDays.ahead * 86_400_000)}::timestamptz, '[)')`;
  const [resources, posts] = await Promise.all([
    db
      .selectFrom('resource as r')
      .select([
        'r.id',
        'r.organisation_id',
        'r.kind',
        'r.title',
        'r.description',
        sql<boolean>`NOT EXISTS (SELECT 1 FROM booking b
          WHERE b.network_id = r.network_id AND b.resource_id = r.id
            AND b.status IN ('requested', 'approved', 'handed_over', 'returned') AND b.period && ${window})`.as(
          'idle',
        ),
      ])
      .where('r.network_id', '=', networkId)
      .where('r.active', '=', true)
      .where('r.owner_type', '=', 'organisation')
      .where('r.organisation_id', 'is not', null)
      .where(notHidden('resource', 'r.id'))
      .execute(),
    postsOf(db, networkId, 'offer', now),
  ]);
  return [
    ...resources.map((r) => ({
      party: nodeKey('organisation', r.organisation_id!),
      type: 'resource' as const,
      id: r.id,
      title: r.title,
      themes: weigh({
        strong: [r.title],
        weak: [r.description],
        kinds: kindThemes[r.kind] ? [kindThemes[r.kind]!] : [],
      }),
      // only what can stand unused counts as idle: a room, a thing to lend, a vehicle
      idle: r.idle && idleKinds.has(r.kind),
    })),
    ...posts.map((p) => ({
      party: nodeKey('organisation', p.organisation_id!),
      type: 'exchange_offer' as const,
      id: p.id,
      title: p.title,
      themes: weigh({
        strong: [p.title],
        weak: [p.description],
        kinds: categoryThemes[p.category] ? [categoryThemes[p.category]!] : [],
      }),
      idle: false,
    })),
  ];
}

function postsOf(db: Executor, networkId: string, kind: 'offer' | 'want', now: Date) {
  return db
    .selectFrom('exchange_post as e')
    .select(['e.id', 'e.organisation_id', 'e.category', 'e.title', 'e.description'])
    .where('e.network_id', '=', networkId)
    .where('e.kind', '=', kind)
    .where('e.organisation_id', 'is not', null)
    .where('e.status', '=', 'open')
    .where('e.expires_at', '>', now)
    .where(notHidden('exchange_post', 'e.id'))
    .execute();
}

/** Organisations' Tauschring wants, the opportunities they run, and what communities are about. */
export async function needs(db: Executor, networkId: string, now: Date): Promise<Need[]> {
  const [wants, opportunities, communities] = await Promise.all([
    postsOf(db, networkId, 'want', now),
    db
      .selectFrom('opportunity as o')
      .innerJoin('opportunity_organisation as oo', (j) =>
        j.onRef('oo.network_id', '=', 'o.network_id').onRef('oo.opportunity_id', '=', 'o.id'),
      )
      .select(['o.id', 'oo.organisation_id', 'o.title', 'o.description', 'o.skills'])
      .where('o.network_id', '=', networkId)
      .where('o.status', '=', 'published')
      .where('oo.status', '=', 'accepted')
      .where(notHidden('opportunity', 'o.id'))
      .execute(),
    db
      .selectFrom('community')
      .select(['id', 'name', 'summary', 'description', 'space'])
      .where('network_id', '=', networkId)
      .where('archived_at', 'is', null)
      .execute(),
  ]);
  return [
    ...wants.map((w) => ({
      party: nodeKey('organisation', w.organisation_id!),
      type: 'exchange_want' as const,
      id: w.id,
      title: w.title,
      themes: weigh({
        strong: [w.title],
        weak: [w.description],
        kinds: categoryThemes[w.category] ? [categoryThemes[w.category]!] : [],
      }),
    })),
    ...opportunities.map((o) => ({
      party: nodeKey('organisation', o.organisation_id),
      type: 'opportunity' as const,
      id: o.id,
      title: o.title,
      themes: weigh({ strong: [o.title, ...o.skills], weak: [o.description] }),
    })),
    ...communities.map((c) => {
      const themes = weigh({ strong: [], weak: [c.name, c.summary, c.description] });
      // a community that meets somewhere looks for a place to meet, unless its own words say more
      if (c.space !== 'online' && !themes.has('space')) themes.set('space', 1);
      return {
        party: nodeKey('community', c.id),
        type: 'community' as const,
        id: c.id,
        title: c.name,
        themes,
      };
    }),
  ];
}
