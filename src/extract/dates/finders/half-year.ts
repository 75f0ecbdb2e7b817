/**
 * date.half-year: "the first half of 2005", "the second half of the year", "H1 2005". There is no
 * half-year granularity, so the value is the month range (`2005-01/2005-06`, granularity range).
 * "the first half" alone is not a date: in sport it is the first half of a match.
 */

import { calendar, open, stated, type Candidate, type Finder, type YearRef } from '../model.js';
import { YEAR, matchAll } from '../text.js';

const RULE = 'date.half-year';
/** One pattern needs "half" (any case, `iu` as it has it), the other "H1" or "H2". */
const CUE = /half|H[12]/iu;

const NAMED = new RegExp(
  `(?:\\b([Tt]he)\\s+)?\\b(first|second|1st|2nd|latter)[\\s-]+half\\s+of\\s+` +
    `(?:(?:the\\s+year\\s+|fiscal\\s+(?:year\\s+)?)?${YEAR}|(this|last|next)\\s+year\\b|(the)\\s+year\\b(?!\\s*\\p{N}))`,
  'giu',
);
const CODE = new RegExp(`\\bH([12])\\s+${YEAR}`, 'gu');

export const halfYear: Finder = {
  id: RULE,
  cue: CUE,
  find(sentence) {
    const out: Candidate[] = [];
    for (const m of matchAll(NAMED, sentence)) {
      const half = /^(first|1st)$/i.test(m[2]!) ? 1 : 2;
      const rel = m[4]?.toLowerCase();
      const year: YearRef = m[3]
        ? stated(Number(m[3]))
        : rel
          ? { kind: 'relative', offset: { this: 0, last: -1, next: 1 }[rel as 'this' | 'last' | 'next'] }
          : open();
      out.push({ start: m.index, end: m.index + m[0].length, rule: RULE, expr: calendar({ unit: 'half', half }, year) });
    }
    for (const m of matchAll(CODE, sentence)) {
      out.push({
        start: m.index,
        end: m.index + m[0].length,
        rule: RULE,
        expr: calendar({ unit: 'half', half: Number(m[1]) }, stated(Number(m[2]))),
      });
    }
    return out;
  },
};
