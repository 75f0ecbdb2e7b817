/**
 * Interrupting a run with SIGKILL (kill -9) never leaves a half-written or inconsistent table:
 * the previous output stays exactly as it was, and the next run picks up cleanly, cached
 * extractions included, leaving no staging folders behind.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedKeys } from '../../src/cache.js';
import { RAW_FILES, cli, expectConsistentOutput, readRaw, sha256, startCli, tempDir, writeConfig } from './support.js';

const COPIES = 60; // 60 copies of the 5 sample articles: 300 documents

let root: string;
let input: string;
let output: string;
let config: string;

/** The corpus: every sample article many times, each copy made distinct by its own closing lines. */
async function writeCorpus(version: number): Promise<string[]> {
  const samples = await Promise.all(RAW_FILES.map(readRaw));
  const written: string[] = [];
  for (let k = 0; k < COPIES; k++) {
    const dir = path.join(input, `batch-${String(Math.floor(k / 10)).padStart(2, '0')}`);
    await mkdir(dir, { recursive: true });
    for (const [i, text] of samples.entries()) {
      const name = `${String(k).padStart(3, '0')}-${i}.txt`;
      // Version 2 changes every fifth copy, drops copies 50-53 and adds new ones below.
      if (version === 2 && k >= 50 && k < 54) {
        await rm(path.join(dir, name), { force: true });
        continue;
      }
      const changed = version === 2 && k % 5 === 0 ? `\nThe ministers agreed to meet again in ${2030 + k} (revised).\n` : '';
      await writeFile(path.join(dir, name), `${text}\nReference ${k}-${i}: filed by desk ${k % 7}.\n${changed}`);
      written.push(path.relative(input, path.join(dir, name)));
    }
  }
  if (version === 2) {
    await mkdir(path.join(input, 'new'), { recursive: true });
    for (const [i, text] of samples.entries()) {
      await writeFile(path.join(input, 'new', `late-${i}.txt`), `${text}\nA late addition ${i}.\n`);
      written.push(`new/late-${i}.txt`);
    }
  } else await rm(path.join(input, 'new'), { recursive: true, force: true });
  return written.sort();
}

/** Documents in the extraction cache: distinct keys in its pack indexes. */
async function cacheEntries(): Promise<number> {
  return cachedKeys(path.join(output, '.cache')).length;
}

const stagingFolders = async () => (await readdir(output).catch(() => [] as string[])).filter((f) => f.startsWith('.staging-'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts a run and SIGKILLs its whole process group as soon as `ready` holds. */
async function runAndKill(ready: () => Promise<boolean>): Promise<{ killed: boolean; code: number | null; stderr: string }> {
  const { child, done } = startCli(['--config', config, '--input', input, '--output', output, '--concurrency', '2']);
  let exited = false;
  void done.then(() => (exited = true));
  const deadline = Date.now() + 300_000;
  while (!exited && Date.now() < deadline) {
    if (await ready()) {
      process.kill(-child.pid!, 'SIGKILL');
      const r = await done;
      return { killed: r.signal === 'SIGKILL', code: r.code, stderr: r.stderr };
    }
    await sleep(10);
  }
  const r = await done;
  return { killed: false, code: r.code, stderr: r.stderr };
}

/** The output files (tables, manifest and any other), byte for byte. */
async function snapshot(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of (await readdir(output)).filter((n) => !n.startsWith('.')).sort()) out[f] = sha256(await readFile(path.join(output, f)));
  return out;
}

const TABLE_FILE = /\.(csv|jsonl)$|^manifest\.json$/;

beforeAll(async () => {
  root = await tempDir('kill');
  input = path.join(root, 'in');
  output = path.join(root, 'out');
  config = await writeConfig(root, { concurrency: 2 });
  await writeCorpus(1);
});

// The outputs of 300 articles are large; other test folders are small and left for inspection.
afterAll(() => rm(root, { recursive: true, force: true }));

describe('kill -9 in the middle of a run', { timeout: 900_000 }, () => {
  let complete: Record<string, string>;
  let v2: string[];

  it('on a first run: leaves no table at all, and the next run completes from where it stopped', async () => {
    const run0 = await runAndKill(async () => (await cacheEntries()) >= 20);
    expect(run0.killed, `the run finished before it could be killed: ${run0.stderr}`).toBe(true);
    expect((await readdir(output)).filter((f) => TABLE_FILE.test(f))).toEqual([]);
    const runA = await cli(['--config', config, '--input', input, '--output', output]);
    expect(runA.code, runA.stderr).toBe(0);
    const manifest = await expectConsistentOutput(output);
    expect(manifest.inputs).toHaveLength(COPIES * 5);
    complete = await snapshot();
    // The killed run's finished extractions are reused (one being written when killed may not be).
    const cached = Number(/\((\d+) extracted, (\d+) from cache\)/.exec(runA.stderr)?.[2]);
    expect(cached).toBeGreaterThanOrEqual(10);
  });

  it('while extracting, over a complete output: the previous output stays intact and consistent', async () => {
    v2 = await writeCorpus(2);
    const before = await cacheEntries();
    const runB = await runAndKill(async () => (await cacheEntries()) >= before + 10);
    expect(runB.killed, `the run finished before it could be killed: ${runB.stderr}`).toBe(true);
    expect(await snapshot()).toEqual(complete);
    await expectConsistentOutput(output);
    expect(v2.length).toBe(COPIES * 5 - 20 + 5);
  });

  it('while writing the tables: the previous output stays intact and consistent', async () => {
    const runC = await runAndKill(async () => (await stagingFolders()).length > 0);
    const manifest = await expectConsistentOutput(output);
    if (runC.killed) expect(await snapshot()).toEqual(complete);
    else expect(manifest.inputs).toHaveLength(COPIES * 5 - 20 + 5);
  });

  it('then the next run completes cleanly, with the new input, and leaves no staging folder', async () => {
    const runD = await cli(['--config', config, '--input', input, '--output', output]);
    expect(runD.code, runD.stderr).toBe(0);
    const manifest = await expectConsistentOutput(output);
    expect(manifest.inputs.map((i) => i.source)).toEqual(v2);
    expect(manifest.failures).toEqual([]);
    expect(await stagingFolders()).toEqual([]);
    expect((await readdir(output)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
