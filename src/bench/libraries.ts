/**
 * The libraries' share of a full run, for `npm run bench`: how long wink-nlp, chrono-node and
 * compromise take on exactly the inputs the pipeline gives them, with none of our rules. Our code
 * in the replay is only what hands each library its input and reads its output back: segment's
 * three `out()` reads and `parseSentence` (compromise's tagging steps, two tag fixes, and the
 * terms read into offsets), so the row slightly overstates the libraries, never understates them.
 *
 *   record CORPUS FILE   runs the pipeline's processor over CORPUS on one thread and writes to
 *                        FILE, per article, what it handed each library: the blocks wink read,
 *                        the strings chrono parsed (with the parser: the dateline's strict one or
 *                        the date finder's), the sentences compromise tagged
 *   replay FILE I N      makes those same calls for articles I, I+N, I+2N, ... of FILE
 *
 * The bench runs one `replay` per core at once, as the full run keeps one worker per core busy:
 * their wall time is what the libraries alone cost a full run on this machine.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Chrono, strict } from 'chrono-node/en';
import winkNLP, { type ItemSentence, type ItsHelpers } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { nlp as compromise } from '../compromise.js';
import { parseSentence } from '../extract/commitments/parse.js';
import { buildChrono } from '../extract/dates/finders/chrono.js';
import { foldSameLength } from '../text/fold.js';

/** A chrono reference as JSON: a date, or an instant with a time zone. */
type Reference = { readonly date: number } | { readonly instant: number; readonly timezone?: number | string } | null;

/** One chrono call: the parser (the dateline's strict one, or the date finder's), text, reference, options. */
type ChronoCall = readonly ['strict' | 'finder', string, Reference, unknown];

interface Recorded {
  readonly wink: string[];
  readonly chrono: ChronoCall[];
  readonly compromise: string[];
}

function* articles(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) yield* articles(file);
    else if (/\.(txt|md)$/i.test(name)) yield file;
  }
}

type ChronoReference = Parameters<Chrono['parse']>[1];

function toJson(ref: ChronoReference): Reference {
  if (ref instanceof Date) return { date: ref.getTime() };
  if (!ref || !(ref.instant instanceof Date)) return null;
  return { instant: ref.instant.getTime(), ...(ref.timezone !== undefined ? { timezone: ref.timezone } : {}) };
}

function fromJson(ref: Reference): ChronoReference {
  if (!ref) return undefined;
  if ('date' in ref) return new Date(ref.date);
  return { instant: new Date(ref.instant), ...(ref.timezone !== undefined ? { timezone: ref.timezone } : {}) };
}

async function record(corpus: string, file: string): Promise<void> {
  let current: Recorded | null = null;
  // Wrapped before the processor is made: every chrono parser and compromise's tokenizer are
  // shared objects, looked up at call time.
  const parse = Chrono.prototype.parse;
  Chrono.prototype.parse = function (this: Chrono, text: string, ref?: ChronoReference, option?: Parameters<Chrono['parse']>[2]) {
    current?.chrono.push([this === strict ? 'strict' : 'finder', text, toJson(ref), option ?? null]);
    return parse.call(this, text, ref, option);
  };
  const tokenizer = compromise as unknown as { tokenize(text: string): unknown };
  const tokenize = tokenizer.tokenize.bind(tokenizer);
  tokenizer.tokenize = (text: string) => {
    current?.compromise.push(text);
    return tokenize(text);
  };
  const { createDocumentProcessor } = await import('../processor.js');
  const { sourceDocumentFromBytes } = await import('../stages/ingest.js');
  const { cleanDocument, compileFurniture } = await import('../stages/clean.js');
  const { createDatelineReader } = await import('../stages/dateline.js');
  const processor = await createDocumentProcessor('rules');
  const furniture = compileFurniture(processor.rules.furniture);
  const readDateline = createDatelineReader();
  const out: Recorded[] = [];
  for (const f of articles(corpus)) {
    const src = sourceDocumentFromBytes(path.relative(corpus, f), readFileSync(f));
    // The blocks wink reads, as segment computes them; this clean's chrono calls are not recorded.
    const clean = cleanDocument(src, furniture, readDateline);
    current = { wink: clean.blocks.map((b) => foldSameLength(clean.clean.slice(b.start, b.end))), chrono: [], compromise: [] };
    processor.process(src);
    out.push(current);
    current = null;
  }
  writeFileSync(file, JSON.stringify(out));
}

function replay(file: string, index: number, count: number): void {
  const docs = JSON.parse(readFileSync(file, 'utf8')) as Recorded[];
  const wink = winkNLP(model, ['sbd', 'pos']);
  const its = wink.its as ItsHelpers;
  const finder = buildChrono();
  let n = 0;
  for (let k = index; k < docs.length; k += count) {
    const doc = docs[k]!;
    // What segment reads of each block.
    for (const block of doc.wink) {
      const w = wink.readDoc(block);
      n += w.tokens().out().length + w.tokens().out(its.precedingSpaces).length + w.tokens().out(its.pos).length;
      w.sentences().each((s: ItemSentence) => (n += s.tokens().length()));
    }
    for (const [which, text, ref, option] of doc.chrono) {
      n += (which === 'strict' ? strict : finder).parse(text, fromJson(ref), (option ?? undefined) as Parameters<Chrono['parse']>[2]).length;
    }
    for (const text of doc.compromise) n += parseSentence(text).terms.length;
  }
  process.stdout.write(`${n}\n`);
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'record' && args.length === 2) await record(args[0]!, args[1]!);
else if (mode === 'replay' && args.length === 3) replay(args[0]!, Number(args[1]), Number(args[2]));
else {
  process.stderr.write('usage: libraries.ts record CORPUS FILE | replay FILE I N\n');
  process.exitCode = 2;
}
