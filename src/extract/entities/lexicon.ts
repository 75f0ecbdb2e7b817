import { nlp } from '../../compromise.js';
import type { NamePatternsRules, OrganizationsRules, PlacesRules, TitlesRules } from '../../rules/schemas.js';
import type { EntityType } from '../../types.js';

/** What a gazetteer form stands for. */
export interface GazetteerEntry {
  readonly id: string;
  readonly type: EntityType;
  readonly canonical: string;
  /** ISO code of the country the entry is, or belongs to. */
  readonly country: string | null;
  readonly kind: 'country' | 'demonym' | 'place' | 'org';
  readonly ambiguous: boolean;
  /** For organizations: party, media, company, ... */
  readonly orgType?: string;
}

export interface CompiledPattern {
  readonly id: string;
  readonly type: 'ORG' | 'PLACE';
  readonly regex: RegExp;
  /** A sentence that misses it is not tried. */
  readonly cue: RegExp | null;
}

/**
 * Known surface forms, found by the first word of each form at word starts, longest first. Much
 * faster than one regular expression of thousands of alternatives, with the same result.
 */
export class FormIndex {
  private readonly byHead = new Map<string, string[]>();

  constructor(forms: Iterable<string>) {
    for (const form of forms) {
      const head = /[\p{L}\p{N}]+/u.exec(form)?.[0];
      if (!head || !form.startsWith(head)) continue;
      const list = this.byHead.get(head) ?? [];
      list.push(form);
      this.byHead.set(head, list);
    }
    for (const list of this.byHead.values()) list.sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  }

  /** Non-overlapping matches, left to right; a form must end at a word boundary (not before "-x"). */
  matches(text: string): { index: number; form: string }[] {
    const out: { index: number; form: string }[] = [];
    for (let w = nextWord(text, 0); w; ) {
      let next = w.end;
      for (const form of this.byHead.get(text.slice(w.start, w.end)) ?? []) {
        const end = w.start + form.length;
        if (text.startsWith(form, w.start) && !continuesWord(text, end)) {
          out.push({ index: w.start, form });
          next = end;
          break;
        }
      }
      w = nextWord(text, next);
    }
    return out;
  }

  /** Does a known form start at one of these words? Used to find where title chains may begin. */
  has(head: string): boolean {
    return this.byHead.has(head);
  }
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const LETTER = /^\p{L}$/u;

const isWordCode = (cp: number) => (cp < 128 ? (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122) : LETTER_OR_DIGIT.test(String.fromCodePoint(cp)));

/**
 * The first run of letters and digits at or after `from`: what `/[\p{L}\p{N}]+/gu` finds from
 * `lastIndex = from`, read char code by char code. Run over every word of every sentence (the
 * gazetteer and title scans), the regex took a tenth of the entity finders' time.
 */
export function nextWord(text: string, from: number): { start: number; end: number } | null {
  let start = from;
  for (let cp; start < text.length && !isWordCode((cp = text.codePointAt(start)!)); ) start += cp > 0xffff ? 2 : 1;
  if (start >= text.length) return null;
  let end = start;
  for (let cp; end < text.length && isWordCode((cp = text.codePointAt(end)!)); ) end += cp > 0xffff ? 2 : 1;
  return { start, end };
}

/**
 * Does the word go on at `end` (a letter or digit, or a hyphen and a letter: "Laos-based")?
 * The regex `^(?:[\p{L}\p{N}]|-\p{L})` on `text.slice(end, end + 2)`, without the slice and
 * the regex for ASCII, which is most of the text.
 */
export function continuesWord(text: string, end: number): boolean {
  const cp = text.codePointAt(end);
  if (cp === undefined) return false;
  if (cp !== 45) return isWordCode(cp);
  // A hyphen: the unit after it must be a letter on its own (half a surrogate pair is not).
  const d = text.charCodeAt(end + 1);
  if (Number.isNaN(d)) return false;
  return d < 128 ? (d >= 65 && d <= 90) || (d >= 97 && d <= 122) : LETTER.test(String.fromCharCode(d));
}

/** Everything the entity finders read, compiled once per process from the rule files. */
export interface EntityLexicon {
  readonly gazetteer: ReadonlyMap<string, GazetteerEntry>;
  /** Finds gazetteer forms as whole words, longest first. */
  readonly gazetteerIndex: FormIndex;
  /** Country code -> country name. */
  readonly countries: ReadonlyMap<string, string>;
  readonly patterns: readonly CompiledPattern[];
  /** Matches a chain of titles ("Senior Lieutenant General", "Samdech Thipadei", "Lieut. Gen."), sticky. */
  readonly titleChain: RegExp;
  /** First words of titles and modifiers: where a title chain may begin. */
  readonly titleStarts: FormIndex;
  /** Matches one title with its modifiers, for splitting a chain into roles. */
  readonly title: RegExp;
  /** Title form -> role written to the entity. */
  readonly roles: ReadonlyMap<string, { readonly role: string; readonly short: boolean; readonly honorific: boolean }>;
  /** Title form or role -> which part of a full name one word after it stands for (`shortName` in rules/titles.yaml). */
  readonly shortNameOf: ReadonlyMap<string, 'family' | 'given' | 'own'>;
  /** Lower-cased given names and family names from compromise's lexicon. */
  readonly givenNames: ReadonlySet<string>;
  readonly familyNames: ReadonlySet<string>;
  readonly notNames: ReadonlySet<string>;
  readonly namesAfterTitle: ReadonlySet<string>;
  /** Clubs by the city name sports reports call them by ("Barcelona" -> FC Barcelona). */
  readonly clubByCity: ReadonlyMap<string, GazetteerEntry>;
  /** Matches any of those city names as a whole word. */
  readonly clubCities: RegExp;
  /** Matches a word of sports reporting ("beat", "striker", "signed"): see `clubContext` in rules/organizations.yaml. */
  readonly clubContext: RegExp;
  /** Event names (competitions, tournaments) a shape pattern would take for a body. */
  readonly events: readonly string[];
  /** Matches, at the start of the text after a name, an event's head word: " Cup" of "FA Cup". */
  readonly eventHead: RegExp;
  /** Matches, at the start of the text after a person's name, a head word of what is named after them: " Show" of "The Cosby Show". */
  readonly namedAfterHead: RegExp;
  /** Matches, at the start of the text after a company's name, its legal suffixes: " Motor" of "Nissan Motor". */
  readonly companySuffix: RegExp;
  readonly orgHeads: ReadonlySet<string>;
  readonly notPersonWords: ReadonlySet<string>;
  /** Lower-case words that are common English words (not names) in compromise's lexicon. */
  readonly commonWords: ReadonlySet<string>;
  /** Lower-case role nouns that may stand before a name: compromise's Actor nouns plus rules. */
  readonly roleNouns: ReadonlySet<string>;
  /** Matches, right after a broadcaster's name, the words that name one of its channels. */
  readonly channel: RegExp;
  /** Matches a possessive and a family noun before a lone capitalized word, the `name` group ("his wife Sarah"). */
  readonly kinName: RegExp;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternation = (forms: Iterable<string>) =>
  [...new Set(forms)].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).map(escape).join('|');

/** Matches, at the start of a text, one of these words as a whole word after spaces: " Cup" of "FA Cup". */
const wordAfter = (words: readonly string[]): RegExp => (words.length ? new RegExp(`^\\s+(?:${alternation(words)})(?![\\p{L}\\p{M}\\d'’-])`, 'u') : /$^/);

/** One capitalized word: "Phạm", "People's" is "People" + "'s", "O'Brien", "Al-Assad", "Murphy-O'Connor", an initial "W.". */
export const NAME_WORD = "(?:\\p{Lu}[\\p{Ll}\\p{Lu}\\p{M}]*(?:['-]\\p{L}[\\p{L}\\p{M}]+|-\\p{Lu}['’]\\p{Lu}[\\p{L}\\p{M}]+)*(?:'s(?=\\s+\\p{Lu}))?|\\p{Lu}\\.)";
// Inside a name, words may be joined by "of (the)", "for (the)", "on", "and", "&" or a particle.
const CONNECTOR = "(?:(?:of|for|on)(?:\\s+the)?|and|&|de|du|des|la|le|del)";
export const NAME_WORDS = `${NAME_WORD}(?:\\s+(?:${CONNECTOR}\\s+)?${NAME_WORD})*`;

export function expandMacros(pattern: string, orgHeads: readonly string[]): string {
  return pattern
    .replaceAll('{Names}', NAME_WORDS)
    .replaceAll('{Name}', NAME_WORD)
    .replaceAll('{OrgHead}', alternation(orgHeads));
}

/** Given names; a hyphenated one ("Jean-Pierre", "Mary-Kate") is one when each part is. */
class GivenNames extends Set<string> {
  override has(word: string): boolean {
    return super.has(word) || (word.includes('-') && word.split('-').every((part) => part.length > 1 && super.has(part)));
  }
}

export function buildLexicon(rules: {
  readonly titles: TitlesRules;
  readonly places: PlacesRules;
  readonly organizations: OrganizationsRules;
  readonly namePatterns: NamePatternsRules;
}): EntityLexicon {
  const gazetteer = new Map<string, GazetteerEntry>();
  const countries = new Map<string, string>();
  const add = (form: string, entry: GazetteerEntry) => {
    // The first entry for a form wins: countries, then places, then organizations.
    if (!gazetteer.has(form)) gazetteer.set(form, entry);
  };
  for (const c of rules.places.countries) {
    countries.set(c.code, c.name);
    const base = { id: c.id, type: 'PLACE' as const, canonical: c.name, country: c.code, ambiguous: c.ambiguous };
    for (const f of [c.name, ...c.aliases]) add(f, { ...base, kind: 'country' });
    for (const d of c.demonyms) add(d, { ...base, kind: 'demonym' });
  }
  for (const p of rules.places.places) {
    const base = { id: p.id, type: 'PLACE' as const, canonical: p.name, country: p.country, ambiguous: p.ambiguous };
    for (const f of [p.name, ...p.aliases]) add(f, { ...base, kind: 'place' });
    for (const d of p.demonyms) add(d, { ...base, kind: 'demonym' });
  }
  const clubByCity = new Map<string, GazetteerEntry>();
  for (const o of rules.organizations.entries) {
    const base = { id: o.id, type: 'ORG' as const, canonical: o.name, country: o.country, ambiguous: o.ambiguous, orgType: o.type };
    for (const f of [o.name, ...o.aliases]) add(f, { ...base, kind: 'org' });
    // A club's city names are not gazetteer forms: they name the club only in a sports story.
    for (const city of o.cityNames) clubByCity.set(city, { ...base, kind: 'org' });
  }
  const gazetteerIndex = new FormIndex(gazetteer.keys());

  const roles = new Map<string, { role: string; short: boolean; honorific: boolean }>();
  const shortNameOf = new Map<string, 'family' | 'given' | 'own'>();
  for (const t of rules.titles.entries) {
    for (const f of t.forms) roles.set(f, { role: t.role ?? t.forms[0]!, short: t.beforeShortName, honorific: t.category === 'honorific' });
    for (const f of [t.role ?? t.forms[0]!, ...t.forms]) shortNameOf.set(f, t.shortName ?? (t.category === 'royal' ? 'own' : 'family'));
  }
  // A lower-case title opens a sentence with a capital: "Chief executive Gerd Niebaum stepped down".
  for (const [f, r] of [...roles]) {
    const opening = f.charAt(0).toUpperCase() + f.slice(1);
    if (opening !== f && !roles.has(opening)) roles.set(opening, r);
  }
  const titleForms = alternation(roles.keys());
  const modifiers = rules.titles.modifiers.length ? `(?:(?:${alternation(rules.titles.modifiers)})\\s+)*` : '';
  // A title, optionally plural, optionally followed by another title ("General Secretary and President").
  const one = `${modifiers}(?:${titleForms})s?(?![\\p{L}])`;
  const titleChain = new RegExp(`${one}(?:,?\\s+(?:and\\s+(?:${NAME_WORD}\\s+){0,2})?${one})*`, 'uy');
  const title = new RegExp(one, 'gu');

  const givenNames = new GivenNames();
  const familyNames = new Set<string>();
  const commonWords = new Set<string>();
  const roleNouns = new Set<string>(rules.namePatterns.roleNouns);
  const NAME_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName', 'LastName', 'Person', 'Honorific']);
  const lexicon = (nlp.model() as { one: { lexicon: Record<string, string | string[]> } }).one.lexicon;
  for (const [word, tag] of Object.entries(lexicon)) {
    const tags = Array.isArray(tag) ? tag : [tag];
    if (tags.some((t) => t === 'FirstName' || t === 'MaleName' || t === 'FemaleName')) givenNames.add(word);
    if (tags.includes('LastName')) familyNames.add(word);
    if (!/\s/.test(word) && !tags.some((t) => NAME_TAGS.has(t) || /Place|Country|City|Region|Organization|SportsTeam|Demonym/.test(t))) commonWords.add(word);
    if (tags.includes('Actor') && !tags.includes('Plural') && !/\s/.test(word)) roleNouns.add(word);
  }

  for (const g of rules.namePatterns.givenNames) givenNames.add(g.toLowerCase());
  const heads = rules.namePatterns.orgHeads;
  const patterns = rules.namePatterns.patterns.map((p) => ({
    id: p.id,
    type: p.type,
    regex: new RegExp(expandMacros(p.pattern, heads), 'gu'),
    cue: p.cue === undefined ? null : new RegExp(expandMacros(p.cue, heads), 'u'),
  }));
  return {
    gazetteer,
    gazetteerIndex,
    countries,
    patterns,
    titleChain,
    titleStarts: new FormIndex([...roles.keys(), ...rules.titles.modifiers]),
    title,
    roles,
    shortNameOf,
    givenNames,
    familyNames,
    notNames: new Set(rules.namePatterns.notNames),
    namesAfterTitle: new Set(rules.namePatterns.namesAfterTitle),
    clubByCity,
    clubCities: clubByCity.size ? new RegExp(`(?<![\\p{L}\\p{M}'’-])(?:${alternation(clubByCity.keys())})(?![\\p{L}\\p{M}'’-])`, 'gu') : /$^/g,
    clubContext: rules.organizations.clubContext.length ? new RegExp(`(?<![\\p{L}-])(?:${alternation(rules.organizations.clubContext)})(?![\\p{L}-])`, 'iu') : /$^/,
    events: rules.namePatterns.events,
    companySuffix: rules.namePatterns.companySuffixes.length
      ? new RegExp(`^(?:\\s+(?:${alternation(rules.namePatterns.companySuffixes)})(?![\\p{L}\\d'’&-]))+(?!\\s+\\p{Lu})`, 'u')
      : /$^/,
    namedAfterHead: wordAfter(rules.namePatterns.namedAfterHeads),
    eventHead: wordAfter(rules.namePatterns.eventHeads),
    orgHeads: new Set(heads.flatMap((h) => h.split(/\s+/))),
    notPersonWords: new Set(rules.namePatterns.notPersonWords),
    commonWords,
    roleNouns,
    channel: new RegExp(`^(?:\\s+(?:${alternation(rules.namePatterns.channelWords)}|\\d{1,2})(?![\\p{L}\\d]))+`, 'u'),
    kinName: rules.namePatterns.kinNouns.length
      ? new RegExp(
          `(?:(?<![\\p{L}])(?:his|her|their|my|our|His|Her|Their|My|Our)|\\p{L}['’]s?)\\s+(?:[\\p{Ll}-]+\\s+)?(?:${alternation(rules.namePatterns.kinNouns)}),?\\s+(?<name>\\p{Lu}\\p{Ll}[\\p{Ll}\\p{M}]*)(?![\\p{L}\\p{M}\\d'’-])(?!\\s+\\p{Lu})`,
          'gu',
        )
      : /$^/gu,
  };
}
