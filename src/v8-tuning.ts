/**
 * V8 settings for a run whose worker threads keep every core busy, set once before the pool
 * starts (V8's flags belong to the process: every thread created afterwards compiles with them).
 *
 * Why: on the 2,225 BBC articles one thread spent about 4.4 s of background CPU in V8's
 * optimizing compiler (TurboFan) for 7 s of extraction: compromise, wink-nlp, chrono-node and
 * our finders are a lot of code, run for a few milliseconds per article, and TurboFan compiled
 * much of it several times over, inlining deeply each time. On one thread that work ran for free
 * on the idle second core; with one worker per core, each worker's compiler took CPU from the
 * other worker, and two workers ran only 1.1-1.3x faster than one.
 *
 * - `--no-turbo-inlining`: optimized code calls its callees instead of copying them in. This
 *   halves TurboFan's time; the optimized code runs about as fast on this workload.
 * - `--interrupt-budget`: a function must run about 9x longer than V8's default (67,584 units)
 *   before it is optimized, so lukewarm functions stay in the baseline tiers. With both,
 *   TurboFan's time on one thread falls from about 4.4 s to about 1 s, and a full run on two
 *   cores from about 9 s to about 7.5 s (paired runs). Output is unchanged: these settings
 *   change only how code is compiled.
 *
 * Only for a pool with a thread per core: with a core to spare, the compiler's work is free and
 * V8's defaults are faster (one thread on two cores: about 9 s with them, 10-11 s with these).
 */
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';

export const BATCH_V8_FLAGS: readonly string[] = ['--no-turbo-inlining', '--interrupt-budget=600000'];

let applied = false;

/** Applies `BATCH_V8_FLAGS` to this process, once, if `threads` keep every core busy; threads started afterwards compile with them. */
export function tuneV8ForBatch(threads: number, cores: number = availableParallelism()): void {
  if (applied || threads < cores) return;
  applied = true;
  for (const flag of BATCH_V8_FLAGS) setFlagsFromString(flag);
}
