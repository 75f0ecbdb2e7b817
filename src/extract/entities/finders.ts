/**
 * Entity finders: each reads one sentence and returns candidates with offsets relative to it.
 * They overlap freely; the refiners decide.
 */
import type { EntityType, Sentence } from '../../types.js';
import { NAME_WORD, nextWord, type CompiledPattern, type EntityLexicon } from './lexicon.js';

export interface Candidate {
  readonly type: EntityType;
  readonly start: number;
  readonly end: number;
  readonly rule: string;
  readonly roles: readonly string[];
  readonly canonical?: string;
  readonly country?: string;
  /** The kind of organization a gazetteer entry states. */
  readonly orgType?: string;
  /** Higher wins when two candidates cover the same span. */
  readonly priority: number;
}

/** A sentence (its text and place; finders do not read its tokens), and whether it is a byline. */
export type FinderInput = Omit<Sentence, 'tokens'> & { readonly byline?: boolean };

export type Finder = (sentence: FinderInput, lexicon: EntityLexicon) => Candidate[];

const PERSON_NAME = new RegExp(
  `${NAME_WORD}(?:\\s+(?:(?:van|von|de|da|del|della|di|du|bin|ibn|al|el|le|la|dos|das|ter|ten)\\s+)?${NAME_WORD}){0,3}`,
  'uy',
);
const POSSESSIVE = /'s$/;

/**
 * Splits a capitalized run into words, stopping before words that cannot be part of a person's
 * name; after a title, a function word that is also a name stays beside another name word.
 */
function trimPersonName(text: string, lexicon: EntityLexicon, afterTitle = false): string {
  const words = text.split(/\s+/);
  const kept: string[] = [];
  const nameWord = (w: string | undefined) => !!w && !lexicon.notNames.has(w) && !lexicon.commonWords.has(w.toLowerCase());
  for (const [i, w] of words.entries()) {
    const bare = w.replace(POSSESSIVE, '');
    // A title ends the name ("Hun Sen President ..."), unless it closes the run ("John Sergeant").
    const title = lexicon.roles.has(bare) && (i < words.length - 1 || kept.length === 0 || !/^\p{Lu}\p{Ll}+$/u.test(bare));
    const name = afterTitle && bare === w && lexicon.namesAfterTitle.has(bare) && (i === 0 ? nameWord(words[1]?.replace(POSSESSIVE, '')) : kept.length === i);
    if ((lexicon.notNames.has(bare) && !name) || title || lexicon.orgHeads.has(bare)) break;
    const gaz = lexicon.gazetteer.get(bare);
    if (gaz && !gaz.ambiguous && kept.length > 0 && !(kept.length === 1 && i === words.length - 1 && givenNameThenKnown([kept[0]!, bare], lexicon) !== null)) break;
    kept.push(bare);
    if (bare !== w) break;
  }
  return kept.join(' ');
}

/**
 * "Phil Redmond", "Jack London", "Stephen Pearson", "Gerald Ford": a given name (one that is no
 * common word and no place) before the name of a town, region or company is a person whose family
 * name is that place's or company's; returns which. Countries are left out ("Tony Blair Iraq" is no
 * one), and so are parties ("Blair Labour's ...").
 */
export function givenNameThenKnown(words: readonly string[], lexicon: EntityLexicon): 'place' | 'org' | null {
  if (words.length !== 2) return null;
  const first = words[0]!;
  const lower = first.toLowerCase();
  if (!lexicon.givenNames.has(lower) || lexicon.commonWords.has(lower) || lexicon.gazetteer.has(first)) return null;
  const known = lexicon.gazetteer.get(words[1]!);
  if (known?.kind === 'place') return 'place';
  return known?.kind === 'org' && known.orgType !== 'party' ? 'org' : null;
}

/**
 * Can these words be a person's name found without a title? Not when a word is a thing-word
 * ("Plan", "Radio") other than a first word that is a given name ("Bill"), a title or org head;
 * when the first or last word is an acronym ("DVD"); or when the first word is a known place or
 * organization, or a common English word that is not also a given name ("Lawyer Louise Christian").
 */
export function plausiblePersonName(name: string, lexicon: EntityLexicon, opts: { readonly commonFirstWord?: boolean } = {}): boolean {
  const words = name.split(/\s+/);
  if (words.length < 2 || words.length > 4) return false;
  // A thing-word that is also a given name ("Bill") is a person's first word: "Bill Murray", not "Finance Bill".
  const thing = (w: string, i: number) => lexicon.notPersonWords.has(w) && !(i === 0 && lexicon.givenNames.has(w.toLowerCase()));
  if (words.some((w, i) => thing(w, i) || lexicon.orgHeads.has(w) || lexicon.notNames.has(w))) return false;
  const first = words[0]!;
  // Titles can be family names ("John Sergeant"), but only as the last word.
  if (words.slice(0, -1).some((w) => lexicon.roles.has(w))) return false;
  // An acronym is no given name, nor a family name ("Ray DVD": a film and its format); a
  // generation's numeral is ("Richard III").
  const last = words[words.length - 1]!;
  if (/^\p{Lu}{2,}$/u.test(first) || (/^\p{Lu}{2,}$/u.test(last) && !/^[IVX]+$/.test(last))) return false;
  const g = lexicon.gazetteer.get(first);
  if (g && !g.ambiguous) return false;
  if (givenNameThenKnown(words, lexicon) === null && words.some((w) => { const e = lexicon.gazetteer.get(w); return e && !e.ambiguous && e.kind !== 'demonym'; })) return false;
  if (opts.commonFirstWord) return true;
  const lower = first.toLowerCase();
  return !(lexicon.commonWords.has(lower) && !lexicon.givenNames.has(lower));
}

/**
 * Narrows a capitalized run found by a weak rule to the name in it: after the last possessive
 * ("Labour's Yvette Cooper"), and past a leading word that is no given name when a given name
 * follows ("Democrat Sarah Teather", "Guitarist Brian May") or that is an -ing form ("Fuming").
 * Returns the offset of the name within the run, and the name.
 */
export function narrowRun(run: string, lexicon: EntityLexicon): { offset: number; name: string } {
  let words = run.split(/\s+/);
  let offset = 0;
  const skip = (n: number) => {
    offset += words.slice(0, n).join(' ').length + 1;
    words = words.slice(n);
  };
  const lastPossessive = words.slice(0, -1).findLastIndex((w) => POSSESSIVE.test(w));
  if (lastPossessive >= 0) skip(lastPossessive + 1);
  const given = (w: string | undefined) => !!w && lexicon.givenNames.has(w.toLowerCase());
  if (words.length > 2 && !given(words[0]) && given(words[1])) skip(1);
  else if (words.length > 1 && !given(words[0]) && /ing$/.test(words[0]!)) skip(1);
  return { offset, name: words.join(' ').replace(POSSESSIVE, '') };
}

// Lower case only in the bare forms ("south Asia", "north London" are places of their own;
// "northern Cyprus" describes Cyprus).
const COMPASS = /(?<![\p{L}])(?:North|South|East|West|Central|Northern|Southern|Eastern|Western|North-?[Ee]ast|North-?[Ww]est|South-?[Ee]ast|South-?[Ww]est|North-?[Ee]astern|North-?[Ww]estern|South-?[Ee]astern|South-?[Ww]estern|Upper|Lower|north|south|east|west|north-east|north-west|south-east|south-west)\s+$/u;

/** Known names from the gazetteers: countries, demonyms, places, organizations. */
export const findGazetteer: Finder = (sentence, lexicon) => {
  const out: Candidate[] = [];
  for (const hit of lexicon.gazetteerIndex.matches(sentence.text)) {
    const m = { index: hit.index, 0: hit.form };
    const entry = lexicon.gazetteer.get(hit.form)!;
    // An ambiguous form ("Chad", "Reading") counts only where it is not sentence-initial.
    if (entry.ambiguous && m.index === 0) continue;
    const end = m.index + m[0].length;
    // "BBC Radio 4", "BBC Scotland": a broadcaster's channel is a body of its own.
    const channel = entry.orgType === 'media' ? lexicon.channel.exec(sentence.text.slice(end)) : null;
    // "Welsh Liberal Democrats", "Scottish Labour": a party's national branch.
    const branch = entry.orgType === 'party' ? /(\p{Lu}[\p{L}]+)\s+$/u.exec(sentence.text.slice(0, m.index)) : null;
    const branchOf = branch && lexicon.gazetteer.get(branch[1]!)?.kind === 'demonym' ? branch : null;
    // "Northeast Cambodia", "Southern Laos": a part of a known place is a place of its own.
    const compass = entry.type === 'PLACE' && entry.kind !== 'demonym' ? COMPASS.exec(sentence.text.slice(0, m.index)) : null;
    if (compass) {
      out.push({ type: 'PLACE', start: compass.index, end, rule: 'gazetteer.part-of-place', roles: [], priority: 5 });
      continue;
    }
    if (channel || branchOf) {
      const start = branchOf ? branchOf.index : m.index;
      out.push({ type: 'ORG', start, end: end + (channel ? channel[0].length : 0), rule: channel ? 'gazetteer.channel' : 'gazetteer.party-branch', roles: [], orgType: entry.orgType, priority: 6 });
      continue;
    }
    // A leading "The" is never part of a name (tests/gold/README.md 4.4): "The Times" is "Times",
    // "The Bahamas" "Bahamas". Unless the place's own name has it ("The Hague").
    const canonical = entry.kind === 'org' ? entry.canonical.replace(/^The\s+/, '') : entry.canonical;
    const article = /^[Tt]he\s+/.exec(m[0]);
    const from = article && !/^The\s/.test(canonical) ? article[0].length : 0;
    // "Nissan Motor", "Sony Corp": a company's legal suffix is part of the name as written.
    const suffix = entry.orgType === 'company' ? lexicon.companySuffix.exec(sentence.text.slice(end)) : null;
    out.push({
      type: entry.type,
      start: m.index + from,
      end: end + (suffix ? suffix[0].length : 0),
      rule: `gazetteer.${entry.kind}`,
      roles: [],
      canonical,
      country: entry.country ?? undefined,
      ...(entry.orgType ? { orgType: entry.orgType } : {}),
      priority: entry.kind === 'org' ? 6 : entry.kind === 'demonym' ? 2 : 5,
    });
  }
  return out;
};

/** Matches of one name pattern in `text`: the `name` group when there is one, a leading function word left out. */
export function matchNamePattern(p: CompiledPattern, text: string, lexicon: EntityLexicon): { start: number; text: string }[] {
  const out: { start: number; text: string }[] = [];
  if (p.cue && !p.cue.test(text)) return out;
  for (const m of text.matchAll(p.regex)) {
    let start = m.index;
    let found = m[0];
    const named = m.groups?.name;
    if (named !== undefined) {
      start += found.indexOf(named);
      found = named;
    }
    // Trailing words that are never names ("... on Wednesday") go, with the connector before them.
    const tail = /(?:\s+(?:of|on|for|and|the|&))*\s+(\S+)$/u;
    for (let t = tail.exec(found); t && lexicon.notNames.has(t[1]!); t = tail.exec(found)) found = found.slice(0, t.index);
    // "University of California and Dan Gillmor": a person's name after "and" ends the body's.
    const person = / and (\p{Lu}\p{Ll}+)\s+\p{Lu}/u.exec(found);
    if (person && lexicon.givenNames.has(person[1]!.toLowerCase()) && !lexicon.orgHeads.has(person[1]!)) found = found.slice(0, person.index);
    // A leading function word ("The", "In") is not part of a name.
    const lead = /^(\S+)\s+/.exec(found);
    if (lead && lexicon.notNames.has(lead[1]!)) {
      start += lead[0].length;
      found = found.slice(lead[0].length);
    }
    // "Macrovision's Entertainment Technologies Group", "London's Leicester Square": the owner is
    // not part of the name, when what follows is a name of its own (two words or more) and the
    // possessive is a name, not a common noun ("People's Party", "Children's Hospices").
    {
      const owners = [...found.matchAll(/(\S+)['’]s\s+/gu)].filter((o) => !lexicon.commonWords.has(o[1]!.toLowerCase()) && !/\bSt\.?\s+$/.test(found.slice(0, o.index)));
      const last = owners[owners.length - 1];
      if (last && found.slice(last.index + last[0].length).trim().split(/\s+/).length >= 2) {
        start += last.index + last[0].length;
        found = found.slice(last.index + last[0].length);
      }
    }
    // What is left may be a bare head noun ("The Party" -> "Party"): that names no one body.
    if ((p.type === 'ORG' && lexicon.orgHeads.has(found)) || lexicon.notNames.has(found)) continue;
    out.push({ start, text: found });
  }
  return out;
}

/** Organization and place shapes from `rules/name-patterns.yaml`. */
export const findNamePatterns: Finder = (sentence, lexicon) =>
  lexicon.patterns.flatMap((p) =>
    matchNamePattern(p, sentence.text, lexicon).map((m) => ({ type: p.type, start: m.start, end: m.start + m.text.length, rule: p.id, roles: [], priority: 4 })),
  );

/** People named after a title: "Prime Minister Phạm Minh Chính", "Lieut. Gen. Kommasith", "Mr Blair". */
export const findTitledPeople: Finder = (sentence, lexicon) => {
  const out: Candidate[] = [];
  const text = sentence.text;
  for (const m of titleChains(text, lexicon)) {
    const chain = m[0];
    let pos = m.index + chain.length;
    const gap = /^\.?\s+/.exec(text.slice(pos)) ?? /^,\s+/.exec(text.slice(pos));
    if (!gap) continue;
    pos += gap[0].length;
    const titles = splitChain(chain, lexicon);
    const allowShort = titles.some((t) => lexicon.roles.get(t.split(/\s+/).slice(-2).join(' '))?.short ?? lexicon.roles.get(t.split(/\s+/).pop()!)?.short ?? true);
    const plural = /s$/.test(chain) && !lexicon.roles.has(chain.split(/\s+/).pop()!);
    // "the General Staff": after a determiner a title word is a common noun, unless a full name follows.
    const lastTitle = titles[titles.length - 1] ?? chain;
    const lastStart = m.index + chain.lastIndexOf(lastTitle);
    const determiner = /\b(?:the|a|an|its|their|his|her)\s+$/i.test(text.slice(0, lastStart));
    const roles = [...new Set([...appositiveRoles(text, m.index, lexicon), ...titles])];
    // "Lao Prime Minister X", "Vietnam's Defence Minister X": the country the person serves.
    const before = /(\p{Lu}[\p{L}]+)(?:'s)?\s+$/u.exec(text.slice(0, m.index));
    const place = before ? lexicon.gazetteer.get(before[1]!) : undefined;
    const country = place?.type === 'PLACE' && (place.kind === 'country' || place.kind === 'demonym') ? (place.country ?? undefined) : undefined;
    // "Deputy Ministers Hoang Xuan Chien and Vongkham Phommakone": a plural title takes two names.
    for (let n = 0; n < (plural ? 2 : 1); n++) {
      PERSON_NAME.lastIndex = pos;
      const nm = PERSON_NAME.exec(text);
      if (!nm) break;
      const name = trimPersonName(nm[0], lexicon, true);
      if (!name) break;
      const words = name.split(/\s+/).length;
      const gaz = lexicon.gazetteer.get(name);
      // "Lord Strathclyde", "Mr Redmond": after Mr, Lord or Sir a place's name is a person's.
      const honorific = lexicon.roles.get(lastTitle)?.honorific ?? false;
      if ((words === 1 && (!allowShort || determiner)) || (gaz && gaz.kind !== 'org' && words === 1 && !honorific)) break;
      out.push({ type: 'PERSON', start: pos, end: pos + name.length, rule: 'person.title', roles, priority: 7, ...(country ? { country } : {}) });
      const and = /^\s+and\s+/.exec(text.slice(pos + name.length));
      if (!and) break;
      pos += name.length + and[0].length;
    }
  }
  return out;
};

/** Title chains in `text`: tried only where a title or modifier word starts. */
function titleChains(text: string, lexicon: EntityLexicon): { index: number; 0: string }[] {
  const out: { index: number; 0: string }[] = [];
  for (let w = nextWord(text, 0); w; ) {
    let next = w.end;
    if (lexicon.titleStarts.has(text.slice(w.start, w.end)) && !/[\p{L}\p{N}]/u.test(text[w.start - 1] ?? '')) {
      lexicon.titleChain.lastIndex = w.start;
      const m = lexicon.titleChain.exec(text);
      if (m) {
        out.push({ index: m.index, 0: m[0] });
        next = m.index + m[0].length;
      }
    }
    w = nextWord(text, next);
  }
  return out;
}

/** The titles of a chain as written, singular: "Deputy Ministers" -> "Deputy Minister". */
function splitChain(chain: string, lexicon: EntityLexicon): string[] {
  return [...chain.matchAll(lexicon.title)].map((m) => {
    const t = m[0];
    return t.endsWith('s') && !lexicon.roles.has(t) && lexicon.roles.has(t.split(/\s+/).pop()!.slice(0, -1)) ? t.slice(0, -1) : t;
  });
}

const CONNECTORS = new Set(['of', 'the', 'and', 'for', 'on']);

/**
 * "hosted Lao Deputy Minister of National Defence and Chief of the General Staff of the LPA, Lieut. Gen. X":
 * titles that stand, with their "of" phrases, right before the comma that precedes the name's own titles.
 */
function appositiveRoles(text: string, chainStart: number, lexicon: EntityLexicon): string[] {
  const before = text.slice(0, chainStart);
  if (!/,\s*$/.test(before)) return [];
  // The appositive starts after the last lower-case word that is not a connector ("hosted").
  const words = [...before.matchAll(/(?<![\p{L}\p{M}'])\p{Ll}[\p{L}\p{M}]*/gu)].filter((w) => !CONNECTORS.has(w[0]));
  const from = words.length ? words[words.length - 1]!.index + words[words.length - 1]![0].length : 0;
  const phrase = before.slice(from);
  const roles: string[] = [];
  for (const m of titleChains(phrase, lexicon)) roles.push(...splitChain(m[0], lexicon));
  return roles;
}

/** The name word right after a run (`findGivenNamePeople` takes it when the run ends in a given name). */
const NEXT_NAME_WORD = new RegExp(`^\\s+(${NAME_WORD})(?![\\p{L}'-])`, 'u');

/** A run of two to four name words, where `findGivenNamePeople` looks for a given name. */
const GIVEN_NAME_RUN = new RegExp(`(?<![\\p{L}\\p{N}'])${NAME_WORD}(?:\\s+${NAME_WORD}){1,3}`, 'gu');

/** "Tony Blair", "Gordon Brown": a known given name followed by capitalized words. */
export const findGivenNamePeople: Finder = (sentence, lexicon) => {
  const out: Candidate[] = [];
  for (const m of sentence.text.matchAll(GIVEN_NAME_RUN)) {
    const words = m[0].split(/\s+/);
    // A run of four that ends in a given name ("Million Dollar Baby's Hilary") takes the word
    // after it, which the run had no room for.
    const next = words.length === 4 && lexicon.givenNames.has(words[3]!.toLowerCase()) ? NEXT_NAME_WORD.exec(sentence.text.slice(m.index + m[0].length)) : null;
    if (next) words.push(next[1]!);
    // Look for a given name at each word, so "Labour leader Tony Blair" still finds him.
    for (let i = 0; i < words.length - 1; i++) {
      if (!lexicon.givenNames.has(words[i]!.toLowerCase())) continue;
      const rest = trimPersonName(words.slice(i).join(' '), lexicon);
      if (!plausiblePersonName(rest, lexicon)) continue;
      const start = m.index + words.slice(0, i).join(' ').length + (i ? 1 : 0);
      // Against the gazetteer's place or company ("Redmond", "Pearson") the whole name must win: a strong candidate.
      const known = givenNameThenKnown(rest.split(/\s+/), lexicon);
      out.push({ type: 'PERSON', start, end: start + rest.length, rule: known === 'org' ? 'person.given-name-org' : known === 'place' ? 'person.given-name-place' : 'person.given-name', roles: [], priority: known ? 4 : 3 });
      break;
    }
  }
  return out;
};

const SAID_WORDS = 'said|says|told|added|argued|warned|insisted|claimed|admitted|explained|stated|noted|announced|wrote|replied';
const SAID = `(?:${SAID_WORDS})`;
const SPEAKER_NAME = `${NAME_WORD}(?:\\s+${NAME_WORD}){1,2}`;
const SPEAKER_AFTER = new RegExp(`(?<![\\p{L}'])(${SPEAKER_NAME})(?:,[^,]{1,80},)?\\s+${SAID}\\b`, 'gu');
const SPEAKER_BEFORE = new RegExp(`\\b${SAID}\\s+(${SPEAKER_NAME})`, 'gu');
/** Both patterns need a reporting verb: most sentences have none and skip the name scan. */
const ANY_SAID = new RegExp(SAID_WORDS);

/** "..., Charles Clarke said" / "said John Prescott": reporting verbs name the speaker. */
export const findSpeakers: Finder = (sentence, lexicon) => {
  const out: Candidate[] = [];
  if (!ANY_SAID.test(sentence.text)) return out;
  for (const re of [SPEAKER_AFTER, SPEAKER_BEFORE]) {
    for (const m of sentence.text.matchAll(re)) {
      const run = narrowRun(m[1]!, lexicon);
      const start = m.index + m[0].indexOf(m[1]!) + run.offset;
      const nameText = trimPersonName(run.name, lexicon);
      if (!plausiblePersonName(nameText, lexicon) || nameText !== run.name) continue;
      out.push({ type: 'PERSON', start, end: start + nameText.length, rule: 'person.speaker', roles: [], priority: 1 });
    }
  }
  return out;
};

const NAME_RUN = `${NAME_WORD}(?:\\s+${NAME_WORD}){1,2}`;
/** A possessive name before a role: "ATR's", "Wal-Mart's", "Scottish & Newcastle's". */
const OWNER = `\\p{Lu}[\\p{L}\\p{N}.&-]*(?:\\s+(?:&\\s+)?\\p{Lu}[\\p{L}\\p{N}.&-]*){0,2}['’]s\\s+`;

/** A name and the letters after it; not "Begg's Labour MP Roger Smith", where they are a title of the next name. */
const POST_NOMINAL = new RegExp(`(?<![\\p{L}\\p{N}'’-])(${NAME_RUN}),?\\s+(QC|KC|MP|MEP|MSP|OBE|MBE|CBE|KBE)(?![\\p{L}\\p{N}])(?!\\s+\\p{Lu})`, 'gu');

/** "Guy Mansfield QC", "Ann Smith MP", "Bob Geldof KBE": letters after a name are a person's. */
export const findPostNominalPeople: Finder = (sentence, lexicon) => {
  const out: Candidate[] = [];
  for (const m of sentence.text.matchAll(POST_NOMINAL)) {
    if (/['’]s\b/u.test(m[1]!)) continue;
    // Past a leading word that is no given name ("Magnate William Haughey OBE"); the letters vouch
    // for a first name that is also a word ("Guy Mansfield QC").
    const run = narrowRun(m[1]!, lexicon);
    const name = trimPersonName(run.name, lexicon);
    if (!plausiblePersonName(name, lexicon, { commonFirstWord: true })) continue;
    const start = m.index + run.offset;
    out.push({ type: 'PERSON', start, end: start + name.length, rule: 'person.post-nominal', roles: [m[2]!], priority: 4 });
  }
  return out;
};

/** A lower-case word (or MP, MEP ...) and the name after it: `findRoleNounPeople` keeps those whose word is a role noun. */
const ROLE_NOUN_NAME = new RegExp(`(?<![\\p{L}])([\\p{Ll}]+|MP|MEP|MSP|AM)\\s+(${NAME_RUN})`, 'gu');

/** "political editor John Sergeant", "Tory leader Michael Howard": a role noun right before a name. */
export const findRoleNounPeople: Finder = (sentence, lexicon) => {
  const out: Candidate[] = [];
  for (const m of sentence.text.matchAll(ROLE_NOUN_NAME)) {
    if (!lexicon.roleNouns.has(m[1]!)) continue;
    const name = trimPersonName(m[2]!, lexicon);
    if (!plausiblePersonName(name, lexicon)) continue;
    const start = m.index + m[0].length - m[2]!.length;
    out.push({ type: 'PERSON', start, end: start + name.length, rule: 'person.role-noun', roles: [m[1]!], priority: 5 });
  }
  return out;
};

/**
 * "his wife Sarah", "Mr Eavis' daughter Emily", "the Blairs' fourth child, Leo": a lone capitalized
 * word after a possessive and a family noun (`kinNouns`) is a person, whether or not the name is a
 * known given name. Not a word the gazetteer knows as something else, nor a word that is never a name.
 */
export const findKinPeople: Finder = (sentence, lexicon) => {
  const out: Candidate[] = [];
  for (const m of sentence.text.matchAll(lexicon.kinName)) {
    const name = m.groups!.name!;
    const known = lexicon.gazetteer.get(name);
    if ((known && !known.ambiguous) || lexicon.notNames.has(name) || lexicon.notPersonWords.has(name) || lexicon.roles.has(name)) continue;
    const start = m.index + m[0].length - name.length;
    out.push({ type: 'PERSON', start, end: start + name.length, rule: 'person.kin', roles: [], priority: 5 });
  }
  return out;
};

/** A name, a comma and the noun of the phrase after it: `findAppositivePeople` keeps those whose noun is a role noun. */
const APPOSITIVE = new RegExp(`(?<![\\p{L}'-])(${NAME_RUN}),\\s+(?:(?:a|an|the|his|her|their)\\s+|${OWNER})?(?:[\\p{Ll}\\d-]+\\s+){0,2}?(\\p{Ll}+)\\b`, 'gu');

/**
 * "Azmat Begg, father of ...", "Irfan Hanif, a 25-year-old doctor", "Filippo Bagnato, ATR's chief
 * executive": a name with a role noun in apposition.
 */
export const findAppositivePeople: Finder = (sentence, lexicon) => {
  const out: Candidate[] = [];
  for (const m of sentence.text.matchAll(APPOSITIVE)) {
    if (!lexicon.roleNouns.has(m[2]!)) continue;
    const run = narrowRun(m[1]!, lexicon);
    const name = trimPersonName(run.name, lexicon);
    if (!plausiblePersonName(name, lexicon) || name !== run.name) continue;
    out.push({ type: 'PERSON', start: m.index + run.offset, end: m.index + run.offset + name.length, rule: 'person.appositive', roles: [], priority: 2 });
  }
  return out;
};

/** A family name by its shape alone: "McGregor", "MacDonald", "O'Sullivan". */
const GAELIC_FAMILY_NAME = /^(?:Mc|Mac|O['’])\p{Lu}\p{Ll}{2,}$/u;

/** A run of two or three name words, where `findFamilyNamePeople` looks for a family name. */
const FAMILY_NAME_RUN = new RegExp(`(?<![\\p{L}\\p{N}'-])${NAME_RUN}(?![\\p{L}'-])`, 'gu');

/** "Kirsty Williams", "Rhodri Glyn Thomas", "Ewan McGregor": capitalized words ending in a (known) family name. */
export const findFamilyNamePeople: Finder = (sentence, lexicon) => {
  const out: Candidate[] = [];
  for (const m of sentence.text.matchAll(FAMILY_NAME_RUN)) {
    const run = narrowRun(m[0], lexicon);
    const words = run.name.split(/\s+/);
    const at = m.index + run.offset;
    // Try the longest run that ends in a family name (many family names are given names too: "Thomas").
    for (let end = words.length; end >= 2; end--) {
      const last = words[end - 1]!.toLowerCase();
      if (!lexicon.familyNames.has(last) && !(lexicon.givenNames.has(last) && !lexicon.commonWords.has(last)) && !GAELIC_FAMILY_NAME.test(words[end - 1]!)) continue;
      const name = words.slice(0, end).join(' ');
      if (!plausiblePersonName(name, lexicon)) break;
      out.push({ type: 'PERSON', start: at, end: at + name.length, rule: 'person.family-name', roles: [], priority: 2 });
      break;
    }
  }
  return out;
};

/** A capitalized word and the name after it: `findDemonymPeople` keeps those whose word is a demonym. */
const DEMONYM_NAME = new RegExp(`(?<![\\p{L}])(\\p{Lu}[\\p{L}]+)\\s+(${NAME_RUN})(?![\\p{L}'-])`, 'gu');

/** "Australian Mamdouh Habib": a demonym before a name that is no organization or place. */
export const findDemonymPeople: Finder = (sentence, lexicon) => {
  const out: Candidate[] = [];
  for (const m of sentence.text.matchAll(DEMONYM_NAME)) {
    if (lexicon.gazetteer.get(m[1]!)?.kind !== 'demonym') continue;
    const name = trimPersonName(m[2]!, lexicon);
    if (!plausiblePersonName(name, lexicon)) continue;
    const start = m.index + m[0].length - m[2]!.length;
    out.push({ type: 'PERSON', start, end: start + name.length, rule: 'person.after-demonym', roles: [], priority: 2 });
  }
  return out;
};

/** "24th March 2023 post by MOIT Vietnam", "By Jane Smith": the author of a byline, a person or a body. */
export const findBylineAuthor: Finder = (sentence, lexicon) => {
  const m = /\b[Bb]y\s+(\p{Lu}[^,.!?]*?)\s*(?:,|$)/u.exec(sentence.text);
  if (!m || !sentence.byline) return [];
  const author = m[1]!.trim();
  const start = m.index + m[0].indexOf(author);
  const person = plausiblePersonName(author, lexicon) && !/^\p{Lu}{2,}/u.test(author);
  return [{ type: person ? 'PERSON' : 'ORG', start, end: start + author.length, rule: 'byline.author', roles: [], priority: 5 }];
};

export const SENTENCE_FINDERS: readonly Finder[] = [
  findBylineAuthor,
  findGazetteer,
  findNamePatterns,
  findTitledPeople,
  findRoleNounPeople,
  findKinPeople,
  findGivenNamePeople,
  findFamilyNamePeople,
  findDemonymPeople,
  findPostNominalPeople,
  findAppositivePeople,
  findSpeakers,
];
