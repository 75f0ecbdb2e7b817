/**
 * HTML input: the article text is extracted (markup, scripts, styles and navigation dropped,
 * references decoded), and every offset points into the HTML file's text and slices back.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDocumentProcessor, type DocumentProcessor } from '../../src/processor.js';
import { extractHtmlArticle } from '../../src/stages/html.js';
import { sourceDocumentFromBytes } from '../../src/stages/ingest.js';
import type { DocumentExtraction } from '../../src/types.js';
import { sliceCodePoints } from '../helpers.js';
import { cli, expectConsistentOutput, expectOffsetsSliceBack, readRaw, readTables, tempDir, writeConfig, type Row } from './support.js';

/** Escapes text for HTML, and writes some letters as references, as CMSs do. */
const toHtml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/ạ/g, '&#7841;')
    .replace(/í/g, '&iacute;')
    .replace(/’/g, '&#x2019;')
    .replace(/"/g, '&quot;');

/** A news page around an article: head metadata, navigation, scripts, an aside and a footer. */
function newsPage(headline: string, paragraphs: readonly string[]): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${toHtml(headline)} | Example News</title>
  <meta property="og:title" content="${toHtml(headline)}">
  <meta property="og:site_name" content="Example News">
  <meta property="article:published_time" content="2024-03-05T09:30:00+07:00">
  <link rel="canonical" href="https://example.com/news/talks?id=1&amp;src=rss">
  <style>p { color: red } .Nguyen-Van-Style {}</style>
  <script>window.data = { person: "Prime Minister Nguyen Van Script pledged to leave" }; if (a < b && c > d) {}</script>
</head>
<body>
<header class="site"><nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/asia">Asia</a></nav><p>President Header Person said nothing.</p></header>
<main>
<article>
  <header><h1>${toHtml(headline)}</h1><p class="byline">By Staff Writer</p></header>
  <!-- ad slot: President Comment Person agreed to nothing -->
${paragraphs.map((p, i) => (i === 2 ? `  <p>${toHtml(p).replace(/ /, ' <strong>').replace(/(\S+)$/, '$1</strong>')}\n  </p>` : `  <p>${toHtml(p)}</p>`)).join('\n')}
  <figure><img src="x.jpg" alt="Prime Minister Alt Text"><figcaption>Photo: President Caption Person, VNA</figcaption></figure>
</article>
<aside><h2>Related</h2><ul><li><a href="/b">President Aside Person pledged to resign</a></li></ul></aside>
</main>
<footer><p>© 2024 Example News. Contact the editor Prime Minister Footer Person.</p></footer>
<script>track("President Tracking Person");</script>
</body>
</html>
`;
}

const SHORT = '<html><body><p>Vietnamese Prime Minister Ph&#7841;m Minh Ch&iacute;nh met Lao President Thongloun Sisoulith in Vientiane on 5 March 2024.</p></body></html>';

let processor: DocumentProcessor;
let article: string;
let paragraphs: string[];

beforeAll(async () => {
  processor = await createDocumentProcessor('rules');
  article = await readRaw('002_5604f4d1055f9bf5.txt');
  paragraphs = article.split('\n').filter((l) => l.trim());
});

function expectSlicesBack(x: DocumentExtraction, text: string): number {
  let n = 0;
  for (const r of [...x.sentences, ...x.mentions, ...x.dates, ...x.commitments]) {
    expect(sliceCodePoints(text, r.start, r.end)).toBe(r.text);
    n++;
  }
  return n;
}

describe('extractHtmlArticle', () => {
  it('keeps the article prose and drops markup, scripts, styles, navigation, asides and footers', () => {
    const page = extractHtmlArticle(newsPage('Vietnam and Laos agree', ['First paragraph.', 'Second   paragraph\n   wrapped.', 'Third one here.']));
    expect(page.text).toBe('Vietnam and Laos agree\n\nBy Staff Writer\n\nFirst paragraph.\n\nSecond paragraph wrapped.\n\nThird one here. ');
    expect(page.fields).toEqual({ title: 'Vietnam and Laos agree', published: '2024-03-05T09:30:00+07:00', source: 'Example News', url: 'https://example.com/news/talks?id=1&src=rss' });
  });

  it('decodes named, decimal and hex references, each standing for its whole reference', () => {
    const html = '<p>Ph&#7841;m Minh Ch&iacute;nh &amp; Lao&#x2019;s &#147;army&#148; &nbsp;&euro;5&hellip; &unknown; 1 &lt; 2</p>';
    const page = extractHtmlArticle(html);
    expect(page.text).toBe('Phạm Minh Chính & Lao’s “army” \u00a0€5… &unknown; 1 < 2');
    // Each character maps to the range it came from: a copy to itself, a decoded one to its reference.
    for (let c = 0; c < page.text.length; c++) {
      const source = html.slice(page.map.toOriginalStart(c), page.map.toOriginalEnd(c + 1));
      const ch = page.text[c]!;
      if (source !== ch) expect(extractHtmlArticle(`<p>x${source}x</p>`).text, `character ${c}`).toBe(`x${ch === ' ' ? ' ' : ch}x`);
    }
  });

  it('picks the article with the most text when a page lists teasers as articles too', () => {
    const html = '<body><article><p>Teaser one.</p></article><article><h1>Main story</h1><p>The long main story is here, with much more text than a teaser.</p></article><article><p>Teaser two.</p></article></body>';
    expect(extractHtmlArticle(html).text).toBe('Main story\n\nThe long main story is here, with much more text than a teaser.');
  });

  it('reads pages without <article>, and tolerates broken markup', () => {
    expect(extractHtmlArticle('Just text, no tags &amp; a < b.').text).toBe('Just text, no tags & a < b.');
    expect(extractHtmlArticle('<html><head><title>T</title><body><p>No closing head.<br>Next line').text).toBe('No closing head.\nNext line');
    expect(extractHtmlArticle('<p class="a>b">Quoted > in an attribute.</p><p>Unclosed <b>bold').text).toBe('Quoted > in an attribute.\n\nUnclosed bold');
    expect(extractHtmlArticle('<script>never closed <p>text</p>').text).toBe('');
    expect(extractHtmlArticle('<p>Before.</p><iframe src="https://video.example/x" /><nav/><p>After.</p>').text).toBe('Before.\n\nAfter.');
  });
});

describe('HTML through the whole per-document pipeline', () => {
  it('finds the same people, organizations, places, dates and commitments as in the text', () => {
    const html = newsPage(paragraphs[0]!.slice(0, 60), paragraphs);
    const src = sourceDocumentFromBytes('page.html', Buffer.from(html));
    const x = processor.process(src);
    // The page states its publication date in <head>; the text states it in front matter.
    const plain = processor.process(sourceDocumentFromBytes('page.txt', Buffer.from(`---\npublished: 2024-03-05\n---\n${article}`)));
    expect(expectSlicesBack(x, src.text)).toBeGreaterThan(50);
    const names = (d: DocumentExtraction) => d.entities.map((e) => `${e.type}:${e.name}`).sort();
    expect(names(x)).toEqual(expect.arrayContaining(names(plain)));
    expect(names(x).join('\n')).not.toMatch(/Script|Style|Header Person|Comment|Alt Text|Caption|Aside|Footer|Tracking/);
    expect(x.dates.map((d) => d.value)).toEqual(plain.dates.map((d) => d.value));
    expect(x.commitments.map((c) => c.action)).toEqual(plain.commitments.map((c) => c.action));
    expect(x.meta).toMatchObject({ title: paragraphs[0]!.slice(0, 60).trim(), published: '2024-03-05', publisher: 'Example News', url: 'https://example.com/news/talks?id=1&src=rss' });
    // A name written with references is the exact page text at its offsets; its entity has the letters.
    const chinh = x.mentions.find((m) => m.text === 'Ph&#7841;m Minh Ch&iacute;nh');
    expect(chinh).toBeDefined();
    expect(x.entities.some((e) => e.name === 'Phạm Minh Chính')).toBe(true);
  });
});

describe('HTML end to end', () => {
  let tables: Record<string, Row[]>;
  let html: string;

  beforeAll(async () => {
    const root = await tempDir('html');
    const input = path.join(root, 'in');
    await mkdir(path.join(input, 'pages'), { recursive: true });
    html = newsPage('Vietnam, Laos step up defence ties', paragraphs);
    await writeFile(path.join(input, 'pages', 'talks.html'), html);
    await writeFile(path.join(input, 'pages', 'short.htm'), SHORT);
    await writeFile(path.join(input, 'talks.txt'), article);
    const output = path.join(root, 'out');
    const r = await cli(['--config', await writeConfig(root), '--input', input, '--output', output]);
    expect(r.code, r.stderr).toBe(0);
    await expectConsistentOutput(output);
    tables = await readTables(output);
  });

  it('lists the pages with their metadata from <head>', () => {
    const doc = tables.documents!.find((d) => d.source === 'pages/talks.html')!;
    expect(doc).toMatchObject({ title: 'Vietnam, Laos step up defence ties', published: '2024-03-05', published_origin: 'front-matter', publisher: 'Example News', encoding: 'utf-8', chars: [...html].length });
    expect(tables.documents!.map((d) => d.source)).toEqual(['pages/short.htm', 'pages/talks.html', 'talks.txt']);
  });

  it('gives offsets into the HTML file text that slice back to each record', async () => {
    // The files are UTF-8 without a BOM: the file text is the string written.
    const texts = new Map([
      ['pages/talks.html', html],
      ['pages/short.htm', SHORT],
      ['talks.txt', article],
    ]);
    expect(expectOffsetsSliceBack(tables as Parameters<typeof expectOffsetsSliceBack>[0], texts)).toBeGreaterThan(100);
    const short = tables.mentions!.filter((m) => m.source === 'pages/short.htm').map((m) => m.text);
    expect(short).toEqual(expect.arrayContaining(['Ph&#7841;m Minh Ch&iacute;nh', 'Thongloun Sisoulith', 'Vientiane']));
    expect(tables.dates!.find((d) => d.source === 'pages/short.htm')).toMatchObject({ text: '5 March 2024', value: '2024-03-05' });
  });

  it('resolves the page and the text to the same entities', () => {
    const ids = (source: string) => [...new Set(tables.mentions!.filter((m) => m.source === source).map((m) => m.entity_id))].sort();
    expect(ids('pages/talks.html')).toEqual(expect.arrayContaining(ids('talks.txt')));
    const names = tables.entities!.map((e) => String(e.name));
    expect(names).toContain('Phạm Minh Chính');
    expect(names.join('\n')).not.toMatch(/Script|Header Person|Aside|Footer|Tracking|Caption/);
  });
});
