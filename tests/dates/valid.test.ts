/**
 * Valid cases: each row is one sentence, its publication date, and every finding the sentence must
 * yield (span text, value, granularity, inferred, rule). The span is asserted exactly: its start
 * is the first occurrence of the text unless `nth` says otherwise, and end = start + length.
 * Sentences come from raw/*.txt (marked "raw/NNN") or are invented.
 */

import { describe, expect, it } from 'vitest';
import type { DateGranularity } from '../../src/types.js';
import { at, extractOne } from './support.js';

type Expected = readonly [text: string, value: string, granularity: DateGranularity, inferred: boolean, rule: string, nth?: number];
type Row = readonly [sentence: string, published: string | null, expected: readonly Expected[]];

const ROWS: readonly Row[] = [
  // --- sample articles (raw/) ---
  ['Tuesday, 30 October 2018 09:26', null, [['Tuesday, 30 October 2018 09:26', '2018-10-30', 'day', false, 'date.chrono']]],
  ['24th March 2023 post by MOIT Vietnam', null, [['24th March 2023', '2023-03-24', 'day', false, 'date.chrono']]],
  ['Third Vietnam-Laos Defense Policy Dialogue held at Xamneua town, Huaphanh province, on March 23.', '2023-03-24',
    [['March 23', '2023-03-23', 'day', true, 'date.chrono']]],
  ['In late March, both sides held another iteration of their meeting of the Joint Committee on Land Border Demarcation and Border Planting, where they reviewed existing cooperation and agreed on further plans and measures to carry out in the future.',
    '2018-05-10', [['late March', '2018-03', 'month', true, 'date.part-of-month']]],
  ['In late March, both sides held another meeting.', '2018-10-15', [['late March', '2018-03', 'month', true, 'date.part-of-month']]],
  ['The State-level friendship visit by Lao State President Bounnhang Vorachith to the Kingdom of Cambodia from February 22 to 23, 2017 was a significant event marking the strengthened friendship and cooperation between the two countries.',
    null, [['February 22 to 23, 2017', '2017-02-22/2017-02-23', 'range', false, 'date.chrono']]],
  ['Since the 1990s, the Governments and Ministries of Internal Affairs of the two countries have signed many agreements.', null,
    [['the 1990s', '199', 'decade', false, 'date.decade']]],
  ['Up to now, the three countries have implemented many agreements such as “Declaration on ZOPFAN” (1971), “Declaration of ASEAN Concord” (1976), “ARF Vision to 2020”, Shangri-la Dialogue.',
    null, [['1971', '1971', 'year', false, 'date.year-in-brackets'], ['1976', '1976', 'year', false, 'date.year-in-brackets']]],
  ['On the morning of May 26, during his official visit to Malaysia for the 46th ASEAN Summit, Vietnamese Prime Minister Phạm Minh Chính hosted a trilateral dialogue.',
    null, [['the morning of May 26', 'XXXX-05-26', 'day', false, 'date.chrono']]],
  ['On the morning of May 26, during his official visit to Malaysia, he hosted a dialogue.', '2025-06-02',
    [['the morning of May 26', '2025-05-26', 'day', true, 'date.chrono']]],
  ['On the afternoon of July 28, 2025, at the Government Headquarters in Hanoi, Deputy Prime Minister and Minister of Foreign Affairs of Vietnam met his counterpart.',
    null, [['the afternoon of July 28, 2025', '2025-07-28', 'day', false, 'date.chrono']]],
  ['Agreed to organize the annual meeting between the three defence ministers and a joint exercise at the end of the year 2023.',
    '2023-03-24', [['the end of the year 2023', '2023-12', 'month', false, 'date.end-of-year']]],
  ['Last week, Vietnamese and Cambodian military officials held another interaction focused around border issues.', '2018-04-12',
    [['Last week', '2018-W14', 'week', true, 'date.relative-week']]],
  ['In 2023, Vietnam and Laos will continue to work together to improve border management.', '2023-03-24',
    [['2023', '2023', 'year', false, 'date.year-with-preposition']]],
  ['Since 1991, the relationship between the two countries has been adjusting and updating.', null,
    [['1991', '1991', 'year', false, 'date.year-with-preposition']]],
  ['After the Cold War, Vietnam - Laos - Cambodia quickly improved relations with Asian countries and joined ASEAN (Vietnam joined ASEAN in 1995, Laos in 1997 and Cambodia in 1999).',
    null, [
      ['1995', '1995', 'year', false, 'date.year-with-preposition'],
      ['1997', '1997', 'year', false, 'date.year-with-preposition'],
      ['1999', '1999', 'year', false, 'date.year-with-preposition'],
    ]],
  ['Prime Minister Phạm Minh Chính hosted Lieut. Gen. Saichay Kommasith, in Hanoi on 5 March.', '2025-03-10',
    [['5 March', '2025-03-05', 'day', true, 'date.chrono']]],
  ['PM Chính urged both armies to translate the outcomes of the February trilateral meetings into concrete actions.', '2025-03-10',
    [['February', '2025-02', 'month', true, 'date.month']]],
  ['Though the engagement was just the latest in a series that continue to occur into 2018, it reinforced the significance of border collaboration.',
    '2018-04-12', [['2018', '2018', 'year', false, 'date.year-with-preposition']]],
  ['Border cooperation has continued to feature as part of ongoing collaboration in 2018, with Cambodia in a sensitive period ahead of elections in July.',
    '2018-04-12', [['2018', '2018', 'year', false, 'date.year-with-preposition'], ['July', '2018-07', 'month', true, 'date.month']]],
  ['Declaration of ASEAN Concord II (October 2003) and Roadmap for an ASEAN Community 2015” and ASEAN Charter 2007.', null,
    [['October 2003', '2003-10', 'month', false, 'date.month']]],
  ['On November 18, 2012, in Cambodia, the three countries signed the “ASEAN Human Rights Declaration”.', null,
    [['November 18, 2012', '2012-11-18', 'day', false, 'date.chrono']]],
  ['They insisted on building a drug-free ASEAN Community after year 2020.', null,
    [['year 2020', '2020', 'year', false, 'date.year-with-preposition']]],

  // --- invented: stated dates ---
  ['The visit took place on 12/05/2004 in Hanoi.', null, [['12/05/2004', '2004-05-12', 'day', false, 'date.chrono']]],
  ['The filing is dated 2004-05-12 and was read by 20 staff.', null, [['2004-05-12', '2004-05-12', 'day', false, 'date.chrono']]],
  ['The treaty, dated 2004.05.12, named 20 staff.', null, [['2004.05.12', '2004-05-12', 'day', false, 'date.chrono']]],
  ['The talks ran between 1 and 3 March 2005 in Geneva.', null,
    [['1 and 3 March 2005', '2005-03-01/2005-03-03', 'range', false, 'date.day-range']]],
  ['Tests are played on 25 June, 2 and 9 July 2005.', null, [
    ['25 June', '2005-06-25', 'day', true, 'date.chrono'],
    ['2', '2005-07-02', 'day', false, 'date.day-range', 1],
    ['9 July 2005', '2005-07-09', 'day', false, 'date.chrono'],
  ]],
  ['The festival runs from 28 February to 3 March 2005.', null,
    [['28 February to 3 March 2005', '2005-02-28/2005-03-03', 'range', false, 'date.chrono']]],
  ['The company was founded in the year 2000.', null, [['the year 2000', '2000', 'year', false, 'date.year-with-preposition']]],
  ['The target must be met by 2020.', null, [['2020', '2020', 'year', false, 'date.year-with-preposition']]],
  ['Donations rose in 2001, 2002 and 2003.', null, [
    ['2001', '2001', 'year', false, 'date.year-with-preposition'],
    ['2002', '2002', 'year', false, 'date.year-with-preposition'],
    ['2003', '2003', 'year', false, 'date.year-with-preposition'],
  ]],
  ['He served as minister from 1995 to 2000.', null, [['1995 to 2000', '1995/2000', 'range', false, 'date.year-range']]],
  ['The club won the title in 2004-05.', null, [['2004-05', '2004/2005', 'range', false, 'date.year-range']]],
  ['The plans would save £12bn by 2007-2008.', null, [['2007-2008', '2007/2008', 'range', false, 'date.year-range']]],
  ['Borrowing is to fall to £31bn by 2005/06.', null, [['2005/06', '2005/2006', 'range', false, 'date.year-range']]],
  ['He was re-elected at the 1997 and 2001 elections.', null, [
    ['1997', '1997', 'year', false, 'date.year-modifier'],
    ['2001', '2001', 'year', false, 'date.year-modifier'],
  ]],
  ['Sales grew 5% in the first quarter of 2005.', null, [['the first quarter of 2005', '2005-Q1', 'quarter', false, 'date.quarter']]],
  ['Profits doubled in the first half of 2005.', null, [['the first half of 2005', '2005-01/2005-06', 'range', false, 'date.half-year']]],
  ['The album will be released in summer 2005.', null, [['summer 2005', '2005-SU', 'season', false, 'date.season']]],
  ['Talks stalled over Christmas, resumed on New Year’s Eve and ended on Christmas Day 2005.', '2006-02-01', [
    ['Christmas', '2005-12-25', 'day', true, 'date.holiday'],
    ['New Year’s Eve', '2005-12-31', 'day', true, 'date.holiday'],
    ['Christmas Day 2005', '2005-12-25', 'day', false, 'date.holiday'],
  ]],
  ['The service was held on Holocaust Memorial Day, and the vote before St Andrew’s Day.', null, [
    ['Holocaust Memorial Day', 'XXXX-01-27', 'day', false, 'date.holiday'],
    ['St Andrew’s Day', 'XXXX-11-30', 'day', false, 'date.holiday'],
  ]],
  ['The factory is expected to open in early 2005.', null, [['early 2005', '2005', 'year', false, 'date.part-of-year']]],
  ['Users must prove their copy is genuine from mid-2005.', null, [['mid-2005', '2005', 'year', false, 'date.part-of-year']]],
  ['Prices peaked in the mid-1990s.', null, [['the mid-1990s', '199', 'decade', false, 'date.decade']]],
  ['The church dates from the 12th century.', null, [['the 12th century', '11', 'century', false, 'date.century']]],
  ['The law took effect at the end of 2023.', null, [['the end of 2023', '2023-12', 'month', false, 'date.end-of-year']]],
  ['The rules changed at the beginning of 2005.', null, [['the beginning of 2005', '2005-01', 'month', false, 'date.end-of-year']]],
  ['Her contract runs until May 2008.', null, [['May 2008', '2008-05', 'month', false, 'date.month']]],
  ['The volume of sales between October and December 2004 fell.', null,
    [['October and December 2004', '2004-10/2004-12', 'range', false, 'date.month']]],

  // chrono reads "November, first" as 1 November, even over "5 March"
  ['In November, first half profits were down.', '2005-03-15', [['November', '2004-11', 'month', true, 'date.month']]],
  ['On 5 March, first they met and then they signed.', '2005-03-15', [['5 March', '2005-03-05', 'day', true, 'date.chrono']]],

  // --- invented: yearless, resolved against the publication date ---
  ['The factory opened in May.', '2005-03-10', [['May', '2004-05', 'month', true, 'date.month']]],
  ['The new line will open in May.', '2005-03-10', [['May', '2005-05', 'month', true, 'date.month']]],
  ['The plan will be ready by mid-March.', '2018-10-15', [['mid-March', '2019-03', 'month', true, 'date.part-of-month']]],
  ['The minister resigned last March.', '2005-03-10', [['last March', '2004-03', 'month', true, 'date.month']]],
  ['The insurer hit the headlines in October last year.', '2005-03-10',
    [['October last year', '2004-10', 'month', true, 'date.month']]],
  ['The vote was held on 5 March last year.', '2005-03-10', [['5 March last year', '2004-03-05', 'day', true, 'date.chrono']]],
  ['Shops will open just after midnight on Tuesday 9 November.', '2005-03-15',
    [['Tuesday 9 November', '2004-11-09', 'day', true, 'date.chrono']]],
  ['Sales fell in the fourth quarter.', '2005-02-10', [['the fourth quarter', '2004-Q4', 'quarter', true, 'date.quarter']]],
  ['Profits fell last quarter.', '2005-02-10', [['last quarter', '2004-Q4', 'quarter', true, 'date.quarter']]],
  ['They met last winter.', '2005-06-01', [['last winter', '2004-WI', 'season', true, 'date.season']]],
  ['Output fell at the end of the year.', '2005-01-20', [['the end of the year', '2004-12', 'month', true, 'date.end-of-year']]],
  ['Output is rising towards the end of the year.', '2005-10-20', [['the end of the year', '2005-12', 'month', true, 'date.end-of-year']]],
  ['Prices rose at the end of last month.', '2018-10-15', [['the end of last month', '2018-09', 'month', true, 'date.part-of-month']]],

  // --- invented: relative to the publication date ---
  ['The minister was arrested yesterday.', '2005-03-10', [['yesterday', '2005-03-09', 'day', true, 'date.relative-day']]],
  ['He arrived three days ago.', '2005-03-10', [['three days ago', '2005-03-07', 'day', true, 'date.relative-day']]],
  ['The match was abandoned last night.', '2005-03-10', [['last night', '2005-03-09', 'day', true, 'date.relative-day']]],
  ['The album is out in Spring next year.', '2005-03-10', [['Spring next year', '2006-SP', 'season', true, 'date.season']]],
  ['The album is out in Spring next year.', null, [['Spring next year', 'XXXX-SP', 'season', false, 'date.season']]],
  ['He will return next summer.', null, [['next summer', 'XXXX-SU', 'season', false, 'date.season']]],
  ['In four days the union will start its ballot.', '2005-03-10', [['In four days', '2005-03-14', 'day', true, 'date.relative-offset']]],
  ['TV will look different in five years\' time.', '2005-03-10', [["in five years' time", '2010', 'year', true, 'date.relative-offset']]],
  ['Output will double in 18 months time.', '2005-03-10', [['in 18 months time', '2006-09', 'month', true, 'date.relative-offset']]],
  ['It was the first fall in nine years.', '2005-03-10', []],
  ['The minister spoke on Tuesday.', '2005-03-10', [['Tuesday', '2005-03-08', 'day', true, 'date.weekday']]],
  ['The results will be announced on Tuesday.', '2005-03-10', [['Tuesday', '2005-03-15', 'day', true, 'date.weekday']]],
  ['The summit will be held next Monday.', '2005-03-10', [['next Monday', '2005-03-14', 'day', true, 'date.weekday']]],
  ['He was found dead last Friday.', '2005-03-11', [['last Friday', '2005-03-04', 'day', true, 'date.weekday']]],
  ['Flights were delayed on Wednesday morning.', '2005-03-10', [['Wednesday morning', '2005-03-09', 'day', true, 'date.weekday']]],
  ['The report is published this week.', '2018-04-12', [['this week', '2018-W15', 'week', true, 'date.relative-week']]],
  ['The report was published last week.', '2005-01-03', [['last week', '2004-W53', 'week', true, 'date.relative-week']]],
  ['He won in Stuttgart last weekend.', '2018-04-12', [['last weekend', '2018-W14-WE', 'week', true, 'date.relative-week']]],
  ['The deal was signed last month.', '2005-01-15', [['last month', '2004-12', 'month', true, 'date.relative-month']]],
  ['Growth will slow next year.', '2005-01-15', [['next year', '2006', 'year', true, 'date.relative-year']]],
  ['Inflation fell below 10% earlier this year.', '2005-03-15', [['earlier this year', '2005', 'year', true, 'date.relative-year']]],
  ['The group was formed two years ago.', '2005-03-15', [['two years ago', '2003', 'year', true, 'date.relative-year']]],
  ['Britain had no such law last century.', '2005-03-15', [['last century', '19', 'century', true, 'date.century']]],
];

describe('date extractor: valid cases', () => {
  it.each(ROWS.map((r) => [r[0], r[1], r[2]] as const))('%s (published %s)', (sentence, published, expected) => {
    const found = extractOne(sentence, published).map((f) => ({
      text: f.text, start: f.start, end: f.end, value: f.value, granularity: f.granularity, inferred: f.inferred, rule: f.rule,
    }));
    const want = expected.map(([text, value, granularity, inferred, rule, nth]) => {
      const start = at(sentence, text, nth ?? 0);
      return { text, start, end: start + text.length, value, granularity, inferred, rule };
    });
    expect(found).toEqual(want);
  });
});
