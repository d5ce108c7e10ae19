/**
 * The pattern for `LIKE`/`ILIKE` that finds `text` anywhere in a value, taken literally: `%`, `_` and
 * the backslash (PostgreSQL's default escape character) in what a person typed match only themselves.
 */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
