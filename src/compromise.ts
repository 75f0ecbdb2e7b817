import { createRequire } from 'node:module';
import type nlpType from 'compromise/two';

/**
 * compromise, loaded through its CommonJS build of the "two" level (tokenizer, lexicon,
 * pre-tagger, match): everything this project calls. Imported as an ES module, compromise
 * resolves some three hundred modules through the TypeScript loader: half a second of every
 * worker's start. The build is one file and tags every sentence the same (checked on the 5,705
 * BBC sentences the commitment extractor parses).
 */
export const nlp: typeof nlpType = createRequire(import.meta.url)('compromise/two') as typeof nlpType;
