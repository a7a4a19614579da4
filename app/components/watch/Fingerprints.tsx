import { memo, useState } from 'react';
import type { FingerprintRow, Fingerprints as FingerprintData } from '../../../src/api';

const CELL = { width: 14, height: 7 };
const LEVEL_COLOURS = [
  '#0072b2',
  '#e69f00',
  '#009e73',
  '#cc79a7',
  '#56b4e9',
  '#d55e00',
  '#f0e442',
  '#000000',
];
const MISSING_COLOUR = '#ffffff';

/**
 * Rows as colour strips, real beside generated, one cell per column: a number's place in its real range
 * from pale to dark blue, a category's level in its own colour. Rows are sorted by the target, so a
 * class's rows line up on both sides; a generator that has learnt draws the same patterns.
 */
export const Fingerprints = memo(function Fingerprints({ data }: { data: FingerprintData }) {
  const [hover, setHover] = useState<{ side: string; row: FingerprintRow } | null>(null);
  const names = data.columns.map((c) => c.name);
  const colour = (value: number | null, c: number) => {
    if (value === null) return MISSING_COLOUR;
    if (data.columns[c]!.kind === 'categorical') return LEVEL_COLOURS[value % LEVEL_COLOURS.length]!;
    return `hsl(212 70% ${Math.round(92 - value * 62)}%)`;
  };
  const strips = (side: 'Real' | 'Generated', rows: FingerprintRow[]) => (
    <figure className="fingerprint" aria-label={`${side} fingerprints`}>
      <figcaption>{side}</figcaption>
      <svg
        viewBox={`0 0 ${CELL.width * names.length} ${CELL.height * rows.length}`}
        width={CELL.width * names.length * 1.5}
        role="img"
        aria-label={`${side} rows as colour strips, ${rows.length} rows`}
        onMouseLeave={() => setHover(null)}
      >
        {rows.map((row, r) => (
          <g key={r} onMouseEnter={() => setHover({ side, row })}>
            <title>{row.cells.map((cell, c) => `${names[c]}: ${cell ?? '(missing)'}`).join('\n')}</title>
            {row.values.map((value, c) => (
              <rect
                key={c}
                x={c * CELL.width}
                y={r * CELL.height}
                width={CELL.width - 1}
                height={CELL.height - 1}
                fill={colour(value, c)}
              />
            ))}
          </g>
        ))}
      </svg>
    </figure>
  );
  return (
    <div className="fingerprints">
      {strips('Real', data.real)}
      {strips('Generated', data.generated)}
      <p className="fingerprint-row">
        {hover
          ? `${hover.side}: ${hover.row.cells.map((cell, c) => `${names[c]} ${cell ?? '–'}`).join(' · ')}`
          : `Columns left to right: ${names.join(', ')}.`}
      </p>
    </div>
  );
});
