import { ROLE_COLOURS } from './mapModel';

interface Props {
  bins: number[];
  threshold: number;
}

const WIDTH = 360;
const HEIGHT = 140;
const PAD = { left: 30, right: 8, top: 8, bottom: 22 };

/** Discriminator scores of the counted rows over [0, 1], bins at or past the threshold in "fooled" colour. */
export function ScoreHistogram({ bins, threshold }: Props) {
  const max = Math.max(1, ...bins);
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.bottom - PAD.top;
  const barW = plotW / bins.length;
  const x = (score: number) => PAD.left + score * plotW;
  return (
    <svg
      role="img"
      aria-label="Discriminator scores"
      className="score-histogram"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      data-total={bins.reduce((a, b) => a + b, 0)}
    >
      {bins.map((count, i) => {
        const h = (count / max) * plotH;
        // A bin counts as passing when its lower edge reaches the threshold.
        const passing = i / bins.length >= threshold;
        return (
          <rect
            key={i}
            x={PAD.left + i * barW + 0.5}
            y={PAD.top + plotH - h}
            width={Math.max(0, barW - 1)}
            height={h}
            fill={passing ? ROLE_COLOURS.fooled : ROLE_COLOURS.rejected}
          >
            <title>{`${(i / bins.length).toFixed(2)}–${((i + 1) / bins.length).toFixed(2)}: ${count} rows`}</title>
          </rect>
        );
      })}
      <line x1={PAD.left} x2={WIDTH - PAD.right} y1={PAD.top + plotH} y2={PAD.top + plotH} stroke="#4b5563" />
      <line
        x1={x(threshold)}
        x2={x(threshold)}
        y1={PAD.top - 4}
        y2={PAD.top + plotH + 4}
        stroke="#111827"
        strokeDasharray="4 3"
      />
      {[0, 0.5, 1].map((tick) => (
        <text key={tick} x={x(tick)} y={HEIGHT - 6} textAnchor="middle" fontSize="11" fill="#4b5563">
          {tick}
        </text>
      ))}
      <text x={4} y={PAD.top + 10} fontSize="11" fill="#4b5563">
        {max}
      </text>
    </svg>
  );
}
