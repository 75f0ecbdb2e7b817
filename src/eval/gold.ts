import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from '../zod.js';

const Entity = z.strictObject({ name: z.string().min(1), aliases: z.array(z.string()).default([]) });
const DateGold = z.strictObject({ start: z.number().int().min(0), end: z.number().int().min(0), text: z.string(), value: z.string() });
const CommitmentGold = z.strictObject({
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  trigger: z.string(),
  modality: z.enum(['pledge', 'agreement', 'target', 'signed', 'intention']),
  actors: z.array(z.string()),
  action: z.string(),
  object: z.string().nullable().default(null),
  amount: z.string().nullable().default(null),
  due: z.string().nullable().default(null),
  negated: z.boolean().default(false),
});

export const GoldFile = z.strictObject({
  /** `raw/<name>` (relative to the repository) or `bbc-politics/NNN.txt` (relative to the shared corpus). */
  file: z.string().min(1),
  corpus: z.enum(['raw', 'bbc']),
  published: z.string().nullable(),
  people: z.array(Entity),
  organizations: z.array(Entity),
  places: z.array(Entity).default([]),
  dates: z.array(DateGold),
  commitments: z.array(CommitmentGold).default([]),
});

export type Gold = z.output<typeof GoldFile>;
export type GoldEntity = z.output<typeof Entity>;
export type GoldDate = z.output<typeof DateGold>;
export type GoldCommitment = z.output<typeof CommitmentGold>;

export interface GoldCase {
  readonly goldFile: string;
  readonly gold: Gold;
  /** Where the article text is read from. */
  readonly articlePath: string;
}

/** Every gold file under `goldDir` (recursively), sorted, validated. */
export async function loadGoldCases(goldDir: string, repoRoot: string, corpusRoot: string): Promise<GoldCase[]> {
  const cases: GoldCase[] = [];
  const walk = async (dir: string) => {
    for (const e of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.name.endsWith('.json')) {
        const parsed = GoldFile.safeParse(JSON.parse(await readFile(full, 'utf8')));
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!;
          throw new Error(`${path.relative(repoRoot, full)}: ${issue.path.join('.')}: ${issue.message}`);
        }
        const gold = parsed.data;
        const articlePath = gold.corpus === 'raw' ? path.join(repoRoot, gold.file) : path.join(corpusRoot, gold.file);
        cases.push({ goldFile: path.relative(repoRoot, full), gold, articlePath });
      }
    }
  };
  await walk(goldDir);
  return cases;
}
