/**
 * `npm start` runs `bin/pipeline.mjs`: an esbuild bundle of src/ in dist/<id>/, rebuilt when a
 * source changes, with TypeScript configs compiled into dist/config/. The other tests run the
 * sources through tsx; these check that the bundle is the same program and that it is rebuilt.
 * Each test works on a copy of the project (its node_modules linked), so dist/ starts empty.
 */
import { execFile } from 'node:child_process';
import { access, appendFile, chmod, chown, cp, mkdir, mkdtemp, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLE_NAMES } from '../src/stages/emit.js';

const ROOT = path.resolve('.');
const NOBODY = 65534;

interface Result {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function exec(cmd: string, args: readonly string[], cwd: string, uid?: number): Promise<Result> {
  return new Promise((resolve) =>
    execFile(cmd, [...args], { cwd, env: { ...process.env, CI: 'true' }, maxBuffer: 1 << 26, ...(uid === undefined ? {} : { uid, gid: uid }) }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    ),
  );
}

/** `npm start -- ARGS` in the project copy `dir`. */
const start = (dir: string, args: readonly string[], uid?: number) => exec(process.execPath, ['bin/pipeline.mjs', ...args], dir, uid);

/** A copy of what a checkout has, with this checkout's node_modules linked in. */
async function projectCopy(name: string): Promise<string> {
  const dir = path.join(await mkdtemp(path.join(tmpdir(), `launcher-${name}-`)), 'project');
  await mkdir(dir);
  for (const entry of ['bin', 'src', 'rules', 'raw', 'package.json', 'pipeline.config.ts']) await cp(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
  await symlink(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

const builds = async (dir: string) => (await readdir(path.join(dir, 'dist')).catch(() => [] as string[])).filter((n) => /^[0-9a-f]{16}$/.test(n)).sort();

/** Every table file and the report, by name. */
async function outputs(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of [...TABLE_NAMES.flatMap((t) => [`${t}.csv`, `${t}.jsonl`]), 'report.html']) out[f] = await readFile(path.join(dir, f), 'utf8');
  return out;
}

describe('bin/pipeline.mjs (npm start)', () => {
  let project: string;
  let first: Result;
  beforeAll(async () => {
    project = await projectCopy('same');
    first = await start(project, ['--input', path.join(ROOT, 'raw'), '--output', 'out', '--concurrency', '2']);
  });

  it('builds the bundle on first use and writes the same tables and report as the sources run through tsx', async () => {
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/5 documents processed \(5 extracted, 0 from cache\), 0 failed/);
    const [id] = await builds(project);
    expect(await builds(project)).toEqual([id]);
    const files = await readdir(path.join(project, 'dist', id!));
    expect(files).toEqual(expect.arrayContaining(['cli.mjs', 'worker.mjs', 'render-worker.mjs']));
    // The same run from the sources, in a two-thread pool as above: the bundle's pool loads worker.mjs.
    const fromSources = path.join(await mkdtemp(path.join(tmpdir(), 'launcher-tsx-')), 'out');
    const tsx = await exec(path.join(ROOT, 'node_modules/.bin/tsx'), ['src/cli.ts', '--input', 'raw', '--output', fromSources, '--concurrency', '2', '--quiet'], ROOT);
    expect(tsx.code, tsx.stderr).toBe(0);
    const [bundled, sources] = [await outputs(path.join(project, 'out')), await outputs(fromSources)];
    expect(Object.keys(bundled)).toHaveLength(11);
    for (const f of Object.keys(sources)) expect(bundled[f], f).toBe(sources[f]);
  });

  it('reuses the build while no source changes, and builds anew when one does', async () => {
    const [id] = await builds(project);
    const built = (await stat(path.join(project, 'dist', id!, 'cli.mjs'))).mtimeMs;
    const again = await start(project, ['--input', path.join(ROOT, 'raw'), '--output', 'out']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/already up to date/);
    expect(await builds(project)).toEqual([id]);
    expect((await stat(path.join(project, 'dist', id!, 'cli.mjs'))).mtimeMs).toBe(built);

    await appendFile(path.join(project, 'src', 'cli.ts'), '\n// an edit\n');
    const help = await start(project, ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm start -- \[options\]/);
    const now = await builds(project);
    expect(now).toHaveLength(2);
    expect(now).toContain(id);
  });
});

describe('a TypeScript config run from the bundle', () => {
  it('is compiled on first use, and again when it changes', async () => {
    const project = await projectCopy('config');
    const config = (output: string) => `import { defineConfig } from './src/config.ts';\nexport default defineConfig({ input: 'raw', output: '${output}', concurrency: 1 });\n`;
    await writeFile(path.join(project, 'pipeline.config.ts'), config('out-a'));
    const a = await start(project, ['--quiet']);
    expect(a.code, a.stderr).toBe(0);
    expect((await readdir(path.join(project, 'dist', 'config'))).map((f) => path.extname(f)).sort()).toEqual(['.json', '.mjs']);
    await access(path.join(project, 'out-a', 'manifest.json'));

    await writeFile(path.join(project, 'pipeline.config.ts'), config('out-b'));
    const b = await start(project, ['--quiet']);
    expect(b.code, b.stderr).toBe(0);
    await access(path.join(project, 'out-b', 'manifest.json'));
  });

  it('that does not compile is a config error naming the file, line and column', async () => {
    const project = await projectCopy('bad-config');
    await writeFile(path.join(project, 'broken.config.ts'), "export default {{ input: 'raw' };\n");
    const r = await start(project, ['--config', 'broken.config.ts']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: broken.config.ts: cannot load: line 1:17: Expected identifier but found "{"\n');
  });
});

describe('a read-only install', () => {
  it('runs the sources through tsx when dist/ cannot be written', async (ctx) => {
    const project = await projectCopy('read-only');
    const out = path.join(path.dirname(project), 'out');
    await mkdir(out);
    await chown(out, NOBODY, NOBODY);
    await chmod(path.dirname(project), 0o755);
    // Run as an unprivileged user, who can read the project but not write to it (root writes anywhere).
    const probe = await exec(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(path.join(ROOT, 'node_modules/tsx/package.json'))})`], project, NOBODY);
    if (probe.code !== 0) ctx.skip(`user ${NOBODY} cannot run node on this checkout (${probe.stderr.split('\n')[0]})`);
    const r = await start(project, ['--output', out], NOBODY);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^note: cannot build into dist\/ \(EACCES\); running the TypeScript sources through tsx\n/);
    expect(r.stderr).toMatch(/5 documents processed/);
    expect(await builds(project)).toEqual([]);
    await access(path.join(out, 'commitments.csv'));
  });
});
