/**
 * date.part-of-year: "early 2005", "mid-2005", "late 2018", "the middle of 2005". The value is the
 * year: early/mid/late narrow it, but no unit between year and quarter says how far.
 */

import { calendar, stated, type Candidate, type Finder } from '../model.js';
import { YEAR, YEAR_DIGITS, matchAll } from '../text.js';

const RULE = 'date.part-of-year';
/** Both patterns end in a four-digit year. */
const CUE = /\d{4}/;

// After "mid-" the hyphen is the prefix's, which YEAR's look-behind (against ranges) would refuse.
const MODIFIED = new RegExp(`\\b(?:[Ee]arly|[Mm]id|[Ll]ate)(?:\\s+${YEAR}|-${YEAR_DIGITS})`, 'gu');
const MIDDLE = new RegExp(`\\b[Tt]he\\s+middle\\s+of\\s+(?:the\\s+year\\s+)?${YEAR}`, 'gu');

export const partOfYear: Finder = {
  id: RULE,
  cue: CUE,
  find(sentence) {
    const out: Candidate[] = [];
    for (const re of [MODIFIED, MIDDLE]) {
      for (const m of matchAll(re, sentence)) {
        out.push({ start: m.index, end: m.index + m[0].length, rule: RULE, expr: calendar({ unit: 'year' }, stated(Number(m[1] ?? m[2]))) });
      }
    }
    return out;
  },
};
