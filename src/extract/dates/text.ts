/**
 * Pattern pieces and context tests shared by the finders. Context tests look at the words
 * around a match, because most false dates ("Terrorism Act 2000", "rose by 2000", "Super Tuesday")
 * are only recognisable from their neighbours.
 */

import type { Vocabulary } from './vocabulary.js';

export const MONTHS: Readonly<Record<string, number>> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6,
  july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

/** Capitalized full month names (case-sensitive on purpose: "may" and "march" are verbs). */
export const MONTH_NAME = 'January|February|March|April|May|June|July|August|September|October|November|December';
/** Full names or abbreviations ("Sept.", "Oct"); use only where a year or day follows. */
export const MONTH_NAME_OR_ABBR = `${MONTH_NAME}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?`;
/** "Jan|Feb|...|Dec": every month name and abbreviation above starts with one of these (for cues). */
export const MONTH_PREFIX = MONTH_NAME.split('|').map((name) => name.slice(0, 3)).join('|');

export const WEEKDAYS: Readonly<Record<string, number>> = {
  sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6,
};
export const WEEKDAY_NAME = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday';

/** A year's digits and what may not follow them ("2005%", "2005s", "2005-06" are no years). */
export const YEAR_DIGITS = '(1\\d{3}|20\\d{2})(?![\\p{N}]|[.,]\\p{N}|\\s?%|s\\b|-\\p{N})';
/**
 * A four-digit year 1000-2099 standing alone: not inside a longer number ("1,2000", "20.2005",
 * "ASC-2015"), not a percentage, a decade ("1990s") or the start of a hyphenated range.
 */
export const YEAR = `(?<![\\p{L}\\p{N}.,$£€¥#/-])${YEAR_DIGITS}`;

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30,
};
export const COUNT = `\\d{1,3}|${Object.keys(NUMBER_WORDS).join('|')}`;

export function countValue(text: string): number | null {
  const t = text.toLowerCase();
  if (/^\d+$/.test(t)) return Number(t);
  return NUMBER_WORDS[t] ?? null;
}

export function monthNumber(name: string): number | null {
  return MONTHS[name.toLowerCase().replace(/\.$/, '')] ?? null;
}

/** The year a two-digit range end stands for: "2004-05" -> 2005, "1999-00" -> 2000. */
export function expandYearEnd(start: number, end: string): number {
  if (end.length === 4) return Number(end);
  const century = Math.floor(start / 100) * 100;
  const y = century + Number(end);
  return y < start ? y + 100 : y;
}

interface Word {
  readonly word: string;
  readonly start: number;
}

const WORD_CHAR = /[\p{L}\p{N}'’.-]/u;

/** The word just before `index`, across spaces only (punctuation stops the search). */
export function wordBefore(text: string, index: number): Word | null {
  let i = index;
  while (i > 0 && /\s/.test(text[i - 1]!)) i--;
  const end = i;
  while (i > 0 && WORD_CHAR.test(text[i - 1]!)) i--;
  if (i === end) return null;
  return { word: text.slice(i, end).replace(/[.'’]+$/, ''), start: i };
}

/** The word just after `index`, across spaces only. */
export function wordAfter(text: string, index: number): Word | null {
  let i = index;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  const start = i;
  while (i < text.length && /[\p{L}\p{N}'’-]/u.test(text[i]!)) i++;
  if (i === start) return null;
  return { word: text.slice(start, i), start };
}

/** True when only spaces, quotes, brackets or list markers stand before `index`. */
export function isSentenceStart(text: string, index: number): boolean {
  return /^[\s"'“‘(\[\-–—•*]*$/u.test(text.slice(0, index));
}

export const isCapitalized = (word: string): boolean => /^\p{Lu}/u.test(word);

function isCalendarWord(word: string): boolean {
  const w = word.toLowerCase();
  return w in MONTHS || w in WEEKDAYS;
}

/**
 * A capitalized word right before `index` that is not the sentence's first word: "Community 2015",
 * "Terrorism Act 2000", "Super Tuesday". Month and weekday names do not count ("May 2005").
 */
export function nameWordBefore(text: string, index: number): boolean {
  const w = wordBefore(text, index);
  if (!w || !isCapitalized(w.word) || isCalendarWord(w.word)) return false;
  return !isSentenceStart(text, w.start);
}

/** A capitalized word right after `index`: "the 2024 Vietnam-Laos High-Level Agreement". */
export function nameWordAfter(text: string, index: number): boolean {
  const w = wordAfter(text, index);
  return !!w && isCapitalized(w.word) && !isCalendarWord(w.word);
}

/**
 * A capitalized relative word inside a sentence names something: "the Tonight Show", "This Week"
 * (a programme), "Yesterday" (a song). After a colon it starts what is quoted or listed
 * ('he said: "Last week we ...'), as at the start of a sentence.
 */
export function capitalizedInside(text: string, index: number): boolean {
  return isCapitalized(text.slice(index, index + 1)) && !isSentenceStart(text, index) && !/:\s*["“‘']?\s*$/u.test(text.slice(Math.max(0, index - 4), index));
}

/** How many periods "this", "last" and "next" count from the publication date's. */
const DEICTIC_OFFSET: Readonly<Record<string, number>> = { this: 0, last: -1, next: 1 };

/**
 * Matches of a "this/last/next <period>" pattern whose group 1 is the deictic word, each with the
 * offset it gives; not inside a capitalized name, and not after "the" ("the next month", "the
 * last year" are durations).
 */
export function deicticMatches(pattern: RegExp, text: string): { readonly m: RegExpExecArray; readonly offset: number }[] {
  return matchAll(pattern, text)
    .filter((m) => !capitalizedInside(text, m.index) && wordBefore(text, m.index)?.word.toLowerCase() !== 'the')
    .map((m) => ({ m, offset: DEICTIC_OFFSET[m[1]!.toLowerCase()]! }));
}

/** The number ending at `index` counts something: "in 2000 homes", "2000 per cent". */
export function quantityFollows(text: string, index: number, vocabulary: Vocabulary): boolean {
  const rest = text.slice(index, index + 12);
  if (/^\s*(?:%|per\s*cent|percent)/i.test(rest)) return true;
  const w = wordAfter(text, index);
  return !!w && vocabulary.quantityNouns.has(w.word.toLowerCase());
}

/** The word before `index` makes the following number an amount: "rose by 2000", "12% to 2000". */
export function quantityPrecedes(text: string, index: number, vocabulary: Vocabulary): boolean {
  const before = text.slice(Math.max(0, index - 3), index);
  if (/[\d%]\s*$/.test(before)) return true;
  const w = wordBefore(text, index);
  if (!w) return false;
  return vocabulary.quantityWords.has(w.word.toLowerCase()) || /^[$£€¥]?\d/.test(w.word);
}

const NEXT_YEAR = new RegExp(`(?:\\s*,\\s*(?:(?:and|or)\\s+)?|\\s+(?:and|or)\\s+)${YEAR}`, 'uy');

/** Years listed after the one ending at `index`: "in 2001, 2002 and 2003", "the 1997 and 2001 elections". */
export function coordinatedYears(
  text: string,
  index: number,
  vocabulary: Vocabulary,
): readonly { readonly start: number; readonly end: number; readonly year: number }[] {
  const out: { start: number; end: number; year: number }[] = [];
  const re = new RegExp(NEXT_YEAR.source, NEXT_YEAR.flags);
  let at = index;
  for (;;) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) break;
    const end = m.index + m[0].length;
    if (quantityFollows(text, end, vocabulary)) break;
    out.push({ start: end - m[1]!.length, end, year: Number(m[1]) });
    at = end;
  }
  return out;
}

/** The global twin of each pattern `matchAll` ran: made once, not once per sentence (40 finders' patterns). */
const globalTwins = new WeakMap<RegExp, RegExp>();

/** Runs a global regex over `text` and returns every match; never loops on an empty match. */
export function matchAll(pattern: RegExp, text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let re = globalTwins.get(pattern);
  if (!re) {
    re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
    globalTwins.set(pattern, re);
  }
  // The loop below runs to the end before returning, so one twin serves every call.
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    out.push(m);
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

/** Start offset of capture group `n` (requires the `d` flag). */
export function groupStart(m: RegExpExecArray, n: number): number {
  return m.indices?.[n]?.[0] ?? m.index;
}

export function groupEnd(m: RegExpExecArray, n: number): number {
  return m.indices?.[n]?.[1] ?? m.index + m[0].length;
}
