/**
 * `npm run bench [-- --corpus DIR] [--runs N]`: measures whole pipeline processes (wall time and
 * peak RSS from /usr/bin/time) and prints one table:
 *   - a cold full run (fresh output folder) on the corpus: wall time, MB/s, articles/s, peak RSS;
 *   - a bare single-core wink-nlp readDoc pass over the same files (the reference floor), and the ratio;
 *   - a no-op re-run on unchanged input, and its share of the full run;
 *   - an incremental run after adding one article;
 *   - the full run on a 4x corpus (the corpus copied four times, each copy made distinct);
 *   - the libraries alone: wink-nlp, chrono-node and compromise given exactly what the pipeline
 *     gives them, one process per core (`libraries.ts`), so that the floor ratio splits into
 *     what the libraries cost and what the rest of the pipeline costs.
 * The full run, no-op re-run, floor, libraries and 4x run take turns in each of N rounds (default 3);
 * times are medians over the rounds, ratios medians of each round's ratio. Defaults to
 * ../shared/corpus/bbc-all; when that is absent, a corpus is generated from raw/.
 */
import { execFile } from 'node:child_process';
import { access, cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { BATCH_V8_FLAGS } from '../v8-tuning.js';

const run = promisify(execFile);
// Exactly what `npm start` runs: Node on the launcher, which runs the bundle of src/ (no second process).
const NODE = process.execPath;
const LAUNCHER = 'bin/pipeline.mjs';

interface Measure {
  readonly seconds: number;
  readonly rssMb: number;
}

/** Runs a command under /usr/bin/time and returns its wall time and peak RSS (the whole process and its threads). */
async function measure(cmd: string, args: string[]): Promise<Measure> {
  const report = path.join(tmpdir(), `bench-time-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const hasTime = await access('/usr/bin/time').then(() => true, () => false);
  if (!hasTime) {
    const t0 = performance.now();
    await run(cmd, args, { maxBuffer: 1 << 26 });
    return { seconds: (performance.now() - t0) / 1000, rssMb: NaN };
  }
  try {
    await run('/usr/bin/time', ['-f', '%e %M', '-o', report, cmd, ...args], { maxBuffer: 1 << 26, env: { ...process.env, CI: 'true' } });
  } catch (err) {
    const code = (err as { code?: number }).code;
    if (code !== 3) throw err; // 3: some documents failed, still a complete run
  }
  const [seconds, kb] = (await readFile(report, 'utf8')).trim().split(/\s+/).slice(-2).map(Number);
  await rm(report, { force: true });
  return { seconds: seconds!, rssMb: kb! / 1024 };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function repeat(n: number, before: () => Promise<void>, cmd: string, args: () => string[]): Promise<Measure> {
  const ms: Measure[] = [];
  for (let i = 0; i < n; i++) {
    await before();
    ms.push(await measure(cmd, args()));
  }
  return { seconds: median(ms.map((m) => m.seconds)), rssMb: median(ms.map((m) => m.rssMb)) };
}

async function corpusStats(dir: string): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  const walk = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) await walk(full);
      else if (/\.(txt|md)$/i.test(e.name)) {
        files++;
        bytes += (await stat(full)).size;
      }
    }
  };
  await walk(dir);
  return { files, bytes };
}

/** Copies every article of `from` into `to` `times` times, each copy made distinct by a last line. */
async function replicate(from: string, to: string, times: number): Promise<void> {
  const walk = async (d: string, rel: string) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) await walk(full, path.join(rel, e.name));
      else if (/\.(txt|md)$/i.test(e.name)) {
        const text = await readFile(full, 'utf8');
        for (let k = 0; k < times; k++) {
          const dir = path.join(to, `copy${k}`, rel);
          await mkdir(dir, { recursive: true });
          await writeFile(path.join(dir, e.name), `${text}\n\nCopy ${k + 1} of this article.\n`);
        }
      }
    }
  };
  await walk(from, '');
}

/**
 * The floor script, bundled as the pipeline is and run by plain Node like it: through tsx it
 * would pay the loader's start (0.15 s) that the pipeline does not.
 */
async function bundle(script: 'wink-floor' | 'libraries'): Promise<string> {
  const outfile = path.resolve('dist', 'bench', `${script}.mjs`);
  const { build } = await import('esbuild');
  await build({ entryPoints: [`src/bench/${script}.ts`], outfile, bundle: true, packages: 'external', format: 'esm', platform: 'node', target: 'node20', logLevel: 'error' });
  return outfile;
}

/**
 * The libraries' calls of a full run, replayed by one process per core at once, each with the
 * V8 flags the pipeline's workers get when they fill every core: the wall time of the slowest.
 */
async function measureLibraries(script: string, recorded: string, cores: number): Promise<Measure> {
  const parts = await Promise.all(Array.from({ length: cores }, (_, i) => measure(NODE, [...BATCH_V8_FLAGS, script, 'replay', recorded, String(i), String(cores)])));
  return { seconds: Math.max(...parts.map((m) => m.seconds)), rssMb: parts.reduce((sum, m) => sum + m.rssMb, 0) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { corpus: { type: 'string' }, runs: { type: 'string', default: '3' } } });
  const runs = Math.max(1, Number(values.runs));
  const work = await mkdtemp(path.join(tmpdir(), 'bench-'));
  let corpus = values.corpus ?? path.join('..', 'shared', 'corpus', 'bbc-all');
  let generated = false;
  if (!(await access(corpus).then(() => true, () => false))) {
    // No corpus here: generate one from the sample articles (100 distinct copies of each).
    corpus = path.join(work, 'generated');
    await replicate('raw', corpus, 100);
    generated = true;
  }
  // A writable copy, so that an article can be added for the incremental run.
  const input = path.join(work, 'input');
  await cp(corpus, input, { recursive: true });
  const { files, bytes } = await corpusStats(input);
  const mb = bytes / 1e6;
  const out = path.join(work, 'out');
  const cli = (i: string, o: string, ...extra: string[]) => [LAUNCHER, '--input', i, '--output', o, '--quiet', ...extra];
  const log = (s: string) => process.stderr.write(`${s}\n`);
  // The launcher builds its bundle once, on first use (or after a source changed): not measured.
  await run(NODE, [LAUNCHER, '--help']);
  const floor = await bundle('wink-floor');
  const libraries = await bundle('libraries');
  const cores = availableParallelism();
  // What the pipeline hands each library, recorded once on one thread (not measured).
  const recorded = path.join(work, 'libraries.json');
  await run(NODE, [libraries, 'record', input, recorded], { maxBuffer: 1 << 26 });

  const input4 = path.join(work, 'input4');
  await replicate(corpus, input4, 4);
  const out4 = path.join(work, 'out4');

  log(`corpus: ${path.relative(process.cwd(), corpus) || corpus}${generated ? ' (generated)' : ''}: ${files} articles, ${mb.toFixed(2)} MB; ${runs} rounds`);
  // The runs that are compared with one another take turns, round after round: this machine's
  // speed drifts (the floor has taken 2.5 s one hour and 4.7 s another), and blocks of one kind
  // of run measured minutes apart would compare two different machines. Each ratio is the median
  // of its rounds' ratios.
  const rounds: { full: Measure; noop: Measure; wink: Measure; libs: Measure; full4: Measure }[] = [];
  for (let i = 1; i <= runs; i++) {
    await rm(out, { recursive: true, force: true });
    const full = await measure(NODE, cli(input, out));
    const noop = await measure(NODE, cli(input, out));
    const wink = await measure(NODE, [floor, input]);
    const libs = await measureLibraries(libraries, recorded, cores);
    await rm(out4, { recursive: true, force: true });
    const full4 = await measure(NODE, cli(input4, out4));
    rounds.push({ full, noop, wink, libs, full4 });
    log(`round ${i}/${runs}: full ${full.seconds.toFixed(2)} s, no-op ${noop.seconds.toFixed(2)} s, wink floor ${wink.seconds.toFixed(2)} s, libraries ${libs.seconds.toFixed(2)} s, 4x corpus ${full4.seconds.toFixed(2)} s`);
  }
  const med = (pick: (r: (typeof rounds)[number]) => Measure): Measure => ({
    seconds: median(rounds.map((r) => pick(r).seconds)),
    rssMb: median(rounds.map((r) => pick(r).rssMb)),
  });
  const ratio = (f: (r: (typeof rounds)[number]) => number) => median(rounds.map(f));
  const full = med((r) => r.full);
  const noop = med((r) => r.noop);
  const wink = med((r) => r.wink);
  const full4 = med((r) => r.full4);
  const libs = med((r) => r.libs);
  const libsOverFloor = ratio((r) => r.libs.seconds / r.wink.seconds);
  const overFloor = ratio((r) => r.full.seconds / r.wink.seconds);
  const noopShare = ratio((r) => r.noop.seconds / r.full.seconds);
  const time4 = ratio((r) => r.full4.seconds / r.full.seconds);
  const rss4 = ratio((r) => r.full4.rssMb / r.full.rssMb);

  // Last: each incremental run adds an article to the input the other runs read.
  log('incremental runs (one article added each time)...');
  let added = 0;
  const sample = (await readdir(input, { recursive: true })).find((f) => /\.(txt|md)$/.test(String(f)))!;
  const incremental = await repeat(
    runs,
    async () => {
      const text = await readFile(path.join(input, String(sample)), 'utf8');
      await writeFile(path.join(input, `added-${++added}.txt`), `${text}\n\nAdded article ${added}.\n`);
    },
    NODE,
    () => cli(input, out),
  );

  const row = (name: string, m: Measure, extra = '') =>
    `| ${name.padEnd(34)} | ${m.seconds.toFixed(2).padStart(8)} | ${Number.isNaN(m.rssMb) ? '     n/a' : m.rssMb.toFixed(0).padStart(8)} | ${extra}`;
  const lines = [
    `corpus: ${files} articles, ${mb.toFixed(2)} MB${generated ? ' (generated from raw/)' : ''}; medians of ${runs} runs; ratios are medians of per-round ratios; ${cores} cores`,
    '',
    `| ${'run'.padEnd(34)} | ${'wall s'.padStart(8)} | ${'peak MB'.padStart(8)} | notes`,
    `|${'-'.repeat(36)}|${'-'.repeat(10)}|${'-'.repeat(10)}|------`,
    row('full run, cold', full, `${(mb / full.seconds).toFixed(2)} MB/s, ${(files / full.seconds).toFixed(0)} articles/s`),
    row('bare wink readDoc, 1 core (floor)', wink, `${(mb / wink.seconds).toFixed(2)} MB/s`),
    row('no-op re-run', noop, `${(noopShare * 100).toFixed(2)}% of the full run`),
    row('incremental, one article added', incremental, `${((incremental.seconds / full.seconds) * 100).toFixed(2)}% of the full run`),
    row('full run, 4x corpus', full4, `${time4.toFixed(2)}x the time, ${rss4.toFixed(2)}x the peak RSS`),
    row(`libraries alone, ${cores} processes`, libs, `${libsOverFloor.toFixed(2)}x the floor; peak MB is the processes' sum`),
    '',
    `full run / wink floor: ${overFloor.toFixed(2)}x (target <= 2x)`,
    `libraries alone / wink floor: ${libsOverFloor.toFixed(2)}x: the rest of the run adds about ${(overFloor - libsOverFloor).toFixed(2)}x, and the target leaves it ${(2 - libsOverFloor).toFixed(2)}x`,
    `no-op / full: ${(noopShare * 100).toFixed(2)}% (target <= 3%)`,
    `4x corpus: ${time4.toFixed(2)}x time (target <= 4.4x), ${rss4.toFixed(2)}x peak RSS (target <= 1.3x)`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  await rm(work, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
});
