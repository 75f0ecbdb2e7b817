/**
 * date.relative-day: days counted from the publication date: "yesterday" (-1), "tomorrow" (+1),
 * "last night" (-1), "tonight", "this morning", "earlier today" (0), "the day before yesterday"
 * (-2), "three days ago" (-3).
 *
 * A bare "today" is not reported: in news prose it mostly means "nowadays" ("the freedoms we enjoy
 * today", "In today's context"); "earlier today" and "later today" are reported.
 */

import { type Candidate, type Finder } from '../model.js';
import { COUNT, capitalizedInside, countValue, matchAll } from '../text.js';

const RULE = 'date.relative-day';
/**
 * What each pattern must contain: "yesterday", "tomorrow", "night" ("last night", "tonight"),
 * "this morning/afternoon/evening", "today" ("earlier today"), "days ago". `iu` as the patterns
 * have it: with `u`, "ſ" matches "s" ("yeſterday"), which `/yesterday/i` alone would miss.
 */
const CUE = /yesterday|tomorrow|night|this\s+(?:morning|afternoon|evening)|today|days?\s+ago/iu;

const PART = '(?:\\s+(?:morning|afternoon|evening|night)\\b)?';
const FIXED: readonly (readonly [RegExp, number])[] = [
  [/\bthe\s+day\s+before\s+yesterday\b/giu, -2],
  [/\bthe\s+day\s+after\s+tomorrow\b/giu, 2],
  [new RegExp(`\\byesterday\\b${PART}`, 'giu'), -1],
  [new RegExp(`\\btomorrow\\b${PART}`, 'giu'), 1],
  [/\blast\s+night\b/giu, -1],
  [/\btonight\b/giu, 0],
  [/\bthis\s+(?:morning|afternoon|evening)\b/giu, 0],
  [/\b(?:earlier|later)\s+today\b/giu, 0],
];
const AGO = new RegExp(`\\b(${COUNT})\\s+days?\\s+ago\\b`, 'giu');

export const relativeDay: Finder = {
  id: RULE,
  cue: CUE,
  find(sentence) {
    const out: Candidate[] = [];
    for (const [re, offset] of FIXED) {
      for (const m of matchAll(re, sentence)) {
        if (capitalizedInside(sentence, m.index)) continue;
        out.push({ start: m.index, end: m.index + m[0].length, rule: RULE, expr: { kind: 'relative-day', offset } });
      }
    }
    for (const m of matchAll(AGO, sentence)) {
      const n = countValue(m[1]!);
      if (n === null || n > 366) continue;
      out.push({ start: m.index, end: m.index + m[0].length, rule: RULE, expr: { kind: 'relative-day', offset: -n } });
    }
    return out;
  },
};
