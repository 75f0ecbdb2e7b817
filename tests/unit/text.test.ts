import { describe, expect, it } from 'vitest';
import { foldSameLength, matchKey, straightenQuotes } from '../../src/text/fold.js';
import { MappedTextBuilder, codePointIndex } from '../../src/text/offset-map.js';

describe('MappedTextBuilder', () => {
  it('maps copied and replaced pieces back to the original', () => {
    const original = 'Hanoi  is\t\tbig.';
    const b = new MappedTextBuilder();
    b.copy('Hanoi', 0).replace(' ', 5, 7).copy('is', 7).replace(' ', 9, 11).copy('big.', 11);
    const { text, map } = b.build();
    expect(text).toBe('Hanoi is big.');
    // "is" at clean [6, 8) is original [7, 9)
    expect(original.slice(map.toOriginalStart(6), map.toOriginalEnd(8))).toBe('is');
    // a span across the collapsed gap keeps the original whitespace
    expect(original.slice(map.toOriginalStart(0), map.toOriginalEnd(8))).toBe('Hanoi  is');
    expect(original.slice(map.toOriginalStart(9), map.toOriginalEnd(13))).toBe('big.');
  });
});

describe('codePointIndex', () => {
  it('counts a surrogate pair as one code point', () => {
    const text = 'a😀b Phạm';
    const cp = codePointIndex(text);
    expect(cp(0)).toBe(0);
    expect(cp(3)).toBe(2); // "b" is UTF-16 index 3, code point 2
    expect([...text].slice(cp(5), cp(9)).join('')).toBe('Phạm');
  });
  it('is the identity for text without astral characters', () => {
    expect(codePointIndex('Nguyễn')(6)).toBe(6);
  });
});

describe('folding', () => {
  it('folds Vietnamese letters one for one, including đ', () => {
    expect(foldSameLength('Phạm Minh Chính, Nguyễn Phú Trọng, Đà Nẵng')).toBe('Pham Minh Chinh, Nguyen Phu Trong, Da Nang');
    expect(foldSameLength('Tô Lâm').length).toBe('Tô Lâm'.length);
  });
  it('straightens quotes without changing length', () => {
    expect(straightenQuotes('People’s “Army”')).toBe('People\'s "Army"');
  });
  it('matchKey unifies case, diacritics, Defence/Defense and apostrophes', () => {
    expect(matchKey('Ministry of National Defense')).toBe(matchKey('ministry of national defence'));
    expect(matchKey('Lao People’s Army')).toBe(matchKey("Lao People's Army"));
    expect(matchKey('Phạm Minh Chính')).toBe('pham minh chinh');
    expect(matchKey('Đà Nẵng')).toBe('da nang');
  });
});
