import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import type { LadderLevel } from '../../../db/schema.ts';
import { type Locale, t } from '../../../i18n/messages.ts';

/** One confirmed activity on the certificate. */
export interface CertificateEntry {
  id: string;
  date: string;
  activity: string;
  organisationId: string;
  organisationName: string;
  minutes: number;
  level: LadderLevel | null;
}

/** The volunteer certificate (Ehrenamtsnachweis): confirmed activities only, with exact totals. */
export interface Certificate {
  person: { id: string; name: string };
  network: string;
  issuedOn: string;
  totalMinutes: number;
  organisations: { id: string; name: string; minutes: number; entries: number }[];
  entries: CertificateEntry[];
}

/**
 * Builds the certificate from confirmed entries. The caller passes only confirmed ones; this
 * refuses anything else so a pending or rejected entry can never reach a printed certificate.
 */
export function buildCertificate(
  person: { id: string; name: string },
  network: string,
  issuedOn: string,
  rows: (CertificateEntry & { status: string })[],
): Certificate {
  const entries = rows.map(({ status, ...e }) => {
    if (status !== 'confirmed') throw new Error(`certificate got an entry that is ${status}`);
    return e;
  });
  const byOrg = new Map<string, { id: string; name: string; minutes: number; entries: number }>();
  for (const e of entries) {
    const o = byOrg.get(e.organisationId) ?? {
      id: e.organisationId,
      name: e.organisationName,
      minutes: 0,
      entries: 0,
    };
    o.minutes += e.minutes;
    o.entries += 1;
    byOrg.set(e.organisationId, o);
  }
  return {
    person,
    network,
    issuedOn,
    totalMinutes: entries.reduce((sum, e) => sum + e.minutes, 0),
    organisations: [...byOrg.values()].sort((a, b) => b.minutes - a.minutes || a.name.localeCompare(b.name)),
    entries,
  };
}

/** Minutes as h:mm — exact, unlike decimal hours (20 minutes are not 0.33 hours). */
export function formatDuration(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

/** A date of the table: 01.11.2026 in German; 1 Nov 2026 in English (never the ambiguous 11/01). */
export function formatDate(isoDate: string, locale: Locale): string {
  const [y, m, d] = isoDate.split('-');
  if (locale === 'de') return `${d}.${m}.${y}`;
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${isoDate}T12:00:00Z`));
}

/** The date a certificate was issued, written out: 10. Dezember 2026, 10 December 2026. */
const longDate = (isoDate: string, locale: Locale) =>
  new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${isoDate}T12:00:00Z`));

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** A self-contained printable page (no scripts, no external resources). */
export function renderCertificateHtml(c: Certificate, locale: Locale): string {
  const h = (key: Parameters<typeof t>[1], params: Record<string, string | number> = {}) =>
    escapeHtml(t(locale, key, params));
  const rows = c.entries
    .map(
      (e) =>
        `<tr><td>${escapeHtml(formatDate(e.date, locale))}</td><td>${escapeHtml(e.activity)}</td>` +
        `<td>${escapeHtml(e.organisationName)}</td><td class="num">${formatDuration(e.minutes)}</td></tr>`,
    )
    .join('\n');
  const orgs = c.organisations
    .map((o) => `<tr><td>${escapeHtml(o.name)}</td><td class="num">${formatDuration(o.minutes)}</td></tr>`)
    .join('\n');
  const body =
    c.entries.length === 0
      ? `<p>${h('certificate.none')}</p>`
      : `<table>
<caption>${h('certificate.title')}</caption>
<thead><tr><th scope="col">${h('certificate.date')}</th><th scope="col">${h('certificate.activity')}</th><th scope="col">${h('certificate.organisation')}</th><th scope="col" class="num">${h('certificate.hours')} (h:mm)</th></tr></thead>
<tbody>
${rows}
</tbody>
<tfoot><tr><th scope="row" colspan="3">${h('certificate.total')}</th><td class="num">${formatDuration(c.totalMinutes)}</td></tr></tfoot>
</table>
<h2>${h('certificate.per_organisation')}</h2>
<table>
<thead><tr><th scope="col">${h('certificate.organisation')}</th><th scope="col" class="num">${h('certificate.hours')} (h:mm)</th></tr></thead>
<tbody>
${orgs}
</tbody>
</table>`;
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h('certificate.title')} – ${escapeHtml(c.person.name)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; color: #111; line-height: 1.5; }
table { width: 100%; border-collapse: collapse; margin: 1rem 0; }
caption { text-align: left; font-weight: bold; }
th, td { text-align: left; padding: 0.4rem; border-bottom: 1px solid #999; vertical-align: top; }
.num { text-align: right; white-space: nowrap; }
/* a phone is narrower than four columns of long German words */
td { overflow-wrap: anywhere; hyphens: auto; }
th.num { white-space: normal; }
@media (max-width: 30rem) { body { margin: 1rem auto; font-size: 0.9rem; } th, td { padding: 0.3rem 0.2rem; } }
.issued { margin-top: 2rem; }
.signature { display: flex; gap: 2rem; margin-top: 3.5rem; break-inside: avoid; }
.signature p { flex: 1; margin: 0; font-size: 0.85rem; color: #333; }
.signature .line { display: block; border-top: 1px solid #333; margin-bottom: 0.3rem; }
@media print { body { margin: 0; } }
</style>
</head>
<body>
<main>
<h1>${h('certificate.title')}</h1>
<p>${h('certificate.intro', { name: c.person.name, network: c.network })}</p>
${body}
<p class="issued">${h('certificate.issued', { date: longDate(c.issuedOn, locale) })}</p>
<div class="signature">
<p><span class="line"></span>${h('certificate.place_date')}</p>
<p><span class="line"></span>${h('certificate.signature')}</p>
</div>
</main>
</body>
</html>
`;
}

// The standard PDF fonts speak WinAnsi: Latin-1 plus a few typographic marks. Other letters lose
// their accents (ş → s) or, failing that, become "?", so a name never breaks the PDF.
const winAnsiExtras = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const fallbacks: Record<string, string> = { ı: 'i', ł: 'l', Ł: 'L', đ: 'd', Đ: 'D' };

export function toWinAnsi(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || winAnsiExtras.has(ch)) {
      out += ch;
      continue;
    }
    if (ch === '\n' || ch === '\t') {
      out += ' ';
      continue;
    }
    const base = (fallbacks[ch] ?? ch.normalize('NFD').replace(/\p{M}/gu, '')).replace(
      /[^\x20-\x7e\xa0-\xff]/g,
      '',
    );
    out += base.length > 0 ? base : '?';
  }
  return out;
}

/** Breaks text into lines that fit `width`; a word longer than a line is cut where it must be. */
export function wrap(text: string, width: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  const push = (word: string) => {
    // a word wider than the whole line (a long compound, an address) is split, never drawn past the edge
    let rest = word;
    while (measure(rest) > width && rest.length > 1) {
      let cut = rest.length - 1;
      while (cut > 1 && measure(`${rest.slice(0, cut)}-`) > width) cut--;
      lines.push(`${rest.slice(0, cut)}-`);
      rest = rest.slice(cut);
    }
    return rest;
  };
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (measure(next) <= width) line = next;
    else {
      if (line) lines.push(line);
      line = push(word);
    }
  }
  if (line) lines.push(line);
  return lines.length > 0 ? lines : [''];
}

/** One piece of text placed on a page (points from the bottom left, as PDF counts). */
export interface PlacedText {
  text: string;
  x: number;
  y: number;
  size: number;
  bold: boolean;
  grey?: boolean;
}
/** A rule (a horizontal line) placed on a page. */
export interface PlacedRule {
  x1: number;
  x2: number;
  y: number;
  thickness: number;
}
export interface CertificatePage {
  texts: PlacedText[];
  rules: PlacedRule[];
}

/** A4 in points, and the margins: 25 mm on the left for filing, 20 mm elsewhere, room for the footer. */
export const pageBox = {
  width: 595.28,
  height: 841.89,
  left: 70.87,
  right: 56.69,
  top: 56.69,
  bottom: 70.87,
};

/** Widths the layout measures text with, regular and bold, at a size. */
export interface Measure {
  regular: (s: string, size: number) => number;
  bold: (s: string, size: number) => number;
}

/**
 * Lays the certificate out on A4 pages: the title, whose it is, the confirmed activities as a table
 * whose cells wrap (nothing is cut off, a row never splits across pages, the header repeats), the
 * totals, the place for a signature and stamp, and on every page a footer with the name and the page
 * number. Pure: it only measures text, so a test can check that nothing leaves its column or the page.
 */
export function layoutCertificate(c: Certificate, locale: Locale, m: Measure): CertificatePage[] {
  const tr = (key: Parameters<typeof t>[1], params: Record<string, string | number> = {}) =>
    toWinAnsi(t(locale, key, params));
  const { width: pw, height: ph, left, right, top, bottom } = pageBox;
  const x2 = pw - right;
  const width = x2 - left;
  const pages: CertificatePage[] = [];
  let page: CertificatePage = { texts: [], rules: [] };
  let y = 0;
  const newPage = () => {
    page = { texts: [], rules: [] };
    pages.push(page);
    y = ph - top;
  };
  newPage();
  const room = (h: number) => y - h >= bottom;
  const put = (text: string, x: number, size: number, bold = false, grey = false) =>
    page.texts.push({ text, x, y, size, bold, ...(grey ? { grey } : {}) });
  const measure = (bold: boolean, size: number) => (s: string) =>
    bold ? m.bold(s, size) : m.regular(s, size);
  const paragraph = (text: string, size: number, lineHeight: number, bold = false) => {
    for (const line of wrap(toWinAnsi(text), width, measure(bold, size))) {
      if (!room(lineHeight)) newPage();
      y -= size;
      put(line, left, size, bold);
      y -= lineHeight - size;
    }
  };

  // title and whose certificate it is
  paragraph(tr('certificate.title'), 22, 28, true);
  y -= 6;
  paragraph(c.person.name, 16, 21, true);
  y -= 8;
  paragraph(tr('certificate.intro', { name: c.person.name, network: c.network }), 11, 15.5);
  y -= 14;

  const hoursHeader = `${tr('certificate.hours')} (h:mm)`;
  const hoursWidth = Math.max(m.bold(hoursHeader, 9.5), m.regular('000:00', 10)) + 4;
  const dateWidth = m.regular(toWinAnsi(formatDate('2026-09-28', locale)), 10) + 12;
  const gap = 10;
  const flex = width - dateWidth - hoursWidth - 2 * gap;
  const cols = {
    date: { x: left, w: dateWidth },
    activity: { x: left + dateWidth, w: Math.floor(flex * 0.55) },
    organisation: {
      x: left + dateWidth + Math.floor(flex * 0.55) + gap,
      w: flex - Math.floor(flex * 0.55) - gap,
    },
    hours: { x: x2 - hoursWidth, w: hoursWidth },
  };
  const lineH = 12.5;
  const rightAligned = (s: string, size: number, bold: boolean) => x2 - measure(bold, size)(s);

  const header = () => {
    y -= 9.5;
    put(tr('certificate.date'), cols.date.x, 9.5, true);
    put(tr('certificate.activity'), cols.activity.x, 9.5, true);
    put(tr('certificate.organisation'), cols.organisation.x, 9.5, true);
    put(hoursHeader, rightAligned(hoursHeader, 9.5, true), 9.5, true);
    y -= 5;
    page.rules.push({ x1: left, x2, y, thickness: 0.8 });
    y -= 4;
  };

  if (c.entries.length === 0) {
    paragraph(tr('certificate.none'), 11, 15.5);
  } else {
    if (!room(60)) newPage();
    header();
    for (const e of c.entries) {
      const activity = wrap(toWinAnsi(e.activity), cols.activity.w - gap, measure(false, 10));
      const organisation = wrap(toWinAnsi(e.organisationName), cols.organisation.w, measure(false, 10));
      const rows = Math.max(activity.length, organisation.length);
      const h = rows * lineH + 5;
      if (!room(h)) {
        newPage();
        header();
      }
      const top = y;
      y -= 10;
      put(toWinAnsi(formatDate(e.date, locale)), cols.date.x, 10);
      const d = formatDuration(e.minutes);
      put(d, rightAligned(d, 10, false), 10);
      for (const [i, line] of activity.entries())
        page.texts.push({ text: line, x: cols.activity.x, y: y - i * lineH, size: 10, bold: false });
      for (const [i, line] of organisation.entries())
        page.texts.push({ text: line, x: cols.organisation.x, y: y - i * lineH, size: 10, bold: false });
      y = top - h;
      page.rules.push({ x1: left, x2, y: y + 1.5, thickness: 0.3 });
    }
    if (!room(40)) newPage();
    y -= 14;
    put(tr('certificate.total'), left, 11, true);
    const total = formatDuration(c.totalMinutes);
    put(total, rightAligned(total, 11, true), 11, true);
    y -= 26;

    if (!room(50)) newPage();
    paragraph(tr('certificate.per_organisation'), 12, 18, true);
    for (const o of c.organisations) {
      const lines = wrap(toWinAnsi(o.name), width - hoursWidth - gap, measure(false, 10));
      const h = lines.length * lineH + 3;
      if (!room(h)) newPage();
      const top = y;
      y -= 10;
      const d = formatDuration(o.minutes);
      put(d, rightAligned(d, 10, false), 10);
      for (const [i, line] of lines.entries())
        page.texts.push({ text: line, x: left, y: y - i * lineH, size: 10, bold: false });
      y = top - h;
    }
  }

  // issued on, and the place to sign: the lines stay together on one page
  if (!room(110)) newPage();
  y -= 24;
  paragraph(tr('certificate.issued', { date: longDate(c.issuedOn, locale) }), 10.5, 14);
  y -= 46;
  const half = (width - 30) / 2;
  page.rules.push({ x1: left, x2: left + half, y, thickness: 0.6 });
  page.rules.push({ x1: x2 - half, x2, y, thickness: 0.6 });
  y -= 11;
  put(tr('certificate.place_date'), left, 8.5, false, true);
  put(tr('certificate.signature'), x2 - half, 8.5, false, true);

  // the footer on every page: whose certificate, which page
  const name = toWinAnsi(`${t(locale, 'certificate.title')} – ${c.person.name}`);
  for (const [i, p] of pages.entries()) {
    const num = tr('certificate.page', { page: i + 1, pages: pages.length });
    const numWidth = m.regular(num, 8);
    const footY = bottom - 28;
    p.texts.push({
      text: wrap(name, width - numWidth - 20, (s) => m.regular(s, 8))[0] ?? '',
      x: left,
      y: footY,
      size: 8,
      bold: false,
      grey: true,
    });
    p.texts.push({ text: num, x: x2 - numWidth, y: footY, size: 8, bold: false, grey: true });
  }
  return pages;
}

/** The certificate as an A4 PDF with the same content as the printable page. */
export async function renderCertificatePdf(c: Certificate, locale: Locale): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(toWinAnsi(`${t(locale, 'certificate.title')} – ${c.person.name}`));
  pdf.setLanguage(locale);
  pdf.setCreator('Knotenpunkt');
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const pages = layoutCertificate(c, locale, {
    regular: (s, size) => font.widthOfTextAtSize(s, size),
    bold: (s, size) => bold.widthOfTextAtSize(s, size),
  });
  for (const p of pages) {
    const page = pdf.addPage([pageBox.width, pageBox.height]);
    for (const r of p.rules)
      page.drawLine({
        start: { x: r.x1, y: r.y },
        end: { x: r.x2, y: r.y },
        thickness: r.thickness,
        color: rgb(0.45, 0.45, 0.45),
      });
    for (const x of p.texts)
      page.drawText(x.text, {
        x: x.x,
        y: x.y,
        size: x.size,
        font: x.bold ? bold : font,
        color: x.grey ? rgb(0.3, 0.3, 0.3) : rgb(0, 0, 0),
      });
  }
  return pdf.save();
}
