/**
 * Dates and times as numbers. A GAN trains on numbers, so a date column becomes days since
 * 1970-01-01 and a date-time column seconds since then (both whole numbers), and generated values are
 * written back in the column's own format. Only ISO 8601 forms are recognised (2012-01-31,
 * 2012-01-31T08:15, 2012-01-31 08:15:00, with an optional Z), read as UTC so that no daylight-saving
 * gap or local time zone can shift a value.
 */

/** How a column writes its dates, so generated values look like the source. */
export type TimeFormat =
  | { kind: 'date' }
  | { kind: 'datetime'; separator: 'T' | ' '; seconds: boolean; zulu: boolean };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})([T ])(\d{2}):(\d{2})(:(\d{2}))?(Z?)$/;
const DAY_MS = 86_400_000;

/** The format of one cell, or null when it is not an ISO date or date-time. */
export function timeFormatOf(text: string): TimeFormat | null {
  if (DATE.test(text)) return parseTime(text, { kind: 'date' }) === null ? null : { kind: 'date' };
  const m = DATETIME.exec(text);
  if (!m) return null;
  const format: TimeFormat = {
    kind: 'datetime',
    separator: m[4] === 'T' ? 'T' : ' ',
    seconds: m[7] !== undefined,
    zulu: m[9] === 'Z',
  };
  return parseTime(text, format) === null ? null : format;
}

/** The one format every value shares, or null when any value is not a date or formats differ. */
export function commonTimeFormat(values: Iterable<string>): TimeFormat | null {
  let common = null as TimeFormat | null;
  for (const value of values) {
    const format = timeFormatOf(value);
    const previous = common;
    if (!format || (previous && previous.kind !== format.kind)) return null;
    // Date-times with and without seconds share one scale: write seconds when any value has them.
    common =
      previous?.kind === 'datetime' && format.kind === 'datetime'
        ? { ...format, seconds: previous.seconds || format.seconds }
        : format;
  }
  return common;
}

/** Days (date) or seconds (date-time) since 1970-01-01 UTC; null for text that is not a valid time. */
export function parseTime(text: string, format: TimeFormat): number | null {
  if (format.kind === 'date') {
    const m = DATE.exec(text);
    if (!m) return null;
    const ms = utc(+m[1]!, +m[2]!, +m[3]!, 0, 0, 0);
    return ms === null ? null : ms / DAY_MS;
  }
  const m = DATETIME.exec(text);
  if (!m) return null;
  const ms = utc(+m[1]!, +m[2]!, +m[3]!, +m[5]!, +m[6]!, m[8] === undefined ? 0 : +m[8]);
  return ms === null ? null : ms / 1000;
}

/** Writes a number of days or seconds back in the column's format (rounded to whole units). */
export function formatTime(value: number, format: TimeFormat): string {
  const iso = new Date(Math.round(value) * (format.kind === 'date' ? DAY_MS : 1000)).toISOString();
  const date = iso.slice(0, 10);
  if (format.kind === 'date') return date;
  const time = iso.slice(11, format.seconds ? 19 : 16);
  return `${date}${format.separator}${time}${format.zulu ? 'Z' : ''}`;
}

/** Milliseconds since the epoch for a calendar date that exists (no 2021-02-30), else null. */
function utc(y: number, mo: number, d: number, h: number, mi: number, s: number): number | null {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? ms : null;
}
