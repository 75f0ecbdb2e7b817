import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { ResolvedConfig } from './config.js';
import { createCommitmentExtractor } from './extract/commitments/index.js';
import { createDateExtractor, loadDateRules } from './extract/dates/index.js';
import { createEntityExtractor } from './extract/entities/index.js';
import { buildLexicon } from './extract/entities/lexicon.js';
import { loadRules, type RuleSet } from './rules/index.js';
import { cleanDocument, compileFurniture } from './stages/clean.js';
import { createDatelineReader } from './stages/dateline.js';
import { TABLE_NAMES, buildTables, emitTables, writeFileAtomic, type TableName } from './stages/emit.js';
import { extractDocument, type Extractors } from './stages/extract.js';
import { DocumentError, listInputFiles, readSourceDocument } from './stages/ingest.js';
import { resolveEntities } from './stages/resolve.js';
import { segmentDocument, type SegmentRules } from './stages/segment.js';
import type { DocumentExtraction, SourceDocument } from './types.js';

/** The stages, in the order they run. */
export const STAGES = ['ingest', 'clean', 'segment', 'extract', 'resolve', 'emit'] as const;
export type StageName = (typeof STAGES)[number];

export const PIPELINE_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** Milliseconds spent per stage, summed over documents. */
export type Timings = Record<StageName, number>;

const newTimings = (): Timings => Object.fromEntries(STAGES.map((s) => [s, 0])) as Timings;

function timed<T>(timings: Timings, stage: StageName, fn: () => T): T {
  const t0 = performance.now();
  try {
    return fn();
  } finally {
    timings[stage] += performance.now() - t0;
  }
}

/** Everything loaded once per process (or worker) to process documents: rules and NLP models. */
export interface DocumentProcessor {
  readonly rules: RuleSet;
  /** clean -> segment -> extract for one document. */
  process(src: SourceDocument, timings?: Timings): DocumentExtraction;
}

export async function createDocumentProcessor(rulesDir: string): Promise<DocumentProcessor> {
  const rules = await loadRules(rulesDir);
  const dateRules = await loadDateRules(rulesDir);
  const nlp = winkNLP(model);
  const furniture = compileFurniture(rules.furniture);
  const readDateline = createDatelineReader();
  const segmentRules: SegmentRules = { abbreviations: new Set(rules.abbreviations.entries) };
  const extractors: Extractors = {
    entities: createEntityExtractor(buildLexicon(rules)),
    dates: createDateExtractor(dateRules),
    commitments: createCommitmentExtractor(rules.commitments),
  };
  return {
    rules,
    process(src, timings = newTimings()) {
      const clean = timed(timings, 'clean', () => cleanDocument(src, furniture, readDateline));
      const segmented = timed(timings, 'segment', () => segmentDocument(clean, nlp, segmentRules));
      return timed(timings, 'extract', () => extractDocument(segmented, extractors));
    },
  };
}

export interface Failure {
  readonly source: string;
  readonly error: string;
}

export interface RunSummary {
  readonly documents: number;
  readonly failures: readonly Failure[];
  readonly counts: Readonly<Record<TableName, number>>;
  readonly timings: Timings;
  readonly changedFiles: readonly string[];
  readonly wallMs: number;
}

export interface RunHooks {
  /** Called after each document, with how many are done of how many. */
  readonly onProgress?: (done: number, total: number) => void;
  readonly onFailure?: (failure: Failure) => void;
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** Runs the whole pipeline over `config.input` into `config.output`. */
export async function runPipeline(config: ResolvedConfig, hooks: RunHooks = {}): Promise<RunSummary> {
  const t0 = performance.now();
  const timings = newTimings();
  const processor = await createDocumentProcessor(config.rules);
  const ingestOptions = { extensions: config.extensions, maxBytes: config.maxFileBytes };
  const listing = await timedAsync(timings, 'ingest', () => listInputFiles(config.input, ingestOptions));
  const failures: Failure[] = listing.errors.map((e) => ({ source: e.source, error: e.message }));
  failures.forEach((f) => hooks.onFailure?.(f));
  const extractions: DocumentExtraction[] = [];
  const inputs: { source: string; doc_id: string; sha256: string; bytes: number; encoding: string }[] = [];
  // Files are read ahead with bounded concurrency; extraction is CPU-bound and runs one at a time.
  const limit = pLimit(Math.max(1, config.concurrency));
  const reads = listing.files.map((source) => limit(() => readSourceDocument(config.input, source, ingestOptions).then((d) => d, (e: unknown) => e)));
  let done = 0;
  for (let i = 0; i < reads.length; i++) {
    const source = listing.files[i]!;
    const t1 = performance.now();
    const got = await reads[i]!;
    timings.ingest += performance.now() - t1;
    try {
      if (got instanceof Error) throw got;
      const src = got as SourceDocument;
      inputs.push({ source, doc_id: src.docId, sha256: src.sha256, bytes: src.bytes, encoding: src.encoding });
      extractions.push(processor.process(src, timings));
    } catch (err) {
      const failure = { source, error: err instanceof DocumentError ? err.message : `${source}: ${(err as Error).message}` };
      failures.push(failure);
      hooks.onFailure?.(failure);
    }
    hooks.onProgress?.(++done, reads.length);
  }
  const resolution = timed(timings, 'resolve', () => resolveEntities(extractions));
  const tables = buildTables(extractions, resolution);
  await mkdir(config.output, { recursive: true });
  const emitted = await timedAsync(timings, 'emit', () => emitTables(config.output, tables));
  const counts = Object.fromEntries(TABLE_NAMES.map((t) => [t, tables[t].length])) as Record<TableName, number>;
  const manifest = {
    pipeline: { name: 'news-commitments-pipeline', version: PIPELINE_VERSION },
    rules: { dir: path.relative(process.cwd(), config.rules) || '.', sha256: processor.rules.hash },
    // Only the settings that change what is extracted; paths and worker counts do not.
    config: { file: config.configFile, sha256: sha(JSON.stringify({ extensions: config.extensions, maxFileBytes: config.maxFileBytes })) },
    inputs,
    counts,
    tables: emitted.files.map((f) => ({ file: f.file, rows: f.rows, sha256: f.sha256 })),
    failures,
    timings_ms: Object.fromEntries(STAGES.map((s) => [s, Math.round(timings[s])])),
  };
  await writeFileAtomic(path.join(config.output, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return {
    documents: extractions.length,
    failures,
    counts,
    timings,
    changedFiles: emitted.files.filter((f) => f.changed).map((f) => f.file),
    wallMs: performance.now() - t0,
  };
}

async function timedAsync<T>(timings: Timings, stage: StageName, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    timings[stage] += performance.now() - t0;
  }
}
