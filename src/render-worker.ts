/**
 * A thread of the emit pool: reads cached extractions and renders their rows as CSV and JSON
 * Lines text, so that the main thread only writes the files. Reading, parsing and rendering were
 * three quarters of emit, on one core while the others sat idle.
 *
 * The resolution the rows are rendered against (entity ids by key, names by id) comes once per
 * thread, in `workerData`; a task names only its documents. No NLP model is loaded here.
 */
import { move, transferableSymbol, valueSymbol, workerData } from 'piscina';
import { ExtractionCache } from './cache.js';
import { encodeDocuments, renderDocument, type RenderedDocument } from './stages/emit.js';
import { PIPELINE_VERSION } from './stages/order.js';
import { localIds, type Resolution } from './stages/resolve.js';

/** What the emit pool gives each thread when it starts. */
export interface RenderData {
  /** `Resolution.idOfKey`, as entries. */
  readonly idOfKey: readonly (readonly [string, string])[];
  /** Entity names by id. */
  readonly names: readonly (readonly [string, string])[];
}

/** One document to render: where its extraction is cached. */
export interface RenderDoc {
  readonly cacheDir: string;
  readonly key: string;
  readonly sha256: string;
  readonly source: string;
}

/** Documents to render, and a buffer of an earlier result to encode them into (`encodeDocuments`). */
export interface RenderTask {
  readonly docs: readonly RenderDoc[];
  readonly spare?: ArrayBuffer;
}

/**
 * Per document, its rendered rows as UTF-8, or null when its cached extraction cannot be read (the
 * main thread recovers it). The bytes are moved to the main thread, in `buffer`, not copied into
 * its heap, and the main thread hands the buffer back with a later task once it has written them.
 * As strings, or as a new buffer per batch, a 4x corpus's rows piled up there as garbage (150 MB
 * of strings, 130 MB of buffers) until a full collection.
 */
export interface RenderResult {
  readonly buffer: ArrayBuffer;
  readonly docs: readonly (RenderedDocument<Uint8Array> | null)[];
}

const data = workerData as RenderData | undefined;
const resolution: Pick<Resolution, 'idOfKey'> = { idOfKey: new Map(data?.idOfKey ?? []) };
const names = new Map(data?.names ?? []);
/** One cache per folder (a merge reads several): each reads its index once. */
const caches = new Map<string, ExtractionCache>();

export default async function render({ docs, spare }: RenderTask): Promise<RenderResult> {
  const rendered = await Promise.all(
    docs.map(async (d) => {
      let cache = caches.get(d.cacheDir);
      // Only `get` is called: the rules hash is part of the key the main thread computed already.
      if (!cache) caches.set(d.cacheDir, (cache = new ExtractionCache(d.cacheDir, '', PIPELINE_VERSION)));
      const x = await cache.get(d.key, d.sha256);
      return x ? renderDocument({ ...x, source: d.source }, localIds(x, resolution), names) : null;
    }),
  );
  const encoded: RenderResult = encodeDocuments(rendered, spare);
  // Piscina's way to transfer what is inside a result: the buffer goes in the transfer list.
  return move({ [transferableSymbol]: encoded.buffer, [valueSymbol]: encoded }) as unknown as RenderResult;
}
