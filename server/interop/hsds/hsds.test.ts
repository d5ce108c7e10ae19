import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createTestApp, freshDatabase, type TestApp } from '../../../test/helpers/app.ts';
import { hsdsValidators } from '../../../test/helpers/hsds.ts';
import { childEnv, runScript } from '../../../test/integration/helpers.ts';
import { Problem } from '../../http/problem.ts';
import { ensureNetwork } from '../../platform/network.ts';
import { seedDemoTown } from '../../seed/demo.ts';
import { organisationServices } from '../../seed/lindenbrueck.ts';
import { exportDirectory, joinAddress, splitAddress } from './export.ts';
import { derivedId } from './ids.ts';
import { importHsds, parseHsds, reportLines } from './import.ts';

type Json = Record<string, unknown> & { id: string };

/**
 * The Open Referral export of the demo town, validated object by object against the official HSDS 3
 * JSON schemas (../shared/reference/hsds-3), through the same routes a county's directory calls.
 */
describe('HSDS export of the demo town', () => {
  let t: TestApp;
  /** an empty database for the imports, one network per test (a fresh database is slow to migrate) */
  let d: Awaited<ReturnType<typeof freshDatabase>>;
  let check: ReturnType<typeof hsdsValidators>;
  let bundle: { organizations: (Json & { services: Json[] })[] };
  const get = async (url: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/hsds${url}` });
    assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
    return res.json();
  };

  before(async () => {
    check = hsdsValidators();
    t = await createTestApp();
    await seedDemoTown(t.db, t.networkId);
    bundle = await get('/export');
    d = await freshDatabase();
  });
  after(async () => {
    await t.close();
    await d.close();
  });

  test('every organisation and every service of the full export is valid HSDS 3', () => {
    const seeded = Object.values(organisationServices).flat().length;
    assert.equal(bundle.organizations.length, 13);
    assert.equal(bundle.organizations.flatMap((o) => o.services).length, seeded);
    for (const o of bundle.organizations) {
      assert.equal(check.errors('organization', o), '', o.name as string);
      for (const s of o.services) assert.equal(check.errors('service', s), '', s.name as string);
    }
  });

  test('the Caritas carries its three services with hours, kinds of help and places', () => {
    const caritas = bundle.organizations.find((o) => o.name === 'Caritas-Beratungsstelle Lindenbrück')!;
    assert.deepEqual(
      caritas.services.map((s) => s.name),
      ['Allgemeine Sozialberatung', 'Migrationsberatung im Nachbarschaftszentrum', 'Schuldnerberatung'],
    );
    const general = caritas.services[0] as Json & {
      schedules: Json[];
      attributes: Json[];
      service_at_locations: Json[];
    };
    assert.deepEqual(
      general.schedules.map((s) => [s.byday, s.opens_at, s.closes_at]),
      [
        ['TU', '09:00', '12:00'],
        ['TH', '14:00', '17:00'],
      ],
    );
    assert.deepEqual(
      general.attributes.map((a) => (a.taxonomy_term as Json).code),
      ['advice'],
    );
    // at the organisation's own location
    const orgLocation = (caritas.locations as Json[])[0]!;
    assert.equal(general.service_at_locations[0]!.location_id, orgLocation.id);
    assert.deepEqual((orgLocation.addresses as Json[])[0]!.postal_code, '34560');
    // the migration advice is held elsewhere: a location of its own, at the neighbourhood centre's address
    const migration = caritas.services[1] as Json & {
      service_at_locations: { location: Json & { addresses: Json[] } }[];
    };
    assert.notEqual(migration.service_at_locations[0]!.location.id, orgLocation.id);
    assert.equal(
      migration.service_at_locations[0]!.location.addresses[0]!.address_1,
      'Lindenhofer Straße 58',
    );
  });

  test('nothing about people leaves: no person, membership, circle or time bank', () => {
    const text = JSON.stringify(bundle);
    for (const word of [
      'jonas@example.org',
      'petra@nachbarschaftszentrum.example',
      'Margarete',
      'Aylin',
      'circle',
      'Kreis um',
      'timebank',
      'member',
    ])
      assert.ok(!text.includes(word), `the export mentions ${word}`);
  });

  test('the list and detail endpoints of the API profile answer valid objects with its paging fields', async () => {
    const orgs = await get('/organizations?per_page=5&page=2');
    assert.deepEqual(
      [
        orgs.total_items,
        orgs.total_pages,
        orgs.page_number,
        orgs.size,
        orgs.first_page,
        orgs.last_page,
        orgs.empty,
      ],
      [13, 3, 2, 5, false, false, false],
    );
    for (const o of orgs.contents) assert.equal(check.errors('organization_list', o), '');
    const last = await get('/organizations?per_page=5&page=3');
    assert.equal(last.last_page, true);
    assert.equal(last.size, 3);

    const services = await get('/services?per_page=100');
    assert.equal(services.total_items, Object.values(organisationServices).flat().length);
    for (const s of services.contents) assert.equal(check.errors('service_list', s), '');
    const full = await get('/services?per_page=100&full=true');
    for (const s of full.contents) assert.equal(check.errors('service', s), '');

    const sals = await get('/service_at_locations?per_page=100&full=true');
    // the services at no fixed place (three in the demo) have none
    const atNoPlace = Object.values(organisationServices)
      .flat()
      .filter((s) => s.place === 'none').length;
    assert.equal(sals.total_items, services.total_items - atNoPlace);
    for (const s of sals.contents) assert.equal(check.errors('service_at_location', s), '');
    const salList = await get('/service_at_locations?per_page=100');
    for (const s of salList.contents) assert.equal(check.errors('service_at_location_list', s), '');

    const one = sals.contents[0];
    assert.equal(check.errors('service_at_location', await get(`/service_at_locations/${one.id}`)), '');
    assert.equal(check.errors('service', await get(`/services/${one.service_id}`)), '');
    const org = await get(`/organizations/${bundle.organizations[0]!.id}?full_service=true`);
    assert.equal(check.errors('organization', org), '');
  });

  test('filters of the profile: organisation, kind of help, search, postcode', async () => {
    const caritas = bundle.organizations.find((o) => String(o.name).startsWith('Caritas'))!;
    const byOrg = await get(`/services?organization_id=${caritas.id}`);
    assert.equal(byOrg.total_items, 3);
    const adviceTerm = derivedId('term', 'knotenpunkt-help-kind', 'digital');
    const digital = await get(`/services?taxonomy_term_id=${adviceTerm}`);
    assert.deepEqual(
      digital.contents.map((s: Json) => s.name),
      ['Handy-Sprechstunde für Seniorinnen und Senioren'],
    );
    const foreign = await get(`/services?taxonomy_term_id=${derivedId('elsewhere')}`);
    assert.equal(foreign.empty, true);
    const found = await get('/services?search=Mittagstisch');
    assert.equal(found.total_items, 1);
    const postcode = await get('/service_at_locations?postcode=34560');
    assert.ok(postcode.total_items > 0);
    assert.equal((await get('/service_at_locations?postcode=99999')).total_items, 0);
  });

  test('unknown ids answer 404, malformed queries 400', async () => {
    for (const url of [
      `/organizations/${derivedId('x')}`,
      `/services/${derivedId('x')}`,
      `/service_at_locations/${derivedId('x')}`,
    ]) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/hsds${url}` });
      assert.equal(res.statusCode, 404, url);
    }
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/hsds/services?per_page=1000' });
    assert.equal(bad.statusCode, 400);
  });

  test('an import of the export into an empty network round-trips the directory', async () => {
    {
      const { network } = await ensureNetwork(d.db, { slug: 'nachbarstadt', name: 'Nachbarstadt' });
      const report = await d.db
        .transaction()
        .execute((tx) => importHsds(tx, network.id, parseHsds(JSON.stringify(bundle)), null));
      assert.equal(report.refused, 0, reportLines(report, 'en').join('\n'));
      assert.equal(report.taken.organisations, 13);
      assert.equal(report.taken.services, Object.values(organisationServices).flat().length);
      const again = await exportDirectory(d.db, network.id, {
        publicUrl: t.app.deps.config.publicUrl,
        network: 'Nachbarstadt',
      });
      // the same directory, ids included: organisations and services keep theirs, the rest derive from them
      assert.deepEqual(again.organizations, bundle.organizations);
      // and a second import into the now filled network is refused, with nothing changed
      await assert.rejects(
        d.db
          .transaction()
          .execute((tx) => importHsds(tx, network.id, parseHsds(JSON.stringify(bundle)), null)),
        (err: Problem) =>
          err instanceof Problem && err.status === 409 && err.code === 'hsds.import.not_empty',
      );
    }
  });

  test('an import into the demo town, which has organisations, is refused', async () => {
    await assert.rejects(
      t.db
        .transaction()
        .execute((tx) => importHsds(tx, t.networkId, parseHsds(JSON.stringify(bundle)), null)),
      (err: Problem) => err instanceof Problem && err.status === 409 && err.params.count === 13,
    );
  });

  test('an import of a foreign file takes what fits and says per record what it refused and why', async () => {
    {
      const network = await d.db
        .insertInto('network')
        .values({ slug: 'kreis', name: 'Kreis', settings: '{}' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const orgId = '0b5f5e34-3c43-4c0e-9d0f-2a3c8f1e7a10';
      const locId = '0b5f5e34-3c43-4c0e-9d0f-2a3c8f1e7a11';
      const file = [
        {
          id: orgId,
          name: 'Tafel am Fluss',
          description: 'Lebensmittelausgabe',
          email: 'kein-email',
          website: 'https://tafel.example',
          contacts: [{ id: '0b5f5e34-3c43-4c0e-9d0f-2a3c8f1e7a19', name: 'Frau Beispiel' }],
          phones: [{ id: '0b5f5e34-3c43-4c0e-9d0f-2a3c8f1e7a12', number: '0561 12345' }],
          locations: [
            {
              id: locId,
              location_type: 'physical',
              latitude: 51.3,
              longitude: 9.5,
              addresses: [{ id: 'a1', address_1: 'Uferweg 2', postal_code: '34560', city: 'Lindenbrück' }],
            },
          ],
          services: [
            {
              id: '0b5f5e34-3c43-4c0e-9d0f-2a3c8f1e7a13',
              name: 'Lebensmittelausgabe',
              status: 'active',
              fees_description: '1 € je Einkauf',
              attributes: [
                { id: 'x', taxonomy_term: { id: 'y', name: 'Food Pantry', taxonomy: 'open-eligibility' } },
              ],
              service_at_locations: [{ id: 's1', location_id: locId }],
              schedules: [
                { id: 'w', freq: 'WEEKLY', byday: 'TU,FR', opens_at: '10:00', closes_at: '12:30' },
                { id: 'm', freq: 'MONTHLY', byday: '1SA', description: 'Jeden ersten Samstag 9 bis 11 Uhr' },
                { id: 'o', freq: 'WEEKLY', byday: 'TU', opens_at: '11:00', closes_at: '13:00' },
              ],
            },
            { id: '0b5f5e34-3c43-4c0e-9d0f-2a3c8f1e7a14', name: 'Alte Kleiderkammer', status: 'defunct' },
            { id: '0b5f5e34-3c43-4c0e-9d0f-2a3c8f1e7a15', status: 'active' },
          ],
        },
        { id: '0b5f5e34-3c43-4c0e-9d0f-2a3c8f1e7a16', description: 'ohne Namen' },
        { id: orgId, name: 'Tafel am Fluss (doppelt)' },
        'kein Objekt',
      ];
      const report = await d.db
        .transaction()
        .execute((tx) => importHsds(tx, network.id, parseHsds(JSON.stringify(file)), null));
      assert.deepEqual(report.taken, { organisations: 1, services: 1 });
      assert.equal(report.refused, 5);
      const de = reportLines(report, 'de').join('\n');
      const en = reportLines(report, 'en').join('\n');
      assert.match(de, /1 Organisationen und 1 Angebote übernommen, 5 Einträge abgelehnt/);
      assert.match(de, /E-Mail-Adresse „kein-email“ ist ungültig/);
      assert.match(de, /Felder ohne Entsprechung in Knotenpunkt nicht übernommen: contacts/);
      assert.match(de, /Kategorie „Food Pantry“ ist keine Hilfeart/);
      assert.match(de, /„Jeden ersten Samstag 9 bis 11 Uhr“ ist nicht wöchentlich/);
      assert.match(de, /Öffnungszeit o .*überschneidend/);
      assert.match(de, /Angebot „Alte Kleiderkammer“.*: abgelehnt\n\s+– Status „defunct“/);
      assert.match(en, /the name is missing/);
      assert.match(en, /the id 0b5f5e34-3c43-4c0e-9d0f-2a3c8f1e7a10 occurs earlier in the file/);
      assert.match(en, /not a JSON object/);

      const org = await d.db
        .selectFrom('organisation')
        .selectAll()
        .where('network_id', '=', network.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        [org.id, org.name, org.email, org.phone, org.address, org.lat, org.kind, org.sector],
        [orgId, 'Tafel am Fluss', null, '0561 12345', 'Uferweg 2, 34560 Lindenbrück', 51.3, 'other', 'other'],
      );
      const service = await d.db
        .selectFrom('organisation_service')
        .selectAll()
        .where('network_id', '=', network.id)
        .executeTakeFirstOrThrow();
      assert.equal(service.place, 'organisation');
      assert.equal(service.hours_note, 'Jeden ersten Samstag 9 bis 11 Uhr');
      const hours = await d.db
        .selectFrom('organisation_service_hours')
        .select(['weekday', 'opens', 'closes'])
        .where('service_id', '=', service.id)
        .orderBy('weekday')
        .execute();
      assert.deepEqual(
        hours.map((h) => [h.weekday, h.opens.slice(0, 5), h.closes.slice(0, 5)]),
        [
          [2, '10:00', '12:30'],
          [5, '10:00', '12:30'],
        ],
      );
    }
  });

  test('the schemas refuse a broken object, so the checks above can fail', () => {
    const service = structuredClone(bundle.organizations[0]!.services[0]!);
    assert.equal(check.errors('service', service), '');
    const { name: _name, ...nameless } = service;
    assert.match(check.errors('service', nameless), /name/);
    assert.match(check.errors('service', { ...service, status: 'open' }), /allowed values/);
    assert.match(check.errors('service', { ...service, id: 'caritas-1' }), /uuid/);
    const org = structuredClone(bundle.organizations[0]!);
    assert.match(check.errors('organization', { ...org, website: 'not a url' }), /uri/);
    assert.match(
      check.errors('organization', { ...org, locations: [{ id: org.id, location_type: 'somewhere' }] }),
      /location_type/,
    );
  });
});

test('a one-line German address splits into HSDS fields and joins back', () => {
  const parts = splitAddress('Kirchplatz 4, 34560 Lindenbrück');
  assert.deepEqual(parts, { address_1: 'Kirchplatz 4', postal_code: '34560', city: 'Lindenbrück' });
  assert.equal(joinAddress(parts), 'Kirchplatz 4, 34560 Lindenbrück');
  assert.deepEqual(splitAddress('Am Markt'), { address_1: 'Am Markt', postal_code: '', city: '' });
});

test('a file without organisations is refused before anything is written', () => {
  assert.throws(
    () => parseHsds('{"services": []}'),
    (err: Problem) => err.code === 'hsds.import.no_organizations',
  );
  assert.throws(
    () => parseHsds('{nicht json'),
    (err: Problem) => err.code === 'hsds.import.unreadable',
  );
  // NDJSON: one organisation per line
  assert.equal(parseHsds('{"name":"A"}\n{"name":"B"}\n').length, 2);
});

test('`npm run admin -- import-hsds` reports a dry run, then imports', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kp-hsds-'));
  try {
    const file = path.join(dir, 'kreis.json');
    writeFileSync(
      file,
      JSON.stringify({
        organizations: [
          { name: 'Tafel am Fluss', description: '', services: [{ name: 'Ausgabe', status: 'inactive' }] },
        ],
      }),
    );
    const env = childEnv({ DATA_DIR: path.join(dir, 'data'), SEED: 'none' });
    const dry = await runScript('server/cli/admin.ts', ['import-hsds', file, '--dry-run', '--en'], env);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /1 organisations and 0 services taken, 1 records refused/);
    assert.match(dry.stdout, /Service „Ausgabe“: refused\n\s+– status “inactive”/);
    assert.match(dry.stdout, /Dry run: nothing was saved/);
    const run = await runScript('server/cli/admin.ts', ['import-hsds', file], env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /1 Organisationen und 0 Angebote übernommen/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
