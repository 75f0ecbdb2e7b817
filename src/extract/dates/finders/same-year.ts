/**
 * date.same-year: a year named by reference to the last year mentioned before it in the
 * document: "that year", "the same year" (0), "the following year" (+1), "the previous year",
 * "the year before" (-1). "the next year" is left out: it usually means the coming twelve months;
 * "the same year as/that ..." is anchored on its clause and is left out too.
 */

import { type Candidate, type Finder } from '../model.js';
import { matchAll } from '../text.js';

const RULE = 'date.same-year';
/**
 * Every form has "year" right after same, that, following, previous or preceding ("the very same
 * year", "that year"), or has "year before" / "year after"; `iu` as the forms have it.
 */
const CUE = /(?:same|that|following|previous|preceding)\s+year|year\s+(?:before|after)/iu;

const FORMS: readonly (readonly [RegExp, number])[] = [
  [/\bthe\s+(?:very\s+)?same\s+year\b(?!s)(?!\s+(?:as|that|when)\b)/giu, 0],
  [/\b(?:(?:earlier|later)\s+)?that\s+(?:same\s+)?year\b(?!s)(?!\s+(?:as|that|when)\b)/giu, 0],
  [/\bthe\s+following\s+year\b/giu, 1],
  [/\bthe\s+(?:previous|preceding)\s+year\b/giu, -1],
  [/\bthe\s+year\s+before(?=\s*(?:[,.;:!?)]|$))/giu, -1],
  [/\bthe\s+year\s+after(?=\s*(?:[,.;:!?)]|$))/giu, 1],
];

export const sameYear: Finder = {
  id: RULE,
  cue: CUE,
  find(sentence) {
    const out: Candidate[] = [];
    for (const [re, offset] of FORMS) {
      for (const m of matchAll(re, sentence)) {
        out.push({ start: m.index, end: m.index + m[0].length, rule: RULE, expr: { kind: 'anaphor-year', offset } });
      }
    }
    return out;
  },
};
