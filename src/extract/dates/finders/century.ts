/**
 * date.century: "the 20th century", "the nineteenth century", "a 19th-century church", "this
 * century", "last century". The value is the TIMEX3 century: the 20th century is `19`
 * (1900-1999, the TIMEX convention rather than the strict 1901-2000).
 */

import { type Candidate, type Finder } from '../model.js';
import { matchAll, nameWordAfter } from '../text.js';

const RULE = 'date.century';
/** Both patterns end in "century"; `iu` as they have it. */
const CUE = /century/iu;
const ORDINALS: Readonly<Record<string, number>> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16, seventeenth: 17,
  eighteenth: 18, nineteenth: 19, twentieth: 20, 'twenty-first': 21, 'twenty first': 21,
};
const ORDINAL = `\\d{1,2}(?:st|nd|rd|th)|${Object.keys(ORDINALS).join('|').replace(/ /g, '\\s')}`;
const STATED = new RegExp(`(?:\\b(?:the|a|an)\\s+)?(?:\\b(?:early|mid|late)[\\s-]+|\\bmid-)?\\b(${ORDINAL})[\\s-]+century\\b`, 'giu');
const RELATIVE = /\b(this|last|next)\s+century\b/giu;

function ordinalValue(text: string): number | null {
  const t = text.toLowerCase().replace(/\s+/g, ' ');
  const digits = /^(\d{1,2})(?:st|nd|rd|th)$/.exec(t);
  if (digits) return Number(digits[1]);
  return ORDINALS[t] ?? null;
}

export const century: Finder = {
  id: RULE,
  cue: CUE,
  find(sentence) {
    const out: Candidate[] = [];
    for (const m of matchAll(STATED, sentence)) {
      const n = ordinalValue(m[1]!);
      if (n === null || n < 11 || n > 30) continue;
      // "20th Century Fox", "21st Century Insurance": a capital Century before a name word.
      if (/Century$/.test(m[0]) && nameWordAfter(sentence, m.index + m[0].length)) continue;
      let start = m.index;
      // "a 19th-century church": the article belongs to the noun, not to the date.
      const article = /^(?:a|an)\s+/i.exec(m[0]);
      if (article) start += article[0].length;
      out.push({ start, end: m.index + m[0].length, rule: RULE, expr: { kind: 'century', century: n - 1 } });
    }
    for (const m of matchAll(RELATIVE, sentence)) {
      const offset = { this: 0, last: -1, next: 1 }[m[1]!.toLowerCase() as 'this' | 'last' | 'next'];
      out.push({ start: m.index, end: m.index + m[0].length, rule: RULE, expr: { kind: 'relative-century', offset } });
    }
    return out;
  },
};
