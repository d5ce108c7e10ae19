import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  buildCertificate,
  formatDuration,
  renderCertificateHtml,
  toWinAnsi,
} from './volunteerCertificate.ts';

const entry = (id: string, org: string, minutes: number, status = 'confirmed') => ({
  id,
  date: '2026-11-01',
  activity: `Tätigkeit ${id}`,
  organisationId: org,
  organisationName: `Organisation ${org}`,
  minutes,
  level: null,
  status,
});

describe('volunteer certificate', () => {
  test('totals are the exact sums, overall and per organisation', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ org: fc.constantFrom('a', 'b', 'c'), minutes: fc.integer({ min: 1, max: 1440 }) }),
          {
            maxLength: 40,
          },
        ),
        (rows) => {
          const c = buildCertificate(
            { id: 'p', name: 'Jonas' },
            'Testnetz',
            '2026-11-25',
            rows.map((r, i) => entry(String(i), r.org, r.minutes)),
          );
          const total = rows.reduce((s, r) => s + r.minutes, 0);
          assert.equal(c.totalMinutes, total);
          assert.equal(
            c.organisations.reduce((s, o) => s + o.minutes, 0),
            total,
          );
          assert.equal(c.entries.length, rows.length);
        },
      ),
    );
  });

  test('an entry that is not confirmed is refused rather than printed', () => {
    assert.throws(() =>
      buildCertificate({ id: 'p', name: 'J' }, 'N', '2026-11-25', [entry('1', 'a', 30, 'pending')]),
    );
    assert.throws(() =>
      buildCertificate({ id: 'p', name: 'J' }, 'N', '2026-11-25', [entry('1', 'a', 30, 'rejected')]),
    );
  });

  test('durations are exact h:mm; the page escapes names', () => {
    assert.equal(formatDuration(20), '0:20');
    assert.equal(formatDuration(190), '3:10');
    const c = buildCertificate({ id: 'p', name: '<script>alert(1)</script>' }, 'N', '2026-11-25', []);
    const html = renderCertificateHtml(c, 'de');
    assert.ok(!html.includes('<script>'));
    assert.ok(html.includes('&lt;script&gt;'));
  });

  test('text for the PDF font keeps German letters and loses only what it cannot draw', () => {
    assert.equal(toWinAnsi('Größe „Übung“ – 5 €'), 'Größe „Übung“ – 5 €');
    assert.equal(toWinAnsi('Yılmaz Şahin Łódź'), 'Yilmaz Sahin Lódz');
    assert.equal(toWinAnsi('日本'), '??');
  });
});
