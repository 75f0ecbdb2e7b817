/**
 * date.relative-week: ISO weeks counted from the publication date's: "last week" (-1), "this
 * week", "earlier this week" (0), "next week" (+1), "the week before last" (-2), "two weeks ago";
 * weekends: "last weekend", "this weekend" (`2018-W14-WE`), "at the weekend" (the nearest
 * weekend, past unless the sentence is in the future tense).
 *
 * "the next week" and "the last week" are durations (the coming/past seven days), not dates.
 */

import { type Candidate, type DateExpr, type Finder } from '../model.js';
import { COUNT, countValue, deicticMatches, matchAll } from '../text.js';

const RULE = 'date.relative-week';
/**
 * Every pattern needs "week" ("weekend", "weeks ago"). `iu` as they have it: with `u`, the
 * Kelvin sign matches "k", which `/week/i` alone would miss.
 */
const CUE = /week/iu;

const WEEK = /\b(?:(?:earlier|later)\s+)?(this|last|next)\s+week(end)?\b(?!-)/giu;
const BEFORE_LAST = /\bthe\s+week\s+before\s+last\b/giu;
const AGO = new RegExp(`\\b(${COUNT})\\s+weeks?\\s+ago\\b`, 'giu');
const THE_WEEKEND = /\b(?:at|over|during)\s+(the\s+weekend)\b/gidu;

export const relativeWeek: Finder = {
  id: RULE,
  cue: CUE,
  find(sentence) {
    const out: Candidate[] = [];
    const push = (start: number, end: number, expr: DateExpr): void => {
      out.push({ start, end, rule: RULE, expr });
    };
    for (const { m, offset } of deicticMatches(WEEK, sentence)) {
      push(m.index, m.index + m[0].length, m[2] ? { kind: 'relative-weekend', offset } : { kind: 'relative-week', offset });
    }
    for (const m of matchAll(BEFORE_LAST, sentence)) {
      push(m.index, m.index + m[0].length, { kind: 'relative-week', offset: -2 });
    }
    for (const m of matchAll(AGO, sentence)) {
      const n = countValue(m[1]!);
      if (n !== null && n <= 104) push(m.index, m.index + m[0].length, { kind: 'relative-week', offset: -n });
    }
    for (const m of matchAll(THE_WEEKEND, sentence)) {
      const start = m.indices?.[1]?.[0] ?? m.index;
      push(start, m.index + m[0].length, { kind: 'weekend', direction: 'auto' });
    }
    return out;
  },
};
