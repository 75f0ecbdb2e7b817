/**
 * rules/dates.yaml: the date extractor's word lists and the documentation of every rule id, with
 * examples that run as tests (tests/dates/rule-examples.test.ts). The loader rejects a file that
 * documents a rule that does not exist or leaves an implemented rule undocumented, naming the
 * file, line and field.
 */

import { join } from 'node:path';
import { z } from '../../zod.js';
import { loadRuleFile, parseRuleText } from '../../rules/load.js';
import { RuleId } from '../../rules/schemas.js';
import { isValidYmd } from './calendar.js';
import { FINDER_IDS } from './finders/index.js';
import { REFINER_IDS } from './refiners/index.js';
import type { VocabularyData } from './vocabulary.js';

export interface DateExample {
  readonly text: string;
  /** Publication date of the imagined article, `YYYY-MM-DD`, or null. */
  readonly published: string | null;
  /** Every finding the extractor must return for `text`, in order. */
  readonly expect: readonly { readonly text: string; readonly value: string }[];
}

export interface DateRuleDoc {
  readonly id: string;
  readonly reason: string;
  readonly examples: readonly DateExample[];
}

export interface DateRules {
  readonly kind: 'dates';
  readonly description: string;
  readonly vocabulary: VocabularyData;
  readonly finders: readonly DateRuleDoc[];
  readonly refiners: readonly { readonly id: string; readonly reason: string }[];
}

const NonEmpty = z.string().trim().min(1, 'must not be empty');
const Words = z.array(NonEmpty);
const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD, e.g. "2018-04-12", or null');

/** "12-26": a month and a day that exists in some year (a leap year has them all). */
function validMonthDay(s: string): boolean {
  const m = /^(\d{2})-(\d{2})$/.exec(s);
  return !!m && isValidYmd(2000, Number(m[1]), Number(m[2]));
}

const Example = z.strictObject({
  text: NonEmpty,
  published: IsoDay.nullable().default(null),
  expect: z.array(z.strictObject({ text: NonEmpty, value: z.string() })),
});

/** The entries' ids must be exactly `known`, each once. */
function exactIds(known: readonly string[], what: string) {
  return (entries: readonly { id: string }[], ctx: z.RefinementCtx): void => {
    const seen = new Set<string>();
    entries.forEach((e, i) => {
      if (!known.includes(e.id)) {
        ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `no ${what} has id "${e.id}"; known ids: ${known.join(', ')}` });
      } else if (seen.has(e.id)) {
        ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `"${e.id}" is documented twice; keep one entry` });
      }
      seen.add(e.id);
    });
    const missing = known.filter((id) => !seen.has(id));
    if (missing.length) {
      ctx.addIssue({ code: 'custom', path: [], message: `add an entry for: ${missing.join(', ')}` });
    }
  };
}

export const DatesFile = z.strictObject({
  kind: z.literal('dates'),
  description: NonEmpty,
  vocabulary: z.strictObject({
    futureMarkers: Words,
    strongYearPrepositions: Words,
    weakYearPrepositions: Words,
    namePrepositions: Words,
    quantityNouns: Words,
    quantityWords: Words,
    yearDeterminers: Words,
    weekdayBlockers: Words,
    holidays: z.record(
      NonEmpty,
      z.string().refine(validMonthDay, 'use MM-DD for the day the holiday falls on, e.g. "12-26"'),
    ),
    holidayPrepositions: Words,
  }),
  finders: z
    .array(z.strictObject({ id: RuleId, reason: NonEmpty, examples: z.array(Example).min(1, 'give at least one example') }))
    .superRefine(exactIds(FINDER_IDS, 'finder')),
  refiners: z.array(z.strictObject({ id: RuleId, reason: NonEmpty })).superRefine(exactIds(REFINER_IDS, 'refiner')),
});

// Compile-time check that the schema's output is a DateRules.
const _outputIsDateRules = (x: z.output<typeof DatesFile>): DateRules => x;
void _outputIsDateRules;

export const RULES_FILE = 'dates.yaml';

export async function loadDateRules(rulesDir: string): Promise<DateRules> {
  return loadRuleFile(join(rulesDir, RULES_FILE), DatesFile, join(rulesDir, RULES_FILE));
}

export function parseDateRules(file: string, text: string): DateRules {
  return parseRuleText(file, text, DatesFile);
}
