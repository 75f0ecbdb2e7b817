import { createHash, hash, type Hash } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { DocumentExtraction } from '../types.js';
import type { Resolution } from './resolve.js';

type Cell = string | number | boolean | null | readonly string[];
export type Row = Readonly<Record<string, Cell>>;

export interface Column {
  readonly name: string;
  readonly description: string;
}

/** The dataset contract: every table, its columns in order, and what each column means. */
export const TABLES = {
  documents: [
    { name: 'doc_id', description: 'First 16 hex characters of `sha256`.' },
    { name: 'source', description: 'Path of the file relative to the input directory; for a record of a JSON Lines or JSON export, `file.jsonl#<line>`.' },
    { name: 'sha256', description: 'SHA-256 of the file bytes (of the record text, for an export record).' },
    { name: 'title', description: 'Title from front matter, else the headline the page states.' },
    { name: 'published', description: 'Publication date (YYYY-MM-DD) from front matter or the article header; empty when not stated.' },
    { name: 'published_origin', description: 'Where `published` came from: front-matter, dateline or byline.' },
    { name: 'publisher', description: 'Publisher or author from front matter, the page title or a byline.' },
    { name: 'url', description: 'URL from front matter.' },
    { name: 'chars', description: 'Length of the document text in Unicode code points.' },
    { name: 'encoding', description: 'Encoding the file was decoded from (utf-8, utf-8-bom, utf-16le, utf-16be, windows-1252, ...).' },
  ],
  entities: [
    { name: 'entity_id', description: 'Stable id derived from the entity type and its folded name (and country, for qualified bodies).' },
    { name: 'type', description: 'PERSON, ORG or PLACE.' },
    { name: 'name', description: 'Canonical name: the fullest, best-written form, titles removed, diacritics kept.' },
    { name: 'aliases', description: 'Every other surface form seen (short names, acronyms, spellings); ` | ` in CSV.' },
    { name: 'mention_count', description: 'Mentions across all documents.' },
    { name: 'doc_count', description: 'Documents that mention it.' },
    { name: 'roles', description: 'Titles and positions seen with a person ("Prime Minister", "Lieut. Gen.").' },
    { name: 'country', description: 'Country a body belongs to ("Ministry of National Defence" of Vietnam), or the country a place is.' },
    { name: 'first_seen', description: 'doc_id of the first document (in source order) that mentions it.' },
    { name: 'merge_rules', description: 'Rules that joined its mentions (same-name, short-name, acronym, ...), for auditing.' },
  ],
  mentions: [
    { name: 'mention_id', description: 'Stable id of the mention (document, span, type).' },
    { name: 'doc_id', description: 'Document the mention is in.' },
    { name: 'source', description: 'Source file of that document.' },
    { name: 'entity_id', description: 'Entity the mention refers to.' },
    { name: 'type', description: 'PERSON, ORG or PLACE.' },
    { name: 'text', description: 'The mention as written; titles are not part of it.' },
    { name: 'start', description: 'Start offset in Unicode code points into the original file text.' },
    { name: 'end', description: 'End offset (exclusive), code points.' },
    { name: 'roles', description: 'Titles written with this mention.' },
    { name: 'sentence', description: 'The sentence it is in, whitespace collapsed.' },
    { name: 'sentence_start', description: 'Start offset of the sentence, code points.' },
    { name: 'sentence_end', description: 'End offset of the sentence, code points.' },
    { name: 'rule', description: 'Rule id that found it (see rules/).' },
  ],
  dates: [
    { name: 'date_id', description: 'Stable id of the date expression (document, span).' },
    { name: 'doc_id', description: 'Document it is in.' },
    { name: 'source', description: 'Source file of that document.' },
    { name: 'text', description: 'The date expression as written.' },
    { name: 'start', description: 'Start offset, code points into the original file text.' },
    { name: 'end', description: 'End offset (exclusive), code points.' },
    { name: 'value', description: 'ISO 8601 / TIMEX3 value at the stated precision (2018-10-30, 2023-03, 2017, 199, 2018-W15, ranges a/b); empty when nothing anchors it.' },
    { name: 'start_day', description: 'First day the value covers (YYYY-MM-DD), or empty.' },
    { name: 'end_day', description: 'Last day the value covers, inclusive, or empty.' },
    { name: 'granularity', description: 'day, week, month, quarter, season, year, decade, century or range.' },
    { name: 'inferred', description: 'true when part of the value was not stated (e.g. the year taken from the publication date).' },
    { name: 'sentence', description: 'The sentence it is in.' },
    { name: 'rule', description: 'Rule id that found it.' },
  ],
  commitments: [
    { name: 'commitment_id', description: 'Stable id of the commitment (document, span, action).' },
    { name: 'doc_id', description: 'Document it is in.' },
    { name: 'source', description: 'Source file of that document.' },
    { name: 'actors', description: 'Entity ids of who committed; ` | ` in CSV.' },
    { name: 'actor_names', description: 'Names of those entities, same order.' },
    { name: 'trigger', description: 'The words that state the commitment ("agreed to", "pledged to").' },
    { name: 'modality', description: 'pledge, agreement, target, signed or intention.' },
    { name: 'action', description: 'What was committed to (the verb phrase).' },
    { name: 'object', description: 'The thing signed or agreed, where there is one.' },
    { name: 'amount', description: 'Amount as written ("USD 5 billion").' },
    { name: 'amount_value', description: 'The amount as a number (5000000000).' },
    { name: 'amount_unit', description: 'Currency or unit of the amount (USD).' },
    { name: 'due', description: 'Deadline as a date value, or empty.' },
    { name: 'code', description: 'CAMEO-style event code (030 intent to cooperate, 057 sign formal agreement, ...).' },
    { name: 'negated', description: 'true for negated statements ("did not agree to"), which are not commitments.' },
    { name: 'text', description: 'The clause or sentence that states it (the exact source span).' },
    { name: 'start', description: 'Start offset, code points into the original file text.' },
    { name: 'end', description: 'End offset (exclusive), code points.' },
    { name: 'sentence', description: 'The sentence it is in.' },
    { name: 'rule', description: 'Rule id that found it.' },
  ],
} as const satisfies Record<string, readonly Column[]>;

export type TableName = keyof typeof TABLES;
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];


const hashId = (prefix: string, ...parts: (string | number)[]) =>
  `${prefix}${hash('sha256', parts.join('\0'), 'hex').slice(0, 12)}`;

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The rows one document contributes to the documents, mentions, dates and commitments tables. Pure. */
export function documentRows(
  d: DocumentExtraction,
  ids: readonly string[],
  names: ReadonlyMap<string, string>,
): Record<'documents' | 'mentions' | 'dates' | 'commitments', Row[]> {
  const documents: Row[] = [
    {
      doc_id: d.docId,
      source: d.source,
      sha256: d.sha256,
      title: d.meta.title,
      published: d.meta.published ?? '',
      published_origin: d.meta.origin.published ?? '',
      publisher: d.meta.publisher,
      url: d.meta.url,
      chars: d.chars,
      encoding: d.encoding,
    },
  ];
  // A sentence is repeated on every row of a fact in it: collapsed once.
  const collapsed: { sentence: string; sentence_start: number; sentence_end: number }[] = [];
  const sentenceOf = (i: number) => {
    const s = d.sentences[i]!;
    return (collapsed[i] ??= { sentence: oneLine(s.text), sentence_start: s.start, sentence_end: s.end });
  };
  const mentions: Row[] = d.mentions.map((m, i) => ({
    mention_id: hashId('M', d.docId, m.start, m.end, m.type),
    doc_id: d.docId,
    source: d.source,
    entity_id: ids[d.mentionEntity[i]!]!,
    type: m.type,
    text: m.text,
    start: m.start,
    end: m.end,
    roles: m.roles,
    ...sentenceOf(m.sentence),
    rule: m.rule,
  }));
  const dates: Row[] = d.dates.map((x) => ({
    date_id: hashId('D', d.docId, x.start, x.end),
    doc_id: d.docId,
    source: d.source,
    text: x.text,
    start: x.start,
    end: x.end,
    value: x.value,
    start_day: x.startDay,
    end_day: x.endDay,
    granularity: x.granularity,
    inferred: x.inferred,
    sentence: sentenceOf(x.sentence).sentence,
    rule: x.rule,
  }));
  const commitments: Row[] = d.commitments.map((c) => {
    const actors = [...new Set(c.actors.map((a) => ids[a]!))];
    return {
      commitment_id: hashId('C', d.docId, c.start, c.end, c.action),
      doc_id: d.docId,
      source: d.source,
      actors,
      actor_names: actors.map((a) => names.get(a) ?? ''),
      trigger: c.trigger,
      modality: c.modality,
      action: c.action,
      object: c.object,
      amount: c.amount,
      amount_value: c.amountValue,
      amount_unit: c.amountUnit,
      due: c.due,
      code: c.code,
      negated: c.negated,
      text: c.text,
      start: c.start,
      end: c.end,
      sentence: sentenceOf(c.sentence).sentence,
      rule: c.rule,
    };
  });
  return { documents, mentions, dates, commitments };
}

/** The tables every document adds rows to, in the order a run writes them. */
export const DOCUMENT_TABLES = ['documents', 'mentions', 'dates', 'commitments'] as const;
export type DocumentTable = (typeof DOCUMENT_TABLES)[number];

/**
 * Rows of one table as the files hold them: CSV without its header, and JSON Lines; as text, or
 * as its UTF-8 bytes (how an emit thread hands them over: `encodeDocuments`).
 */
export interface RenderedRows<T extends string | Uint8Array = string> {
  readonly csv: T;
  readonly jsonl: T;
  readonly rows: number;
}

export function renderRows(table: TableName, rows: readonly Row[]): RenderedRows {
  return rows.length ? { csv: toCsv(table, rows, false), jsonl: toJsonl(table, rows), rows: rows.length } : { csv: '', jsonl: '', rows: 0 };
}

/** One document's rows of every per-document table, rendered (any thread can do it: it is pure). */
export type RenderedDocument<T extends string | Uint8Array = string> = Readonly<Record<DocumentTable, RenderedRows<T>>>;

/**
 * Rendered documents as UTF-8, every text a view into one buffer (`buffer`): a thread hands the
 * buffer over to another, not a copy of the text into the other thread's heap. `spare`, a buffer
 * handed back by the other thread once it had written one batch, is used again when large enough.
 */
export function encodeDocuments(docs: readonly (RenderedDocument | null)[], spare?: ArrayBuffer): { readonly buffer: ArrayBuffer; readonly docs: (RenderedDocument<Uint8Array> | null)[] } {
  let size = 0;
  for (const d of docs) if (d) for (const t of DOCUMENT_TABLES) size += Buffer.byteLength(d[t].csv) + Buffer.byteLength(d[t].jsonl);
  // Its own memory, never a slice of Node's shared pool: it can then be transferred.
  const buffer = spare && spare.byteLength >= size ? spare : new ArrayBuffer(size);
  const bytes = Buffer.from(buffer);
  let at = 0;
  const put = (text: string): Uint8Array => {
    const start = at;
    at += bytes.write(text, at);
    return new Uint8Array(buffer, start, at - start);
  };
  const encoded = docs.map((d) => (d ? (Object.fromEntries(DOCUMENT_TABLES.map((t) => [t, { csv: put(d[t].csv), jsonl: put(d[t].jsonl), rows: d[t].rows }])) as Record<DocumentTable, RenderedRows<Uint8Array>>) : null));
  return { buffer, docs: encoded };
}

export function renderDocument(d: DocumentExtraction, ids: readonly string[], names: ReadonlyMap<string, string>): RenderedDocument {
  const rows = documentRows(d, ids, names);
  return Object.fromEntries(DOCUMENT_TABLES.map((t) => [t, renderRows(t, rows[t])])) as Record<DocumentTable, RenderedRows>;
}

export function entityRows(resolution: Resolution): Row[] {
  return resolution.entities.map((e) => ({
    entity_id: e.entityId,
    type: e.type,
    name: e.name,
    aliases: e.aliases,
    mention_count: e.mentionCount,
    doc_count: e.docCount,
    roles: e.roles,
    country: e.country,
    first_seen: e.firstSeen,
    merge_rules: e.mergeRules,
  }));
}

const csvCell = (v: Cell): string | number => (Array.isArray(v) ? v.join(' | ') : v === null ? '' : typeof v === 'boolean' ? String(v) : (v as string | number));

const csvOptions = (table: TableName, header: boolean) => ({
  bom: header,
  header,
  columns: TABLES[table].map((c) => c.name),
  escape_formulas: true,
  record_delimiter: 'unix' as const,
});

// Loaded on first use: a run that finds its output up to date never writes CSV.
let stringify: typeof import('csv-stringify/sync').stringify | undefined;

export function toCsv(table: TableName, rows: readonly Row[], header = true): string {
  const columns = TABLES[table].map((c) => c.name);
  stringify ??= (createRequire(import.meta.url)('csv-stringify/sync') as typeof import('csv-stringify/sync')).stringify;
  const body = stringify(
    rows.map((r) => columns.map((c) => csvCell(r[c] ?? null))),
    csvOptions(table, header),
  );
  // csv-stringify writes no header for an empty table; a header row is part of the contract.
  return header && rows.length === 0 ? `\uFEFF${columns.join(',')}\n` : body;
}

export function toJsonl(table: TableName, rows: readonly Row[]): string {
  const columns = TABLES[table].map((c) => c.name);
  return rows.map((r) => `${JSON.stringify(Object.fromEntries(columns.map((c) => [c, r[c] ?? null])))}\n`).join('');
}

/** Writes `data` to `file` through a temporary file in the same folder, flushed, then renamed. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(data, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, file);
}

/**
 * Removes the staging folders and temporary files of runs that died (kill -9, power loss) before
 * they could clean up. A run that is still alive (another run into the same folder) keeps its own.
 */
export async function removeLeftovers(outputDir: string): Promise<void> {
  for (const name of await readdir(outputDir).catch(() => [] as string[])) {
    const m = /^\.staging-(\d+)$/.exec(name) ?? /^\..+\.(\d+)\.tmp$/.exec(name);
    if (m && !isRunning(Number(m[1]))) await rm(path.join(outputDir, name), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface EmittedFile {
  readonly file: string;
  readonly sha256: string;
  readonly rows: number;
  readonly changed: boolean;
}

/** A staged table file being written: its bytes so far are hashed, and the last ones buffered. */
interface FileState {
  readonly fd: FileHandle;
  readonly hash: Hash;
  rows: number;
  /** Allocated at the first write, `FLUSH_BYTES` long. */
  buffer: Buffer | null;
  buffered: number;
}

const FLUSH_BYTES = 1 << 20;

/**
 * Streams every table as CSV and JSONL into a staging folder inside the output folder. Rows are
 * appended as they are produced, so memory does not grow with the corpus. `commit` renames the
 * complete files into place (unchanged files are left alone), so an interrupted run never leaves
 * a half-written table.
 */
export class TableWriter {
  private readonly staging: string;
  private readonly handles = new Map<string, FileState>();

  private constructor(private readonly outputDir: string) {
    this.staging = path.join(outputDir, `.staging-${process.pid}`);
  }

  static async open(outputDir: string): Promise<TableWriter> {
    const w = new TableWriter(outputDir);
    await mkdir(outputDir, { recursive: true });
    await removeLeftovers(outputDir);
    await rm(w.staging, { recursive: true, force: true });
    await mkdir(w.staging);
    for (const t of TABLE_NAMES) {
      for (const ext of ['csv', 'jsonl']) {
        const fd = await open(path.join(w.staging, `${t}.${ext}`), 'w');
        w.handles.set(`${t}.${ext}`, { fd, hash: createHash('sha256'), rows: 0, buffer: null, buffered: 0 });
      }
      await w.append(`${t}.csv`, toCsv(t, [], true), 0);
    }
    return w;
  }

  /** Hashes and buffers `data`, or writes it: the caller may reuse its bytes once this returns. */
  private async append(file: string, data: string | Uint8Array, rows: number): Promise<void> {
    const h = this.handles.get(file)!;
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    h.hash.update(bytes);
    h.rows += rows;
    if (h.buffered + bytes.length > FLUSH_BYTES) await this.flush(h);
    if (bytes.length >= FLUSH_BYTES) await h.fd.write(bytes);
    else {
      h.buffer ??= Buffer.allocUnsafeSlow(FLUSH_BYTES);
      h.buffer.set(bytes, h.buffered);
      h.buffered += bytes.length;
    }
  }

  private async flush(h: FileState): Promise<void> {
    if (!h.buffered) return;
    const n = h.buffered;
    h.buffered = 0;
    await h.fd.write(h.buffer!, 0, n);
  }

  async write(table: TableName, rows: readonly Row[]): Promise<void> {
    await this.writeRendered(table, renderRows(table, rows));
  }

  /** Appends rows rendered already (`renderRows`, `renderDocument`, `encodeDocuments`). */
  async writeRendered(table: TableName, rendered: RenderedRows<string | Uint8Array>): Promise<void> {
    if (!rendered.rows) return;
    await this.append(`${table}.csv`, rendered.csv, rendered.rows);
    await this.append(`${table}.jsonl`, rendered.jsonl, 0);
  }

  /** Closes the staged files and renames each changed one into the output folder. */
  async commit(): Promise<EmittedFile[]> {
    const files: EmittedFile[] = [];
    try {
      // Ten files flushed to disk at once, not one after another.
      await Promise.all(
        [...this.handles.values()].map(async (h) => {
          await this.flush(h);
          await h.fd.sync();
          await h.fd.close();
        }),
      );
      for (const [file, h] of this.handles) {
        const sha256 = h.hash.digest('hex');
        const existing = await readFile(path.join(this.outputDir, file)).catch(() => null);
        const changed = !existing || createHash('sha256').update(existing).digest('hex') !== sha256;
        const rows = this.handles.get(file.replace(/\.jsonl$/, '.csv'))!.rows;
        files.push({ file, sha256, rows, changed });
      }
      for (const f of files) if (f.changed) await rename(path.join(this.staging, f.file), path.join(this.outputDir, f.file));
    } finally {
      await rm(this.staging, { recursive: true, force: true });
    }
    return files.sort((a, b) => (a.file < b.file ? -1 : 1));
  }

  /** Gives up: closes and removes the staged files, leaving the output folder as it was. */
  async abort(): Promise<void> {
    for (const h of this.handles.values()) await h.fd.close().catch(() => undefined);
    await rm(this.staging, { recursive: true, force: true });
  }
}
