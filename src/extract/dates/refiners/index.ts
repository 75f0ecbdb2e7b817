/** The refiners, applied in this order to each sentence's candidates. */

import type { Refiner } from '../model.js';
import { createOverlapRefiner } from './overlaps.js';
import { partOfDay } from './part-of-day.js';
import { relativeYearSuffix } from './relative-year-suffix.js';

export function createRefiners(finderOrder: readonly string[]): readonly Refiner[] {
  return [
    // Widen before choosing among overlaps, so the widened span competes at its real length.
    partOfDay,
    createOverlapRefiner(finderOrder),
    // After overlaps: the month and the year suffix must each have won their own span first.
    relativeYearSuffix,
  ];
}

export const REFINER_IDS: readonly string[] = ['refine.part-of-day', 'refine.overlaps', 'refine.relative-year-suffix'];

