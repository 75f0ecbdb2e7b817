import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDateExtractor } from '../../src/extract/dates/index.js';
import { loadDateRules } from '../../src/extract/dates/rules.js';
import { findDates } from '../../src/stages/extract.js';
import { DocumentError, decodeText, listInputFiles, sourceDocumentFromBytes } from '../../src/stages/ingest.js';
import { commitmentKit } from '../commitments/support.js';
import { testKit } from '../helpers.js';

const kit = await testKit();
const commitments = await commitmentKit();
const dates = createDateExtractor(await loadDateRules('rules'));

describe('ingest', () => {
  it('derives the document id from the SHA-256 of the bytes', () => {
    const bytes = Buffer.from('Hello world.\n');
    const doc = sourceDocumentFromBytes('a.txt', bytes);
    expect(doc.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(doc.docId).toBe(doc.sha256.slice(0, 16));
    expect(doc.docId).toMatch(/^[0-9a-f]{16}$/);
  });
  it('removes a UTF-8 BOM and decodes UTF-16 and Windows-1252', () => {
    expect(decodeText(Buffer.from([0xef, 0xbb, 0xbf, 0x41]))).toEqual({ text: 'A', encoding: 'utf-8-bom' });
    expect(decodeText(Buffer.from([0xff, 0xfe, 0x41, 0x00]))).toEqual({ text: 'A', encoding: 'utf-16le' });
    expect(decodeText(Buffer.from([0xa3, 0x35]))).toEqual({ text: '£5', encoding: 'windows-1252' });
  });
  it('rejects empty and binary files with the file name', () => {
    expect(() => sourceDocumentFromBytes('empty.txt', Buffer.alloc(0))).toThrow(new DocumentError('empty.txt', 'file is empty'));
    expect(() => sourceDocumentFromBytes('bin.txt', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toThrow(/bin\.txt: file looks binary/);
  });
  it('lists .txt and .md files recursively, sorted, and reports a link loop', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ingest-'));
    await mkdir(path.join(dir, 'b', 'c'), { recursive: true });
    await writeFile(path.join(dir, 'b', 'c', 'x.md'), 'x');
    await writeFile(path.join(dir, 'a.txt'), 'a');
    await writeFile(path.join(dir, 'skip.pdf'), 'p');
    await symlink(dir, path.join(dir, 'b', 'loop'));
    const listing = await listInputFiles(dir, { extensions: ['.txt', '.md'], maxBytes: 1e6 });
    expect(listing.files).toEqual(['a.txt', 'b/c/x.md']);
    expect(listing.errors.map((e) => e.message)).toEqual(['b/loop: symbolic link loop: this folder was already read, skipped']);
  });
});

describe('clean', () => {
  it('reads front matter and leaves it out of the text', () => {
    const doc = kit.segment('---\ntitle: Talks\npublished: 2024-05-01\nsource: Example News\nurl: https://example.com/a\n---\nThe talks went well.\n');
    expect(doc.meta).toMatchObject({ title: 'Talks', published: '2024-05-01', publisher: 'Example News', url: 'https://example.com/a' });
    expect(doc.clean).toBe('The talks went well.');
  });
  it('drops page furniture and keeps a map back to the original', () => {
    const text = 'Site | A headline about the talks\n/ News / World\n1417 views\nA headline about the talks\n\nThe  ministers met in Hanoi on Monday and talked.\nCredit: Some Agency\nRelated Articles\nAnother story entirely.\n';
    const doc = kit.segment(text);
    expect(doc.meta.title).toBe('A headline about the talks');
    expect(doc.meta.publisher).toBe('Site');
    expect(doc.clean).toBe('A headline about the talks\nThe ministers met in Hanoi on Monday and talked.');
    expect(doc.removed.map((r) => r.rule)).toEqual([
      'furniture.site-title',
      'furniture.breadcrumb',
      'furniture.view-counter',
      'furniture.caption-credit',
      'furniture.related',
      'furniture.related',
    ]);
    const s = doc.sentences[1]!;
    expect(text.slice(doc.map.toOriginalStart(s.start), doc.map.toOriginalEnd(s.end))).toBe('The  ministers met in Hanoi on Monday and talked.');
  });
  it('keeps a teaser of another article but for its cut-off word, and reads no commitment from it', () => {
    const text = 'The ministers met in Hanoi on Monday and talked for a long time about trade.\n\nDeepening Cooperation\nOn July 28, 2025, in Vientiane, Laos pledged to open a border gate, Mr. B...\n';
    const doc = kit.segment(text);
    const teaser = doc.blocks.find((b) => b.kind === 'teaser')!;
    expect(doc.clean.slice(teaser.start, teaser.end)).toBe('On July 28, 2025, in Vientiane, Laos pledged to open a border gate, Mr.');
    const cut = doc.removed.find((r) => r.rule === 'furniture.teaser')!;
    expect(text.slice(cut.start, cut.end)).toBe(' B...');
    expect(kit.entities(text).mentions.map((m) => m.text)).toEqual(['Hanoi', 'Vientiane', 'Laos']);
    expect(commitments.commitments(text).found).toEqual([]);
    // The same words as prose are a commitment: the teaser is what keeps them out.
    expect(commitments.commitments(text.replace(', Mr. B...', '.')).found.map((f) => f.trigger)).toEqual(['pledged']);
  });
  it('takes the publication date from a dateline or a byline', () => {
    expect(kit.segment('Tuesday, 30 October 2018 09:26\nHeadline here\n\nBody text that is long enough to count as prose for the test.').meta.published).toBe('2018-10-30');
    expect(kit.segment('Headline here\n24th March 2023 post by MOIT Vietnam\nBody text that is long enough to count as prose for the test.').meta).toMatchObject({
      published: '2023-03-24',
      publisher: 'MOIT Vietnam',
    });
  });
});

describe('segment', () => {
  it('does not end sentences after Lieut. Gen., Assoc. Prof., Dr. or Sr.', () => {
    const doc = kit.segment('Lieut. Gen. Saichay Kommasith met Assoc. Prof., Dr. Nguyen Thi Que and Sr. Lt. Tran. They talked.');
    expect(doc.sentences.map((s) => s.text)).toEqual(['Lieut. Gen. Saichay Kommasith met Assoc. Prof., Dr. Nguyen Thi Que and Sr. Lt. Tran.', 'They talked.']);
  });
  it('keeps Vietnamese letters inside their words', () => {
    const doc = kit.segment('Phạm Minh Chính met Nguyễn Phú Trọng in Đà Nẵng.');
    expect(doc.sentences[0]!.tokens.map((t) => t.text)).toEqual(['Phạm', 'Minh', 'Chính', 'met', 'Nguyễn', 'Phú', 'Trọng', 'in', 'Đà', 'Nẵng', '.']);
  });
  it('does not end a sentence inside a word ("Amazon.com", "Airplane!,"), but does before a capital', () => {
    const doc = kit.segment('Shares in Amazon.com rose after Airplane!, the film, aired. It was a shock.Steve said so.');
    expect(doc.sentences.map((s) => s.text)).toEqual(['Shares in Amazon.com rose after Airplane!, the film, aired.', 'It was a shock.', 'Steve said so.']);
  });
  it('never lets a sentence cross a line break between blocks', () => {
    const doc = kit.segment('A Legacy of Friendship\nThe relationship is old.');
    expect(doc.sentences.map((s) => s.text)).toEqual(['A Legacy of Friendship', 'The relationship is old.']);
  });
});

describe('extract', () => {
  it('reads no date inside the name of a newspaper', () => {
    const text = 'The Mail on Sunday and the Sunday Telegraph reported on Monday that talks began last Sunday.';
    const { doc, mentions } = kit.entities(text);
    const found = findDates(doc, dates, mentions, '2005-03-02');
    expect(found.map((d) => [d.text, d.value])).toEqual([
      ['Monday', '2005-02-28'],
      ['last Sunday', '2005-02-27'],
    ]);
    expect(found.map((d) => text.slice(d.start, d.end))).toEqual(['Monday', 'last Sunday']);
  });
});
