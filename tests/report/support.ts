import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { TSX } from '../cli.js';

const run = promisify(execFile);

export type Row = Record<string, unknown>;

export interface PipelineRun {
  readonly outputDir: string;
  readonly tables: Readonly<Record<'documents' | 'entities' | 'mentions' | 'dates' | 'commitments', readonly Row[]>>;
}

export async function readJsonl(file: string): Promise<Row[]> {
  return (await readFile(file, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Row);
}

/** Runs the pipeline's CLI on raw/ into a fresh temporary folder, as a user would. */
export async function runPipelineOnRaw(prefix: string): Promise<PipelineRun> {
  const outputDir = await mkdtemp(path.join(tmpdir(), prefix));
  await run(TSX, ['src/cli.ts', '--input', 'raw', '--output', outputDir, '--quiet'], { env: { ...process.env, CI: 'true' } });
  const names = ['documents', 'entities', 'mentions', 'dates', 'commitments'] as const;
  const tables = Object.fromEntries(await Promise.all(names.map(async (t) => [t, await readJsonl(path.join(outputDir, `${t}.jsonl`))]))) as PipelineRun['tables'];
  return { outputDir, tables };
}

/** The code points `[start, end)` of a source file under raw/, as the tables define offsets. */
export async function sliceSource(source: string, start: number, end: number): Promise<string> {
  const text = (await readFile(path.join('raw', source), 'utf8')).replace(/^\uFEFF/, '');
  return [...text].slice(start, end).join('');
}
