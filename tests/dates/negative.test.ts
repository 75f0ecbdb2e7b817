/**
 * Negative cases: sentences, or phrases inside sentences, that must not yield a date. Sentences
 * come from raw/*.txt or are invented. `phrase` rows check that no finding overlaps the phrase,
 * for sentences that also contain a real date.
 */

import { describe, expect, it } from 'vitest';
import { at, extractOne } from './support.js';

const PUBLISHED = '2018-10-30';

/** Sentences with no date at all. */
const NO_DATE: readonly string[] = [
  // "now", "today's", "past years", "recent years" (raw/)
  'Now, the friendship and cooperation are not only limited to the bilateral level.',
  'In today’s context of global uncertainty, this spirit of unity provides a foundation.',
  "In today's context of global uncertainty, this spirit of unity provides a foundation.",
  'Over the past years, Vietnam, Laos and Cambodia have actively implemented their foreign policies.',
  'In recent years, both bilateral and trilateral ties have grown in frequency of engagement.',
  'The outcomes achieved over the past time are the efforts made by the three countries.',
  'Generic "today" means nowadays: the freedoms we enjoy today are fragile.',
  // a bare part of the day
  'The delegation visited the border post in the afternoon.',
  'Talks resumed in the morning and ended in the evening.',
  // "May" the verb, "March" the noun
  'The party may win the vote, and May I add that it may not.',
  'If implemented effectively, such initiatives may enhance collective security capabilities.',
  'Thousands joined the march on the capital.',
  'The Long March is a famous episode.',
  // numbers that are not years
  'About 84% of the 1,000 people surveyed live along the 700-mile long border.',
  'The firm built 2000 homes and employs 1500 staff.',
  'Membership rose by 2000 in a single month.',
  'Up to 2000 people attended, and ticket sales rose from 1950 to 2000.',
  'Between 2000 and 3000 people attended the rally.',
  'The programme is shown at about 1900 GMT.',
  'The relaunched show may go out at about 1900 on Sundays.',
  'Voting runs from 2000 GMT until midnight.',
  'He has a 6,932 majority and won 2,005 votes.',
  'The score was 3/1 and the odds 10-11.',
  'He has moved from 4/1 to 5/2 favourite to play the part.',
  'Temperatures were in the 90s and he is in his 80s.',
  // years inside names
  'The activities of the "Vietnam-Laos, Laos-Vietnam Solidarity and Friendship Year 2022.2" were successful.',
  'They built the Roadmap for an ASEAN Community 2015 and the ASEAN Charter 2007.',
  'Both sides discussed the “ARF Vision to 2020” and the Plan for 2025 in detail.',
  'He was held under the Terrorism Act 2000 for a week.',
  'Both sides agreed on implementing agreements including the 2024 Vietnam-Laos High-Level Agreement.',
  'The Year 2023 Action Plan was adopted unanimously.',
  'She joined the Class of 2005 at Harvard.',
  'Vietnam - Laos - Cambodia’s building of ASEAN Political-Security Community (ASC-2015) continued.',
  // weekdays, seasons and relative words that are names or generic
  'He reads the Sunday Times every Monday and watched Super Tuesday on television.',
  'Black Friday is based upon the novel of the same name.',
  'Carson hosted the Tonight Show for 30 years.',
  'He directed Platoon and Born on the Fourth of July.',
  'Beware the Ides of March, the soothsayer said.',
  'Mondays are always busy.',
  'She competed at the Winter Olympics with a spring in her step.',
  'The team led at the end of the first half.',
  // durations, not dates
  'Over the next week the talks will continue.',
  'Prices have doubled over the past year and in the last year.',
  'The firm has grown in the next month or so.',
];

/** [sentence, phrase]: the sentence may have dates, but none may overlap the phrase. */
const NO_DATE_IN_PHRASE: readonly (readonly [string, string])[] = [
  ['Also on March 23, in the afternoon, Provincial Party Committee Secretary was welcomed.', 'afternoon'],
  ['Lieutenant General Vongkham Phommakone was present the same day at the Exchange Program for Young Border Guards in the afternoon.', 'afternoon'],
  ['Tarantino met Mr Blair on Tuesday, a week after the 20th Century Fox premiere.', '20th Century'],
  ['In 2004 the Terrorism Act 2000 was amended.', 'Act 2000'],
  ['They met on 5 May 2005 and played on the same night as a benefit show.', 'the same night'],
  ['She was born in 1948, the same year that plastic cards first appeared.', 'the same year'],
];

describe('date extractor: negative cases', () => {
  it.each(NO_DATE)('no date in: %s', (sentence) => {
    expect(extractOne(sentence, PUBLISHED).map((f) => f.text)).toEqual([]);
  });

  it.each(NO_DATE_IN_PHRASE)('no date over the phrase in: %s (%s)', (sentence, phrase) => {
    const start = at(sentence, phrase);
    const end = start + phrase.length;
    const overlapping = extractOne(sentence, PUBLISHED).filter((f) => f.start < end && f.end > start);
    expect(overlapping.map((f) => f.text)).toEqual([]);
  });
});
