import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, chown, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { expect } from 'vitest';
import { TABLES, TABLE_NAMES, type TableName } from '../../src/stages/emit.js';
import { sliceCodePoints } from '../helpers.js';

export const ROOT = path.resolve('.');
export const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
export const RULES = path.join(ROOT, 'rules');
export const RAW = path.join(ROOT, 'raw');
/** Every format the pipeline reads, for the test configs (the repository's config reads .txt/.md). */
export const ALL_EXTENSIONS = ['.txt', '.md', '.html', '.htm', '.jsonl', '.json'];

export type Row = Record<string, unknown>;

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  /** Run as this user and group (the tests run as root, where file modes do not stop reads). */
  readonly uid?: number;
  readonly gid?: number;
}

/** Runs the real command line in a child process, as `npm start` would, and waits for it. */
export function cli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      TSX,
      ['src/cli.ts', ...args],
      { cwd: ROOT, env: { ...process.env, CI: 'true' }, maxBuffer: 64 * 1024 * 1024, ...(options.uid !== undefined ? { uid: options.uid, gid: options.gid ?? options.uid } : {}) },
      (err, stdout, stderr) => {
        const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

/** Starts the command line in its own process group, so that the test can kill all of it. */
export function startCli(args: readonly string[]): { child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> } {
  const child = spawn(TSX, ['src/cli.ts', ...args], { cwd: ROOT, env: { ...process.env, CI: 'true' }, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
  return { child, done };
}

export const tempDir = (prefix: string) => mkdtemp(path.join(tmpdir(), `input-${prefix}-`));

/** Writes a config that reads every format, with the repository's rules; returns its path. */
export async function writeConfig(dir: string, extra: Record<string, unknown> = {}): Promise<string> {
  const file = path.join(dir, 'pipeline.config.mjs');
  await writeFile(file, `export default ${JSON.stringify({ rules: RULES, extensions: ALL_EXTENSIONS, concurrency: 1, ...extra }, null, 2)};\n`);
  return file;
}

export const readRaw = (name: string) => readFile(path.join(RAW, name), 'utf8');
export const RAW_FILES = ['000_8480816ee8cbe7ef.txt', '001_4785fa3551a2d649.txt', '002_5604f4d1055f9bf5.txt', '003_47b344d10eea0029.txt', '004_9d0597f215e0605a.txt'] as const;

export const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

export async function readJsonl(file: string): Promise<Row[]> {
  return (await readFile(file, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Row);
}

export async function readTables(dir: string): Promise<Record<TableName, Row[]>> {
  const out = {} as Record<TableName, Row[]>;
  for (const t of TABLE_NAMES) out[t] = await readJsonl(path.join(dir, `${t}.jsonl`));
  return out;
}

/** Every table file's bytes by name, for byte-for-byte comparisons of two outputs. */
export async function tableBytes(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of TABLE_NAMES) for (const ext of ['csv', 'jsonl']) out[`${t}.${ext}`] = sha256(await readFile(path.join(dir, `${t}.${ext}`)));
  return out;
}

const FORMULA_START = /^'(?=[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20])/;

/** The JSONL value as the CSV writes it: lists joined with ` | `, null as empty. */
export const csvText = (v: unknown) => (Array.isArray(v) ? v.join(' | ') : v === null || v === undefined ? '' : String(v));

/**
 * Checks an output folder the way a consumer would: the manifest parses, every table it lists
 * is there with its SHA-256 and row count, the CSV and JSONL of a table parse and hold the same
 * rows, and the documents table lists the manifest's inputs. Returns the manifest.
 */
export async function expectConsistentOutput(dir: string): Promise<{ inputs: { source: string; encoding: string }[]; failures: { source: string; error: string }[]; tables: { file: string; rows: number; sha256: string }[]; counts: Record<string, number> }> {
  const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
  const listed = new Map<string, { rows: number; sha256: string }>(manifest.tables.map((t: { file: string; rows: number; sha256: string }) => [t.file, t]));
  expect([...listed.keys()].sort()).toEqual(TABLE_NAMES.flatMap((t) => [`${t}.csv`, `${t}.jsonl`]).sort());
  const visible = (await readdir(dir)).filter((f) => !f.startsWith('.'));
  expect(visible).toEqual(expect.arrayContaining([...listed.keys(), 'manifest.json']));
  for (const t of TABLE_NAMES) {
    const csvBytes = await readFile(path.join(dir, `${t}.csv`));
    const jsonlBytes = await readFile(path.join(dir, `${t}.jsonl`));
    expect(sha256(csvBytes), `${t}.csv matches the manifest`).toBe(listed.get(`${t}.csv`)!.sha256);
    expect(sha256(jsonlBytes), `${t}.jsonl matches the manifest`).toBe(listed.get(`${t}.jsonl`)!.sha256);
    const rows = jsonlBytes
      .toString('utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Row);
    expect(rows.length).toBe(listed.get(`${t}.jsonl`)!.rows);
    expect(rows.length).toBe(manifest.counts[t]);
    const csv = parse(csvBytes, { bom: true, columns: true, relax_column_count: false }) as Record<string, string>[];
    expect(csv.length).toBe(rows.length);
    csv.forEach((row, i) => {
      for (const c of TABLES[t]) expect(row[c.name]!.replace(FORMULA_START, '')).toBe(csvText(rows[i]![c.name]));
    });
  }
  const docs = await readJsonl(path.join(dir, 'documents.jsonl'));
  expect(docs.map((d) => d.source)).toEqual(manifest.inputs.map((i: { source: string }) => i.source));
  return manifest;
}

/**
 * Every mention, date and commitment (and the sentence of each mention) slices back to its text
 * in the original text of its document, by code points. `texts` maps a source to that text.
 */
export function expectOffsetsSliceBack(tables: Record<TableName, Row[]>, texts: ReadonlyMap<string, string>): number {
  let checked = 0;
  for (const t of ['mentions', 'dates', 'commitments'] as const) {
    for (const r of tables[t]) {
      const text = texts.get(String(r.source));
      if (text === undefined) continue;
      expect(sliceCodePoints(text, Number(r.start), Number(r.end)), `${t} ${String(r.source)} [${String(r.start)}, ${String(r.end)})`).toBe(r.text);
      checked++;
    }
  }
  for (const m of tables.mentions) {
    const text = texts.get(String(m.source));
    if (text === undefined) continue;
    const start = Number(m.sentence_start);
    const end = Number(m.sentence_end);
    expect(start <= Number(m.start) && Number(m.end) <= end, `mention inside its sentence in ${String(m.source)}`).toBe(true);
    expect(sliceCodePoints(text, start, end).replace(/\s+/g, ' ').trim()).toBe(m.sentence);
  }
  return checked;
}

/** Rows of the per-document tables, by source, for comparing the same article across runs. */
export function rowsOf(tables: Record<TableName, Row[]>, source: string): Record<'documents' | 'mentions' | 'dates' | 'commitments', Row[]> {
  const pick = (t: 'documents' | 'mentions' | 'dates' | 'commitments') => tables[t].filter((r) => r.source === source);
  return { documents: pick('documents'), mentions: pick('mentions'), dates: pick('dates'), commitments: pick('commitments') };
}

/** Lets another user read `dir` and write `writable` (for a run as an unprivileged user). */
export async function shareWith(uid: number, readable: readonly string[], writable: readonly string[]): Promise<void> {
  for (const d of readable) await chmod(d, 0o755);
  for (const d of writable) {
    await chmod(d, 0o755);
    await chown(d, uid, uid);
  }
}

export function run(cmd: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => execFile(cmd, [...args], (err) => (err ? reject(err) : resolve())));
}
