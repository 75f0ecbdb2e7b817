import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from './paths.js';
import { writeFileAtomic } from './stages/emit.js';
import { sha256Hex } from './stages/ingest.js';

/** Config files that need compiling: TypeScript. */
const TYPESCRIPT = /\.[mc]?tsx?$/i;
/** This module is TypeScript itself when run through tsx or vitest: Node then imports TypeScript as it is. */
const UNDER_TS_LOADER = import.meta.url.endsWith('.ts');

/** Where compiled configs are kept, one per config file path (`CONFIG_CACHE/<hash>.mjs` and its `.json` stamp). */
export const CONFIG_CACHE = path.join(PROJECT_ROOT, 'dist', 'config');

/** A compiled config's stamp: every local file the bundle read, with the hash of its content then. */
interface Stamp {
  readonly inputs: readonly (readonly [file: string, sha256: string])[];
}

const hashFile = (file: string) => sha256Hex(readFileSync(file));

/**
 * Imports a config module. A TypeScript config needs a loader: under tsx or vitest it is imported
 * as it is; from a build (`bin/pipeline.mjs` runs without a loader, for a faster start) esbuild
 * bundles it with the local files it imports (packages stay imports) into `dist/config/`, again
 * only when one of those files changed: a run reads and hashes them, a millisecond, where
 * compiling costs some 40 ms and loading tsx 120 ms. When that folder cannot be written, tsx
 * loads the config instead.
 */
export async function importConfig(file: string): Promise<{ default?: unknown }> {
  const abs = path.resolve(file);
  if (UNDER_TS_LOADER || !TYPESCRIPT.test(abs)) return (await import(pathToFileURL(abs).href)) as { default?: unknown };
  const compiled = (await cachedConfig(abs)) ?? (await compileConfig(abs));
  if (compiled) return (await import(pathToFileURL(compiled).href)) as { default?: unknown };
  const { tsImport } = await import('tsx/esm/api');
  return (await tsImport(pathToFileURL(abs).href, import.meta.url)) as { default?: unknown };
}

function cacheBase(abs: string): string {
  return path.join(CONFIG_CACHE, createHash('sha256').update(abs).digest('hex').slice(0, 16));
}

/** The compiled config for `abs` when none of the files it was compiled from has changed since. */
async function cachedConfig(abs: string): Promise<string | null> {
  const base = cacheBase(abs);
  try {
    const stamp = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as Stamp;
    return stamp.inputs.length > 0 && stamp.inputs.every(([f, sha]) => hashFile(f) === sha) ? `${base}.mjs` : null;
  } catch {
    return null; // no stamp yet, or a file it names is gone
  }
}

/** Bundles the config into the cache; null when the cache folder cannot be written. */
async function compileConfig(abs: string): Promise<string | null> {
  const { build } = await import('esbuild');
  const workDir = path.dirname(abs);
  const result = await build({
    entryPoints: [abs],
    absWorkingDir: workDir,
    bundle: true,
    packages: 'external',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    metafile: true,
    logLevel: 'silent',
  }).catch((err: { errors?: { text: string; location: { line: number; column: number } | null }[] }) => {
    // esbuild's own message starts "Build failed with 1 error:"; the first error is what to fix.
    const first = err.errors?.[0];
    throw first ? new Error(`${first.location ? `line ${first.location.line}:${first.location.column + 1}: ` : ''}${first.text}`) : err;
  });
  const base = cacheBase(abs);
  const stamp: Stamp = { inputs: Object.keys(result.metafile.inputs).map((f) => path.resolve(workDir, f)).sort().map((f) => [f, hashFile(f)] as const) };
  try {
    mkdirSync(CONFIG_CACHE, { recursive: true });
    // Each file whole or not at all (several runs may start at once); the stamp last.
    await writeFileAtomic(`${base}.mjs`, result.outputFiles[0]!.contents);
    await writeFileAtomic(`${base}.json`, `${JSON.stringify(stamp)}\n`);
    return `${base}.mjs`;
  } catch {
    return null;
  }
}
