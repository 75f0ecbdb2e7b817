import path from 'node:path';
import { DocumentError, decodeText, looksBinary } from './ingest.js';

/**
 * One article as the pipeline sees it: a file, or one record of a `.jsonl`/`.json` export.
 * `source` is the file's path, or `file.jsonl#<line>` (`file.json#<n>`) for a record.
 */
export interface InputUnit {
  readonly source: string;
  /** The article's bytes: the file itself, or the record's text encoded as UTF-8. */
  readonly bytes: Uint8Array;
  /** Metadata the container states (a JSONL record's title, published, url, id, source). */
  readonly meta?: Readonly<Record<string, string>>;
}

export interface ExpandedInput {
  readonly units: readonly InputUnit[];
  readonly errors: readonly DocumentError[];
}

/** Fields that hold a record's article text, in order of preference. */
const TEXT_FIELDS = ['text', 'body', 'content'] as const;
/** Record fields kept as metadata; the clean stage reads them like front matter. */
const META_FIELDS = ['id', 'title', 'published', 'url', 'source'] as const;

/**
 * Turns one file into the articles it holds. Text, Markdown and HTML files hold one. A `.jsonl`
 * file holds one record per line and a `.json` file one record or an array of records; each
 * record with text becomes a unit of its own. Problems with parts of a file (a malformed line,
 * a record without text) are reported without losing the good parts.
 */
export function expandInput(source: string, bytes: Uint8Array): ExpandedInput {
  const ext = path.posix.extname(source).toLowerCase();
  if (ext !== '.jsonl' && ext !== '.json') return { units: [{ source, bytes }], errors: [] };
  if (bytes.length === 0) return { units: [], errors: [new DocumentError(source, 'file is empty')] };
  const { text } = decodeText(bytes);
  if (looksBinary(text)) return { units: [], errors: [new DocumentError(source, 'file looks binary (NUL or control bytes), not a JSON export')] };
  return ext === '.jsonl' ? expandJsonLines(source, text) : expandJson(source, text);
}

/** One record per line; blank lines are skipped; line numbers count from 1. */
function expandJsonLines(source: string, text: string): ExpandedInput {
  const units: InputUnit[] = [];
  const errors: DocumentError[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      const at = jsonSyntaxError(line);
      errors.push(new DocumentError(source, `not valid JSON at column ${at.column}: ${at.reason}; line skipped`, i + 1));
      return;
    }
    const record = readRecord(value);
    if (typeof record === 'string') errors.push(new DocumentError(source, `${record}; line skipped`, i + 1));
    else units.push(unitOf(`${source}#${i + 1}`, record));
  });
  if (!units.length && !errors.length) errors.push(new DocumentError(source, 'file has no records (only blank lines)'));
  return { units, errors };
}

/** One record (an object) or an array of records; record n is `file.json#n`. */
function expandJson(source: string, text: string): ExpandedInput {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const at = jsonSyntaxError(text);
    return { units: [], errors: [new DocumentError(source, `not valid JSON at column ${at.column}: ${at.reason}; file skipped`, at.line)] };
  }
  const records = Array.isArray(value) ? value : [value];
  if (!records.length) return { units: [], errors: [new DocumentError(source, 'file has no records (an empty array)')] };
  const units: InputUnit[] = [];
  const errors: DocumentError[] = [];
  records.forEach((item, i) => {
    const unitSource = `${source}#${i + 1}`;
    const record = readRecord(item);
    if (typeof record === 'string') errors.push(new DocumentError(unitSource, `${record}; record skipped`));
    else units.push(unitOf(unitSource, record));
  });
  return { units, errors };
}

interface ArticleRecord {
  readonly text: string;
  readonly meta: Readonly<Record<string, string>>;
}

/** The record's text and metadata, or what is wrong with it. */
function readRecord(value: unknown): ArticleRecord | string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return `a record must be a JSON object with a "text", "body" or "content" string, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`;
  }
  const obj = value as Record<string, unknown>;
  const field = TEXT_FIELDS.find((f) => obj[f] !== undefined && obj[f] !== null);
  if (!field) return 'record has no "text", "body" or "content" field';
  const text = obj[field];
  if (typeof text !== 'string') return `record field "${field}" must be a string, got ${Array.isArray(text) ? 'an array' : typeof text}`;
  if (!text.trim()) return `record field "${field}" is empty`;
  const meta: Record<string, string> = {};
  for (const key of META_FIELDS) {
    const v = obj[key];
    // Metadata is a bonus: a field of another type is left out rather than costing the article.
    if (typeof v === 'string' && v.trim()) meta[key] = v.trim();
    else if (typeof v === 'number' && Number.isFinite(v)) meta[key] = String(v);
  }
  return { text, meta };
}

function unitOf(source: string, record: ArticleRecord): InputUnit {
  const bytes = new TextEncoder().encode(record.text);
  return Object.keys(record.meta).length ? { source, bytes, meta: record.meta } : { source, bytes };
}

class JsonSyntax {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {}
}

/**
 * Where `text` stops being JSON, and why. `JSON.parse` says so in words that vary, often without
 * a position, so after it fails this small scanner of the JSON grammar finds the line and column.
 */
function jsonSyntaxError(text: string): { readonly line: number; readonly column: number; readonly reason: string } {
  let i = 0;
  const fail = (reason: string): never => {
    throw new JsonSyntax(i, reason);
  };
  const shown = () => (i >= text.length ? 'end of input' : `${JSON.stringify(String.fromCodePoint(text.codePointAt(i)!))}`);
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const literal = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null/y;
  const string = () => {
    const start = i++;
    while (i < text.length) {
      const c = text[i]!;
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        const e = text[i + 1] ?? '';
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else if (e !== 'u' && '"\\/bfnrt'.includes(e) && e) i += 2;
        else fail('invalid escape in a string');
        continue;
      }
      if (c < ' ') fail('unescaped control character (or line break) in a string');
      i++;
    }
    i = start;
    fail('unterminated string');
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{') {
      i++;
      space();
      if (text[i] === '}') return void i++;
      for (;;) {
        space();
        if (text[i] !== '"') fail(`expected a property name in double quotes, found ${shown()}`);
        string();
        space();
        if (text[i] !== ':') fail(`expected ':' after the property name, found ${shown()}`);
        i++;
        value();
        space();
        if (text[i] === '}') return void i++;
        if (text[i] !== ',') fail(`expected ',' or '}', found ${shown()}`);
        i++;
      }
    }
    if (c === '[') {
      i++;
      space();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        space();
        if (text[i] === ']') return void i++;
        if (text[i] !== ',') fail(`expected ',' or ']', found ${shown()}`);
        i++;
      }
    }
    if (c === '"') return string();
    literal.lastIndex = i;
    const m = literal.exec(text);
    if (!m) fail(`unexpected ${shown()}`);
    i += m![0].length;
  };
  let offset = text.length;
  let reason = 'not valid JSON';
  try {
    value();
    space();
    if (i < text.length) fail(`unexpected ${shown()} after the end of the value`);
  } catch (err) {
    if (err instanceof JsonSyntax) ({ offset, reason } = err);
    else reason = 'nested too deeply';
  }
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: [...before.slice(before.lastIndexOf('\n') + 1)].length + 1, reason };
}
