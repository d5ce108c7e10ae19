import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { listCirclesOf, listConsents, listMembers } from '../../server/areas/support/repositories/circles.ts';
import { currentMap, listSnapshots } from '../../server/areas/support/repositories/circles-map.ts';
import { listNeeds } from '../../server/areas/support/repositories/circles-needs.ts';
import { listUpdates } from '../../server/areas/support/repositories/circles-updates.ts';
import { findAccountOf, ledgerHealth } from '../../server/areas/timebank/repositories/timebank.ts';
import { ladderLevels, opportunityModes, resourceKinds, sectors } from '../../server/db/schema.ts';
import { localParts } from '../../server/platform/localTime.ts';
import { ensureNetwork } from '../../server/platform/network.ts';
import { search } from '../../server/platform/search.ts';
import { demoLogins, seedDemoTown } from '../../server/seed/demo.ts';
import { freshDatabase } from '../helpers/app.ts';

type Ring = [number, number][];

/** Ray casting: is [lng, lat] inside the ring? */
function inside([x, y]: [number, number], ring: Ring): boolean {
  let hit = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

describe('demo town Lindenbrück', () => {
  let d: Awaited<ReturnType<typeof freshDatabase>>;
  let networkId: string;
  before(async () => {
    d = await freshDatabase();
    const { network } = await ensureNetwork(d.db, { slug: 'lindenbrueck', name: 'Lindenbrück vernetzt' });
    networkId = network.id;
    await seedDemoTown(d.db, networkId);
  });
  after(() => d.close());

  test('has at least 10 organisations in at least 6 sectors, including a business and a public body', async () => {
    const orgs = await d.db
      .selectFrom('organisation')
      .selectAll()
      .where('network_id', '=', networkId)
      .execute();
    assert.ok(orgs.length >= 10, `${orgs.length} organisations`);
    const used = new Set(orgs.map((o) => o.sector));
    assert.ok(used.size >= 6, `sectors: ${[...used].join(', ')}`);
    for (const s of used) assert.ok((sectors as readonly string[]).includes(s));
    assert.ok(orgs.some((o) => o.sector === 'business'));
    assert.ok(orgs.some((o) => o.kind === 'public_body' && o.sector === 'public'));
    for (const o of orgs) {
      assert.ok(o.description.length > 40, `${o.name} has a description`);
      assert.ok(o.address, `${o.name} has an address`);
    }
  });

  test('has at least 50 people, profiles filled in, and every membership role', async () => {
    const people = await d.db
      .selectFrom('account as a')
      .innerJoin('profile as p', (j) => j.onRef('p.account_id', '=', 'a.id'))
      .select(['a.display_name', 'a.is_instance_admin', 'p.skills', 'p.languages', 'p.district_ids'])
      .where('a.network_id', '=', networkId)
      .execute();
    assert.ok(people.length >= 50, `${people.length} people`);
    assert.ok(people.every((p) => p.languages.length > 0 && p.district_ids.length > 0));
    assert.ok(people.some((p) => p.display_name === 'Miriam Koch' && p.is_instance_admin));
    const roles = await d.db
      .selectFrom('membership')
      .select('role')
      .distinct()
      .where('network_id', '=', networkId)
      .execute();
    assert.deepEqual(roles.map((r) => r.role).sort(), ['admin', 'staff', 'volunteer']);
    const petra = await d.db
      .selectFrom('membership as m')
      .innerJoin('account as a', 'a.id', 'm.account_id')
      .innerJoin('organisation as o', 'o.id', 'm.organisation_id')
      .select(['m.role', 'o.name'])
      .where('a.display_name', '=', 'Petra Lange')
      .executeTakeFirstOrThrow();
    assert.deepEqual(petra, { role: 'admin', name: 'Nachbarschaftszentrum Lindenhof' });
  });

  test('districts have closed GeoJSON polygons around their centre, and organisations lie in their district', async () => {
    const districts = await d.db
      .selectFrom('district')
      .selectAll()
      .where('network_id', '=', networkId)
      .execute();
    assert.ok(districts.length >= 5);
    const rings = new Map<string, Ring>();
    for (const dist of districts) {
      const geo = (typeof dist.boundary === 'string' ? JSON.parse(dist.boundary) : dist.boundary) as {
        type: string;
        coordinates: Ring[];
      };
      assert.equal(geo.type, 'Polygon');
      const ring = geo.coordinates[0]!;
      assert.ok(ring.length >= 4, `${dist.name} has at least 3 corners`);
      assert.deepEqual(ring[0], ring.at(-1), `${dist.name} ring is closed`);
      assert.ok(inside([dist.center_lng!, dist.center_lat!], ring), `${dist.name} centre is inside`);
      rings.set(dist.id, ring);
    }
    const orgs = await d.db
      .selectFrom('organisation')
      .selectAll()
      .where('network_id', '=', networkId)
      .execute();
    for (const o of orgs) {
      assert.ok(o.district_id && o.lat && o.lng, `${o.name} is placed`);
      assert.ok(inside([o.lng, o.lat], rings.get(o.district_id)!), `${o.name} lies in its district`);
    }
    const network = await d.db
      .selectFrom('network')
      .select('settings')
      .where('id', '=', networkId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(network.settings, { mapCenter: [51.3, 9.48], mapZoom: 13 });
  });

  test('records interactions across areas and modes, and organisations are searchable', async () => {
    const rows = await d.db
      .selectFrom('interaction')
      .select(['area', 'mode', 'a_type', 'b_type'])
      .where('network_id', '=', networkId)
      .execute();
    assert.ok(rows.length >= 90, `${rows.length} interactions`);
    assert.equal(new Set(rows.map((r) => r.area)).size, 6);
    assert.deepEqual([...new Set(rows.map((r) => r.mode))].sort(), ['offline', 'online']);
    assert.ok(rows.some((r) => r.a_type === 'organisation' && r.b_type === 'organisation'));
    assert.ok(rows.some((r) => r.a_type === 'person' && r.b_type === 'person'));
    const hits = await search(d.db, networkId, 'Bäckerei', { limit: 5, offset: 0 });
    assert.equal(hits.hits[0]?.title, 'Bäckerei Yilmaz');
  });

  test('Teilen: resources of every kind, placed in their districts, private addresses approximate', async () => {
    const rows = await d.db
      .selectFrom('resource as r')
      .innerJoin('district as dist', 'dist.id', 'r.district_id')
      .select(['r.id', 'r.kind', 'r.title', 'r.lat', 'r.lng', 'r.public_lat', 'r.public_lng'])
      .select(['r.owner_type', 'r.approximate', 'dist.boundary'])
      .where('r.network_id', '=', networkId)
      .execute();
    assert.deepEqual([...new Set(rows.map((r) => r.kind))].sort(), [...resourceKinds].sort());
    for (const r of rows) {
      const geo = (typeof r.boundary === 'string' ? JSON.parse(r.boundary) : r.boundary) as {
        coordinates: Ring[];
      };
      assert.ok(r.lat !== null && r.lng !== null, `${r.title} has a location`);
      assert.ok(inside([r.lng, r.lat], geo.coordinates[0]!), `${r.title} lies in its district`);
    }
    for (const title of [
      'Kleinbus (9 Sitze)',
      'Saal im Nachbarschaftszentrum',
      'Besprechungsraum der Diakonie',
    ])
      assert.ok(
        rows.some((r) => r.title === title),
        title,
      );
    const mower = rows.find((r) => r.title.startsWith('Rasenmäher'));
    assert.ok(mower && mower.owner_type === 'person' && mower.approximate);
    assert.ok(
      mower.public_lat !== mower.lat || mower.public_lng !== mower.lng,
      'the public point is not the address',
    );
    const backRoom = rows.find((r) => r.title.startsWith('Hinterzimmer'))!;
    const rules = await d.db
      .selectFrom('resource_availability')
      .select(['weekday', 'start_time', 'end_time'])
      .where('resource_id', '=', backRoom.id)
      .execute();
    assert.deepEqual(
      rules.map((r) => [r.weekday, r.start_time.slice(0, 5), r.end_time.slice(0, 5)]),
      [[1, '18:00', '22:00']],
    );
    const hits = await search(d.db, networkId, 'Lastenrad', { limit: 5, offset: 0 });
    assert.ok(hits.hits.some((h) => h.link.startsWith('/teilen/ressourcen/')));
  });

  test('Teilen: bookings in several states, a weekly series, hand-over and return notes', async () => {
    const rows = await d.db
      .selectFrom('booking')
      .select(['status', 'series_id', 'handover_note', 'return_note'])
      .where('network_id', '=', networkId)
      .execute();
    const statuses = new Set(rows.map((r) => r.status));
    for (const s of ['requested', 'approved', 'returned'] as const) assert.ok(statuses.has(s), s);
    assert.ok(rows.filter((r) => r.series_id !== null).length >= 4, 'a weekly series');
    assert.ok(rows.some((r) => r.status === 'returned' && r.handover_note && r.return_note));
  });

  test('Teilen: the time bank balances to zero; Jonas earned at the Freiwilligenagentur and paid the workshop', async () => {
    const health = await ledgerHealth(d.db, networkId);
    assert.equal(health.balance_sum, 0);
    assert.equal(health.mismatched_accounts, 0);
    assert.equal(health.unbalanced_entries, 0);
    const jonasId = (
      await d.db
        .selectFrom('account')
        .select('id')
        .where('email', '=', 'jonas@example.org')
        .executeTakeFirstOrThrow()
    ).id;
    const jonas = await findAccountOf(d.db, networkId, { type: 'person', id: jonasId });
    assert.equal(jonas?.balance, 180 + 120 - 90 + 120);
    const transfers = await d.db
      .selectFrom('timebank_transfer')
      .select(['status'])
      .where('network_id', '=', networkId)
      .execute();
    assert.ok(transfers.filter((t) => t.status === 'completed').length >= 6);
    assert.ok(
      transfers.some((t) => t.status === 'requested'),
      'a request waits for its payer',
    );
    const posts = await d.db
      .selectFrom('exchange_post')
      .select(['kind', 'expires_at'])
      .where('network_id', '=', networkId)
      .execute();
    assert.ok(posts.some((p) => p.kind === 'offer') && posts.some((p) => p.kind === 'want'));
    assert.ok(posts.every((p) => new Date(p.expires_at).getTime() > Date.now()));
  });

  test("has two support circles: Herr K.'s, live, and a frozen one after consent was withdrawn", async () => {
    const idOf = async (email: string) =>
      (
        await d.db
          .selectFrom('account')
          .select('id')
          .where('network_id', '=', networkId)
          .where('email', '=', email)
          .executeTakeFirstOrThrow()
      ).id;
    const sabine = await idOf('sabine.k@example.org');
    const erwin = await idOf('erwin.roth@example.org');
    const aylin = await idOf('aylin.demir@caritas-lindenbrueck.example');
    const markus = await idOf('markus.wagner@caritas-lindenbrueck.example');
    const wolfgang = await idOf('wolfgang.baumann@example.org');
    const guel = await idOf('guel.sahin@example.org');

    const [k, ...others] = await listCirclesOf(d.db, networkId, sabine);
    assert.equal(others.length, 0);
    assert.ok(k);
    assert.equal(k.person_label, 'Herr K.');
    assert.equal(k.role, 'coordinator');
    assert.equal(k.consent_kind, 'granted');
    assert.ok(Number(k.unclaimed_this_week) >= 1, 'the Tuesday ride waits for someone');
    const members = await listMembers(d.db, networkId, k.id);
    const roles = new Map(members.map((m) => [m.display_name, m.role]));
    assert.equal(roles.get('Heinrich K.'), 'owner');
    assert.equal(roles.get('Sabine K.'), 'coordinator');
    assert.equal(roles.get('Erwin Roth'), 'helper');
    assert.equal(roles.get('Jonas Berger'), 'helper');
    assert.equal(roles.get('Aylin Demir'), 'professional');
    const [consent] = await listConsents(d.db, networkId, k.id);
    assert.equal(consent?.method, 'in_person');
    assert.ok(consent?.legal_basis, 'the organisation’s legal basis is recorded');

    const needs = await listNeeds(d.db, networkId, k.id, {
      from: new Date(),
      to: new Date(Date.now() + 8 * 86_400_000),
    });
    const ride = needs.find((n) => n.kind === 'ride');
    assert.ok(ride && ride.claimed_by === null, 'the ride to physiotherapy is unclaimed');
    assert.equal(needs.find((n) => n.kind === 'shopping')?.claimed_by, erwin);
    // done today: Erwin fetched a prescription; Sabine thanked him with 45 minutes from her time account
    const today = await listNeeds(d.db, networkId, k.id, {
      from: new Date(Date.now() - 86_400_000),
      to: new Date(),
    });
    const fetched = today.find((n) => n.title === 'Rezept aus der Apotheke holen');
    assert.ok(fetched?.done_at && fetched.claimed_by === erwin && fetched.thanks);
    assert.equal(fetched.credit_minutes, 45);
    const credit = await d.db
      .selectFrom('timebank_transfer')
      .select(['memo', 'status', 'source_type'])
      .where('id', '=', fetched.credit_transfer_id!)
      .executeTakeFirstOrThrow();
    assert.deepEqual(credit, { memo: '', status: 'completed', source_type: 'need' });
    assert.equal((await findAccountOf(d.db, networkId, { type: 'person', id: erwin }))?.balance, 45);
    assert.equal((await findAccountOf(d.db, networkId, { type: 'person', id: sabine }))?.balance, -45);
    const map = await currentMap(d.db, networkId, k.id);
    assert.equal(new Set(map.entries.map((e) => e.sector)).size, 4, 'someone in every sector');
    assert.equal(new Set(map.entries.map((e) => e.ring)).size, 3, 'someone in every ring');
    assert.ok(map.entries.length >= 10, `${map.entries.length} entries`);
    assert.ok(
      map.entries.some((e) => e.account_id === null && !e.show_label),
      'someone without an account who is shown by initials',
    );
    const qualities = new Set(map.ties.map((t) => t.quality));
    assert.ok(qualities.has('supportive') && qualities.has('ambivalent') && qualities.has('conflict'));
    const snapshots = await listSnapshots(d.db, networkId, k.id);
    assert.equal(snapshots.length, 2);
    const [first, latest] = snapshots;
    const days = (latest!.taken_at.getTime() - first!.taken_at.getTime()) / 86_400_000;
    assert.ok(days > 80 && days < 100, `three months between the snapshots (${days} days)`);
    const entriesOf = (data: unknown) =>
      ((typeof data === 'string' ? JSON.parse(data) : data) as { entries: { id: string }[] }).entries;
    const before = new Set(entriesOf(first!.data).map((e) => e.id));
    const after = new Set(entriesOf(latest!.data).map((e) => e.id));
    assert.ok(after.size > before.size, 'the network grew');
    assert.ok(
      [...before].some((id) => !after.has(id)),
      'and someone left it',
    );
    assert.equal((await listUpdates(d.db, networkId, k.id)).length, 1);
    assert.equal((await listCirclesOf(d.db, networkId, aylin)).length, 1);

    const [b] = await listCirclesOf(d.db, networkId, wolfgang);
    assert.ok(b && b.person_label !== 'Herr K.');
    assert.equal(b.role, 'owner', 'her representative owns it');
    assert.equal(b.consent_kind, 'withdrawn', 'the circle is frozen');
    assert.equal(
      (await listCirclesOf(d.db, networkId, markus)).length,
      0,
      'the professional who opened it is no owner: frozen, it is closed to him',
    );
    const bMembers = new Map((await listMembers(d.db, networkId, b.id)).map((m) => [m.display_name, m.role]));
    assert.equal(bMembers.get('Markus Wagner'), 'professional');
    assert.equal(
      (await listCirclesOf(d.db, networkId, guel)).length,
      0,
      'invisible to its helper while frozen',
    );
  });

  test('Mitmachen: every rung of the ladder, a joint opportunity, no shift over capacity, Jonas has confirmed hours', async () => {
    const opps = await d.db
      .selectFrom('opportunity as o')
      .select([
        'o.id',
        'o.level',
        'o.mode',
        'o.status',
        'o.needs_police_clearance',
        (eb) =>
          eb
            .selectFrom('opportunity_organisation as oo')
            .select((e) => e.fn.countAll<number>().as('n'))
            .whereRef('oo.network_id', '=', 'o.network_id')
            .whereRef('oo.opportunity_id', '=', 'o.id')
            .where('oo.status', '=', 'accepted')
            .as('orgs'),
        (eb) =>
          eb
            .selectFrom('opportunity_organisation as oo')
            .select((e) => e.fn.countAll<number>().as('n'))
            .whereRef('oo.network_id', '=', 'o.network_id')
            .whereRef('oo.opportunity_id', '=', 'o.id')
            .where('oo.status', '=', 'invited')
            .as('invited'),
      ])
      .where('o.network_id', '=', networkId)
      .execute();
    const published = opps.filter((o) => o.status === 'published');
    for (const level of ladderLevels)
      assert.ok(
        published.some((o) => o.level === level),
        `a published opportunity on the rung ${level}`,
      );
    for (const mode of opportunityModes)
      assert.ok(
        published.some((o) => o.mode === mode),
        `one ${mode}`,
      );
    assert.ok(
      published.some((o) => Number(o.orgs) >= 2),
      'one run jointly (the partner accepted)',
    );
    assert.ok(
      published.some((o) => Number(o.invited) >= 1),
      'one with an invitation to a partner still open',
    );
    assert.ok(
      published.some((o) => o.needs_police_clearance),
      'one needs a police clearance certificate',
    );
    assert.ok(opps.some((o) => o.status === 'draft') && opps.some((o) => o.status === 'closed'));
    const leads = await d.db
      .selectFrom('opportunity_organisation')
      .select('organisation_id')
      .distinct()
      .where('network_id', '=', networkId)
      .where('is_lead', '=', true)
      .execute();
    assert.ok(leads.length >= 4, `${leads.length} organisations lead opportunities`);

    // shifts: counters match the sign-ups, none over capacity, one full with a waitlist
    const shifts = await d.db
      .selectFrom('shift as s')
      .select([
        's.id',
        's.capacity',
        's.signed_up',
        's.starts_at',
        's.opportunity_id',
        sql<number>`(SELECT count(*)::int FROM shift_signup u WHERE u.network_id = s.network_id
          AND u.shift_id = s.id AND u.status IN ('signed_up', 'checked_in', 'no_show'))`.as('holding'),
        sql<number>`(SELECT count(*)::int FROM shift_signup u WHERE u.network_id = s.network_id
          AND u.shift_id = s.id AND u.status = 'waitlisted')`.as('waiting'),
      ])
      .where('s.network_id', '=', networkId)
      .execute();
    for (const s of shifts) {
      assert.ok(s.signed_up <= s.capacity, 'never over capacity');
      assert.equal(s.signed_up, s.holding, 'the counter matches the sign-ups');
    }
    assert.ok(
      shifts.some((s) => s.signed_up === s.capacity && s.waiting > 0),
      'a full shift with a waitlist',
    );
    const now = Date.now();
    const mini = new Set(opps.filter((o) => o.level === 'mini' && o.status === 'published').map((o) => o.id));
    assert.ok(
      shifts.some(
        (s) =>
          mini.has(s.opportunity_id) &&
          s.starts_at.getTime() > now &&
          s.starts_at.getTime() < now + 60 * 60_000,
      ),
      'a mini task starting within the hour (check-in already open)',
    );
    assert.ok(shifts.some((s) => localParts(s.starts_at).weekday === 6 && s.starts_at.getTime() > now));

    // Jonas: confirmed hours from two organisations on two rungs, one entry still pending
    const hours = await d.db
      .selectFrom('hours_entry as h')
      .innerJoin('account as a', (j) =>
        j.onRef('a.network_id', '=', 'h.network_id').onRef('a.id', '=', 'h.account_id'),
      )
      .leftJoin('opportunity as o', (j) =>
        j.onRef('o.network_id', '=', 'h.network_id').onRef('o.id', '=', 'h.opportunity_id'),
      )
      .select(['h.status', 'h.organisation_id', 'h.source', 'o.level'])
      .where('h.network_id', '=', networkId)
      .where('a.email', '=', 'jonas@example.org')
      .execute();
    const confirmed = hours.filter((h) => h.status === 'confirmed');
    assert.ok(new Set(confirmed.map((h) => h.organisation_id)).size >= 2, 'confirmed at two organisations');
    assert.deepEqual([...new Set(confirmed.map((h) => h.level))].sort(), ['mini', 'regular']);
    assert.ok(confirmed.every((h) => h.source === 'check_in'));
    assert.ok(hours.some((h) => h.status === 'pending'));

    const pages = await d.db
      .selectFrom('playbook_page')
      .select(['id', 'current_revision'])
      .where('network_id', '=', networkId)
      .execute();
    assert.ok(pages.length >= 3);
    assert.ok(pages.some((p) => p.current_revision === 2));
    const found = await search(d.db, networkId, 'Fahrradwerkstatt', { limit: 5, offset: 0 });
    assert.ok(found.hits.some((h) => h.entityType === 'opportunity' && h.link.startsWith('/mitmachen/')));
  });

  test('the demo sign-ins name existing accounts, one per role', async () => {
    assert.ok(demoLogins.length >= 5);
    for (const l of demoLogins) {
      const a = await d.db
        .selectFrom('account')
        .select(['password_hash'])
        .where('network_id', '=', networkId)
        .where('email', '=', l.email)
        .executeTakeFirst();
      assert.ok(a?.password_hash, `${l.email} exists and has a password`);
    }
  });
});
