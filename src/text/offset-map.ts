import type { OffsetMapper } from '../types.js';

/**
 * A piece of clean text and the original range it stands for. `linear` pieces are copies
 * (character i of the piece is character i of the range); other pieces replace their range as a
 * whole (a collapsed run of whitespace, a separator between blocks).
 */
interface Piece {
  readonly cStart: number;
  readonly cEnd: number;
  readonly oStart: number;
  readonly oEnd: number;
  readonly linear: boolean;
}

/** Builds a derived text piece by piece while recording where each piece came from. */
export class MappedTextBuilder {
  private readonly chunks: string[] = [];
  private readonly pieces: Piece[] = [];
  private length = 0;

  get size(): number {
    return this.length;
  }

  /** Appends `text`, which must have the same length as original range `[oStart, oStart + text.length)`. */
  copy(text: string, oStart: number): this {
    if (text.length === 0) return this;
    const last = this.pieces[this.pieces.length - 1];
    if (last && last.linear && last.cEnd === this.length && last.oEnd === oStart) {
      this.pieces[this.pieces.length - 1] = { ...last, cEnd: last.cEnd + text.length, oEnd: oStart + text.length };
    } else {
      this.pieces.push({ cStart: this.length, cEnd: this.length + text.length, oStart, oEnd: oStart + text.length, linear: true });
    }
    this.chunks.push(text);
    this.length += text.length;
    return this;
  }

  /** Appends `text` standing for the whole original range `[oStart, oEnd)`. */
  replace(text: string, oStart: number, oEnd: number): this {
    if (text.length === 0) return this;
    this.pieces.push({ cStart: this.length, cEnd: this.length + text.length, oStart, oEnd, linear: false });
    this.chunks.push(text);
    this.length += text.length;
    return this;
  }

  build(): { readonly text: string; readonly map: OffsetMapper } {
    return { text: this.chunks.join(''), map: new PieceMap([...this.pieces], this.length) };
  }
}

class PieceMap implements OffsetMapper {
  constructor(
    private readonly pieces: readonly Piece[],
    private readonly length: number,
  ) {}

  toOriginalStart(c: number): number {
    const p = this.find(c, false);
    if (!p) return this.pieces.length ? this.pieces[this.pieces.length - 1]!.oEnd : 0;
    return p.linear ? p.oStart + (c - p.cStart) : p.oStart;
  }

  toOriginalEnd(c: number): number {
    const p = this.find(c, true);
    if (!p) return this.pieces.length ? this.pieces[0]!.oStart : 0;
    return p.linear ? p.oStart + (c - p.cStart) : p.oEnd;
  }

  /** The piece holding character `c` (start) or character `c - 1` (end). */
  private find(c: number, end: boolean): Piece | undefined {
    const target = end ? c - 1 : c;
    if (target < 0 || target >= this.length) return undefined;
    let lo = 0;
    let hi = this.pieces.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const p = this.pieces[mid]!;
      if (target < p.cStart) hi = mid - 1;
      else if (target >= p.cEnd) lo = mid + 1;
      else return p;
    }
    return undefined;
  }
}

/** Converts UTF-16 offsets of one string to Unicode code point offsets. */
export function codePointIndex(text: string): (utf16: number) => number {
  // Prefix counts of surrogate pairs; most news text has none, so skip the table then.
  let hasAstral = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      hasAstral = true;
      break;
    }
  }
  if (!hasAstral) return (u) => u;
  const lows = new Uint32Array(text.length + 1);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    lows[i] = n;
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
      const p = text.charCodeAt(i - 1);
      if (p >= 0xd800 && p <= 0xdbff) n++;
    }
  }
  lows[text.length] = n;
  return (u) => u - lows[Math.min(Math.max(u, 0), text.length)]!;
}
