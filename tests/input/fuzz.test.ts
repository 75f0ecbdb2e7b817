/**
 * Property tests: random and mutated article text (inserted and deleted characters, any Unicode
 * including astral and combining marks, control characters, CRLF, NFD, markup) through the whole
 * per-document pipeline, in process, and a few end-to-end runs. The pipeline never throws (a
 * document it cannot read is a `DocumentError`, the batch's way of reporting it), and every
 * offset slices back to its text in the decoded file text.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDocumentProcessor, type DocumentProcessor } from '../../src/processor.js';
import { TABLE_NAMES, documentRows, entityRows, toCsv, toJsonl } from '../../src/stages/emit.js';
import { expandInput } from '../../src/stages/formats.js';
import { DocumentError, decodeText, sourceDocumentFromBytes } from '../../src/stages/ingest.js';
import { resolveEntities, summarize } from '../../src/stages/resolve.js';
import type { DocumentExtraction, SourceDocument } from '../../src/types.js';
import { sliceCodePoints } from '../helpers.js';
import { RAW_FILES, cli, expectConsistentOutput, expectOffsetsSliceBack, readRaw, readTables, tempDir, writeConfig } from './support.js';

/** Fixed, so a failure reproduces; `FUZZ_SEED=<n> npx vitest run tests/input/fuzz.test.ts` explores other inputs. */
const SEED = Number(process.env.FUZZ_SEED ?? 20240507);

let processor: DocumentProcessor;
let samples: string[];

beforeAll(async () => {
  processor = await createDocumentProcessor('rules');
  samples = await Promise.all(RAW_FILES.map(readRaw));
});

/** Text pieces that have broken text pipelines: marks, astral letters, controls, line ends, markup. */
const NASTY = [
  '\r\n', '\r', '\n\n', '\u0301', '\u0323\u0302', '\u200b', '\ufeff', '\u00a0', '\t', '\u2028', '\u0085', '\f', '\v',
  '“', '’', '😀', '👩🏽‍🚀', '𝔘𝔫𝔦', '\ud800', '\udc00', '\u0007', '\u001b', '\u0000', '\u007f', '\u0090',
  'Phạm Minh Chính'.normalize('NFD'), ' Lieut. Gen. ', ' Mr. ', ' on 5 March 2024 ', ' pledged to ', ' agreed to sign ',
  '---\n', '# ', '<p>', '&amp;', '"', "'", '(', ')', '...', ' | ', '=HYPERLINK("x")', '@SUM(A1)',
];

const insertion = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.string({ unit: 'grapheme', maxLength: 4 }),
  fc.constantFrom(...NASTY),
  fc.string({ unit: fc.constantFrom('\u0300', '\u0323', '\u0303', 'a', 'ạ', ' ', '\n', '\r', '.', 'A'), maxLength: 12 }),
);

type Mutation =
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'delete'; readonly at: number; readonly length: number }
  | { readonly kind: 'nfd'; readonly at: number; readonly length: number }
  | { readonly kind: 'duplicate'; readonly at: number; readonly length: number }
  | { readonly kind: 'crlf' };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: insertion }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 60 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('nfd' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 2000 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 300 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'crlf' as const }) },
);

function mutate(text: string, mutations: readonly Mutation[]): string {
  let t = text;
  for (const m of mutations) {
    if (m.kind === 'crlf') {
      t = t.replace(/\r?\n/g, '\r\n');
      continue;
    }
    const at = t.length ? m.at % (t.length + 1) : 0;
    if (m.kind === 'insert') t = t.slice(0, at) + m.text + t.slice(at);
    else if (m.kind === 'delete') t = t.slice(0, at) + t.slice(at + m.length);
    else if (m.kind === 'nfd') t = t.slice(0, at) + t.slice(at, at + m.length).normalize('NFD') + t.slice(at + m.length);
    else t = t.slice(0, at + m.length) + t.slice(at, at + m.length) + t.slice(at + m.length);
  }
  return t;
}

/** Lone surrogates replaced by U+FFFD, as writing UTF-8 does (`String#toWellFormed`, ES2024). */
const wellFormed = (s: string) => Buffer.from(s, 'utf8').toString('utf8');

type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';
const encode = (text: string, encoding: Encoding): Buffer => {
  const whole = wellFormed(text);
  if (encoding === 'utf-8') return Buffer.from(whole);
  if (encoding === 'utf-8-bom') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(whole)]);
  const le = Buffer.from(whole, 'utf16le');
  return encoding === 'utf-16le' ? Buffer.concat([Buffer.from([0xff, 0xfe]), le]) : Buffer.concat([Buffer.from([0xfe, 0xff]), le.swap16()]);
};

/** Wraps text lines in markup, with references for some characters, as a web page. */
function htmlOf(text: string, tags: readonly string[]): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/’/g, '&rsquo;').replace(/ạ/g, '&#x1EA1;');
  const lines = text.split('\n');
  return `<html><head><title>t</title><script>var s = "<p>President Script Person</p>";</script></head><body><nav>Home</nav><article>${lines
    .map((l, i) => `<${tags[i % tags.length]}>${esc(l)}</${tags[i % tags.length]}>`)
    .join('\n')}</article><footer>Prime Minister Footer Person</footer></body></html>`;
}

interface Outcome {
  readonly extraction: DocumentExtraction | null;
  readonly src: SourceDocument | null;
}

/** Ingest, clean, segment, extract, resolve and emit one document; checks every invariant. */
function throughPipeline(source: string, bytes: Uint8Array): Outcome {
  let src: SourceDocument;
  let x: DocumentExtraction;
  try {
    src = sourceDocumentFromBytes(source, bytes);
    x = processor.process(src);
  } catch (err) {
    if (err instanceof DocumentError) return { extraction: null, src: null };
    throw err;
  }
  const chars = [...src.text].length;
  expect(x.chars).toBe(chars);
  const spans = [...x.sentences, ...x.mentions, ...x.dates, ...x.commitments];
  for (const r of spans) {
    expect(0 <= r.start && r.start <= r.end && r.end <= chars, `[${r.start}, ${r.end}) within ${chars}`).toBe(true);
    expect(sliceCodePoints(src.text, r.start, r.end)).toBe(r.text);
  }
  for (let i = 1; i < x.sentences.length; i++) expect(x.sentences[i]!.start).toBeGreaterThanOrEqual(x.sentences[i - 1]!.end);
  for (const m of [...x.mentions, ...x.dates]) {
    const s = x.sentences[m.sentence]!;
    expect(s.start <= m.start && m.end <= s.end, 'inside its sentence').toBe(true);
  }
  // Resolve and emit too: rows for every table, as CSV and JSONL, that parse back.
  const resolution = resolveEntities([summarize(x)]);
  const names = new Map(resolution.entities.map((e) => [e.entityId, e.name]));
  const rows = { ...documentRows(x, resolution.localToGlobal.get(x.docId) ?? [], names), entities: entityRows(resolution) };
  for (const t of TABLE_NAMES) {
    const csv = parse(toCsv(t, rows[t]), { bom: true, columns: true }) as unknown[];
    expect(csv.length).toBe(rows[t].length);
    expect(toJsonl(t, rows[t]).split('\n').filter(Boolean).map((l) => JSON.parse(l) as unknown).length).toBe(rows[t].length);
  }
  return { extraction: x, src };
}

describe('fuzz: mutated articles through the per-document pipeline', () => {
  it('never throws, and every offset slices back to its text (text files, any encoding)', () => {
    let processed = 0;
    fc.assert(
      fc.property(fc.nat({ max: 4 }), fc.array(mutation, { minLength: 1, maxLength: 12 }), fc.constantFrom<Encoding>('utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be'), (i, mutations, encoding) => {
        const text = mutate(samples[i]!, mutations);
        const bytes = encode(text, encoding);
        const { src } = throughPipeline('fuzz.txt', bytes);
        if (!src) return;
        processed++;
        // The file text is the text written (UTF-8 carries no lone surrogates: they became U+FFFD).
        expect(src.text).toBe(wellFormed(text));
        expect(src.encoding).toBe(encoding);
      }),
      { seed: SEED, numRuns: 150 },
    );
    expect(processed).toBeGreaterThan(100);
  });

  it('never throws on random text of any characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(fc.constantFrom(...NASTY), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), fc.constantFrom('a', 'B', ' ', '.', '\n')), maxLength: 400 }), (text) => {
        throughPipeline('random.md', Buffer.from(text));
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const { text } = decodeText(bytes);
        expect(typeof text).toBe('string');
        throughPipeline('bytes.txt', bytes);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('never throws on mutated HTML pages, and offsets point into the page', () => {
    let processed = 0;
    fc.assert(
      fc.property(
        fc.nat({ max: 4 }),
        fc.array(mutation, { minLength: 0, maxLength: 8 }),
        fc.array(fc.constantFrom('p', 'div', 'h2', 'li', 'span', 'b', 'blockquote', 'td', 'aside', 'script'), { minLength: 1, maxLength: 4 }),
        fc.array(fc.record({ at: fc.nat(), text: fc.constantFrom('<', '>', '&', '</p>', '<br>', '<!--', '-->', '&#', '&#x1F600;', '&nbsp;', '<script>', '"', "'", '<a href="x>y">') }), { maxLength: 6 }),
        (i, mutations, tags, breaks) => {
          let html = htmlOf(mutate(samples[i]!, mutations), tags);
          for (const b of breaks) {
            const at = b.at % (html.length + 1);
            html = html.slice(0, at) + b.text + html.slice(at);
          }
          const { extraction } = throughPipeline('page.html', Buffer.from(wellFormed(html)));
          if (!extraction) return;
          processed++;
          expect(extraction.entities.map((e) => e.name).join('\n')).not.toMatch(/Script Person/);
        },
      ),
      { seed: SEED, numRuns: 100 },
    );
    expect(processed).toBeGreaterThan(50);
  });

  it('never throws on mutated JSONL exports, and reports every line it cannot read', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ text: fc.string({ maxLength: 50 }), title: fc.option(fc.string({ maxLength: 10 })), id: fc.option(fc.oneof(fc.string(), fc.integer())) }).map((r) => JSON.stringify(r)),
            fc.json({ maxDepth: 3 }),
            fc.string({ maxLength: 30 }),
          ),
          { maxLength: 10 },
        ),
        fc.array(fc.record({ at: fc.nat(), length: fc.nat({ max: 3 }) }), { maxLength: 3 }),
        (lines, cuts) => {
          let body = lines.map((l) => l.replace(/[\r\n]/g, ' ')).join('\n');
          for (const c of cuts) {
            const at = c.at % (body.length + 1);
            body = body.slice(0, at) + body.slice(at + c.length);
          }
          const { units, errors } = expandInput('feed.jsonl', Buffer.from(wellFormed(body)));
          const nonBlank = body.split('\n').filter((l) => l.trim()).length;
          if (nonBlank) expect(units.length + errors.length).toBe(nonBlank);
          for (const u of units) expect(u.source).toMatch(/^feed\.jsonl#\d+$/);
          for (const e of errors) expect(e.message).toMatch(/^feed\.jsonl(:\d+)?: /);
          for (const u of units) throughPipeline(u.source, u.bytes);
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
  });
});

describe('fuzz end to end', () => {
  it('runs the command line on mutated articles in every format: exit 0 or 3, offsets slice back', async () => {
    const root = await tempDir('fuzz');
    const input = path.join(root, 'in');
    await mkdir(input);
    const texts = new Map<string, string>();
    const records: string[] = [];
    const docs = fc.sample(fc.tuple(fc.nat({ max: 4 }), fc.array(mutation, { minLength: 1, maxLength: 10 })), { seed: SEED, numRuns: 12 });
    for (const [k, [i, mutations]] of docs.entries()) {
      const text = wellFormed(mutate(samples[i]!, mutations));
      if (k % 3 === 0) {
        records.push(JSON.stringify({ text, title: `Record ${k}` }));
        const { units } = expandInput('mixed.jsonl', Buffer.from(`${records.join('\n')}\n`));
        texts.set(`mixed.jsonl#${records.length}`, decodeText(units.at(-1)!.bytes).text);
      } else if (k % 3 === 1) {
        const html = htmlOf(text, ['p', 'div']);
        await writeFile(path.join(input, `page-${k}.html`), html);
        texts.set(`page-${k}.html`, html);
      } else {
        await writeFile(path.join(input, `doc-${k}.txt`), encode(text, 'utf-16le'));
        texts.set(`doc-${k}.txt`, text);
      }
    }
    await writeFile(path.join(input, 'mixed.jsonl'), `${records.join('\n')}\n`);
    const output = path.join(root, 'out');
    const r = await cli(['--config', await writeConfig(root, { concurrency: 2 }), '--input', input, '--output', output]);
    expect(r.stderr).not.toMatch(/unexpected error/);
    expect([0, 3], r.stderr).toContain(r.code);
    const manifest = await expectConsistentOutput(output);
    for (const f of manifest.failures) expect(f.error).toMatch(/file is empty|file looks binary|no text|no article text|record field/);
    const tables = await readTables(output);
    expect(tables.documents.length + manifest.failures.length).toBe(texts.size);
    expect(expectOffsetsSliceBack(tables, texts)).toBeGreaterThan(100);
  });
});
