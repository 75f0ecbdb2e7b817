/**
 * date.relative-year: years counted from the publication year: "last year" (-1), "this year",
 * "earlier this year" (0), "next year", "early next year", "the coming year" (+1), "two years ago"
 * (-2). "the next year", "the last year" and "the past year" are durations; "past years" and "recent
 * years" are vague, and none of them is reported.
 */

import { calendar, type Candidate, type Finder } from '../model.js';
import { COUNT, capitalizedInside, countValue, deicticMatches, matchAll } from '../text.js';

const RULE = 'date.relative-year';
/** Every pattern needs "year"; `iu` as they have it. */
const CUE = /year/iu;

const YEAR = /\b(?:(?:early|mid|late|earlier|later)[\s-]+)?(this|last|next)\s+year\b(?!-)/giu;
/** "in the coming year": the year after the publication year ("the coming years" is vague). */
const COMING = /\bthe\s+coming\s+year\b(?![-'’]?\p{L})/giu;
const AGO = new RegExp(`\\b(${COUNT})\\s+years?\\s+ago\\b`, 'giu');

export const relativeYear: Finder = {
  id: RULE,
  cue: CUE,
  find(sentence) {
    const out: Candidate[] = [];
    for (const { m, offset } of deicticMatches(YEAR, sentence)) {
      out.push({ start: m.index, end: m.index + m[0].length, rule: RULE, expr: calendar({ unit: 'year' }, { kind: 'relative', offset }) });
    }
    for (const m of matchAll(COMING, sentence)) {
      if (capitalizedInside(sentence, m.index)) continue;
      out.push({ start: m.index, end: m.index + m[0].length, rule: RULE, expr: calendar({ unit: 'year' }, { kind: 'relative', offset: 1 }) });
    }
    for (const m of matchAll(AGO, sentence)) {
      const n = countValue(m[1]!);
      if (n === null || n > 500) continue;
      out.push({ start: m.index, end: m.index + m[0].length, rule: RULE, expr: calendar({ unit: 'year' }, { kind: 'relative', offset: -n }) });
    }
    return out;
  },
};
