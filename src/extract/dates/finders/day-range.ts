/**
 * date.day-range: days of one month written day first, as a range or a list.
 * - Ranges: "5 to 7 May", "22-23 February 2017", "between 1 and 3 March 2005". chrono reads
 *   "from 5 to 7" as clock times and misses "between ... and"; it does handle "February 22 to 23,
 *   2017", which it keeps (date.chrono).
 * - Lists: "on 2 and 9 July", "on 14, 20 and 27 April" are separate days, not a range ("and" is a
 *   range only after "between"). Each day is its own finding; the earlier ones span the number.
 */

import { isValidYmd } from '../calendar.js';
import { calendar, open, stated, type Candidate, type Finder } from '../model.js';
import { MONTH_NAME_OR_ABBR, YEAR, groupEnd, groupStart, matchAll, monthNumber, wordBefore } from '../text.js';

const RULE = 'date.day-range';
/** The pattern starts with a day in digits. */
const CUE = /\d/;

const DAY = '\\d{1,2}(?:st|nd|rd|th)?';
const PATTERN = new RegExp(
  `(?<![\\p{N}.,:/])((?:${DAY}\\s*,\\s*)*)(${DAY})\\s*(-|–|to|and|until|till)\\s*(${DAY})\\s+(?:of\\s+)?(${MONTH_NAME_OR_ABBR})(?![\\p{L}])(?:,?\\s+${YEAR})?`,
  'gud',
);

const dayOf = (text: string): number => parseInt(text, 10);

export const dayRange: Finder = {
  id: RULE,
  cue: CUE,
  find(sentence) {
    const out: Candidate[] = [];
    for (const m of matchAll(PATTERN, sentence)) {
      const month = monthNumber(m[5]!)!;
      const year = m[6] ? stated(Number(m[6])) : open();
      const end = m.index + m[0].length;
      const isList = m[3] === 'and' && (m[1] !== '' || wordBefore(sentence, m.index)?.word.toLowerCase() !== 'between');
      if (isList) {
        const listed = [...m[1]!.matchAll(/\d{1,2}(?:st|nd|rd|th)?/g)].map((d) => [groupStart(m, 1) + d.index, d[0]] as const);
        listed.push([groupStart(m, 2), m[2]!]);
        const days = [...listed.map(([, d]) => dayOf(d)), dayOf(m[4]!)];
        if (days.some((d) => !isValidYmd(2000, month, d))) continue;
        for (const [start, text] of listed) {
          out.push({ start, end: start + text.length, rule: RULE, expr: calendar({ unit: 'day', month, day: dayOf(text) }, year) });
        }
        out.push({ start: groupStart(m, 4), end, rule: RULE, expr: calendar({ unit: 'day', month, day: dayOf(m[4]!) }, year) });
        continue;
      }
      const from = dayOf(m[2]!);
      const to = dayOf(m[4]!);
      if (from >= to || !isValidYmd(2000, month, to)) continue;
      out.push({
        start: groupStart(m, 2),
        end,
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
