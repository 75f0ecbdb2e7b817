/**
 * date.same-day: a day named by reference to the last day mentioned before it in the document:
 * "the same day", "that day", "later that evening" (0), "the following day", "the next day"
 * (+1), "the previous day", "the day before" (-1). "the day before" and "the day after" count
 * only at the end of a clause: "the day before the vote" is anchored on the vote, not on a date;
 * likewise "the same day as the election" is not reported.
 */

import { type Candidate, type Finder } from '../model.js';
import { matchAll } from '../text.js';

const RULE = 'date.same-day';

const PART = '(?:day|date|morning|afternoon|evening|night)';
/**
 * Every form has a part of the day right after same, that, very, following, next, previous or
 * preceding ("the very same day", "that evening"), or has "day before" / "day after"; `iu` as the
 * forms have it.
 */
const CUE = new RegExp(`(?:same|that|very|following|next|previous|preceding)\\s+${PART}|day\\s+(?:before|after)`, 'iu');
/** "on the same day as the election", "the same day that...": anchored on the clause, not a date. */
const NOT_COMPARED = '(?!\\s+(?:as|that|when)\\b)';
const FORMS: readonly (readonly [RegExp, number])[] = [
  [new RegExp(`\\b(?:(?:earlier|later)\\s+)?the\\s+(?:very\\s+)?same\\s+${PART}\\b${NOT_COMPARED}`, 'giu'), 0],
  [new RegExp(`\\b(?:(?:earlier|later)\\s+)?that\\s+(?:same\\s+|very\\s+)?${PART}\\b(?!s)${NOT_COMPARED}`, 'giu'), 0],
  [/\bthe\s+(?:following|next)\s+(?:day|morning|afternoon|evening)\b/giu, 1],
  [/\bthe\s+(?:previous|preceding)\s+(?:day|morning|afternoon|evening|night)\b/giu, -1],
  [/\bthe\s+day\s+before(?=\s*(?:[,.;:!?)]|$))/giu, -1],
  [/\bthe\s+day\s+after(?=\s*(?:[,.;:!?)]|$))/giu, 1],
];

export const sameDay: Finder = {
  id: RULE,
  cue: CUE,
  find(sentence) {
    const out: Candidate[] = [];
    for (const [re, offset] of FORMS) {
      for (const m of matchAll(re, sentence)) {
        out.push({ start: m.index, end: m.index + m[0].length, rule: RULE, expr: { kind: 'anaphor-day', offset } });
      }
    }
    return out;
  },
};
