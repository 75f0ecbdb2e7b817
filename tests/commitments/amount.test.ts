import { describe, expect, it } from 'vitest';
import { findAmount } from '../../src/extract/commitments/index.js';

describe('findAmount: money, percentages, counts and durations', () => {
  const cases: [string, string, number, string][] = [
    ['trade turnover is to reach USD 5 billion, while', 'USD 5 billion', 5e9, 'USD'],
    ['is targeted at USD 20 billion in the near future', 'USD 20 billion', 2e10, 'USD'],
    ['an additional £419m for core expenditure', '£419m', 419e6, 'GBP'],
    ['about £8.1bn next year', '£8.1bn', 8.1e9, 'GBP'],
    ['fines of up to £2,500 would be levied', '£2,500', 2500, 'GBP'],
    ['$20bn in damages', '$20bn', 20e9, 'USD'],
    ['to cut taxes by 6.5bn euros this year', '6.5bn euros', 6.5e9, 'EUR'],
    ['spending 0.7% of national income', '0.7% of national income', 0.7, '%'],
    ['a target of 40,000 new homes by 2012', '40,000 new', 40000, 'new'],
    ['set at 2.25 million by 2010', '2.25 million', 2.25e6, ''],
    ['no patient would wait more than 12 months by March 2006', '12 months', 12, 'months'],
    ['to build two million homes', 'two million homes', 2e6, 'homes'],
    ['worth a million dollars', 'a million dollars', 1e6, 'USD'],
  ];
  for (const [text, amount, value, unit] of cases) {
    it(`"${text}" -> ${amount}`, () => {
      const a = findAmount(text)!;
      expect(a.text).toBe(amount);
      expect(a.value).toBe(value);
      expect(a.unit).toBe(unit);
      expect(text.slice(a.start, a.end)).toBe(amount);
    });
  }

  it('finds no amount in years, names or plain words', () => {
    for (const text of ['by 2010', 'in Vietnam People\'s Army', 'the spring of 2006', 'a team of experts']) expect(findAmount(text), text).toBeNull();
  });

  it('reads a short scale (m, bn, k) only after digits: "am" is no "a m"', () => {
    for (const text of ['I am going to stand', 'he ran an m', 'one k']) expect(findAmount(text), text).toBeNull();
    expect(findAmount('a 5 m budget')?.text).toBe('5 m budget');
  });
});
