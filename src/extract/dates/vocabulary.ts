/**
 * The word lists of rules/dates.yaml, compiled once into sets and regular expressions that the
 * finders share. Word lists are data so they can grow without touching code.
 */

import { caseInsensitive } from '../../text/regex.js';
import type { Period } from './model.js';

export interface VocabularyData {
  /** Words that put a sentence in the future tense: yearless dates then point forward. */
  readonly futureMarkers: readonly string[];
  /** A bare year is a date after these ("in 1995", "Since 1991"). */
  readonly strongYearPrepositions: readonly string[];
  /** These also introduce quantities ("by 2000", "for 2000 people"): the year needs more checks. */
  readonly weakYearPrepositions: readonly string[];
  /** "Vision to 2020", "Class of 2005": after a capitalized word these make the year part of a name. */
  readonly namePrepositions: readonly string[];
  /** A number followed by one of these counts things: "in 2000 homes". */
  readonly quantityNouns: readonly string[];
  /** A number after one of these and a weak preposition is an amount: "rose by 2000". */
  readonly quantityWords: readonly string[];
  /** A year after these modifies a noun ("the 2005 election", "its 2003 results"). */
  readonly yearDeterminers: readonly string[];
  /** A weekday after these is not a date ("the Sunday Times", "every Monday"). */
  readonly weekdayBlockers: readonly string[];
  /** Holidays on a fixed day of the year, as written, with that day as `MM-DD`: "Boxing Day": "12-26". */
  readonly holidays: Readonly<Record<string, string>>;
  /** A holiday without a year is a date after these ("before Christmas", "on Boxing Day"). */
  readonly holidayPrepositions: readonly string[];
}

export interface Vocabulary {
  /** Matches anywhere in a sentence that is in the future tense. */
  readonly future: RegExp;
  /** Alternation source (no groups) of the strong / weak year prepositions, longest first. */
  readonly strongPrepositionSource: string;
  readonly weakPrepositionSource: string;
  /** Both lists in one alternation, case-sensitive except for the first letter ("in", "In"). */
  readonly prepositionSourceFirstLetterEitherCase: string;
  readonly strongYearPrepositions: ReadonlySet<string>;
  readonly weak: ReadonlySet<string>;
  readonly names: ReadonlySet<string>;
  readonly quantityNouns: ReadonlySet<string>;
  readonly quantityWords: ReadonlySet<string>;
  readonly yearDeterminers: ReadonlySet<string>;
  readonly weekdayBlockers: ReadonlySet<string>;
  /** Holiday names (as `holidayKey` writes them) and the day each falls on. */
  readonly holidays: ReadonlyMap<string, Period & { readonly unit: 'day' }>;
  /** Alternation source (no groups) of the holiday names, longest first, either apostrophe. */
  readonly holidaySource: string;
  /** The same for the last word of each name ("Day", "Eve", "Christmas"): whatever matches a name matches one. */
  readonly holidayLastWordSource: string;
  /** Alternation source (no groups) of the holiday prepositions, first letter either case. */
  readonly holidayPrepositionSource: string;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A phrase as a case-insensitive pattern with word boundaries where the phrase has letters. */
function phraseSource(phrase: string): string {
  const body = phrase.trim().split(/\s+/).map(escape).join('\\s+');
  const head = /^[\p{L}\p{N}]/u.test(phrase.trim()) ? '\\b' : '';
  const tail = /[\p{L}\p{N}]$/u.test(phrase.trim()) ? '\\b' : '';
  return `${head}${body}${tail}`;
}

/** The phrases as one alternation, longest first; lower-cased unless `keepCase`. */
function alternation(phrases: readonly string[], keepCase = false): string {
  const sorted = [...new Set(phrases.map((p) => (keepCase ? p.trim() : p.trim().toLowerCase())))].sort((a, b) => b.length - a.length);
  return sorted.map((p) => p.split(/\s+/).map(escape).join('\\s+')).join('|');
}

/** "since" -> "[sS]ince": matches at the start of a sentence without matching "SINCE" or "sINCE". */
export function firstLetterEitherCase(phrases: readonly string[]): string {
  const sorted = [...new Set(phrases.map((p) => p.trim().toLowerCase()))].sort((a, b) => b.length - a.length);
  return sorted
    .map((p) => {
      const body = p.split(/\s+/).map(escape).join('\\s+');
      const first = p.charAt(0);
      return /\p{L}/u.test(first) ? `[${first}${first.toUpperCase()}]${body.slice(1)}` : body;
    })
    .join('|');
}

/** How a holiday name is looked up: single spaces, straight apostrophes ("New Year’s  Eve" -> "New Year's Eve"). */
export const holidayKey = (name: string): string => name.trim().replace(/\s+/g, ' ').replace(/’/g, "'");

const lowerSet = (words: readonly string[]): ReadonlySet<string> => new Set(words.map((w) => w.trim().toLowerCase()));

/** Holiday names as written (case kept), longest first; an apostrophe may be written either way. */
const holidayAlternation = (names: readonly string[]): string => alternation(names, true).replace(/'/g, "['’]");

export function compileVocabulary(data: VocabularyData): Vocabulary {
  const futureSources = data.futureMarkers.map(phraseSource);
  const holidayNames = Object.keys(data.holidays).map(holidayKey);
  return {
    // A never-matching pattern when the list is empty keeps callers simple.
    future: caseInsensitive(futureSources.length ? futureSources.join('|') : '(?!)'),
    strongPrepositionSource: alternation(data.strongYearPrepositions) || '(?!)',
    weakPrepositionSource: alternation(data.weakYearPrepositions) || '(?!)',
    prepositionSourceFirstLetterEitherCase:
      firstLetterEitherCase([...data.strongYearPrepositions, ...data.weakYearPrepositions]) || '(?!)',
    strongYearPrepositions: lowerSet(data.strongYearPrepositions),
    weak: lowerSet(data.weakYearPrepositions),
    names: lowerSet(data.namePrepositions),
    quantityNouns: lowerSet(data.quantityNouns),
    quantityWords: lowerSet(data.quantityWords),
    yearDeterminers: lowerSet(data.yearDeterminers),
    weekdayBlockers: lowerSet(data.weekdayBlockers),
    holidays: new Map(
      Object.entries(data.holidays).map(([name, day]) => {
        const [month, date] = day.split('-').map(Number) as [number, number];
        return [holidayKey(name), { unit: 'day', month, day: date }] as const;
      }),
    ),
    holidaySource: holidayAlternation(holidayNames),
    holidayLastWordSource: holidayAlternation(holidayNames.map((name) => name.slice(name.lastIndexOf(' ') + 1))),
    holidayPrepositionSource: firstLetterEitherCase(data.holidayPrepositions) || '(?!)',
  };
}
