/** Shared set-up for the date tests: the real rules file and one extractor. */

import { fileURLToPath } from 'node:url';
import { createDateExtractor } from '../../src/extract/dates/index.js';
import { loadDateRules } from '../../src/extract/dates/rules.js';
import type { DateFinding } from '../../src/types.js';

export const RULES_DIR = fileURLToPath(new URL('../../rules', import.meta.url));
export const RAW_DIR = fileURLToPath(new URL('../../raw', import.meta.url));

export const rules = await loadDateRules(RULES_DIR);
export const extractor = createDateExtractor(rules);

/** Findings of a one-sentence document. */
export function extractOne(sentence: string, published: string | null): DateFinding[] {
  return extractor.extract([sentence], { published })[0]!;
}

/** Offset of the `nth` occurrence of `text` in `sentence`; fails loudly when it is not there. */
export function at(sentence: string, text: string, nth = 0): number {
  let from = -1;
  for (let i = 0; i <= nth; i++) {
    from = sentence.indexOf(text, from + 1);
    if (from < 0) throw new Error(`"${text}" (occurrence ${nth}) is not in "${sentence}"`);
  }
  return from;
}

/** Splits article text into sentences, roughly, for tests that run over whole files. */
export function roughSentences(text: string): string[] {
  return text
    .split(/\n+/)
    .flatMap((p) => p.split(/(?<=[.!?]["”]?)\s+(?=[A-Z"“(])/u))
    .filter((s) => s.trim().length > 0);
}
