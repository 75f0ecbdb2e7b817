/**
 * Acronyms defined in the text, Schwartz & Hearst (2003) style: "Lao People's Army (LPA)" defines
 * LPA; every later "LPA" in the document is the same entity.
 */
import type { EntityType, SegmentedDocument, Sentence } from '../../types.js';
import type { Candidate } from './finders.js';
import type { EntityLexicon } from './lexicon.js';

export interface AcronymDefinition {
  readonly short: string;
  readonly long: string;
  readonly type: EntityType;
}

const SHORT = /\((\p{Lu}[\p{L}\d&.-]{1,11})\)/gu;

/** The shortest end of `long` whose letters spell `short` in order, starting at a word start. */
export function bestLongForm(short: string, long: string): string | null {
  let s = short.length - 1;
  let l = long.length - 1;
  while (s >= 0) {
    const c = short[s]!.toLowerCase();
    if (!/[\p{L}\d]/u.test(c)) {
      s--;
      continue;
    }
    while ((l >= 0 && long[l]!.toLowerCase() !== c) || (s === 0 && l > 0 && /[\p{L}\d]/u.test(long[l - 1]!))) l--;
    if (l < 0) return null;
    l--;
    s--;
  }
  return long.slice(l + 1);
}

export function findAcronymDefinitions(doc: SegmentedDocument, lexicon: EntityLexicon): AcronymDefinition[] {
  const defs = new Map<string, AcronymDefinition>();
  for (const s of doc.sentences) {
    for (const m of s.text.matchAll(SHORT)) {
      const short = m[1]!;
      if ((short.match(/\p{Lu}/gu) ?? []).length < 2 || defs.has(short)) continue;
      const words = s.text.slice(0, m.index).trimEnd().split(/\s+/);
      const window = words.slice(-Math.min(short.length + 5, short.length * 2)).join(' ');
      const long = bestLongForm(short, window)?.trim();
      if (!long || !/^\p{Lu}/u.test(long) || long.split(/\s+/).length < 2) continue;
      const gaz = lexicon.gazetteer.get(long);
      const head = long.split(/\s+/).pop()!;
      const type: EntityType | null = gaz ? gaz.type : lexicon.orgHeads.has(head) ? 'ORG' : null;
      if (type) defs.set(short, { short, long, type });
    }
  }
  return [...defs.values()];
}

/** Every use of a defined acronym in the sentence, including the definition's own "(LPA)". */
export function findAcronymUses(sentence: Sentence, defs: readonly AcronymDefinition[]): Candidate[] {
  const out: Candidate[] = [];
  for (const d of defs) {
    const re = new RegExp(`(?<![\\p{L}\\d])${d.short.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\d])`, 'gu');
    for (const m of sentence.text.matchAll(re)) {
      out.push({ type: d.type, start: m.index, end: m.index + d.short.length, rule: 'acronym.defined', roles: [], canonical: d.long, priority: 6 });
    }
  }
  return out;
}
