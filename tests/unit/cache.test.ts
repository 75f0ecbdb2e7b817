import { mkdtemp, readdir, readFile, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExtractionCache, cachedKeys, type CachedSummary } from '../../src/cache.js';
import type { DocumentExtraction } from '../../src/types.js';

const sha = (n: number) => String(n).padStart(64, '0');

function entry(n: number): { extraction: DocumentExtraction; summary: CachedSummary } {
  const extraction = {
    docId: `doc${n}`,
    source: `a/${n}.txt`,
    sha256: sha(n),
    meta: { title: `Títle ${n} – Phạm Minh Chính`, published: null, publisher: '', url: '', origin: {} },
    chars: 10 + n,
    encoding: 'utf-8',
    sentences: [{ start: 0, end: 5, text: 'Hello' }],
    mentions: [],
    entities: [],
    mentionEntity: [],
    dates: [],
    commitments: [],
  } as unknown as DocumentExtraction;
  const summary = { docId: `doc${n}`, sha256: sha(n), encoding: 'utf-8', entities: [] } as unknown as CachedSummary;
  return { extraction, summary };
}

async function fresh(): Promise<{ dir: string; cache: ExtractionCache }> {
  const dir = path.join(await mkdtemp(path.join(tmpdir(), 'cache-')), '.cache');
  return { dir, cache: new ExtractionCache(dir, 'rules', 'v1') };
}

describe('ExtractionCache (pack files)', () => {
  it('gives back what was put, in this instance and in a new one, and nothing for other keys or contents', async () => {
    const { dir, cache } = await fresh();
    for (const n of [1, 2, 3]) cache.put(`k${n}`.padEnd(8, '0').replace(/[^0-9a-f]/g, 'a'), entry(n).extraction, entry(n).summary);
    const key = (n: number) => `k${n}`.padEnd(8, '0').replace(/[^0-9a-f]/g, 'a');
    expect(await cache.get(key(2), sha(2))).toEqual(entry(2).extraction);
    const again = new ExtractionCache(dir, 'rules', 'v1');
    expect(await again.getSummary(key(3), sha(3))).toEqual(entry(3).summary);
    expect(await again.get(key(1), sha(1))).toEqual(entry(1).extraction);
    // Another article's content under a known key, and an unknown key.
    expect(await again.get(key(1), sha(2))).toBeNull();
    expect(await again.getSummary('ffff', sha(1))).toBeNull();
    expect(cachedKeys(dir)).toEqual([key(1), key(2), key(3)].sort());
  });

  it('never trusts an entry cut short (a run killed while appending): it is simply missing', async () => {
    const { dir, cache } = await fresh();
    cache.put('aa', entry(1).extraction, entry(1).summary);
    cache.put('bb', entry(2).extraction, entry(2).summary);
    const packs = path.join(dir, 'packs');
    const pack = (await readdir(packs)).find((f) => f.endsWith('.pack'))!;
    const size = (await readFile(path.join(packs, pack))).length;
    await truncate(path.join(packs, pack), size - 10);
    const reader = new ExtractionCache(dir, 'rules', 'v1');
    expect(await reader.get('aa', sha(1))).toEqual(entry(1).extraction);
    expect(await reader.getSummary('bb', sha(2))).toEqual(entry(2).summary);
    expect(await reader.get('bb', sha(2))).toBeNull();
  });

  it('skips index lines that are not an entry', async () => {
    const { dir, cache } = await fresh();
    cache.put('aa', entry(1).extraction, entry(1).summary);
    const packs = path.join(dir, 'packs');
    const idx = (await readdir(packs)).find((f) => f.endsWith('.idx'))!;
    await writeFile(path.join(packs, idx), `${await readFile(path.join(packs, idx), 'utf8')}garbage\nbb\t1\t2\nzz\t0\t1\t1\t1\n`);
    expect(cachedKeys(dir)).toEqual(['aa']);
  });

  it('prune forgets what is not kept and removes packs left empty', async () => {
    const { dir, cache } = await fresh();
    for (const n of [1, 2, 3]) cache.put(`a${n}`, entry(n).extraction, entry(n).summary);
    expect(await cache.prune(new Set(['a1', 'a2', 'a3']))).toBe(0);
    expect(await cache.prune(new Set(['a2']))).toBe(2);
    expect(cachedKeys(dir)).toEqual(['a2']);
    expect(await cache.get('a2', sha(2))).toEqual(entry(2).extraction);
    expect(await cache.get('a1', sha(1))).toBeNull();
    expect(await cache.prune(new Set())).toBe(1);
    expect(await readdir(path.join(dir, 'packs'))).toEqual([]);
  });

  it('prune copies the live entries into a new pack when most bytes are dead', async () => {
    const { dir, cache } = await fresh();
    const big = (n: number) => {
      const e = entry(n);
      return { ...e, extraction: { ...e.extraction, sentences: [{ start: 0, end: 700_000, text: 'x'.repeat(700_000) }] } };
    };
    cache.put('a1', big(1).extraction, big(1).summary);
    cache.put('a2', entry(2).extraction, entry(2).summary);
    cache.put('a3', big(3).extraction, big(3).summary);
    const packs = path.join(dir, 'packs');
    const before = await readdir(packs);
    expect(await cache.prune(new Set(['a2']))).toBe(2);
    const after = await readdir(packs);
    expect(after.filter((f) => before.includes(f))).toEqual([]);
    const pack = after.find((f) => f.endsWith('.pack'))!;
    expect((await readFile(path.join(packs, pack))).length).toBeLessThan(2000);
    expect(await new ExtractionCache(dir, 'rules', 'v1').get('a2', sha(2))).toEqual(entry(2).extraction);
    expect(await cache.getSummary('a2', sha(2))).toEqual(entry(2).summary);
  });

  it('prune removes entries of the layout before packs (one folder per key prefix)', async () => {
    const { dir, cache } = await fresh();
    cache.put('aa', entry(1).extraction, entry(1).summary);
    const { mkdir } = await import('node:fs/promises');
    await mkdir(path.join(dir, '3f'), { recursive: true });
    await writeFile(path.join(dir, '3f', '3f00.json'), '{}');
    await cache.prune(new Set(['aa']));
    expect((await readdir(dir)).sort()).toEqual(['packs']);
    expect(await cache.get('aa', sha(1))).toEqual(entry(1).extraction);
  });
});
