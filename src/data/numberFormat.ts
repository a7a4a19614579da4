import type { Cell } from './table';

/** Decimal numbers as programs write them: `-1`, `1e3`, `.5`, `2.`. Excludes hex, `Infinity` and blanks. */
export const DECIMAL_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE]([+-]?\d+))?$/;

/** `1,234` and `1,234.5`: thousands separated by commas, decimals after a point. */
const COMMA_GROUPS = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
/** `3,75` and `1.234,5`: a decimal comma, thousands (if any) separated by points. */
const DECIMAL_COMMA = /^[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+),\d+$/;
/** `12` and `1.234.567`: what a decimal-comma column writes for whole numbers. */
const POINT_GROUPS = /^[+-]?(?:\d+|\d{1,3}(?:\.\d{3})+)$/;

type Style = 'comma groups' | 'decimal comma';

/**
 * Numbers as spreadsheets write them for people: `1,234.5`, or in much of Europe `1.234,5` and `3,75`.
 * A column whose every value is written one such way is rewritten in place as plain numbers (`1234.5`),
 * so it trains as a number rather than as thousands of categories; a note per column says so.
 * `1,234` alone could be either: a `;`-delimited file (the European habit) reads it as a decimal comma.
 */
export function readNumberFormats(
  file: string,
  columns: readonly string[],
  rows: Cell[][],
  delimiter: string,
): string[] {
  const notes: string[] = [];
  for (let c = 0; c < columns.length; c++) {
    const style = styleOf(rows, c, delimiter === ';');
    if (!style) continue;
    for (const row of rows) {
      const cell = row[c];
      if (cell == null) continue;
      row[c] =
        style === 'comma groups' ? cell.replaceAll(',', '') : cell.replaceAll('.', '').replace(',', '.');
    }
    const example = style === 'comma groups' ? '1,234.5' : '1.234,5';
    notes.push(
      `${file}: column '${columns[c]}' writes numbers with ${style === 'comma groups' ? 'thousands separators' : 'decimal commas'} (${example}); they were read as numbers.`,
    );
  }
  return notes;
}

/** The one human style every value of column `c` fits, if some value needs it; null otherwise. */
function styleOf(rows: Cell[][], c: number, preferDecimalComma: boolean): Style | null {
  let commaGroups = true;
  let decimalComma = true;
  let needed = false;
  for (const row of rows) {
    const cell = row[c];
    if (cell == null || DECIMAL_NUMBER.test(cell)) {
      // A plain number fits a comma-group column; a decimal-comma column has no point but in groups.
      if (cell != null && !POINT_GROUPS.test(cell)) decimalComma = false;
      continue;
    }
    needed = true;
    if (!COMMA_GROUPS.test(cell)) commaGroups = false;
    if (!DECIMAL_COMMA.test(cell) && !POINT_GROUPS.test(cell)) decimalComma = false;
    if (!commaGroups && !decimalComma) return null;
  }
  if (!needed) return null;
  if (commaGroups && decimalComma) return preferDecimalComma ? 'decimal comma' : 'comma groups';
  return commaGroups ? 'comma groups' : 'decimal comma';
}
