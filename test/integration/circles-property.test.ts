import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { loadConfig } from '../../server/config.ts';
import { jobHandlers } from '../../server/platform/job-handlers.ts';
import { runDueJobs } from '../../server/platform/jobs.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../helpers/factories.ts';
import { api, consentByPerson, join, someClient } from './circles-fixture.ts';

const memberRoles = ['coordinator', 'helper', 'professional', 'viewer'] as const;
type MemberRole = (typeof memberRoles)[number];

/**
 * Random actors and memberships: whoever is not in a circle never reads anything of it — not its
 * pages, not its export, not a calendar feed, not a notification, not a search hit. A circle whose
 * consent was withdrawn is its owner's alone.
 */
describe('support circles: nobody reads a circle they do not belong to (property)', () => {
  let t: TestApp;
  let call: ReturnType<typeof api>;
  let people: TestUser[];
  let staff: TestUser;
  let org: { id: string };
  const handlers = jobHandlers(loadConfig({ SEED: 'none', DATA_DIR: '/nonexistent' }));
  let run = 0;

  before(async () => {
    t = await createTestApp();
    call = api(t);
    org = await createOrganisation(t, { sector: 'social_service' });
    staff = await createUser(t, { displayName: 'Fachkraft', memberOf: [[org.id, 'staff']] });
    people = [staff];
    for (let i = 0; i < 5; i++) people.push(await createUser(t, { displayName: `Mensch ${i}` }));
    people.push(await createUser(t, { displayName: 'Instanz-Admin', admin: true }));
  });
  after(() => t.close());

  const circleSpec = fc.record({
    ownerIndex: fc.integer({ min: 0, max: 6 }),
    members: fc.array(
      fc.record({ who: fc.integer({ min: 0, max: 6 }), role: fc.constantFrom(...memberRoles) }),
      {
        maxLength: 4,
      },
    ),
    withdrawn: fc.boolean(),
    visibility: fc.constantFrom('all_members', 'coordinators_professionals', 'owner_only'),
  });

  test('random circles and members: outsiders see nothing, through any door', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(circleSpec, { minLength: 1, maxLength: 3 }), async (specs) => {
        run++;
        const circles: {
          id: string;
          members: Map<string, 'owner' | MemberRole>;
          live: boolean;
          word: string;
          feeds: Map<string, string>;
        }[] = [];
        for (const [i, spec] of specs.entries()) {
          const owner = people[spec.ownerIndex] as TestUser;
          const word = `Geheimwort${run}x${i}`;
          const created = await call(owner, 'POST', '/', { personLabel: word });
          assert.equal(created.statusCode, 201, created.body);
          const id = created.json().id as string;
          const members = new Map<string, 'owner' | MemberRole>([[owner.id, 'owner']]);
          for (const m of spec.members) {
            const u = people[m.who] as TestUser;
            if (members.has(u.id)) continue;
            await join(t, owner, id, u, m.role);
            members.set(u.id, m.role);
          }
          await call(owner, 'POST', `/${id}/updates`, {
            body: `${word} Neuigkeit`,
            visibility: spec.visibility,
          });
          await call(owner, 'POST', `/${id}/needs`, {
            kind: 'visit',
            title: `${word} Besuch`,
            start: new Date(Date.now() + 3 * 3600_000).toISOString(),
            end: new Date(Date.now() + 4 * 3600_000).toISOString(),
            visibility: spec.visibility,
          });
          const feeds = new Map<string, string>();
          for (const accountId of members.keys()) {
            const u = people.find((p) => p.id === accountId) as TestUser;
            const f = await call(u, 'POST', `/${id}/feed`);
            feeds.set(accountId, new URL(f.json().url).pathname);
          }
          if (spec.withdrawn)
            await call(owner, 'POST', `/${id}/consents`, {
              ...consentByPerson,
              kind: 'withdrawn',
              scope: [],
            });
          circles.push({ id, members, live: !spec.withdrawn, word, feeds });
        }
        await sql`UPDATE job SET run_at = now() WHERE kind LIKE 'circle.%' AND status = 'pending'`.execute(
          t.db,
        );
        while ((await runDueJobs(t.db, handlers)) > 0);

        for (const u of people) {
          const listed = new Set(
            ((await call(u, 'GET', '/')).json().items as { id: string }[]).map((c) => c.id),
          );
          const notes = await t.db
            .selectFrom('notification')
            .select(['link'])
            .where('account_id', '=', u.id)
            .execute();
          for (const c of circles) {
            const role = c.members.get(u.id);
            const reads = role === 'owner' || (role !== undefined && c.live);
            assert.equal(listed.has(c.id), reads, `list ${u.displayName}`);
            for (const path of ['', '/needs', '/updates', '/members', '/export', '/access-log']) {
              const res = await call(u, 'GET', `/${c.id}${path}`);
              if (!reads) assert.equal(res.statusCode, 404, `${u.displayName} ${path}`);
              if (res.statusCode === 200) assert.ok(reads);
            }
            const feed = c.feeds.get(u.id);
            if (feed) {
              const ics = await t.app.inject({ url: feed, remoteAddress: someClient() });
              assert.equal(ics.statusCode, c.live ? 200 : 404, 'a frozen circle has no feed');
              for (const other of circles)
                if (other.id !== c.id)
                  assert.ok(!ics.body.includes(other.word), 'a feed holds one circle only');
            }
            if (!role)
              assert.ok(
                !notes.some((n) => n.link?.includes(c.id)),
                `notification to outsider ${u.displayName}`,
              );
            const hits = await t.app.inject({
              url: `/api/v1/search?q=${c.word}`,
              headers: u.headers,
              remoteAddress: someClient(),
            });
            assert.equal(hits.json().items.length, 0, 'circles are never in search');
          }
        }
      }),
      { numRuns: Number(process.env.CIRCLE_RUNS ?? 8) },
    );
  });
});
