/**
 * Document-level behaviour: references to earlier findings ("the same day"), the year of
 * yearless dates in documents without a publication date, and expressions that cannot be
 * anchored. Every assertion checks value and span.
 */

import { describe, expect, it } from 'vitest';
import { at, extractor } from './support.js';

/** [sentence index, text, value, startDay, endDay, inferred] of every finding, in order. */
function summary(sentences: readonly string[], published: string | null) {
  return extractor.extract(sentences, { published }).flatMap((fs, i) =>
    fs.map((f) => {
      expect(f.sentence).toBe(i);
      expect(f.text).toBe(sentences[i]!.slice(f.start, f.end));
      return [i, f.start, f.text, f.value, f.startDay, f.endDay, f.inferred] as const;
    }),
  );
}

const row = (sentences: readonly string[], i: number, text: string, value: string, startDay: string, endDay: string, inferred: boolean) =>
  [i, at(sentences[i]!, text), text, value, startDay, endDay, inferred] as const;

describe('the same day / the following day / that year', () => {
  it('"the same day" takes the last day mentioned before it (raw/001), not the last finding', () => {
    const doc = [
      '24th March 2023 post by MOIT Vietnam',
      'Third Vietnam-Laos Defense Policy Dialogue held at Xamneua town, Huaphanh province, on March 23.',
      'They agreed to hold a joint exercise at the end of the year 2023.',
      'Both generals were present the same day at the Exchange Program for Young Border Guards in the afternoon.',
    ];
    expect(summary(doc, '2023-03-24')).toEqual([
      row(doc, 0, '24th March 2023', '2023-03-24', '2023-03-24', '2023-03-24', false),
      row(doc, 1, 'March 23', '2023-03-23', '2023-03-23', '2023-03-23', true),
      row(doc, 2, 'the end of the year 2023', '2023-12', '2023-12-01', '2023-12-31', false),
      row(doc, 3, 'the same day', '2023-03-23', '2023-03-23', '2023-03-23', true),
    ]);
  });

  it('"the following day" and "the previous day" count from it', () => {
    const doc = ['The talks opened on 5 May 2005.', 'They closed the following day, a week after the previous day of talks.'];
    expect(summary(doc, null)).toEqual([
      row(doc, 0, '5 May 2005', '2005-05-05', '2005-05-05', '2005-05-05', false),
      row(doc, 1, 'the following day', '2005-05-06', '2005-05-06', '2005-05-06', true),
      row(doc, 1, 'the previous day', '2005-05-05', '2005-05-05', '2005-05-05', true),
    ]);
  });

  it('"the same day" copies an unknown-year day as written', () => {
    const doc = ['On the morning of May 26 the leaders met.', 'The same day they signed a statement.'];
    expect(summary(doc, null)).toEqual([
      row(doc, 0, 'the morning of May 26', 'XXXX-05-26', '', '', false),
      row(doc, 1, 'The same day', 'XXXX-05-26', '', '', true),
    ]);
  });

  it('"the same day" with nothing before it is empty', () => {
    const doc = ['They signed the treaty the same day.'];
    expect(summary(doc, '2005-03-10')).toEqual([row(doc, 0, 'the same day', '', '', '', false)]);
  });

  it('"the following year" counts from the last year-bearing finding', () => {
    const doc = ['The firm was founded in 1998 and listed the following year.'];
    expect(summary(doc, null)).toEqual([
      row(doc, 0, '1998', '1998', '1998-01-01', '1998-12-31', false),
      row(doc, 0, 'the following year', '1999', '1999-01-01', '1999-12-31', true),
    ]);
  });
});

describe('year of yearless dates without a publication date', () => {
  it('takes the year all stated full dates agree on, from the first of them on', () => {
    const doc = ['The talks ended on 3 May.', 'They had opened on 2 May 2005 in Geneva.', 'A second round began on 5 May.'];
    expect(summary(doc, null)).toEqual([
      row(doc, 0, '3 May', 'XXXX-05-03', '', '', false),
      row(doc, 1, '2 May 2005', '2005-05-02', '2005-05-02', '2005-05-02', false),
      row(doc, 2, '5 May', '2005-05-05', '2005-05-05', '2005-05-05', true),
    ]);
  });

  it('guesses nothing when the stated dates disagree', () => {
    const doc = ['On 4 May 2005 the talks opened.', 'A similar round failed in March 2004.', 'They ended on 5 May.'];
    expect(summary(doc, null)).toEqual([
      row(doc, 0, '4 May 2005', '2005-05-04', '2005-05-04', '2005-05-04', false),
      row(doc, 1, 'March 2004', '2004-03', '2004-03-01', '2004-03-31', false),
      row(doc, 2, '5 May', 'XXXX-05-05', '', '', false),
    ]);
  });

  it('guesses nothing when a later year is stated: the full date is history', () => {
    const doc = ['Bombs exploded in Mumbai on 12 March 1993.', 'The film about them, made in 2004, opens on 3 February.'];
    expect(summary(doc, null)).toEqual([
      row(doc, 0, '12 March 1993', '1993-03-12', '1993-03-12', '1993-03-12', false),
      row(doc, 1, '2004', '2004', '2004-01-01', '2004-12-31', false),
      row(doc, 1, '3 February', 'XXXX-02-03', '', '', false),
    ]);
  });

  it('bare years alone do not date a yearless day', () => {
    const doc = ['Sales rose in 2004.', 'The results are due on 5 May.'];
    expect(summary(doc, null)).toEqual([
      row(doc, 0, '2004', '2004', '2004-01-01', '2004-12-31', false),
      row(doc, 1, '5 May', 'XXXX-05-05', '', '', false),
    ]);
  });

  it('expressions that need an anchor are empty, unless they name a month', () => {
    const doc = [
      'The minister spoke on Tuesday, a day after arriving yesterday.',
      'Last week the talks stalled, and they resume next year.',
      'Prices fell last March and in the first quarter.',
    ];
    expect(summary(doc, null)).toEqual([
      row(doc, 0, 'Tuesday', '', '', '', false),
      row(doc, 0, 'yesterday', '', '', '', false),
      row(doc, 1, 'Last week', '', '', '', false),
      row(doc, 1, 'next year', '', '', '', false),
      row(doc, 2, 'last March', 'XXXX-03', '', '', false),
      row(doc, 2, 'the first quarter', 'XXXX-Q1', '', '', false),
    ]);
  });

  it('a deadline or a future-tense sentence gives no year to the others', () => {
    const deadline = ['The ban will come in by the spring of 2006.', 'The bill passed before Christmas.'];
    expect(summary(deadline, null).map((r) => r[3])).toEqual(['2006-SP', 'XXXX-12-25']);
    const future = ['He was signed in May 2002.', 'The club will buy players in January.', 'He scored in March.'];
    expect(summary(future, null).map((r) => r[3])).toEqual(['2002-05', 'XXXX-01', '2002-03']);
  });

  it('an invalid publication date counts as none', () => {
    const doc = ['The minister spoke on Tuesday.'];
    expect(summary(doc, '2023-02-30')).toEqual([row(doc, 0, 'Tuesday', '', '', '', false)]);
    expect(summary(doc, 'yesterday')).toEqual([row(doc, 0, 'Tuesday', '', '', '', false)]);
  });
});

describe('tense and the publication date', () => {
  it('a yearless month is the closest one not after the publication date', () => {
    const doc = ['In late March, both sides held another meeting.'];
    expect(summary(doc, '2018-10-15')).toEqual([row(doc, 0, 'late March', '2018-03', '2018-03-01', '2018-03-31', true)]);
    expect(summary(doc, '2018-02-15')).toEqual([row(doc, 0, 'late March', '2017-03', '2017-03-01', '2017-03-31', true)]);
    expect(summary(doc, '2018-03-15')).toEqual([row(doc, 0, 'late March', '2018-03', '2018-03-01', '2018-03-31', true)]);
  });

  it('in a future-tense sentence it is the closest one that has not ended', () => {
    const doc = ['The plan will be ready in late March.'];
    expect(summary(doc, '2018-10-15')).toEqual([row(doc, 0, 'late March', '2019-03', '2019-03-01', '2019-03-31', true)]);
    expect(summary(doc, '2018-03-15')).toEqual([row(doc, 0, 'late March', '2018-03', '2018-03-01', '2018-03-31', true)]);
  });

  it('a day the day before publication is last year\'s only when it is after publication', () => {
    const doc = ['The dialogue was held on March 23.'];
    expect(summary(doc, '2023-03-24')).toEqual([row(doc, 0, 'March 23', '2023-03-23', '2023-03-23', '2023-03-23', true)]);
    expect(summary(doc, '2023-03-22')).toEqual([row(doc, 0, 'March 23', '2022-03-23', '2022-03-23', '2022-03-23', true)]);
  });

  it('"on Tuesday" published on a Tuesday is that day', () => {
    const doc = ['The vote took place on Tuesday.'];
    expect(summary(doc, '2005-03-15')).toEqual([row(doc, 0, 'Tuesday', '2005-03-15', '2005-03-15', '2005-03-15', true)]);
  });
});
