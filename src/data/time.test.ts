import { describe, expect, it } from 'vitest';
import { valueOf } from '../../test-support/measure';
import { qualityReport } from '../eval/metrics/quality';
import { commonTimeFormat, formatTime, parseTime, timeFormatOf } from './time';

describe('dates as numbers', () => {
  it('writes dates and date-times back exactly as they were read', () => {
    for (const text of [
      '2012-01-01',
      '1969-12-31',
      '2024-02-29',
      '2020-03-01T00:00:30Z',
      '2020-03-01 23:59',
    ]) {
      const format = timeFormatOf(text);
      if (!format) throw new Error(`${text} should be a date`);
      expect(formatTime(parseTime(text, format)!, format)).toBe(text);
    }
  });

  it('uses days for dates and seconds for date-times, and rounds generated values to whole units', () => {
    expect(parseTime('1970-01-02', { kind: 'date' })).toBe(1);
    expect(
      parseTime('1970-01-01T00:01', { kind: 'datetime', separator: 'T', seconds: false, zulu: false }),
    ).toBe(60);
    expect(formatTime(1.6, { kind: 'date' })).toBe('1970-01-03');
  });

  it('refuses impossible dates, other formats and mixed columns', () => {
    expect(timeFormatOf('2021-02-30')).toBeNull();
    expect(timeFormatOf('01/02/2021')).toBeNull();
    expect(commonTimeFormat(['2021-01-01', '2021-01-01 10:00'])).toBeNull();
    expect(commonTimeFormat(['2021-01-01 10:00', '2021-01-01 10:00:05'])).toMatchObject({ seconds: true });
    expect(parseTime('red', { kind: 'date' })).toBeNull();
  });

  it('lets the quality metrics compare date columns as numbers', () => {
    const days = (start: number) =>
      Array.from({ length: 50 }, (_, i) => [formatTime(start + i, { kind: 'date' }), i % 2 ? 'a' : 'b']);
    const columns = [
      { name: 'day', kind: 'numeric' as const, time: { kind: 'date' as const } },
      { name: 'y', kind: 'categorical' as const },
    ];
    expect(valueOf(qualityReport(columns, days(15000), days(15000)).score)).toBe(1);
    // Shifted by half the range: the KS complement of the dates drops to about one half.
    const shifted = qualityReport(columns, days(15000), days(15025));
    expect(valueOf(shifted.shapes[0]!.score)).toBeCloseTo(0.5, 1);
  });
});
