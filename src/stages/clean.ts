import { parse as parseYaml } from 'yaml';
import { straightenQuotes } from '../text/fold.js';
import { MappedTextBuilder } from '../text/offset-map.js';
import type { FurnitureRules } from '../rules/schemas.js';
import type { Block, BlockKind, CleanDocument, DocumentMeta, SourceDocument, Span } from '../types.js';
import { extractHtmlArticle } from './html.js';
import { DocumentError } from './ingest.js';

/** Reads a header line as a publication date (`YYYY-MM-DD`) when the line is mostly a date. */
export type DatelineReader = (line: string) => string | null;

export interface CompiledFurniture {
  readonly lines: readonly {
    readonly id: string;
    readonly regex: RegExp;
    readonly action: FurnitureRules['lines'][number]['action'];
  }[];
  readonly foreignLine: FurnitureRules['foreignLine'];
  readonly headingMaxWords: number;
}

export function compileFurniture(rules: FurnitureRules): CompiledFurniture {
  return {
    lines: rules.lines.map((r) => ({ id: r.id, regex: new RegExp(r.pattern, r.ignoreCase ? 'iu' : 'u'), action: r.action })),
    foreignLine: rules.foreignLine,
    headingMaxWords: rules.headingMaxWords,
  };
}

interface Line extends Span {
  /** Trimmed content range (after a Markdown heading marker). */
  readonly text: string;
}

type LineClass =
  | { readonly kind: 'blank' }
  | { readonly kind: 'drop'; readonly rule: string; readonly rest?: boolean }
  /** Kept up to `keepEnd` (an original offset): the rest is a cut-off word. */
  | { readonly kind: 'teaser'; readonly rule: string; readonly keepEnd: number }
  | { readonly kind: Exclude<BlockKind, 'teaser'>; readonly rule?: string };

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;
const TERMINAL = /[.!?:;"')\]…]$/;

/** Lines end at CRLF, LF or a lone CR; `text` is NFC (for classifying), the range is the original's. */
function splitLines(text: string, from: number): Line[] {
  const lines: Line[] = [];
  const breaks = /\r\n?|\n/g;
  breaks.lastIndex = from;
  let pos = from;
  for (;;) {
    const m = breaks.exec(text);
    const nl = m ? m.index : text.length;
    let start = pos;
    let end = nl;
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    const heading = /^#{1,6}\s+/.exec(text.slice(start, end));
    if (heading) start += heading[0].length;
    lines.push({ start, end, text: text.slice(start, end).normalize('NFC') });
    if (!m) break;
    pos = m.index + m[0].length;
  }
  return lines;
}

const NON_ASCII = /[^\x00-\x7f]/;
const wordCount = (s: string) => (s.match(/\S+/g) ?? []).length;

/**
 * A line in another language: most of its words that are not capitalized (names are, in English
 * prose, whatever their letters) carry non-English letters.
 */
function isForeign(line: string, rule: CompiledFurniture['foreignLine']): boolean {
  // No letter outside ASCII, no marked word: most lines of English text end here.
  if (rule.minShare > 0 && !NON_ASCII.test(line)) return false;
  const words = (line.match(/[\p{L}\p{M}]+/gu) ?? []).filter((w) => !/^\p{Lu}/u.test(w));
  if (words.length < rule.minWords) return false;
  const marked = words.filter((w) => NON_ASCII.test(w)).length;
  return marked / words.length >= rule.minShare;
}

interface FrontMatter {
  readonly end: number;
  readonly fields: Record<string, unknown>;
}

function frontMatter(src: SourceDocument): FrontMatter {
  const m = FRONT_MATTER.exec(src.text);
  if (!m) return { end: 0, fields: {} };
  let fields: unknown;
  try {
    fields = parseYaml(m[1]!);
  } catch (err) {
    const line = (err as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    throw new DocumentError(src.source, `invalid YAML front matter: ${(err as Error).message.split('\n')[0]}`, line ? line + 1 : null);
  }
  if (fields !== null && (typeof fields !== 'object' || Array.isArray(fields))) {
    throw new DocumentError(src.source, 'front matter must be a YAML mapping of keys such as title, published, source, url', 2);
  }
  return { end: m[0].length, fields: (fields ?? {}) as Record<string, unknown> };
}

function isoDate(value: unknown): string | null {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  if (typeof value !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim());
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

const HTML_SOURCE = /\.html?$/i;

/**
 * The clean stage: leaves out front matter and page furniture, collapses whitespace, straightens
 * quotes, composes letters written with combining marks (NFC), and finds the title, publisher and
 * publication date. Each kept line becomes a block; a line that continues a wrapped paragraph
 * joins the previous block. An HTML page is first reduced to its article text (`html.ts`); the
 * offset map then leads through that text back into the page.
 */
export function cleanDocument(src: SourceDocument, furniture: CompiledFurniture, readDateline: DatelineReader): CleanDocument {
  if (!HTML_SOURCE.test(src.source)) {
    const parsed = frontMatter(src);
    // Metadata from a container (a JSONL record) counts as front matter; the file's own wins.
    return cleanText(src, src.meta ? { end: parsed.end, fields: { ...src.meta, ...parsed.fields } } : parsed, furniture, readDateline);
  }
  const page = extractHtmlArticle(src.text);
  if (!page.text.trim()) throw new DocumentError(src.source, 'no article text in the HTML (only markup, scripts or navigation)');
  // The page's <head> metadata is its front matter.
  const inner = cleanText({ ...src, text: page.text }, { end: 0, fields: { ...src.meta, ...page.fields } }, furniture, readDateline);
  return {
    ...inner,
    source: src,
    map: {
      toOriginalStart: (c) => page.map.toOriginalStart(inner.map.toOriginalStart(c)),
      toOriginalEnd: (c) => page.map.toOriginalEnd(inner.map.toOriginalEnd(c)),
    },
    removed: inner.removed.map((r) => ({ ...r, start: page.map.toOriginalStart(r.start), end: page.map.toOriginalEnd(r.end) })),
  };
}

function cleanText(src: SourceDocument, fm: FrontMatter, furniture: CompiledFurniture, readDateline: DatelineReader): CleanDocument {
  const lines = splitLines(src.text, fm.end);
  const classes: LineClass[] = [];
  let publisher = '';
  let published: string | null = null;
  const origin: Record<string, string> = {};
  const titleCandidates: string[] = [];
  let proseStarted = false;
  let anyProse = false;
  let dropRest: string | null = null;
  const seen = new Set<string>();

  for (const line of lines) {
    const t = line.text;
    if (dropRest) {
      classes.push(t ? { kind: 'drop', rule: dropRest } : { kind: 'blank' });
      continue;
    }
    if (!t) {
      classes.push({ kind: 'blank' });
      continue;
    }
    let cls: LineClass | null = null;
    for (const rule of furniture.lines) {
      const m = rule.regex.exec(t);
      if (!m) continue;
      if (rule.action === 'drop') cls = { kind: 'drop', rule: rule.id };
      else if (rule.action === 'teaser') {
        // The cut-off word, found again in the original text (the line was matched in NFC).
        const original = src.text.slice(line.start, line.end);
        const cut = rule.regex.exec(original)?.groups?.cut ?? m.groups?.cut ?? '';
        let keepEnd = line.end - (original.endsWith(cut) ? cut.length : 0);
        while (keepEnd > line.start && /\s/.test(src.text[keepEnd - 1]!)) keepEnd--;
        cls = keepEnd > line.start ? { kind: 'teaser', rule: rule.id, keepEnd } : { kind: 'drop', rule: rule.id };
      } else if (rule.action === 'drop-rest') {
        if (!anyProse) cls = { kind: 'drop', rule: rule.id };
        else {
          dropRest = rule.id;
          cls = { kind: 'drop', rule: rule.id, rest: true };
        }
      } else if (rule.action === 'site-title') {
        publisher ||= m.groups?.publisher?.trim() ?? '';
        if (publisher) origin.publisher ??= 'site-title';
        const title = m.groups?.title?.trim();
        if (title) titleCandidates.push(title);
        cls = { kind: 'drop', rule: rule.id };
      } else {
        const date = m.groups?.date ? readDateline(m.groups.date) : null;
        if (date && !published) {
          published = date;
          origin.published = 'byline';
        }
        const author = m.groups?.author?.trim();
        if (author && !publisher) {
          publisher = author;
          origin.publisher = 'byline';
        }
        cls = { kind: 'byline', rule: rule.id };
      }
      break;
    }
    if (!cls && isForeign(t, furniture.foreignLine)) cls = { kind: 'drop', rule: 'furniture.foreign-line' };
    if (!cls && !proseStarted && wordCount(t) <= 8) {
      const date = readDateline(t);
      if (date) {
        if (!published) {
          published = date;
          origin.published = 'dateline';
        }
        cls = { kind: 'dateline' };
      }
    }
    if (!cls) {
      const words = wordCount(t);
      // Headlines may be questions ("What's next for ...?"), so one closing ? or ! still makes a heading.
      const heading = words <= furniture.headingMaxWords && (!TERMINAL.test(t) || /^[^.!?]+[?!]$/.test(t));
      const key = straightenQuotes(t).replace(/\s+/g, ' ');
      if (heading && seen.has(key)) cls = { kind: 'drop', rule: 'furniture.duplicate-line' };
      else if (heading) {
        if (!proseStarted) titleCandidates.push(t);
        cls = { kind: 'heading' };
      } else {
        cls = { kind: 'prose' };
        anyProse = true;
        if (words >= 12) proseStarted = true;
      }
      seen.add(key);
    }
    classes.push(cls);
  }

  // The title is the header line the page repeats most (site title, headline, breadcrumb);
  // ties go to the longer line (a headline is longer than a section label).
  const header = lines.slice(0, Math.max(1, classes.findIndex((c) => c.kind === 'prose') + 1));
  let title = str(fm.fields.title);
  if (title) origin.title = 'front-matter';
  else if (titleCandidates.length) {
    const norm = (s: string) => straightenQuotes(s).replace(/\s+/g, ' ');
    let best = '';
    let bestCount = 0;
    for (const cand of titleCandidates) {
      const n = norm(cand);
      const count = header.filter((l) => norm(l.text).includes(n)).length;
      if (count > bestCount || (count === bestCount && n.length > norm(best).length)) {
        best = cand;
        bestCount = count;
      }
    }
    title = best;
    origin.title = 'headline';
  }
  // Other short header lines before the article ("ASEAN Beat", a section name) are page labels.
  if (origin.title === 'headline') {
    const norm = (t: string) => straightenQuotes(t).replace(/\s+/g, ' ');
    const firstProse = classes.findIndex((c) => c.kind === 'prose');
    for (let i = 0; i < (firstProse < 0 ? classes.length : firstProse); i++) {
      if (classes[i]!.kind === 'heading' && norm(lines[i]!.text) !== norm(title)) classes[i] = { kind: 'drop', rule: 'furniture.header-label' };
    }
  }
  const fmPublished = isoDate(fm.fields.published ?? fm.fields.date);
  if (fmPublished) {
    published = fmPublished;
    origin.published = 'front-matter';
  }
  const fmPublisher = str(fm.fields.publisher ?? fm.fields.source);
  if (fmPublisher) {
    publisher = fmPublisher;
    origin.publisher = 'front-matter';
  }
  const meta: DocumentMeta = { title: title.normalize('NFC'), published, publisher: publisher.normalize('NFC'), url: str(fm.fields.url), origin };

  // Build the clean text: kept lines, whitespace collapsed, quotes straightened.
  const builder = new MappedTextBuilder();
  const blocks: Block[] = [];
  const removed: (Span & { rule: string })[] = [];
  if (fm.end > 0) removed.push({ start: 0, end: fm.end, rule: 'front-matter' });
  let prevEnd = -1;
  let prevKind: BlockKind | null = null;
  let blockStart = 0;
  let blankSince = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const cls = classes[i]!;
    if (cls.kind === 'blank') {
      blankSince = true;
      continue;
    }
    if (cls.kind === 'drop') {
      removed.push({ start: line.start, end: line.end, rule: cls.rule });
      blankSince = true;
      continue;
    }
    const continues =
      prevKind === 'prose' && cls.kind === 'prose' && !blankSince && /^\p{Ll}/u.test(line.text) && !TERMINAL.test(builder.size ? src.text.slice(prevEnd - 1, prevEnd) : '');
    if (prevEnd >= 0) {
      if (!continues) {
        blocks.push({ start: blockStart, end: builder.size, kind: prevKind! });
        builder.replace('\n', prevEnd, line.start);
        blockStart = builder.size;
      } else builder.replace(' ', prevEnd, line.start);
    }
    const keepEnd = cls.kind === 'teaser' ? cls.keepEnd : line.end;
    appendCollapsed(builder, src.text, line.start, keepEnd);
    if (keepEnd < line.end) removed.push({ start: keepEnd, end: line.end, rule: cls.rule! });
    prevEnd = keepEnd;
    prevKind = cls.kind;
    blankSince = false;
  }
  if (prevEnd >= 0) blocks.push({ start: blockStart, end: builder.size, kind: prevKind! });
  const { text, map } = builder.build();
  return { source: src, meta, clean: text, map, blocks, removed };
}

/** Copies `text[start, end)` with runs of whitespace collapsed to one space and quotes straightened. */
function appendCollapsed(builder: MappedTextBuilder, text: string, start: number, end: number): void {
  const ws = /\s{2,}|[\t\v\f\r\n\u0085\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000]/g;
  ws.lastIndex = start;
  let pos = start;
  const slice = text.slice(0, end);
  let m: RegExpExecArray | null;
  while ((m = ws.exec(slice)) !== null) {
    if (m.index > pos) appendComposed(builder, text, pos, m.index);
    builder.replace(' ', m.index, m.index + m[0].length);
    pos = m.index + m[0].length;
  }
  if (pos < end) appendComposed(builder, text, pos, end);
}

const MARK = /\p{M}/u;
const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;

/**
 * Copies `text[start, end)` with quotes straightened and in NFC: a letter written as a base and
 * combining marks (NFD "ạ" = "a" + U+0323) becomes the composed letter, standing for the whole
 * original range, so extractors see one spelling and offsets still count the original.
 */
function appendComposed(builder: MappedTextBuilder, text: string, start: number, end: number): void {
  const part = straightenQuotes(text.slice(start, end));
  if (part.normalize('NFC') === part) {
    builder.copy(part, start);
    return;
  }
  // One cluster at a time: a code point and the combining marks that follow it.
  let i = 0;
  let plain = 0;
  while (i < part.length) {
    let j = i + (part.codePointAt(i)! > 0xffff ? 2 : 1);
    while (j < part.length && MARK.test(String.fromCodePoint(part.codePointAt(j)!))) j += part.codePointAt(j)! > 0xffff ? 2 : 1;
    const cluster = part.slice(i, j);
    const composed = cluster.normalize('NFC');
    if (composed !== cluster) {
      // Only what changed is replaced: "." + marks out of order keeps the "." its own offset,
      // so a sentence that ends there cannot overlap the next one.
      const max = Math.min(composed.length, cluster.length);
      let head = 0;
      while (head < max && composed[head] === cluster[head]) head++;
      if (head > 0 && isHighSurrogate(composed.charCodeAt(head - 1))) head--;
      let tail = 0;
      while (tail < max - head && composed[composed.length - 1 - tail] === cluster[cluster.length - 1 - tail]) tail++;
      if (tail > 0 && isHighSurrogate(composed.charCodeAt(composed.length - tail - 1))) tail--;
      if (i + head > plain) builder.copy(part.slice(plain, i + head), start + plain);
      builder.replace(composed.slice(head, composed.length - tail), start + i + head, start + j - tail);
      plain = j - tail;
    }
    i = j;
  }
  if (part.length > plain) builder.copy(part.slice(plain), start + plain);
}
