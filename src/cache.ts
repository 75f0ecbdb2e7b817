import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { EntitySummary } from './stages/resolve.js';
import type { DocumentExtraction } from './types.js';

/** What a run needs of a cached document without reading its whole extraction. */
export interface CachedSummary extends Omit<EntitySummary, 'source'> {
  readonly sha256: string;
  readonly encoding: string;
}

/**
 * Per-document extraction results on disk, keyed by document content hash + rules hash +
 * pipeline version: a re-run pays only for new or changed articles. An entry that does not
 * parse, or whose key or shape does not match, is ignored and recomputed, never trusted.
 */
export class ExtractionCache {
  constructor(
    readonly dir: string,
    private readonly rulesHash: string,
    private readonly pipelineVersion: string,
  ) {}

  /** The cache key of a document with this content under these rules and this pipeline. */
  keyFor(sha256: string): string {
    return createHash('sha256').update(`${sha256}\0${this.rulesHash}\0${this.pipelineVersion}`).digest('hex').slice(0, 32);
  }

  private file(key: string, kind: 'extraction' | 'summary' = 'extraction'): string {
    return entryFile(this.dir, key, kind);
  }

  /** The small summary of a cached document (entities, no mentions), or null when absent or not valid. */
  async getSummary(key: string, sha256: string): Promise<CachedSummary | null> {
    try {
      const entry = JSON.parse(await readFile(this.file(key, 'summary'), 'utf8')) as { key?: unknown; summary?: CachedSummary };
      const s = entry.summary;
      if (entry.key !== key || !s || s.sha256 !== sha256 || typeof s.docId !== 'string' || !Array.isArray(s.entities)) return null;
      return s;
    } catch {
      return null;
    }
  }

  async get(key: string, sha256: string): Promise<DocumentExtraction | null> {
    let text: string;
    try {
      text = await readFile(this.file(key), 'utf8');
    } catch {
      return null;
    }
    try {
      const entry = JSON.parse(text) as { key?: unknown; extraction?: DocumentExtraction };
      const x = entry.extraction;
      if (entry.key !== key || !x || x.sha256 !== sha256 || !Array.isArray(x.mentions) || !Array.isArray(x.entities) || !Array.isArray(x.dates) || !Array.isArray(x.commitments)) return null;
      return x;
    } catch {
      return null;
    }
  }

  /** Stores an extraction and its summary; the summary is written last, so it implies the extraction. */
  put(key: string, extraction: DocumentExtraction, summary: CachedSummary): void {
    putCacheEntry(this.dir, key, extraction, summary);
  }

  /** Removes entries whose key is not in `keep` (deleted or changed articles, old rules). */
  async prune(keep: ReadonlySet<string>): Promise<number> {
    let removed = 0;
    const shards = await readdir(this.dir).catch(() => [] as string[]);
    for (const shard of shards) {
      if (!/^[0-9a-f]{2}$/.test(shard)) continue;
      for (const f of await readdir(path.join(this.dir, shard)).catch(() => [] as string[])) {
        const key = f.replace(/(?:\.summary)?\.json$/, '');
        if (!keep.has(key)) {
          await rm(path.join(this.dir, shard, f), { force: true });
          removed++;
        }
      }
    }
    return removed;
  }
}

const entryFile = (dir: string, key: string, kind: 'extraction' | 'summary') =>
  path.join(dir, key.slice(0, 2), kind === 'summary' ? `${key}.summary.json` : `${key}.json`);

/**
 * Writes one cache entry (`ExtractionCache.put`). A function of its own so that a worker thread can
 * store what it extracted and hand back only the small summary: serializing the extraction there
 * costs what copying it to the main thread would, and the main thread stays free to read and emit.
 * Synchronous: in a worker thread blocking holds up nobody, and it saves the event-loop round
 * trips of the promise API.
 */
export function putCacheEntry(dir: string, key: string, extraction: DocumentExtraction, summary: CachedSummary): void {
  writeEntry(entryFile(dir, key, 'extraction'), JSON.stringify({ key, extraction }));
  writeEntry(entryFile(dir, key, 'summary'), JSON.stringify({ key, summary }));
}

function writeEntry(file: string, data: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  // Unique per write: two writers of one key (identical articles) must not share a temp file.
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}
