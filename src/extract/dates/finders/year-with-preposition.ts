/**
 * date.year-with-preposition: a bare year after a preposition, or after the word "year":
 * "in 1995", "Since 1991", "by 2020", "after year 2020", "in the year 2000".
 *
 * chrono drops matches that are only digits, and a bare number is a year only in context, so the
 * preposition is part of the pattern. "Strong" prepositions (in, since, until...) rarely introduce
 * amounts; "weak" ones (by, for, from, to...) often do ("rose by 2000", "for 2000 people"), so
 * after them the year must be 1900-2099, must not follow an amount word, and must not end a name
 * ("ARF Vision to 2020", "Class of 2005": a capitalized word before to/for/of), nor be a time of
 * day ("at about 1900", "from 2000 GMT").
 */

import { calendar, stated, type Candidate, type Finder } from '../model.js';
import {
  YEAR, coordinatedYears, groupEnd, groupStart, isCapitalized, isSentenceStart, matchAll, nameWordBefore, quantityFollows, quantityPrecedes,
} from '../text.js';
import type { Vocabulary } from '../vocabulary.js';

const RULE = 'date.year-with-preposition';
/** The pattern ends in a four-digit year. */
const CUE = /\d{4}/;
/** A zone or "hours" after four digits makes them a time of day: "2000 GMT", "1900 hrs". */
const CLOCK_AFTER = /^\s*(?:GMT|BST|UTC|CET|EST|ET|hrs|hours|local\s+time)\b/;

function pattern(v: Vocabulary): RegExp {
  return new RegExp(`(?:\\b(${v.strongPrepositionSource}|${v.weakPrepositionSource})\\s+)?\\b((?:the\\s+)?year\\s+)?${YEAR}`, 'giud');
}

export function createYearWithPrepositionFinder(v: Vocabulary): Finder {
  const re = pattern(v);
  return { id: RULE, cue: CUE, find: (sentence) => find(sentence, re, v) };
}

function find(sentence: string, re: RegExp, v: Vocabulary): Candidate[] {
  const out: Candidate[] = [];
  for (const m of matchAll(re, sentence)) {
    const preposition = m[1]?.toLowerCase().replace(/\s+/g, ' ');
    const yearWord = m[2];
    if (!preposition && !yearWord) continue;
    const year = Number(m[3]);
    const yearStart = groupStart(m, 3);
    const yearEnd = groupEnd(m, 3);
    if (quantityFollows(sentence, yearEnd, v)) continue;
    if (yearWord) {
      const wordStart = groupStart(m, 2);
      const word = /year/i.exec(yearWord)!;
      // "Solidarity and Friendship Year 2022": a capital Year inside a sentence names something.
      if (isCapitalized(word[0]) && !isSentenceStart(sentence, wordStart + word.index)) continue;
    }
    if (preposition && !yearWord && v.weak.has(preposition)) {
      const prepositionStart = groupStart(m, 1);
      if (year < 1900) continue;
      // "at about 1900 on Sundays", "from 2000 GMT": a time of day in the 24-hour clock.
      if (CLOCK_AFTER.test(sentence.slice(yearEnd)) || (/^(?:about|around)$/.test(preposition) && /\bat\s+$/i.test(sentence.slice(0, prepositionStart)))) continue;
      if (quantityPrecedes(sentence, prepositionStart, v)) continue;
      if (v.names.has(preposition) && nameWordBefore(sentence, prepositionStart)) continue;
    }
    const start = yearWord ? groupStart(m, 2) : yearStart;
    out.push({ start, end: yearEnd, rule: RULE, expr: calendar({ unit: 'year' }, stated(year)) });
    for (const next of coordinatedYears(sentence, yearEnd, v)) {
      out.push({ start: next.start, end: next.end, rule: RULE, expr: calendar({ unit: 'year' }, stated(next.year)) });
    }
  }
  return out;
}
