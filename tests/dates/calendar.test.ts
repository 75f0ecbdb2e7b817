/** Calendar arithmetic the values depend on: ISO weeks across year ends, leap days, weekdays. */

import { describe, expect, it } from 'vitest';
import { dayNumber, formatDay, isoWeek, parseYmd, weekdayOf } from '../../src/extract/dates/calendar.js';

describe('calendar', () => {
  it.each([
    ['2018-04-12', 2018, 15],
    ['2005-01-01', 2004, 53],
    ['2005-01-03', 2005, 1],
    ['2008-12-29', 2009, 1],
    ['2010-01-03', 2009, 53],
    ['2023-03-24', 2023, 12],
  ] as const)('ISO week of %s is %i-W%i', (day, year, week) => {
    const p = parseYmd(day)!;
    const w = isoWeek(dayNumber(p.y, p.m, p.d));
    expect([w.year, w.week]).toEqual([year, week]);
    expect(weekdayOf(w.monday)).toBe(1);
  });

  it('parses only real YYYY-MM-DD dates', () => {
    expect(parseYmd('2004-02-29')).toEqual({ y: 2004, m: 2, d: 29 });
    expect(parseYmd('2005-02-29')).toBeNull();
    expect(parseYmd('2005-2-9')).toBeNull();
    expect(parseYmd('')).toBeNull();
    expect(parseYmd(null)).toBeNull();
  });

  it('round-trips day numbers and knows weekdays', () => {
    expect(formatDay(dayNumber(1066, 10, 14))).toBe('1066-10-14');
    expect(weekdayOf(dayNumber(2018, 10, 30))).toBe(2); // Tuesday, 30 October 2018
  });
});
