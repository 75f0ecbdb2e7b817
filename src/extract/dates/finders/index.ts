/**
 * The finders, in priority order: when two candidates of equal length overlap, the one whose
 * finder comes first wins (refine.overlaps). Longer candidates always win first, so the order only
 * matters for exact ties. Each id is documented, with examples, in rules/dates.yaml.
 */

import type { Finder } from '../model.js';
import type { Vocabulary } from '../vocabulary.js';
import { century } from './century.js';
import { createChronoFinder } from './chrono.js';
import { dayRange } from './day-range.js';
import { decade } from './decade.js';
import { endOfYear } from './end-of-year.js';
import { halfYear } from './half-year.js';
import { createHolidayFinder } from './holiday.js';
import { createMonthFinder } from './month.js';
import { partOfMonth } from './part-of-month.js';
import { partOfYear } from './part-of-year.js';
import { quarter } from './quarter.js';
import { relativeDay } from './relative-day.js';
import { relativeMonth } from './relative-month.js';
import { createRelativeOffsetFinder } from './relative-offset.js';
import { relativeSeason } from './relative-season.js';
import { relativeWeek } from './relative-week.js';
import { relativeYear } from './relative-year.js';
import { sameDay } from './same-day.js';
import { sameYear } from './same-year.js';
import { season } from './season.js';
import { createWeekdayFinder } from './weekday.js';
import { yearInBrackets } from './year-in-brackets.js';
import { createYearModifierFinder } from './year-modifier.js';
import { createYearRangeFinder } from './year-range.js';
import { createYearWithPrepositionFinder } from './year-with-preposition.js';

export function createFinders(vocabulary: Vocabulary): readonly Finder[] {
  return [
    createChronoFinder(),
    dayRange,
    partOfMonth,
    createMonthFinder(vocabulary),
    endOfYear,
    partOfYear,
    quarter,
    halfYear,
    season,
    createHolidayFinder(vocabulary),
    decade,
    century,
    createYearRangeFinder(vocabulary),
    createYearWithPrepositionFinder(vocabulary),
    yearInBrackets,
    createYearModifierFinder(vocabulary),
    relativeDay,
    relativeWeek,
    relativeMonth,
    relativeYear,
    relativeSeason,
    createRelativeOffsetFinder(vocabulary),
    createWeekdayFinder(vocabulary),
    sameDay,
    sameYear,
  ];
}

/** Every finder id, for checking rules/dates.yaml documents exactly the implemented rules. */
export const FINDER_IDS: readonly string[] = [
  'date.chrono', 'date.day-range', 'date.part-of-month', 'date.month', 'date.end-of-year', 'date.part-of-year',
  'date.quarter', 'date.half-year', 'date.season', 'date.holiday', 'date.decade', 'date.century', 'date.year-range',
  'date.year-with-preposition', 'date.year-in-brackets', 'date.year-modifier', 'date.relative-day',
  'date.relative-week', 'date.relative-month', 'date.relative-year', 'date.relative-season', 'date.relative-offset', 'date.weekday', 'date.same-day', 'date.same-year',
];
