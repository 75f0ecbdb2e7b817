import { matchKey } from '../../text/fold.js';
import { bestName } from '../../text/names.js';
import type { LocalEntity, MentionFinding, SegmentedDocument, Sentence } from '../../types.js';
import { SENTENCE_FINDERS, plausiblePersonName, type Candidate, type FinderInput } from './finders.js';
import { NAME_WORD, type EntityLexicon } from './lexicon.js';
import { findAcronymDefinitions, findAcronymUses, type AcronymDefinition } from './acronyms.js';

export interface EntityExtraction {
  /** Mentions with clean offsets, sorted by position. */
  readonly mentions: readonly MentionFinding[];
  readonly entities: readonly LocalEntity[];
  /** Entity index of each mention. */
  readonly mentionEntity: readonly number[];
}

export interface EntityExtractor {
  extract(doc: SegmentedDocument): EntityExtraction;
}

type Refiner = (candidates: readonly Candidate[], sentence: Sentence, lexicon: EntityLexicon) => Candidate[];

/** "Vietnam's Ministry of ..." / "Ministry of ... of Vietnam": the country qualifies the body, it is not its name. */
const separateCountry: Refiner = (cands, sentence, lexicon) =>
  cands.map((c) => {
    if (c.type !== 'ORG' || c.rule.startsWith('gazetteer')) return c;
    let { start, end } = c;
    let country = c.country;
    const text = sentence.text.slice(start, end);
    const lead = /^([\p{L}\s.'-]+?)(?:'s)?\s+(?=\S)/u.exec(text);
    if (lead) {
      const g = lexicon.gazetteer.get(lead[1]!);
      const possessive = lead[0].trimEnd().endsWith("'s");
      // A country before a government body qualifies it ("Vietnam's Ministry of ...", "Lao Ministry of
      // Defence"); otherwise a demonym is part of the name ("Lao People's Army", "Welsh Institute for ...").
      const government = /^(?:Ministry|Ministries|Department|Embassy|Government)\b/.test(text.slice(lead[0].length));
      if (g?.type === 'PLACE' && g.country && (possessive || (c.rule === 'org.pattern.head-of' && government))) {
        start += lead[0].length;
        country = g.country;
      }
    }
    const tail = /\s+of\s+(?:the\s+)?((?:(?!\s+of\s)[\p{L}\s.'-])+)$/u.exec(sentence.text.slice(start, end));
    if (tail) {
      const g = lexicon.gazetteer.get(tail[1]!);
      if (g?.type === 'PLACE' && g.kind === 'country') {
        end -= tail[0].length;
        country = g.country ?? undefined;
      }
    }
    return { ...c, start, end, country };
  });

/** Candidates from weak rules (a known given name, a "said") only fill gaps the others leave. */
const WEAK = 3;

/**
 * Longest candidate wins, except that a weak candidate never beats a strong one; an organization
 * named inside another after "of (the)" is kept too.
 */
const resolveOverlaps: Refiner = (cands, sentence) => {
  const strength = (c: Candidate) => (c.priority > WEAK ? 1 : 0);
  const sorted = [...cands].sort(
    (a, b) => strength(b) - strength(a) || b.end - b.start - (a.end - a.start) || b.priority - a.priority || a.start - b.start,
  );
  const kept: Candidate[] = [];
  for (const c of sorted) {
    const clash = kept.find((k) => c.start < k.end && k.start < c.end);
    if (!clash) {
      kept.push(c);
      continue;
    }
    const nested = clash.type === 'ORG' && c.start >= clash.start && c.end <= clash.end;
    // The Y of "X of the Y" ends where the whole name does ("Department for Culture Media and
    // Sport" holds no "Culture Media"), and is a body known by name ("General Staff of the Lao
    // People's Army"), not one read from its shape ("Confederation of British Industry" holds no
    // "British Industry").
    if (nested && c.end === clash.end && /^(?:gazetteer|acronym)\./.test(c.rule) && /\s(?:of|for)\s+(?:the\s+)?$/.test(sentence.text.slice(clash.start, c.start)) && c.type === 'ORG') {
      if (!kept.some((k) => k !== clash && c.start < k.end && k.start < c.end)) kept.push(c);
    }
  }
  return kept.sort((a, b) => a.start - b.start || b.end - a.end);
};

/** No bare titles, function words, or single words that are only a head noun. */
const dropJunk: Refiner = (cands, sentence, lexicon) =>
  cands.filter((c) => {
    const text = sentence.text.slice(c.start, c.end);
    if (!text.trim() || c.end <= c.start) return false;
    if (lexicon.roles.has(text) || lexicon.notNames.has(text)) return false;
    const words = text.split(/\s+/);
    // A bare head noun ("Parliament", "Council") names no one body, unless a gazetteer lists it as
    // one ("Congress"); words without a capital ("law lords") never do ("eBay", "al-Qaeda" do).
    if (!/\p{Lu}/u.test(text)) return false;
    // Three head nouns in a row are a name of their own ("Entertainment Technologies Group").
    const heads = words.filter((w) => lexicon.orgHeads.has(w)).length;
    if (!c.rule.startsWith('gazetteer.') && heads < 3 && words.every((w) => lexicon.notNames.has(w) || lexicon.orgHeads.has(w) || /^\p{Ll}/u.test(w))) return false;
    if (c.type === 'PERSON' && words.some((w) => lexicon.orgHeads.has(w))) return false;
    const after = sentence.text.slice(c.end);
    // "The Cosby Show", "the Soros Foundation": named after a person, who is not named there.
    if (c.type === 'PERSON' && lexicon.namedAfterHead.test(after)) return false;
    // A name before an event's head word is part of the event's name ("FA Cup", "Davis Cup").
    if (lexicon.eventHead.test(after)) return false;
    // (A shape-found organization that is a known place went already: `dropPlacesAsOrgs`.)
    if (c.type === 'ORG' && !c.rule.startsWith('gazetteer')) {
      // An event ("Champions League", "Tuesday's Champions League") is not a body.
      if (lexicon.events.some((e) => text === e || (text.endsWith(e) && /[\s'’]s?\s*$/u.test(text.slice(0, -e.length))))) return false;
    }
    return true;
  });

/** A shape-found organization that is a known place or demonym ("Ukrainian singer X") is the place, before overlaps are settled. */
const dropPlacesAsOrgs: Refiner = (cands, sentence, lexicon) =>
  cands.filter((c) => c.type !== 'ORG' || c.rule.startsWith('gazetteer') || lexicon.gazetteer.get(sentence.text.slice(c.start, c.end))?.type !== 'PLACE');

const LIST_SEP = '(?:,\\s+|,?\\s+and\\s+)';

/** A list of names: an item with the separator after it (`prev`) or before it (`next`). */
interface ListShape {
  readonly next: RegExp;
  readonly prev: RegExp;
}

/** `item` is a name's pattern; `edge`, a character that may not touch it (it would go on). */
function listShape(item: string, edge: string): ListShape {
  return { next: new RegExp(`^${LIST_SEP}(${item})(?!${edge})`, 'u'), prev: new RegExp(`(?<!${edge})(${item})${LIST_SEP}$`, 'u') };
}

const PEOPLE_LIST = listShape(`${NAME_WORD}(?:\\s+${NAME_WORD}){0,2}`, "[\\p{L}\\p{M}\\d'’-]");
const ORG_LIST = listShape(`${NAME_WORD}(?:\\s+(?:&\\s+|of\\s+)?${NAME_WORD}){0,2}`, "[\\p{L}\\p{M}\\d'’&-]");

/**
 * Walks the items of a list on both sides of `from`, forward and then backward, while `take`
 * accepts them; says how many it took and whether a comma or an "and" joined any two of the list.
 * Read backward, a list's "and" comes first: one after a comma ends a list `from` follows, not one
 * it is in ("US Immigration, Customs and Enforcement, Dean Boyd"). With `oneAnd`, a list has one
 * "and", before its last item: forward the list ends there, and an item a second "and" follows
 * ("Liggett Group and Brown and Williamson") is not taken, as where it ends is not known. Lists
 * of people are written with two as often ("president X and Y, Z and W").
 */
function walkList(
  text: string,
  from: { readonly start: number; readonly end: number },
  shape: ListShape,
  take: (start: number, name: string) => boolean,
  oneAnd = false,
): { readonly taken: number; readonly comma: boolean; readonly and: boolean } {
  let taken = 0;
  let comma = false;
  let and = false;
  for (let end = from.end, m = shape.next.exec(text.slice(end)); m; m = shape.next.exec(text.slice(end))) {
    const start = end + m[0].length - m[1]!.length;
    const sepAnd = /\band\b/.test(m[0].slice(0, m[0].length - m[1]!.length));
    if (oneAnd && sepAnd && /^\s+and\s+\p{Lu}/u.test(text.slice(start + m[1]!.length))) break;
    if (!take(start, m[1]!)) break;
    taken++;
    comma ||= m[0].startsWith(',');
    and ||= sepAnd;
    end = start + m[1]!.length;
    if (oneAnd && sepAnd) break;
  }
  let back = false;
  for (let start = from.start, m = shape.prev.exec(text.slice(0, start)); m; m = shape.prev.exec(text.slice(0, start))) {
    const sep = m[0].slice(m[1]!.length);
    const sepAnd = /\band\b/.test(sep);
    if (back && sepAnd) break;
    if (!take(m.index, m[1]!)) break;
    taken++;
    comma ||= sep.startsWith(',');
    and ||= sepAnd;
    back = true;
    start = m.index;
  }
  return { taken, comma, and };
}

/**
 * People listed with someone found as a person ("Frank Lebeouf, Josep Guardiola, Titi Camara and
 * ...") are people too, though their given names are unknown: each name-shaped item of the list,
 * both ways from the person, until an item is not a plausible name or is found as something else.
 * Only a list with a comma counts: a lone "and" joins clauses as often as names ("Michel Gondry
 * for <film> and Marc Forster"); and one with an "and" or three names or more: two and a comma
 * may be a phrase and a name ("At the Golden Globes, Mr Evans"). One word counts as a name
 * ("Madonna, Sir Elton John, Nelly and Usher", a team's line-up) beside another name found by the
 * list. No item inside a longer name ("Director of ...") or possessive.
 */
const listedPeople: Refiner = (cands, sentence, lexicon) => {
  const text = sentence.text;
  const out = [...cands];
  const at = (start: number, end: number) => out.find((c) => start < c.end && c.start < end);
  const mononym = (w: string) => /^\p{Lu}\p{Ll}+$/u.test(w) && !lexicon.notNames.has(w) && !lexicon.notPersonWords.has(w) && !lexicon.orgHeads.has(w) && !lexicon.gazetteer.has(w);
  /**
   * 'found': a person found already; 'new': a plausible name found as nothing else; 'single': one
   * word that may be a name; null: the list ends here.
   */
  const person = (start: number, name: string): 'found' | 'new' | 'single' | null => {
    const end = start + name.length;
    const found = at(start, end);
    if (found) return found.type === 'PERSON' && found.start === start && found.end === end ? 'found' : null;
    if (/['’]s\b/.test(name) || /\p{Lu}[\p{L}\p{M}]*\s+(?:of|for)\s+(?:the\s+)?$/u.test(text.slice(0, start))) return null;
    const words = name.split(/\s+/);
    if (words.some((w) => lexicon.roles.has(w))) return null;
    // One word is a name where a list of people vouches for it, but not the end of one ("Pieter de Villiers").
    if (words.length === 1) return mononym(name) && !/\b(?:de|van|von|der|den|da|di|du|dos|das|le|la|bin|ibn|al)\s+$/.test(text.slice(0, start)) ? 'single' : null;
    // The list vouches for a first word that is also a common word ("Frank Lebeouf"), when the
    // last is not one too (a title: "Enduring Love", "Calendar Girls").
    const listed = plausiblePersonName(name, lexicon, { commonFirstWord: true }) && !lexicon.commonWords.has(words[words.length - 1]!.toLowerCase());
    return listed || plausiblePersonName(name, lexicon) ? 'new' : null;
  };
  for (const p of cands.filter((c) => c.type === 'PERSON' && c.priority >= 3)) {
    const items: { start: number; name: string }[] = [];
    // The list goes on before the person's title ("Madonna, Sir Elton John").
    const title = /(?:\p{Lu}[\p{L}.]*\s+)+$/u.exec(text.slice(0, p.start));
    const from = title && title[0].trim().split(/\s+/).every((w) => lexicon.roles.has(w)) ? { start: title.index, end: p.end } : p;
    const list = walkList(
      text,
      from,
      PEOPLE_LIST,
      (start, name) => {
        const kind = person(start, name);
        if (kind === 'new' || kind === 'single') items.push({ start, name });
        return kind !== null;
      },
    );
    const singles = items.some((it) => !/\s/.test(it.name));
    if (!list.comma || (!list.and && list.taken < 2) || (singles && items.length < 2)) continue;
    for (const it of items) if (!at(it.start, it.start + it.name.length)) out.push({ type: 'PERSON', start: it.start, end: it.start + it.name.length, rule: 'person.listed', roles: [], priority: 2 });
  }
  return out;
};

/**
 * Names listed with organizations ("Nokia, Intel, Philips, Alcatel and Telefonica", "Paramount,
 * Universal and Warner Brothers") are organizations too, though no list knows them: each
 * name-shaped item of the list, both ways, until an item is found as something else (a place, a
 * person) or is not a name. Only a list of three items or more, with a comma, of which two or
 * more were found as organizations: "Sony and Ape Academy" or "Oxfam, Kofi Annan and ..." says
 * nothing of the rest. No possessive, no word that is never a name ("Yesterday, Sony ..."), and
 * nothing past the list's "and" (`walkList`).
 */
const listedOrgs: Refiner = (cands, sentence, lexicon) => {
  const text = sentence.text;
  const out = [...cands];
  const at = (start: number, end: number) => out.find((c) => start < c.end && c.start < end);
  const seen = new Set<Candidate>();
  for (const o of cands.filter((c) => c.type === 'ORG')) {
    if (seen.has(o)) continue;
    const items: { start: number; name: string }[] = [];
    let orgs = 1;
    const list = walkList(
      text,
      o,
      ORG_LIST,
      (start, name) => {
        const found = at(start, start + name.length);
        if (found) {
          if (found.type !== 'ORG' || found.start !== start || found.end !== start + name.length) return false;
          seen.add(found);
          orgs++;
          return true;
        }
        if (/['’]s\b/.test(name) || lexicon.notNames.has(name.split(/\s+/)[0]!)) return false;
        items.push({ start, name });
        return true;
      },
      true,
    );
    if (!list.comma || orgs < 2 || orgs + items.length < 3) continue;
    for (const it of items) out.push({ type: 'ORG', start: it.start, end: it.start + it.name.length, rule: 'org.listed', roles: [], priority: 2 });
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
};

/**
 * "Barcelona made a bid", "beat Bolton": in a sports story, a city a club is named by is the club
 * where a word of sports reporting is near (rules/organizations.yaml, `cityNames`, `clubContext`),
 * but not after "in" ("grew up in Liverpool"). The city may have been found as a place, or not at all.
 */
function clubsByCity(cands: readonly Candidate[], s: Sentence, lexicon: EntityLexicon, named?: ReadonlySet<string>): Candidate[] {
  const out = [...cands];
  for (const m of s.text.matchAll(lexicon.clubCities)) {
    const start = m.index;
    const end = start + m[0].length;
    const i = out.findIndex((c) => start < c.end && c.start < end);
    const found = i >= 0 ? out[i]! : null;
    if (found && !(found.type === 'PLACE' && found.rule.startsWith('gazetteer.') && found.start === start && found.end === end)) continue;
    const before = s.text.slice(Math.max(0, start - 40), start);
    if (/\bin\s+$/i.test(before)) continue;
    // First pass: a word of sport nearby. Second pass (`named`): a city the story has named as a
    // club already is the club again where it was found as the place ("you want Liverpool to have
    // these things"); other cities were settled by the first pass.
    if (named ? !named.has(m[0]) || !found : !lexicon.clubContext.test(before + s.text.slice(end, end + 40))) continue;
    const club = lexicon.clubByCity.get(m[0])!;
    const candidate: Candidate = { type: 'ORG', start, end, rule: 'gazetteer.club-city', roles: [], canonical: club.canonical, ...(club.country ? { country: club.country } : {}), orgType: 'sports', priority: 6 };
    if (found) out[i] = candidate;
    else out.push(candidate);
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** A family name written after an initial: no thing-word, title, org head or known name of something else, no acronym. */
function plausibleFamilyName(name: string, lexicon: EntityLexicon): boolean {
  const words = name.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w));
  if (!words.length) return false;
  if (words.some((w) => lexicon.notNames.has(w) || lexicon.notPersonWords.has(w) || lexicon.orgHeads.has(w) || lexicon.roles.has(w) || /^\p{Lu}{2,}$/u.test(w))) return false;
  const known = lexicon.gazetteer.get(name);
  return !known || !!known.ambiguous;
}

/** Capitalized words (with name particles) right before an opening bracket: `parenthesizedPeople` reads what the bracket holds. */
const BEFORE_BRACKET = /(?<![\p{L}\p{N}'’.&-])(\p{Lu}[\p{L}\p{M}'’-]*(?:\s+(?:\p{Lu}[\p{L}\p{M}'’-]*|de|van|von|der|den|da|di|du|dos|le|la)){1,3})\s+\((?=[^()]{1,40}\))/gu;

/**
 * "D Traille (France)", "Lleyton Hewitt (Australia)", "Naguib Mahfouz (Egypt)", "M Cueto (Sale
 * Sharks)": a name followed by the country, place or club it comes from in brackets, as line-ups,
 * results and shortlists give them, is a person, though its given name is unknown or an initial.
 * The bracket must hold exactly a place or a sports club found already; the name must be found as
 * nothing else and be a plausible person's name (no possessive, no thing-word or title in it).
 */
const parenthesizedPeople: Refiner = (cands, sentence, lexicon) => {
  const text = sentence.text;
  // Most sentences have no bracket: nothing to read.
  if (!text.includes('(')) return [...cands];
  const out = [...cands];
  for (const m of text.matchAll(BEFORE_BRACKET)) {
    const start = m.index;
    const name = m[1]!;
    const end = start + name.length;
    const open = m.index + m[0].length;
    const inside = cands.find((c) => c.start === open && text[c.end] === ')');
    if (!inside || !(inside.type === 'PLACE' || (inside.type === 'ORG' && inside.orgType === 'sports'))) continue;
    if (out.some((c) => start < c.end && c.start < end) || /['’]s\b/u.test(name)) continue;
    // An initial stands for the given name ("M Davies", "A Lo Cicero"): the family name is what is tried.
    const initial = /^\p{Lu}\.?\s+/u.exec(name);
    const family = initial ? name.slice(initial[0].length) : '';
    if (!(initial ? plausibleFamilyName(family, lexicon) : plausiblePersonName(name, lexicon))) continue;
    out.push({ type: 'PERSON', start, end, rule: 'person.bracketed-origin', roles: [], priority: 3 });
  }
  return out;
};

const REFINERS: readonly Refiner[] = [separateCountry, dropPlacesAsOrgs, parenthesizedPeople, listedPeople, listedOrgs, resolveOverlaps, dropJunk];

export function createEntityExtractor(lexicon: EntityLexicon): EntityExtractor {
  return {
    extract(doc) {
      const definitions = findAcronymDefinitions(doc, lexicon);
      let perSentence: Candidate[][] = doc.sentences.map((s) => {
        const input: FinderInput = { index: s.index, start: s.start, end: s.end, text: s.text, block: s.block, byline: doc.blocks[s.block]?.kind === 'byline' };
        let cands = SENTENCE_FINDERS.flatMap((f) => f(input, lexicon));
        cands.push(...findAcronymUses(s, definitions));
        for (const refine of REFINERS) cands = refine(cands, s, lexicon);
        return cands;
      });
      // A sports story (one that names a club the gazetteer lists) calls clubs by their cities.
      if (perSentence.some((cands) => cands.some((c) => c.orgType === 'sports'))) {
        perSentence = perSentence.map((cands, i) => clubsByCity(cands, doc.sentences[i]!, lexicon));
        const named = new Set(perSentence.flatMap((cands, i) => cands.filter((c) => c.rule === 'gazetteer.club-city').map((c) => doc.sentences[i]!.text.slice(c.start, c.end))));
        if (named.size) perSentence = perSentence.map((cands, i) => clubsByCity(cands, doc.sentences[i]!, lexicon, named));
      }
      addShortReferences(doc, perSentence, lexicon);
      const mentions: MentionFinding[] = [];
      doc.sentences.forEach((s, i) => {
        for (const c of perSentence[i]!) {
          mentions.push({
            type: c.type,
            start: s.start + c.start,
            end: s.start + c.end,
            text: s.text.slice(c.start, c.end),
            sentence: i,
            rule: c.rule,
            roles: c.roles,
            ...(c.canonical ? { canonical: c.canonical } : {}),
            ...(c.country ? { country: lexicon.countries.get(c.country) ?? c.country } : {}),
            ...(c.orgType ? { orgType: c.orgType } : {}),
          });
        }
      });
      const kept = withoutLoneDemonyms(mentions);
      return { mentions: kept, ...groupMentions(kept, definitions, lexicon) };
    },
  };
}

/**
 * A demonym ("the Italian finance minister", "Scandinavian countries") is a mention of its place
 * only in a document that also names the place as a noun: an adjective alone makes no place
 * entity (tests/gold/README.md, 4.2 and 4.5).
 */
function withoutLoneDemonyms(mentions: MentionFinding[]): MentionFinding[] {
  const isDemonym = (m: MentionFinding) => m.rule === 'gazetteer.demonym';
  if (!mentions.some(isDemonym)) return mentions;
  const named = new Set(mentions.filter((m) => m.type === 'PLACE' && !isDemonym(m)).map((m) => m.canonical ?? m.text));
  return mentions.filter((m) => !isDemonym(m) || named.has(m.canonical ?? m.text));
}

/**
 * "Kommasith", "Chính", "Blair": a single word that ends exactly one full name found in the
 * document. After a title, also one that starts exactly one ("General Chansamone" for
 * Chansamone Chanyalath), unless the title is of a name of its own ("Prince Charles").
 */
function addShortReferences(doc: SegmentedDocument, perSentence: Candidate[][], lexicon: EntityLexicon): void {
  const byLast = new Map<string, Set<string>>();
  const byFirst = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, word: string, name: string) => map.set(word, (map.get(word) ?? new Set()).add(name));
  doc.sentences.forEach((s, i) => {
    for (const c of perSentence[i]!) {
      if (c.type !== 'PERSON') continue;
      const words = s.text.slice(c.start, c.end).split(/\s+/);
      if (words.length < 2) continue;
      add(byLast, words[words.length - 1]!, words.join(' '));
      add(byFirst, words[0]!, words.join(' '));
    }
  });
  if (!byLast.size) return;
  const re = /(?<![\p{L}\p{M}'-])\p{Lu}[\p{L}\p{M}]+(?![\p{L}\p{M}-])/gu;
  doc.sentences.forEach((s, i) => {
    const cands = perSentence[i]!;
    for (const m of s.text.matchAll(re)) {
      const last = byLast.get(m[0]);
      // Most capitalized words start no full name: look for a title only before one that does.
      const first = last ? undefined : byFirst.get(m[0]);
      const title = first ? titleBefore(s.text, m.index, lexicon) : null;
      const owners = last ?? (title && shortNameOf(title, lexicon) !== 'own' ? first : undefined);
      // "To date": a function word that is also a name (namesAfterTitle) is one only after a title.
      if (!owners || owners.size !== 1 || lexicon.gazetteer.has(m[0]) || lexicon.namesAfterTitle.has(m[0])) continue;
      const start = m.index;
      const end = start + m[0].length;
      if (lexicon.namedAfterHead.test(s.text.slice(end))) continue;
      if (cands.some((c) => start < c.end && c.start < end)) continue;
      cands.push({ type: 'PERSON', start, end, rule: 'person.short-reference', roles: title ? [title] : [], priority: 0 });
    }
    cands.sort((a, b) => a.start - b.start);
  });
}

/** What one word after a title as written stands for: "Deputy Prime Minister" as "Prime Minister" does. */
function shortNameOf(title: string, lexicon: EntityLexicon): 'family' | 'given' | 'own' | undefined {
  const words = title.split(/\s+/);
  for (let i = 0; i < words.length; i++) {
    const found = lexicon.shortNameOf.get(words.slice(i).join(' '));
    if (found) return found;
  }
  return undefined;
}

/** The role of a title written right before `at` ("General ", "Prime Minister "), or null. */
function titleBefore(text: string, at: number, lexicon: EntityLexicon): string | null {
  const words = /(?:\S+ ){1,3}$/.exec(text.slice(Math.max(0, at - 40), at))?.[0].trimEnd().split(' ') ?? [];
  for (let n = words.length; n > 0; n--) {
    const role = lexicon.roles.get(words.slice(-n).join(' '));
    if (role) return role.role;
  }
  return null;
}

/** Joins the mentions of one document into local entities; records why. */
function groupMentions(
  mentions: readonly MentionFinding[],
  definitions: readonly AcronymDefinition[],
  lexicon: EntityLexicon,
): { entities: LocalEntity[]; mentionEntity: number[] } {
  const parent = mentions.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const why = new Map<number, Set<string>>();
  const union = (a: number, b: number, rule: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return;
    const [keep, drop] = ra < rb ? [ra, rb] : [rb, ra];
    parent[drop] = keep;
    const rules = why.get(keep) ?? new Set();
    for (const r of why.get(drop) ?? []) rules.add(r);
    rules.add(rule);
    why.set(keep, rules);
  };
  // "Huaphanh province" and "Huaphanh Province" are one place; "Ho Chi Minh City" keeps "City".
  const keyOf = (m: MentionFinding) =>
    `${m.type}|${matchKey(m.canonical ?? m.text).replace(m.type === 'PLACE' ? / (?:province|district|county|prefecture)$/ : /$^/, '')}`;
  // Same name after folding case, diacritics, spelling and quotes.
  const keys = mentions.map(keyOf);
  const byKey = new Map<string, number>();
  mentions.forEach((m, i) => {
    const k = keys[i]!;
    const first = byKey.get(k);
    if (first === undefined) byKey.set(k, i);
    else union(first, i, m.canonical ? 'same-canonical' : 'same-name');
  });
  // Acronym and long form.
  for (const d of definitions) {
    const longKey = `${d.type}|${matchKey(d.long)}`;
    const shortKey = `${d.type}|${matchKey(d.short)}`;
    const a = byKey.get(longKey);
    const b = byKey.get(shortKey);
    if (a !== undefined && b !== undefined) union(a, b, 'acronym');
  }
  // Short references to people: the last word of a full name ("Blair", "Mr Blair"); after a
  // title, the first word when the title says so ("Sir Paul") or when it ends no full name ("Ms
  // Paetongtarn"); never after a title of a name of its own ("Prince Charles").
  const fullByLast = new Map<string, number[]>();
  const fullByFirst = new Map<string, number[]>();
  const wordKeys = new Map<string, string>();
  const wordKey = (word: string) => wordKeys.get(word) ?? wordKeys.set(word, matchKey(word)).get(word)!;
  const index = (map: Map<string, number[]>, word: string, i: number) => {
    const k = wordKey(word);
    const list = map.get(k) ?? [];
    if (!list.some((j) => keys[j] === keys[i])) list.push(i);
    map.set(k, list);
  };
  mentions.forEach((m, i) => {
    const words = m.text.split(/\s+/);
    if (m.type !== 'PERSON' || words.length < 2) return;
    index(fullByLast, words[words.length - 1]!, i);
    index(fullByFirst, words[0]!, i);
  });
  const single = new Set(mentions.filter((m) => m.type === 'PERSON' && !/\s/.test(m.text)).map((m) => wordKey(m.text)));
  // A full name whose last word the story uses alone ("Mr Flight") is not the one a title before its first word means ("Mr Howard").
  const byFamilyName = (i: number) => single.has(wordKey(mentions[i]!.text.split(/\s+/).pop()!));
  mentions.forEach((m, i) => {
    if (m.type !== 'PERSON' || /\s/.test(m.text)) return;
    const parts = new Set(m.roles.map((r) => shortNameOf(r, lexicon)));
    if (parts.has('own')) return;
    const key = wordKey(m.text);
    const owners = parts.has('given')
      ? fullByFirst.get(key)
      : (fullByLast.get(key) ?? (parts.has('family') ? fullByFirst.get(key)?.filter((j) => !byFamilyName(j)) : undefined));
    if (owners && owners.length === 1) union(owners[0]!, i, 'short-name');
  });

  const groups = new Map<number, number[]>();
  mentions.forEach((_, i) => {
    const r = find(i);
    const g = groups.get(r) ?? [];
    g.push(i);
    groups.set(r, g);
  });
  const entities: LocalEntity[] = [];
  const mentionEntity = new Array<number>(mentions.length).fill(-1);
  for (const [root, members] of [...groups].sort((a, b) => a[0] - b[0])) {
    const ms = members.map((i) => mentions[i]!);
    const type = ms[0]!.type;
    const forms = [...new Set(ms.map((m) => m.text.replace(/'s$/, '')))];
    const canonical = ms.find((m) => m.canonical)?.canonical;
    const name = canonical ?? bestName(forms);
    const roles = [...new Set(ms.flatMap((m) => m.roles))];
    const country = ms.find((m) => m.country)?.country ?? (type === 'PLACE' && canonical && [...lexicon.countries.values()].includes(canonical) ? canonical : '');
    const index = entities.length;
    for (const i of members) mentionEntity[i] = index;
    entities.push({
      type,
      name,
      aliases: forms.filter((f) => f !== name).sort(),
      roles,
      country,
      mentions: members,
      mergeRules: [...(why.get(root) ?? [])].sort(),
    });
  }
  return { entities, mentionEntity };
}

export { bestName } from '../../text/names.js';
