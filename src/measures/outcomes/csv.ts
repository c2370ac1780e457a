/**
 * Comma-separated values for spreadsheets (RFC 4180), safe to open: a cell a spreadsheet would run
 * as a formula is written as text instead.
 */

export type CsvCell = string | number | null | undefined;

/** Characters that make Excel, LibreOffice or Google Sheets treat a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell starting with = + - @, a tab or a carriage return gets a leading single quote, so a
 * spreadsheet shows it as text rather than running it (OWASP "CSV injection"). Numbers are written
 * as they are: a negative number is a value, not a formula.
 */
export function neutraliseFormula(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return String(cell);
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** Quotes a cell when it holds a comma, a quote or a line break, doubling any quotes inside. */
function quoted(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One line of the file, ending with CRLF as RFC 4180 asks. */
export function csvLine(cells: CsvCell[]): string {
  return `${cells.map((cell) => quoted(neutraliseFormula(cell))).join(',')}\r\n`;
}

export function toCsv(header: string[], rows: CsvCell[][]): string {
  return [header, ...rows].map(csvLine).join('');
}
