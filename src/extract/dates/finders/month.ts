/**
 * date.month: a month without a day. "May 2005", "(October 2003)", "March of 2005" state the year;
 * "in March", "since May", "last March", "this June" do not. Month ranges: "from March to May
 * 2005" (value `2005-03/2005-05`).
 *
 * Month names are matched case-sensitively and, without a year, only after a preposition or
 * last/next/this, or before a lower-case noun they modify ("the February trilateral meetings";
 * "the March of Dimes" is a name): "the party may..." and "May I..." are verbs, "Theresa May" a
 * name.
 */

import { isValidYear } from '../calendar.js';
import { calendar, open, stated, type CalendarExpr, type Candidate, type Direction, type Finder } from '../model.js';
import { MONTH_NAME, MONTH_NAME_OR_ABBR, MONTH_PREFIX, YEAR, groupEnd, groupStart, matchAll, monthNumber, nameWordBefore } from '../text.js';
import type { Vocabulary } from '../vocabulary.js';

const RULE = 'date.month';
/** Every pattern names a month, case-sensitively, by a name or abbreviation that starts with a MONTH_PREFIX. */
const CUE = new RegExp(MONTH_PREFIX);

const WITH_YEAR = new RegExp(`\\b(${MONTH_NAME_OR_ABBR})(?:,?\\s+of|,)?\\s+${YEAR}`, 'gud');
const RANGE = new RegExp(
  `\\b(?:[Ff]rom|[Bb]etween)\\s+(${MONTH_NAME})\\s*(?:-|–|to|and|until|till|through)\\s*(${MONTH_NAME})\\b(?:,?\\s+${YEAR})?`,
  'gud',
);
const HYPHEN_RANGE = new RegExp(`\\b(${MONTH_NAME})\\s*[-–]\\s*(${MONTH_NAME}),?\\s+${YEAR}`, 'gud');
/** "the February trilateral meetings": a month modifying a lower-case noun ("the March of Dimes" is not). */
const AS_MODIFIER = new RegExp(`\\b[Tt]he\\s+(${MONTH_NAME})(?=\\s+(?!of\\b)\\p{Ll})`, 'gud');
const MODIFIER: Readonly<Record<string, Direction>> = { last: 'past', next: 'future', this: 'this' };

function month(name: string, year: CalendarExpr['year']): CalendarExpr {
  return calendar({ unit: 'month', month: monthNumber(name)! }, year);
}

export function createMonthFinder(v: Vocabulary): Finder {
  const alone = new RegExp(
    `\\b(?:(${v.prepositionSourceFirstLetterEitherCase})|([Ll]ast|[Nn]ext|[Tt]his))\\s+(${MONTH_NAME})\\b(?![-'’]?\\p{L})(?!\\s*\\p{N})`,
    'gud',
  );
  return {
    id: RULE,
    cue: CUE,
    find(sentence) {
      const out: Candidate[] = [];
      for (const m of matchAll(WITH_YEAR, sentence)) {
        out.push({ start: m.index, end: m.index + m[0].length, rule: RULE, expr: month(m[1]!, stated(Number(m[2]))) });
      }
      for (const m of matchAll(alone, sentence)) {
        const modifier = m[2]?.toLowerCase();
        // "the Ides of March", "Born on the Fourth of July": of/to/for after a capitalized word.
        if (m[1] && v.names.has(m[1].toLowerCase()) && nameWordBefore(sentence, groupStart(m, 1))) continue;
        const start = modifier ? groupStart(m, 2) : groupStart(m, 3);
        const direction = modifier ? MODIFIER[modifier]! : 'auto';
        out.push({ start, end: groupEnd(m, 3), rule: RULE, expr: month(m[3]!, open(direction)) });
      }
      for (const m of matchAll(AS_MODIFIER, sentence)) {
        out.push({ start: groupStart(m, 1), end: groupEnd(m, 1), rule: RULE, expr: month(m[1]!, open()) });
      }
      for (const re of [RANGE, HYPHEN_RANGE]) {
        for (const m of matchAll(re, sentence)) {
          const from = monthNumber(m[1]!)!;
          const start = groupStart(m, 1);
          const end = m.index + m[0].length;
          if (m[3]) {
            const y = Number(m[3]);
            const startYear = from > monthNumber(m[2]!)! ? y - 1 : y;
            if (!isValidYear(startYear)) continue;
            out.push({ start, end, rule: RULE, expr: { kind: 'range', start: month(m[1]!, stated(startYear)), end: month(m[2]!, stated(y)) } });
          } else {
            out.push({ start, end, rule: RULE, expr: { kind: 'range', start: month(m[1]!, open()), end: month(m[2]!, open()) } });
          }
        }
      }
      return out;
    },
  };
}
