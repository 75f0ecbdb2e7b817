/**
 * A worker thread of the extraction pool: loads the rules and NLP models once, then turns
 * article bytes into a `DocumentExtraction`. Piscina calls the default export per document.
 */
import { isWorkerThread, workerData } from 'piscina';
import { putCacheEntry, type CachedSummary, type Location } from './cache.js';
import { createDocumentProcessor, type DocumentProcessor } from './processor.js';
import type { LoadedRules } from './rules/loaded.js';
import { receiveRules } from './rules-channel.js';
import { DocumentError, sourceDocumentFromBytes } from './stages/ingest.js';
import { newTimings, type Timings } from './stages/order.js';
import { summarize } from './stages/resolve.js';
import type { DocumentExtraction } from './types.js';

export interface WorkerTask {
  readonly rulesDir: string;
  readonly source: string;
  readonly bytes: Uint8Array;
  /** Metadata stated by the container (a JSONL record's title, published, url). */
  readonly meta?: Readonly<Record<string, string>>;
  /** Where to store the extraction: it is then written here and not sent back. */
  readonly cache?: { readonly dir: string; readonly key: string };
}

export type WorkerResult =
  | {
      readonly ok: true;
      readonly summary: CachedSummary;
      /** The extraction, unless the task named a cache to store it in. */
      readonly extraction: DocumentExtraction | null;
      /** Where the extraction was stored, when the task named a cache. */
      readonly stored: Location | null;
      readonly timings: Timings;
    }
  | { readonly ok: false; readonly error: string; readonly timings: Timings };

/** What the pool gives each thread when it starts. */
export interface WorkerData {
  /** The rules folder of the run: the thread loads its processor at once, before the first task. */
  readonly rulesDir: string;
  /** Where the main thread publishes the rules it parsed (`rules-channel.ts`): the thread does not parse the YAML again. */
  readonly channel?: string;
}

// One processor per worker and rules folder: loading models per document would dominate the run.
const processors = new Map<string, Promise<DocumentProcessor>>();

/** This thread's processor for a rules folder, from rules loaded already (or being loaded) when given. */
export function processorFor(rulesDir: string, loaded?: LoadedRules | Promise<LoadedRules>): Promise<DocumentProcessor> {
  let processor = processors.get(rulesDir);
  if (!processor) {
    processor = loaded ? Promise.resolve(loaded).then(createDocumentProcessor) : createDocumentProcessor(rulesDir);
    processors.set(rulesDir, processor);
  }
  return processor;
}

// Loading the models takes a while: start at once, while the main thread reads the input. A
// failure here is reported by the first task that awaits it.
const startup = isWorkerThread ? (workerData as Partial<WorkerData> | undefined) : undefined;
if (typeof startup?.rulesDir === 'string') processorFor(startup.rulesDir, startup.channel ? receiveRules(startup.channel) : undefined).catch(() => undefined);

function processBytes(processor: DocumentProcessor, task: WorkerTask, timings: Timings): { extraction: DocumentExtraction } | { error: string } {
  try {
    const src = { ...sourceDocumentFromBytes(task.source, task.bytes), ...(task.meta ? { meta: task.meta } : {}) };
    return { extraction: processor.process(src, timings) };
  } catch (err) {
    return { error: err instanceof DocumentError ? err.message : `${task.source}: ${(err as Error).stack ?? String(err)}` };
  }
}

export default async function runTask(task: WorkerTask): Promise<WorkerResult> {
  const timings = newTimings();
  const got = processBytes(await processorFor(task.rulesDir), task, timings);
  if ('error' in got) return { ok: false, error: got.error, timings };
  const e = got.extraction;
  const summary: CachedSummary = { ...summarize(e), sha256: e.sha256, encoding: e.encoding };
  if (!task.cache) return { ok: true, summary, extraction: e, stored: null, timings };
  return { ok: true, summary, extraction: null, stored: putCacheEntry(task.cache.dir, task.cache.key, e, summary), timings };
}
