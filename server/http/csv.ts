import type { FastifyReply } from 'fastify';

/**
 * How the cells of a CSV file are written: the separator (`;` is what spreadsheet programs set to
 * German expect), and whether every text cell is quoted or only one that needs it.
 */
export interface CsvStyle {
  separator: ',' | ';';
  quote: 'always' | 'needed';
}

/** One cell. Text a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe. */
export function csvCell(v: string | number, style: CsvStyle): string {
  if (typeof v === 'number') return String(v);
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return style.quote === 'always' || /[",;\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(style: CsvStyle, cells: (string | number)[]): string {
  return cells.map((c) => csvCell(c, style)).join(style.separator);
}

/** Sends the lines as a CSV download: UTF-8 with a byte-order mark (so spreadsheets read umlauts), CRLF. */
export function sendCsv(reply: FastifyReply, filename: string, lines: string[]) {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(`\uFEFF${lines.join('\r\n')}\r\n`);
}
