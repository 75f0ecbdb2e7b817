/**
 * A worker thread of the extraction pool: loads the rules and NLP models once, then turns
 * article bytes into a `DocumentExtraction`. Piscina calls the default export per document.
 */
import { createDocumentProcessor, type DocumentProcessor } from './processor.js';
import { DocumentError, sourceDocumentFromBytes } from './stages/ingest.js';
import { newTimings, type Timings } from './stages/order.js';
import type { DocumentExtraction } from './types.js';

export interface WorkerTask {
  readonly rulesDir: string;
  readonly source: string;
  readonly bytes: Uint8Array;
  /** Metadata stated by the container (a JSONL record's title, published, url). */
  readonly meta?: Readonly<Record<string, string>>;
}

export type WorkerResult =
  | { readonly ok: true; readonly extraction: DocumentExtraction; readonly timings: Timings }
  | { readonly ok: false; readonly error: string; readonly timings: Timings };

// One processor per worker and rules folder: loading models per document would dominate the run.
const processors = new Map<string, Promise<DocumentProcessor>>();

function processBytes(processor: DocumentProcessor, source: string, bytes: Uint8Array, meta?: Readonly<Record<string, string>>): WorkerResult {
  const timings = newTimings();
  try {
    const src = { ...sourceDocumentFromBytes(source, bytes), ...(meta ? { meta } : {}) };
    return { ok: true, extraction: processor.process(src, timings), timings };
  } catch (err) {
    const error = err instanceof DocumentError ? err.message : `${source}: ${(err as Error).stack ?? String(err)}`;
    return { ok: false, error, timings };
  }
}

export default async function runTask(task: WorkerTask): Promise<WorkerResult> {
  let processor = processors.get(task.rulesDir);
  if (!processor) {
    processor = createDocumentProcessor(task.rulesDir);
    processors.set(task.rulesDir, processor);
  }
  return processBytes(await processor, task.source, task.bytes, task.meta);
}
