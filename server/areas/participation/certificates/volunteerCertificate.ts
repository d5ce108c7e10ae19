import { PDFDocument, type PDFFont, rgb, StandardFonts } from 'pdf-lib';
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

export function formatDate(isoDate: string, locale: Locale): string {
  const [y, m, d] = isoDate.split('-');
  return locale === 'de' ? `${d}.${m}.${y}` : `${y}-${m}-${d}`;
}

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
@media print { body { margin: 0; } }
</style>
</head>
<body>
<main>
<h1>${h('certificate.title')}</h1>
<p>${h('certificate.intro', { name: c.person.name, network: c.network })}</p>
${body}
<p>${h('certificate.issued', { date: formatDate(c.issuedOn, locale) })}</p>
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

function fit(text: string, font: PDFFont, size: number, width: number): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text;
  let s = text;
  while (s.length > 1 && font.widthOfTextAtSize(`${s}…`, size) > width) s = s.slice(0, -1);
  return `${s}…`;
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) <= width || !line) line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** The certificate as an A4 PDF with the same content as the printable page. */
export async function renderCertificatePdf(c: Certificate, locale: Locale): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(toWinAnsi(`${t(locale, 'certificate.title')} – ${c.person.name}`));
  pdf.setLanguage(locale);
  pdf.setCreator('Knotenpunkt');
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const [pageWidth, pageHeight] = [595.28, 841.89];
  const margin = 50;
  const width = pageWidth - 2 * margin;
  let page = pdf.addPage([pageWidth, pageHeight]);
  let y = pageHeight - margin;
  const ensure = (space: number) => {
    if (y - space < margin) {
      page = pdf.addPage([pageWidth, pageHeight]);
      y = pageHeight - margin;
    }
  };
  const text = (s: string, x: number, size: number, f: PDFFont = font) =>
    page.drawText(toWinAnsi(s), { x, y, size, font: f, color: rgb(0, 0, 0) });

  text(t(locale, 'certificate.title'), margin, 20, bold);
  y -= 32;
  for (const line of wrap(
    toWinAnsi(t(locale, 'certificate.intro', { name: c.person.name, network: c.network })),
    font,
    11,
    width,
  )) {
    ensure(15);
    text(line, margin, 11);
    y -= 15;
  }
  y -= 10;
  const cols = [margin, margin + 70, margin + 290, margin + width - 60];
  const header = () => {
    ensure(20);
    text(t(locale, 'certificate.date'), cols[0] as number, 10, bold);
    text(t(locale, 'certificate.activity'), cols[1] as number, 10, bold);
    text(t(locale, 'certificate.organisation'), cols[2] as number, 10, bold);
    text(`${t(locale, 'certificate.hours')} (h:mm)`, cols[3] as number, 10, bold);
    y -= 16;
  };
  if (c.entries.length === 0) {
    text(t(locale, 'certificate.none'), margin, 11);
    y -= 16;
  } else {
    header();
    for (const e of c.entries) {
      if (y - 14 < margin) {
        ensure(1000);
        header();
      }
      text(formatDate(e.date, locale), cols[0] as number, 10);
      text(fit(toWinAnsi(e.activity), font, 10, 210), cols[1] as number, 10);
      text(fit(toWinAnsi(e.organisationName), font, 10, 180), cols[2] as number, 10);
      text(formatDuration(e.minutes), cols[3] as number, 10);
      y -= 14;
    }
    ensure(40);
    y -= 4;
    text(t(locale, 'certificate.total'), cols[0] as number, 11, bold);
    text(formatDuration(c.totalMinutes), cols[3] as number, 11, bold);
    y -= 28;
    ensure(20);
    text(t(locale, 'certificate.per_organisation'), margin, 12, bold);
    y -= 18;
    for (const o of c.organisations) {
      ensure(14);
      text(fit(toWinAnsi(o.name), font, 10, width - 80), margin, 10);
      text(formatDuration(o.minutes), cols[3] as number, 10);
      y -= 14;
    }
  }
  y -= 20;
  ensure(14);
  text(t(locale, 'certificate.issued', { date: formatDate(c.issuedOn, locale) }), margin, 10);
  return pdf.save();
}
