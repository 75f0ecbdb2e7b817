import path from 'node:path';
import type { DateRules } from '../extract/dates/rules.js';
import { KEPT_DIR, readKept, writeKept } from '../kept.js';
import { hashRuleFiles, loadRules, type RuleSet } from './index.js';

/** Every rule file of a folder, parsed and validated: plain data, so it can be sent to a worker thread. */
export interface LoadedRules {
  readonly rules: RuleSet;
  readonly dates: DateRules;
}

/** Reads, parses and validates the rules of `rulesDir`; errors name the file, line and field. */
export async function parseAllRules(rulesDir: string): Promise<LoadedRules> {
  const { loadDateRules } = await import('../extract/dates/rules.js');
  return { rules: await loadRules(rulesDir), dates: await loadDateRules(rulesDir) };
}

/**
 * The rules of `rulesDir`, parsed once per content: parsing and validating the YAML takes 0.4 s
 * (more while the workers start beside it), reading the result back a few milliseconds. A run
 * from a build (`bin/pipeline.mjs`) keeps each rule set it parsed (`KEPT_DIR`), by
 * the hash of every rule file's name and bytes: an edited rule file has another hash, and edited
 * code (the schemas, what they derive) another build. Only rules that passed validation are kept,
 * so a broken file is reported on every run. From the sources (tests, tsx), nothing is kept.
 */
export async function loadAllRules(rulesDir: string, keptDir: string | null = KEPT_DIR): Promise<LoadedRules> {
  if (!keptDir) return parseAllRules(rulesDir);
  const hash = await hashRuleFiles(rulesDir);
  const file = path.join(keptDir, `${hash}.rules.v8`);
  const kept = readKept<LoadedRules>(file);
  if (kept?.rules?.hash === hash) return { ...kept, rules: { ...kept.rules, dir: rulesDir } };
  const loaded = await parseAllRules(rulesDir);
  // A file edited between the hash and the parse: the next run parses again.
  if (loaded.rules.hash === hash) await writeKept(file, loaded);
  return loaded;
}
