/**
 * A malformed `pipeline.config.ts` or rules file stops the run before any work: exit 2, a message
 * naming the file and field (and line, for rules), and nothing written: no new output folder,
 * and a previous output left exactly as it was.
 */
import { cp, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_EXTENSIONS, ROOT, RULES, cli, readRaw, sha256, tempDir, writeConfig } from './support.js';

let root: string;
let input: string;
let previous: string;
let snapshot: Map<string, string>;

/** Every file under `dir` (the cache too) with its content hash and modification time. */
async function fingerprint(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out.set(path.relative(dir, file), `${sha256(await readFile(file))} ${(await stat(file)).mtimeMs}`);
  }
  return out;
}

beforeAll(async () => {
  root = await tempDir('config');
  input = path.join(root, 'in');
  await mkdir(input);
  await writeFile(path.join(input, 'a.txt'), await readRaw('004_9d0597f215e0605a.txt'));
  previous = path.join(root, 'previous');
  const r = await cli(['--config', await writeConfig(root), '--input', input, '--output', previous]);
  expect(r.code, r.stderr).toBe(0);
  snapshot = await fingerprint(previous);
});

/** Runs with `args` twice, into a new folder and over the previous output; both must be refused. */
async function expectRefused(args: readonly string[], messages: readonly (string | RegExp)[]): Promise<void> {
  const fresh = path.join(root, `never-${Math.random().toString(36).slice(2)}`);
  for (const output of [fresh, previous]) {
    const r = await cli([...args, '--input', input, '--output', output]);
    expect(r.code, r.stderr).toBe(2);
    for (const m of messages) {
      if (typeof m === 'string') expect(r.stderr).toContain(m);
      else expect(r.stderr).toMatch(m);
    }
    expect(r.stderr).not.toMatch(/progress:|documents processed/);
  }
  await expect(stat(fresh)).rejects.toThrow(/ENOENT/);
  expect(await fingerprint(previous)).toEqual(snapshot);
}

/** A TypeScript config as a user writes it, with `defineConfig` from the project. */
async function tsConfig(name: string, body: string): Promise<string> {
  const file = path.join(root, name);
  await writeFile(file, `import { defineConfig } from ${JSON.stringify(path.join(ROOT, 'src/config.ts'))};\n\n${body}\n`);
  return file;
}

describe('a malformed pipeline.config.ts', () => {
  it('with wrong types: names the file and each field', async () => {
    const file = await tsConfig(
      'wrong-type.config.ts',
      `// tsx does not type-check: the schema is what catches these.\nexport default defineConfig({ rules: ${JSON.stringify(RULES)}, maxFileBytes: '10 MB' as unknown as number, extensions: ['.txt', 'html'], concurrency: -1 });`,
    );
    await expectRefused(['--config', file], [
      `error: ${file}: `,
      `${file}: maxFileBytes: Invalid input: expected number, received string\n`,
      `${file}: extensions[1]: write endings like ".txt"\n`,
      `${file}: concurrency: Too small: expected number to be >=0\n`,
    ]);
  });

  it('with an unknown key: names the key and the known ones', async () => {
    const file = await tsConfig('unknown-key.config.ts', `export default defineConfig({ rules: ${JSON.stringify(RULES)}, extentions: ${JSON.stringify(ALL_EXTENSIONS)} } as never);`);
    await expectRefused(['--config', file], [`error: ${file}: extentions: unknown key; known keys: input, output, rules, concurrency, extensions, maxFileBytes`]);
  });

  it('that does not load, or exports nothing', async () => {
    const broken = await tsConfig('broken.config.ts', 'export default defineConfig({ maxFileBytes: 1000,');
    await expectRefused(['--config', broken], [new RegExp(`error: ${broken.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: cannot load: `)]);
    const empty = await tsConfig('no-default.config.ts', 'export const config = defineConfig({});');
    await expectRefused(['--config', empty], [`error: ${empty}: must \`export default defineConfig({...})\``]);
  });
});

describe('a malformed rules file', () => {
  async function rulesWith(file: string, edit: (text: string) => string): Promise<string> {
    const dir = path.join(root, `rules-${Math.random().toString(36).slice(2)}`);
    await cp(RULES, dir, { recursive: true });
    await writeFile(path.join(dir, file), edit(await readFile(path.join(dir, file), 'utf8')));
    return dir;
  }

  it('with a wrong type: names the file, line and field', async () => {
    const dir = await rulesWith('furniture.yaml', (t) => t.replace('headingMaxWords: 20', 'headingMaxWords: twenty'));
    await expectRefused(['--config', await writeConfig(root), '--rules', dir], [`error: ${path.relative(ROOT, path.join(dir, 'furniture.yaml'))}:6: headingMaxWords: Invalid input: expected number, received string`]);
  });

  it('with broken YAML: names the file and line', async () => {
    let line = 0;
    const dir = await rulesWith('abbreviations.yaml', (t) => {
      line = t.split('\n').length + 1;
      return `${t}\nentries: [unclosed\n`;
    });
    await expectRefused(['--config', await writeConfig(root), '--rules', dir], [`error: ${path.relative(ROOT, path.join(dir, 'abbreviations.yaml'))}:${line}: invalid YAML: `]);
  });
});
