/**
 * What the date rules pass between them. Finders read one sentence and return `Candidate`s whose
 * `expr` says what was written, not what it means: resolving an expression against the
 * publication date and the rest of the document is `resolve.ts`'s job, because "March" or "the
 * same day" cannot be given a value from the sentence alone.
 */

/** How to pick the year of an expression that does not state one. */
export type Direction =
  /** "in March": the closest occurrence not after the publication date, or not before it in a
   *  future-tense sentence. */
  | 'auto'
  /** "last March": the closest occurrence that ended before the publication date. */
  | 'past'
  /** "next March": the closest occurrence that starts after the publication date. */
  | 'future'
  /** "this March": the occurrence that contains the publication date, else the one in its year. */
  | 'this'
  /** "the end of the year": whichever occurrence is nearest, in either direction. */
  | 'nearest';

export type YearRef =
  | { readonly kind: 'stated'; readonly year: number }
  /** "this year" (0), "last year" (-1), "next year" (+1): counted from the publication year. */
  | { readonly kind: 'relative'; readonly offset: number }
  /** Not written: taken from the publication date or from the document's other dates. */
  | { readonly kind: 'open'; readonly direction: Direction };

export type Season = 'SP' | 'SU' | 'FA' | 'WI';

/** A part of a year that recurs every year. */
export type Period =
  /** `weekday` (0 = Sunday), when written ("Tuesday 9 November"), helps pick the year. */
  | { readonly unit: 'day'; readonly month: number; readonly day: number; readonly weekday?: number }
  | { readonly unit: 'month'; readonly month: number }
  | { readonly unit: 'season'; readonly season: Season }
  | { readonly unit: 'quarter'; readonly quarter: number }
  | { readonly unit: 'half'; readonly half: number }
  | { readonly unit: 'year' };

export interface CalendarExpr {
  readonly kind: 'calendar';
  readonly period: Period;
  readonly year: YearRef;
}

export type DateExpr =
  | CalendarExpr
  /** Both ends inclusive; `end`'s open year means "the first occurrence not before `start`". */
  | { readonly kind: 'range'; readonly start: CalendarExpr; readonly end: CalendarExpr }
  /** TIMEX decade: 199 = 1990-1999. */
  | { readonly kind: 'decade'; readonly decade: number }
  /** TIMEX century: 19 = 1900-1999 ("the 20th century"). */
  | { readonly kind: 'century'; readonly century: number }
  | { readonly kind: 'relative-century'; readonly offset: number }
  | { readonly kind: 'relative-day'; readonly offset: number }
  | { readonly kind: 'relative-week'; readonly offset: number }
  /** "last weekend" (-1), "this weekend" (0): the Saturday and Sunday of an ISO week. */
  | { readonly kind: 'relative-weekend'; readonly offset: number }
  /** "at the weekend": the nearest weekend, chosen like a weekday. */
  | { readonly kind: 'weekend'; readonly direction: Direction }
  | { readonly kind: 'relative-month'; readonly offset: number }
  /** "this season" (0), "last season" (-1): a sporting season, no calendar period: never resolved. */
  | { readonly kind: 'relative-season'; readonly offset: number }
  | { readonly kind: 'relative-quarter'; readonly offset: number }
  /** 0 = Sunday ... 6 = Saturday. */
  | { readonly kind: 'weekday'; readonly weekday: number; readonly direction: Direction }
  /** "the same day" (0), "the following day" (+1): counted from the last day mentioned before. */
  | { readonly kind: 'anaphor-day'; readonly offset: number }
  /** "that year" (0), "the previous year" (-1): counted from the last year mentioned before. */
  | { readonly kind: 'anaphor-year'; readonly offset: number };

/** A date expression found in a sentence. Offsets are UTF-16 indexes into that sentence. */
export interface Candidate {
  readonly start: number;
  readonly end: number;
  /** Id of the finder that produced it (see rules/dates.yaml). */
  readonly rule: string;
  readonly expr: DateExpr;
}

/** A rule that reads one sentence and proposes candidates. Pure; must not throw. */
export interface Finder {
  readonly id: string;
  /**
   * A cheap test that passes on every sentence where `find` can return a candidate: usually a word
   * or digits that each of the finder's patterns must match. The extractor calls `find` only where
   * the cue passes, so a sentence without a date (most of them) costs one test per finder. It
   * must be a superset, never a guess: `find` gives the same answer with or without it.
   * Case-insensitive patterns with the `u` flag also match "ſ" for "s" and the Kelvin sign for
   * "k", so the cue of such a pattern needs `iu` too. No `g` or `y` flag: `test` would then move
   * `lastIndex` and the next sentence would be tested from there.
   */
  readonly cue: RegExp;
  find(sentence: string): readonly Candidate[];
}

/**
 * A rule that takes a sentence's candidates and returns a new list (filter, extend, drop). It
 * never makes a candidate from none: the extractor skips refiners on a sentence without candidates.
 */
export interface Refiner {
  readonly id: string;
  refine(sentence: string, candidates: readonly Candidate[]): readonly Candidate[];
}

export const calendar = (period: Period, year: YearRef): CalendarExpr => ({ kind: 'calendar', period, year });
export const stated = (year: number): YearRef => ({ kind: 'stated', year });
export const open = (direction: Direction = 'auto'): YearRef => ({ kind: 'open', direction });
