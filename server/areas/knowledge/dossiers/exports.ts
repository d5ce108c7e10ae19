import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import { featureCollection, pointFeature } from '../../../http/geojson.ts';
import { type Locale, t } from '../../../i18n/messages.ts';
import { plainText } from '../../../platform/markdown.ts';

/** A dossier as it is exported: what the public page shows, nothing more (no names of supporters or posters). */
export interface DossierExport {
  id: string;
  title: string;
  summary: string;
  compiledBy: string;
  recipient: string | null;
  sentAt: string | null;
  people: number | null;
  fewPeople: boolean;
  minPeople: number;
  support: number | null;
  districts: string[];
  items: {
    type: string;
    id: string;
    title: string;
    district: string | null;
    note: string;
    lat: number | null;
    lng: number | null;
    status: string | null;
    kind: string | null;
    category: string | null;
    addedAt: string;
  }[];
  steps: { step: string; committee: string | null; date: string | null; at: string }[];
  answer: string | null;
  answeredAt: string | null;
  link: string;
}

/** One CSV field: quoted, quotes doubled, and a leading =+-@ defused so a spreadsheet never runs it. */
export function csvField(v: string | number | null): string {
  let s = v === null ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replaceAll('"', '""')}"`;
}

/** The evidence as CSV (UTF-8 with BOM, so spreadsheets read the umlauts). */
export function itemsCsv(d: DossierExport, locale: Locale): string {
  const head = ['type', 'id', 'title', 'district', 'note', 'status', 'lat', 'lng', 'added_at'];
  const rows = d.items.map((i) =>
    [
      t(locale, `dossiers.type.${i.type}` as Parameters<typeof t>[1]),
      i.id,
      i.title,
      i.district,
      i.note,
      i.status,
      i.lat,
      i.lng,
      i.addedAt,
    ]
      .map(csvField)
      .join(','),
  );
  return `\ufeff${[head.map(csvField).join(','), ...rows].join('\r\n')}\r\n`;
}

/** The dossier's map reports as a GeoJSON FeatureCollection (http/geojson.ts). */
export function reportsGeoJson(d: DossierExport) {
  return featureCollection(
    d.items
      .filter((i) => i.type === 'map_report' && i.lat !== null && i.lng !== null)
      .map((i) =>
        pointFeature(i.id, i.lng as number, i.lat as number, {
          title: i.title,
          kind: i.kind,
          category: i.category,
          status: i.status,
          district: i.district,
          note: i.note,
          dossier: d.title,
        }),
      ),
  );
}

// The standard PDF fonts speak WinAnsi: Latin-1 plus a few typographic marks. Other letters lose
// their accents (ş → s) or become "?", so no text breaks the PDF.
const winAnsiExtras = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const fallbacks: Record<string, string> = { ı: 'i', ł: 'l', Ł: 'L', đ: 'd', Đ: 'D' };
export function toWinAnsi(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || winAnsiExtras.has(ch)) out += ch;
    else if (ch === '\t') out += ' ';
    else {
      const base = (fallbacks[ch] ?? ch)
        .normalize('NFD')
        .replace(/\p{M}/gu, '')
        .replace(/[^\x20-\x7e\xa0-\xff]/g, '');
      out += base.length > 0 ? base : '?';
    }
  }
  return out;
}

/** Breaks text into lines no wider than `width`; a word wider than a line is split. */
export function wrap(text: string, width: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (let word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (measure(next) <= width) {
      line = next;
      continue;
    }
    if (line) lines.push(line);
    while (measure(word) > width && word.length > 1) {
      let cut = word.length - 1;
      while (cut > 1 && measure(`${word.slice(0, cut)}-`) > width) cut--;
      lines.push(`${word.slice(0, cut)}-`);
      word = word.slice(cut);
    }
    line = word;
  }
  if (line) lines.push(line);
  return lines;
}

const dayOf = (iso: string, locale: Locale) =>
  new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Berlin',
  }).format(new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso));

/** The steps of the handling, worded. */
export function stepLine(s: DossierExport['steps'][number], recipient: string, locale: Locale): string {
  const when = dayOf(s.at, locale);
  const what =
    s.step === 'sent'
      ? t(locale, 'dossiers.step.sent', { name: recipient })
      : s.step === 'on_agenda'
        ? t(locale, 'dossiers.step.on_agenda', {
            committee: s.committee ?? '',
            date: s.date ? dayOf(s.date, locale) : '',
          })
        : t(locale, `dossiers.step.${s.step}` as 'dossiers.step.received');
  return `${when}: ${what}`;
}

/** The dossier as a PDF (A4): title, who to whom, summary, figures, evidence, handling, answer; page numbers. */
export async function dossierPdf(d: DossierExport, locale: Locale): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(toWinAnsi(d.title));
  pdf.setLanguage(locale === 'de' ? 'de-DE' : 'en-GB');
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const [width, height] = [595.28, 841.89];
  const margin = 56;
  const column = width - 2 * margin;
  const pages: PDFPage[] = [];
  let page = pdf.addPage([width, height]);
  pages.push(page);
  let y = height - margin;

  const write = (
    text: string,
    o: { size?: number; font?: PDFFont; gap?: number; indent?: number; grey?: boolean } = {},
  ) => {
    const size = o.size ?? 10.5;
    const font = o.font ?? regular;
    const indent = o.indent ?? 0;
    const lineHeight = size * 1.35;
    for (const paragraph of toWinAnsi(text).split('\n')) {
      for (const line of wrap(paragraph, column - indent, (s) => font.widthOfTextAtSize(s, size))) {
        if (y - lineHeight < margin + 20) {
          page = pdf.addPage([width, height]);
          pages.push(page);
          y = height - margin;
        }
        y -= lineHeight;
        page.drawText(line, {
          x: margin + indent,
          y,
          size,
          font,
          color: o.grey ? rgb(0.3, 0.3, 0.3) : rgb(0, 0, 0),
        });
      }
      if (paragraph === '') y -= lineHeight / 2;
    }
    y -= o.gap ?? 4;
  };
  const heading = (text: string) => {
    y -= 8;
    write(text, { size: 13, font: bold, gap: 4 });
  };

  write(d.title, { size: 18, font: bold, gap: 8 });
  write(t(locale, 'dossiers.pdf.by', { name: d.compiledBy }), { grey: true, gap: 0 });
  if (d.recipient) write(t(locale, 'dossiers.pdf.to', { name: d.recipient }), { grey: true, gap: 0 });
  write(
    d.sentAt
      ? t(locale, 'dossiers.pdf.sent', { date: dayOf(d.sentAt, locale) })
      : t(locale, 'dossiers.pdf.draft'),
    {
      grey: true,
      gap: 0,
    },
  );
  write(t(locale, 'dossiers.pdf.link', { link: d.link }), { grey: true, size: 9 });

  heading(t(locale, 'dossiers.pdf.summary'));
  write(plainText(d.summary));

  heading(t(locale, 'dossiers.pdf.figures'));
  write(
    d.fewPeople
      ? t(locale, 'dossiers.pdf.few', { min: d.minPeople })
      : t(locale, 'dossiers.pdf.people', { count: d.people ?? 0 }),
    { gap: 0 },
  );
  if (d.support !== null) write(t(locale, 'dossiers.pdf.support', { count: d.support }), { gap: 0 });
  write(
    d.districts.length
      ? t(locale, 'dossiers.pdf.districts', { names: d.districts.join(', ') })
      : t(locale, 'dossiers.pdf.no_district'),
  );

  heading(t(locale, 'dossiers.pdf.items', { count: d.items.length }));
  for (const [n, i] of d.items.entries()) {
    const type = t(locale, `dossiers.type.${i.type}` as 'dossiers.type.map_report');
    write(`${n + 1}. ${i.title}`, { font: bold, gap: 0 });
    write([type, i.district].filter(Boolean).join(' · '), {
      grey: true,
      indent: 12,
      gap: i.note ? 0 : 4,
      size: 9.5,
    });
    if (i.note) write(i.note, { indent: 12 });
  }

  if (d.steps.length) {
    heading(t(locale, 'dossiers.pdf.handling'));
    for (const s of d.steps) write(stepLine(s, d.recipient ?? '', locale), { gap: 0 });
    y -= 4;
  }
  if (d.answer) {
    heading(t(locale, 'dossiers.pdf.answer'));
    write(plainText(d.answer));
  }

  for (const [n, p] of pages.entries()) {
    const footer = toWinAnsi(
      `${d.title.length > 70 ? `${d.title.slice(0, 70)}…` : d.title} · ${t(locale, 'dossiers.pdf.page', { page: n + 1, pages: pages.length })}`,
    );
    p.drawText(footer, { x: margin, y: margin - 24, size: 8, font: regular, color: rgb(0.35, 0.35, 0.35) });
  }
  return pdf.save();
}
