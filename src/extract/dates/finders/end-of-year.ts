/**
 * date.end-of-year: the end or the beginning of a year, as a month: "the end of the year 2023" and
 * "the end of 2023" are `2023-12`, "the beginning of 2005" is `2005-01`; "the end of last year",
 * "the start of next year" count from the publication year.
 *
 * "the end of the year" without a year is the year end nearest to the publication date, in
 * either direction (an article of January 2005 means December 2004, one of October 2005 means
 * December 2005), unless the sentence is in the future tense.
 */

import { calendar, open, stated, type Candidate, type Finder, type YearRef } from '../model.js';
import { YEAR, matchAll } from '../text.js';

const RULE = 'date.end-of-year';
/** Both patterns have "of" between spaces ("the end of"); case-sensitive as they are. */
const CUE = /\s+of\s/;

const EDGE = '(beginning|start|end|close)';
const STATED = new RegExp(`\\b[Tt]he\\s+(?:very\\s+)?${EDGE}\\s+of\\s+(?:the\\s+year\\s+)?${YEAR}`, 'gu');
const UNSTATED = new RegExp(`\\b[Tt]he\\s+(?:very\\s+)?${EDGE}\\s+of\\s+(the|this|last|next)\\s+year\\b(?!\\s*\\p{N})`, 'gu');

const monthOf = (edge: string): number => (edge === 'end' || edge === 'close' ? 12 : 1);

export const endOfYear: Finder = {
  id: RULE,
  cue: CUE,
  find(sentence) {
    const out: Candidate[] = [];
    for (const m of matchAll(STATED, sentence)) {
      out.push({
        start: m.index,
        end: m.index + m[0].length,
        rule: RULE,
        expr: calendar({ unit: 'month', month: monthOf(m[1]!) }, stated(Number(m[2]))),
      });
    }
    for (const m of matchAll(UNSTATED, sentence)) {
      const which = m[2]!;
      const year: YearRef =
        which === 'the' ? open('nearest') : { kind: 'relative', offset: { this: 0, last: -1, next: 1 }[which as 'this' | 'last' | 'next'] };
      out.push({ start: m.index, end: m.index + m[0].length, rule: RULE, expr: calendar({ unit: 'month', month: monthOf(m[1]!) }, year) });
    }
    return out;
  },
};
