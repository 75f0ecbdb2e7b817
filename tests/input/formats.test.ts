/**
 * Input formats and decoding, in process: JSONL/JSON exports into units, byte decoding, listing.
 * The end-to-end runs of each format are in the other files of this folder.
 */
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandInput } from '../../src/stages/formats.js';
import { DocumentError, decodeText, listInputFiles, looksBinary, readFileBytes, sourceDocumentFromBytes } from '../../src/stages/ingest.js';
import { run } from './support.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const messages = (errors: readonly DocumentError[]) => errors.map((e) => e.message);

describe('expandInput: one file, one or many articles', () => {
  it('passes text, Markdown and HTML files through as one unit', () => {
    for (const source of ['a.txt', 'dir/b.md', 'c.html', 'd.HTM']) {
      const bytes = utf8('Hello.');
      expect(expandInput(source, bytes)).toEqual({ units: [{ source, bytes }], errors: [] });
    }
  });

  it('makes one unit per JSONL record, named file.jsonl#<line>, with its metadata', () => {
    const lines = [
      JSON.stringify({ id: 'a-1', title: 'Talks', published: '2024-05-01', url: 'https://example.com/a', source: 'Example News', text: 'Phạm Minh Chính met the minister.', extra: 'ignored' }),
      '',
      JSON.stringify({ body: 'Body text.', id: 42 }),
      JSON.stringify({ content: 'Content text.', title: { nested: true } }),
    ];
    const { units, errors } = expandInput('in/export.jsonl', utf8(lines.join('\n')));
    expect(errors).toEqual([]);
    expect(units.map((u) => u.source)).toEqual(['in/export.jsonl#1', 'in/export.jsonl#3', 'in/export.jsonl#4']);
    expect(units.map((u) => text(u.bytes))).toEqual(['Phạm Minh Chính met the minister.', 'Body text.', 'Content text.']);
    expect(units[0]!.meta).toEqual({ id: 'a-1', title: 'Talks', published: '2024-05-01', url: 'https://example.com/a', source: 'Example News' });
    expect(units[1]!.meta).toEqual({ id: '42' });
    expect(units[2]!.meta).toBeUndefined();
  });

  it('prefers text over body over content', () => {
    const { units } = expandInput('x.jsonl', utf8(JSON.stringify({ content: 'c', body: 'b', text: 't' })));
    expect(text(units[0]!.bytes)).toBe('t');
  });

  it('reads CRLF lines, a BOM and UTF-16 exports', () => {
    const body = `${JSON.stringify({ text: 'One.' })}\r\n${JSON.stringify({ text: 'Two “quoted”.' })}\r\n`;
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, 'utf16le')]);
    for (const bytes of [utf8(body), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(body)]), utf16]) {
      const { units, errors } = expandInput('x.jsonl', bytes);
      expect(errors).toEqual([]);
      expect(units.map((u) => [u.source, text(u.bytes)])).toEqual([
        ['x.jsonl#1', 'One.'],
        ['x.jsonl#2', 'Two “quoted”.'],
      ]);
    }
  });

  it('reports a malformed line with the file, line and column, and keeps the other lines', () => {
    const lines = [JSON.stringify({ text: 'Good one.' }), '{"text": "cut off', '{oops}', '["an", "array"]', '{"title": "no text"}', '{"text": "   "}', '{"text": 5}', JSON.stringify({ text: 'Good two.' })];
    const { units, errors } = expandInput('feed.jsonl', utf8(lines.join('\n')));
    expect(units.map((u) => u.source)).toEqual(['feed.jsonl#1', 'feed.jsonl#8']);
    expect(errors.every((e) => e instanceof DocumentError && e.source === 'feed.jsonl')).toBe(true);
    expect(messages(errors)).toEqual([
      'feed.jsonl:2: not valid JSON at column 10: unterminated string; line skipped',
      'feed.jsonl:3: not valid JSON at column 2: expected a property name in double quotes, found "o"; line skipped',
      'feed.jsonl:4: a record must be a JSON object with a "text", "body" or "content" string, got an array; line skipped',
      'feed.jsonl:5: record has no "text", "body" or "content" field; line skipped',
      'feed.jsonl:6: record field "text" is empty; line skipped',
      'feed.jsonl:7: record field "text" must be a string, got number; line skipped',
    ]);
    expect(errors.map((e) => e.line)).toEqual([2, 3, 4, 5, 6, 7]);
  });

  it('reads a .json array as records file.json#<n>, and one object as file.json#1', () => {
    const arr = expandInput('a.json', utf8(JSON.stringify([{ text: 'First.' }, { title: 'x' }, { text: 'Third.', title: 'T' }], null, 2)));
    expect(arr.units.map((u) => [u.source, text(u.bytes), u.meta])).toEqual([
      ['a.json#1', 'First.', undefined],
      ['a.json#3', 'Third.', { title: 'T' }],
    ]);
    expect(messages(arr.errors)).toEqual(['a.json#2: record has no "text", "body" or "content" field; record skipped']);
    expect(expandInput('b.json', utf8('{"text": "Only one."}')).units.map((u) => u.source)).toEqual(['b.json#1']);
  });

  it('names the line and column of a syntax error in a .json file', () => {
    const { units, errors } = expandInput('c.json', utf8('[\n  {"text": "a"},\n  {"text": "b",}\n]\n'));
    expect(units).toEqual([]);
    expect(messages(errors)).toEqual(['c.json:3: not valid JSON at column 16: expected a property name in double quotes, found "}"; file skipped']);
  });

  it('reports empty, record-less and binary exports', () => {
    expect(messages(expandInput('e.jsonl', new Uint8Array()).errors)).toEqual(['e.jsonl: file is empty']);
    expect(messages(expandInput('e.jsonl', utf8('\n \n')).errors)).toEqual(['e.jsonl: file has no records (only blank lines)']);
    expect(messages(expandInput('e.json', utf8('[]')).errors)).toEqual(['e.json: file has no records (an empty array)']);
    expect(messages(expandInput('e.json', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00])).errors)).toEqual(['e.json: file looks binary (NUL or control bytes), not a JSON export']);
  });
});

describe('decodeText: the encodings of real files', () => {
  const article = 'Prime Minister Phạm Minh Chính said “yes” — twice.\n';

  it('reads UTF-8 with and without a BOM, leaving the BOM out of the text', () => {
    expect(decodeText(utf8(article))).toEqual({ text: article, encoding: 'utf-8' });
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(article)]))).toEqual({ text: article, encoding: 'utf-8-bom' });
  });

  it('reads UTF-16 LE and BE with a BOM, and without one when every other byte is zero', () => {
    const le = Buffer.from(article, 'utf16le');
    const be = Buffer.from(le).swap16();
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), le]))).toEqual({ text: article, encoding: 'utf-16le' });
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toEqual({ text: article, encoding: 'utf-16be' });
    expect(decodeText(le)).toEqual({ text: article, encoding: 'utf-16le' });
    expect(decodeText(be)).toEqual({ text: article, encoding: 'utf-16be' });
  });

  it('reads Windows-1252 (and so Latin-1) when the bytes are not UTF-8', () => {
    // “Café” costs £5 – Zürich’s rate
    const bytes = Buffer.from([0x93, 0x43, 0x61, 0x66, 0xe9, 0x94, 0x20, 0x63, 0x6f, 0x73, 0x74, 0x73, 0x20, 0xa3, 0x35, 0x20, 0x96, 0x20, 0x5a, 0xfc, 0x72, 0x69, 0x63, 0x68, 0x92, 0x73, 0x20, 0x72, 0x61, 0x74, 0x65]);
    expect(decodeText(bytes)).toEqual({ text: '“Café” costs £5 – Zürich’s rate', encoding: 'windows-1252' });
    expect(decodeText(Buffer.from('Señor Ångström', 'latin1'))).toEqual({ text: 'Señor Ångström', encoding: 'windows-1252' });
  });

  it('reads damaged UTF-8 as UTF-8 with the bad bytes replaced, and says so', () => {
    const bytes = Buffer.concat([utf8('Phạm Minh Chính and Nguyễn Phú Trọng met '), Buffer.from([0xff]), utf8(' in Hà Nội.')]);
    expect(decodeText(bytes)).toEqual({ text: 'Phạm Minh Chính and Nguyễn Phú Trọng met \ufffd in Hà Nội.', encoding: 'utf-8-lossy' });
  });

  it('tells binary from text', () => {
    expect(looksBinary('plain text\r\n\twith a tab and a form feed\f')).toBe(false);
    expect(looksBinary('a\u0000b')).toBe(true);
    expect(looksBinary('\u0001\u0002\u0003 text')).toBe(true);
    expect(() => sourceDocumentFromBytes('z.txt', Buffer.from([0x1f, 0x8b, 0x08, 0x00]))).toThrow('z.txt: file looks binary');
    expect(() => sourceDocumentFromBytes('u.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('\u0000\u0001', 'utf16le')]))).toThrow('u.txt: file looks binary');
  });
});

describe('listing and reading files', () => {
  it('reports a loop through a link to an enclosing folder, not a second link to a folder', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'input-list-'));
    await mkdir(path.join(dir, 'a', 'b'), { recursive: true });
    await writeFile(path.join(dir, 'a', 'b', 'x.txt'), 'x');
    await symlink(path.join(dir, 'a'), path.join(dir, 'a', 'b', 'up'));
    await symlink(path.join(dir, 'a', 'b'), path.join(dir, 'same'));
    await run('mkfifo', [path.join(dir, 'fifo.txt')]);
    const listing = await listInputFiles(dir, { extensions: ['.txt'], maxBytes: 1e6 });
    expect(listing.files).toEqual(['a/b/x.txt']);
    expect(messages(listing.errors)).toEqual(['a/b/up: symbolic link loop: this folder was already read, skipped', 'fifo.txt: not a regular file (FIFO, socket or device), skipped']);
  });

  it('refuses a file over the limit without reading it, with the sizes', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'input-read-'));
    await writeFile(path.join(dir, 'big.txt'), 'x'.repeat(2001));
    expect(() => readFileBytes(dir, 'big.txt', { extensions: ['.txt'], maxBytes: 2000 })).toThrow('big.txt: file is 2001 bytes, over the limit of 2000 bytes (maxFileBytes); skipped');
    expect(() => readFileBytes(dir, 'gone.txt', { extensions: ['.txt'], maxBytes: 2000 })).toThrow('gone.txt: cannot read file: ENOENT (no such file)');
    expect(readFileBytes(dir, 'big.txt', { extensions: ['.txt'], maxBytes: 2001 }).length).toBe(2001);
  });
});
