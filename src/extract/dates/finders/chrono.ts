/**
 * date.chrono: calendar days and day ranges found by chrono-node ("24th March 2023",
 * "Tuesday, 30 October 2018 09:26", "on 5 March", "from February 22 to 23, 2017", "12/05/2004").
 *
 * Configuration: chrono's *strict* English parsers (the casual ones produce the known false dates
 * "now", "today" from "today's", "past years", and turn "the morning of May 26" into the reference
 * date), minus the duration parsers ("in 10 days", "5 days ago": relative-day does those with the
 * right granularity), with the day-first slash parser because our sources write 12/05/2004 for
 * 12 May. The month-first word parser is kept: "March 23" is common in our articles.
 *
 * Dropped: matches without a month word or a year ("3/1", "4/1 to 5/2" are odds), lower-case
 * month words ("may 5"), capitalized non-calendar starts inside a sentence ("Born on the Fourth
 * of July" is a film), and an ordinal read as a day when a word follows ("In November, first half
 * profits...", see MONTH_COMMA_ORDINAL).
 *
 * Only components chrono marks as *certain* are read. Anything chrono merely implied from its
 * reference (the year of "5 March", the date of a bare time) is ignored here and resolved later
 * against the publication date, so the reference passed to chrono cannot leak into a value.
 */

import { Chrono, configuration, type ParsedResult } from 'chrono-node/en';

type ParsedComponents = ParsedResult['start'];
import { isValidYear, isValidYmd } from '../calendar.js';
import { MONTH_NAME_OR_ABBR, MONTH_PREFIX, WEEKDAY_NAME, capitalizedInside } from '../text.js';
import { calendar, open, stated, type CalendarExpr, type Candidate, type DateExpr, type Finder } from '../model.js';

const RULE = 'date.chrono';

/** chrono parsers left out, by class name (chrono 2.10 exports no classes to compare with). */
const LEFT_OUT = new Set(['ENTimeUnitWithinFormatParser', 'ENTimeUnitAgoFormatParser', 'ENTimeUnitLaterFormatParser']);

/** Any fixed instant works: only certain components are read (see above). */
const REFERENCE_MS = Date.UTC(2000, 0, 1, 12);

export function buildChrono(): Chrono {
  const monthFirst = configuration.createConfiguration(true, false);
  const dayFirst = configuration.createConfiguration(true, true);
  const name = (p: object): string => p.constructor.name;
  const slashDayFirst = dayFirst.parsers.find((p) => name(p) === 'SlashDateFormatParser');
  const parsers = monthFirst.parsers
    .filter((p) => !LEFT_OUT.has(name(p)))
    .map((p) => (name(p) === 'SlashDateFormatParser' && slashDayFirst ? slashDayFirst : p));
  if (!slashDayFirst || parsers.length !== monthFirst.parsers.length - LEFT_OUT.size) {
    // Only a different chrono-node version can get here; fail at start-up, not on a document.
    throw new Error('date.chrono: chrono-node parsers are not the expected 2.10 set; check the pinned version');
  }
  return new Chrono({ parsers, refiners: monthFirst.refiners });
}

/** Lower-case month words are verbs ("the party may 5 ..."); chrono matches them anyway. */
/** Capitalized words a date may start with inside a sentence ("May 5", "Tuesday, 30 October"). */
const CALENDAR_WORD = new RegExp(`^(?:${MONTH_NAME_OR_ABBR}|${WEEKDAY_NAME})`);
const LOWER_MONTH = /\b(?:may|march|june|july|august)\b/;
const MONTH_WORD = new RegExp(`\\b(?:${MONTH_NAME_OR_ABBR})`, 'i');
/**
 * Digits chrono's strict parsers can read as a day and a month without a month word: numbers
 * joined by a slash, dot, dash or space ("12/05/2004", "2004-05-12", "2004 05 12"). A sentence
 * whose digits are all apart ("in 2004", "£5m") gives chrono nothing to find.
 */
const NUMERIC_DATE = /\d[-./\s]\d/;
/**
 * Only a certain day and month make a candidate (toExpr), and chrono's strict parsers state a
 * month only with a month word or in digits joined to digits: without either, chrono has nothing
 * to give. Its patterns take a month word in any case and straight after a day ("5March 2004",
 * "12mar2004", no word boundary), so the cue looks for the word's first three letters anywhere.
 * chrono's patterns have no `u` flag, so `i` folds the same letters here as there. The masking
 * below only turns a comma into a semicolon, which changes neither.
 */
const CUE = new RegExp(`${NUMERIC_DATE.source}|${MONTH_PREFIX}`, 'i');
const ORDINAL_WORD = 'first|second|third|fourth|fifth|last';
/**
 * "In November, first half profits..." and "On 5 March, first they met": chrono reads "November,
 * first" as 1 November, even over "5 March". The comma is masked (same length, so offsets hold)
 * before chrono reads the sentence.
 */
const MONTH_COMMA_ORDINAL = new RegExp(`\\b(${MONTH_NAME_OR_ABBR}),(?=\\s+(?:${ORDINAL_WORD})\\b)`, 'gi');
/** "On May first the...": without a comma, an ordinal followed by a word is not the day. */
const ORDINAL_WORD_BEFORE_WORD = new RegExp(`\\b(?:${ORDINAL_WORD})$`, 'i');
const LEADING_PREPOSITION = /^(?:(?:on|in|at|from|since|by|of|until|till|before|after|during|between)\s+)+/i;

function day(c: ParsedComponents): CalendarExpr | null {
  if (!c.isCertain('day') || !c.isCertain('month')) return null;
  const m = c.get('month')!;
  const d = c.get('day')!;
  const weekday = c.isCertain('weekday') ? c.get('weekday') : null;
  const period = weekday === null ? { unit: 'day' as const, month: m, day: d } : { unit: 'day' as const, month: m, day: d, weekday };
  if (c.isCertain('year')) {
    const y = c.get('year')!;
    return isValidYmd(y, m, d) ? calendar(period, stated(y)) : null;
  }
  // Validate the day against a leap year so that 29 February survives until its year is known.
  return isValidYmd(2000, m, d) ? calendar(period, open()) : null;
}

function toExpr(result: ParsedResult): DateExpr | null {
  const start = day(result.start);
  if (!start) return null;
  // Numbers only ("3/1", "4/1 to 5/2") are scores and odds unless a year is written.
  if (!MONTH_WORD.test(result.text) && start.year.kind !== 'stated') return null;
  const endComponents = result.end;
  if (!endComponents) return start;
  const end = day(endComponents);
  if (!end || start.period.unit !== 'day' || end.period.unit !== 'day') return start;
  if (end.period.month === start.period.month && end.period.day === start.period.day) return start;
  let startYear = start.year;
  // "28 February to 3 March 2005": the start takes the end's year (the one before if it wraps).
  if (startYear.kind !== 'stated' && end.year.kind === 'stated') {
    const wraps = start.period.month > end.period.month;
    const y = end.year.year - (wraps ? 1 : 0);
    if (!isValidYear(y)) return null;
    startYear = stated(y);
  }
  return {
    kind: 'range',
    start: calendar(start.period, startYear),
    end: calendar(end.period, end.year.kind === 'stated' ? end.year : open()),
  };
}

export function createChronoFinder(): Finder {
  const chrono = buildChrono();
  return {
    id: RULE,
    // Most sentences fail it, and chrono costs as much as all other date finders together.
    cue: CUE,
    find(sentence) {
      let results: ParsedResult[];
      try {
        const masked = sentence.replace(MONTH_COMMA_ORDINAL, '$1;');
        results = chrono.parse(masked, { instant: new Date(REFERENCE_MS), timezone: 0 }, { forwardDate: false });
      } catch {
        return []; // a third-party parser must not take the document down
      }
      const out: Candidate[] = [];
      for (const r of results) {
        const raw = sentence.slice(r.index, r.index + r.text.length);
        const lead = LEADING_PREPOSITION.exec(raw)?.[0].length ?? 0;
        const text = raw.slice(lead).replace(/[\s,;:]+$/, '');
        if (!text || LOWER_MONTH.test(text)) continue;
        const start = r.index + lead;
        const end = start + text.length;
        if (ORDINAL_WORD_BEFORE_WORD.test(text) && /^\s+\p{L}/u.test(sentence.slice(end))) continue;
        // "Born on the Fourth of July": a capitalized first word inside a sentence is a title.
        if (capitalizedInside(sentence, start) && !CALENDAR_WORD.test(text)) continue;
        const expr = toExpr(r);
        if (!expr) continue;
        out.push({ start, end, rule: RULE, expr });
      }
      return out;
    },
  };
}
