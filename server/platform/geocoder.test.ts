import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import {
  createGeocoder,
  districtContaining,
  GeocoderUnavailable,
  parsePlaces,
  searchUrl,
} from './geocoder.ts';

/** A Nominatim answer (format=jsonv2, addressdetails=1) as the public service gives it. */
function nominatimAnswer(q: string) {
  return [
    {
      lat: '51.30125',
      lon: '9.48213',
      name: '',
      display_name: `Kirchplatz 4, Altstadt, Lindenbrück, 34560, Deutschland (${q})`,
      address: {
        road: 'Kirchplatz',
        house_number: '4',
        suburb: 'Altstadt',
        town: 'Lindenbrück',
        postcode: '34560',
      },
    },
  ];
}

interface Hit {
  url: URL;
  headers: IncomingHttpHeaders;
  at: number;
}

describe('geocoder: the usage policy of a public service, kept by the server', () => {
  let server: Server;
  let base: string;
  const hits: Hit[] = [];
  let mode: 'ok' | 'error' | 'hang' = 'ok';

  before(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      hits.push({ url, headers: req.headers, at: Date.now() });
      if (mode === 'hang') return; // never answers
      if (mode === 'error') {
        res.writeHead(503).end('overloaded');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(nominatimAnswer(url.searchParams.get('q') ?? '')));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/search`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  test('reads Nominatim and Photon answers into one shape', () => {
    assert.deepEqual(parsePlaces(nominatimAnswer('x')), [
      {
        label: 'Kirchplatz 4, 34560 Lindenbrück',
        street: 'Kirchplatz 4',
        postcode: '34560',
        town: 'Lindenbrück',
        lat: 51.30125,
        lng: 9.48213,
      },
    ]);
    const photon = {
      type: 'FeatureCollection',
      features: [
        {
          geometry: { type: 'Point', coordinates: [9.47, 51.29] },
          properties: {
            name: 'Rathaus',
            street: 'Rathausplatz',
            housenumber: '1',
            postcode: '34560',
            city: 'Lindenbrück',
          },
        },
        // unusable entries are left out, not shown as "undefined"
        { geometry: { type: 'Point', coordinates: ['x', 'y'] }, properties: { name: 'Kaputt' } },
      ],
    };
    assert.deepEqual(parsePlaces(photon), [
      {
        label: 'Rathaus, Rathausplatz 1, 34560 Lindenbrück',
        street: 'Rathausplatz 1',
        postcode: '34560',
        town: 'Lindenbrück',
        lat: 51.29,
        lng: 9.47,
      },
    ]);
    assert.deepEqual(parsePlaces({ error: 'nope' }), []);
  });

  test('speaks each dialect: Nominatim by default, Photon for a path ending in /api', () => {
    const near: [number, number, number, number] = [9.4, 51.2, 9.6, 51.4];
    const n = searchUrl('https://nominatim.example.org/search', 'Kirchplatz 4', { lang: 'de', near }, 6);
    assert.equal(n.searchParams.get('format'), 'jsonv2');
    assert.equal(n.searchParams.get('accept-language'), 'de');
    assert.equal(n.searchParams.get('viewbox'), '9.4,51.4,9.6,51.2');
    const p = searchUrl('https://photon.example.org/api', 'Kirchplatz 4', { lang: 'en', near }, 6);
    assert.equal(p.searchParams.get('format'), null);
    assert.equal(p.searchParams.get('lang'), 'en');
    assert.equal(Number(p.searchParams.get('lat')).toFixed(2), '51.30');
  });

  test('one request per second, a named User-Agent, and an answer remembered', async () => {
    hits.length = 0;
    const g = createGeocoder({ url: base, userAgent: 'Knotenpunkt (https://lindenbrueck.example)' });
    const [a, b] = await Promise.all([
      g.search('Kirchplatz 4', { lang: 'de' }),
      g.search('Bahnhofstraße 27', { lang: 'de' }),
    ]);
    assert.equal(a[0]?.street, 'Kirchplatz 4');
    assert.equal(b.length, 1);
    assert.equal(hits.length, 2);
    // sent a second apart (the first one's connection set-up may shorten the gap as the server sees it)
    const gap = hits[1]!.at - hits[0]!.at;
    assert.ok(gap >= 900, `the second request waited its turn (${gap} ms)`);
    assert.equal(hits[0]!.headers['user-agent'], 'Knotenpunkt (https://lindenbrueck.example)');
    // the same query again, in other spelling of spaces and case: from the cache, nothing sent
    await g.search('  kirchplatz   4 ', { lang: 'de' });
    assert.equal(hits.length, 2);
  });

  test('the same query asked twice at once goes out once', async () => {
    hits.length = 0;
    const g = createGeocoder({ url: base, userAgent: 'Knotenpunkt (test)' });
    const [a, b] = await Promise.all([
      g.search('Marktstraße 9', { lang: 'de' }),
      g.search('Marktstraße 9', { lang: 'de' }),
    ]);
    assert.deepEqual(a, b);
    assert.equal(hits.length, 1);
  });

  test('when more are waiting than a few, the next is told "busy" at once instead of queueing', async () => {
    hits.length = 0;
    const g = createGeocoder({
      url: base,
      userAgent: 'Knotenpunkt (test)',
      minIntervalMs: 100,
      maxWaiting: 2,
    });
    const results = await Promise.allSettled(
      ['Eins', 'Zwei', 'Drei', 'Vier'].map((q) => g.search(q, { lang: 'de' })),
    );
    assert.deepEqual(
      results.map((r) => r.status),
      ['fulfilled', 'fulfilled', 'fulfilled', 'rejected'],
    );
    const refused = results[3] as PromiseRejectedResult;
    assert.ok(refused.reason instanceof GeocoderUnavailable);
    assert.equal(refused.reason.reason, 'busy');
    assert.equal(hits.length, 3);
  });

  test('an error answer, a service that does not answer and one that is not there are "unreachable"', async () => {
    const g = createGeocoder({
      url: base,
      userAgent: 'Knotenpunkt (test)',
      minIntervalMs: 0,
      timeoutMs: 200,
    });
    for (const m of ['error', 'hang'] as const) {
      mode = m;
      await assert.rejects(g.search(`Anfrage ${m}`, { lang: 'de' }), (e: unknown) => {
        assert.ok(e instanceof GeocoderUnavailable);
        assert.equal(e.reason, 'unreachable');
        return true;
      });
    }
    mode = 'ok';
    // a failure is not remembered: the next try asks again and gets its answer
    assert.equal((await g.search('Anfrage error', { lang: 'de' })).length, 1);
    const gone = createGeocoder({ url: 'http://127.0.0.1:9/search', userAgent: 'Knotenpunkt (test)' });
    await assert.rejects(gone.search('Kirchplatz', { lang: 'de' }), GeocoderUnavailable);
  });

  test('finds the district whose boundary holds a point, and not one whose hole does', () => {
    const square = (x: number, y: number, s: number) => [
      [x, y],
      [x + s, y],
      [x + s, y + s],
      [x, y + s],
      [x, y],
    ];
    const districts = [
      { id: 'ring', boundary: { type: 'Polygon', coordinates: [square(9, 51, 1), square(9.4, 51.4, 0.2)] } },
      {
        id: 'multi',
        boundary: { type: 'MultiPolygon', coordinates: [[square(10, 51, 1)], [square(9.4, 51.4, 0.2)]] },
      },
      { id: 'none', boundary: null },
    ];
    assert.equal(districtContaining(51.1, 9.1, districts), 'ring');
    assert.equal(districtContaining(51.5, 9.5, districts), 'multi');
    assert.equal(districtContaining(51.5, 10.5, districts), 'multi');
    assert.equal(districtContaining(50, 9, districts), null);
  });
});
