/**
 * date.quarter: "the first quarter of 2005" (`2005-Q1`), "fourth-quarter profits", "Q3 2004",
 * "the final quarter of last year", "last quarter" (the quarter before the publication's),
 * "this quarter", "next quarter". A quarter without a year is placed like a yearless month.
 */

import { calendar, open, stated, type Candidate, type Finder, type YearRef } from '../model.js';
import { YEAR, matchAll } from '../text.js';

const RULE = 'date.quarter';
/** Two patterns need "quarter" (any case, `iu` as they have it), the other "Q1" to "Q4". */
const CUE = /quarter|Q[1-4]/iu;

const ORDINALS: Readonly<Record<string, number>> = {
  first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, final: 4, last: 4,
};
const NAMED = new RegExp(
  `(?:\\b([Tt]he)\\s+)?\\b(first|second|third|fourth|final|last|1st|2nd|3rd|4th)[\\s-]+quarter\\b` +
    `(?:\\s+of\\s+(?:(?:the\\s+year\\s+|fiscal\\s+(?:year\\s+)?)?${YEAR}|(this|last|next)\\s+year\\b|(the)\\s+year\\b(?!\\s*\\p{N})))?`,
  'giu',
);
const CODE = new RegExp(`\\bQ([1-4])\\b(?:\\s+${YEAR})?`, 'gu');
const RELATIVE = /\b(this|next)\s+quarter\b/giu;

function yearOf(m: RegExpExecArray, statedGroup: number, relativeGroup: number): YearRef {
  if (m[statedGroup]) return stated(Number(m[statedGroup]));
  const rel = m[relativeGroup]?.toLowerCase();
  if (rel) return { kind: 'relative', offset: { this: 0, last: -1, next: 1 }[rel as 'this' | 'last' | 'next'] };
  return open();
}

export const quarter: Finder = {
  id: RULE,
  cue: CUE,
  find(sentence) {
    const out: Candidate[] = [];
    for (const m of matchAll(NAMED, sentence)) {
      const ordinal = m[2]!.toLowerCase();
      const hasYear = Boolean(m[3] || m[4] || m[5]);
      const start = m.index;
      const end = m.index + m[0].length;
      // "last quarter" on its own is the previous quarter; "the last quarter of 2004" the fourth.
      if (ordinal === 'last' && !hasYear) {
        out.push({ start, end, rule: RULE, expr: { kind: 'relative-quarter', offset: -1 } });
        continue;
      }
      out.push({ start, end, rule: RULE, expr: calendar({ unit: 'quarter', quarter: ORDINALS[ordinal]! }, yearOf(m, 3, 4)) });
    }
    for (const m of matchAll(CODE, sentence)) {
      out.push({
        start: m.index,
        end: m.index + m[0].length,
        rule: RULE,
        expr: calendar({ unit: 'quarter', quarter: Number(m[1]) }, m[2] ? stated(Number(m[2])) : open()),
      });
    }
    for (const m of matchAll(RELATIVE, sentence)) {
      const offset = m[1]!.toLowerCase() === 'next' ? 1 : 0;
      out.push({ start: m.index, end: m.index + m[0].length, rule: RULE, expr: { kind: 'relative-quarter', offset } });
    }
    return out;
  },
};
