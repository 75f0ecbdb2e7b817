import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { cachedKeys } from '../src/cache.js';
import { TSX, tables } from './cli.js';

const run = promisify(execFile);

async function cli(args: string[]): Promise<string> {
  const r = await run(TSX, ['src/cli.ts', ...args], { env: { ...process.env, CI: 'true' } });
  return r.stderr;
}

const entityIds = async (dir: string) =>
  new Map(
    (await readFile(path.join(dir, 'entities.jsonl'), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { entity_id: string; type: string; name: string })
      .map((e) => [`${e.type}|${e.name}`, e.entity_id]),
  );

// An invented article (not from any corpus), so the test needs nothing outside the repository.
const NEW_ARTICLE = `Ministers agree border plan

Published 12 May 2024.

Prime Minister Phạm Minh Chính met Lao Prime Minister Sonexay Siphandone in Vientiane on Friday. Both sides agreed to open two new border gates by the end of 2025. The Royal Cambodian Armed Forces (RCAF) sent an observer.
`;

let input: string;
beforeAll(async () => {
  input = await mkdtemp(path.join(tmpdir(), 'inc-in-'));
  await cp('raw', input, { recursive: true });
});

describe('incremental runs', () => {
  it('after adding one article and deleting another, equals a fresh full run byte for byte', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'inc-out-'));
    await cli(['--input', input, '--output', out, '--concurrency', '2']);
    const before = await entityIds(out);

    await writeFile(path.join(input, 'zz-new-article.md'), NEW_ARTICLE);
    await rm(path.join(input, '001_4785fa3551a2d649.txt'));
    const log = await cli(['--input', input, '--output', out, '--concurrency', '2']);
    expect(log).toMatch(/5 documents processed \(1 extracted, 4 from cache\), 0 failed/);

    const fresh = await mkdtemp(path.join(tmpdir(), 'inc-full-'));
    await cli(['--input', input, '--output', fresh, '--full', '--concurrency', '1']);
    expect(await tables(out)).toEqual(await tables(fresh));

    // Adding an article never changes the id of an entity that was already there.
    const after = await entityIds(out);
    for (const name of ['PERSON|Phạm Minh Chính', 'PERSON|Sonexay Siphandone', 'ORG|Royal Cambodian Armed Forces', 'PLACE|Vietnam']) {
      expect(after.get(name), name).toBe(before.get(name));
    }
    // The deleted article's cache entry is gone; the cache holds exactly the five inputs.
    expect(cachedKeys(path.join(out, '.cache'))).toHaveLength(5);
  });

  it('gives one entity, one id, to the same person across the sample articles', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'inc-same-'));
    await cli(['--input', 'raw', '--output', out]);
    const rows = (await readFile(path.join(out, 'entities.jsonl'), 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    const chinh = rows.filter((e) => e.type === 'PERSON' && String(e.name).includes('Chính'));
    expect(chinh).toHaveLength(1);
    expect(chinh[0]).toMatchObject({ name: 'Phạm Minh Chính', doc_count: 2 });
    expect(rows.filter((e) => e.type === 'PERSON' && String(e.name).startsWith('Hun ')).map((e) => e.name).sort()).toEqual(['Hun Manet', 'Hun Sen']);
  });

  it('does not read an input file whose size and modification time are what the last scan saw', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'inc-stamps-in-'));
    await cp('raw', dir, { recursive: true });
    const file = path.join(dir, (await readdir(dir)).sort()[0]!);
    const old = new Date('2020-01-02T03:04:05Z');
    for (const f of await readdir(dir)) await utimes(path.join(dir, f), old, old);
    const out = await mkdtemp(path.join(tmpdir(), 'inc-stamps-out-'));
    await cli(['--input', dir, '--output', out]);
    const first = await tables(out);

    // Same size, other bytes, old time restored: taken as unchanged, as git and make would.
    const text = await readFile(file, 'utf8');
    const edited = text.replace(/Vietnam/, 'Vietnan');
    expect(edited).not.toBe(text);
    await writeFile(file, edited);
    await utimes(file, old, old);
    expect(await cli(['--input', dir, '--output', out])).toMatch(/already up to date/);
    // --full reads every file.
    expect(await cli(['--input', dir, '--output', out, '--full'])).toMatch(/5 documents processed \(5 extracted, 0 from cache\)/);
    expect(await tables(out)).not.toEqual(first);

    // A file whose time is too recent to trust (here: in the future) is read on every run.
    const future = new Date(Date.now() + 3_600_000);
    await writeFile(file, text);
    await utimes(file, future, future);
    expect(await cli(['--input', dir, '--output', out])).toMatch(/\(1 extracted, 4 from cache\)/);
    await writeFile(file, edited);
    await utimes(file, future, future);
    expect(await cli(['--input', dir, '--output', out])).toMatch(/\(1 extracted, 4 from cache\)/);
    expect(await tables(out)).not.toEqual(first);
    await writeFile(file, text);
    await utimes(file, future, future);
    await cli(['--input', dir, '--output', out]);
    expect(await tables(out)).toEqual(first);
  });

  it.each([
    ['summary', 2, /\(1 extracted, 4 from cache\)/],
    ['extraction', 4, /\(0 extracted, 5 from cache\)/],
  ])('never trusts a corrupt cache %s: it is extracted again', async (_, field, summary) => {
    const out = await mkdtemp(path.join(tmpdir(), 'inc-corrupt-'));
    await cli(['--input', 'raw', '--output', out]);
    const good = await tables(out);
    // Overwrite one entry's summary or extraction line in its pack, in place, with a line that
    // is JSON but names another key.
    const packs = path.join(out, '.cache', 'packs');
    const idx = (await readdir(packs)).find((f) => f.endsWith('.idx'))!;
    const [, ...at] = (await readFile(path.join(packs, idx), 'utf8')).split('\n')[0]!.split('\t');
    const [offset, length] = [Number(at[field - 2]), Number(at[field - 1])];
    const packFile = path.join(packs, idx.replace(/\.idx$/, '.pack'));
    const pack = await readFile(packFile);
    Buffer.from(`{"key":"not this one"}`.padEnd(length - 1, ' ') + '\n').copy(pack, offset);
    await writeFile(packFile, pack);
    await rm(path.join(out, 'manifest.json'));
    const log = await cli(['--input', 'raw', '--output', out]);
    expect(log).toMatch(summary);
    expect(await tables(out)).toEqual(good);
  });
});

describe('scale-out', () => {
  it('three shards merged give the same tables as one run', async () => {
    const single = await mkdtemp(path.join(tmpdir(), 'shard-single-'));
    await cli(['--input', input, '--output', single]);
    const parts: string[] = [];
    for (let i = 0; i < 3; i++) {
      const part = await mkdtemp(path.join(tmpdir(), `shard-${i}-`));
      await cli(['--input', input, '--output', part, '--shard', `${i}/3`]);
      parts.push(part);
    }
    const partials = await Promise.all(parts.map(async (p) => JSON.parse(await readFile(path.join(p, 'partial.json'), 'utf8')) as { inputs: unknown[] }));
    expect(partials.reduce((n, p) => n + p.inputs.length, 0)).toBe((await readdir(input)).length);
    const merged = await mkdtemp(path.join(tmpdir(), 'shard-merged-'));
    await cli(['merge', '--output', merged, ...parts]);
    expect(await tables(merged)).toEqual(await tables(single));
  });
});
