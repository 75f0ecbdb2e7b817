/**
 * refine.overlaps: findings must not overlap. Of overlapping candidates the longest wins ("the end
 * of the year 2023" over "year 2023", "24th March 2023" over "March 2023"); at equal length the
 * finder listed first in `finders/index.ts` wins. Output is sorted by start.
 */

import type { Candidate, Refiner } from '../model.js';

export function createOverlapRefiner(finderOrder: readonly string[]): Refiner {
  const rank = new Map(finderOrder.map((id, i) => [id, i]));
  const priority = (c: Candidate): number => rank.get(c.rule) ?? finderOrder.length;
  return {
    id: 'refine.overlaps',
    refine(sentence, candidates) {
      // One flag per UTF-16 unit keeps this linear on long, date-dense text.
      const taken = new Uint8Array(sentence.length + 1);
      const byStrength = [...candidates].sort(
        (a, b) => b.end - b.start - (a.end - a.start) || priority(a) - priority(b) || a.start - b.start,
      );
      const kept: Candidate[] = [];
      for (const c of byStrength) {
        if (c.start < 0 || c.end <= c.start || c.end > sentence.length) continue;
        if (taken.subarray(c.start, c.end).some((t) => t === 1)) continue;
        taken.fill(1, c.start, c.end);
        kept.push(c);
      }
      return kept.sort((a, b) => a.start - b.start);
    },
  };
}
