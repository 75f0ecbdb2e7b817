/**
 * date.year-in-brackets: a year alone in brackets, as in citations and lists of treaties:
 * "Declaration on ZOPFAN (1971)", "(c. 1900)". The span is the year without the brackets.
 */

import { calendar, stated, type Candidate, type Finder } from '../model.js';
import { groupEnd, groupStart, matchAll } from '../text.js';

const RULE = 'date.year-in-brackets';
/** The pattern needs a four-digit year. */
const CUE = /\d{4}/;
const PATTERN = /\((?:c\.\s*|circa\s+)?(1\d{3}|20\d{2})\)/gd;

export const yearInBrackets: Finder = {
  id: RULE,
  cue: CUE,
  find(sentence) {
    const out: Candidate[] = [];
    for (const m of matchAll(PATTERN, sentence)) {
      out.push({
        start: groupStart(m, 1),
        end: groupEnd(m, 1),
        rule: RULE,
        expr: calendar({ unit: 'year' }, stated(Number(m[1]))),
      });
    }
    return out;
  },
};
