/**
 * date.weekday: a weekday without a date: "on Tuesday", "Tuesday's vote", "last Friday", "next
 * Monday", "on Sunday night". It is the closest such day not after the publication date ("last"
 * excludes the publication day itself), or not before it in a future-tense sentence ("next"
 * excludes it); "this Monday" is the Monday of the publication date's ISO week.
 *
 * Not dates: "the Sunday Times", "every Monday", "Mondays" (generic), and a weekday after a
 * capitalized word that is not a preposition ("Super Tuesday", "Black Friday is a film about...").
 */

import { type Candidate, type Direction, type Finder } from '../model.js';
import { WEEKDAYS, WEEKDAY_NAME, groupStart, isCapitalized, isSentenceStart, matchAll, nameWordBefore, wordBefore } from '../text.js';
import type { Vocabulary } from '../vocabulary.js';

const RULE = 'date.weekday';
/** Every weekday name ends in "day" (the pattern is case-sensitive). */
const CUE = /day/;

const PATTERN = new RegExp(
  `(?:\\b([Ll]ast|[Nn]ext|[Tt]his)\\s+)?\\b(${WEEKDAY_NAME})\\b(?!-)(?:\\s+(?:morning|afternoon|evening|night)\\b)?`,
  'gud',
);
/** Words that can start a sentence right before a weekday without naming it ("On Monday"). */
const LINKING = new Set(['on', 'and', 'or', 'but', 'at', 'late', 'early', 'then', 'so', 'yet', 'since', 'until', 'by', 'from']);
const MODIFIER: Readonly<Record<string, Direction>> = { last: 'past', next: 'future', this: 'this' };

/** The word before is capitalized and is not a preposition: "Super Tuesday", "Black Friday". */
function inName(sentence: string, index: number, v: Vocabulary): boolean {
  const w = wordBefore(sentence, index);
  if (!w || !isCapitalized(w.word)) return false;
  const lower = w.word.toLowerCase();
  if (LINKING.has(lower) || v.strongYearPrepositions.has(lower) || v.weak.has(lower)) return false;
  return isSentenceStart(sentence, w.start) || nameWordBefore(sentence, index);
}

export function createWeekdayFinder(v: Vocabulary): Finder {
  return {
    id: RULE,
    cue: CUE,
    find(sentence) {
      const out: Candidate[] = [];
      for (const m of matchAll(PATTERN, sentence)) {
        const modifier = m[1]?.toLowerCase();
        const before = wordBefore(sentence, m.index)?.word.toLowerCase();
        if (before && v.weekdayBlockers.has(before)) continue;
        if (!modifier && inName(sentence, groupStart(m, 2), v)) continue;
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
