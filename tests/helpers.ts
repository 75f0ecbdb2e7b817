import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { createEntityExtractor, type EntityExtraction } from '../src/extract/entities/index.js';
import { buildLexicon, type EntityLexicon } from '../src/extract/entities/lexicon.js';
import { loadRules, type RuleSet } from '../src/rules/index.js';
import { cleanDocument, compileFurniture } from '../src/stages/clean.js';
import { createDatelineReader } from '../src/stages/dateline.js';
import { sourceDocumentFromBytes } from '../src/stages/ingest.js';
import { segmentDocument } from '../src/stages/segment.js';
import type { SegmentedDocument } from '../src/types.js';

export interface TestKit {
  readonly rules: RuleSet;
  readonly lexicon: EntityLexicon;
  /** Ingest, clean and segment a text as if it were a file. */
  segment(text: string, source?: string): SegmentedDocument;
  entities(text: string): EntityExtraction & { doc: SegmentedDocument };
}

let kit: Promise<TestKit> | undefined;

/** Rules and models, loaded once per test file. */
export function testKit(): Promise<TestKit> {
  kit ??= (async () => {
    const rules = await loadRules('rules');
    const lexicon = buildLexicon(rules);
    const nlp = winkNLP(model);
    const furniture = compileFurniture(rules.furniture);
    const dateline = createDatelineReader();
    const abbreviations = new Set(rules.abbreviations.entries);
    const extractor = createEntityExtractor(lexicon);
    const segment = (text: string, source = 'test.txt') =>
      segmentDocument(cleanDocument(sourceDocumentFromBytes(source, Buffer.from(text, 'utf8')), furniture, dateline), nlp, { abbreviations });
    return {
      rules,
      lexicon,
      segment,
      entities(text) {
        const doc = segment(text);
        return { ...extractor.extract(doc), doc };
      },
    };
  })();
  return kit;
}

/** `[...text].slice(start, end).join('')`: what code point offsets point at. */
export function sliceCodePoints(text: string, start: number, end: number): string {
  return [...text].slice(start, end).join('');
}
