import { createHash } from 'node:crypto';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { SourceDocument } from '../types.js';

/** A document that cannot be processed; the batch goes on without it. */
export class DocumentError extends Error {
  readonly code = 'E_DOCUMENT';
  constructor(
    readonly source: string,
    message: string,
    readonly line: number | null = null,
  ) {
    super(`${source}${line ? `:${line}` : ''}: ${message}`);
    this.name = 'DocumentError';
  }
}

export interface IngestOptions {
  /** File name endings read as articles, lower case with the dot: `.txt`, `.md`. */
  readonly extensions: readonly string[];
  /** Files larger than this many bytes are skipped with an error. */
  readonly maxBytes: number;
}

export interface InputListing {
  /** Paths relative to the input directory, `/`-separated, sorted. */
  readonly files: readonly string[];
  /** Problems met while walking the tree (unreadable folders, link loops). */
  readonly errors: readonly DocumentError[];
}

const toPosix = (p: string) => p.split(path.sep).join('/');

/** Lists article files under `inputDir`, recursively, following links but never twice into one folder. */
export async function listInputFiles(inputDir: string, options: IngestOptions): Promise<InputListing> {
  const files: string[] = [];
  const errors: DocumentError[] = [];
  const seenDirs = new Set<string>();
  const walk = async (dir: string): Promise<void> => {
    const rel = toPosix(path.relative(inputDir, dir)) || '.';
    let real: string;
    try {
      real = await realpath(dir);
    } catch (err) {
      errors.push(new DocumentError(rel, `cannot resolve folder: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`));
      return;
    }
    if (seenDirs.has(real)) {
      errors.push(new DocumentError(rel, 'symbolic link loop: this folder was already read, skipped'));
      return;
    }
    seenDirs.add(real);
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      errors.push(new DocumentError(rel, `cannot read folder: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`));
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const s = await stat(full);
          isDir = s.isDirectory();
          isFile = s.isFile();
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          errors.push(new DocumentError(toPosix(path.relative(inputDir, full)), code === 'ELOOP' ? 'symbolic link loop, skipped' : `broken link: ${code}`));
          continue;
        }
      }
      if (isDir) await walk(full);
      else if (isFile && options.extensions.includes(path.extname(entry.name).toLowerCase())) {
        files.push(toPosix(path.relative(inputDir, full)));
      }
    }
  };
  await walk(inputDir);
  files.sort();
  return { files, errors };
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Decodes article bytes: UTF-8 (BOM removed), UTF-16 with a BOM, else Windows-1252. */
export function decodeText(bytes: Uint8Array): { readonly text: string; readonly encoding: string } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

function looksBinary(bytes: Uint8Array, encoding: string): boolean {
  if (encoding.startsWith('utf-16')) return false;
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  return control > n * 0.05;
}

/** Reads one article file's bytes, or throws a `DocumentError` saying why not (too large, unreadable). */
export async function readFileBytes(inputDir: string, source: string, options: IngestOptions): Promise<Buffer> {
  const full = path.join(inputDir, source);
  try {
    const info = await stat(full);
    if (info.size > options.maxBytes) {
      throw new DocumentError(source, `file is ${info.size} bytes, over the limit of ${options.maxBytes} bytes (maxFileBytes); skipped`);
    }
    return await readFile(full);
  } catch (err) {
    if (err instanceof DocumentError) throw err;
    throw new DocumentError(source, `cannot read file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/** Reads one article file into a `SourceDocument`, or throws a `DocumentError` saying why not. */
export async function readSourceDocument(inputDir: string, source: string, options: IngestOptions): Promise<SourceDocument> {
  return sourceDocumentFromBytes(source, await readFileBytes(inputDir, source, options));
}

export function sourceDocumentFromBytes(source: string, bytes: Uint8Array): SourceDocument {
  if (bytes.length === 0) throw new DocumentError(source, 'file is empty');
  const sha256 = sha256Hex(bytes);
  const { text, encoding } = decodeText(bytes);
  if (looksBinary(bytes, encoding)) throw new DocumentError(source, 'file looks binary (NUL or control bytes), not article text');
  if (!text.trim()) throw new DocumentError(source, 'file has no text (only whitespace)');
  return { docId: sha256.slice(0, 16), sha256, source, text, encoding, bytes: bytes.length };
}
