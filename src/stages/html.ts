import { MappedTextBuilder } from '../text/offset-map.js';
import type { OffsetMapper } from '../types.js';
import { WINDOWS_1252_C1 } from './ingest.js';

/**
 * Article text out of an HTML page, for the clean stage. Tags are dropped, and so is everything
 * that is not article prose by its element: scripts, styles, navigation, asides, forms, page
 * headers and footers. Block elements end a paragraph (a blank line), `<br>` ends a line,
 * whitespace inside text collapses to one space, and character references are decoded.
 * Every character of `text` maps back into the HTML through `map`, so offsets computed on
 * the article text point into the page and slice back to its source.
 */
export interface HtmlArticle {
  readonly text: string;
  /** Maps offsets into `text` back to offsets into the HTML. */
  readonly map: OffsetMapper;
  /** What the page states about itself in `<head>`: title, published, source (publisher), url. */
  readonly fields: Readonly<Record<string, string>>;
}

type HtmlEvent =
  | { readonly kind: 'text'; readonly start: number; readonly end: number }
  | { readonly kind: 'open'; readonly name: string; readonly start: number; readonly end: number; readonly attrs: Readonly<Record<string, string>>; readonly selfClosing: boolean }
  | { readonly kind: 'close'; readonly name: string; readonly start: number; readonly end: number };

/** Elements whose content is not parsed as HTML; their text runs to the matching end tag. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'template']);
/** Elements that never have content or an end tag. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Elements whose content is page machinery or furniture, never article prose. */
const DROPPED = new Set([
  'head', 'script', 'style', 'noscript', 'template', 'textarea', 'xmp', 'iframe', 'noembed', 'noframes', 'title',
  'svg', 'math', 'canvas', 'object', 'video', 'audio', 'map',
  'nav', 'aside', 'footer', 'form', 'button', 'select', 'dialog', 'menu', 'figcaption',
]);
/** Elements that start and end a paragraph of text. */
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'div', 'dl', 'dt',
  'fieldset', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'li',
  'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);

const NAME = /[A-Za-z][A-Za-z0-9:-]*/y;
const ATTR = /[\s/]*([^\s"'>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/y;

/** The page as a flat list of tags and text runs, with their ranges in the HTML. */
function tokenize(html: string): HtmlEvent[] {
  const events: HtmlEvent[] = [];
  let text = 0;
  let i = 0;
  const flushText = (end: number) => {
    if (end > text) events.push({ kind: 'text', start: text, end });
  };
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    const next = html[lt + 1];
    if (html.startsWith('<!--', lt)) {
      flushText(lt);
      const close = html.indexOf('-->', lt + 4);
      i = text = close < 0 ? html.length : close + 3;
    } else if (next === '!' || next === '?') {
      flushText(lt);
      const close = html.indexOf('>', lt + 2);
      i = text = close < 0 ? html.length : close + 1;
    } else if (next === '/' && /[A-Za-z]/.test(html[lt + 2] ?? '')) {
      flushText(lt);
      NAME.lastIndex = lt + 2;
      const name = NAME.exec(html)![0].toLowerCase();
      const close = html.indexOf('>', NAME.lastIndex);
      i = text = close < 0 ? html.length : close + 1;
      events.push({ kind: 'close', name, start: lt, end: i });
    } else if (next !== undefined && /[A-Za-z]/.test(next)) {
      flushText(lt);
      NAME.lastIndex = lt + 1;
      const name = NAME.exec(html)![0].toLowerCase();
      const attrs: Record<string, string> = {};
      let pos = NAME.lastIndex;
      for (;;) {
        ATTR.lastIndex = pos;
        const m = ATTR.exec(html);
        if (!m || m[0].length === 0) break;
        const key = m[1]!.toLowerCase();
        if (!(key in attrs)) attrs[key] = m[2] ?? m[3] ?? m[4] ?? '';
        pos = ATTR.lastIndex;
      }
      const close = html.indexOf('>', pos);
      i = text = close < 0 ? html.length : close + 1;
      const selfClosing = close > 0 && html[close - 1] === '/';
      events.push({ kind: 'open', name, start: lt, end: i, attrs, selfClosing });
      if (RAW_TEXT.has(name) && !selfClosing) {
        // Raw text: no tags inside, up to `</name`; the content is one text run.
        const endTag = new RegExp(`</${name}(?=[\\s/>])`, 'ig');
        endTag.lastIndex = i;
        const m = endTag.exec(html);
        const contentEnd = m ? m.index : html.length;
        flushText(contentEnd);
        if (m) {
          const gt = html.indexOf('>', contentEnd);
          i = text = gt < 0 ? html.length : gt + 1;
          events.push({ kind: 'close', name, start: contentEnd, end: i });
        } else i = text = html.length;
      }
    } else {
      // A "<" that opens no tag ("a < b") is text.
      i = lt + 1;
    }
  }
  flushText(html.length);
  return events;
}

/** Events from the `open` at `from` to its matching `close` (or the end), nesting counted. */
function elementEnd(events: readonly HtmlEvent[], from: number): number {
  const name = (events[from] as { name: string }).name;
  let depth = 0;
  for (let k = from; k < events.length; k++) {
    const e = events[k]!;
    if (e.kind === 'open' && e.name === name) depth++;
    else if (e.kind === 'close' && e.name === name && --depth === 0) return k;
  }
  return events.length - 1;
}

/**
 * The part of the page that holds the article: the `<article>` with the most text (pages list
 * teasers of other stories as articles too), else `<main>`, else `<body>`, else the whole page.
 */
function articleRange(events: readonly HtmlEvent[], html: string): [number, number] {
  for (const name of ['article', 'main', 'body']) {
    let best: [number, number] | null = null;
    let bestSize = -1;
    for (let k = 0; k < events.length; k++) {
      const e = events[k]!;
      if (e.kind !== 'open' || e.name !== name) continue;
      const end = elementEnd(events, k);
      const size = proseEvents(events, k, end).reduce((n, t) => n + html.slice(t.start, t.end).trim().length, 0);
      if (size > bestSize) {
        best = [k, end];
        bestSize = size;
      }
      k = end;
    }
    if (best && bestSize > 0) return best;
  }
  return [0, events.length - 1];
}

/** The text runs of `events[from..to]` that are article prose. */
function proseEvents(events: readonly HtmlEvent[], from: number, to: number): Extract<HtmlEvent, { kind: 'text' }>[] {
  const out: Extract<HtmlEvent, { kind: 'text' }>[] = [];
  walkProse(events, from, to, (e) => {
    if (e.kind === 'text') out.push(e);
  });
  return out;
}

/**
 * Calls `visit` for every event that belongs to the article text: not inside a dropped element,
 * and not inside a page `<header>` (a header inside an article or main holds its headline).
 */
function walkProse(events: readonly HtmlEvent[], from: number, to: number, visit: (e: HtmlEvent) => void): void {
  const dropped: string[] = [];
  let inArticle = 0;
  for (let k = from; k <= to && k < events.length; k++) {
    const e = events[k]!;
    const top = dropped[dropped.length - 1];
    // A page that never closes <head> closes it by opening <body>.
    if (top !== undefined && e.kind === 'open' && e.name === 'body' && dropped[0] === 'head') dropped.length = 0;
    else if (top !== undefined) {
      if (e.kind === 'open' && e.name === top && !e.selfClosing) dropped.push(e.name);
      else if (e.kind === 'close' && e.name === top) dropped.pop();
      continue;
    }
    // `<iframe src="..." />` has no content to drop, and no end tag would end the dropping.
    if (e.kind === 'open' && !VOID.has(e.name) && !e.selfClosing && (DROPPED.has(e.name) || (e.name === 'header' && !inArticle))) {
      dropped.push(e.name);
      continue;
    }
    if (e.kind === 'open' && (e.name === 'article' || e.name === 'main')) inArticle++;
    if (e.kind === 'close' && (e.name === 'article' || e.name === 'main')) inArticle = Math.max(0, inArticle - 1);
    visit(e);
  }
}

/** Extracts the article text of an HTML page, mapped back into the page. */
export function extractHtmlArticle(html: string): HtmlArticle {
  const events = tokenize(html);
  const [from, to] = articleRange(events, html);
  const out = new ArticleText(html);
  walkProse(events, from, to, (e) => {
    if (e.kind === 'text') out.text(e.start, e.end);
    else if (e.name === 'br') out.lineBreak('\n', e.start, e.end);
    else if (BLOCK.has(e.name)) out.lineBreak('\n\n', e.start, e.end);
  });
  return { ...out.build(), fields: pageFields(events, html) };
}

const WS = /[ \t\n\r\f]+/y;
const REF = /&(?:#[xX]([0-9A-Fa-f]{1,6});?|#([0-9]{1,7});?|([A-Za-z][A-Za-z0-9]{1,31});)/y;

/** The article text being built from text runs and breaks, each piece mapped to its HTML range. */
class ArticleText {
  private readonly builder = new MappedTextBuilder();
  /** A break waits until text follows, so a run of tags gives one break, and none at the ends. */
  private pending: { text: string; start: number; end: number } | null = null;
  /** Whether the text so far ends in a space or a break, so that leading whitespace is dropped. */
  private space = true;

  constructor(private readonly html: string) {}

  lineBreak(text: '\n' | '\n\n', start: number, end: number): void {
    this.space = true;
    if (!this.builder.size) return;
    if (!this.pending || text.length > this.pending.text.length) this.pending = { text, start, end };
  }

  /** Appends one text run: whitespace collapsed, character references decoded. */
  text(start: number, end: number): void {
    const html = this.html;
    let pos = start;
    let plain = start;
    while (pos < end) {
      const c = html.charCodeAt(pos);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c) {
        this.copy(plain, pos);
        WS.lastIndex = pos;
        const wsEnd = Math.min(end, pos + WS.exec(html)![0].length);
        if (!this.space) {
          // A line's trailing space is trimmed by the clean stage; a break does not need it gone.
          if (wsEnd - pos === 1 && c === 0x20) this.builder.copy(' ', pos);
          else this.builder.replace(' ', pos, wsEnd);
          this.space = true;
        }
        pos = plain = wsEnd;
      } else if (c === 0x26 /* & */) {
        REF.lastIndex = pos;
        const m = REF.exec(html);
        const decoded = m && pos + m[0].length <= end ? decodeReference(m) : null;
        if (m && decoded !== null) {
          this.copy(plain, pos);
          this.flushBreak();
          this.builder.replace(decoded, pos, pos + m[0].length);
          this.space = false;
          pos = plain = pos + m[0].length;
        } else pos++;
      } else pos++;
    }
    this.copy(plain, end);
  }

  build(): { readonly text: string; readonly map: OffsetMapper } {
    return this.builder.build();
  }

  private copy(start: number, end: number): void {
    if (end <= start) return;
    this.flushBreak();
    this.builder.copy(this.html.slice(start, end), start);
    this.space = false;
  }

  private flushBreak(): void {
    if (this.pending) this.builder.replace(this.pending.text, this.pending.start, this.pending.end);
    this.pending = null;
  }
}


/** The character a reference stands for (`&#x41;`, `&#65;`, `&amp;`), or null for an unknown name. */
function decodeReference([, hex, dec, name]: readonly (string | undefined)[]): string | null {
  if (name !== undefined) return ENTITIES.get(name) ?? null;
  const code = hex !== undefined ? parseInt(hex, 16) : parseInt(dec!, 10);
  // Code points 0x80-0x9F in a numeric reference mean Windows-1252 characters (HTML spec).
  if (code >= 0x80 && code <= 0x9f) return WINDOWS_1252_C1[code - 0x80]!;
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(code);
}

/** The page's own metadata: Open Graph and article meta tags, the canonical link, `<title>`. */
function pageFields(events: readonly HtmlEvent[], html: string): Record<string, string> {
  const meta = new Map<string, string>();
  let canonical = '';
  let titleTag = '';
  let h1 = '';
  for (let k = 0; k < events.length; k++) {
    const e = events[k]!;
    if (e.kind !== 'open') continue;
    if (e.name === 'meta') {
      const key = (e.attrs.property ?? e.attrs.name ?? e.attrs.itemprop ?? '').toLowerCase();
      const content = e.attrs.content;
      if (key && content && !meta.has(key)) meta.set(key, decodeAttribute(content));
    } else if (e.name === 'link' && /(^|\s)canonical(\s|$)/i.test(e.attrs.rel ?? '') && e.attrs.href) canonical ||= decodeAttribute(e.attrs.href);
    else if (e.name === 'title' && !titleTag) titleTag = plainText(events, k, html);
    else if (e.name === 'h1' && !h1) h1 = plainText(events, k, html);
  }
  const first = (...keys: string[]) => keys.map((k) => meta.get(k)?.trim()).find((v) => v) ?? '';
  const fields: Record<string, string> = {
    title: first('og:title', 'twitter:title') || h1 || titleTag,
    published: first('article:published_time', 'og:published_time', 'datepublished', 'pubdate', 'publishdate', 'date', 'dc.date', 'dcterms.date'),
    source: first('og:site_name', 'author', 'article:author'),
    url: canonical || first('og:url'),
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v));
}

/** The text of the element opened at `events[k]`, tags dropped, references decoded, spaces collapsed. */
function plainText(events: readonly HtmlEvent[], k: number, html: string): string {
  const end = elementEnd(events, k);
  let out = '';
  for (let j = k + 1; j < end; j++) {
    const e = events[j]!;
    if (e.kind === 'text') out += decodeAttribute(html.slice(e.start, e.end));
    else out += ' ';
  }
  return out.replace(/\s+/g, ' ').trim();
}

function decodeAttribute(value: string): string {
  return value.replace(new RegExp(REF.source, 'g'), (whole: string, hex?: string, dec?: string, name?: string) => decodeReference([whole, hex, dec, name]) ?? whole);
}

/** Named character references: the HTML 4 set (Latin-1, symbols, Greek, typography) and `&apos;`. */
const ENTITIES: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  const latin1 =
    'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest ' +
    'Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig ' +
    'agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml';
  latin1.split(' ').forEach((name, i) => map.set(name, String.fromCharCode(160 + i)));
  const greekUpper = 'Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi Omicron Pi Rho _ Sigma Tau Upsilon Phi Chi Psi Omega';
  greekUpper.split(' ').forEach((name, i) => name !== '_' && map.set(name, String.fromCharCode(913 + i)));
  const greekLower = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigmaf sigma tau upsilon phi chi psi omega';
  greekLower.split(' ').forEach((name, i) => map.set(name, String.fromCharCode(945 + i)));
  const others: Record<string, number> = {
    quot: 34, amp: 38, apos: 39, lt: 60, gt: 62, OElig: 338, oelig: 339, Scaron: 352, scaron: 353, Yuml: 376, fnof: 402, circ: 710, tilde: 732,
    thetasym: 977, upsih: 978, piv: 982, ensp: 8194, emsp: 8195, thinsp: 8201, zwnj: 8204, zwj: 8205, lrm: 8206, rlm: 8207,
    ndash: 8211, mdash: 8212, lsquo: 8216, rsquo: 8217, sbquo: 8218, ldquo: 8220, rdquo: 8221, bdquo: 8222, dagger: 8224, Dagger: 8225,
    bull: 8226, hellip: 8230, permil: 8240, prime: 8242, Prime: 8243, lsaquo: 8249, rsaquo: 8250, oline: 8254, frasl: 8260, euro: 8364,
    image: 8465, weierp: 8472, real: 8476, trade: 8482, alefsym: 8501, larr: 8592, uarr: 8593, rarr: 8594, darr: 8595, harr: 8596,
    crarr: 8629, lArr: 8656, uArr: 8657, rArr: 8658, dArr: 8659, hArr: 8660, forall: 8704, part: 8706, exist: 8707, empty: 8709,
    nabla: 8711, isin: 8712, notin: 8713, ni: 8715, prod: 8719, sum: 8721, minus: 8722, lowast: 8727, radic: 8730, prop: 8733,
    infin: 8734, ang: 8736, and: 8743, or: 8744, cap: 8745, cup: 8746, int: 8747, there4: 8756, sim: 8764, cong: 8773, asymp: 8776,
    ne: 8800, equiv: 8801, le: 8804, ge: 8805, sub: 8834, sup: 8835, nsub: 8836, sube: 8838, supe: 8839, oplus: 8853, otimes: 8855,
    perp: 8869, sdot: 8901, lceil: 8968, rceil: 8969, lfloor: 8970, rfloor: 8971, lang: 9001, rang: 9002, loz: 9674, spades: 9824,
    clubs: 9827, hearts: 9829, diams: 9830,
  };
  for (const [name, code] of Object.entries(others)) map.set(name, String.fromCharCode(code));
  return map;
})();
