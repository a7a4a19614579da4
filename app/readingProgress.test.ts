import { describe, expect, it } from 'vitest';
import { createReadingProgress } from './readingProgress';

describe('reading progress', () => {
  it("tells its listeners of each tick and counts only the named file's", () => {
    const progress = createReadingProgress();
    let calls = 0;
    const stop = progress.subscribe(() => calls++);
    expect(progress.fractionOf('big.csv')).toBe(0);
    progress.report('big.csv', 0.25);
    progress.report('big.csv', 0.5);
    expect(calls).toBe(2);
    expect(progress.fractionOf('big.csv')).toBe(0.5);
    // A newer file's bar starts at 0, not at the older file's fraction.
    expect(progress.fractionOf('other.csv')).toBe(0);
    stop();
    progress.report('other.csv', 0.1);
    expect(calls).toBe(2);
    expect(progress.fractionOf('other.csv')).toBe(0.1);
  });
});
