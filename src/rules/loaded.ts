import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { DateRules } from '../extract/dates/rules.js';
import { BUILD_DIR } from '../paths.js';
import { hashRuleFiles, loadRules, type RuleSet } from './index.js';

/** Every rule file of a folder, parsed and validated: plain data, so it can be sent to a worker thread. */
export interface LoadedRules {
  readonly rules: RuleSet;
  readonly dates: DateRules;
}

/** Parsed rules kept by a build, by the hash of the rule files they were parsed from. */
const RULES_CACHE = BUILD_DIR ? path.join(BUILD_DIR, 'rules') : null;
/** Rule sets kept: the ones in use by a few rules folders. */
const KEEP = 8;

/** Reads, parses and validates the rules of `rulesDir`; errors name the file, line and field. */
export async function parseAllRules(rulesDir: string): Promise<LoadedRules> {
  const { loadDateRules } = await import('../extract/dates/rules.js');
  return { rules: await loadRules(rulesDir), dates: await loadDateRules(rulesDir) };
}

/**
 * The rules of `rulesDir`, parsed once per content: parsing and validating the YAML takes 0.4 s
 * (more while the workers start beside it), reading the result back a few milliseconds. A run
 * from a build (`bin/pipeline.mjs`) keeps each rule set it parsed in `dist/<build>/rules/`, by
 * the hash of every rule file's name and bytes: an edited rule file has another hash, and edited
 * code (the schemas, what they derive) another build. Only rules that passed validation are kept,
 * so a broken file is reported on every run. From the sources (tests, tsx), nothing is kept.
 */
export async function loadAllRules(rulesDir: string, cacheDir: string | null = RULES_CACHE): Promise<LoadedRules> {
  if (!cacheDir) return parseAllRules(rulesDir);
  const hash = await hashRuleFiles(rulesDir);
  const file = path.join(cacheDir, `${hash}.v8`);
  const kept = readKept(file, hash);
  if (kept) return { ...kept, rules: { ...kept.rules, dir: rulesDir } };
  const loaded = await parseAllRules(rulesDir);
  // A file edited between the hash and the parse: the next run parses again.
  if (loaded.rules.hash === hash) keep(cacheDir, file, loaded);
  return loaded;
}

function readKept(file: string, hash: string): LoadedRules | null {
  try {
    const got = deserialize(readFileSync(file)) as LoadedRules;
    return got.rules.hash === hash ? got : null;
  } catch {
    return null; // not kept yet, or unreadable: parse
  }
}

function keep(dir: string, file: string, loaded: LoadedRules): void {
  try {
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, serialize(loaded));
    renameSync(tmp, file);
    const sets = readdirSync(dir)
      .filter((f) => f.endsWith('.v8'))
      .map((f) => ({ f: path.join(dir, f), mtime: statSync(path.join(dir, f)).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime);
    for (const old of sets.slice(KEEP)) rmSync(old.f, { force: true });
  } catch {
    // Keeping is an optimization: a read-only build parses on every run.
  }
}
