import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's folder (where package.json is). Modules find their files from here, not from
 * their own location: the same code runs from `src/` (tsx, vitest) and bundled into
 * `dist/<build>/` (`bin/pipeline.mjs`), at different depths.
 */
export const PROJECT_ROOT: string = findRoot(path.dirname(fileURLToPath(import.meta.url)));

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

/** Where the TypeScript sources are: the report's assets and the rule catalog read them at run time. */
export const SRC_DIR: string = path.join(PROJECT_ROOT, 'src');

/**
 * The build this code runs from (`dist/<id>/`, see `bin/pipeline.mjs`), or null when it runs from
 * the sources. What is derived from code and data together (parsed rules) can be kept here: a
 * change to either makes a new build or a new key.
 */
export const BUILD_DIR: string | null = import.meta.url.endsWith('.ts') ? null : path.dirname(fileURLToPath(import.meta.url));
