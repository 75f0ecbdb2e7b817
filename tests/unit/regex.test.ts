import { describe, expect, it } from 'vitest';
import { caseInsensitive } from '../../src/text/regex.js';

describe('caseInsensitive', () => {
  it('drops the u flag when the pattern does not need it, and matches the same', () => {
    const re = caseInsensitive(String.raw`\b(?:pledg|promis)\w*\s+to\b|'ll\b|’ll\b`);
    expect(re.flags).toBe('i');
    const u = new RegExp(re.source, 'iu');
    for (const s of ['They PLEDGED to act', 'We’ll see', "we'll go", 'a promise', 'Promising to']) expect(re.test(s)).toBe(u.test(s));
  });

  it('keeps u for property escapes, non-ASCII letters and astral characters', () => {
    expect(caseInsensitive(String.raw`\p{Lu}\w+`).flags).toBe('iu');
    expect(caseInsensitive('chính').flags).toBe('iu');
    expect(caseInsensitive('😀+').flags).toBe('iu');
    expect(caseInsensitive(String.raw`\u{1F600}`).flags).toBe('iu');
  });

  it('keeps other flags', () => {
    const re = caseInsensitive('sign(?:ed)?', 'g');
    expect(re.flags).toBe('gi');
    expect('Signed and SIGN'.match(re)).toEqual(['Signed', 'SIGN']);
  });
});
