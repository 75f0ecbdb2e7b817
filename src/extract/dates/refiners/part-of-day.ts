/**
 * refine.part-of-day: "On the morning of May 26" is the day May 26; chrono's casual parser turns
 * it into the reference date and its strict parser finds only "May 26". This widens a day-level
 * candidate to take in a preceding "the morning/afternoon/evening/night of".
 */

import type { Candidate, Refiner } from '../model.js';

const BEFORE = /\b(?:[Tt]he\s+)?(?:(?:early|late)\s+)?(?:morning|afternoon|evening|night)\s+of\s+$/u;

function isDayLevel(c: Candidate): boolean {
  const e = c.expr;
  if (e.kind === 'calendar') return e.period.unit === 'day';
  if (e.kind === 'range') return e.start.period.unit === 'day';
  return e.kind === 'weekday' || e.kind === 'relative-day' || e.kind === 'anaphor-day';
}

export const partOfDay: Refiner = {
  id: 'refine.part-of-day',
  refine(sentence, candidates) {
    return candidates.map((c) => {
      if (!isDayLevel(c)) return c;
      const m = BEFORE.exec(sentence.slice(Math.max(0, c.start - 40), c.start));
      return m ? { ...c, start: c.start - (m[0].length) } : c;
    });
  },
};
