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

/** Lower-case words, for the copy check: letters and digits, apostrophes inside words kept. */
function words(s: string): string[] {
  return s.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu) ?? [];
}

/** How many consecutive article words a BBC gold field may repeat (guideline, section 1). */
export const MAX_COPIED_WORDS = 5;

/**
 * What is wrong with a gold file, checked against its article's text (guideline sections 2-6):
 * offsets that do not slice back to the text, unsorted or overlapping dates, commitment spans
 * without their trigger, actors that are not entity names, a surface form listed for two
 * entities, and, for the copyrighted BBC articles, a field that repeats six or more consecutive
 * words of the article. Empty when the file is consistent.
 */
export function goldProblems(gold: Gold, text: string): string[] {
  const problems: string[] = [];
  const cps = [...text];
  const slice = (start: number, end: number) => cps.slice(start, end).join('');
  let lastEnd = -1;
  for (const d of gold.dates) {
    const at = `date "${d.text}"@${d.start}`;
    if (d.end <= d.start || d.end > cps.length) problems.push(`${at}: offsets ${d.start}-${d.end} are outside the text`);
    else if (slice(d.start, d.end) !== d.text) problems.push(`${at}: the text at ${d.start}-${d.end} is "${slice(d.start, d.end)}"`);
    if (d.start < lastEnd) problems.push(`${at}: starts before the previous date ends (dates are sorted and never overlap)`);
    lastEnd = Math.max(lastEnd, d.end);
  }
  const names = new Set<string>();
  const owner = new Map<string, string>();
  for (const list of ['people', 'organizations', 'places'] as const) {
    for (const e of gold[list]) {
      names.add(e.name);
      for (const form of [e.name, ...e.aliases]) {
        const key = form.toLowerCase();
        const prev = owner.get(key);
        if (prev !== undefined && prev !== `${list}:${e.name}`) problems.push(`"${form}" is listed for two entities: ${prev} and ${list}:${e.name}`);
        owner.set(key, `${list}:${e.name}`);
      }
    }
  }
  let lastStart = -1;
  for (const c of gold.commitments) {
    const at = `commitment [${c.trigger}]@${c.start}`;
    if (c.start < lastStart) problems.push(`${at}: commitments are sorted by start`);
    lastStart = c.start;
    if (c.end <= c.start || c.end > cps.length) problems.push(`${at}: offsets ${c.start}-${c.end} are outside the text`);
    else if (!slice(c.start, c.end).includes(c.trigger)) problems.push(`${at}: the trigger is not in the span ${c.start}-${c.end}`);
    for (const a of c.actors) if (!names.has(a)) problems.push(`${at}: actor "${a}" is not the name of an entity of the file`);
  }
  if (gold.corpus === 'bbc') {
    const article = words(text);
    const grams = new Set<string>();
    for (let i = 0; i + MAX_COPIED_WORDS < article.length; i++) grams.add(article.slice(i, i + MAX_COPIED_WORDS + 1).join(' '));
    const fields = [
      ...gold.dates.map((d) => ({ at: `date @${d.start}`, value: d.text })),
      ...gold.commitments.flatMap((c) => (['trigger', 'action', 'object', 'amount'] as const).map((f) => ({ at: `commitment @${c.start} ${f}`, value: c[f] ?? '' }))),
    ];
    for (const { at, value } of fields) {
      const w = words(value);
      for (let i = 0; i + MAX_COPIED_WORDS < w.length; i++) {
        if (grams.has(w.slice(i, i + MAX_COPIED_WORDS + 1).join(' '))) {
          problems.push(`${at}: repeats ${MAX_COPIED_WORDS + 1} or more consecutive words of the article`);
          break;
        }
      }
    }
  }
  return problems;
}
