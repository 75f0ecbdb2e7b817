import type { ItemSentence, ItsHelpers, WinkMethods } from 'wink-nlp';
import { foldSameLength } from '../text/fold.js';
import type { CleanDocument, SegmentedDocument, Sentence, Token } from '../types.js';

export interface SegmentRules {
  /** Abbreviations (without their dot) after which a sentence does not end: "Lieut", "Dr". */
  readonly abbreviations: ReadonlySet<string>;
}

interface RawToken {
  readonly start: number;
  readonly end: number;
  readonly pos: string;
}

/**
 * The segment stage: sentences and tokens from wink-nlp, one `readDoc` per block. The block is
 * folded letter for letter first (wink splits some Vietnamese letters out of words), so token
 * offsets computed on the folded text hold on the clean text.
 */
export function segmentDocument(doc: CleanDocument, nlp: WinkMethods, rules: SegmentRules): SegmentedDocument {
  const its = nlp.its as ItsHelpers;
  const sentences: Sentence[] = [];
  doc.blocks.forEach((block, blockIndex) => {
    const text = doc.clean.slice(block.start, block.end);
    const folded = foldSameLength(text);
    const wdoc = nlp.readDoc(folded);
    const values = wdoc.tokens().out() as string[];
    const spaces = wdoc.tokens().out(its.precedingSpaces) as string[];
    const tags = wdoc.tokens().out(its.pos) as string[];
    const tokens: RawToken[] = [];
    let pos = 0;
    for (let i = 0; i < values.length; i++) {
      pos += spaces[i]!.length;
      const v = values[i]!;
      // `out()` reproduces the input, so the value stands here; search only as a safety net.
      const at = folded.startsWith(v, pos) ? pos : folded.indexOf(v, pos);
      const start = at < 0 ? pos : at;
      tokens.push({ start, end: start + v.length, pos: tags[i]! });
      pos = start + v.length;
    }
    // Sentence boundaries as token counts, then re-join splits after abbreviations and inside words.
    const counts: number[] = [];
    wdoc.sentences().each((s: ItemSentence) => {
      counts.push(s.tokens().length());
    });
    const groups: [number, number][] = [];
    let t = 0;
    for (const n of counts) {
      if (n === 0) continue;
      const range: [number, number] = [t, t + n];
      t += n;
      const prev = groups[groups.length - 1];
      // A split with no space ("Amazon.|com", "Airplane!|,") is inside a word, not between
      // sentences; before a capital it is a missing space ("tsunami.|Steve").
      const glued = !!prev && tokens[range[0]]!.start === tokens[prev[1] - 1]!.end && !/^\p{Lu}/u.test(folded.slice(tokens[range[0]]!.start));
      if (prev && (glued || endsWithAbbreviation(folded, tokens, prev[1], rules.abbreviations))) prev[1] = range[1];
      else groups.push(range);
    }
    if (t < tokens.length) groups.push([t, tokens.length]);
    for (const [a, b] of groups) {
      if (a >= b) continue;
      const start = block.start + tokens[a]!.start;
      const end = block.start + tokens[b - 1]!.end;
      sentences.push(
        withLazyTokens({ index: sentences.length, start, end, text: doc.clean.slice(start, end), block: blockIndex }, () =>
          tokens.slice(a, b).map(
            (tk): Token => ({
              start: block.start + tk.start,
              end: block.start + tk.end,
              text: doc.clean.slice(block.start + tk.start, block.start + tk.end),
              pos: tk.pos,
            }),
          ),
        ),
      );
    }
  });
  return { ...doc, sentences };
}

/**
 * A sentence whose tokens are made when first read: only the commitment extractor reads them, on
 * the one sentence in seven it parses, and making a million token objects for the BBC corpus
 * cost a seventh of this stage.
 */
function withLazyTokens(fields: Omit<Sentence, 'tokens'>, make: () => Token[]): Sentence {
  let tokens: readonly Token[] | undefined;
  return {
    ...fields,
    get tokens() {
      return (tokens ??= make());
    },
  };
}

/** True when the token run `[.., end)` ends with an abbreviation or an initial ("J.") rather than a full stop. */
function endsWithAbbreviation(text: string, tokens: readonly RawToken[], end: number, abbreviations: ReadonlySet<string>): boolean {
  const last = tokens[end - 1];
  if (!last) return false;
  const lastText = text.slice(last.start, last.end);
  let word: string;
  if (lastText === '.') {
    const before = tokens[end - 2];
    if (!before || before.end !== last.start) return false;
    word = text.slice(before.start, before.end);
  } else if (lastText.endsWith('.') && lastText.length > 1) word = lastText.slice(0, -1);
  else return false;
  return abbreviations.has(word) || /^\p{Lu}$/u.test(word);
}
