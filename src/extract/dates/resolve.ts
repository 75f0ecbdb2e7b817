/**
 * Document-level resolution: gives every candidate its value, first/last day and granularity,
 * reading the document in order because "the same day" refers back and a document without a
 * publication date takes its year from the dates it states.
 *
 * Where the year of a yearless expression ("in late March", "on 5 March", "the first quarter")
 * comes from, in order:
 * 1. The publication date. "in March" is the closest March that does not start after it: an
 *    article of October 2018 reporting that something happened "in late March" means March 2018,
 *    and one of February 2018 means March 2017, because news reports what has happened. In a
 *    future-tense sentence ("will meet in March", see `futureMarkers` in rules/dates.yaml) it is
 *    the closest March that has not ended before the publication date. "last March" and "next
 *    March" exclude the occurrence that contains the publication date.
 * 2. Without a publication date, the year the document's own dates agree on (`documentYear`):
 *    the one year of all stated dates that carry a month (day, month, season, quarter, half),
 *    used from the first sentence stating one on. If they disagree, nothing is guessed.
 * 3. Otherwise the year stays unknown: `XXXX-05-26`, with empty first/last days; so does a month
 *    with a relative year ("March last year", "last September": `XXXX-03`, `XXXX-09`). Expressions
 *    that need a day to count from ("on Tuesday", "last week", "yesterday", "next year") get ''.
 * `inferred` is true whenever 1 or 2 supplied part of the value; a value that only says what
 * the text says (`XXXX-05-26` included) is not inferred.
 */

import type { DateFinding, DateGranularity } from '../../types.js';
import {
  dayNumber, daysInMonth, formatDay, fromDayNumber, isValidYear, isValidYmd, isoWeek, pad, weekdayOf, type Ymd,
} from './calendar.js';
import type { CalendarExpr, Candidate, DateExpr, Direction, Period } from './model.js';

export interface Resolution {
  readonly value: string;
  readonly startDay: string;
  readonly endDay: string;
  readonly granularity: DateGranularity;
  readonly inferred: boolean;
}

interface Anchor {
  /** Day number of the publication date. */
  readonly published: number | null;
  readonly publishedYmd: Ymd | null;
  /** The year the document's stated dates agree on; only used without a publication date. */
  readonly documentYear: number | null;
  /** `documentYear` comes from bare years stated several times, not from a full date. */
  readonly documentYearFromBareYears?: boolean;
}

interface Env {
  readonly anchor: Anchor;
  readonly future: boolean;
  /** Findings before this one, in document order. */
  readonly previous: readonly Resolution[];
}

type Pick = 'notAfter' | 'upcoming' | 'past' | 'future' | 'this' | 'nearest';

const GRANULARITY: Readonly<Record<Period['unit'], DateGranularity>> = {
  day: 'day', month: 'month', season: 'season', quarter: 'quarter', half: 'range', year: 'year',
};

const SEASON_MONTHS = { SP: [3, 5], SU: [6, 8], FA: [9, 11], WI: [12, 14] } as const;

const unknown = (granularity: DateGranularity, value = ''): Resolution => ({
  value, startDay: '', endDay: '', granularity, inferred: false,
});

function span(startDay: number, endDay: number): { readonly startDay: string; readonly endDay: string } {
  return { startDay: formatDay(startDay), endDay: formatDay(endDay) };
}

/** Month index counted from year 0 so that month 14 of 2004 is February 2005. */
function monthStart(y: number, m: number): number {
  const yy = y + Math.floor((m - 1) / 12);
  const mm = ((((m - 1) % 12) + 12) % 12) + 1;
  return dayNumber(yy, mm, 1);
}

function monthEnd(y: number, m: number): number {
  const yy = y + Math.floor((m - 1) / 12);
  const mm = ((((m - 1) % 12) + 12) % 12) + 1;
  return dayNumber(yy, mm, daysInMonth(yy, mm));
}

/** First and last day of `period` in year `y`; null when it does not exist (29 February 2005). */
function periodDays(period: Period, y: number): readonly [number, number] | null {
  if (!isValidYear(y)) return null;
  switch (period.unit) {
    case 'day':
      if (!isValidYmd(y, period.month, period.day)) return null;
      return [dayNumber(y, period.month, period.day), dayNumber(y, period.month, period.day)];
    case 'month':
      return [monthStart(y, period.month), monthEnd(y, period.month)];
    case 'season': {
      const [from, to] = SEASON_MONTHS[period.season];
      return [monthStart(y, from), monthEnd(y, to)];
    }
    case 'quarter':
      return [monthStart(y, period.quarter * 3 - 2), monthEnd(y, period.quarter * 3)];
    case 'half':
      return [monthStart(y, period.half * 6 - 5), monthEnd(y, period.half * 6)];
    case 'year':
      return [dayNumber(y, 1, 1), dayNumber(y, 12, 31)];
  }
}

function periodValue(period: Period, year: string): string {
  switch (period.unit) {
    case 'day':
      return `${year}-${pad(period.month, 2)}-${pad(period.day, 2)}`;
    case 'month':
      return `${year}-${pad(period.month, 2)}`;
    case 'season':
      return `${year}-${period.season}`;
    case 'quarter':
      return `${year}-Q${period.quarter}`;
    case 'half':
      return `${year}-${pad(period.half * 6 - 5, 2)}/${year}-${pad(period.half * 6, 2)}`;
    case 'year':
      return year;
  }
}

function pickFor(direction: Direction, future: boolean): Pick {
  if (direction === 'auto') return future ? 'upcoming' : 'notAfter';
  if (direction === 'nearest') return future ? 'upcoming' : 'nearest';
  return direction;
}

/**
 * Picks among occurrences (each a first and last day) the one `pick` asks for, relative to day
 * `p`. Occurrences are in time order.
 */
function pickOccurrence<T>(occurrences: readonly (readonly [T, number, number])[], p: number, pick: Pick): T | null {
  let chosen: T | null = null;
  let best = Infinity;
  for (const [key, first, last] of occurrences) {
    switch (pick) {
      case 'notAfter':
        if (first <= p) chosen = key;
        break;
      case 'past':
        if (last < p) chosen = key;
        break;
      case 'upcoming':
        if (last >= p && chosen === null) chosen = key;
        break;
      case 'future':
        if (first > p && chosen === null) chosen = key;
        break;
      case 'this':
        if (first <= p && p <= last) chosen = key;
        break;
      case 'nearest': {
        const distance = p < first ? first - p : p > last ? p - last : 0;
        if (distance < best) {
          best = distance;
          chosen = key;
        }
        break;
      }
    }
  }
  return chosen;
}

/** The year of a yearly period picked around the publication date. */
function yearAround(period: Period, direction: Direction, published: number, publishedYear: number, future: boolean): number | null {
  let occurrences: [number, number, number][] = [];
  for (let y = publishedYear - 2; y <= publishedYear + 2; y++) {
    const days = periodDays(period, y);
    if (days) occurrences.push([y, days[0], days[1]]);
  }
  // "Tuesday 9 November": only years in which 9 November is a Tuesday, if the window has one.
  let weekdayMatched = false;
  if (period.unit === 'day' && period.weekday !== undefined) {
    const matching = occurrences.filter(([, first]) => weekdayOf(first) === period.weekday);
    if (matching.length) occurrences = matching;
    weekdayMatched = matching.length > 0;
  }
  const pick = pickFor(direction, future);
  // The written weekday outweighs the tense: take the nearest year that matches it.
  const chosen = pickOccurrence(occurrences, published, pick) ?? (weekdayMatched ? pickOccurrence(occurrences, published, 'nearest') : null);
  // "this March" outside March: the one in the publication year.
  if (chosen === null && pick === 'this') return periodDays(period, publishedYear) ? publishedYear : null;
  return chosen;
}

interface YearChoice {
  readonly year: number | null;
  readonly inferred: boolean;
  /** True when the year is needed but nothing can supply it: the value is '' rather than XXXX. */
  readonly unanchored: boolean;
}

/** Periods that name a month, a day or a season: with no year known they are still XXXX-MM(-DD), XXXX-SU. */
const NAMED_PERIODS: ReadonlySet<Period['unit']> = new Set(['month', 'day', 'season']);

function chooseYear(expr: CalendarExpr, env: Env): YearChoice {
  const { anchor } = env;
  switch (expr.year.kind) {
    case 'stated':
      return { year: expr.year.year, inferred: false, unanchored: false };
    case 'relative':
      // "March last year", "Spring next year" with nothing to count from still say March or
      // spring: XXXX-03, XXXX-SP (the gold's reading, tests/gold/README.md 5.4); "last year"
      // alone says nothing and is ''.
      if (!anchor.publishedYmd) return { year: null, inferred: false, unanchored: !NAMED_PERIODS.has(expr.period.unit) };
      return { year: anchor.publishedYmd.y + expr.year.offset, inferred: true, unanchored: false };
    case 'open':
      if (anchor.published !== null && anchor.publishedYmd) {
        return {
          year: yearAround(expr.period, expr.year.direction, anchor.published, anchor.publishedYmd.y, env.future),
          inferred: true,
          unanchored: false,
        };
      }
      // A year taken from a full date is that of a reported event: a future-tense sentence ("will
      // buy players in the January window") speaks of a later one. Years stated again and again
      // ("into 2018", "in 2018") frame the whole story, its coming events too.
      if (anchor.documentYear !== null && (!env.future || anchor.documentYearFromBareYears) && (expr.year.direction === 'auto' || expr.year.direction === 'nearest')) {
        return { year: anchor.documentYear, inferred: true, unanchored: false };
      }
      // "last March", "next summer" without a publication date still say March or summer: XXXX-03, XXXX-SU.
      return { year: null, inferred: false, unanchored: !NAMED_PERIODS.has(expr.period.unit) && expr.year.direction !== 'auto' && expr.year.direction !== 'nearest' };
  }
}

function resolveCalendar(expr: CalendarExpr, env: Env): Resolution {
  const granularity = GRANULARITY[expr.period.unit];
  const choice = chooseYear(expr, env);
  if (choice.unanchored) return unknown(granularity);
  if (choice.year === null) {
    return expr.period.unit === 'year' ? unknown(granularity) : unknown(granularity, periodValue(expr.period, 'XXXX'));
  }
  const days = periodDays(expr.period, choice.year);
  if (!days) return unknown(granularity);
  return { value: periodValue(expr.period, pad(choice.year, 4)), ...span(days[0], days[1]), granularity, inferred: choice.inferred };
}

/** The year of a range end that does not state one: the first occurrence not before the start. */
function endYear(end: CalendarExpr, startFirstDay: number): number | null {
  const y = fromDayNumber(startFirstDay).y;
  for (const candidate of [y, y + 1]) {
    const days = periodDays(end.period, candidate);
    if (days && days[1] >= startFirstDay) return candidate;
  }
  return null;
}

function resolveRange(startExpr: CalendarExpr, endExpr: CalendarExpr, env: Env): Resolution {
  const start = resolveCalendar(startExpr, env);
  if (start.value === '') return unknown('range');
  if (start.startDay === '') {
    // Year unknown: keep what is written.
    const endValue = periodValue(endExpr.period, endExpr.year.kind === 'stated' ? pad(endExpr.year.year, 4) : 'XXXX');
    return unknown('range', `${start.value}/${endValue}`);
  }
  const startFirst = dayNumberOf(start.startDay);
  let end: Resolution;
  let inferred = start.inferred;
  if (endExpr.year.kind === 'open') {
    const y = endYear(endExpr, startFirst);
    const days = y === null ? null : periodDays(endExpr.period, y);
    if (y === null || !days) return unknown('range');
    end = { value: periodValue(endExpr.period, pad(y, 4)), ...span(days[0], days[1]), granularity: GRANULARITY[endExpr.period.unit], inferred };
  } else {
    end = resolveCalendar(endExpr, env);
    inferred = inferred || end.inferred;
  }
  if (end.startDay === '' || dayNumberOf(end.endDay) < startFirst) return unknown('range');
  return { value: `${start.value}/${end.value}`, startDay: start.startDay, endDay: end.endDay, granularity: 'range', inferred };
}

function dayNumberOf(isoDay: string): number {
  return dayNumber(Number(isoDay.slice(0, 4)), Number(isoDay.slice(5, 7)), Number(isoDay.slice(8, 10)));
}

function dayResolution(n: number, inferred: boolean): Resolution {
  return { value: formatDay(n), ...span(n, n), granularity: 'day', inferred };
}

function weekValue(monday: number): string {
  const { year, week } = isoWeek(monday);
  return `${pad(year, 4)}-W${pad(week, 2)}`;
}

/** The occurrence of weekday `w` picked around day `p`. */
function weekdayAround(w: number, direction: Direction, p: number, future: boolean): number | null {
  const pick = pickFor(direction, future);
  if (pick === 'this') return isoWeek(p).monday + ((w + 6) % 7);
  const occurrences: [number, number, number][] = [];
  for (let n = p - 14; n <= p + 14; n++) if (weekdayOf(n) === w) occurrences.push([n, n, n]);
  return pickOccurrence(occurrences, p, pick === 'nearest' ? 'notAfter' : pick);
}

function resolveRelative(expr: DateExpr, p: number, pYmd: Ymd, env: Env): Resolution | null {
  switch (expr.kind) {
    case 'relative-day':
      return dayResolution(p + expr.offset, true);
    case 'relative-week': {
      const monday = isoWeek(p).monday + 7 * expr.offset;
      return { value: weekValue(monday), ...span(monday, monday + 6), granularity: 'week', inferred: true };
    }
    case 'relative-weekend': {
      const monday = isoWeek(p).monday + 7 * expr.offset;
      return { value: `${weekValue(monday)}-WE`, ...span(monday + 5, monday + 6), granularity: 'week', inferred: true };
    }
    case 'weekend': {
      const occurrences: [number, number, number][] = [];
      for (let n = p - 14; n <= p + 14; n++) if (weekdayOf(n) === 6) occurrences.push([n, n, n + 1]);
      const pick = pickFor(expr.direction, env.future);
      const saturday = pickOccurrence(occurrences, p, pick === 'nearest' ? 'notAfter' : pick);
      if (saturday === null) return null;
      return { value: `${weekValue(saturday - 5)}-WE`, ...span(saturday, saturday + 1), granularity: 'week', inferred: true };
    }
    case 'relative-month': {
      const m = pYmd.m + expr.offset;
      const first = monthStart(pYmd.y, m);
      const { y, m: mm } = fromDayNumber(first);
      return { value: `${pad(y, 4)}-${pad(mm, 2)}`, ...span(first, monthEnd(pYmd.y, m)), granularity: 'month', inferred: true };
    }
    case 'relative-quarter': {
      const index = pYmd.y * 4 + Math.floor((pYmd.m - 1) / 3) + expr.offset;
      const y = Math.floor(index / 4);
      const q = index - y * 4 + 1;
      return {
        value: `${pad(y, 4)}-Q${q}`,
        ...span(monthStart(y, q * 3 - 2), monthEnd(y, q * 3)),
        granularity: 'quarter',
        inferred: true,
      };
    }
    case 'relative-century':
      return centuryResolution(Math.floor(pYmd.y / 100) + expr.offset, true);
    case 'weekday': {
      const n = weekdayAround(expr.weekday, expr.direction, p, env.future);
      return n === null ? null : dayResolution(n, true);
    }
    default:
      return null;
  }
}

function centuryResolution(c: number, inferred: boolean): Resolution {
  if (!isValidYear(c * 100) || !isValidYear(c * 100 + 99)) return unknown('century');
  return { value: pad(c, 2), ...span(dayNumber(c * 100, 1, 1), dayNumber(c * 100 + 99, 12, 31)), granularity: 'century', inferred };
}

const GRANULARITY_OF_RELATIVE: Readonly<Record<string, DateGranularity>> = {
  'relative-day': 'day', 'relative-week': 'week', 'relative-weekend': 'week', weekend: 'week', 'relative-month': 'month',
  'relative-quarter': 'quarter', 'relative-century': 'century', weekday: 'day', 'relative-season': 'season',
};

const YEAR_BEARING: ReadonlySet<DateGranularity> = new Set(['day', 'week', 'month', 'quarter', 'season', 'year']);

function resolveAnaphor(expr: DateExpr & { kind: 'anaphor-day' | 'anaphor-year' }, env: Env): Resolution {
  for (let i = env.previous.length - 1; i >= 0; i--) {
    const before = env.previous[i]!;
    if (before.value === '') continue;
    if (expr.kind === 'anaphor-day') {
      if (before.granularity !== 'day') continue;
      if (expr.offset === 0) return { ...before, inferred: true };
      if (before.startDay === '') return unknown('day');
      return dayResolution(dayNumberOf(before.startDay) + expr.offset, true);
    }
    if (!YEAR_BEARING.has(before.granularity)) continue;
    if (before.startDay === '') return unknown('year');
    // An ISO week's year is in its value ("2005-W52" can start in December 2004... or not).
    const y = before.granularity === 'week' ? Number(before.value.slice(0, 4)) : Number(before.startDay.slice(0, 4));
    const year = y + expr.offset;
    if (!isValidYear(year)) return unknown('year');
    return { value: pad(year, 4), ...span(dayNumber(year, 1, 1), dayNumber(year, 12, 31)), granularity: 'year', inferred: true };
  }
  return unknown(expr.kind === 'anaphor-day' ? 'day' : 'year');
}

function resolveExpr(expr: DateExpr, env: Env): Resolution {
  switch (expr.kind) {
    case 'calendar':
      return resolveCalendar(expr, env);
    case 'range':
      return resolveRange(expr.start, expr.end, env);
    case 'decade': {
      const first = expr.decade * 10;
      if (!isValidYear(first)) return unknown('decade');
      return { value: pad(expr.decade, 3), ...span(dayNumber(first, 1, 1), dayNumber(first + 9, 12, 31)), granularity: 'decade', inferred: false };
    }
    case 'century':
      return centuryResolution(expr.century, false);
    case 'anaphor-day':
    case 'anaphor-year':
      return resolveAnaphor(expr, env);
    default: {
      const { published, publishedYmd } = env.anchor;
      const granularity = GRANULARITY_OF_RELATIVE[expr.kind] ?? 'day';
      if (published === null || !publishedYmd) return unknown(granularity);
      return resolveRelative(expr, published, publishedYmd, env) ?? unknown(granularity);
    }
  }
}

function statedYears(c: Candidate): { readonly withMonth: readonly number[]; readonly any: readonly number[] } {
  const ends = c.expr.kind === 'calendar' ? [c.expr] : c.expr.kind === 'range' ? [c.expr.start, c.expr.end] : [];
  const withMonth: number[] = [];
  const any: number[] = [];
  for (const e of ends) {
    if (e.year.kind !== 'stated') continue;
    any.push(e.year.year);
    if (e.period.unit !== 'year') withMonth.push(e.year.year);
  }
  return { withMonth, any };
}

/** Words before a date that make it a deadline. */
const DEADLINE_BEFORE = /\b(?:by|until|till|before)\s+(?:the\s+)?$/i;

/**
 * The year a document without a publication date states for its dates, or null. All stated dates
 * that carry a month must agree on it, and no year after it may be stated outside future-tense
 * sentences: a news story is written after the events it reports, so an article whose only full
 * date is "12 March 1993" but that mentions 2004 is not from 1993. Bare years alone ("in 2004")
 * are not enough: stories cite past years far more often than their own. Deadlines and dates in
 * future-tense sentences do not count: they say when something is due, not when the story is.
 */
export function documentYear(sentences: readonly SentenceCandidates[]): { year: number; fromBareYears: boolean } | null {
  const withMonth = new Set<number>();
  const bare = new Set<number>();
  let bareCount = 0;
  let latest = -Infinity;
  for (const s of sentences) {
    for (const c of s.candidates) {
      const years = statedYears(c);
      // A full date that is a deadline or target ("by the spring of 2006", "will ... in May 2007")
      // is not when the story happens (tests/gold/README.md 5.4).
      if (!s.future && !DEADLINE_BEFORE.test(s.sentence.slice(0, c.start))) years.withMonth.forEach((y) => withMonth.add(y));
      years.any.forEach((y) => bare.add(y));
      bareCount += years.any.length;
      if (!s.future) latest = Math.max(latest, ...years.any);
    }
  }
  // With no full date at all, bare years ("into 2018", "in 2018") count when there are several
  // and every one of them is the same year.
  if (withMonth.size === 0) return bare.size === 1 && bareCount >= 2 ? { year: [...bare][0]!, fromBareYears: true } : null;
  if (withMonth.size !== 1) return null;
  const year = [...withMonth][0]!;
  return latest > year ? null : { year, fromBareYears: false };
}

export interface SentenceCandidates {
  readonly sentence: string;
  readonly future: boolean;
  readonly candidates: readonly Candidate[];
}

/** Resolves every sentence's candidates in document order. */
export function resolveDocument(sentences: readonly SentenceCandidates[], published: Ymd | null): DateFinding[][] {
  const inferred = published ? null : documentYear(sentences);
  const inferable = inferred?.year ?? null;
  const base = {
    published: published ? dayNumber(published.y, published.m, published.d) : null,
    publishedYmd: published,
  };
  const previous: Resolution[] = [];
  // The document year applies from the first sentence that states it on: a yearless date before
  // any full date more often belongs to another year (background first, then the news).
  let stated = false;
  return sentences.map((s, index) => {
    stated ||= s.candidates.some((c) => statedYears(c).withMonth.length > 0 || (!!inferred?.fromBareYears && statedYears(c).any.length > 0));
    return s.candidates.map((c) => {
      const anchor: Anchor = { ...base, documentYear: stated ? inferable : null, documentYearFromBareYears: !!inferred?.fromBareYears };
      const resolution = resolveExpr(c.expr, { anchor, future: s.future, previous });
      previous.push(resolution);
      return {
        start: c.start,
        end: c.end,
        text: s.sentence.slice(c.start, c.end),
        sentence: index,
        value: resolution.value,
        startDay: resolution.startDay,
        endDay: resolution.endDay,
        granularity: resolution.granularity,
        inferred: resolution.inferred,
        rule: c.rule,
      };
    });
  });
}
