import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { RuleFileError, parseRuleText } from './load.js';
import {
  AbbreviationsFile,
  CommitmentsFile,
  FurnitureFile,
  NamePatternsFile,
  OrganizationsFile,
  PlacesFile,
  TitlesFile,
  type AbbreviationsRules,
  type CommitmentsRules,
  type FurnitureRules,
  type NamePatternsRules,
  type OrganizationsRules,
  type PlacesRules,
  type TitlesRules,
} from './schemas.js';

/** The rule files a run reads, by file name, each with the schema it must follow. */
export const RULE_FILES = {
  'abbreviations.yaml': AbbreviationsFile,
  'commitments.yaml': CommitmentsFile,
  'furniture.yaml': FurnitureFile,
  'name-patterns.yaml': NamePatternsFile,
  'organizations.yaml': OrganizationsFile,
  'places.yaml': PlacesFile,
  'titles.yaml': TitlesFile,
} as const;

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

/** SHA-256 over every rule file's name and bytes, without parsing them (as `RuleSet.hash`). */
export async function hashRuleFiles(dir: string): Promise<string> {
  const names = (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n)).sort();
  const hash = createHash('sha256');
  for (const n of names) hash.update(`${n}\0${await readFile(path.join(dir, n), 'utf8')}\0`);
  return hash.digest('hex');
}

/** Loads and validates every rule file in `dir`. Errors name the file, line and field. */
export async function loadRules(dir: string): Promise<RuleSet> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n)).sort();
  } catch (err) {
    throw new RuleFileError(dir, '', null, `cannot read the rules folder: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const known = new Set<string>([...Object.keys(RULE_FILES), ...EXTRACTOR_RULE_FILES]);
  for (const n of names) {
    if (!known.has(n)) {
      throw new RuleFileError(path.join(dir, n), '', null, `unknown rules file; expected one of ${[...known].join(', ')}`);
    }
  }
  const hash = createHash('sha256');
  const parsed: Record<string, unknown> = {};
  for (const n of names) {
    const file = path.join(dir, n);
    const text = await readFile(file, 'utf8');
    hash.update(`${n}\0${text}\0`);
    const schema = RULE_FILES[n as keyof typeof RULE_FILES];
    if (schema) parsed[n] = parseRuleText(path.relative(process.cwd(), file) || file, text, schema);
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
    hash: hash.digest('hex'),
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
