/**
 * date.year-range: two years joined as a span, inclusive: "from 1995 to 2000", "between 2001 and
 * 2005", "in 2004-05", "since 1998/99", "(1995-2000)". The value is `1995/2000`.
 * Quantities ("between 2000 and 3000 people", "rose from 1950 to 2000") are left out as in
 * date.year-with-preposition.
 */

import { isValidYear } from '../calendar.js';
import { calendar, stated, type Candidate, type Finder } from '../model.js';
import { expandYearEnd, groupEnd, groupStart, matchAll, quantityFollows, quantityPrecedes } from '../text.js';
import type { Vocabulary } from '../vocabulary.js';

const RULE = 'date.year-range';
/** Every pattern starts the range with a four-digit year. */
const CUE = /\d{4}/;

const START = '(?<![\\p{L}\\p{N}.,$£€¥#/-])(1\\d{3}|20\\d{2})';
const TAIL = '(?![\\p{N}]|[.,]\\p{N}|\\s?%|s\\b)';
/** A two-digit end ("2004-05") only after a dash or slash: "between 2000 and 30" is not a range. */
const END = `(1\\d{3}|20\\d{2}|\\d{2})${TAIL}`;
const FULL_END = `(1\\d{3}|20\\d{2})${TAIL}`;

function patterns(v: Vocabulary): readonly RegExp[] {
  return [
    // from 1995 to 2000, between 2001 and 2005
    new RegExp(`\\b(from|between)\\s+${START}\\s*(?:-|–|—)\\s*${END}`, 'giud'),
    new RegExp(`\\b(from|between)\\s+${START}\\s+(?:to|and|until|till|through)\\s+${FULL_END}`, 'giud'),
    // in 2004-05, since 1998/99
    new RegExp(`\\b(${v.strongPrepositionSource}|${v.weakPrepositionSource})\\s+${START}\\s*[-–/]\\s*${END}`, 'giud'),
    // (1995-2000)
    new RegExp(`(\\()${START}\\s*[-–]\\s*${END}\\)`, 'gud'),
  ];
}

export function createYearRangeFinder(v: Vocabulary): Finder {
  const res = patterns(v);
  return {
    id: RULE,
    cue: CUE,
    find(sentence) {
      const out: Candidate[] = [];
      for (const re of res) {
        for (const m of matchAll(re, sentence)) {
          const from = Number(m[2]);
          const to = expandYearEnd(from, m[3]!);
          if (!isValidYear(to) || to <= from || to - from > 200) continue;
          const end = groupEnd(m, 3);
          if (quantityFollows(sentence, end, v)) continue;
          // "rose from 1950 to 2000" is an amount; "save £12bn by 2007-2008" is not: a dash or a
          // slash joins years, not amounts.
          const joined = /\d\s*[-–—/]\s*\d/.test(m[0]);
          if (m[1] !== '(' && (from < 1900 || (!joined && quantityPrecedes(sentence, groupStart(m, 1), v)))) continue;
          out.push({
            start: groupStart(m, 2),
            end,
            rule: RULE,
            expr: { kind: 'range', start: calendar({ unit: 'year' }, stated(from)), end: calendar({ unit: 'year' }, stated(to)) },
          });
        }
      }
      return out;
    },
  };
}
