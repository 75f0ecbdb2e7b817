/**
 * refine.relative-year-suffix: "in July last year", "on 5 March next year", "November this
 * year". A yearless month or day followed by "last/this/next year" takes that year; the two
 * candidates (date.month or date.chrono, and date.relative-year) become one, which keeps the first
 * one's rule id.
 */

import type { Candidate, Refiner } from '../model.js';

function yearless(c: Candidate): boolean {
  return c.expr.kind === 'calendar' && c.expr.year.kind === 'open' && c.expr.year.direction === 'auto' && c.expr.period.unit !== 'year';
}

function relativeYear(c: Candidate): number | null {
  const e = c.expr;
  return e.kind === 'calendar' && e.period.unit === 'year' && e.year.kind === 'relative' && Math.abs(e.year.offset) <= 1
    ? e.year.offset
    : null;
}

export const relativeYearSuffix: Refiner = {
  id: 'refine.relative-year-suffix',
  refine(sentence, candidates) {
    const sorted = [...candidates].sort((a, b) => a.start - b.start);
    const out: Candidate[] = [];
    for (let i = 0; i < sorted.length; i++) {
      const c = sorted[i]!;
      const next = sorted[i + 1];
      const offset = next ? relativeYear(next) : null;
      if (next && offset !== null && c.expr.kind === 'calendar' && yearless(c) &&
        /^\s*,?\s*$/.test(sentence.slice(c.end, next.start)) && /^(?:last|this|next)\b/i.test(sentence.slice(next.start, next.end))) {
        out.push({ ...c, end: next.end, expr: { ...c.expr, year: { kind: 'relative', offset } } });
        i++;
        continue;
      }
      out.push(c);
    }
    return out;
  },
};
