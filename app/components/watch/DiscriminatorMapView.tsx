import { memo, useMemo, useState } from 'react';
import { DEFAULT_THRESHOLD, type DiscriminatorMap } from '../../../src/api';

const WIDTH = 400;
const HEIGHT = 250;
/** The score's colours: 0 reads "generated", 1 "real" (the verdicts panel's real blue). */
const LOW = [251, 226, 196];
const HIGH = [186, 214, 240];
export const MAP_COLOURS = { real: '#0072b2', fooled: '#e69f00', rejected: '#cc79a7' } as const;

/**
 * The lattice's scores as a gridSize² image (one pixel a point, stretched smooth by the browser): one
 * element to draw, where a rect per point cost the main thread ~100 ms per snapshot.
 */
function heatImage(scores: Float32Array, size: number): string {
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const context = canvas.getContext('2d');
  if (!context) return '';
  const image = context.createImageData(size, size);
  scores.forEach((score, i) => {
    const t = Math.min(1, Math.max(0, score));
    LOW.forEach((low, c) => (image.data[4 * i + c] = Math.round(low + (HIGH[c]! - low) * t)));
    image.data[4 * i + 3] = 255;
  });
  context.putImageData(image, 0, 0);
  return canvas.toDataURL();
}

/**
 * The discriminator's view on a fixed plane (principal components of the real rows): its score over
 * the plane behind, real rows and the fixed generated rows on it, the generated ones coloured by
 * verdict and gliding from snapshot to snapshot (the same rows each time). Hover a point for its score.
 */
export const DiscriminatorMapView = memo(function DiscriminatorMapView({ map }: { map: DiscriminatorMap }) {
  const [hover, setHover] = useState<string | null>(null);
  const { extent, gridSize } = map;
  const sx = (x: number) => ((x - extent.x0) / (extent.x1 - extent.x0)) * WIDTH;
  const sy = (y: number) => ((extent.y1 - y) / (extent.y1 - extent.y0)) * HEIGHT;
  const heat = useMemo(() => heatImage(map.gridScores, gridSize), [map.gridScores, gridSize]);
  const what = map.scale === 'probability' ? 'score' : 'share of real rows scored lower';
  const fooled = Array.from(map.generatedScores).filter((s) => s >= DEFAULT_THRESHOLD).length;
  const points = (xy: Float32Array, scores: Float32Array, kind: 'real' | 'generated') =>
    Array.from(scores, (score, i) => {
      const verdict = kind === 'real' ? 'real' : score >= DEFAULT_THRESHOLD ? 'fooled' : 'rejected';
      return (
        <circle
          key={`${kind}-${i}`}
          className={`map-point ${verdict}`}
          r={kind === 'real' ? 2.2 : 2.8}
          style={{ transform: `translate(${sx(xy[2 * i]!)}px, ${sy(xy[2 * i + 1]!)}px)` }}
          fill={MAP_COLOURS[verdict]}
          onMouseEnter={() =>
            setHover(`${kind === 'real' ? 'Real' : 'Generated'} row ${i + 1}: ${what} ${score.toFixed(3)}`)
          }
          onMouseLeave={() => setHover(null)}
        />
      );
    });
  return (
    <figure
      className="discriminator-map"
      aria-label="The discriminator's view"
      data-step={map.snapshot.step}
      data-grid={Array.from(map.gridScores, (s) => s.toFixed(3)).join(' ')}
    >
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={describe(map, fooled)}>
        <image className="map-heat" href={heat} width={WIDTH} height={HEIGHT} preserveAspectRatio="none" />
        {points(map.real, map.realScores, 'real')}
        {points(map.generated, map.generatedScores, 'generated')}
      </svg>
      <figcaption className="column-hover">
        {hover ??
          `Snapshot at step ${map.snapshot.step.toLocaleString('en')}: ${fooled} of ${map.generatedScores.length} generated rows pass as real. Axes: the real rows' two main directions (${percent(map.explained[0])} and ${percent(map.explained[1])} of their spread).`}
      </figcaption>
    </figure>
  );
});

const percent = (share: number | undefined) => `${Math.round((share ?? 0) * 100)}%`;

function describe(map: DiscriminatorMap, fooled: number): string {
  return `The discriminator's view at step ${map.snapshot.step}: ${map.realScores.length} real rows, ${map.generatedScores.length} generated rows of which ${fooled} pass as real, over its score on the plane.`;
}
