import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createOrganisation, createUser } from '../../../../test/helpers/factories.ts';
import type { MembershipRole } from '../../../db/schema.ts';
import { seedFreshness } from './seed.ts';

describe('freshness in the demo town', () => {
  let t: TestApp;
  const people = new Map<string, string>();
  const memberships = new Map<string, [string, MembershipRole][]>();
  let caritas: string;

  before(async () => {
    t = await createTestApp();
    caritas = (await createOrganisation(t, { name: 'Caritas' })).id;
    for (const [key, role] of [
      ['aylin', 'staff'],
      ['renate', 'volunteer'],
      ['hannelore', null],
    ] as const) {
      const u = await createUser(t, {
        displayName: key,
        memberOf: role ? [[caritas, role]] : [],
      });
      people.set(key, u.id);
      memberships.set(key, role ? [['caritas', role]] : []);
    }
  });
  after(() => t.close());

  const context = () => ({
    networkId: t.networkId,
    orgIds: new Map([['caritas', caritas]]),
    personIds: people,
    districtIds: new Map(),
    centres: new Map(),
    memberships,
    now: Date.now(),
  });

  test('without the wiki and the map it adds nothing, and fails on nothing', async () => {
    const made = await t.db.transaction().execute((tx) => seedFreshness(tx, context()));
    assert.deepEqual(made, { freshnessOutdatedNotes: 0, freshnessReminders: 0 });
  });

  test('the "Wegweiser Pflege" page gets its readers\' notes and Aylin as owner; old map entries are due', async () => {
    const { id } = await t.db
      .insertInto('wiki_page')
      .values({
        network_id: t.networkId,
        slug: 'wegweiser-pflege',
        title: 'Wegweiser Pflege',
        organisation_id: caritas,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const title of ['Bank am Teich fehlt', 'Ampel zu kurz grün', 'Neuer Spielplatz'])
      await t.db
        .insertInto('map_report')
        .values({
          network_id: t.networkId,
          kind: 'defect',
          category: 'mobility',
          title,
          lat: 51.34,
          lng: 12.38,
          author_id: people.get('hannelore')!,
          owner_id: people.get('hannelore')!,
        })
        .execute();
    const made = await t.db.transaction().execute((tx) => seedFreshness(tx, context()));
    assert.deepEqual(made, { freshnessOutdatedNotes: 2, freshnessReminders: 2 });
    const page = await t.db
      .selectFrom('wiki_page')
      .select('owner_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(page.owner_id, people.get('aylin'));
    const told = await t.db
      .selectFrom('notification')
      .select('kind')
      .where('account_id', '=', people.get('aylin')!)
      .execute();
    assert.deepEqual(
      told.map((n) => n.kind),
      ['freshness.reported', 'freshness.reported'],
    );
  });
});
