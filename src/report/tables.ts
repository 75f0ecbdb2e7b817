import { createReadStream } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';

/** The rows of the output tables as the report and `explain` read them back (see `TABLES` in stages/emit.ts). */
export interface DocumentRow {
  readonly doc_id: string;
  readonly source: string;
  readonly sha256: string;
  readonly title: string;
  readonly published: string;
  readonly publisher: string;
  readonly url: string;
}

export interface EntityRow {
  readonly entity_id: string;
  readonly type: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly mention_count: number;
  readonly doc_count: number;
  readonly roles: readonly string[];
  readonly country: string;
  readonly first_seen: string;
  readonly merge_rules: readonly string[];
}

/** What mentions, dates and commitments share: a span of a document and the rule that found it. */
export interface SpanRow {
  readonly doc_id: string;
  readonly source: string;
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly sentence: string;
  readonly rule: string;
}

export interface MentionRow extends SpanRow {
  readonly mention_id: string;
  readonly entity_id: string;
  readonly type: string;
  readonly roles: readonly string[];
  readonly sentence_start: number;
  readonly sentence_end: number;
}

export interface DateRow extends SpanRow {
  readonly date_id: string;
  readonly value: string;
  readonly start_day: string;
  readonly end_day: string;
  readonly granularity: string;
  readonly inferred: boolean;
}

export interface CommitmentRow extends SpanRow {
  readonly commitment_id: string;
  readonly actors: readonly string[];
  readonly actor_names: readonly string[];
  readonly trigger: string;
  readonly modality: string;
  readonly action: string;
  readonly object: string;
  readonly amount: string;
  readonly amount_value: number | null;
  readonly amount_unit: string;
  readonly due: string;
  readonly code: string;
  readonly negated: boolean;
}

export interface TableRows {
  documents: DocumentRow;
  entities: EntityRow;
  mentions: MentionRow;
  dates: DateRow;
  commitments: CommitmentRow;
}
export type TableKey = keyof TableRows;

/** The id column of each table with records that `explain` and the report can point at. */
export const ID_COLUMN = {
  documents: 'doc_id',
  entities: 'entity_id',
  mentions: 'mention_id',
  dates: 'date_id',
  commitments: 'commitment_id',
} as const satisfies Record<TableKey, string>;

export interface Manifest {
  readonly pipeline?: { readonly name?: string; readonly version?: string };
  readonly rules?: { readonly dir?: string; readonly sha256?: string };
  readonly config?: { readonly file?: string; readonly sha256?: string };
  /** The input folder, when the pipeline records it (absolute, or relative to the working directory). */
  readonly input?: string | { readonly dir?: string };
  readonly inputs?: readonly { readonly source: string; readonly doc_id: string }[];
  readonly counts?: Readonly<Record<string, number>>;
  readonly failures?: readonly { readonly source: string; readonly error: string }[];
}

/** Something wrong with the output folder (missing manifest or table); the message says what. */
export class OutputFolderError extends Error {
  readonly code = 'E_OUTPUT';
  constructor(message: string) {
    super(message);
    this.name = 'OutputFolderError';
  }
}

export async function readManifest(outputDir: string): Promise<Manifest> {
  const file = path.join(outputDir, 'manifest.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new OutputFolderError(`no manifest.json in ${outputDir}: run the pipeline first (npm start -- --output ${outputDir})`);
  }
  try {
    return JSON.parse(text) as Manifest;
  } catch (err) {
    throw new OutputFolderError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
}

/** The input folder the manifest names, if it names one. */
export function manifestInputDir(manifest: Manifest, cwd = process.cwd()): string | undefined {
  const dir = typeof manifest.input === 'string' ? manifest.input : manifest.input?.dir;
  return dir ? path.resolve(cwd, dir) : undefined;
}

/**
 * Streams the rows of `<table>.jsonl` one at a time, so a large table is never held in memory
 * as a whole. `visit` returning `false` stops early.
 */
export async function forEachRow<T extends TableKey>(outputDir: string, table: T, visit: (row: TableRows[T], index: number) => boolean | void): Promise<void> {
  const file = path.join(outputDir, `${table}.jsonl`);
  try {
    await access(file);
  } catch {
    throw new OutputFolderError(`no ${table}.jsonl in ${outputDir}: run the pipeline first`);
  }
  // Read in large chunks and split here: readline's async iterator costs a promise per line,
  // a third of the report's time on a 50,000-row mentions table.
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let index = 0;
  let rest = '';
  const take = (line: string): boolean => {
    if (!line.trim()) return true;
    let row: TableRows[T];
    try {
      row = JSON.parse(line) as TableRows[T];
    } catch (err) {
      throw new OutputFolderError(`${file}:${index + 1}: not valid JSON: ${(err as Error).message}`);
    }
    return visit(row, index++) !== false;
  };
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop()!;
      for (const line of lines) if (!take(line)) return;
    }
    take(rest);
  } finally {
    stream.destroy();
  }
}

/** All rows of a table that is small by nature (documents). */
export async function readAllRows<T extends TableKey>(outputDir: string, table: T): Promise<TableRows[T][]> {
  const rows: TableRows[T][] = [];
  await forEachRow(outputDir, table, (r) => {
    rows.push(r);
  });
  return rows;
}
