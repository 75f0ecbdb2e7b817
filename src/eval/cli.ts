/**
 * `npm run eval`: runs the pipeline on every gold-annotated article and prints precision, recall
 * and F1 per type, date value accuracy, commitment actor accuracy, and the misses and false
 * positives article by article. Articles whose text is absent (the BBC corpus lives outside the
 * repository) are skipped, saying so. `--only REGEX` scores only the gold files whose path
 * matches (`--only 'bbc/sport-'`).
 */
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDocumentProcessor } from '../processor.js';
import { sourceDocumentFromBytes } from '../stages/ingest.js';
import { matchKey } from '../text/fold.js';
import type { DocumentExtraction, EntityType } from '../types.js';
import { loadGoldCases, type GoldCase } from './gold.js';
import { addCounts, emptyCounts, pairBySpan, prf, sameActors, scoreEntities, type Counts } from './score.js';

export const EVAL_TYPES = ['people', 'organizations', 'places', 'dates', 'commitments'] as const;
type EvalType = (typeof EVAL_TYPES)[number];

export interface CaseResult {
  readonly goldFile: string;
  readonly corpus: 'raw' | 'bbc';
  readonly counts: Record<EvalType, Counts>;
  readonly dateValues: { correct: number; total: number };
  readonly actors: { correct: number; total: number };
  readonly notes: string[];
}

const ENTITY_TYPE: Record<'people' | 'organizations' | 'places', EntityType> = { people: 'PERSON', organizations: 'ORG', places: 'PLACE' };

export function scoreCase(c: GoldCase, x: DocumentExtraction): CaseResult {
  const notes: string[] = [];
  const counts = Object.fromEntries(EVAL_TYPES.map((t) => [t, emptyCounts()])) as Record<EvalType, Counts>;
  for (const t of ['people', 'organizations', 'places'] as const) {
    const predicted = x.entities.filter((e) => e.type === ENTITY_TYPE[t]);
    const s = scoreEntities(c.gold[t], predicted);
    counts[t] = s.counts;
    if (s.missed.length) notes.push(`  ${t} missed: ${s.missed.join('; ')}`);
    if (s.spurious.length) notes.push(`  ${t} false positives: ${s.spurious.join('; ')}`);
  }
  const dates = pairBySpan(c.gold.dates, x.dates);
  counts.dates = { tp: dates.pairs.length, fp: dates.spurious.length, fn: dates.missed.length };
  const wrongValues = dates.pairs.filter(([g, p]) => g.value !== p.value);
  if (dates.missed.length) notes.push(`  dates missed: ${dates.missed.map((d) => `"${d.text}"@${d.start}`).join('; ')}`);
  if (dates.spurious.length) notes.push(`  dates false positives: ${dates.spurious.map((d) => `"${d.text}"@${d.start}`).join('; ')}`);
  if (wrongValues.length) notes.push(`  date values wrong: ${wrongValues.map(([g, p]) => `"${g.text}" ${p.value || '(empty)'} != ${g.value || '(empty)'}`).join('; ')}`);

  const goldCommitments = c.gold.commitments.filter((g) => !g.negated);
  const predicted = x.commitments.filter((p) => !p.negated);
  const firstWord = (s: string) => matchKey(s).split(' ')[0] ?? '';
  const commitments = pairBySpan(goldCommitments, predicted, (g, p) => firstWord(g.trigger) === firstWord(p.trigger) || matchKey(p.text).includes(matchKey(g.trigger)));
  counts.commitments = { tp: commitments.pairs.length, fp: commitments.spurious.length, fn: commitments.missed.length };
  const actorsRight = commitments.pairs.filter(([g, p]) => sameActors(g.actors, p.actors.map((a) => x.entities[a]!)));
  if (commitments.missed.length) notes.push(`  commitments missed: ${commitments.missed.map((g) => `[${g.trigger}] ${g.action}@${g.start}`).join('; ')}`);
  if (commitments.spurious.length) notes.push(`  commitments false positives: ${commitments.spurious.map((p) => `[${p.trigger}] ${p.action.slice(0, 60)}@${p.start}`).join('; ')}`);
  const wrongActors = commitments.pairs.filter((pair) => !actorsRight.includes(pair));
  if (wrongActors.length) {
    notes.push(`  commitment actors wrong: ${wrongActors.map(([g, p]) => `[${g.trigger}@${g.start}] ${p.actors.map((a) => x.entities[a]!.name).join(', ') || '(none)'} != ${g.actors.join(', ')}`).join('; ')}`);
  }
  return {
    goldFile: c.goldFile,
    corpus: c.gold.corpus,
    counts,
    dateValues: { correct: dates.pairs.length - wrongValues.length, total: dates.pairs.length },
    actors: { correct: actorsRight.length, total: commitments.pairs.length },
    notes,
  };
}

const pct = (n: number) => n.toFixed(3);

export function summaryTable(results: readonly CaseResult[]): string {
  const lines = [`${'type'.padEnd(14)}${'gold'.padStart(6)}${'pred'.padStart(6)}${'tp'.padStart(6)}${'fp'.padStart(6)}${'fn'.padStart(6)}  precision  recall     F1`];
  for (const t of EVAL_TYPES) {
    const c = results.reduce((acc, r) => addCounts(acc, r.counts[t]), emptyCounts());
    const s = prf(c);
    lines.push(
      `${t.padEnd(14)}${String(c.tp + c.fn).padStart(6)}${String(c.tp + c.fp).padStart(6)}${String(c.tp).padStart(6)}${String(c.fp).padStart(6)}${String(c.fn).padStart(6)}  ${pct(s.precision).padStart(9)}  ${pct(s.recall).padStart(6)}  ${pct(s.f1).padStart(5)}`,
    );
  }
  const dv = results.reduce((a, r) => ({ correct: a.correct + r.dateValues.correct, total: a.total + r.dateValues.total }), { correct: 0, total: 0 });
  const ac = results.reduce((a, r) => ({ correct: a.correct + r.actors.correct, total: a.total + r.actors.total }), { correct: 0, total: 0 });
  lines.push(`date value accuracy: ${dv.total ? pct(dv.correct / dv.total) : 'n/a'} (${dv.correct}/${dv.total} matched dates)`);
  lines.push(`commitment actor accuracy: ${ac.total ? pct(ac.correct / ac.total) : 'n/a'} (${ac.correct}/${ac.total} matched commitments)`);
  return lines.join('\n');
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      gold: { type: 'string', default: 'tests/gold' },
      rules: { type: 'string', default: 'rules' },
      corpus: { type: 'string', default: path.join('..', 'shared', 'corpus') },
      quiet: { type: 'boolean', default: false },
      /** Only the gold files whose path (under --gold) matches this regular expression: one batch, one category. */
      only: { type: 'string' },
    },
  });
  const root = process.cwd();
  const only = values.only === undefined ? null : new RegExp(values.only);
  const cases = (await loadGoldCases(path.resolve(values.gold!), root, path.resolve(values.corpus!))).filter((c) => !only || only.test(c.goldFile));
  const processor = await createDocumentProcessor(path.resolve(values.rules!));
  const results: CaseResult[] = [];
  const out: string[] = [];
  for (const c of cases) {
    const present = await access(c.articlePath).then(() => true, () => false);
    if (!present) {
      out.push(`== ${c.gold.file}: skipped, article text not found at ${path.relative(root, c.articlePath)}`);
      continue;
    }
    const src = sourceDocumentFromBytes(c.gold.file, await readFile(c.articlePath));
    const result = scoreCase(c, processor.process(src));
    results.push(result);
    if (!values.quiet) {
      out.push(`== ${c.gold.file}`);
      out.push(...(result.notes.length ? result.notes : ['  all correct']));
    }
  }
  for (const corpus of ['raw', 'bbc'] as const) {
    const rs = results.filter((r) => r.corpus === corpus);
    out.push('', `== ${corpus === 'raw' ? 'Sample articles (raw/)' : 'BBC gold (bbc-politics, bbc-all)'}: ${rs.length} articles`);
    out.push(rs.length ? summaryTable(rs) : '(none evaluated)');
  }
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

if (process.argv[1]?.endsWith(path.join('eval', 'cli.ts'))) {
  main().then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      process.stderr.write(`eval failed: ${(err as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
