import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import {
  buildCertificate,
  formatDate,
  formatDuration,
  layoutCertificate,
  type Measure,
  pageBox,
  renderCertificateHtml,
  renderCertificatePdf,
  toWinAnsi,
  wrap,
} from './volunteerCertificate.ts';

async function helvetica(): Promise<Measure> {
  const pdf = await PDFDocument.create();
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  return {
    regular: (s, size) => regular.widthOfTextAtSize(s, size),
    bold: (s, size) => bold.widthOfTextAtSize(s, size),
  };
}

const longOrg = 'Caritasverband für den Landkreis Lindenbrück-Weidenau e. V. – Allgemeine Sozialberatung';
const longActivity =
  'Begleitung zum Arzttermin und Unterstützung beim Ausfüllen von Anträgen für die Grundsicherung im Alter';

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

  test('the PDF layout: nothing leaves the page or its column, nothing is cut off, every page says whose and which', async () => {
    const m = await helvetica();
    const rows = Array.from({ length: 40 }, (_, i) => ({
      ...entry(String(i), String(i % 3), 30 + i),
      activity: i % 2 ? longActivity : 'Hausaufgabenhilfe',
      organisationName: i % 3 ? longOrg : 'Nachbarschaftszentrum Lindenhof',
    }));
    const name = 'Dr. Hannelore Müller-Lüdenscheidt-Größenwahn-Özdemir';
    const c = buildCertificate({ id: 'p', name }, 'Lindenbrück vernetzt', '2026-12-10', rows);
    const pages = layoutCertificate(c, 'de', m);
    assert.ok(pages.length >= 2, `${pages.length} pages`);
    const right = pageBox.width - pageBox.right;
    for (const [i, p] of pages.entries()) {
      for (const x of p.texts) {
        const w = (x.bold ? m.bold : m.regular)(x.text, x.size);
        assert.ok(x.x >= pageBox.left - 0.01, `page ${i + 1}: “${x.text}” starts left of the margin`);
        assert.ok(x.x + w <= right + 0.01, `page ${i + 1}: “${x.text}” runs past the right margin`);
        assert.ok(
          x.y >= pageBox.bottom - 40 && x.y <= pageBox.height - pageBox.top,
          `page ${i + 1}: “${x.text}” off the page`,
        );
      }
      const footer = p.texts.filter((x) => x.grey && x.size === 8).map((x) => x.text);
      assert.ok(footer.includes(`Seite ${i + 1} von ${pages.length}`), footer.join(' | '));
      assert.ok(
        footer.some((f) => f.includes(name)),
        'the footer names whose certificate it is',
      );
    }
    // texts on one line of a page never overlap each other (the columns keep apart)
    for (const p of pages) {
      const byLine = new Map<number, typeof p.texts>();
      for (const x of p.texts)
        byLine.set(Math.round(x.y * 10), [...(byLine.get(Math.round(x.y * 10)) ?? []), x]);
      for (const line of byLine.values()) {
        const spans = line
          .map((x) => [x.x, x.x + (x.bold ? m.bold : m.regular)(x.text, x.size)] as const)
          .sort((a, b) => a[0] - b[0]);
        for (let j = 1; j < spans.length; j++)
          assert.ok(spans[j]![0] >= spans[j - 1]![1] + 2, `overlap: ${line.map((x) => x.text).join(' | ')}`);
      }
    }
    const all = pages.flatMap((p) => p.texts.map((x) => x.text)).join(' ');
    for (const word of [...longActivity.split(' '), ...longOrg.split(' ')])
      assert.ok(all.includes(toWinAnsi(word)), `“${word}” is on the certificate, not cut off`);
    assert.ok(!all.includes('…'), 'nothing is shortened');
    assert.ok(all.includes('Ausgestellt am 10. Dezember 2026'));
    assert.ok(all.includes('Unterschrift und Stempel der Organisation') && all.includes('Ort, Datum'));
    const last = pages.at(-1)!;
    assert.ok(
      last.texts.some((x) => x.text === 'Ort, Datum'),
      'the signature is on the last page',
    );
    assert.equal(last.rules.filter((r) => r.thickness === 0.6).length, 2, 'two lines to sign on');
    const pdf = await renderCertificatePdf(c, 'en');
    assert.equal((await PDFDocument.load(pdf)).getPageCount(), layoutCertificate(c, 'en', m).length);
  });

  test('wrapping keeps every word and splits only a word wider than the line', () => {
    const measure = (s: string) => s.length * 5;
    assert.deepEqual(wrap('ein zwei drei', 40, measure), ['ein zwei', 'drei']);
    const long = wrap('Donaudampfschifffahrtsgesellschaft', 60, measure);
    assert.ok(
      long.every((l) => measure(l) <= 60),
      long.join('|'),
    );
    assert.equal(long.join('').replaceAll('-', ''), 'Donaudampfschifffahrtsgesellschaft');
  });

  test('dates: 01.11.2026 in German, 1 Nov 2026 in English, the issue date written out', async () => {
    assert.equal(formatDate('2026-11-01', 'de'), '01.11.2026');
    assert.equal(formatDate('2026-11-01', 'en'), '1 Nov 2026');
    const c = buildCertificate({ id: 'p', name: 'Jonas' }, 'N', '2026-03-05', []);
    assert.ok(renderCertificateHtml(c, 'de').includes('Ausgestellt am 5. März 2026'));
    assert.ok(renderCertificateHtml(c, 'en').includes('Issued on 5 March 2026'));
    assert.ok(renderCertificateHtml(c, 'de').includes('Unterschrift und Stempel der Organisation'));
    const all = layoutCertificate(c, 'de', await helvetica()).flatMap((p) => p.texts.map((x) => x.text));
    assert.ok(all.includes('Bisher sind keine bestätigten Stunden verzeichnet.'));
  });
});
