/**
 * date.year-modifier: a year used as a modifier or possessive: "the 2005 election", "its 2003
 * performance", "Labour's 1997 landslide", "2004's best-selling album".
 *
 * A year between a determiner and a capitalized word is part of a name and is not reported:
 * "the 2024 Vietnam-Laos High-Level Agreement", "the 2006 World Cup". The year belongs to the
 * named thing (an agreement, a tournament), not to the event the sentence reports; the mention
 * extractor keeps the whole name.
 */

import { calendar, stated, type Candidate, type Finder } from '../model.js';
import { YEAR, coordinatedYears, groupEnd, groupStart, matchAll, nameWordBefore, quantityFollows } from '../text.js';
import { firstLetterEitherCase, type Vocabulary } from '../vocabulary.js';

const RULE = 'date.year-modifier';
/** Both patterns need a four-digit year. */
const CUE = /\d{4}/;
const POSSESSIVE = new RegExp(`${YEAR}['’]s\\b`, 'gud');
/** After a possessive: "Labour's 1997 landslide", "the party's 2005 manifesto". */
const AFTER_POSSESSIVE = new RegExp(`\\p{L}['’]s?\\s+${YEAR}(?=\\s+\\p{Ll})`, 'gud');

export function createYearModifierFinder(v: Vocabulary): Finder {
  const determiners = firstLetterEitherCase([...v.yearDeterminers]) || '(?!)';
  // Case-sensitive: the next word's case is what tells a modifier from a name.
  const modifier = new RegExp(
    `\\b(?:${determiners})\\s+${YEAR}((?:(?:\\s*,\\s*|\\s+(?:and|or)\\s+)(?:1\\d{3}|20\\d{2})\\b)*)(?=\\s+\\p{Ll})`,
    'gud',
  );
  return {
    id: RULE,
    cue: CUE,
    find(sentence) {
      const out: Candidate[] = [];
      const push = (m: RegExpExecArray): void => {
        const year = Number(m[1]);
        if (year < 1900) return;
        out.push({ start: groupStart(m, 1), end: groupEnd(m, 1), rule: RULE, expr: calendar({ unit: 'year' }, stated(year)) });
      };
      for (const m of matchAll(modifier, sentence)) {
        const end = m.index + m[0].length;
        if (quantityFollows(sentence, end, v)) continue;
        push(m);
        // "the 1997 and 2001 elections": every listed year modifies the noun.
        for (const y of coordinatedYears(sentence, groupEnd(m, 1), v)) {
          if (y.year >= 1900 && y.end <= end) {
            out.push({ start: y.start, end: y.end, rule: RULE, expr: calendar({ unit: 'year' }, stated(y.year)) });
          }
        }
      }
      for (const m of matchAll(POSSESSIVE, sentence)) {
        if (!nameWordBefore(sentence, groupStart(m, 1))) push(m);
      }
      for (const m of matchAll(AFTER_POSSESSIVE, sentence)) {
        if (!quantityFollows(sentence, m.index + m[0].length, v)) push(m);
      }
      return out;
    },
  };
}
