/**
 * date.part-of-month: "early March", "mid-March", "late March 2018", "the end of March", "the
 * beginning of May 2005", "the end of the month", "the start of next month". The value keeps month
 * precision (`2018-03`): early/mid/late narrow the month but no further unit exists to say so.
 * chrono drops the modifier and reads "late March" as the nearest March.
 */

import { calendar, open, stated, type Candidate, type Finder } from '../model.js';
import { MONTH_NAME, YEAR, matchAll, monthNumber } from '../text.js';

const RULE = 'date.part-of-month';
/** Two patterns name a month in full, the third says "month"; all case-sensitively. */
const CUE = new RegExp(`${MONTH_NAME}|month`);

const MODIFIED = new RegExp(`\\b(?:[Ee]arly|[Mm]id|[Ll]ate)(?:\\s+|-)(${MONTH_NAME})\\b(?!\\s*\\p{N}{1,2}\\b)(?:,?\\s+${YEAR})?`, 'gu');
const EDGE = new RegExp(
  `\\b[Tt]he\\s+(?:very\\s+)?(?:beginning|start|middle|end|close)\\s+of\\s+(${MONTH_NAME})\\b(?!\\s*\\p{N}{1,2}\\b)(?:,?\\s+${YEAR})?`,
  'gu',
);
const RELATIVE = /\b[Tt]he\s+(?:very\s+)?(?:beginning|start|middle|end|close)\s+of\s+(the|this|last|next)\s+month\b/gu;

export const partOfMonth: Finder = {
  id: RULE,
  cue: CUE,
  find(sentence) {
    const out: Candidate[] = [];
    for (const re of [MODIFIED, EDGE]) {
      for (const m of matchAll(re, sentence)) {
        const year = m[2] ? stated(Number(m[2])) : open();
        out.push({
          start: m.index,
          end: m.index + m[0].length,
          rule: RULE,
          expr: calendar({ unit: 'month', month: monthNumber(m[1]!)! }, year),
        });
      }
    }
    for (const m of matchAll(RELATIVE, sentence)) {
      const offset = { the: 0, this: 0, last: -1, next: 1 }[m[1] as 'the' | 'this' | 'last' | 'next'];
      out.push({ start: m.index, end: m.index + m[0].length, rule: RULE, expr: { kind: 'relative-month', offset } });
    }
    return out;
  },
};
