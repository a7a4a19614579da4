import { memo, useState } from 'react';
import type { ImageIdea, RowImage } from '../../../../src/api';

/** A cell's value in [−1, 1] as a grey: −1 white, 1 black, as the model's one channel. */
const grey = (value: number) =>
  `hsl(220 15% ${Math.round(96 - ((Math.max(-1, Math.min(1, value)) + 1) / 2) * 80)}%)`;

/**
 * table-GAN's idea: a row is a d×d one-channel image, each column one cell (a number scaled to
 * [−1, 1], a category's label index likewise, a flag cell for a number's gaps, zeros as padding).
 * Real rows beside the fixed batch's first generated rows, the same ones at every snapshot; hover a
 * cell for its column, its value in the image and the value it decodes to.
 */
export const ImageIdeaView = memo(function ImageIdeaView({ idea }: { idea: ImageIdea }) {
  const [hover, setHover] = useState<string | null>(null);
  const target = idea.cells.findIndex((c) => c.role === 'target');
  const describe = (side: string, index: number, row: RowImage, cell: number) => {
    const what = idea.cells[cell]!;
    const column = idea.columns.indexOf(what.label);
    const decoded = column >= 0 ? ` → ${row.cells[column] ?? 'missing'}` : '';
    return `${side} row ${index + 1}, cell ${cell + 1} (${what.label}): ${row.values[cell]!.toFixed(2)}${decoded}`;
  };
  const image = (side: 'Real' | 'Generated', row: RowImage, index: number) => (
    <div
      className="row-image"
      role="img"
      aria-label={`${side} row ${index + 1} as a ${idea.side}×${idea.side} image: ${row.cells.join(', ')}`}
      style={{ gridTemplateColumns: `repeat(${idea.side}, 1fr)` }}
      data-values={Array.from(row.values, (v) => v.toFixed(2)).join(' ')}
    >
      {Array.from(row.values, (value, cell) => (
        <span
          key={cell}
          className={`image-cell ${idea.cells[cell]!.role}`}
          style={{ background: grey(value) }}
          onMouseEnter={() => setHover(describe(side, index, row, cell))}
        />
      ))}
    </div>
  );
  return (
    <figure className="image-idea" aria-label="Rows as images" data-step={idea.snapshot.step}>
      <p className="watch-caption">
        Each row as a {idea.side}×{idea.side} image: a cell per column (−1 white … 1 black), a flag cell per
        number with gaps, then padding; the target, {idea.cells[target]?.label}, is outlined. Step{' '}
        {idea.snapshot.step.toLocaleString('en')}.
      </p>
      <div className="image-pairs" onMouseLeave={() => setHover(null)}>
        <span className="image-side">Real</span>
        {idea.real.map((row, i) => (
          <div key={`r${i}`}>{image('Real', row, i)}</div>
        ))}
        <span className="image-side">Generated</span>
        {idea.generated.map((row, i) => (
          <div key={`g${i}`}>{image('Generated', row, i)}</div>
        ))}
      </div>
      <figcaption className="column-hover">
        {hover ?? 'Hover a cell for its column, its value in the image and what it decodes to.'}
      </figcaption>
      <ol className="image-key" aria-label="What each cell holds">
        {idea.cells.map((cell, i) =>
          cell.role === 'padding' ? null : (
            <li key={i} value={i + 1} className={cell.role}>
              {cell.label}
            </li>
          ),
        )}
      </ol>
    </figure>
  );
});
