import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { createCommitmentExtractor } from './extract/commitments/index.js';
import { createDateExtractor } from './extract/dates/index.js';
import { createEntityExtractor } from './extract/entities/index.js';
import { buildLexicon } from './extract/entities/lexicon.js';
import type { RuleSet } from './rules/index.js';
import type { LoadedRules } from './rules/loaded.js';
import { cleanDocument, compileFurniture } from './stages/clean.js';
import { createDatelineReader } from './stages/dateline.js';
import { extractDocument, type Extractors } from './stages/extract.js';
import { segmentDocument, type SegmentRules } from './stages/segment.js';
import { newTimings, timed, type Timings } from './stages/order.js';
import type { DocumentExtraction, SourceDocument } from './types.js';

/** Everything loaded once per process (or worker) to process documents: rules and NLP models. */
export interface DocumentProcessor {
  readonly rules: RuleSet;
  /** clean -> segment -> extract for one document. */
  process(src: SourceDocument, timings?: Timings): DocumentExtraction;
}

/**
 * A processor for the rules of a folder, or for rules loaded already: parsing the YAML costs
 * half a second, so a run parses it once and hands the result to its worker threads.
 */
export async function createDocumentProcessor(from: string | LoadedRules): Promise<DocumentProcessor> {
  // The parser (yaml, zod and the schemas) is loaded only to parse: a worker thread gets its rules
  // parsed already, and loading it would add a tenth of a second to the thread's start.
  const { rules, dates: dateRules } = typeof from === 'string' ? await (await import('./rules/loaded.js')).parseAllRules(from) : from;
  // Only sentence boundaries and part-of-speech tags are read: skipping wink's negation,
  // sentiment and entity passes saves a third of readDoc and leaves tokens, tags and sentences
  // unchanged (checked over the 2,225 BBC articles).
  const nlp = winkNLP(model, ['sbd', 'pos']);
  const furniture = compileFurniture(rules.furniture);
  const readDateline = createDatelineReader();
  const segmentRules: SegmentRules = { abbreviations: new Set(rules.abbreviations.entries) };
  const extractors: Extractors = {
    entities: createEntityExtractor(buildLexicon(rules)),
    dates: createDateExtractor(dateRules),
    commitments: createCommitmentExtractor(rules.commitments),
  };
  return {
    rules,
    process(src, timings = newTimings()) {
      const clean = timed(timings, 'clean', () => cleanDocument(src, furniture, readDateline));
      const segmented = timed(timings, 'segment', () => segmentDocument(clean, nlp, segmentRules));
      return timed(timings, 'extract', () => extractDocument(segmented, extractors));
    },
  };
}

