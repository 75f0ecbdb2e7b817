import { readFileSync } from 'node:fs';
import { createCommitmentExtractor } from '../../src/extract/commitments/index.js';
import { createDateExtractor } from '../../src/extract/dates/index.js';
import { loadDateRules } from '../../src/extract/dates/rules.js';
import { findDates } from '../../src/stages/extract.js';
import type { CommitmentFinding, SegmentedDocument } from '../../src/types.js';
import { testKit } from '../helpers.js';

/** A commitment as tests read it: actors by entity name. */
export interface Found extends CommitmentFinding {
  readonly actorNames: readonly string[];
}

export interface CommitmentKit {
  /** Runs segment -> entities -> dates -> commitments on a text, as if it were a file. */
  commitments(text: string, published?: string | null): { doc: SegmentedDocument; found: Found[] };
}

let kit: Promise<CommitmentKit> | undefined;

export function commitmentKit(): Promise<CommitmentKit> {
  kit ??= (async () => {
    const base = await testKit();
    const dates = createDateExtractor(await loadDateRules('rules'));
    const extractor = createCommitmentExtractor(base.rules.commitments);
    return {
      commitments(text, published = null) {
        const ents = base.entities(text);
        const doc = ents.doc;
        const ds = findDates(doc, dates, ents.mentions, published ?? doc.meta.published);
        const found = extractor.extract(doc, ents, ds).map((c) => ({ ...c, actorNames: c.actors.map((a) => ents.entities[a]!.name) }));
        return { doc, found };
      },
    };
  })();
  return kit;
}

/** One paragraph of a sample article in raw/, found by a phrase it contains. */
export function sampleParagraph(file: string, containing: string): string {
  const text = readFileSync(`raw/${file}`, 'utf8');
  const para = text.split(/\n/).find((p) => p.includes(containing));
  if (!para) throw new Error(`raw/${file} has no paragraph containing "${containing}"`);
  return para;
}

/** Several paragraphs of a sample article, from the one containing `from` to the one containing `to`. */
export function sampleParagraphs(file: string, from: string, to: string): string {
  const paras = readFileSync(`raw/${file}`, 'utf8').split(/\n/);
  const a = paras.findIndex((p) => p.includes(from));
  const b = paras.findIndex((p, i) => i >= a && p.includes(to));
  if (a < 0 || b < 0) throw new Error(`raw/${file}: no paragraphs from "${from}" to "${to}"`);
  return paras.slice(a, b + 1).join('\n');
}
