import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
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
