/**
 * Column-shape distances as SDMetrics defines them (research notes, section 4). KSComplement and
 * TVComplement are 1 minus these.
 */

/** Two-sample Kolmogorov–Smirnov statistic: the largest gap between the two empirical CDFs. */
export function ksStatistic(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || b.length === 0) return 1;
  const x = Float64Array.from(a).sort();
  const y = Float64Array.from(b).sort();
  let i = 0;
  let j = 0;
  let gap = 0;
  while (i < x.length && j < y.length) {
    const value = Math.min(x[i]!, y[j]!);
    while (i < x.length && x[i]! <= value) i++;
    while (j < y.length && y[j]! <= value) j++;
    gap = Math.max(gap, Math.abs(i / x.length - j / y.length));
  }
  return gap;
}

/** Total variation distance between the category frequencies of two samples: ½·Σ|f_a − f_b|. */
export function tvDistance(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 1;
  const freq = new Map<string, [number, number]>();
  for (const v of a) freq.set(v, [(freq.get(v)?.[0] ?? 0) + 1, freq.get(v)?.[1] ?? 0]);
  for (const v of b) freq.set(v, [freq.get(v)?.[0] ?? 0, (freq.get(v)?.[1] ?? 0) + 1]);
  let sum = 0;
  for (const [ca, cb] of freq.values()) sum += Math.abs(ca / a.length - cb / b.length);
  return sum / 2;
}
