import { hash, randomBytes } from 'node:crypto';
import { appendFileSync, closeSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import type { EntitySummary } from './stages/resolve.js';
import type { DocumentExtraction } from './types.js';

/** What a run needs of a cached document without reading its whole extraction. */
export interface CachedSummary extends Omit<EntitySummary, 'source'> {
  readonly sha256: string;
  readonly encoding: string;
}

/** Where one entry's two JSON lines are in its pack file (byte offsets). */
export interface Location {
  readonly pack: string;
  readonly summary: readonly [number, number];
  readonly extraction: readonly [number, number];
}

/**
 * Per-document extraction results on disk, keyed by document content hash + rules hash +
 * pipeline version: a re-run pays only for new or changed articles. An entry that does not
 * parse, or whose key or shape does not match, is ignored and recomputed, never trusted.
 *
 * Entries live in pack files (`packs/*.pack`), appended to by one thread each: per entry a summary
 * line and an extraction line, then a line in the pack's index (`*.idx`: key and byte ranges).
 * One file per entry cost a millisecond of file creation per document on this project's 2-core
 * machines while the other core was busy (3 s of each worker's time on 2,225 articles); an
 * append costs a tenth of that. The index line is written after the data, so a run killed
 * mid-write leaves at most an entry that is never found or does not validate.
 */
export class ExtractionCache {
  private index: Map<string, Location> | null = null;

  constructor(
    readonly dir: string,
    private readonly rulesHash: string,
    private readonly pipelineVersion: string,
  ) {}

  /** The cache key of a document with this content under these rules and this pipeline. */
  keyFor(sha256: string): string {
    return hash('sha256', `${sha256}\0${this.rulesHash}\0${this.pipelineVersion}`, 'hex').slice(0, 32);
  }

  /** Read once, when first needed: entries written later by other threads are not seen by this instance. */
  private entries(): Map<string, Location> {
    this.index ??= readIndex(this.dir);
    return this.index;
  }

  private read<T>(key: string, part: 'summary' | 'extraction'): T | null {
    const at = this.entries().get(key);
    if (!at) return null;
    try {
      const [offset, length] = at[part];
      const entry = JSON.parse(readRange(path.join(packsDir(this.dir), `${at.pack}.pack`), offset, length)) as { key?: unknown } & Record<string, unknown>;
      return entry.key === key ? ((entry[part] as T | undefined) ?? null) : null;
    } catch {
      return null;
    }
  }

  /** The small summary of a cached document (entities, no mentions), or null when absent or not valid. */
  async getSummary(key: string, sha256: string): Promise<CachedSummary | null> {
    const s = this.read<CachedSummary>(key, 'summary');
    if (!s || s.sha256 !== sha256 || typeof s.docId !== 'string' || !Array.isArray(s.entities)) return null;
    return s;
  }

  async get(key: string, sha256: string): Promise<DocumentExtraction | null> {
    const x = this.read<DocumentExtraction>(key, 'extraction');
    if (!x || x.sha256 !== sha256 || !Array.isArray(x.mentions) || !Array.isArray(x.entities) || !Array.isArray(x.dates) || !Array.isArray(x.commitments)) return null;
    return x;
  }

  /** Stores an extraction and its summary (in this thread's pack); this instance sees it at once. */
  put(key: string, extraction: DocumentExtraction, summary: CachedSummary): void {
    this.adopt(key, putCacheEntry(this.dir, key, extraction, summary));
  }

  /** Makes an entry another thread of this run stored (`putCacheEntry`) visible to this instance. */
  adopt(key: string, at: Location): void {
    this.entries().set(key, at);
  }

  /**
   * Forgets entries whose key is not in `keep` (deleted or changed articles, old rules): packs
   * with nothing left are removed, and when most bytes are dead the live entries are copied into
   * one new pack and the old packs removed. Returns how many entries were forgotten.
   */
  async prune(keep: ReadonlySet<string>): Promise<number> {
    // Entries of the layout before packs: one folder per key prefix.
    for (const f of safeReaddir(this.dir)) if (/^[0-9a-f]{2}$/.test(f)) rmSync(path.join(this.dir, f), { recursive: true, force: true });
    const index = readIndex(this.dir);
    const packs = new Map<string, { bytes: number; live: [string, Location][]; dead: number }>();
    for (const f of safeReaddir(packsDir(this.dir))) {
      // An index rewrite cut short leaves its temporary file.
      if (f.endsWith('.tmp')) rmSync(path.join(packsDir(this.dir), f), { force: true });
      if (!/\.(?:pack|idx)$/.test(f)) continue;
      const pack = f.replace(/\.(?:pack|idx)$/, '');
      if (!packs.has(pack)) packs.set(pack, { bytes: fileSize(path.join(packsDir(this.dir), `${pack}.pack`)), live: [], dead: 0 });
    }
    let removed = 0;
    let liveBytes = 0;
    for (const [key, at] of index) {
      const p = packs.get(at.pack);
      if (!keep.has(key)) {
        index.delete(key);
        if (p) p.dead++;
        removed++;
        continue;
      }
      p?.live.push([key, at]);
      liveBytes += at.summary[1] + at.extraction[1];
    }
    const total = [...packs.values()].reduce((a, p) => a + p.bytes, 0);
    if (index.size && total - liveBytes > Math.max(liveBytes, 1 << 20)) {
      // Mostly dead bytes: the live entries are copied into a pack of this thread's own (each
      // index line after its entry's data), then the old packs go.
      const writer = new PackWriter(this.dir);
      for (const [key, at] of [...index].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
        const file = path.join(packsDir(this.dir), `${at.pack}.pack`);
        try {
          index.set(key, writer.append(key, readRange(file, ...at.summary), readRange(file, ...at.extraction)));
        } catch {
          index.delete(key);
        }
      }
      for (const pack of packs.keys()) if (pack !== writer.name) removePack(this.dir, pack);
    } else {
      for (const [pack, p] of packs) {
        if (!p.live.length) removePack(this.dir, pack);
        // The index of a pack keeps only its live entries (their bytes stay until a compaction).
        else if (p.dead) writeIndex(this.dir, pack, p.live);
      }
    }
    this.index = index;
    return removed;
  }
}

const packsDir = (dir: string) => path.join(dir, 'packs');

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

function removePack(dir: string, pack: string): void {
  rmSync(path.join(packsDir(dir), `${pack}.idx`), { force: true });
  rmSync(path.join(packsDir(dir), `${pack}.pack`), { force: true });
}

function readRange(file: string, offset: number, length: number): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(length);
    const n = readSync(fd, buf, 0, length, offset);
    return buf.toString('utf8', 0, n);
  } finally {
    closeSync(fd);
  }
}

/** Every entry of every pack index in `dir`; a malformed line is skipped. */
function readIndex(dir: string): Map<string, Location> {
  const index = new Map<string, Location>();
  const names = safeReaddir(packsDir(dir)).filter((f) => f.endsWith('.idx')).sort();
  for (const name of names) {
    let text: string;
    try {
      text = readFileSync(path.join(packsDir(dir), name), 'utf8');
    } catch {
      continue;
    }
    const pack = name.slice(0, -'.idx'.length);
    for (const line of text.split('\n')) {
      const f = line.split('\t');
      if (f.length !== 5 || !/^[0-9a-f]+$/.test(f[0]!)) continue;
      const n = f.slice(1).map(Number);
      if (n.some((x) => !Number.isSafeInteger(x) || x < 0)) continue;
      index.set(f[0]!, { pack, summary: [n[0]!, n[1]!], extraction: [n[2]!, n[3]!] });
    }
  }
  return index;
}

const indexLine = (key: string, at: Location) => `${key}\t${at.summary[0]}\t${at.summary[1]}\t${at.extraction[0]}\t${at.extraction[1]}\n`;

/** Replaces a pack's index (through a temporary file and a rename). */
function writeIndex(dir: string, pack: string, entries: readonly [string, Location][]): void {
  const file = path.join(packsDir(dir), `${pack}.idx`);
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, entries.map(([k, at]) => indexLine(k, at)).join(''));
  renameSync(tmp, file);
}

/**
 * Appends entries to a pack file of its own: only its thread writes to it, so the file's size
 * before an append is where the entry starts (read each time: a prune may have removed the pack).
 */
class PackWriter {
  // Unique per thread and process: two threads never append to one pack.
  readonly name = `${Date.now().toString(36)}-${process.pid}-${threadId}-${randomBytes(4).toString('hex')}`;

  constructor(private readonly dir: string) {}

  append(key: string, summaryLine: string, extractionLine: string): Location {
    const s = Buffer.from(summaryLine, 'utf8');
    const e = Buffer.from(extractionLine, 'utf8');
    const base = path.join(packsDir(this.dir), this.name);
    const offset = fileSize(`${base}.pack`);
    if (offset === 0) mkdirSync(packsDir(this.dir), { recursive: true });
    appendFileSync(`${base}.pack`, Buffer.concat([s, e]));
    const at: Location = { pack: this.name, summary: [offset, s.length], extraction: [offset + s.length, e.length] };
    appendFileSync(`${base}.idx`, indexLine(key, at));
    return at;
  }
}

// This thread's pack per cache folder. A failed append (disk full) may leave a partial entry
// without its index line, so the writer is dropped and the next entry starts a new pack.
const writers = new Map<string, PackWriter>();

/**
 * Writes one cache entry (`ExtractionCache.put`) into this thread's pack. A function of its own
 * so that a worker thread can store what it extracted and hand back only the small summary:
 * serializing the extraction there costs what copying it to the main thread would, and the main
 * thread stays free to read and emit. Synchronous: in a worker thread blocking holds up nobody.
 */
export function putCacheEntry(dir: string, key: string, extraction: DocumentExtraction, summary: CachedSummary): Location {
  let writer = writers.get(dir);
  if (!writer) {
    writer = new PackWriter(dir);
    writers.set(dir, writer);
  }
  try {
    return writer.append(key, `${JSON.stringify({ key, summary })}\n`, `${JSON.stringify({ key, extraction })}\n`);
  } catch (err) {
    writers.delete(dir);
    throw err;
  }
}

/** The keys of every entry in the cache folder `dir` (for tests and tools). */
export function cachedKeys(dir: string): string[] {
  return [...readIndex(dir).keys()].sort();
}
