import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expandInput } from '../stages/formats.js';
import { decodeText, sha256Hex } from '../stages/ingest.js';

/** The text of one source file as the run read it, or why it cannot be shown. */
export type SourceText =
  | { readonly ok: true; readonly text: string; readonly codePoints: readonly string[] }
  | { readonly ok: false; readonly problem: string };

/**
 * Reads `source` under `inputDir` and checks it is the text the run read (same SHA-256), so
 * offsets from the tables still point at the right characters. A source such as
 * `export.jsonl#3` is one record of a JSON Lines or JSON export: its text is that record's.
 */
export async function readSourceText(inputDir: string, source: string, sha256: string): Promise<SourceText> {
  let bytes: Uint8Array;
  try {
    // Read synchronously: the report reads hundreds of small files one after another, and each
    // await of the promise API costs several event-loop turns.
    bytes = readFileSync(path.join(inputDir, source));
  } catch (err) {
    const record = /^(.*\.jsonl?)#\d+$/i.exec(source);
    if (!record) return { ok: false, problem: `cannot read ${path.join(inputDir, source)}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
    const unit = await readRecord(inputDir, record[1]!, source);
    if (!unit.ok) return unit;
    bytes = unit.bytes;
  }
  if (sha256 && sha256Hex(bytes) !== sha256) {
    return { ok: false, problem: `${path.join(inputDir, source)} has changed since the run (SHA-256 differs); run the pipeline again` };
  }
  const { text } = decodeText(bytes);
  return { ok: true, text, codePoints: [...text] };
}

/** The bytes of one record of an export file, as the ingest stage splits it. */
async function readRecord(inputDir: string, file: string, source: string): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; problem: string }> {
  let container: Buffer;
  try {
    container = readFileSync(path.join(inputDir, file));
  } catch (err) {
    return { ok: false, problem: `cannot read ${path.join(inputDir, file)}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
  }
  const unit = expandInput(file, container).units.find((u) => u.source === source);
  return unit ? { ok: true, bytes: unit.bytes } : { ok: false, problem: `${path.join(inputDir, file)} has no record ${source.slice(file.length + 1)} any more; run the pipeline again` };
}

/** A passage of a source text around a span; offsets are code points into the original file. */
export interface Passage {
  readonly start: number;
  readonly end: number;
  /** Text before the span, the span, and after it: `before + span + after` is the passage. */
  readonly before: string;
  readonly span: string;
  readonly after: string;
  /** Whether the passage was cut short of its paragraph on either side. */
  readonly cutBefore: boolean;
  readonly cutAfter: boolean;
}

/**
 * The paragraph around `[start, end)` (out to the nearest line breaks) when it is at most
 * `paragraph` code points long, so records in one paragraph share it; else a window of `reach`
 * code points either side, cut at a space. Whole articles are never copied.
 */
export function passageAround(codePoints: readonly string[], start: number, end: number, limits: { readonly paragraph: number; readonly reach: number } = { paragraph: 1200, reach: 360 }): Passage {
  let from = start;
  while (from > 0 && codePoints[from - 1] !== '\n') from--;
  let to = end;
  while (to < codePoints.length && codePoints[to] !== '\n') to++;
  let cutBefore = false;
  let cutAfter = false;
  if (to - from > limits.paragraph) {
    if (start - from > limits.reach) {
      cutBefore = true;
      from = start - limits.reach;
      const space = codePoints.indexOf(' ', from);
      if (space !== -1 && space < start) from = space + 1;
    }
    if (to - end > limits.reach) {
      cutAfter = true;
      to = end + limits.reach;
      const space = codePoints.lastIndexOf(' ', to);
      if (space >= end) to = space;
    }
  }
  return {
    start: from,
    end: to,
    before: codePoints.slice(from, start).join(''),
    span: codePoints.slice(start, end).join(''),
    after: codePoints.slice(end, to).join(''),
    cutBefore,
    cutAfter,
  };
}
