/**
 * A number column as a few tokens: quantile bins, each split into `offsets` equal sub-bins for the
 * fine position. A value that holds a large share of the column (capital-gain's zeros) gets a bin of
 * its own, a point, so it comes back exactly; so does every value of a column with few distinct ones.
 */
export type NumberBin = { kind: 'point'; value: number } | { kind: 'range'; lo: number; hi: number };

/** Bins over `values` (finite numbers), ordered by value, at most `count` of them. */
export function fitBins(values: readonly number[], count: number): NumberBin[] {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return [{ kind: 'point', value: 0 }];
  const distinct = countDistinct(sorted);
  if (distinct.length <= count) return distinct.map(([value]) => ({ kind: 'point', value }));
  // A value with at least a bin's share of the rows is a point: a range around it would smear it.
  const atoms = distinct.filter(([, n]) => n >= sorted.length / count).map(([value]) => value);
  const atomSet = new Set(atoms);
  const rest = sorted.filter((v) => !atomSet.has(v));
  const ranges = Math.max(1, count - atoms.length);
  const edges: number[] = [];
  for (let i = 0; i <= ranges; i++) {
    const edge = rest[Math.min(rest.length - 1, Math.floor((i / ranges) * (rest.length - 1)))]!;
    if (edges.length === 0 || edge > edges.at(-1)!) edges.push(edge);
  }
  if (edges.length === 1) edges.push(edges[0]!);
  const bins: NumberBin[] = [
    ...atoms.map((value): NumberBin => ({ kind: 'point', value })),
    ...edges.slice(1).map((hi, i): NumberBin => ({ kind: 'range', lo: edges[i]!, hi })),
  ];
  return bins.sort((a, b) => lowOf(a) - lowOf(b));
}

/** Which bin holds `x`, and its sub-bin (0 for a point). Values beyond the ranges go to the nearest one. */
export function binOf(bins: readonly NumberBin[], offsets: number, x: number): [bin: number, offset: number] {
  // Points first: a point may lie inside a range (the ranges cover the rest of the values around it).
  const point = bins.findIndex((b) => b.kind === 'point' && b.value === x);
  if (point >= 0) return [point, 0];
  let nearest = -1;
  let nearestGap = Infinity;
  bins.forEach((bin, k) => {
    const gap =
      bin.kind === 'point' ? Math.abs(x - bin.value) : x < bin.lo ? bin.lo - x : Math.max(0, x - bin.hi);
    // Ranges share their edges: an edge value belongs to the range that starts there.
    if (gap < nearestGap || (gap === 0 && bin.kind === 'range' && x === bin.lo))
      [nearest, nearestGap] = [k, gap];
  });
  const bin = bins[nearest]!;
  return [nearest, bin.kind === 'point' ? 0 : subBin(bin, offsets, Math.min(Math.max(x, bin.lo), bin.hi))];
}

/** The value a bin and sub-bin stand for: the point, or the middle of the sub-bin. */
export function valueOf(bin: NumberBin, offsets: number, offset: number): number {
  if (bin.kind === 'point') return bin.value;
  return bin.lo + ((offset + 0.5) / offsets) * (bin.hi - bin.lo);
}

/** How the vocabulary view writes a bin. */
export function binLabel(bin: NumberBin, format: (x: number) => string): string {
  return bin.kind === 'point' ? `= ${format(bin.value)}` : `${format(bin.lo)} to ${format(bin.hi)}`;
}

function subBin(bin: Extract<NumberBin, { kind: 'range' }>, offsets: number, x: number): number {
  const width = bin.hi - bin.lo;
  if (width <= 0) return 0;
  return Math.min(offsets - 1, Math.floor(((x - bin.lo) / width) * offsets));
}

function lowOf(bin: NumberBin): number {
  return bin.kind === 'point' ? bin.value : bin.lo;
}

function countDistinct(sorted: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const v of sorted) {
    const last = out.at(-1);
    if (last && last[0] === v) last[1]++;
    else out.push([v, 1]);
  }
  return out;
}
