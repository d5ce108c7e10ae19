import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import {
  csvField,
  type DossierExport,
  dossierPdf,
  itemsCsv,
  reportsGeoJson,
  toWinAnsi,
  wrap,
} from './exports.ts';

const item = (n: number, type = 'map_report'): DossierExport['items'][number] => ({
  type,
  id: `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`,
  title: `Donaudampfschifffahrtsgesellschaftskapitänsmütze ${n} – „Größe“ ${'sehr lang '.repeat(8)}`,
  district: 'Weidenau',
  note: n % 2 ? '=HYPERLINK("http://evil")' : '',
  lat: type === 'map_report' ? 51.3 + n / 1000 : null,
  lng: type === 'map_report' ? 9.48 : null,
  status: type === 'map_report' ? 'new' : null,
  kind: null,
  category: null,
  addedAt: '2026-12-01T10:00:00.000Z',
});

const dossier = (items: DossierExport['items']): DossierExport => ({
  id: 'd',
  title: 'Jugendraum für Weidenau – Şahin Łódź 日本',
  summary: '**Es fehlt** ein Raum.\n\n- eins\n- zwei',
  compiledBy: 'Nachbarschaftszentrum',
  recipient: 'Stadtverwaltung',
  sentAt: '2026-12-01T10:00:00.000Z',
  people: null,
  fewPeople: true,
  minPeople: 5,
  support: null,
  districts: ['Weidenau'],
  items,
  steps: [
    {
      step: 'on_agenda',
      committee: 'Jugendhilfeausschuss',
      date: '2027-01-14',
      at: '2026-12-02T10:00:00.000Z',
    },
  ],
  answer: 'Ein Treff **öffnet**.',
  answeredAt: '2026-12-03T10:00:00.000Z',
  link: 'http://localhost/wissen/dossiers/d',
});

describe('dossier exports', () => {
  test('CSV: every field quoted, a formula never runs in a spreadsheet', () => {
    assert.equal(csvField('a"b'), '"a""b"');
    assert.equal(csvField('=1+1'), `"'=1+1"`);
    assert.equal(csvField('-2'), `"'-2"`);
    assert.equal(csvField(null), '""');
    const csv = itemsCsv(dossier([item(1), item(2, 'wiki_page')]), 'de');
    assert.ok(csv.startsWith('\ufeff'));
    assert.equal(csv.trim().split('\r\n').length, 3);
    assert.ok(csv.includes(`"'=HYPERLINK(""http://evil"")"`));
    assert.ok(csv.includes('"Wiki-Seite"'));
  });

  test('GeoJSON: only reports, longitude first', () => {
    const fc = reportsGeoJson(dossier([item(1), item(2, 'discussion_thread')]));
    assert.equal(fc.features.length, 1);
    assert.deepEqual(fc.features[0]!.geometry.coordinates, [9.48, 51.3 + 1 / 1000]);
  });

  test('PDF: letters the font cannot draw never break it; long evidence runs onto more pages', async () => {
    assert.equal(toWinAnsi('Größe „Übung“ – Şahin Łódź 日'), 'Größe „Übung“ – Sahin Lódz ?');
    const measure = (s: string) => s.length * 5;
    const lines = wrap('Donaudampfschifffahrtsgesellschaft ist lang', 60, measure);
    assert.ok(lines.every((l) => measure(l) <= 60));
    const one = await PDFDocument.load(await dossierPdf(dossier([item(1)]), 'de'));
    const many = await PDFDocument.load(
      await dossierPdf(dossier(Array.from({ length: 60 }, (_, i) => item(i))), 'en'),
    );
    assert.equal(one.getPageCount(), 1);
    assert.ok(many.getPageCount() > 2, `${many.getPageCount()} pages`);
  });
});
