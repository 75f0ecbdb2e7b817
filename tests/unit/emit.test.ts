import { createHash } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_TABLES, TableWriter, encodeDocuments, type RenderedDocument } from '../../src/stages/emit.js';

/** A rendered document whose every text names its table, with `extra` in its mentions. */
function doc(tag: string, extra = ''): RenderedDocument {
  return Object.fromEntries(DOCUMENT_TABLES.map((t) => [t, { csv: `${tag},${t},Phạm Minh Chính${t === 'mentions' ? extra : ''}\n`, jsonl: `{"doc":"${tag}","table":"${t}"}\n`, rows: 1 }])) as RenderedDocument;
}

const text = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8');

describe('encodeDocuments', () => {
  it('puts every text of a batch, as UTF-8, into one buffer, and keeps a missing document missing', () => {
    const docs = [doc('a'), null, doc('b')];
    const { buffer, docs: encoded } = encodeDocuments(docs);
    expect(encoded[1]).toBeNull();
    for (const i of [0, 2]) {
      for (const t of DOCUMENT_TABLES) {
        expect(text(encoded[i]![t].csv)).toBe(docs[i]![t].csv);
        expect(text(encoded[i]![t].jsonl)).toBe(docs[i]![t].jsonl);
        expect(encoded[i]![t].csv.buffer).toBe(buffer);
        expect(encoded[i]![t].rows).toBe(1);
      }
    }
    const bytes = docs.reduce((n, d) => n + (d ? DOCUMENT_TABLES.reduce((m, t) => m + Buffer.byteLength(d[t].csv) + Buffer.byteLength(d[t].jsonl), 0) : 0), 0);
    expect(buffer.byteLength).toBe(bytes);
  });

  it('encodes into a spare buffer that is large enough, and into a new one otherwise', () => {
    const big = new ArrayBuffer(4096);
    const reused = encodeDocuments([doc('a')], big);
    expect(reused.buffer).toBe(big);
    expect(text(reused.docs[0]!.dates.csv)).toBe('a,dates,Phạm Minh Chính\n');
    const small = new ArrayBuffer(8);
    expect(encodeDocuments([doc('a')], small).buffer).not.toBe(small);
  });
});

describe('TableWriter', () => {
  it('writes what it was given even when the caller reuses the bytes at once, small texts and ones over its buffer alike', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'emit-writer-'));
    const writer = await TableWriter.open(out);
    // The second document's mentions are larger than the writer's buffer (a megabyte).
    const docs = [doc('a'), doc('b', 'x'.repeat(1_500_000)), doc('c')];
    const spare = new ArrayBuffer(4_000_000);
    for (const d of docs) {
      const { docs: [encoded] } = encodeDocuments([d], spare);
      for (const t of DOCUMENT_TABLES) await writer.writeRendered(t, encoded![t]);
      // The next batch goes into the same bytes, as the emit pool's threads do.
      new Uint8Array(spare).fill(0x21);
    }
    const files = await writer.commit();
    const mentions = await readFile(path.join(out, 'mentions.csv'), 'utf8');
    expect(mentions.slice(mentions.indexOf('\n') + 1)).toBe(docs.map((d) => d.mentions.csv).join(''));
    const jsonl = await readFile(path.join(out, 'dates.jsonl'));
    expect(jsonl.toString('utf8')).toBe(docs.map((d) => d.dates.jsonl).join(''));
    const entry = files.find((f) => f.file === 'dates.jsonl')!;
    expect(entry).toEqual({ file: 'dates.jsonl', rows: 3, changed: true, sha256: createHash('sha256').update(jsonl).digest('hex') });
  });
});
