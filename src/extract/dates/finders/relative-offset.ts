/**
 * date.relative-offset: a future offset from the publication date, "in" and a count of days,
 * weeks, months or years: "in five years' time" anywhere, and "In four days" opening a sentence
 * in the future tense (`futureMarkers` in rules/dates.yaml), where it says when what follows
 * happens ("In 12 months the lasers have helped ..." is a duration). The word "in" is part of
 * the span: without it the span would be a duration (tests/gold/README.md 5.3).
 *
 * Elsewhere "in N years" is mostly a duration ("its first rise in nine years", "the second time
 * in two weeks"), and is not reported.
 */

import { calendar, type Candidate, type DateExpr, type Finder } from '../model.js';
import { COUNT, countValue, matchAll } from '../text.js';
import type { Vocabulary } from '../vocabulary.js';

const RULE = 'date.relative-offset';
/** Every form has "in", a count and a unit; `iu` as the patterns have it. */
const CUE = /\bin\s+[\p{L}\d]+\s+(?:day|week|month|year)/iu;

const UNIT = '(day|week|month|year)s?';
/** "in five years' time", "in 18 months time". */
const TIME = new RegExp(`\\bin\\s+(${COUNT})\\s+${UNIT}(?:['’]\\s*|\\s+)time\\b`, 'giu');
/** "In four days, ...", "In two years the ...": only where the sentence starts. */
const OPENING = new RegExp(`^In\\s+(${COUNT})\\s+${UNIT}\\b(?!['’-])`, 'gu');

const LIMIT: Readonly<Record<string, number>> = { day: 366, week: 104, month: 120, year: 100 };

function expression(unit: string, n: number): DateExpr {
  switch (unit) {
    case 'day':
      return { kind: 'relative-day', offset: n };
    case 'week':
      return { kind: 'relative-week', offset: n };
    case 'month':
      return { kind: 'relative-month', offset: n };
    default:
      return calendar({ unit: 'year' }, { kind: 'relative', offset: n });
  }
}

export function createRelativeOffsetFinder(v: Vocabulary): Finder {
  return {
    id: RULE,
    cue: CUE,
    find(sentence) {
      const out: Candidate[] = [];
      for (const re of v.future.test(sentence) ? [TIME, OPENING] : [TIME]) {
        for (const m of matchAll(re, sentence)) {
          const n = countValue(m[1]!);
          const unit = m[2]!.toLowerCase();
          if (n === null || n < 1 || n > LIMIT[unit]!) continue;
          out.push({ start: m.index, end: m.index + m[0].length, rule: RULE, expr: expression(unit, n) });
        }
      }
      return out;
    },
  };
}
