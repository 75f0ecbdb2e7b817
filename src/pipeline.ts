import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { Piscina } from 'piscina';
import { ExtractionCache, type CachedSummary } from './cache.js';
import type { ResolvedConfig } from './config.js';
import { hashRuleFiles } from './rules/index.js';
import { DOCUMENT_TABLES, TABLE_NAMES, TableWriter, entityRows, removeLeftovers, renderDocument, writeFileAtomic, type RenderedDocument, type TableName } from './stages/emit.js';
import { expandInput } from './stages/formats.js';
import { listInputFiles, readFileBytes, sha256Hex, type InputListing } from './stages/ingest.js';
import { PIPELINE_VERSION, STAGES, addTimings, newTimings, timed, timedAsync, type Timings } from './stages/order.js';
import type { EntityResolver, MergeRecord } from './stages/resolve.js';
import type { DocumentExtraction } from './types.js';
import type { WorkerData, WorkerResult, WorkerTask } from './worker.js';
import type { RenderData, RenderDoc, RenderResult, RenderTask } from './render-worker.js';
import { RulesPublisher, rulesChannelName } from './rules-channel.js';
import type { LoadedRules } from './rules/loaded.js';
import type { RuleCatalog } from './report/rule-catalog.js';
import { tuneV8ForBatch } from './v8-tuning.js';

export { PIPELINE_VERSION, STAGES };

export interface Failure {
  readonly source: string;
  readonly error: string;
}

/** One input document of a run: where its extraction is cached. */
export interface InputRecord {
  readonly source: string;
  readonly doc_id: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly encoding: string;
  /** Cache key of its extraction. */
  readonly key: string;
}

export interface Shard {
  /** 0-based index of this slice. */
  readonly index: number;
  readonly count: number;
}

export interface RunOptions {
  /** Ignore cached extractions and process every article again. */
  readonly full?: boolean;
  /** Process only this slice of the input (by document id) and write partial results. */
  readonly shard?: Shard;
}

export interface RunSummary {
  readonly documents: number;
  /** Documents whose extraction came from the cache. */
  readonly cached: number;
  readonly failures: readonly Failure[];
  readonly counts: Readonly<Record<TableName, number>>;
  readonly timings: Timings;
  readonly changedFiles: readonly string[];
  /** True when the input, rules and config were as last time and nothing was rewritten. */
  readonly upToDate: boolean;
  readonly wallMs: number;
}

export interface RunHooks {
  readonly onProgress?: (done: number, total: number) => void;
  readonly onFailure?: (failure: Failure) => void;
  /** Something the run worked around, worth telling: a worker out of heap while it held a document. */
  readonly onWarning?: (message: string) => void;
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const cacheDir = (outputDir: string) => path.join(outputDir, '.cache');
const PARTIAL = 'partial.json';
const REGISTRY = 'entity-ids.json';
const STAMPS = 'tables.json';

/** The report file (`REPORT_FILE` of src/report), written after the tables; its module is loaded only when a report is written. */
const REPORT_FILE = 'report.html';
async function writeReport(...args: Parameters<typeof import('./report/index.js').writeReport>) {
  return (await import('./report/index.js')).writeReport(...args);
}

/**
 * The pool's thread script: the bundled worker next to this module when it runs from a build
 * (`bin/pipeline.mjs`), else the TypeScript source, loaded through tsx as this thread is.
 */
const WORKER = new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.mjs', import.meta.url);

const bySource = (a: { readonly source: string }, b: { readonly source: string }) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0);

/** An article's bytes, or the error that says why they could not be read. */
function tryRead(...args: Parameters<typeof readFileBytes>): Buffer | Error {
  try {
    return readFileBytes(...args);
  } catch (err) {
    return err as Error;
  }
}

/** The cache key of an input unit: its bytes, plus container metadata (a JSONL record's title is part of its input). */
function unitKey(cache: ExtractionCache, unit: { readonly bytes: Uint8Array; readonly meta?: Readonly<Record<string, string>> }): { sha256: string; key: string } {
  const { sha256, id } = unitContent(unit);
  return { sha256, key: cache.keyFor(id) };
}

/** What identifies a unit's content, rules aside: its bytes' hash, with the container's metadata if any. */
function unitContent(unit: { readonly bytes: Uint8Array; readonly meta?: Readonly<Record<string, string>> }): { sha256: string; id: string } {
  const sha256 = sha256Hex(unit.bytes);
  return { sha256, id: unit.meta ? sha(`${sha256}\0${JSON.stringify(unit.meta)}`) : sha256 };
}

/** The settings that change what is extracted; paths and worker counts do not. */
export function configHash(config: ResolvedConfig): string {
  return sha(JSON.stringify({ extensions: config.extensions, maxFileBytes: config.maxFileBytes }));
}

/** Which slice of `count` a document belongs to: deterministic, by document id. */
export function shardOf(docId: string, count: number): number {
  return parseInt(docId.slice(0, 8), 16) % count;
}

/** An article the run saw (processed or failed), by source and cache key. */
export interface UnitRecord {
  readonly source: string;
  readonly key: string;
}

interface Extracted {
  readonly inputs: InputRecord[];
  readonly units: UnitRecord[];
  /** Every document's entities, accumulated as documents arrive. */
  readonly resolver: EntityResolver;
  readonly failures: Failure[];
  readonly cached: number;
  readonly rulesHash: string;
}

/** The extraction pool (null: extract on this thread) and where it waits for the rules. */
interface StartedPool {
  readonly pool: Piscina<WorkerTask, WorkerResult> | null;
  readonly rulesOut: RulesPublisher | null;
  /** Stops the threads; once is enough, later calls do nothing. */
  close(): Promise<void>;
}

/**
 * Starts the worker threads, which load their NLP models (a second) while this thread goes on:
 * as many threads as there are new articles (`fresh`), up to `concurrency` (a run that adds one
 * article starts one); the pool grows to `concurrency` if more articles need work. The threads
 * wait for the rules on a channel (`rules-channel.ts`) until `extractAll` publishes them.
 */
async function startPool(config: ResolvedConfig, fresh: number): Promise<StartedPool> {
  if (config.concurrency <= 1) return { pool: null, rulesOut: null, close: async () => undefined };
  const channel = rulesChannelName(`${process.pid}-${randomBytes(6).toString('hex')}`);
  const threads = Math.max(1, Math.min(config.concurrency, fresh));
  tuneV8ForBatch(threads);
  const pool = new (await import('piscina')).Piscina<WorkerTask, WorkerResult>({
    filename: WORKER.href,
    minThreads: threads,
    maxThreads: config.concurrency,
    idleTimeout: 1000,
    // The next article waits in the thread's own queue: with one task at a time, a thread that
    // finished sat idle until this thread (competing for the same two cores) sent it another,
    // 5-13% of each thread's time on the BBC corpus.
    concurrentTasksPerWorker: 2,
    workerData: { rulesDir: config.rules, channel } satisfies WorkerData,
    // A worker's live heap is about 60 MB; left unbounded, V8 let each grow by 150 MB over
    // 8,900 articles, and peak memory grew with the corpus. A document too big for this
    // heap is extracted again on the main thread (see `process` in `extractWith`).
    resourceLimits: { maxOldGenerationSizeMb: config.workerHeapMb },
  });
  // A worker that dies between tasks (out of memory) is replaced by the pool; one that dies
  // during a task fails that task, which `process` handles. Neither may end the run.
  pool.on('error', () => undefined);
  const rulesOut = new RulesPublisher(channel);
  let closed: Promise<void> | null = null;
  return {
    pool,
    rulesOut,
    close: () =>
      (closed ??= (async () => {
        rulesOut.close();
        await pool.destroy();
      })()),
  };
}

/** Ingest and extract: every document of the input (or of one shard), through the cache and the worker pool. */
async function extractAll(
  config: ResolvedConfig,
  options: RunOptions,
  timings: Timings,
  hooks: RunHooks,
  started: StartedPool,
  listed?: InputListing,
  /** Called once the rules are out: this thread is free while the workers load their models. */
  whileWorkersStart?: () => void,
): Promise<Extracted> {
  try {
    // The rules are parsed and validated here, once, before any work (a bad rules file stops the
    // run), and handed to the worker threads as data: each would otherwise parse the YAML again,
    // half a second of its start while the models load.
    const loaded = await (await import('./rules/loaded.js')).loadAllRules(config.rules);
    started.rulesOut?.publish(loaded);
    whileWorkersStart?.();
    return await extractWith(started.pool, loaded, config, options, timings, hooks, listed);
  } finally {
    // Before emit: the threads' memory and CPU are free for it.
    await started.close();
  }
}

async function extractWith(
  pool: Piscina<WorkerTask, WorkerResult> | null,
  loaded: LoadedRules,
  config: ResolvedConfig,
  options: RunOptions,
  timings: Timings,
  hooks: RunHooks,
  listed?: InputListing,
): Promise<Extracted> {
  const { rules } = loaded;
  const cache = new ExtractionCache(cacheDir(config.output), rules.hash, PIPELINE_VERSION);
  const ingest = { extensions: config.extensions, maxBytes: config.maxFileBytes };
  // The scan of this run has listed the folder already (a shard run does not scan).
  const listing = listed ?? (await timedAsync(timings, 'ingest', () => listInputFiles(config.input, ingest)));
  const failures: Failure[] = [];
  const fail = (source: string, error: string) => {
    failures.push({ source, error });
    hooks.onFailure?.({ source, error });
  };
  for (const e of listing.errors) fail(e.source, e.message);

  let inline: ((task: WorkerTask) => Promise<WorkerResult>) | null = null;
  const process = async (task: WorkerTask): Promise<WorkerResult> => {
    if (pool) {
      try {
        // Copied to the worker, not transferred: a small Buffer may share Node's pool with others.
        return await pool.run(task);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ERR_WORKER_OUT_OF_MEMORY') throw err;
        // The thread held this article, and perhaps the next one: both are extracted here.
        hooks.onWarning?.(`${task.source}: a worker thread ran out of heap (workerHeapMb: ${config.workerHeapMb}) while it held this article; extracted on the main thread`);
      }
    }
    if (!inline) {
      const worker = await import('./worker.js');
      worker.processorFor(config.rules, loaded).catch(() => undefined);
      inline = worker.default;
    }
    return inline(task);
  };

  const inputs: InputRecord[] = [];
  const units: UnitRecord[] = [];
  // Loaded here, not at the top: a run that finds its output up to date needs neither.
  const [{ default: pLimit }, { EntityResolver }] = await Promise.all([import('p-limit'), import('./stages/resolve.js')]);
  const resolver = new EntityResolver();
  let cached = 0;
  let done = 0;
  // At most this many articles are in flight (read, queued or being extracted), so memory does
  // not grow with the corpus; reading happens inside the slot, ahead of the pool's workers. Four
  // per worker keep a queue in front of every worker while this thread reads and hashes.
  const inFlight = pLimit(Math.max(2, config.concurrency * 4));
  // Identical articles (same key) are extracted once per run, whichever comes first. Per key, its
  // extraction while it runs, then whether it was stored: a later copy reads the summary back from
  // the cache, so summaries are not all held here until the end of the run.
  const extracted = new Map<string, Promise<boolean>>();
  const handle = async (unit: { source: string; bytes: Uint8Array; meta?: Readonly<Record<string, string>> }) => {
    const { sha256, key } = unitKey(cache, unit);
    if (options.shard && shardOf(sha256.slice(0, 16), options.shard.count) !== options.shard.index) return;
    units.push({ source: unit.source, key });
    const earlier = extracted.get(key);
    let x: CachedSummary | null = null;
    if (earlier) {
      if (!(await earlier)) fail(unit.source, `${unit.source}: same content as another article that failed; see its error`);
      else if (!(x = await cache.getSummary(key, sha256))) fail(unit.source, `${unit.source}: same content as another article, whose extraction could not be read back from the cache`);
    } else {
      let settle!: (stored: boolean) => void;
      extracted.set(key, new Promise((r) => (settle = r)));
      // A hit needs only the small summary; the full extraction is read once, at emit.
      x = options.full ? null : await cache.getSummary(key, sha256);
      if (x) cached++;
      else {
        // The worker stores the extraction in the cache itself and sends back only its summary.
        const result = await process({
          rulesDir: config.rules,
          source: unit.source,
          bytes: unit.bytes,
          ...(unit.meta ? { meta: unit.meta } : {}),
          cache: { dir: cache.dir, key },
        }).catch((err: Error): WorkerResult => ({ ok: false, error: `${unit.source}: extraction stopped: ${err.message}`, timings: newTimings() }));
        addTimings(timings, result.timings);
        if (!result.ok) fail(unit.source, result.error);
        else {
          if (result.stored) cache.adopt(key, result.stored);
          x = result.summary;
        }
      }
      settle(!!x);
    }
    if (x) {
      inputs.push({ source: unit.source, doc_id: x.docId, sha256: x.sha256, bytes: unit.bytes.length, encoding: x.encoding, key });
      resolver.add({ ...x, source: unit.source });
    }
  };
  await Promise.all(
    listing.files.map((source) =>
      inFlight(async () => {
        const t0 = performance.now();
        const got = tryRead(config.input, source, ingest);
        timings.ingest += performance.now() - t0;
        if (got instanceof Error) fail(source, got.message);
        else {
          const expanded = expandInput(source, got);
          for (const e of expanded.errors) fail(e.source, e.message);
          for (const unit of expanded.units) await handle(unit);
        }
        hooks.onProgress?.(++done, listing.files.length);
      }),
    ),
  );
  inputs.sort(bySource);
  units.sort(bySource);
  failures.sort(bySource);
  return { inputs, units, resolver, failures, cached, rulesHash: rules.hash };
}

/**
 * What a run's scan saw of each input file: its size and modification time, and the units (with
 * their content ids) and failures its bytes gave. A later scan with the same input folder and
 * config takes a file whose size and modification time are unchanged from here, without reading
 * and hashing it again, the way git and make do. A file modified less than a second before that
 * scan started is always read again: a second write within the file system's timestamp tick
 * could leave its time unchanged.
 */
interface InputStamps {
  readonly input: string;
  readonly config: string;
  /** When the scan that made these stamps started (ms since the epoch). */
  readonly since: number;
  readonly files: Record<string, FileStamp>;
}

interface FileStamp {
  readonly size: number;
  readonly mtimeMs: number;
  readonly units: readonly { readonly source: string; readonly id: string }[];
  readonly failures: readonly Failure[];
}

const INPUT_STAMPS = 'inputs.json';
const RACY_MS = 1000;

async function readInputStamps(config: ResolvedConfig): Promise<InputStamps | null> {
  const s = await readJson<InputStamps>(path.join(cacheDir(config.output), INPUT_STAMPS));
  const valid = !!s && s.input === config.input && s.config === configHash(config) && typeof s.since === 'number' && !!s.files && typeof s.files === 'object';
  return valid ? s : null;
}

function statOrNull(file: string): { size: number; mtimeMs: number } | null {
  try {
    const st = statSync(file);
    return { size: st.size, mtimeMs: st.mtimeMs };
  } catch {
    return null;
  }
}

/**
 * The cheap first look of a run: every article's source and cache key, from the file bytes and
 * the rule files' bytes alone (no rules parsed, no model loaded, no cache read); files unchanged
 * since the last scan (`InputStamps`) are not even read.
 */
async function scanUnits(config: ResolvedConfig, previous: InputStamps | null): Promise<{ units: UnitRecord[]; rulesHash: string; failures: Failure[]; listing: InputListing; stamps: InputStamps }> {
  const since = Date.now();
  const rulesHash = await hashRuleFiles(config.rules);
  const cache = new ExtractionCache(cacheDir(config.output), rulesHash, PIPELINE_VERSION);
  const ingest = { extensions: config.extensions, maxBytes: config.maxFileBytes };
  const listing = await listInputFiles(config.input, ingest);
  const units: UnitRecord[] = [];
  const failures: Failure[] = listing.errors.map((e) => ({ source: e.source, error: e.message }));
  const files: Record<string, FileStamp> = {};
  for (const source of listing.files) {
    // Stated before the read: a file that changes during it gets a newer time than this one.
    const st = statOrNull(path.join(config.input, source));
    const old = previous?.files[source];
    let stamp: FileStamp;
    if (old && st && st.size === old.size && st.mtimeMs === old.mtimeMs && st.mtimeMs < previous!.since - RACY_MS) stamp = old;
    else {
      const got = tryRead(config.input, source, ingest);
      if (got instanceof Error) {
        failures.push({ source, error: got.message });
        continue;
      }
      const expanded = expandInput(source, got);
      stamp = {
        size: st?.size ?? -1,
        mtimeMs: st?.mtimeMs ?? -1,
        units: expanded.units.map((u) => ({ source: u.source, id: unitContent(u).id })),
        failures: expanded.errors.map((e) => ({ source: e.source, error: e.message })),
      };
    }
    files[source] = stamp;
    failures.push(...stamp.failures);
    for (const u of stamp.units) units.push({ source: u.source, key: cache.keyFor(u.id) });
  }
  const stamps: InputStamps = { input: config.input, config: configHash(config), since, files };
  return { units: units.sort(bySource), rulesHash, failures: failures.sort(bySource), listing, stamps };
}

interface Manifest {
  pipeline: { name: string; version: string };
  rules: { sha256: string };
  config: { sha256: string };
  inputs: InputRecord[];
  units: UnitRecord[];
  scan_failures: Failure[];
  failures: Failure[];
  tables: { file: string; rows: number; sha256: string }[];
  counts: Record<TableName, number>;
}

async function readJson<T>(file: string): Promise<T | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

/** What a table file was when written: its size and modification time stand for its hash. */
interface TableStamp {
  readonly size: number;
  readonly mtimeMs: number;
  readonly sha256: string;
}

const sameStamp = (stamp: TableStamp, st: { size: number; mtimeMs: number } | undefined) => !!st && st.size === stamp.size && st.mtimeMs === stamp.mtimeMs;

/** Did the last run see exactly these articles (by content), rules and config, and are its tables intact? */
async function upToDate(outputDir: string, prev: Manifest | null, scan: { units: UnitRecord[]; rulesHash: string; failures: Failure[] }, config: ResolvedConfig): Promise<Manifest | null> {
  if (!prev || prev.pipeline?.version !== PIPELINE_VERSION || prev.rules?.sha256 !== scan.rulesHash || prev.config?.sha256 !== configHash(config)) return null;
  // Same articles by content, and the same files that could not be read or split.
  if (JSON.stringify(prev.units) !== JSON.stringify(scan.units) || JSON.stringify(prev.scan_failures) !== JSON.stringify(scan.failures)) return null;
  // A table whose size and modification time are what they were when this pipeline wrote it has
  // that content still; any other is read and hashed.
  const stamps = (await readJson<Record<string, TableStamp>>(path.join(cacheDir(outputDir), STAMPS))) ?? {};
  for (const t of prev.tables ?? []) {
    const file = path.join(outputDir, t.file);
    const stamp = stamps[t.file];
    if (stamp?.sha256 === t.sha256 && sameStamp(stamp, statSync(file, { throwIfNoEntry: false }))) continue;
    let data: Buffer | null = null;
    try {
      data = readFileSync(file);
    } catch {
      // Missing or unreadable: not up to date.
    }
    if (!data || createHash('sha256').update(data).digest('hex') !== t.sha256) return null;
  }
  return prev.tables?.length === TABLE_NAMES.length * 2 ? prev : null;
}

/** Resolve and emit over every document whose extraction is in one of `caches`. */
async function resolveAndEmit(
  outputDir: string,
  docs: readonly { input: InputRecord; cache: ExtractionCache }[],
  resolver: EntityResolver,
  timings: Timings,
  /** Threads that render rows while this one writes them (1: this thread renders too). */
  threads: number,
  /** Extracts a document again when its cached extraction cannot be read (a corrupt entry is never trusted). */
  recover: (input: InputRecord) => Promise<DocumentExtraction | null> = async () => null,
): Promise<{ counts: Record<TableName, number>; files: Awaited<ReturnType<TableWriter['commit']>>; merges: readonly MergeRecord[] }> {
  const { localIds } = await import('./stages/resolve.js');
  const registryFile = path.join(cacheDir(outputDir), REGISTRY);
  const registry = new Map(Object.entries((await readJson<Record<string, string>>(registryFile)) ?? {}));
  const resolution = timed(timings, 'resolve', () => resolver.resolve(registry));
  const names = new Map(resolution.entities.map((e) => [e.entityId, e.name]));
  const counts = Object.fromEntries(TABLE_NAMES.map((t) => [t, 0])) as Record<TableName, number>;
  const t0 = performance.now();
  const writer = await TableWriter.open(outputDir);
  const pool = threads > 1 && docs.length > RENDER_BATCH ? await startRenderPool(threads, { idOfKey: [...resolution.idOfKey], names: [...names] }) : null;
  try {
    const entities = entityRows(resolution);
    await writer.write('entities', entities);
    counts.entities = entities.length;
    /** Renders on this thread: without a pool, and for a document whose cached extraction a pool thread could not read. */
    const renderHere = async ({ input, cache }: (typeof docs)[number]): Promise<RenderedDocument> => {
      const x = (await cache.get(input.key, input.sha256)) ?? (await recover(input));
      if (!x) throw new Error(`${input.source}: its cached extraction is missing or corrupt and it could not be extracted again`);
      return renderDocument({ ...x, source: input.source }, localIds(x, resolution), names);
    };
    // Documents go to the pool in batches, a few batches ahead of the one being written, so that
    // memory holds a bounded number of rendered documents however large the corpus.
    const batches: (typeof docs)[] = [];
    for (let i = 0; i < docs.length; i += RENDER_BATCH) batches.push(docs.slice(i, i + RENDER_BATCH));
    // Buffers the pool's threads encoded batches into, written already: each goes back with a
    // later task, so the bytes of a corpus's rows pass through a few buffers, not one per batch.
    const spares: ArrayBuffer[] = [];
    const renderInPool = async (batch: typeof docs): Promise<RenderResult | null> => {
      if (!pool) return null;
      const spare = spares.pop();
      const task: RenderTask = { docs: batch.map(({ input, cache }): RenderDoc => ({ cacheDir: cache.dir, key: input.key, sha256: input.sha256, source: input.source })), ...(spare ? { spare } : {}) };
      // A thread that fails (out of memory) leaves its batch to this thread.
      return pool.run(task, spare ? { transferList: [spare] } : {}).catch(() => null);
    };
    const load = async (batch: typeof docs) => {
      try {
        const got = await renderInPool(batch);
        return { buffer: got?.buffer, rendered: await Promise.all(batch.map(async (d, i) => got?.docs[i] ?? (await renderHere(d)))) };
      } catch (error) {
        return { error };
      }
    };
    for await (const [, got] of readAhead(batches, pool ? threads * 2 : 1, load)) {
      if ('error' in got) throw got.error;
      for (const doc of got.rendered) {
        for (const t of DOCUMENT_TABLES) {
          await writer.writeRendered(t, doc[t]);
          counts[t] += doc[t].rows;
        }
      }
      // The writer keeps no view of what it was given.
      if (got.buffer) spares.push(got.buffer);
    }
  } catch (err) {
    await writer.abort();
    throw err;
  } finally {
    await pool?.destroy();
  }
  const files = await writer.commit();
  const stamps: Record<string, TableStamp> = {};
  for (const f of files) {
    const st = statSync(path.join(outputDir, f.file));
    stamps[f.file] = { size: st.size, mtimeMs: st.mtimeMs, sha256: f.sha256 };
  }
  const ids = Object.fromEntries(resolution.entities.flatMap((e) => e.keys.map((k) => [k, e.entityId])).sort((a, b) => (a[0]! < b[0]! ? -1 : 1)));
  await mkdir(path.dirname(registryFile), { recursive: true });
  await writeFileAtomic(registryFile, `${JSON.stringify(ids)}\n`);
  await writeFileAtomic(path.join(cacheDir(outputDir), STAMPS), `${JSON.stringify(stamps)}\n`);
  timings.emit += performance.now() - t0;
  return { counts, files, merges: resolution.merges };
}

/** Documents per task of the emit pool. */
const RENDER_BATCH = 16;

/** The emit pool's thread script, found like `WORKER`. */
const RENDER_WORKER = new URL(import.meta.url.endsWith('.ts') ? './render-worker.ts' : './render-worker.mjs', import.meta.url);

/** Threads that read and render documents for emit (`render-worker.ts`), given the resolution once. */
async function startRenderPool(threads: number, data: RenderData): Promise<Piscina<RenderTask, RenderResult>> {
  const pool = new (await import('piscina')).Piscina<RenderTask, RenderResult>({ filename: RENDER_WORKER.href, minThreads: threads, maxThreads: threads, workerData: data });
  pool.on('error', () => undefined);
  return pool;
}

/**
 * `items` paired with `load(item)`, in order, with up to `ahead` loads running ahead of the
 * consumer. `load` must not reject (a rejection waiting in the window would go unhandled).
 */
async function* readAhead<T, R>(items: readonly T[], ahead: number, load: (item: T) => Promise<R>): AsyncGenerator<[T, R]> {
  const window: Promise<R>[] = [];
  let next = 0;
  for (let i = 0; i < items.length; i++) {
    while (next < items.length && next <= i + ahead) window.push(load(items[next++]!));
    yield [items[i]!, await window.shift()!];
  }
}

async function writeManifest(outputDir: string, m: Record<string, unknown>): Promise<void> {
  await writeFileAtomic(path.join(outputDir, 'manifest.json'), `${JSON.stringify(m, null, 2)}\n`);
}

/** Runs the whole pipeline over `config.input` into `config.output` (or one shard of it). */
export async function runPipeline(config: ResolvedConfig, options: RunOptions = {}, hooks: RunHooks = {}): Promise<RunSummary> {
  const t0 = performance.now();
  const timings = newTimings();
  const last = options.shard ? null : await readJson<Manifest>(path.join(config.output, 'manifest.json'));
  // A first run (no manifest), a --full run or a shard extracts every article: its workers start
  // loading their models now, while this thread scans the input (a fifth of a second per 2,000
  // articles). Otherwise the scan says first whether there is anything to extract at all.
  const early = options.full || options.shard || !last ? await startPool(config, Infinity) : null;
  try {
    return await runWith(config, options, hooks, timings, t0, last, early);
  } finally {
    await early?.close();
  }
}

async function runWith(
  config: ResolvedConfig,
  options: RunOptions,
  hooks: RunHooks,
  timings: Timings,
  t0: number,
  last: Manifest | null,
  early: StartedPool | null,
): Promise<RunSummary> {
  // Unchanged input, rules and config: nothing to load, extract or write.
  const scan = options.shard ? null : await timedAsync(timings, 'ingest', async () => scanUnits(config, options.full ? null : await readInputStamps(config)));
  // A run killed before it could clean up leaves a staging folder; the next run removes it.
  await removeLeftovers(config.output);
  if (scan && !options.full) {
    const prev = await upToDate(config.output, last, scan, config);
    if (prev) {
      for (const f of prev.failures) hooks.onFailure?.(f);
      // The tables are as they were, so is a report made from them; write one only if it is missing.
      const hasReport = await readFile(path.join(config.output, REPORT_FILE)).then(() => true, () => false);
      if (!hasReport) await timedAsync(timings, 'emit', () => writeReport(config.output, { inputDir: config.input, rulesDir: config.rules }));
      return { documents: prev.inputs.length, cached: prev.inputs.length, failures: prev.failures, counts: prev.counts, timings, changedFiles: [], upToDate: true, wallMs: performance.now() - t0 };
    }
  }
  // Articles the last run did not see (by content, under these rules): about what is to extract.
  const seen = new Set((last?.units ?? []).map((u) => u.key));
  const fresh = scan && !options.full ? scan.units.filter((u) => !seen.has(u.key)).length : Infinity;
  // The report's rule catalog parses every rule file again (for the line of each entry) unless a
  // build kept it: a third of a second, done while the worker threads load their models.
  let catalog: Promise<RuleCatalog> | undefined;
  const startCatalog = () => {
    catalog = import('./report/rule-catalog.js').then((m) => m.loadRuleCatalog(path.resolve(config.rules)));
    catalog.catch(() => undefined);
  };
  const ex = await extractAll(config, options, timings, hooks, early ?? (await startPool(config, fresh)), scan?.listing, options.shard ? undefined : startCatalog);
  const base = {
    pipeline: { name: 'news-commitments-pipeline', version: PIPELINE_VERSION },
    rules: { dir: path.relative(process.cwd(), config.rules) || '.', sha256: ex.rulesHash },
    // Where the source texts are, so the report and `explain` can show passages.
    input: path.relative(process.cwd(), config.input) || '.',
    config: { file: config.configFile, sha256: configHash(config) },
  };
  if (options.shard) {
    // A shard writes what merge needs: its inputs, failures and cached extractions.
    await writeFileAtomic(
      path.join(config.output, PARTIAL),
      `${JSON.stringify({ ...base, shard: options.shard, inputs: ex.inputs, failures: ex.failures }, null, 2)}\n`,
    );
    const counts = Object.fromEntries(TABLE_NAMES.map((t) => [t, 0])) as Record<TableName, number>;
    counts.documents = ex.inputs.length;
    return { documents: ex.inputs.length, cached: ex.cached, failures: ex.failures, counts, timings, changedFiles: [PARTIAL], upToDate: false, wallMs: performance.now() - t0 };
  }
  const cache = new ExtractionCache(cacheDir(config.output), ex.rulesHash, PIPELINE_VERSION);
  await cache.prune(new Set(ex.inputs.map((i) => i.key)));
  const recover = async (input: InputRecord): Promise<DocumentExtraction | null> => {
    const file = input.source.replace(/#\d+$/, '');
    const bytes = readFileBytes(config.input, file, { extensions: config.extensions, maxBytes: config.maxFileBytes });
    const unit = expandInput(file, bytes).units.find((u) => u.source === input.source);
    if (!unit) return null;
    const result = await (await import('./worker.js')).default({ rulesDir: config.rules, source: unit.source, bytes: unit.bytes, ...(unit.meta ? { meta: unit.meta } : {}) });
    if (!result.ok || !result.extraction) return null;
    await cache.put(input.key, result.extraction, result.summary);
    return result.extraction;
  };
  const out = await resolveAndEmit(config.output, ex.inputs.map((input) => ({ input, cache })), ex.resolver, timings, config.concurrency, recover);
  await writeManifest(config.output, {
    ...base,
    inputs: ex.inputs,
    units: ex.units,
    scan_failures: scan?.failures ?? [],
    counts: out.counts,
    tables: out.files.map((f) => ({ file: f.file, rows: f.rows, sha256: f.sha256 })),
    failures: ex.failures,
    merges: out.merges,
    timings_ms: Object.fromEntries(STAGES.map((s) => [s, Math.round(timings[s])])),
  });
  if (scan) await writeFileAtomic(path.join(cacheDir(config.output), INPUT_STAMPS), `${JSON.stringify(scan.stamps)}\n`);
  const report = await timedAsync(timings, 'emit', () => writeReport(config.output, { inputDir: config.input, rulesDir: config.rules, ...(catalog ? { catalog } : {}) }));
  return {
    documents: ex.inputs.length,
    cached: ex.cached,
    failures: ex.failures,
    counts: out.counts,
    timings,
    changedFiles: [...out.files.filter((f) => f.changed).map((f) => f.file), ...(report.changed ? [REPORT_FILE] : [])],
    upToDate: false,
    wallMs: performance.now() - t0,
  };
}

/** Merges shard outputs into one output: cross-document resolution and emit over all of them. */
export async function mergeShards(outputDir: string, partDirs: readonly string[], threads: number = availableParallelism()): Promise<RunSummary> {
  const t0 = performance.now();
  const timings = newTimings();
  const docs: { input: InputRecord; cache: ExtractionCache }[] = [];
  const resolver = new (await import('./stages/resolve.js')).EntityResolver();
  const failures: Failure[] = [];
  let base: Record<string, unknown> | null = null;
  for (const dir of partDirs) {
    const part = await readJson<{ pipeline: { version: string }; rules: { sha256: string }; config: unknown; inputs: InputRecord[]; failures: Failure[] }>(path.join(dir, PARTIAL));
    if (!part) throw new Error(`${path.join(dir, PARTIAL)}: not found or not JSON; run the shard with --shard first`);
    if (part.pipeline.version !== PIPELINE_VERSION) throw new Error(`${dir}: made by pipeline ${part.pipeline.version}, this is ${PIPELINE_VERSION}`);
    if (base && (base.rules as { sha256: string }).sha256 !== part.rules.sha256) throw new Error(`${dir}: made with other rules than ${partDirs[0]}`);
    base ??= { pipeline: part.pipeline, rules: part.rules, config: part.config };
    const cache = new ExtractionCache(cacheDir(dir), part.rules.sha256, PIPELINE_VERSION);
    for (const input of part.inputs) {
      const x = await cache.getSummary(input.key, input.sha256);
      if (!x) throw new Error(`${dir}: cached extraction of ${input.source} is missing or corrupt; re-run that shard`);
      docs.push({ input, cache });
      resolver.add({ ...x, source: input.source });
    }
    failures.push(...part.failures);
  }
  docs.sort((a, b) => bySource(a.input, b.input));
  failures.sort(bySource);
  const out = await resolveAndEmit(outputDir, docs, resolver, timings, threads);
  await writeManifest(outputDir, {
    ...base,
    inputs: docs.map((d) => d.input),
    counts: out.counts,
    tables: out.files.map((f) => ({ file: f.file, rows: f.rows, sha256: f.sha256 })),
    failures,
    merges: out.merges,
    merged_from: partDirs.map((d) => path.relative(process.cwd(), d) || '.'),
    timings_ms: Object.fromEntries(STAGES.map((s) => [s, Math.round(timings[s])])),
  });
  await writeReport(outputDir);
  await rm(path.join(outputDir, PARTIAL), { force: true });
  return { documents: docs.length, cached: docs.length, failures, counts: out.counts, timings, changedFiles: out.files.filter((f) => f.changed).map((f) => f.file), upToDate: false, wallMs: performance.now() - t0 };
}
