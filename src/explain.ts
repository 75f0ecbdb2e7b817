import path from 'node:path';
import { loadRuleCatalog, ruleSummary, type RuleCatalog } from './report/rule-catalog.js';
import { readSourceText, type SourceText } from './report/sources.js';
import {
  forEachRow,
  manifestInputDir,
  readManifest,
  type DocumentRow,
  type EntityRow,
  type Manifest,
  type MentionRow,
  type SpanRow,
  type TableKey,
  type TableRows,
  ID_COLUMN,
} from './report/tables.js';
import { straightenQuotes } from './text/fold.js';

export { OutputFolderError } from './report/tables.js';

/** The id names no record of the output folder. The CLI exits 2 with its message. */
export class UnknownIdError extends Error {
  readonly code = 'E_UNKNOWN_ID';
  constructor(message: string) {
    super(message);
    this.name = 'UnknownIdError';
  }
}

export interface ExplainOptions {
  /** Folder of the source articles; default: the one the manifest names, else `defaultInputDir`. */
  readonly inputDir?: string;
  /** The input folder to try when neither `inputDir` nor the manifest names one (the CLI passes its configured input). */
  readonly defaultInputDir?: string;
  /** Folder of rule files; default: the one the manifest names, else `rules`. */
  readonly rulesDir?: string;
}

/** Which table an id belongs to, by the prefix the emit stage gives each kind of id. */
const TABLE_BY_PREFIX: Readonly<Record<string, TableKey>> = { M: 'mentions', D: 'dates', C: 'commitments', E: 'entities' };
const KIND: Readonly<Record<TableKey, string>> = { documents: 'document', entities: 'entity', mentions: 'mention', dates: 'date', commitments: 'commitment' };
const SEARCH_ORDER: readonly TableKey[] = ['commitments', 'dates', 'mentions', 'entities', 'documents'];

/**
 * Explains one record of an output folder, for a terminal: the record, its source file and
 * position, the sentence with the span marked «…», the rule that produced it and why; for an
 * entity, its merge rules and every mention.
 */
export async function explain(id: string, outputDir: string, options: ExplainOptions = {}): Promise<string> {
  const wanted = id.trim();
  const manifest = await readManifest(outputDir);
  const found = await findRecord(outputDir, wanted);
  if (!found) throw new UnknownIdError(unknownIdMessage(wanted, outputDir, manifest));
  const catalog = await loadRuleCatalog(path.resolve(options.rulesDir ?? manifest.rules?.dir ?? 'rules'));
  const given = options.inputDir ?? manifestInputDir(manifest) ?? options.defaultInputDir;
  const inputDir = given ? path.resolve(given) : undefined;
  const docs = new Map<string, DocumentRow>();
  await forEachRow(outputDir, 'documents', (d) => {
    docs.set(d.doc_id, d);
  });
  const sources = new SourceCache(inputDir, docs);
  const out: string[] = [`${KIND[found.table]} ${wanted}  (${shown(path.join(outputDir, `${found.table}.jsonl`))}, row ${found.index + 1})`, ''];
  out.push('record', ...recordLines(found.row as unknown as Record<string, unknown>), '');
  if (found.table === 'entities') {
    out.push(...(await entityLines(found.row as EntityRow, outputDir, catalog, sources, manifest)));
  } else if (found.table === 'documents') {
    const d = found.row as DocumentRow;
    out.push('source file', `  ${sources.file(d.source)}`);
  } else {
    out.push(...(await spanLines(found.row as SpanRow, catalog, sources)));
  }
  return `${out.join('\n').trimEnd()}\n`;
}

interface Found {
  readonly table: TableKey;
  readonly row: TableRows[TableKey];
  readonly index: number;
}

async function findRecord(outputDir: string, id: string): Promise<Found | null> {
  const first = TABLE_BY_PREFIX[id[0] ?? ''];
  const order = first ? [first, ...SEARCH_ORDER.filter((t) => t !== first)] : SEARCH_ORDER;
  for (const table of order) {
    let found: Found | null = null;
    const column = ID_COLUMN[table];
    await forEachRow(outputDir, table, (row, index) => {
      if ((row as unknown as Record<string, unknown>)[column] !== id) return true;
      found = { table, row, index };
      return false;
    });
    if (found) return found;
  }
  return null;
}

function unknownIdMessage(id: string, outputDir: string, manifest: Manifest): string {
  const merges = (manifest as { merges?: readonly { kept: string; merged: readonly string[]; rule: string }[] }).merges ?? [];
  const merged = merges.find((m) => m.merged.includes(id));
  if (merged) return `unknown id "${id}": it was joined into entity ${merged.kept} (rule ${merged.rule}); explain that id instead`;
  const shape = /^[MDCE][0-9a-f]{12}$|^[0-9a-f]{16}$/.test(id) ? '' : ' Ids look like M…, D…, C… or E… followed by 12 hex digits (the first column of each table).';
  return `unknown id "${id}": no mention, date, commitment or entity in ${outputDir} has this id.${shape}`;
}

/** One line per field, lists joined with " | "; a value with line breaks or tabs is shown as a JSON string. */
export function recordLines(row: Readonly<Record<string, unknown>>): string[] {
  const keys = Object.keys(row);
  const width = Math.max(...keys.map((k) => k.length));
  return keys.map((k) => {
    const v = row[k];
    const text = Array.isArray(v) ? v.join(' | ') : v === null || v === undefined ? '' : String(v);
    return `  ${k.padEnd(width)}  ${/[\n\r\t]/.test(text) ? JSON.stringify(text) : text}`;
  });
}

/** Reads each source file once and remembers why one could not be read. */
class SourceCache {
  private readonly texts = new Map<string, Promise<SourceText>>();
  constructor(
    readonly inputDir: string | undefined,
    private readonly docs: ReadonlyMap<string, DocumentRow>,
  ) {}
  get(docId: string): Promise<SourceText> {
    let t = this.texts.get(docId);
    if (!t) {
      const d = this.docs.get(docId);
      t = !d
        ? Promise.resolve({ ok: false as const, problem: `document ${docId} is not in the documents table` })
        : !this.inputDir
          ? Promise.resolve({ ok: false as const, problem: 'the input folder is not known (pass --input)' })
          : readSourceText(this.inputDir, d.source, d.sha256);
      this.texts.set(docId, t);
    }
    return t;
  }
  doc(docId: string): DocumentRow | undefined {
    return this.docs.get(docId);
  }
  file(source: string): string {
    return this.inputDir ? shown(path.join(this.inputDir, source)) : source;
  }
}

/** A path relative to the working directory when it is under it, else absolute. */
function shown(file: string): string {
  const rel = path.relative(process.cwd(), path.resolve(file));
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : path.resolve(file);
}

/** Line and column (1-based, in code points) of a code-point offset. */
function lineCol(codePoints: readonly string[], offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < codePoints.length; i++) {
    if (codePoints[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: offset - lineStart + 1 };
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * Where `sentence` (as the tables write it: whitespace collapsed, quotes straightened) lies in
 * the original text around `[start, end)`, in code points; null when it cannot be found.
 */
export function locateSentence(codePoints: readonly string[], start: number, end: number, sentence: string): { start: number; end: number } | null {
  const target = collapse(straightenQuotes(sentence));
  if (!target) return null;
  const reach = [...target].length * 2 + 200;
  const from = Math.max(0, start - reach);
  const to = Math.min(codePoints.length, end + reach);
  // The window, normalized the same way, with the original offset of every character.
  let norm = '';
  const at: number[] = [];
  for (let i = from; i < to; i++) {
    const ch = codePoints[i]!;
    if (/\s/.test(ch)) {
      if (norm.endsWith(' ')) continue;
      norm += ' ';
      at.push(i);
    } else {
      const s = straightenQuotes(ch);
      norm += s;
      for (let k = 0; k < s.length; k++) at.push(i);
    }
  }
  for (let k = norm.indexOf(target); k !== -1; k = norm.indexOf(target, k + 1)) {
    const s = at[k]!;
    const e = at[k + target.length - 1]! + 1;
    if (s <= start && end <= e) return { start: s, end: e };
  }
  return null;
}

/** The sentence with the span marked «…»; lines of the original are joined with spaces. */
function markedSentence(codePoints: readonly string[], sentence: { start: number; end: number }, start: number, end: number): string {
  const part = (a: number, b: number) => codePoints.slice(a, b).join('').replace(/\s+/g, ' ');
  return `${part(sentence.start, start).trimStart()}«${part(start, end)}»${part(end, sentence.end).trimEnd()}`;
}

async function spanLines(row: SpanRow, catalog: RuleCatalog, sources: SourceCache): Promise<string[]> {
  const out: string[] = [];
  const src = await sources.get(row.doc_id);
  const doc = sources.doc(row.doc_id);
  out.push('source file');
  if (src.ok) {
    const { line, col } = lineCol(src.codePoints, row.start);
    out.push(`  ${sources.file(row.source)}, line ${line}, column ${col} (code points ${row.start}–${row.end})`);
  } else {
    out.push(`  ${sources.file(row.source)} (code points ${row.start}–${row.end})`);
  }
  if (doc) out.push(`  document: ${doc.title ? `"${doc.title}"` : '(no title)'}${doc.published ? `, published ${doc.published}` : ''}${doc.publisher ? `, ${doc.publisher}` : ''}`);
  out.push('', 'sentence');
  out.push(`  ${sentenceText(row, src)}`);
  if (!src.ok) out.push(`  (from the table, not the source file: ${src.problem})`);
  else if ([...row.text].length && src.codePoints.slice(row.start, row.end).join('') !== row.text) {
    out.push('  (warning: the offsets do not slice this record\'s text out of the source file)');
  }
  out.push('', 'rule', `  ${ruleSummary(catalog.describe(row.rule))}`);
  if (row.rule.startsWith('gazetteer.')) {
    const entry = catalog.entriesFor(row.text)[0] ?? catalog.entriesFor(straightenQuotes(row.text))[0];
    if (entry) out.push(`  matched the entry ${entry.id} (${entry.file})`);
  }
  return out;
}

function sentenceText(row: SpanRow, src: SourceText): string {
  if (src.ok && src.codePoints.slice(row.start, row.end).join('') === row.text) {
    const m = row as Partial<MentionRow>;
    const bounds =
      typeof m.sentence_start === 'number' && typeof m.sentence_end === 'number' && m.sentence_start <= row.start && row.end <= m.sentence_end
        ? { start: m.sentence_start, end: m.sentence_end }
        : locateSentence(src.codePoints, row.start, row.end, row.sentence);
    if (bounds) return markedSentence(src.codePoints, bounds, row.start, row.end);
    // The sentence cannot be found as written: the span with some context either side.
    const from = Math.max(0, row.start - 120);
    const to = Math.min(src.codePoints.length, row.end + 120);
    return `${from > 0 ? '…' : ''}${markedSentence(src.codePoints, { start: from, end: to }, row.start, row.end)}${to < src.codePoints.length ? '…' : ''}`;
  }
  const needle = collapse(row.text);
  const at = row.sentence.indexOf(needle);
  return at < 0 ? row.sentence : `${row.sentence.slice(0, at)}«${needle}»${row.sentence.slice(at + needle.length)}`;
}

async function entityLines(e: EntityRow, outputDir: string, catalog: RuleCatalog, sources: SourceCache, manifest: Manifest): Promise<string[]> {
  const out: string[] = ['merge rules that joined its mentions'];
  if (!e.merge_rules.length) out.push('  none: every mention had the same form');
  for (const r of e.merge_rules) out.push(`  ${ruleSummary(catalog.describe(r, 'merge'))}`);
  const merges = ((manifest as { merges?: readonly { kept: string; merged: readonly string[]; rule: string }[] }).merges ?? []).filter((m) => m.kept === e.entity_id);
  for (const m of merges) out.push(`  also joined the earlier entities ${m.merged.join(', ')} (${m.rule})`);
  const mentions: MentionRow[] = [];
  await forEachRow(outputDir, 'mentions', (m) => {
    if (m.entity_id === e.entity_id) mentions.push(m);
  });
  const docs = new Set(mentions.map((m) => m.doc_id));
  out.push('', `mentions (${mentions.length} in ${docs.size} document${docs.size === 1 ? '' : 's'})`);
  for (const m of mentions) {
    const src = await sources.get(m.doc_id);
    const where = src.ok ? (({ line, col }) => `${m.source}:${line}:${col}`)(lineCol(src.codePoints, m.start)) : `${m.source} @${m.start}`;
    out.push(`  ${m.mention_id}  ${where}  ${m.rule}`);
    out.push(`    ${shorten(sentenceText(m, src), 160)}`);
  }
  const rules = [...new Set(mentions.map((m) => m.rule))].sort();
  if (rules.length) {
    out.push('', 'rules that found these mentions');
    for (const r of rules) out.push(`  ${ruleSummary(catalog.describe(r))}`);
  }
  return out;
}

/** At most about `n` characters around the «…» span. */
function shorten(marked: string, n: number): string {
  if (marked.length <= n) return marked;
  const a = marked.indexOf('«');
  const b = marked.indexOf('»') + 1;
  const side = Math.max(20, Math.floor((n - (b - a)) / 2));
  const from = Math.max(0, a - side);
  const to = Math.min(marked.length, b + side);
  return `${from > 0 ? '…' : ''}${marked.slice(from, to)}${to < marked.length ? '…' : ''}`;
}
