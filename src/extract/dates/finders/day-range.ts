/**
 * date.day-range: days of one month joined as a span, day first: "5 to 7 May", "between 1 and 3
 * March 2005", "22-23 February 2017". chrono reads "from 5 to 7" as clock times and misses the
 * "between ... and" form; it does handle "February 22 to 23, 2017", which it keeps (date.chrono).
 */

import { isValidYmd } from '../calendar.js';
import { calendar, open, stated, type Candidate, type Finder } from '../model.js';
import { MONTH_NAME_OR_ABBR, YEAR, matchAll, monthNumber } from '../text.js';

const RULE = 'date.day-range';
/** Cheap pre-test: a sentence without it cannot match, so the patterns below are skipped. */
const CUE = /\d/;

const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const PATTERN = new RegExp(
  `(?<![\\p{N}.,:/])${DAY}\\s*(?:-|–|to|and|until|till)\\s*${DAY}\\s+(?:of\\s+)?(${MONTH_NAME_OR_ABBR})(?![\\p{L}])(?:,?\\s+${YEAR})?`,
  'gu',
);

export const dayRange: Finder = {
  id: RULE,
  find(sentence) {
    if (!CUE.test(sentence)) return [];
    const out: Candidate[] = [];
    for (const m of matchAll(PATTERN, sentence)) {
      const from = Number(m[1]);
      const to = Number(m[2]);
      const month = monthNumber(m[3]!)!;
      if (from >= to || !isValidYmd(2000, month, to)) continue;
      const year = m[4] ? stated(Number(m[4])) : open();
      out.push({
        start: m.index,
        end: m.index + m[0].length,
        rule: RULE,
        expr: {
          kind: 'range',
          start: calendar({ unit: 'day', month, day: from }, year),
          end: calendar({ unit: 'day', month, day: to }, year.kind === 'stated' ? year : open()),
        },
      });
    }
    return out;
  },
};
