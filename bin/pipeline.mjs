#!/usr/bin/env node
// @ts-check
/**
 * `npm start` (and the `news-pipeline` command): runs the pipeline from an esbuild bundle of
 * `src/`, built into `dist/<id>/` the first time and again whenever a source file changes; `<id>`
 * is a hash of the sources' content, so a build is never stale and never half-written.
 *
 * Why: Node with the tsx loader (what `node --import tsx src/cli.ts` does) spends about 0.15 s
 * starting, in the main thread and in every worker thread, compiling some ninety modules. A run
 * with nothing to do takes 0.3 s that way and 0.17 s from the bundle; a full run starts its
 * workers sooner. Checking for a change reads and hashes the sources: about 3 ms.
 *
 * When `dist/` cannot be written (a read-only install), the sources run through tsx instead.
 * Tests and `npm run eval` run the sources directly (vitest, tsx); edit `src/`, never `dist/`.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = path.join(ROOT, 'src');
const DIST = path.join(ROOT, 'dist');
/** The thread entry points: the command line, and the workers of the extraction and emit pools (`src/pipeline.ts` finds them next to itself). */
const ENTRIES = ['cli.ts', 'worker.ts', 'render-worker.ts'];
/** Builds kept besides the current one: a run that started from an older build may still start workers from it. */
const KEEP = 3;

/** A hash of everything a build is made from: the sources, this file (it holds the build options), package.json. */
function buildId() {
  const hash = createHash('sha256');
  const add = (/** @type {string} */ file) => hash.update(`${path.relative(ROOT, file)}\0`).update(readFileSync(file)).update('\0');
  const walk = (/** @type {string} */ dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const file = path.join(dir, e.name);
      if (e.isDirectory()) walk(file);
      else add(file);
    }
  };
  walk(SRC);
  add(fileURLToPath(import.meta.url));
  add(path.join(ROOT, 'package.json'));
  return hash.digest('hex').slice(0, 16);
}

/** Builds into a fresh folder, then renames it into place: a concurrent run sees the whole build or none. */
async function build(/** @type {string} */ id) {
  const { build: esbuild } = await import('esbuild');
  mkdirSync(DIST, { recursive: true });
  const tmp = mkdtempSync(path.join(DIST, '.building-'));
  try {
    await esbuild({
      entryPoints: ENTRIES.map((e) => path.join(SRC, e)),
      outdir: tmp,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      splitting: true, // the worker and the command line share their modules
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external', // loaded from node_modules, as from the sources
      logLevel: 'error',
    });
    renameSync(tmp, path.join(DIST, id));
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    // Another run, started at the same time, put the same build in place first.
    if (!existsSync(path.join(DIST, id, 'cli.mjs'))) throw err;
  }
  prune(id);
}

/** Removes all but the newest builds, and what a killed build left behind (an hour old). */
function prune(/** @type {string} */ current) {
  try {
    const dirs = readdirSync(DIST, { withFileTypes: true })
      .filter((e) => e.isDirectory() && e.name !== current && /^(?:[0-9a-f]{16}|\.building-.*)$/.test(e.name))
      .map((e) => ({ dir: path.join(DIST, e.name), building: e.name.startsWith('.building-'), mtime: statSync(path.join(DIST, e.name)).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime);
    const builds = dirs.filter((d) => !d.building);
    const stale = [...builds.slice(KEEP - 1), ...dirs.filter((d) => d.building && d.mtime < Date.now() - 3600_000)];
    for (const d of stale) rmSync(d.dir, { recursive: true, force: true });
  } catch {
    // Tidying only: another run may be pruning too.
  }
}

/** Runs the sources through tsx in a child process (with the same arguments, output and exit code). */
function runSources(/** @type {string} */ why) {
  process.stderr.write(`note: cannot build into ${path.relative(process.cwd(), DIST) || DIST}/ (${why}); running the TypeScript sources through tsx\n`);
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(SRC, 'cli.ts'), ...process.argv.slice(2)], { stdio: 'inherit', cwd: process.cwd() });
  const forward = (/** @type {NodeJS.Signals} */ signal) => child.kill(signal);
  process.on('SIGINT', forward).on('SIGTERM', forward);
  child.on('exit', (code, signal) => {
    process.off('SIGINT', forward).off('SIGTERM', forward);
    if (signal) process.kill(process.pid, signal);
    else process.exitCode = code ?? 1;
  });
}

const id = buildId();
const cli = path.join(DIST, id, 'cli.mjs');
let built = existsSync(cli);
if (!built) {
  try {
    await build(id);
    built = true;
  } catch (err) {
    // A compile error in the sources is reported by esbuild itself (logLevel 'error'): the sources
    // would fail the same way through tsx. A folder that cannot be written is worked around.
    if (/** @type {{ errors?: unknown[] }} */ (err).errors?.length) process.exit(1);
    runSources(/** @type {NodeJS.ErrnoException} */ (err).code ?? /** @type {Error} */ (err).message);
  }
}
if (built) {
  /** @type {{ runCli(argv: readonly string[]): void }} */
  const { runCli } = await import(pathToFileURL(cli).href);
  runCli(process.argv.slice(2));
}
