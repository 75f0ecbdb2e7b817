import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { RuleFileError, parseRuleText } from './load.js';
import type {
  AbbreviationsRules,
  CommitmentsRules,
  FurnitureRules,
  NamePatternsRules,
  OrganizationsRules,
  PlacesRules,
  TitlesRules,
} from './schemas.js';

/**
 * The rule files a run reads, by file name, each with the schema it must follow. The schemas are
 * loaded on first use: a run that finds its output up to date only hashes the rule files, and
 * building the zod schemas costs a tenth of such a run.
 */
async function ruleFileSchemas() {
  const s = await import('./schemas.js');
  return {
    'abbreviations.yaml': s.AbbreviationsFile,
    'commitments.yaml': s.CommitmentsFile,
    'furniture.yaml': s.FurnitureFile,
    'name-patterns.yaml': s.NamePatternsFile,
    'organizations.yaml': s.OrganizationsFile,
    'places.yaml': s.PlacesFile,
    'titles.yaml': s.TitlesFile,
  } as const;
}

/** Rule files owned by an extractor module that validates them itself. */
export const EXTRACTOR_RULE_FILES = ['dates.yaml'] as const;

export interface RuleSet {
  readonly abbreviations: AbbreviationsRules;
  readonly commitments: CommitmentsRules;
  readonly furniture: FurnitureRules;
  readonly namePatterns: NamePatternsRules;
  readonly organizations: OrganizationsRules;
  readonly places: PlacesRules;
  readonly titles: TitlesRules;
  /** SHA-256 over every rule file's name and bytes: part of the cache key and the manifest. */
  readonly hash: string;
  readonly dir: string;
}

/** Every rule file of `dir` (name and text), sorted by name; an unreadable folder is a rules error. */
export async function readRuleFiles(dir: string): Promise<{ name: string; text: string }[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n)).sort();
  } catch (err) {
    throw new RuleFileError(dir, '', null, `cannot read the rules folder: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return Promise.all(names.map(async (name) => ({ name, text: await readFile(path.join(dir, name), 'utf8') })));
}

/** The rules hash of rule files read already (`readRuleFiles`). */
export function hashRuleTexts(files: readonly { name: string; text: string }[]): string {
  const hash = createHash('sha256');
  for (const f of files) hash.update(`${f.name}\0${f.text}\0`);
  return hash.digest('hex');
}

/** The rules hash (as `RuleSet.hash`) without parsing the files: cheap enough for a no-op check. */
export async function hashRuleFiles(dir: string): Promise<string> {
  return hashRuleTexts(await readRuleFiles(dir));
}

/** Loads and validates every rule file in `dir`. Errors name the file, line and field. */
export async function loadRules(dir: string): Promise<RuleSet> {
  const files = await readRuleFiles(dir);
  const RULE_FILES = await ruleFileSchemas();
  const known = new Set<string>([...Object.keys(RULE_FILES), ...EXTRACTOR_RULE_FILES]);
  for (const { name } of files) {
    if (!known.has(name)) {
      throw new RuleFileError(path.join(dir, name), '', null, `unknown rules file; expected one of ${[...known].join(', ')}`);
    }
  }
  const parsed: Record<string, unknown> = {};
  for (const { name, text } of files) {
    const file = path.join(dir, name);
    const schema = RULE_FILES[name as keyof typeof RULE_FILES];
    if (schema) parsed[name] = parseRuleText(path.relative(process.cwd(), file) || file, text, schema);
  }
  for (const n of Object.keys(RULE_FILES)) {
    if (!(n in parsed)) throw new RuleFileError(path.join(dir, n), '', null, 'required rules file is missing');
  }
  checkUniqueIds(parsed, dir);
  return {
    abbreviations: parsed['abbreviations.yaml'] as AbbreviationsRules,
    commitments: parsed['commitments.yaml'] as CommitmentsRules,
    furniture: parsed['furniture.yaml'] as FurnitureRules,
    namePatterns: parsed['name-patterns.yaml'] as NamePatternsRules,
    organizations: parsed['organizations.yaml'] as OrganizationsRules,
    places: parsed['places.yaml'] as PlacesRules,
    titles: parsed['titles.yaml'] as TitlesRules,
    hash: hashRuleTexts(files),
    dir,
  };
}

/** Rule ids are provenance: two entries with one id would make records ambiguous. */
function checkUniqueIds(parsed: Record<string, unknown>, dir: string): void {
  const seen = new Map<string, string>();
  const visit = (file: string, value: unknown, where: string) => {
    if (Array.isArray(value)) value.forEach((v, i) => visit(file, v, `${where}[${i}]`));
    else if (value && typeof value === 'object') {
      const id = (value as { id?: unknown }).id;
      if (typeof id === 'string') {
        const prev = seen.get(id);
        if (prev) throw new RuleFileError(path.join(dir, file), `${where}.id`, null, `duplicate rule id "${id}" (also at ${prev})`);
        seen.set(id, `${file} ${where}`);
      }
      for (const [k, v] of Object.entries(value)) if (typeof v === 'object') visit(file, v, where ? `${where}.${k}` : k);
    }
  };
  for (const [file, value] of Object.entries(parsed)) visit(file, value, '');
}
