import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tables } from './cli.js';

/**
 * An invented article of about `bytes` bytes: one meeting sentence after another, with names,
 * places and dates, so every extractor has work on every line.
 */
function bigArticle(bytes: number): string {
  const people = ['Anna Berg', 'Tomas Lind', 'Maria Costa', 'Jon Park', 'Lea Novak'];
  const places = ['Oslo', 'Lisbon', 'Seoul', 'Prague', 'Vienna'];
  const lines = ['Annual trade report', '', 'Published 3 March 2024.', ''];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = `${people[i % 5]} met trade officials in ${places[(i * 3) % 5]} on ${(i % 28) + 1} May ${2000 + (i % 25)}, the ministry said.`;
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join('\n')}\n`;
}

describe('the worker pool', () => {
  it('extracts on the main thread an article whose worker runs out of heap, with the same tables as a run without workers', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'pool-oom-'));
    const input = path.join(dir, 'in');
    await mkdir(input);
    // About a megabyte: a worker thread limited to 64 MB of heap runs out while extracting it.
    await writeFile(path.join(input, 'big.txt'), bigArticle(1_000_000));
    await writeFile(path.join(input, 'small.txt'), 'Harbour note\n\nPublished 4 March 2024.\n\nJon Park visited Oslo on Monday.\n');
    const config = path.join(dir, 'small-heap.config.mjs');
    await writeFile(config, 'export default { workerHeapMb: 64 };\n');
    const common = ['--input', input, '--config', config, '--rules', path.resolve('rules')];

    const pooled = await cli([...common, '--output', path.join(dir, 'pooled'), '--concurrency', '2']);
    expect(pooled.code).toBe(0);
    expect(pooled.stderr).toContain('warning: big.txt: a worker thread ran out of heap (workerHeapMb: 64) while it held this article; extracted on the main thread');
    expect(pooled.stderr).toMatch(/2 documents processed \(2 extracted, 0 from cache\), 0 failed/);

    const inline = await cli([...common, '--output', path.join(dir, 'inline'), '--concurrency', '1']);
    expect(inline.code).toBe(0);
    expect(inline.stderr).not.toContain('warning');
    const got = await tables(path.join(dir, 'pooled'));
    expect(got['mentions.csv']!.split('\n').length).toBeGreaterThan(10_000);
    expect(got).toEqual(await tables(path.join(dir, 'inline')));
  });
});

describe('identical articles in one run', () => {
  it('are extracted once; the other copies read that extraction back from the cache', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'pool-dup-'));
    const input = path.join(dir, 'in');
    await mkdir(input);
    const text = 'Harbour note\n\nPublished 4 March 2024.\n\nForeign Minister Jon Park visited Oslo on Monday. "We will open two offices in Lisbon by 2026," Anna Berg said.\n';
    // Three copies in flight at once (the pool takes several articles per worker), and one other.
    for (const name of ['a.txt', 'b.txt', 'c.txt']) await writeFile(path.join(input, name), text);
    await writeFile(path.join(input, 'd.txt'), 'Port note\n\nPublished 5 March 2024.\n\nLea Novak visited Seoul on Friday.\n');
    const out = path.join(dir, 'out');
    const r = await cli(['--input', input, '--rules', path.resolve('rules'), '--output', out, '--concurrency', '2']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/4 documents processed \(4 extracted, 0 from cache\), 0 failed/);
    const rows = (table: string) => tables(out).then((t) => t[`${table}.jsonl`]!.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>));
    const bySource = (records: Record<string, unknown>[]) => {
      const out: Record<string, Record<string, unknown>[]> = {};
      for (const r of records) (out[String(r.source)] ??= []).push(r);
      return out;
    };
    const mentions = bySource(await rows('mentions'));
    expect(Object.keys(mentions)).toEqual(['a.txt', 'b.txt', 'c.txt', 'd.txt']);
    expect(mentions['a.txt']!.map((m) => m.text)).toEqual(['Jon Park', 'Oslo', 'Lisbon', 'Anna Berg']);
    for (const copy of ['b.txt', 'c.txt']) expect(mentions[copy]!.map(({ source, ...m }) => m)).toEqual(mentions['a.txt']!.map(({ source, ...m }) => m));
    expect(Object.keys(bySource(await rows('commitments')))).toEqual(['a.txt', 'b.txt', 'c.txt']);
    // The only extraction stored per content: one entry for the three copies, one for the other.
    const packs = path.join(out, '.cache', 'packs');
    const entries = (await Promise.all((await readdir(packs)).filter((f) => f.endsWith('.idx')).map((f) => readFile(path.join(packs, f), 'utf8')))).join('').split('\n').filter(Boolean);
    expect(entries).toHaveLength(2);
  });
});

describe('the emit pool', () => {
  it('renders the tables of a run with threads as one thread does, and extracts again a document whose cached extraction is corrupt', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'emit-pool-'));
    const input = path.join(dir, 'in');
    await mkdir(input);
    // More documents than one batch of the emit pool, each naming people, places and dates.
    const people = ['Anna Berg', 'Tomas Lind', 'Maria Costa', 'Jon Park', 'Lea Novak'];
    for (let i = 0; i < 40; i++) {
      const text = `Harbour note ${i}\n\nPublished ${(i % 28) + 1} March 2024.\n\n${people[i % 5]} visited Oslo on Monday. "We will open two offices in Lisbon by 2026," ${people[(i + 1) % 5]} said.\n`;
      await writeFile(path.join(input, `note-${String(i).padStart(2, '0')}.txt`), text);
    }
    const common = ['--input', input, '--rules', path.resolve('rules')];
    const pooled = path.join(dir, 'pooled');
    expect((await cli([...common, '--output', pooled, '--concurrency', '2'])).code).toBe(0);
    expect((await cli([...common, '--output', path.join(dir, 'inline'), '--concurrency', '1'])).code).toBe(0);
    const good = await tables(pooled);
    expect(good['commitments.csv']!.split('\n').length).toBeGreaterThan(30);
    expect(good).toEqual(await tables(path.join(dir, 'inline')));

    // One extraction line in a pack overwritten, in place, with JSON that names another key.
    const packs = path.join(pooled, '.cache', 'packs');
    const idx = (await readdir(packs)).find((f) => f.endsWith('.idx'))!;
    const [, ...at] = (await readFile(path.join(packs, idx), 'utf8')).split('\n')[0]!.split('\t');
    const [offset, length] = [Number(at[2]), Number(at[3])];
    const packFile = path.join(packs, idx.replace(/\.idx$/, '.pack'));
    const pack = await readFile(packFile);
    Buffer.from(`{"key":"not this one"}`.padEnd(length - 1, ' ') + '\n').copy(pack, offset);
    await writeFile(packFile, pack);
    await rm(path.join(pooled, 'manifest.json'));
    const again = await cli([...common, '--output', pooled, '--concurrency', '2']);
    expect(again.stderr).toMatch(/40 documents processed \(0 extracted, 40 from cache\), 0 failed/);
    expect(await tables(pooled)).toEqual(good);
  });
});
