/** Running the command line from the sources, as the end-to-end tests do, and reading what it wrote. */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { TABLE_NAMES } from '../src/stages/emit.js';

const run = promisify(execFile);
export const TSX = path.resolve('node_modules/.bin/tsx');

/** `src/cli.ts` with `args` under CI=true (plain logs): its exit code and output, whatever the code. */
export async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(TSX, ['src/cli.ts', ...args], { env: { ...process.env, CI: 'true' }, maxBuffer: 1 << 24 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Every table of an output folder, CSV and JSONL, by file name. */
export async function tables(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of TABLE_NAMES) for (const ext of ['csv', 'jsonl']) out[`${t}.${ext}`] = await readFile(path.join(dir, `${t}.${ext}`), 'utf8');
  return out;
}
