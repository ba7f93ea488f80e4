// CSV export of calls: RFC 4180, safe to open in a spreadsheet.
import type { Call } from './model.ts';

const COLUMNS = [
  'sid',
  'parentCallSid',
  'accountSid',
  'from',
  'to',
  'direction',
  'status',
  'origin',
  'queuedAt',
  'initiatedAt',
  'ringingAt',
  'answeredAt',
  'endedAt',
  'durationSeconds',
  'sipResponseCode',
  'answeredBy',
  'errorCode',
  'errorMessage',
  'updatedAt',
] as const satisfies readonly (keyof Call)[];

/** An E.164 number: '+', then up to 15 digits, not starting with 0. Spreadsheets read it as a number, never a formula. */
const E164 = /^\+[1-9]\d{1,14}$/;
/** Leading characters a spreadsheet treats as a formula (OWASP CSV injection), including tab and CR. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Neutralises formula injection with a leading apostrophe, leaving E.164 phone numbers intact. */
export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) && !E164.test(cell) ? `'${cell}` : cell;
}

/** RFC 4180: a field with a comma, quote, CR or LF is quoted, with quotes doubled. */
export function quoteField(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

const formatCell = (value: Call[keyof Call]): string => quoteField(neutraliseFormula(value === null ? '' : String(value)));

/** A header row, then one row per call; CRLF line ends, as RFC 4180 specifies. */
export function callsToCsv(calls: readonly Call[]): string {
  const rows = [COLUMNS.join(','), ...calls.map((call) => COLUMNS.map((column) => formatCell(call[column])).join(','))];
  return `${rows.join('\r\n')}\r\n`;
}
