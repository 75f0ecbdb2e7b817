/**
 * date.weekday: a weekday without a date: "on Tuesday", "Tuesday's vote", "last Friday", "next
 * Monday", "on Sunday night". It is the closest such day not after the publication date ("last"
 * excludes the publication day itself), or not before it in a future-tense sentence ("next"
 * excludes it); "this Monday" is the Monday of the publication date's ISO week.
 *
 * Not dates: "the Sunday Times", "every Monday", "Mondays" (generic), and a weekday after a
 * capitalized word inside the sentence ("Super Tuesday", "Black Monday", "Good Friday").
 */

import { type Candidate, type Direction, type Finder } from '../model.js';
import { WEEKDAYS, WEEKDAY_NAME, groupStart, matchAll, nameWordBefore, wordBefore } from '../text.js';
import type { Vocabulary } from '../vocabulary.js';

const RULE = 'date.weekday';

const PATTERN = new RegExp(
  `(?:\\b([Ll]ast|[Nn]ext|[Tt]his)\\s+)?\\b(${WEEKDAY_NAME})\\b(?!-)(?:\\s+(?:morning|afternoon|evening|night)\\b)?`,
  'gud',
);
const MODIFIER: Readonly<Record<string, Direction>> = { last: 'past', next: 'future', this: 'this' };

export function createWeekdayFinder(v: Vocabulary): Finder {
  return {
    id: RULE,
    find(sentence) {
      const out: Candidate[] = [];
      for (const m of matchAll(PATTERN, sentence)) {
        const modifier = m[1]?.toLowerCase();
        const before = wordBefore(sentence, m.index)?.word.toLowerCase();
        if (before && v.weekdayBlockers.has(before)) continue;
        if (!modifier && nameWordBefore(sentence, groupStart(m, 2))) continue;
        out.push({
          start: m.index,
          end: m.index + m[0].length,
          rule: RULE,
          expr: { kind: 'weekday', weekday: WEEKDAYS[m[2]!.toLowerCase()]!, direction: modifier ? MODIFIER[modifier]! : 'auto' },
        });
      }
      return out;
    },
  };
}
