/**
 * Date extraction: sentences in, per-sentence `DateFinding`s out.
 *
 * Three steps, each a list of small rules:
 * 1. finders (`finders/index.ts`) read one sentence and propose candidates: what was written
 *    ("late March", "last week", "the same day"), with the rule id that found it; each runs only
 *    where its cue passes (see `Finder.cue`);
 * 2. refiners (`refiners/index.ts`) widen and de-overlap each sentence's candidates;
 * 3. `resolve.ts` gives each candidate its value in document order, against the publication date
 *    or, without one, the year the document's dates agree on.
 * Offsets are UTF-16 indexes into each sentence string; the extract stage makes them absolute.
 * Rule ids, reasons and examples: rules/dates.yaml.
 */

import type { DateFinding } from '../../types.js';
import { parseYmd } from './calendar.js';
import { createFinders } from './finders/index.js';
import type { Candidate } from './model.js';
import { createRefiners } from './refiners/index.js';
import { resolveDocument } from './resolve.js';
import type { DateRules } from './rules.js';
import { compileVocabulary } from './vocabulary.js';

export type { DateRules, DateExample, DateRuleDoc } from './rules.js';

export interface DateContext {
  /** Publication date `YYYY-MM-DD`, or null when unknown. Anything else counts as unknown. */
  readonly published: string | null;
}

export interface DateExtractor {
  /**
   * sentences: the document's sentences in order (plain strings). Returns, per sentence, its
   * findings, with start/end as UTF-16 offsets relative to that sentence string, `sentence` = its
   * index, `text` = sentence.slice(start, end). Non-overlapping, sorted by start. Never throws.
   */
  extract(sentences: readonly string[], ctx: DateContext): DateFinding[][];
}

/** Builds the rules once (chrono included); `extract` is pure afterwards. */
export function createDateExtractor(rules: DateRules): DateExtractor {
  const vocabulary = compileVocabulary(rules.vocabulary);
  const finders = createFinders(vocabulary);
  const refiners = createRefiners(finders.map((f) => f.id));

  function candidates(sentence: string): readonly Candidate[] {
    const found: Candidate[] = [];
    for (const f of finders) {
      if (!f.cue.test(sentence)) continue;
      for (const c of f.find(sentence)) found.push(c);
    }
    // Refiners only widen, merge or drop candidates, and most sentences have none to refine.
    if (found.length === 0) return found;
    let refined: readonly Candidate[] = found;
    for (const r of refiners) refined = r.refine(sentence, refined);
    return refined;
  }

  return {
    extract(sentences, ctx) {
      const list = Array.isArray(sentences) ? sentences : [];
      const prepared = list.map((s) => {
        const sentence = typeof s === 'string' ? s : '';
        const found = candidates(sentence);
        // Tense matters only to a sentence with dates; most have none.
        return { sentence, future: found.length > 0 && vocabulary.future.test(sentence), candidates: found };
      });
      return resolveDocument(prepared, parseYmd(ctx?.published ?? null));
    },
  };
}
