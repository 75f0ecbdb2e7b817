/**
 * Encodings and line endings: the same article as UTF-8 (with and without a BOM), UTF-16 LE/BE,
 * CRLF and NFD, and an English article as Windows-1252, give the same findings; offsets count the
 * code points of each file's own decoded text, and the manifest says how each file was decoded.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TableName } from '../../src/stages/emit.js';
import { cli, expectConsistentOutput, expectOffsetsSliceBack, readRaw, readTables, tempDir, writeConfig, type Row } from './support.js';

interface Variant {
  readonly source: string;
  /** The text as the pipeline should decode it (BOM not part of it). */
  readonly text: string;
  readonly bytes: Buffer;
  readonly encoding: string;
  readonly base: string;
}

const BOM8 = Buffer.from([0xef, 0xbb, 0xbf]);
const utf16le = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
const utf16be = (s: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(s, 'utf16le').swap16()]);
const CP1252: Readonly<Record<string, number>> = { '€': 0x80, '‚': 0x82, '„': 0x84, '…': 0x85, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97 };
function windows1252(s: string): Buffer {
  return Buffer.from(
    [...s].map((ch) => {
      const code = ch.codePointAt(0)!;
      if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) return code;
      const b = CP1252[ch];
      if (b === undefined) throw new Error(`not in Windows-1252: ${ch}`);
      return b;
    }),
  );
}

let variants: Variant[];
let tables: Record<TableName, Row[]>;
let manifest: Awaited<ReturnType<typeof expectConsistentOutput>>;

beforeAll(async () => {
  const vi = await readRaw('002_5604f4d1055f9bf5.txt');
  const en = await readRaw('004_9d0597f215e0605a.txt');
  const crlf = (s: string) => s.replace(/\n/g, '\r\n');
  const nfd = vi.normalize('NFD');
  variants = [
    { source: 'vi/utf-8.txt', text: vi, bytes: Buffer.from(vi), encoding: 'utf-8', base: 'vi/utf-8.txt' },
    { source: 'vi/utf-8-bom.txt', text: vi, bytes: Buffer.concat([BOM8, Buffer.from(vi)]), encoding: 'utf-8-bom', base: 'vi/utf-8.txt' },
    { source: 'vi/utf-16le.txt', text: vi, bytes: utf16le(vi), encoding: 'utf-16le', base: 'vi/utf-8.txt' },
    { source: 'vi/utf-16be.txt', text: vi, bytes: utf16be(vi), encoding: 'utf-16be', base: 'vi/utf-8.txt' },
    { source: 'vi/crlf.txt', text: crlf(vi), bytes: Buffer.from(crlf(vi)), encoding: 'utf-8', base: 'vi/utf-8.txt' },
    { source: 'vi/nfd.txt', text: nfd, bytes: Buffer.from(nfd), encoding: 'utf-8', base: 'vi/utf-8.txt' },
    { source: 'vi/nfd-crlf-utf-16le.txt', text: crlf(nfd), bytes: utf16le(crlf(nfd)), encoding: 'utf-16le', base: 'vi/utf-8.txt' },
    { source: 'en/utf-8.txt', text: en, bytes: Buffer.from(en), encoding: 'utf-8', base: 'en/utf-8.txt' },
    { source: 'en/windows-1252.txt', text: en, bytes: windows1252(en), encoding: 'windows-1252', base: 'en/utf-8.txt' },
    { source: 'en/windows-1252-crlf.txt', text: crlf(en), bytes: windows1252(crlf(en)), encoding: 'windows-1252', base: 'en/utf-8.txt' },
  ];
  const root = await tempDir('enc');
  const input = path.join(root, 'in');
  for (const v of variants) {
    await mkdir(path.dirname(path.join(input, v.source)), { recursive: true });
    await writeFile(path.join(input, v.source), v.bytes);
  }
  const output = path.join(root, 'out');
  const r = await cli(['--config', await writeConfig(root), '--input', input, '--output', output]);
  expect(r.code, r.stderr).toBe(0);
  manifest = await expectConsistentOutput(output);
  tables = await readTables(output);
});

describe('encodings, line endings and Unicode normalization', () => {
  it('records how each file was decoded, in the manifest and the documents table', () => {
    const expected = Object.fromEntries(variants.map((v) => [v.source, v.encoding]));
    expect(Object.fromEntries(manifest.inputs.map((i) => [i.source, i.encoding]))).toEqual(expected);
    expect(Object.fromEntries(tables.documents.map((d) => [d.source, d.encoding]))).toEqual(expected);
  });

  it('counts characters of the decoded text, BOM left out', () => {
    for (const v of variants) expect(tables.documents.find((d) => d.source === v.source)!.chars, v.source).toBe([...v.text].length);
  });

  it('gives offsets into each file text that slice back, whatever the encoding', () => {
    const texts = new Map(variants.map((v) => [v.source, v.text]));
    expect(expectOffsetsSliceBack(tables, texts)).toBeGreaterThan(500);
  });

  it('gives the same offsets when only the encoding differs', () => {
    const spans = (source: string) => tables.mentions.filter((m) => m.source === source).map((m) => [m.start, m.end, m.entity_id, m.text]);
    for (const s of ['vi/utf-8-bom.txt', 'vi/utf-16le.txt', 'vi/utf-16be.txt']) expect(spans(s), s).toEqual(spans('vi/utf-8.txt'));
    expect(spans('en/windows-1252.txt')).toEqual(spans('en/utf-8.txt'));
  });

  it('finds the same entities, dates and commitments with CRLF line endings and in NFD', () => {
    const norm = (v: unknown) => String(v).normalize('NFC').replace(/\s+/g, ' ');
    const findings = (source: string) => ({
      mentions: tables.mentions.filter((m) => m.source === source).map((m) => [m.type, m.entity_id, norm(m.text), m.rule]),
      dates: tables.dates.filter((d) => d.source === source).map((d) => [norm(d.text), d.value, d.granularity]),
      commitments: tables.commitments.filter((c) => c.source === source).map((c) => [c.modality, c.action, c.actors, norm(c.text)]),
      document: tables.documents.filter((d) => d.source === source).map((d) => [d.title, d.published, d.publisher]),
    });
    for (const v of variants) {
      const got = findings(v.source);
      expect(got, v.source).toEqual(findings(v.base));
      expect(got.mentions.length, v.source).toBeGreaterThan(20);
    }
  });

  it('finds "Phạm Minh Chính" written in NFD, names the entity in NFC, and keeps the NFD text at its offsets', () => {
    const nfdName = 'Phạm Minh Chính'.normalize('NFD');
    expect(nfdName).not.toBe('Phạm Minh Chính');
    const entity = tables.entities.find((e) => e.name === 'Phạm Minh Chính' && e.type === 'PERSON')!;
    expect(entity).toBeDefined();
    const inNfd = tables.mentions.filter((m) => m.source === 'vi/nfd.txt' && m.entity_id === entity.entity_id);
    expect(inNfd.map((m) => m.text)).toContain(nfdName);
    const inNfc = tables.mentions.filter((m) => m.source === 'vi/utf-8.txt' && m.entity_id === entity.entity_id);
    expect(inNfd.length).toBe(inNfc.length);
    // NFD spells each of these letters with more code points, so later offsets are larger.
    expect(Number(inNfd.at(-1)!.start)).toBeGreaterThan(Number(inNfc.at(-1)!.start));
  });
});
