import Papa from 'papaparse';

/**
 * Text that a spreadsheet would run as a formula: it begins with = + - @, a tab or a carriage return
 * (OWASP, "CSV Injection"), unless the whole cell is a plain number such as -3.5 or +1e-4.
 */
const FORMULA_START = /^(?![+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$)[=+\-@\t\r]/i;

export type CsvValue = string | number | null;

/**
 * Rows as CSV for the user to open elsewhere (header included). A text cell or column name that could
 * run as a formula gets a leading apostrophe, so a spreadsheet shows it as text; numbers are kept as
 * they are. Missing values (null) are written empty.
 */
export function writeCsv(fields: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return Papa.unparse(
    { fields: [...fields], data: rows.map((row) => [...row]) },
    { escapeFormulae: FORMULA_START },
  );
}
