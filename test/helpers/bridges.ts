import type { BridgeStatus, BridgeTheme } from '../../server/db/schema.ts';
import type { TestApp } from './app.ts';

let n = 0;

/**
 * A bridge suggestion straight in the database, for the tests that need one to exist (the access
 * matrix, the fuzzing, the concurrency tests): between an organisation and another organisation or a
 * community, with a plain reason, in the state asked for (`introduced`: by the coordinator, its
 * follow-up due and asked). How suggestions are made is tested with the generation itself; this only
 * sets the stage.
 */
export async function makeSuggestion(
  t: Pick<TestApp, 'db' | 'networkId'>,
  o: {
    organisationId: string;
    other: { type: 'organisation' | 'community'; id: string };
    status?: Extract<BridgeStatus, 'open' | 'introduced'>;
    theme?: BridgeTheme;
    offerTitle?: string;
    needTitle?: string;
  },
) {
  const [a, b] =
    o.other.type === 'organisation' && o.other.id < o.organisationId
      ? [o.other.id, o.organisationId]
      : [o.organisationId, o.other.id];
  const now = new Date();
  const introduced = o.status === 'introduced';
  const row = await t.db
    .insertInto('bridge_suggestion')
    .values({
      network_id: t.networkId,
      organisation_id: a,
      other_organisation_id: o.other.type === 'organisation' ? b : null,
      other_community_id: o.other.type === 'community' ? b : null,
      theme: o.theme ?? 'space',
      giver: 'a',
      offer_type: 'resource',
      offer_id: crypto.randomUUID(),
      offer_title: o.offerTitle ?? `Saal ${++n}`,
      offer_idle: true,
      need_type: 'exchange_want',
      need_id: crypto.randomUUID(),
      need_title: o.needTitle ?? 'Raum für unser Treffen gesucht',
      different_sector: true,
      different_district: false,
      steps: null,
      score: 4,
      ...(introduced
        ? {
            status: 'introduced' as const,
            introduced_at: new Date(now.getTime() - 40 * 86_400_000),
            introduced_via: 'coordinator' as const,
            follow_up_due_at: new Date(now.getTime() - 10 * 86_400_000),
            followed_up_at: new Date(now.getTime() - 10 * 86_400_000),
            follow_up_asked_at: new Date(now.getTime() - 10 * 86_400_000),
          }
        : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A community straight in the database, kept by `owner` (and with `members`, all active). */
export async function makeCommunity(
  t: Pick<TestApp, 'db' | 'networkId'>,
  o: {
    owner: string;
    members?: string[];
    name?: string;
    districtId?: string | null;
    space?: 'local' | 'online';
  },
) {
  const name = o.name ?? `Gemeinschaft ${++n}`;
  const row = await t.db
    .insertInto('community')
    .values({
      network_id: t.networkId,
      slug: `gemeinschaft-${Date.now().toString(36)}-${++n}`,
      name,
      space: o.space ?? 'local',
      district_id: o.districtId ?? null,
      created_by: o.owner,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const now = new Date();
  await t.db
    .insertInto('community_member')
    .values([
      {
        network_id: t.networkId,
        community_id: row.id,
        account_id: o.owner,
        role: 'owner',
        status: 'active',
        joined_at: now,
      },
      ...(o.members ?? []).map((m) => ({
        network_id: t.networkId,
        community_id: row.id,
        account_id: m,
        role: 'member' as const,
        status: 'active' as const,
        joined_at: now,
      })),
    ])
    .execute();
  return row.id;
}
