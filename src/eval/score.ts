import { matchKey } from '../text/fold.js';

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export const emptyCounts = (): Counts => ({ tp: 0, fp: 0, fn: 0 });

export function addCounts(a: Counts, b: Counts): Counts {
  return { tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn };
}

export function prf(c: Counts): { precision: number; recall: number; f1: number } {
  const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 1;
  const recall = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

export interface NamedThing {
  readonly name: string;
  readonly aliases: readonly string[];
}

const formsOf = (e: NamedThing) => new Set([e.name, ...e.aliases].map(matchKey).filter(Boolean));

export interface EntityScore {
  readonly counts: Counts;
  readonly missed: readonly string[];
  readonly spurious: readonly string[];
}

/**
 * A predicted entity matches a gold entity when one of its surface forms equals one of the gold
 * forms after folding case and diacritics. Recall counts gold entities matched by any prediction;
 * precision counts predictions that match any gold entity.
 */
export function scoreEntities(gold: readonly NamedThing[], predicted: readonly NamedThing[]): EntityScore {
  const goldForms = gold.map(formsOf);
  const predForms = predicted.map(formsOf);
  const hit = (a: Set<string>, b: Set<string>) => [...a].some((f) => b.has(f));
  const goldHit = goldForms.map((g) => predForms.some((p) => hit(p, g)));
  const predHit = predForms.map((p) => goldForms.some((g) => hit(p, g)));
  return {
    counts: {
      tp: goldHit.filter(Boolean).length,
      fn: goldHit.filter((h) => !h).length,
      fp: predHit.filter((h) => !h).length,
    },
    missed: gold.filter((_, i) => !goldHit[i]).map((g) => g.name),
    spurious: predicted.filter((_, i) => !predHit[i]).map((p) => p.name),
  };
}

export interface SpanThing {
  readonly start: number;
  readonly end: number;
}

/** One-to-one pairs of overlapping spans, largest overlap first. */
export function pairBySpan<G extends SpanThing, P extends SpanThing>(
  gold: readonly G[],
  predicted: readonly P[],
  compatible: (g: G, p: P) => boolean = () => true,
): { pairs: [G, P][]; missed: G[]; spurious: P[] } {
  const candidates: [number, number, number][] = [];
  gold.forEach((g, gi) =>
    predicted.forEach((p, pi) => {
      const overlap = Math.min(g.end, p.end) - Math.max(g.start, p.start);
      if (overlap > 0 && compatible(g, p)) candidates.push([overlap, gi, pi]);
    }),
  );
  candidates.sort((a, b) => b[0] - a[0] || a[1] - b[1] || a[2] - b[2]);
  const usedG = new Set<number>();
  const usedP = new Set<number>();
  const pairs: [G, P][] = [];
  for (const [, gi, pi] of candidates) {
    if (usedG.has(gi) || usedP.has(pi)) continue;
    usedG.add(gi);
    usedP.add(pi);
    pairs.push([gold[gi]!, predicted[pi]!]);
  }
  return { pairs, missed: gold.filter((_, i) => !usedG.has(i)), spurious: predicted.filter((_, i) => !usedP.has(i)) };
}

/** Do two actor lists name the same entities? Each gold name must match a predicted entity's forms and vice versa. */
export function sameActors(gold: readonly string[], predicted: readonly NamedThing[]): boolean {
  const g = gold.map(matchKey);
  const p = predicted.map(formsOf);
  return g.every((k) => p.some((forms) => forms.has(k))) && p.every((forms) => g.some((k) => forms.has(k)));
}
