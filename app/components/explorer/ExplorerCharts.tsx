import type { ClassAnswers, DecileError, ExplorerAnswers } from '../../../src/api';

/** One colour per class, in the forest's class order (then repeating). */
export const CLASS_COLOURS = ['#2563eb', '#ea580c', '#16a34a', '#9333ea', '#dc2626', '#0891b2', '#ca8a04'];
export const classColour = (index: number) => CLASS_COLOURS[index % CLASS_COLOURS.length]!;

const SIZE = { width: 360, height: 300 };
const PAD = { left: 40, right: 10, top: 10, bottom: 36 };

/** Asked confidence (x) against the forest's obtained confidence (y), coloured by asked class, with the diagonal. */
export function CalibrationScatter({ answers }: { answers: ExplorerAnswers }) {
  const low = Math.min(1 / Math.max(answers.classes.length, 1), ...answers.obtained);
  const from = Math.max(0, Math.floor(low * 10) / 10);
  const plot = { w: SIZE.width - PAD.left - PAD.right, h: SIZE.height - PAD.top - PAD.bottom };
  const x = (v: number) => PAD.left + ((v - from) / (1 - from)) * plot.w;
  const y = (v: number) => PAD.top + plot.h - ((v - from) / (1 - from)) * plot.h;
  const ticks = Array.from({ length: Math.round((1 - from) * 10) + 1 }, (_, i) => from + i / 10);
  return (
    <figure className="explorer-figure" aria-label="Asked against obtained confidence">
      <svg
        role="img"
        aria-label="Asked against obtained confidence"
        viewBox={`0 0 ${SIZE.width} ${SIZE.height}`}
        data-point-count={answers.asked.length}
        data-step={answers.step}
      >
        <rect x={PAD.left} y={PAD.top} width={plot.w} height={plot.h} fill="#f9fafb" stroke="#d1d5db" />
        <line x1={x(from)} y1={y(from)} x2={x(1)} y2={y(1)} stroke="#111827" strokeDasharray="4 3" />
        {answers.asked.map((asked, i) => (
          <circle
            key={i}
            cx={x(asked)}
            cy={y(Math.max(from, answers.obtained[i]!))}
            r={2}
            fill={classColour(Math.max(0, answers.askedClass[i]!))}
            fillOpacity={0.55}
          />
        ))}
        {ticks.map((t) => (
          <g key={t} fontSize="10" fill="#4b5563">
            <text x={x(t)} y={SIZE.height - 22} textAnchor="middle">
              {t.toFixed(1)}
            </text>
            <text x={PAD.left - 4} y={y(t) + 3} textAnchor="end">
              {t.toFixed(1)}
            </text>
          </g>
        ))}
        <text x={PAD.left + plot.w / 2} y={SIZE.height - 6} textAnchor="middle" fontSize="11">
          asked confidence
        </text>
        <text
          x={10}
          y={PAD.top + plot.h / 2}
          fontSize="11"
          transform={`rotate(-90 10 ${PAD.top + plot.h / 2})`}
          textAnchor="middle"
        >
          forest's confidence
        </text>
      </svg>
      <figcaption>
        {answers.classes.map((name, i) => (
          <span key={name} className="legend-item">
            <span className="swatch" style={{ background: classColour(i) }} /> {name}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

const BAR = { width: 360, height: 150, pad: { left: 40, right: 10, top: 10, bottom: 24 } };

/** Mean absolute error per decile of asked confidence. */
export function DecileErrors({ deciles }: { deciles: DecileError[] }) {
  const { pad } = BAR;
  const plot = { w: BAR.width - pad.left - pad.right, h: BAR.height - pad.top - pad.bottom };
  const top = Math.max(0.1, ...deciles.map((d) => d.mae));
  const barW = plot.w / Math.max(deciles.length, 1);
  return (
    <svg
      role="img"
      aria-label="Error by confidence decile"
      className="explorer-bars"
      viewBox={`0 0 ${BAR.width} ${BAR.height}`}
    >
      {deciles.map((d, i) => {
        const h = (d.mae / top) * plot.h;
        return (
          <g key={d.from}>
            <rect
              x={pad.left + i * barW + 2}
              y={pad.top + plot.h - h}
              width={Math.max(0, barW - 4)}
              height={h}
              fill="#6b7280"
            >
              <title>{`${d.from.toFixed(1)}–${d.to.toFixed(1)}: MAE ${d.mae.toFixed(3)} over ${d.count} rows`}</title>
            </rect>
            <text
              x={pad.left + (i + 0.5) * barW}
              y={BAR.height - 8}
              fontSize="10"
              textAnchor="middle"
              fill="#4b5563"
            >
              {`${d.from.toFixed(1)}–${d.to.toFixed(1)}`}
            </text>
          </g>
        );
      })}
      <text x={pad.left - 4} y={pad.top + 8} fontSize="10" textAnchor="end" fill="#4b5563">
        {top.toFixed(2)}
      </text>
      <text x={pad.left - 4} y={pad.top + plot.h} fontSize="10" textAnchor="end" fill="#4b5563">
        0
      </text>
    </svg>
  );
}

const HIST = { width: 170, height: 90, pad: 14 };

/** The forest's confidence in the rows that asked for one class, in ten bins over [0, 1]. */
export function ClassHistogram({ entry, index }: { entry: ClassAnswers; index: number }) {
  const max = Math.max(1, ...entry.histogram);
  const plotH = HIST.height - 2 * HIST.pad;
  const barW = (HIST.width - 2 * HIST.pad) / entry.histogram.length;
  return (
    <figure className="explorer-histogram">
      <svg
        role="img"
        aria-label={`Scores of rows asked for ${entry.name}`}
        viewBox={`0 0 ${HIST.width} ${HIST.height}`}
      >
        {entry.histogram.map((count, i) => {
          const h = (count / max) * plotH;
          return (
            <rect
              key={i}
              x={HIST.pad + i * barW + 0.5}
              y={HIST.pad + plotH - h}
              width={barW - 1}
              height={h}
              fill={classColour(index)}
            >
              <title>{`${(i / 10).toFixed(1)}–${((i + 1) / 10).toFixed(1)}: ${count} rows`}</title>
            </rect>
          );
        })}
        {[0, 0.5, 1].map((t) => (
          <text
            key={t}
            x={HIST.pad + t * (HIST.width - 2 * HIST.pad)}
            y={HIST.height - 2}
            fontSize="9"
            textAnchor="middle"
            fill="#4b5563"
          >
            {t}
          </text>
        ))}
      </svg>
      <figcaption>{entry.name}</figcaption>
    </figure>
  );
}
