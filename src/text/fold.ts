/**
 * Letter folding. `foldSameLength` keeps the text's length (one UTF-16 unit in, one out) so
 * offsets computed on the folded text are valid on the original; `matchKey` is for comparing names.
 */

const EXTRA: Readonly<Record<string, string>> = {
  đ: 'd', Đ: 'D', ø: 'o', Ø: 'O', ł: 'l', Ł: 'L', ı: 'i', ß: 's', æ: 'a', Æ: 'A', œ: 'o', Œ: 'O', þ: 't', ð: 'd',
};

const cache = new Map<string, string>();

function foldChar(ch: string): string {
  const hit = cache.get(ch);
  if (hit !== undefined) return hit;
  let out = EXTRA[ch];
  if (out === undefined) {
    const base = ch.normalize('NFD').charAt(0);
    out = base.length === 1 && base !== ch && /[A-Za-z]/.test(base) ? base : ch;
  }
  if (cache.size < 4096) cache.set(ch, out);
  return out;
}

/** Folds Latin letters with diacritics to their base letter, one unit for one unit. */
export function foldSameLength(text: string): string {
  // Fast path: pure ASCII needs no work.
  if (!/[^\x00-\x7f]/.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const code = ch.charCodeAt(0);
    if (code < 0xc0) out += ch;
    else if (code >= 0x300 && code <= 0x36f) out += ch; // combining marks stay (NFC input has none)
    else out += foldChar(ch);
  }
  return out;
}

/** Straightens typographic quotes and apostrophes; same length. */
export function straightenQuotes(text: string): string {
  return text.replace(/[\u2018\u2019\u201a\u201b\u2032\u02bc]/g, "'").replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"');
}

/** The key two names are compared by: NFC, diacritics folded, case folded, apostrophes and spacing unified. */
export function matchKey(text: string): string {
  return foldSameLength(straightenQuotes(text.normalize('NFC')))
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\bdefense\b/g, 'defence')
    .replace(/['’]s\b/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
