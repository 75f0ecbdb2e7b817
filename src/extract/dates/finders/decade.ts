/**
 * date.decade: "the 1990s", "the mid-1990s", "the early 1980s", "the 1990's", "the '90s".
 * The value is the TIMEX3 decade (`199`); early/mid/late keep the decade's value. The span starts
 * at "the" when it is there. A four-digit decade needs no article ("1980s pop"); the two-digit
 * form needs "the" and an apostrophe or early/mid/late ("the mid-90s"), because "in his 90s" is
 * an age.
 */

import { type Candidate, type Finder } from '../model.js';
import { matchAll } from '../text.js';

const RULE = 'date.decade';
/** Both patterns end in a decade's digits, "1990s", "1990's" or "'90s": a digit, 0, s. */
const CUE = /\d0['’]?s/;
const FOUR_DIGITS = /(?:\b(?:[Tt]he)\s+)?(?:\b(?:[Ee]arly|[Mm]id|[Ll]ate)[\s-]+|\b[Mm]id-)?(?<![\p{N}.,])(1[0-9]|20)([0-9])0['’]?s\b/gu;
const TWO_DIGITS = /\b[Tt]he\s+(?:(?:(?:early|mid|late)[\s-]+|mid-)['’]?|['’])([0-9])0s\b/gu;

export const decade: Finder = {
  id: RULE,
  cue: CUE,
  find(sentence) {
    const out: Candidate[] = [];
    for (const m of matchAll(FOUR_DIGITS, sentence)) {
      out.push({ start: m.index, end: m.index + m[0].length, rule: RULE, expr: { kind: 'decade', decade: Number(`${m[1]}${m[2]}`) } });
    }
    for (const m of matchAll(TWO_DIGITS, sentence)) {
      // '20s and '10s are ambiguous between centuries; the rest are the 1900s.
      const d = Number(m[1]);
      if (d < 3) continue;
      out.push({ start: m.index, end: m.index + m[0].length, rule: RULE, expr: { kind: 'decade', decade: 190 + d } });
    }
    return out;
  },
};
