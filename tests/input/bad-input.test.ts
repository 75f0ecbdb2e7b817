/**
 * Bad input never costs good data: each kind of bad file is reported with its file (and line),
 * the run exits 3, and the tables are exactly what the good documents alone give.
 */
import { execFile } from 'node:child_process';
import { chmod, mkdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, readRaw, run, shareWith, tableBytes, tempDir, writeConfig } from './support.js';

const LIMIT = 64 * 1024;
const NOBODY = 65534;

let config: string;
let baseline: Record<string, string>;

/** The good documents every case holds: two articles and an export with two good records. */
async function writeGood(dir: string, exportLines?: readonly string[]): Promise<void> {
  await writeFile(path.join(dir, 'a.txt'), await readRaw('001_4785fa3551a2d649.txt'));
  await writeFile(path.join(dir, 'b.md'), `---\ntitle: Defence talks\npublished: 2024-03-05\n---\n${await readRaw('004_9d0597f215e0605a.txt')}`);
  await writeFile(path.join(dir, 'export.jsonl'), `${(exportLines ?? (await goodExportLines())).join('\n')}\n`);
}

async function goodExportLines(): Promise<string[]> {
  return [
    JSON.stringify({ id: 'r1', title: 'Vietnam and Laos', published: '2024-03-06', url: 'https://example.com/r1', source: 'Example News', text: await readRaw('003_47b344d10eea0029.txt') }),
    '',
    JSON.stringify({ id: 'r3', body: await readRaw('002_5604f4d1055f9bf5.txt') }),
  ];
}

/** Runs the pipeline on `input` and checks the exit code, the failures and every table. */
async function expectOnlyTheseFailures(input: string, expected: readonly (string | RegExp)[], options: { uid?: number } = {}): Promise<void> {
  const output = path.join(path.dirname(input), 'out');
  if (options.uid !== undefined) {
    await mkdir(output);
    await shareWith(options.uid, [path.dirname(input), input], [output]);
  }
  const r = await cli(['--config', config, '--input', input, '--output', output], options);
  expect(r.stderr).not.toMatch(/unexpected error/);
  expect(r.code, r.stderr).toBe(3);
  const manifest = JSON.parse(await readFile(path.join(output, 'manifest.json'), 'utf8')) as { failures: { source: string; error: string }[]; inputs: { source: string }[] };
  const errors = manifest.failures.map((f) => f.error);
  expect(errors).toHaveLength(expected.length);
  for (const e of expected) {
    expect(errors).toContainEqual(typeof e === 'string' ? e : expect.stringMatching(e));
    const line = r.stderr.split('\n').find((l) => (typeof e === 'string' ? l === `failed: ${e}` : e.test(l.replace(/^failed: /, ''))));
    expect(line, `stderr reports ${String(e)}`).toBeDefined();
  }
  expect(manifest.inputs.map((i) => i.source)).toEqual(['a.txt', 'b.md', 'export.jsonl#1', 'export.jsonl#3']);
  // Every row of every good document is there, and nothing else: the tables are the baseline's.
  expect(await tableBytes(output)).toEqual(baseline);
}

async function caseDir(name: string): Promise<string> {
  const dir = path.join(await tempDir(`bad-${name}`), 'in');
  await mkdir(dir);
  await writeGood(dir);
  return dir;
}

/**
 * Can a child process run the pipeline as the unprivileged user? It must be able to switch user,
 * and to read this checkout (a clone inside a 0700 folder, as `mktemp -d` makes, is not).
 */
function canSwitchUser(): Promise<boolean> {
  const probe = `require('fs').accessSync(${JSON.stringify(path.resolve('src/cli.ts'))}, require('fs').constants.R_OK); require('fs').accessSync(${JSON.stringify(path.resolve('node_modules/tsx/package.json'))}, require('fs').constants.R_OK)`;
  return new Promise((resolve) => execFile(process.execPath, ['-e', probe], { uid: NOBODY, gid: NOBODY }, (err) => resolve(!err)));
}

beforeAll(async () => {
  const root = await tempDir('bad');
  config = await writeConfig(root, { maxFileBytes: LIMIT });
  await chmod(root, 0o755);
  const input = path.join(root, 'good');
  await mkdir(input);
  await writeGood(input);
  const output = path.join(root, 'good-out');
  const r = await cli(['--config', config, '--input', input, '--output', output]);
  expect(r.code, r.stderr).toBe(0);
  baseline = await tableBytes(output);
});

describe('bad input is reported, and every good document is fully written', () => {
  it('an empty file', async () => {
    const dir = await caseDir('empty');
    await writeFile(path.join(dir, 'empty.txt'), '');
    await writeFile(path.join(dir, 'blank.md'), ' \n\t\r\n');
    await expectOnlyTheseFailures(dir, ['empty.txt: file is empty', 'blank.md: file has no text (only whitespace)']);
  });

  it('a binary file with a text ending', async () => {
    const dir = await caseDir('binary');
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256))]);
    await writeFile(path.join(dir, 'photo.txt'), png);
    await writeFile(path.join(dir, 'archive.html'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0x08, 0]));
    await expectOnlyTheseFailures(dir, ['photo.txt: file looks binary (NUL or control bytes), not article text', 'archive.html: file looks binary (NUL or control bytes), not article text']);
  });

  it('a file over the configured size limit', async () => {
    const dir = await caseDir('big');
    await writeFile(path.join(dir, 'big.txt'), 'The minister said the talks went well. '.repeat(4000));
    const size = (await stat(path.join(dir, 'big.txt'))).size;
    await expectOnlyTheseFailures(dir, [`big.txt: file is ${size} bytes, over the limit of ${LIMIT} bytes (maxFileBytes); skipped`]);
  });

  it('an unreadable file', async (ctx) => {
    const dir = await caseDir('unreadable');
    const file = path.join(dir, 'locked.txt');
    await writeFile(file, await readRaw('000_8480816ee8cbe7ef.txt'));
    await chmod(file, 0o000);
    const root = process.getuid?.() === 0;
    // Root reads any file whatever its mode, so the run goes as an unprivileged user then.
    if (root && !(await canSwitchUser())) ctx.skip('running as root, and no child process can run the pipeline as an unprivileged user (cannot switch user, or cannot read this checkout): a file mode cannot make a file unreadable to root');
    await expectOnlyTheseFailures(dir, ['locked.txt: cannot read file: EACCES (permission denied)'], root ? { uid: NOBODY } : {});
  });

  it('a malformed JSONL line and a record without text', async () => {
    const dir = await caseDir('jsonl');
    const [first, , third] = await goodExportLines();
    await writeFile(path.join(dir, 'export.jsonl'), [first, '{"text": "Vietnam and Laos agreed to', third, '{"title": "No text here"}', ''].join('\r\n'));
    await writeFile(path.join(dir, 'list.json'), '[\n  {"text": "The ministers met."},\n  {"text": oops}\n]\n');
    await expectOnlyTheseFailures(dir, [
      'export.jsonl:2: not valid JSON at column 10: unterminated string; line skipped',
      'export.jsonl:4: record has no "text", "body" or "content" field; line skipped',
      'list.json:3: not valid JSON at column 12: unexpected "o"; file skipped',
    ]);
  });

  it('symbolic link loops and broken links', async () => {
    const dir = await caseDir('links');
    await mkdir(path.join(dir, 'sub'));
    await symlink('..', path.join(dir, 'sub', 'loop'));
    await symlink('self.txt', path.join(dir, 'self.txt'));
    await symlink('missing.txt', path.join(dir, 'dangling.txt'));
    await expectOnlyTheseFailures(dir, ['sub/loop: symbolic link loop: this folder was already read, skipped', 'self.txt: symbolic link loop, skipped', 'dangling.txt: broken link: ENOENT (no such file)']);
  });

  it('a FIFO with a text ending is reported, never opened', async () => {
    const dir = await caseDir('fifo');
    await run('mkfifo', [path.join(dir, 'pipe.txt')]);
    await expectOnlyTheseFailures(dir, ['pipe.txt: not a regular file (FIFO, socket or device), skipped']);
  });

  it('an HTML page with no article text', async () => {
    const dir = await caseDir('html');
    await writeFile(path.join(dir, 'menu.html'), '<html><head><title>Menu</title><script>var story = "The minister pledged to act.";</script></head><body><nav><a href="/">Home</a></nav></body></html>');
    await expectOnlyTheseFailures(dir, ['menu.html: no article text in the HTML (only markup, scripts or navigation)']);
  });

  it('all of them at once', async () => {
    const dir = await caseDir('all');
    await writeFile(path.join(dir, 'empty.txt'), '');
    await writeFile(path.join(dir, 'photo.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    await writeFile(path.join(dir, 'big.txt'), 'x'.repeat(LIMIT + 1));
    const [first, , third] = await goodExportLines();
    await writeFile(path.join(dir, 'export.jsonl'), [first, '{oops', third].join('\n'));
    await mkdir(path.join(dir, 'sub'));
    await symlink('..', path.join(dir, 'sub', 'loop'));
    await expectOnlyTheseFailures(dir, [
      'empty.txt: file is empty',
      'photo.txt: file looks binary (NUL or control bytes), not article text',
      `big.txt: file is ${LIMIT + 1} bytes, over the limit of ${LIMIT} bytes (maxFileBytes); skipped`,
      'export.jsonl:2: not valid JSON at column 2: expected a property name in double quotes, found "o"; line skipped',
      'sub/loop: symbolic link loop: this folder was already read, skipped',
    ]);
  });
});

describe('a link to a folder already read is not a loop', () => {
  it('reads the files once, under their first path, and reports nothing', async () => {
    const dir = await caseDir('twice');
    await mkdir(path.join(dir, 'real'));
    await writeFile(path.join(dir, 'real', 'c.txt'), `${await readRaw('000_8480816ee8cbe7ef.txt')}\nA copy.\n`);
    await symlink('real', path.join(dir, 'zlink'));
    const root = path.dirname(dir);
    const output = path.join(root, 'out');
    const r = await cli(['--config', config, '--input', dir, '--output', output]);
    expect(r.code, r.stderr).toBe(0);
    const manifest = JSON.parse(await readFile(path.join(output, 'manifest.json'), 'utf8')) as { inputs: { source: string }[] };
    expect(manifest.inputs.map((i) => i.source)).toEqual(['a.txt', 'b.md', 'export.jsonl#1', 'export.jsonl#3', 'real/c.txt']);
  });
});
