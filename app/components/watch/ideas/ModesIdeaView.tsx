import { memo, useState } from 'react';
import type { ModeColumn, ModesIdea } from '../../../../src/api';
import { GENERATED_COLOUR, REAL_COLOUR } from '../ColumnViews';

const WIDTH = 160;
const HEIGHT = 50;
export const MODE_COLOURS = [
  '#0072b2',
  '#cc79a7',
  '#009e73',
  '#d55e00',
  '#56b4e9',
  '#e69f00',
  '#000000',
  '#7c3aed',
  '#be123c',
  '#65a30d',
];

/**
 * CTGAN's idea, mode-specific normalisation: each number column is a mixture of Gaussian modes, fitted
 * once to the real values (their curves over the real histogram); a value is written as its mode and
 * its place within it. Under each chart the share of real and of generated values in each mode: a
 * generator that drops a mode shows it here first.
 */
export const ModesIdeaView = memo(function ModesIdeaView({ idea }: { idea: ModesIdea }) {
  const [hover, setHover] = useState<string | null>(null);
  return (
    <figure className="modes-idea" aria-label="Modes of each number column" data-step={idea.snapshot.step}>
      <p className="watch-caption">
        Each number as a mix of modes (curves, fitted to the real values{' '}
        <span className="key" style={{ background: REAL_COLOUR }} aria-hidden="true" />
        ): the generator picks a mode, then a value in it (
        <span className="key" style={{ background: GENERATED_COLOUR }} aria-hidden="true" />, step{' '}
        {idea.snapshot.step.toLocaleString('en')}). Strips: each mode&apos;s share, real then generated.
      </p>
      <ul className="column-views mode-columns" onMouseLeave={() => setHover(null)}>
        {idea.columns.map((column) => (
          <li key={column.name}>
            <ModeChart column={column} onHover={setHover} />
          </li>
        ))}
      </ul>
      <figcaption className="column-hover">{hover ?? 'Hover a mode share for its figures.'}</figcaption>
    </figure>
  );
});

function ModeChart({ column, onHover }: { column: ModeColumn; onHover: (text: string) => void }) {
  const top = Math.max(...column.real, ...column.generated, ...column.modes.flatMap((m) => m.curve), 1e-9);
  const slot = WIDTH / column.real.length;
  const y = (share: number) => HEIGHT - (share / top) * HEIGHT;
  const value = (x: number) => compact(column.log ? Math.exp(x) : x);
  const modeText = (k: number) => {
    const m = column.modes[k]!;
    const where = column.log
      ? `around ${value(m.mean)} (log scale, sd ${m.std.toPrecision(2)})`
      : `mean ${value(m.mean)}, sd ${compact(m.std)}`;
    return `${column.name}, mode ${k + 1} (${where}, weight ${percent(m.weight)}): ${percent(m.realShare)} of real values, ${percent(m.generatedShare)} of generated`;
  };
  const strip = (side: 'real' | 'generated') => (
    <div className={`mode-strip ${side}`} role="img" aria-label={`${column.name}: ${side} values by mode`}>
      {column.modes.map((m, k) => {
        const share = side === 'real' ? m.realShare : m.generatedShare;
        return (
          <span
            key={k}
            style={{ width: `${share * 100}%`, background: MODE_COLOURS[k % MODE_COLOURS.length] }}
            data-share={share.toFixed(4)}
            onMouseEnter={() => onHover(modeText(k))}
          />
        );
      })}
    </div>
  );
  return (
    <figure className="column-view" aria-label={`${column.name}: ${column.modes.length} modes`}>
      <figcaption>
        <span className="column-name" title={column.name}>
          {column.name}
        </span>
        <span className="column-score">
          {column.modes.length} mode{column.modes.length === 1 ? '' : 's'}
          {column.log ? ' · log' : ''}
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" aria-hidden="true">
        {column.real.map((share, i) => (
          <rect
            key={`r${i}`}
            x={i * slot}
            y={y(share)}
            width={slot * 0.9}
            height={HEIGHT - y(share)}
            fill={REAL_COLOUR}
          />
        ))}
        {column.generated.map((share, i) => (
          <rect
            key={`g${i}`}
            className="generated-bin"
            x={i * slot + slot * 0.3}
            y={y(share)}
            width={slot * 0.35}
            height={HEIGHT - y(share)}
            fill={GENERATED_COLOUR}
          />
        ))}
        {column.modes.map((m, k) => (
          <polyline
            key={k}
            className="mode-curve"
            fill="none"
            stroke={MODE_COLOURS[k % MODE_COLOURS.length]}
            points={m.curve
              .map(
                (share, i) =>
                  `${(((i + 0.5) / column.curvePoints) * WIDTH).toFixed(1)},${y(share).toFixed(1)}`,
              )
              .join(' ')}
          />
        ))}
      </svg>
      <p className="column-range">
        {value(column.x0)} … {value(column.x1)}
      </p>
      {strip('real')}
      {strip('generated')}
    </figure>
  );
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
const compact = (v: number) =>
  Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en') : String(Number(v.toPrecision(3)));
