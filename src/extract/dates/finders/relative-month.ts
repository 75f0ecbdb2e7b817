/**
 * date.relative-month: months counted from the publication date's: "last month" (-1), "this
 * month", "earlier this month" (0), "early next month" (+1), "three months ago" (-3).
 * "the next month" / "the last month" are durations and are not reported.
 */

import { type Candidate, type Finder } from '../model.js';
import { COUNT, countValue, deicticMatches, matchAll } from '../text.js';

const RULE = 'date.relative-month';
/** Both patterns need "month"; `iu` as they have it. */
const CUE = /month/iu;

const MONTH = /\b(?:(?:early|mid|late|earlier|later)[\s-]+)?(this|last|next)\s+month\b(?!-)/giu;
const AGO = new RegExp(`\\b(${COUNT})\\s+months?\\s+ago\\b`, 'giu');

export const relativeMonth: Finder = {
  id: RULE,
  cue: CUE,
  find(sentence) {
    const out: Candidate[] = [];
    for (const { m, offset } of deicticMatches(MONTH, sentence)) {
      out.push({ start: m.index, end: m.index + m[0].length, rule: RULE, expr: { kind: 'relative-month', offset } });
    }
    for (const m of matchAll(AGO, sentence)) {
      const n = countValue(m[1]!);
      if (n === null || n > 120) continue;
      out.push({ start: m.index, end: m.index + m[0].length, rule: RULE, expr: { kind: 'relative-month', offset: -n } });
    }
    return out;
  },
};
