import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { BUILD_DIR } from './paths.js';
import { writeFileAtomic } from './stages/emit.js';

/**
 * Values derived from data files by this build's code (parsed rules, the rule catalog), kept
 * in `dist/<build>/kept/` under a hash of the data they came from: edited data has another hash,
 * edited code is another build, so a kept value is never stale. Null when running from the
 * sources (tests, tsx): nothing is kept there.
 */
export const KEPT_DIR: string | null = BUILD_DIR ? path.join(BUILD_DIR, 'kept') : null;
/** Values kept per folder, newest first: enough for a few rules folders in turn. */
const KEEP = 16;

/** A kept value (structured-clone data: objects, arrays, Maps, Sets, RegExps), or null when there is none to read. */
export function readKept<T>(file: string): T | null {
  try {
    return deserialize(readFileSync(file)) as T;
  } catch {
    return null; // not kept yet, or unreadable: the caller derives it again
  }
}

/** Keeps a value (whole or not at all: several runs may start at once) and drops the oldest ones of its folder. */
export async function writeKept(file: string, value: unknown): Promise<void> {
  try {
    const dir = path.dirname(file);
    mkdirSync(dir, { recursive: true });
    await writeFileAtomic(file, serialize(value));
    const kept = readdirSync(dir)
      .filter((f) => f.endsWith('.v8'))
      .map((f) => ({ file: path.join(dir, f), mtime: statSync(path.join(dir, f)).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime);
    for (const old of kept.slice(KEEP)) rmSync(old.file, { force: true });
  } catch {
    // Keeping is an optimization: a read-only build derives the value on every run.
  }
}
