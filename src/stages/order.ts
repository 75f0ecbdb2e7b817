import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../paths.js';

/** The stages, in the order they run. */
export const STAGES = ['ingest', 'clean', 'segment', 'extract', 'resolve', 'emit'] as const;
export type StageName = (typeof STAGES)[number];

export const PIPELINE_VERSION: string = (
  JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;

/** Milliseconds spent per stage, summed over documents (and over workers). */
export type Timings = Record<StageName, number>;

export const newTimings = (): Timings => Object.fromEntries(STAGES.map((s) => [s, 0])) as Timings;

export function addTimings(into: Timings, more: Readonly<Timings>): void {
  for (const s of STAGES) into[s] += more[s];
}

export function timed<T>(timings: Timings, stage: StageName, fn: () => T): T {
  const t0 = performance.now();
  try {
    return fn();
  } finally {
    timings[stage] += performance.now() - t0;
  }
}

export async function timedAsync<T>(timings: Timings, stage: StageName, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    timings[stage] += performance.now() - t0;
  }
}
