import type { DateFinding, LocalEntity, SegmentedDocument, Sentence, Token } from '../../types.js';
import type { EntityExtraction } from '../entities/index.js';
import type { CompiledRules } from './rules.js';

/** An entity mention as the commitment rules read it: clean absolute offsets and its entity. */
export interface MentionRef {
  readonly start: number;
  readonly end: number;
  readonly sentence: number;
  readonly entity: number;
  readonly type: LocalEntity['type'];
  readonly text: string;
}

/** A quotation in the clean text: `[start, end)` includes the quote marks. */
export interface Quote {
  readonly start: number;
  readonly end: number;
  readonly block: number;
  /** Words inside: short quotes ("a 'comprehensive ban'") are scare quotes, not speech. */
  readonly words: number;
}

/**
 * What the commitment rules know about one document beyond a single sentence: mentions by
 * sentence, which entities are countries, who a person speaks for, and where quotations are.
 * Built once per document; read-only afterwards.
 */
export interface DocumentContext {
  readonly doc: SegmentedDocument;
  readonly entities: EntityExtraction;
  /** Mentions of each sentence, in order. */
  readonly mentionsBySentence: readonly (readonly MentionRef[])[];
  /** Date expressions of each sentence (clean absolute offsets), in order. */
  readonly datesBySentence: readonly (readonly DateFinding[])[];
  readonly quotes: readonly Quote[];
  isCountry(entity: number): boolean;
  /** A political party: a gazetteer entry of type party, or a name with "Party" in it. */
  isParty(entity: number): boolean;
  /** An organization's type in the gazetteer ("company", "media"), "unknown" for one it does not list, null for no organization. */
  orgType(entity: number): string | null;
  /** Places and parties a person is introduced with ("Vietnamese Prime Minister X", "Tory leader X"). */
  affiliation(entity: number): readonly number[];
  /**
   * The organization a person is introduced as an officer of ("Microsoft chairman X", "X, chief
   * executive of Y", "X, ATR's chief executive"), or null: the body their "we" stands for.
   */
  employer(entity: number): number | null;
  /** The country or nation the document is mostly about (for "the government" and office holders). */
  readonly homePlace: number | null;
  /** The speech quotation around a clean offset, if any. */
  quoteAt(pos: number): Quote | null;
  /** Mentions in `[start, end)` (clean offsets) within one sentence. */
  mentionsBetween(sentence: number, start: number, end: number): MentionRef[];
  /** The most recent mention before `pos` that `accept` takes, looking back at most `sentences` sentences. */
  lastMention(pos: number, sentence: number, sentences: number, accept: (m: MentionRef) => boolean): MentionRef | null;
  /** The most recent PERSON mention before `pos`, looking back at most `sentences` sentences (4 by default). */
  lastPerson(pos: number, sentence: number, sentences?: number): MentionRef | null;
}

const TITLE_POS = new Set(['PROPN', 'NOUN', 'ADJ', 'DET', 'CCONJ', 'PUNCT', 'PART', 'NUM', 'X', 'SYM']);
const TITLE_ADP = new Set(['of', 'for']);
/** Role nouns of a party's people, after the party's name in an appositive title ("X, the Tory leader,"). */
const PARTY_ROLE = /^\s+(?:party\s+)?(?:leader|deputy leader|chairman|chairwoman|chair|president|spokesman|spokeswoman|spokesperson|MP|MSP|AM|MEP|candidate|secretary|treasurer|whip|peer|councillor|member|frontbencher|backbencher)s?\b/;
const GOVERNMENT_ROLE = /\b(?:minister|secretary|chancellor|president|premier|governor|ambassador|first minister|prime minister|mp|msp)\b/i;

export function buildContext(doc: SegmentedDocument, ents: EntityExtraction, rules: Pick<CompiledRules, 'playerRole' | 'officerBefore' | 'officerOf' | 'officerOwned'>, dates: readonly DateFinding[] = []): DocumentContext {
  const mentionsBySentence: MentionRef[][] = doc.sentences.map(() => []);
  const datesBySentence: DateFinding[][] = doc.sentences.map(() => []);
  for (const d of dates) datesBySentence[d.sentence]?.push(d);
  for (const list of datesBySentence) list.sort((a, b) => a.start - b.start);
  ents.mentions.forEach((m, i) => {
    const entity = ents.mentionEntity[i]!;
    if (entity < 0) return;
    mentionsBySentence[m.sentence]?.push({ start: m.start, end: m.end, sentence: m.sentence, entity, type: m.type, text: m.text });
  });
  for (const list of mentionsBySentence) list.sort((a, b) => a.start - b.start);

  const isCountry = (e: number) => {
    const ent = ents.entities[e];
    return !!ent && ent.type === 'PLACE' && !!ent.country && ent.country === ent.name;
  };

  // Quotations: straight double quotes within a block. A quote mark after a space opens one, any
  // other closes it; an opening mark inside an open quotation starts a new paragraph of speech
  // (paragraphs joined on one line), and an unclosed quotation runs to the block end.
  const quotes: Quote[] = [];
  doc.blocks.forEach((b, bi) => {
    let open = -1;
    const close = (end: number) => {
      quotes.push({ start: open, end, block: bi, words: countWords(doc.clean.slice(open + 1, end - 1)) });
      open = -1;
    };
    for (let i = b.start; i < b.end; i++) {
      if (doc.clean[i] !== '"') continue;
      const before = i > b.start ? doc.clean[i - 1]! : ' ';
      const after = i + 1 < b.end ? doc.clean[i + 1]! : ' ';
      const opening = /[\s(\[—–-]/.test(before) && !/\s/.test(after);
      if (open < 0) open = i;
      else if (opening && /[.!?]\s*$/.test(doc.clean.slice(open, i))) {
        close(i);
        open = i;
      } else close(i + 1);
    }
    if (open >= 0) close(b.end);
  });
  // Speech opens a sentence or follows punctuation ("said: \"..."); a short quotation inside a
  // sentence is a title or a scare quote ("the \"Da Vinci Code\" will be ...").
  const speech = quotes.filter((q) => q.words >= 5 && (q.words >= 8 || /(?:^|[.:,!?(—–-])\s*$/.test(doc.clean.slice(Math.max(0, q.start - 3), q.start)) || doc.blocks[q.block]?.start === q.start));

  // Affiliation: the nearest place or party mention before a person's mention, joined to it
  // only by title words ("Lao Deputy Minister of National Defence ..., Lieut. Gen. X").
  const affiliations = new Map<number, number[]>();
  const placeCount = new Map<number, number>();
  ents.mentions.forEach((m, i) => {
    const e = ents.mentionEntity[i]!;
    if (m.type === 'PLACE' && e >= 0) placeCount.set(e, (placeCount.get(e) ?? 0) + 1);
  });
  // Parties: what a gazetteer lists as one, or a name with "Party" in it.
  const parties = new Set<number>();
  const media = new Set<number>();
  const orgTypes = new Map<number, string>();
  ents.mentions.forEach((m, i) => {
    const e = ents.mentionEntity[i]!;
    if (e < 0 || m.type !== 'ORG') return;
    if (m.orgType === 'party' || /\bPart(?:y|ies)\b/.test(ents.entities[e]!.name)) parties.add(e);
    if (m.orgType === 'media') media.add(e);
    if (!orgTypes.has(e) || orgTypes.get(e) === 'unknown') orgTypes.set(e, m.orgType ?? 'unknown');
  });
  /** The party a person mention is tied to by the words right after it: "X ... his Labour party", "X, the Tory leader,". */
  const partyAfter = (m: { readonly end: number; readonly sentence: number }, s: Sentence): number | null => {
    for (const b of mentionsBySentence[m.sentence]!) {
      if (b.start < m.end) continue;
      if (b.type === 'PERSON') return null;
      if (!parties.has(b.entity)) continue;
      const between = doc.clean.slice(m.end, b.start);
      // "Kennedy has told voters his Liberal Democrats will ...": the person's own party.
      if (/\b(?:his|her)\s+$/i.test(between) && !/["“”]/.test(between)) return b.entity;
      // "Michael Howard, the Tory leader, said": an appositive title.
      if (/^\s*,\s*(?:the\s+|a\s+)?(?:former\s+|deputy\s+|acting\s+|shadow\s+)?$/i.test(between) && PARTY_ROLE.test(doc.clean.slice(b.end, s.end))) return b.entity;
    }
    return null;
  };
  ents.entities.forEach((ent, e) => {
    if (ent.type !== 'PERSON') return;
    let place: number | null = null;
    let party: number | null = null;
    for (const mi of ent.mentions) {
      const m = ents.mentions[mi]!;
      const s = doc.sentences[m.sentence];
      if (!s) continue;
      const before = mentionsBySentence[m.sentence]!.filter((x) => x.end <= m.start && x.entity !== e).reverse();
      for (const b of before) {
        if (!joinedByTitle(s.tokens, b.end, m.start)) break;
        // A team's player speaks for no one (rules/commitments.yaml, playerRoles).
        if (rules.playerRole.test(doc.clean.slice(b.end, m.start))) break;
        const other = ents.entities[b.entity]!;
        if (other.type === 'PLACE' && place === null) place = b.entity;
        // A broadcaster or paper before a name is where they spoke ("a BBC interview, Mr X"), not whom for.
        if (other.type === 'ORG' && party === null && other.country && !isCountry(b.entity) && !media.has(b.entity)) party = b.entity;
        if (other.type === 'PERSON') break;
      }
      if (party === null) party = partyAfter(m, s);
    }
    const out: number[] = [];
    if (place !== null) out.push(place);
    else if (party !== null) out.push(party);
    affiliations.set(e, out);
  });

  // Employers: the organization named with a person's officer title, right before the name or in
  // an appositive after it; the first such mention of the person decides. Found when first asked.
  const employers = new Map<number, number | null>();
  const officerBody = (m: MentionRef): number | null => {
    const here = mentionsBySentence[m.sentence]!;
    const at = here.indexOf(m);
    const before = here[at - 1];
    if (before?.type === 'ORG' && !media.has(before.entity) && rules.officerBefore.test(doc.clean.slice(before.end, m.start)) && !rules.playerRole.test(doc.clean.slice(before.end, m.start))) return before.entity;
    const after = here[at + 1];
    if (after?.type !== 'ORG') return null;
    const between = doc.clean.slice(m.end, after.start);
    if (rules.officerOf.test(between)) return after.entity;
    if (/^,\s+$/.test(between) && rules.officerOwned.test(doc.clean.slice(after.end, after.end + 60))) return after.entity;
    return null;
  };
  const employer = (e: number): number | null => {
    if (employers.has(e)) return employers.get(e)!;
    let found: number | null = null;
    const ent = ents.entities[e];
    for (const mi of ent?.type === 'PERSON' ? ent.mentions : []) {
      const { sentence, start } = ents.mentions[mi]!;
      const m = mentionsBySentence[sentence]?.find((x) => x.start === start && x.entity === e);
      found = m ? officerBody(m) : null;
      if (found !== null) break;
    }
    employers.set(e, found);
    return found;
  };

  const namesCountry = (country: string) => ents.entities.some((x, i) => x.country === country && isCountry(i));
  // How often the story names each country's bodies ("the Home Office", "Labour"): a story is
  // about the country whose institutions it names, more than about one that is only its topic
  // ("the war in Iraq") or where it happens (a delegation's visit to a province).
  const namedOf = new Map<string, number>();
  ents.entities.forEach((x) => {
    if (x.type === 'ORG' && x.country) namedOf.set(x.country, (namedOf.get(x.country) ?? 0) + x.mentions.length);
  });
  let homePlace: number | null = null;
  let best = 0;
  for (const [e, n] of placeCount) {
    const ent = ents.entities[e]!;
    // A country, or a nation such as Scotland or Wales that has a government of its own. England
    // has none: the ministers of a story about England are the UK's, when the story names the UK.
    const nationLike =
      isCountry(e) || (!!ent.country && (/^(?:Scotland|Wales|Northern Ireland)$/.test(ent.name) || (ent.name === 'England' && !namesCountry(ent.country))));
    const score = n + (ent.country ? (namedOf.get(ent.country) ?? 0) : 0);
    // On a tie, the state before a nation of it ("Britain" over "Wales" in "England and Wales").
    if (nationLike && (score > best || (score === best && homePlace !== null && isCountry(e) && !isCountry(homePlace)))) {
      best = score;
      homePlace = e;
    }
  }

  // Whom a minister of the story speaks for. Not a country named once, with none of its places
  // named: that is as often a topic ("the war in Iraq", "a trip to China") as where the story is.
  // Not England, which has no government of its own: a minister in a story about England that
  // never names the UK is listed alone (tests/gold/README.md 6), though England may own its targets.
  const homeCountry = homePlace === null ? null : ents.entities[homePlace]!.country;
  const homeNamedOften = [...placeCount].reduce((n, [e, c]) => n + (ents.entities[e]!.country === homeCountry ? c : 0), 0) >= 2;
  const ministersHome = homePlace !== null && homeNamedOften && ents.entities[homePlace]!.name !== 'England' ? homePlace : null;

  const lastMention: DocumentContext['lastMention'] = (pos, sentence, sentences, accept) => {
    for (let si = sentence; si >= Math.max(0, sentence - sentences); si--) {
      const list = (mentionsBySentence[si] ?? []).filter((m) => m.end <= pos && accept(m));
      if (list.length) return list[list.length - 1]!;
    }
    return null;
  };

  return {
    doc,
    entities: ents,
    mentionsBySentence,
    datesBySentence,
    quotes: speech,
    isCountry,
    isParty: (e) => parties.has(e),
    orgType: (e) => (parties.has(e) ? 'party' : (orgTypes.get(e) ?? null)),
    affiliation(e) {
      const own = affiliations.get(e) ?? [];
      if (own.length) return own;
      const ent = ents.entities[e];
      if (ent?.type !== 'PERSON' || ministersHome === null || !ent.roles.some((r) => GOVERNMENT_ROLE.test(r))) return [];
      // "Lao Prime Minister X" in a story about Cambodia that never names Laos: Laos's, not Cambodia's.
      return ent.country && ent.country !== ents.entities[ministersHome]?.country ? [] : [ministersHome];
    },
    employer,
    homePlace,
    quoteAt(pos) {
      return speech.find((q) => q.start <= pos && pos < q.end) ?? null;
    },
    mentionsBetween(sentence, start, end) {
      return (mentionsBySentence[sentence] ?? []).filter((m) => m.start >= start && m.end <= end);
    },
    lastMention,
    lastPerson: (pos, sentence, sentences = 4) => lastMention(pos, sentence, sentences, (m) => m.type === 'PERSON'),
  };

  function countWords(s: string): number {
    return s.split(/\s+/).filter(Boolean).length;
  }
}

/** Only title-like words (names, nouns, adjectives, "of", punctuation) between two offsets. */
function joinedByTitle(tokens: readonly Token[], from: number, to: number): boolean {
  if (to - from > 160) return false;
  let words = 0;
  let marks = 0;
  for (const t of tokens) {
    if (t.start < from || t.end > to) continue;
    if (t.pos === 'ADP' && TITLE_ADP.has(t.text.toLowerCase())) continue;
    if (!TITLE_POS.has(t.pos)) return false;
    if (t.pos === 'PUNCT' && !/^[,()'’.]$/.test(t.text)) return false;
    if (t.pos === 'PUNCT') marks++;
    else words++;
  }
  // "a humiliation of France, Woodward believes": a comma alone joins no title.
  return words > 0 || marks === 0;
}
