import { describe, expect, it } from 'vitest';
import { createCommitmentExtractor } from '../../src/extract/commitments/index.js';
import { testKit } from '../helpers.js';

const kit = await testKit();
const extractor = createCommitmentExtractor(kit.rules.commitments);

/**
 * The inline examples of rules/commitments.yaml: each trigger rule finds its trigger (and the
 * stated action and number of coordinated actions) in its example sentence, or finds nothing.
 * Actors need the article around a sentence and are tested in extract.test.ts.
 */
describe('rules/commitments.yaml: every trigger rule and its inline examples', () => {
  for (const rule of kit.rules.commitments.triggers) {
    describe(rule.id, () => {
      for (const ex of rule.examples) {
        const label = ex.trigger === null ? `finds no commitment in "${ex.text}"` : `finds [${ex.trigger}] in "${ex.text}"`;
        it(label, () => {
          const found = extractor.candidates(kit.segment(ex.text));
          if (ex.trigger === null) {
            expect(found.map((f) => `${f.rule}: ${f.trigger}`)).toEqual([]);
            return;
          }
          // "agreed to A; to B; agreed to C": all records of the trigger word in the sentence.
          const mine = found.filter((f) => f.trigger === ex.trigger);
          expect(mine.length, JSON.stringify(found)).toBeGreaterThan(0);
          expect(mine[0]!.rule).toBe(rule.id);
          expect(mine.flatMap((f) => f.actions).length).toBe(ex.records ?? 1);
          if (ex.action) expect(mine[0]!.actions[0]).toBe(ex.action);
        });
      }
    });
  }

  it('every rule has an example that fires and one that does not, or at least one that fires', () => {
    for (const t of kit.rules.commitments.triggers) expect(t.examples.some((e) => e.trigger !== null), t.id).toBe(true);
  });
});
