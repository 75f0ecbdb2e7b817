import { nlp } from '../../compromise.js';

/** compromise's pointer into a document: [sentence, first term, end term (exclusive)]. */
type Pointer = readonly [number, number, number];

interface View {
  readonly pointer: readonly Pointer[] | null;
  readonly length: number;
  match(pattern: Pattern): View;
  groups(name: string): View;
  /** The parsed terms, sentence by sentence: compromise's own objects, read here and never changed. */
  readonly docs: readonly (readonly { readonly pre: string; readonly text: string; readonly post: string; readonly tags: ReadonlySet<string> }[])[];
}

interface Tokenized extends View {
  compute(steps: readonly string[]): void;
  match(pattern: Pattern, group?: number): View & { tag(tag: string): View };
}

interface Compromise {
  tokenize(text: string): Tokenized;
  parseMatch(pattern: string): unknown;
}

const compromise = nlp as unknown as Compromise;

/** A compromise match pattern parsed once (`nlp.parseMatch`); parsing it on every call costs a fifth of a parse. */
export type Pattern = { readonly source: string } & { readonly __compiled: unique symbol };

export function compilePattern(source: string): Pattern {
  const compiled = compromise.parseMatch(source);
  // compromise takes the parsed form wherever it takes a pattern string.
  return Object.assign(compiled as object, { source }) as Pattern;
}

/**
 * compromise's own steps after tokenizing, minus its post-tagger: the post-tagger (a sweep of
 * several hundred match patterns) costs three quarters of `nlp()`. On the 2,225 BBC articles,
 * dropping it (with the two fixes below) changes 22 of 1,160 commitments, about as many for the
 * better as for the worse; on the gold annotations, one action is now split in two ("will give
 * them value for money and tax less"), one false positive more.
 * `nlp.tokenize` has run alias, normal, machine and contractions already. Its final 'unfreeze'
 * step only clears the flags 'freeze' set, for tagging that comes later: the two fixes below
 * give the same tags either way (checked on the 5,705 BBC sentences parsed), so it is skipped.
 */
const TAGGING = ['index', 'id', 'freeze', 'lexicon', 'preTagger', 'contractionTwo'] as const;

const MODAL = compilePattern('#Modal');
const AUXILIARY = compilePattern('[(am|is|are|was|were|be|been|being|has|have|had|having|do|does|did)] (#Adverb|#Negative|yet)? (#Adverb|#Negative|yet)? #Verb');

function parse(text: string): View {
  const doc = compromise.tokenize(text);
  doc.compute(TAGGING);
  // The post-tagger fixes the trigger rules rely on: a modal ("will", "'ll") is an auxiliary, and
  // so is a form of be, have or do before a verb ("has pledged", "was not signed").
  doc.match(MODAL).tag('Auxiliary');
  doc.match(AUXILIARY, 0).tag('Auxiliary');
  return doc;
}

/** One compromise term with offsets into the sentence it came from. */
export interface Term {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly tags: ReadonlySet<string>;
}

/** A match of one pattern: the trigger words and where the action starts, sentence-relative. */
export interface PatternMatch {
  readonly start: number;
  readonly end: number;
  readonly triggerStart: number;
  readonly triggerEnd: number;
  readonly actionStart: number;
  /** Index (into `ParsedSentence.terms`) of the first trigger term. */
  readonly triggerTerm: number;
}

/**
 * A sentence parsed by compromise. compromise's own span offsets include trailing punctuation
 * and are wrong after a leading quote, so term offsets are rebuilt from each term's `pre`, `text`
 * and `post`, which concatenate back to the input.
 */
export interface ParsedSentence {
  readonly text: string;
  /** All terms in order, flattened over compromise's own sentence splits. */
  readonly terms: readonly Term[];
  match(pattern: Pattern): PatternMatch[];
}

export function parseSentence(text: string): ParsedSentence {
  const doc = parse(text);
  // compromise's terms as they are: `json()` would copy each one and rebuild every sentence's text.
  const sentences = doc.docs;
  const terms: Term[] = [];
  /** Flat index of the first term of each compromise sentence. */
  const firstOf: number[] = [];
  let at = 0;
  for (const s of sentences) {
    firstOf.push(terms.length);
    for (const t of s) {
      at += t.pre.length;
      const start = text.indexOf(t.text, at) === at ? at : Math.max(at, text.indexOf(t.text, at));
      const end = start + t.text.length;
      terms.push({ start, end, text: t.text, tags: t.tags });
      at = end + t.post.length;
    }
  }
  const span = (p: Pointer, trigger = false): [number, number] | null => {
    const first = firstOf[p[0]]! + p[1];
    const last = firstOf[p[0]]! + p[2] - 1;
    // Implicit terms of a contraction ("won't" -> "will not") have no text of their own.
    let a = first;
    while (a < last && terms[a]!.text === '') a++;
    let b = last;
    while (b > a && terms[b]!.text === '') b--;
    // Only implicit terms ("will" of "I'll"): the contraction written before them stands for
    // them; a trigger, from its apostrophe ("'ll" of "I'll"), where its subject ends.
    const implicit = terms[a]?.text === '';
    while (a > 0 && terms[a]!.text === '') a--;
    if (b < a) b = a;
    const ta = terms[a];
    const tb = terms[b];
    if (!ta || !tb) return null;
    const apostrophe = implicit && trigger ? ta.text.search(/['’](?:ll|d)$/iu) : -1;
    return [ta.start + Math.max(0, apostrophe), tb.text === '' ? ta.end : tb.end];
  };
  const termAt = (p: Pointer) => firstOf[p[0]]! + p[1];
  return {
    text,
    terms,
    match(pattern) {
      const found = doc.match(pattern);
      // Group pointers are not kept per match; each match takes the group inside its range.
      const triggers = found.groups('trigger').pointer ?? [];
      const actions = found.groups('action').pointer ?? [];
      const inside = (g: Pointer, m: Pointer) => g[0] === m[0] && g[1] >= m[1] && g[2] <= m[2];
      const out: PatternMatch[] = [];
      for (const whole of found.pointer ?? []) {
        const m = span(whole);
        if (!m) continue;
        const trig = triggers.find((g) => inside(g, whole)) ?? whole;
        const act = actions.find((g) => inside(g, whole));
        const t = span(trig, true);
        if (!t) continue;
        const a = act ? span(act) : null;
        out.push({ start: m[0], end: m[1], triggerStart: t[0], triggerEnd: t[1], actionStart: a ? a[0] : m[1], triggerTerm: termAt(trig) });
      }
      return out;
    },
  };
}
