/**
 * The extractor never throws, and whatever it returns keeps the offset contract: per sentence,
 * findings sorted by start, disjoint, `text === sentence.slice(start, end)`, `sentence` = index.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DateFinding } from '../../src/types.js';
import { RAW_DIR, extractor, roughSentences } from './support.js';

const GRANULARITIES = ['day', 'week', 'month', 'quarter', 'season', 'year', 'decade', 'century', 'range'];
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function checkContract(sentences: readonly string[], result: DateFinding[][]): void {
  expect(result).toHaveLength(sentences.length);
  result.forEach((findings, i) => {
    let lastEnd = 0;
    for (const f of findings) {
      expect(f.sentence).toBe(i);
      expect(f.start).toBeGreaterThanOrEqual(lastEnd);
      expect(f.end).toBeGreaterThan(f.start);
      expect(f.text).toBe(sentences[i]!.slice(f.start, f.end));
      expect(GRANULARITIES).toContain(f.granularity);
      expect(f.startDay === '' || ISO_DAY.test(f.startDay)).toBe(true);
      expect(f.endDay === '' || ISO_DAY.test(f.endDay)).toBe(true);
      expect(f.startDay <= f.endDay).toBe(true);
      expect(f.rule).toMatch(/^date\.[a-z-]+$/);
      lastEnd = f.end;
    }
  });
}

const NASTY: readonly string[] = [
  '',
  ' ',
  '\u0000\uFFFF\uD800',
  'in 99999999999999999999999 and since 1e400 and by -2005',
  'in 0000, in 0999, in 9999, since 2100, (3000), the 3000s, the 0th century',
  'on 31 February 2005, on 32 March, on 29 February 2005, on 29 February 2004, 0/0/0000',
  'from 2005 to 1995, between 2010 and 2001, in 2004-03, 1999-00',
  'the 99th century, the 1st century, the -5th century, Q5 2005, Q0',
  'last last last week week, the same same day, that that year',
  '((((((((((1971))))))))))',
  '𝕋𝕙𝕖 meeting on 5 March 2005 😀 in 1995',
  'March March March May May May 2005 2005 2005',
  'in '.repeat(5000) + '2005',
  '1995, '.repeat(3000),
  'On Tuesday, 30 October 2018 09:26 and '.repeat(200),
];

describe('robustness', () => {
  it('never throws on odd input and keeps the offset contract', () => {
    for (const published of [null, '2005-03-10', '2023-02-30', 'not a date', '0000-01-01', '9999-12-31']) {
      const result = extractor.extract(NASTY, { published });
      checkContract(NASTY, result);
    }
  });

  it('accepts an empty document and non-string entries without throwing', () => {
    expect(extractor.extract([], { published: null })).toEqual([]);
    const odd = [undefined, null, 42] as unknown as string[];
    expect(extractor.extract(odd, { published: null })).toEqual([[], [], []]);
  });

  it('handles a long date-dense sentence in reasonable time', () => {
    const long = 'In 1995, on 5 March 2005 and last week, '.repeat(2500);
    const t0 = performance.now();
    const [findings] = extractor.extract([long], { published: '2005-03-10' });
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect(findings!.length).toBeGreaterThan(5000);
    checkContract([long], [findings!]);
  });

  it('offsets are UTF-16 indexes that survive characters outside the BMP', () => {
    const s = '𝕋𝕙𝕖 meeting on 5 March 2005.';
    const [[f]] = extractor.extract([s], { published: null }) as [[DateFinding]];
    expect(f.start).toBe(s.indexOf('5 March'));
    expect(f.text).toBe('5 March 2005');
  });

  it('keeps the contract on every sample article', () => {
    for (const file of readdirSync(RAW_DIR).filter((f) => f.endsWith('.txt'))) {
      const sentences = roughSentences(readFileSync(join(RAW_DIR, file), 'utf8'));
      checkContract(sentences, extractor.extract(sentences, { published: '2018-10-30' }));
      checkContract(sentences, extractor.extract(sentences, { published: null }));
    }
  });
});
