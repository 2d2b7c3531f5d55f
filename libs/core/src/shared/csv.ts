import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | boolean | null;

/**
 * A cell a spreadsheet would read as a formula (OWASP CSV injection): `=`, `+`, `-`, `@`, tab or
 * carriage return first. Numbers are written as numbers and never neutralised, so -3 stays -3.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes a text cell that would start a formula with a single quote, so it is shown as text. */
export function neutralizeCsvText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Undoes neutralizeCsvText on import, so an exported file imports back to the same values. */
export function restoreCsvText(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

function cellText(cell: CsvCell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return neutralizeCsvText(cell);
  return String(cell);
}

/**
 * The one CSV writer every export uses: a header row, every text cell neutralised against formula
 * injection and every non-empty field quoted (double quotes doubled), as OWASP recommends.
 */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvCell[]>): string {
  return stringify([header.map(neutralizeCsvText), ...rows.map((row) => row.map(cellText))], { quoted: true });
}
