/**
 * Proleptic Gregorian calendar arithmetic on whole days, in UTC so that no time zone or daylight
 * saving shift can move a date. A "day number" counts days since 1970-01-01.
 */

export interface Ymd {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

/** Years a finding may carry; anything outside is a number, not a year of news. */
export const MIN_YEAR = 1000;
export const MAX_YEAR = 2999;

const MS_PER_DAY = 86_400_000;

export function isValidYear(y: number): boolean {
  return Number.isInteger(y) && y >= MIN_YEAR && y <= MAX_YEAR;
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function isValidYmd(y: number, m: number, d: number): boolean {
  return isValidYear(y) && Number.isInteger(m) && m >= 1 && m <= 12 && Number.isInteger(d) && d >= 1 && d <= daysInMonth(y, m);
}

/** Parses `YYYY-MM-DD`; anything else (or an impossible date) is null. */
export function parseYmd(text: string | null | undefined): Ymd | null {
  if (typeof text !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return isValidYmd(y, mo, d) ? { y, m: mo, d } : null;
}

export function dayNumber(y: number, m: number, d: number): number {
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  return Math.round(date.getTime() / MS_PER_DAY);
}

export function toDayNumber(ymd: Ymd): number {
  return dayNumber(ymd.y, ymd.m, ymd.d);
}

export function fromDayNumber(n: number): Ymd {
  const date = new Date(n * MS_PER_DAY);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

/** 0 = Sunday ... 6 = Saturday, as in `Date#getDay`. */
export function weekdayOf(n: number): number {
  return (((n + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

export const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export function formatDay(n: number): string {
  const { y, m, d } = fromDayNumber(n);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** Day number of the Monday that starts ISO week 1 of `isoYear`. */
function isoWeekOneMonday(isoYear: number): number {
  const jan4 = dayNumber(isoYear, 1, 4);
  return jan4 - ((weekdayOf(jan4) + 6) % 7);
}

/** ISO 8601 week of a day: the week-numbering year can differ from the calendar year. */
export function isoWeek(n: number): { readonly year: number; readonly week: number; readonly monday: number } {
  const monday = n - ((weekdayOf(n) + 6) % 7);
  const thursday = monday + 3;
  const year = fromDayNumber(thursday).y;
  const week = Math.floor((monday - isoWeekOneMonday(year)) / 7) + 1;
  return { year, week, monday };
}
