/**
 * Finder cues (`Finder.cue`): the extractor runs a finder only on sentences where its cue passes,
 * so a cue must pass wherever its finder finds something. `find` does not test the cue itself,
 * which lets these tests hold the two against each other.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFinders } from '../../src/extract/dates/finders/index.js';
import type { Finder } from '../../src/extract/dates/model.js';
import { createRefiners, REFINER_IDS } from '../../src/extract/dates/refiners/index.js';
import { MONTH_NAME_OR_ABBR, MONTH_PREFIX } from '../../src/extract/dates/text.js';
import { compileVocabulary } from '../../src/extract/dates/vocabulary.js';
import { RAW_DIR, extractOne, roughSentences, rules } from './support.js';

const finders = createFinders(compileVocabulary(rules.vocabulary));
const finder = (id: string): Finder => finders.find((f) => f.id === id)!;

/**
 * Dates the cues of an earlier version missed: a month word straight after the day (chrono reads
 * it, but `\bMarch` does not match in "5March"), and letters that case-fold to s and k only with
 * the `u` flag ("ſ" U+017F, the Kelvin sign U+212A), which the finders' `iu` patterns match.
 */
const EDGE_CASES: readonly (readonly [string, string, string, string])[] = [
  ['date.chrono', 'It opened on 5March 2004 in the capital.', '5March 2004', '2004-03-05'],
  ['date.chrono', 'Talks ended on 12mar2004.', '12mar2004', '2004-03-12'],
  ['date.relative-week', 'They met two wee\u212As ago.', 'two wee\u212As ago', '2005-W20'],
  ['date.relative-day', 'The vote was held ye\u017Fterday.', 'ye\u017Fterday', '2005-05-31'],
];
/** The season pattern matches "ſpring" too, but no season is named so: its cue passes, the finder skips it. */
const LONG_S_SEASON = 'Work starts in \u017Fpring 2005 and ends in the \u017Fummer of 2006.';

/** One sentence for each form a finder reads, so that narrowing any part of a cue fails a test. */
const FORMS: readonly (readonly [string, string])[] = [
  ['date.chrono', 'The deal was signed on 12/05/2004.'],
  ['date.chrono', 'It opened on March 5, 2004.'],
  ['date.day-range', 'The talks run from 5 to 7 May.'],
  ['date.part-of-month', 'Prices rose in late March.'],
  ['date.part-of-month', 'They meet at the end of March.'],
  ['date.part-of-month', 'Prices rose at the end of last month.'],
  ['date.month', 'Talks resume in Sept. 2004.'],
  ['date.month', 'They met last March.'],
  ['date.end-of-year', 'It ends at the end of 2023.'],
  ['date.end-of-year', 'It ends at the end of the year.'],
  ['date.part-of-year', 'Work starts in late 2005.'],
  ['date.part-of-year', 'Work starts in the middle of 2005.'],
  ['date.quarter', 'Profits rose in the first quarter of 2005.'],
  ['date.quarter', 'Profits rose in Q3 2004.'],
  ['date.quarter', 'Profits will rise next quarter.'],
  ['date.half-year', 'Profits rose in the first half of 2005.'],
  ['date.half-year', 'Profits rose in H1 2005.'],
  ['date.season', 'Work starts in spring 2005.'],
  ['date.season', 'Work starts in fall 2005.'],
  ['date.season', 'They met last summer.'],
  ['date.season', 'Work starts in early autumn.'],
  ['date.season', 'Work starts in winter.'],
  ['date.holiday', 'They met before Christmas.'],
  ['date.holiday', 'It snowed on Boxing Day 2004.'],
  ['date.holiday', "They met on New Year’s Eve."],
  ['date.decade', 'It was built in the 1990s.'],
  ['date.decade', "It was built in the 1990's."],
  ['date.decade', "It was built in the '80s."],
  ['date.century', 'It was built in the 19th century.'],
  ['date.century', 'It was built last century.'],
  ['date.year-range', 'He served from 1995 to 2000.'],
  ['date.year-range', 'He served (1995-2000).'],
  ['date.year-with-preposition', 'He was born in 1960.'],
  ['date.year-with-preposition', 'It was the year 2000.'],
  ['date.year-in-brackets', 'The treaty (1971) holds.'],
  ['date.year-modifier', 'The 2005 election was close.'],
  ['date.year-modifier', "It was 2004's best album."],
  ['date.relative-day', 'He left yesterday.'],
  ['date.relative-day', 'He leaves tomorrow morning.'],
  ['date.relative-day', 'He spoke last night.'],
  ['date.relative-day', 'He speaks tonight.'],
  ['date.relative-day', 'He spoke this afternoon.'],
  ['date.relative-day', 'He spoke earlier today.'],
  ['date.relative-day', 'He arrived three days ago.'],
  ['date.relative-week', 'They met last week.'],
  ['date.relative-week', 'They met the week before last.'],
  ['date.relative-week', 'They met two weeks ago.'],
  ['date.relative-week', 'They met at the weekend.'],
  ['date.relative-month', 'They met last month.'],
  ['date.relative-month', 'They met three months ago.'],
  ['date.relative-year', 'They met last year.'],
  ['date.relative-year', 'They meet in the coming year.'],
  ['date.relative-year', 'They met two years ago.'],
  ['date.relative-offset', 'In four days the vote will close.'],
  ['date.relative-offset', 'It will change in 18 months time.'],
  ['date.relative-offset', "It will change in two years' time."],
  ['date.weekday', 'They met on Tuesday.'],
  ['date.weekday', 'They met last Friday.'],
  ['date.same-day', 'He left that day.'],
  ['date.same-day', 'He left the very same day.'],
  ['date.same-day', 'He left the following day.'],
  ['date.same-day', 'He had left the previous evening.'],
  ['date.same-day', 'He had left the day before.'],
  ['date.same-day', 'He left the day after.'],
  ['date.same-year', 'He left that year.'],
  ['date.same-year', 'He left the same year.'],
  ['date.same-year', 'He left the following year.'],
  ['date.same-year', 'He had left the preceding year.'],
  ['date.same-year', 'He had left the year before.'],
  ['date.same-year', 'He left the year after.'],
];

/** Every text the finders are known to read: the rule examples, raw/ and the sentences above. */
const SENTENCES: readonly string[] = [
  ...rules.finders.flatMap((r) => r.examples.map((e) => e.text)),
  ...FORMS.map(([, sentence]) => sentence),
  ...readdirSync(RAW_DIR)
    .filter((f) => f.endsWith('.txt'))
    .flatMap((f) => roughSentences(readFileSync(join(RAW_DIR, f), 'utf8'))),
  ...EDGE_CASES.map(([, sentence]) => sentence),
  LONG_S_SEASON,
];

/** Sentences without a date whose words no cue looks for: no finder runs on them. */
const NO_CUE: readonly string[] = [
  'The committee agreed on a plan to cut costs.',
  'Shares fell sharply after the announcement.',
  'He said the firm would keep its staff.',
];

/** A cue must not pass here: it looks for more than the word the sentence shares with its finder. */
const CUE_FAILS: readonly (readonly [string, string])[] = [
  ['date.month', 'The party may win, but it may not.'],
  ['date.chrono', 'The score was 3 and the odds were long.'],
  ['date.same-day', 'Each day counts, he said.'],
  ['date.same-year', 'The year was a hard one.'],
  ['date.relative-offset', 'They came in force, days before the vote.'],
  ['date.relative-day', 'They talked all evening and into the afternoon.'],
  ['date.holiday', 'Christian groups met on Monday.'],
  ['date.year-with-preposition', 'It cost £5m, up 20% on 300 sites.'],
  ['date.part-of-month', 'They met in late spring at the end of the match.'],
];

describe('finder cues', () => {
  it.each(rules.finders.map((r) => [r.id, r] as const))('%s: its cue passes on every one of its examples', (id, rule) => {
    const cue = finder(id).cue;
    expect(rule.examples.map((e) => e.text).filter((text) => !cue.test(text))).toEqual([]);
  });

  it.each(finders.map((f) => [f.id, f] as const))('%s: wherever it finds something, its cue passes', (_id, f) => {
    const missed = SENTENCES.filter((s) => f.find(s).length > 0 && !f.cue.test(s));
    expect(missed).toEqual([]);
  });

  it.each(FORMS)('%s reads "%s" (a form the cue must let through)', (id, sentence) => {
    expect(finder(id).find(sentence).length).toBeGreaterThan(0);
  });

  it.each(EDGE_CASES)('%s: the cue lets the finder read "%s"', (id, sentence, text, value) => {
    expect(finder(id).cue.test(sentence)).toBe(true);
    expect(extractOne(sentence, '2005-06-01').map((d) => [d.text, d.value, d.rule])).toEqual([[text, value, id]]);
  });

  it('date.season: a season word spelt with "ſ" passes the cue and yields nothing, without throwing', () => {
    expect(finder('date.season').cue.test(LONG_S_SEASON)).toBe(true);
    expect(finder('date.season').find(LONG_S_SEASON)).toEqual([]);
    expect(extractOne(LONG_S_SEASON, '2005-06-01').filter((d) => d.rule === 'date.season')).toEqual([]);
  });

  it.each(NO_CUE)('no cue passes on "%s"', (sentence) => {
    expect(finders.filter((f) => f.cue.test(sentence)).map((f) => f.id)).toEqual([]);
  });

  it.each(CUE_FAILS)('%s: the cue fails on "%s"', (id, sentence) => {
    expect(finder(id).cue.test(sentence)).toBe(false);
  });

  it('no cue is global or sticky (test() would then start where the last sentence left off)', () => {
    expect(finders.filter((f) => /[gy]/.test(f.cue.flags)).map((f) => f.id)).toEqual([]);
  });

  it('MONTH_PREFIX starts every month name and abbreviation the finders match', () => {
    const prefixes = MONTH_PREFIX.split('|');
    const names = MONTH_NAME_OR_ABBR.replace(/[()?:\\.]/g, '').split('|');
    expect(names.filter((n) => !prefixes.some((p) => n.startsWith(p)))).toEqual([]);
  });

  it('the holiday cue is built from the vocabulary, names added there included', () => {
    const holidays = { ...rules.vocabulary.holidays, 'Burns Supper': '01-25', 'St Swithin’s': '07-15' };
    const holiday = createFinders(compileVocabulary({ ...rules.vocabulary, holidays })).find((f) => f.id === 'date.holiday')!;
    for (const sentence of ['They met before Burns Supper.', "It rained on St Swithin's, as forecast.", 'It rained on St Swithin’s, as forecast.']) {
      expect(holiday.find(sentence)).toHaveLength(1);
      expect(holiday.cue.test(sentence)).toBe(true);
    }
    expect(finder('date.holiday').cue.test('They met before Burns Supper.')).toBe(false);
  });

  it('a vocabulary without holidays gives a cue that never passes', () => {
    const holiday = createFinders(compileVocabulary({ ...rules.vocabulary, holidays: {} })).find((f) => f.id === 'date.holiday')!;
    expect(holiday.cue.test('On Christmas Day 2004 it snowed.')).toBe(false);
  });
});

describe('refiners', () => {
  // The extractor skips them on a sentence without candidates.
  it.each(createRefiners([]).map((r, i) => [REFINER_IDS[i], r] as const))('%s makes no candidate from none', (_id, r) => {
    expect(r.refine('On the morning of last year, in July.', [])).toEqual([]);
  });
});
