import type { Sentence, Token } from '../../types.js';
import type { DocumentContext, MentionRef } from './context.js';
import type { CompiledCollective, CompiledRules } from './rules.js';

export type SubjectKind = 'entities' | 'collective' | 'first-person' | 'person-pronoun' | 'it' | 'title' | 'there' | 'none' | 'thing' | 'empty';

/** The subject of the clause a trigger stands in. Offsets are clean and absolute. */
export interface Subject {
  readonly kind: SubjectKind;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** Entity mentions in subject position (not inside a prepositional phrase). */
  readonly mentions: readonly MentionRef[];
  readonly collective: CompiledCollective | null;
  /** The saying verb that opens the clause ("Mr Straw said [the US had agreed]"), absolute range. */
  readonly sayingVerb: { readonly start: number; readonly end: number } | null;
  /** Where the clause starts (after a boundary word or punctuation). */
  readonly clauseStart: number;
  /** The word that opened the clause ("that", "if"), lower-case, or ''. */
  readonly opener: string;
  /** The clause is someone's claim or fear ("claims by the trade that jobs would be lost"). */
  readonly claim: boolean;
  /** The subject stands in a clause nested in the one the saying verb opens ("said X would mean there would be"). */
  readonly nested: boolean;
}

const SUBORDINATORS = new Set(['that', 'where', 'when', 'because', 'while', 'whereas', 'although', 'though', 'if', 'unless', 'whether', 'which', 'who', 'whom', 'whereby', 'once', 'what', 'how', 'why', 'before', 'after', 'until', 'till']);
const BOUNDARY_PUNCT = new Set([';', ':']);
const DASHES = new Set(['-', '–', '—']);
const QUOTE_MARKS = new Set(['"', '“', '”']);
const FIRST_PERSON = /^(?:i|we|i'm|we're|we've|i've|we'll|i'll|i'd|we'd|us|our\b.*|my\b.*)$/iu;
/** The plural ones: what "we" or "our firm" commits, a speaker's organization commits with them. */
const FIRST_PERSON_PLURAL = /^(?:we|we're|we've|we'll|we'd|us|our\b.*)$/iu;
const PERSON_PRONOUN = /^(?:he|she)$/iu;
const LEADING_JUNK = new Set(['ADV', 'CCONJ', 'INTJ', 'SCONJ']);

/** A verb or an auxiliary, as wink tags it. */
export const isVerb = (t: Token): boolean => t.pos === 'VERB' || t.pos === 'AUX';
const RELATIVE = /^(?:who|whom|whose|which|where|when)$/i;
/** A wire story's dateline before its first sentence: "Hanoi (VNA) -", "PHNOM PENH, June 3 (AKP) –". */
const DATELINE = /^\p{Lu}[\p{L}\p{M}.'’ -]{0,40}?(?:,\s*[^(),\n]{1,30}?)?\s*\([\p{L}\p{M}\d .&/-]{2,30}\)\s*[-–—]+\s+/u;

/**
 * The first verb of a sentence's main clause: after a fronted adverbial or participle clause
 * ("Despite giving their backing, the Conservatives insisted ...", "Speaking in Paris, he said
 * ..."), the first verb after its comma. `before`: only a verb that starts before it.
 */
export function firstMainVerb(s: Sentence, before = Infinity): Token | undefined {
  const lead = s.tokens.find((t) => t.pos !== 'PUNCT');
  const fronted = !!lead && (lead.pos === 'ADP' || lead.pos === 'SCONJ' || (lead.pos === 'VERB' && /(?:ing|ed)$/i.test(lead.text)));
  // The comma that ends the fronted clause, not one that opens a relative clause inside it
  // ("Having worked with Mr X, who came out of retirement, Mr Bell focused ...").
  const comma = fronted ? s.tokens.find((t, i) => t.text === ',' && !RELATIVE.test(s.tokens[i + 1]?.text ?? '')) : undefined;
  const main = comma ? s.tokens.find((t) => t.start > comma.start && t.start < before && isVerb(t)) : undefined;
  return main ?? s.tokens.find((t) => t.start < before && isVerb(t));
}

/**
 * The subject of the clause that ends at `pos` (a trigger's start): walk back to the clause start
 * (sentence start, a subordinator, a saying verb, ";", ":", a quote mark, ", and" / ", with"),
 * drop leading adverbials ("In August 2017,", "Additionally,"), and keep the words up to the
 * first verb. Mentions inside prepositional phrases ("together with ASEAN countries") are not
 * subjects.
 */
export function subjectBefore(ctx: DocumentContext, s: Sentence, pos: number, rules: CompiledRules): Subject {
  const toks = s.tokens.filter((t) => t.end <= pos);
  // A contraction that is its own subject ("and we'll ...") shares nothing.
  const shared = s.tokens.find((t) => t.start >= pos)?.pos === 'PRON' ? null : coordinatedSubject(ctx, s, toks, rules);
  if (shared) return shared;
  return clauseSubject(ctx, s, toks, pos, rules);
}

/**
 * "X welcomed the ruling and pledged to ...", "X has been sceptical until now but had decided to
 * ...": a verb right after "and" or "but" (past auxiliaries and adverbs) shares the subject of the
 * verb before the conjunction. Null when no conjunction comes first, or that verb has no subject.
 */
function coordinatedSubject(ctx: DocumentContext, s: Sentence, toks: readonly Token[], rules: CompiledRules): Subject | null {
  let i = toks.length - 1 - trailingAux(toks);
  if (i < 1 || !/^(?:and|but)$/i.test(toks[i]!.text)) return null;
  if (toks[i - 1]!.text === ',') i--;
  // The verb before: the nearest verb group start (a verb or auxiliary not after another).
  for (let j = i - 1; j > 0; j--) {
    const t = toks[j]!;
    if (BOUNDARY_PUNCT.has(t.text)) return null;
    // "X apologised - although it claimed ... - and pledged": a dashed aside is skipped.
    if (DASHES.has(t.text)) {
      const open = toks.slice(0, j).findLastIndex((x) => DASHES.has(x.text));
      if (open > 0) j = open;
      continue;
    }
    if (!isVerb(t)) continue;
    if (['VERB', 'AUX', 'ADV', 'PART'].includes(toks[j - 1]!.pos)) continue;
    const subj = clauseSubject(ctx, s, toks.slice(0, j), t.start, rules);
    return subj.kind === 'empty' || subj.kind === 'none' ? null : subj;
  }
  return null;
}

function clauseSubject(ctx: DocumentContext, s: Sentence, toks: readonly Token[], pos: number, rules: CompiledRules): Subject {
  let clauseStart = s.start;
  let sayingVerb: Subject['sayingVerb'] = null;
  let opener = '';
  let claim = false;
  const skipped: [number, number][] = [];
  let last = toks.length - 1;
  // "Bell, who featured in the side which beat France, added": a relative clause that ends right
  // before the verb is skipped whole, with any relative clause inside it.
  if (toks[last]?.text === ',') {
    for (let j = last - 1; j > 0 && toks[j]!.text !== ','; j--) {
      if (RELATIVE.test(toks[j]!.text) && toks[j - 1]!.text === ',') {
        skipped.push([toks[j - 1]!.start, toks[last]!.end]);
        last = j - 2;
        break;
      }
    }
  }
  // "Eddie told me how tough it was and I will ...": "and" or "but" before a subject pronoun
  // that the verb follows opens a clause of its own, whatever clause comes before it.
  const pronoun = toks.length - 1 - trailingAux(toks);
  const opensClause = pronoun > 0 && SUBJECT_PRONOUN.test(toks[pronoun]!.text) && /^(?:and|but)$/i.test(toks[pronoun - 1]!.text);
  for (let i = last; i >= 0; i--) {
    const t = toks[i]!;
    const w = t.text.toLowerCase();
    if (opensClause && i === pronoun - 1) {
      clauseStart = t.end;
      // "He says his remark was misrepresented but he will ...": still what the saying verb reports.
      for (let j = i - 1; j >= 0 && !BOUNDARY_PUNCT.has(toks[j]!.text) && !QUOTE_MARKS.has(toks[j]!.text); j--) {
        sayingVerb = sayingAt(s, toks[j]!, rules);
        if (sayingVerb) break;
      }
      break;
    }
    // Punctuation ends the clause; a quote mark only where speech starts or ends, not around a
    // scare-quoted phrase ("a \"comprehensive ban\" would be").
    if (BOUNDARY_PUNCT.has(t.text) || (QUOTE_MARKS.has(t.text) && ctx.quotes.some((q) => q.start === t.start || q.end === t.end))) {
      clauseStart = t.end;
      break;
    }
    if ((w === 'who' || w === 'which') && toks[i - 1]?.text === ',') {
      // A relative clause between commas is parenthetical: "Mr Blair, who ..., has said".
      const closing = toks.slice(i + 1).find((x) => x.text === ',');
      if (closing) {
        skipped.push([toks[i - 1]!.start, closing.end]);
        i--;
        continue;
      }
    }
    // An attribution between commas is parenthetical too: "The idea, says BT, is to ...", "A
    // key priority, said the WEF, is to ...": the subject comes before it.
    if (toks[i - 1]?.text === ',' && toks[toks.length - 1]?.text === ',' && sayingAt(s, t, rules) && !toks.slice(i + 1, -1).some((x) => x.text === ',' || isVerb(x))) {
      skipped.push([toks[i - 1]!.start, toks[toks.length - 1]!.end]);
      i--;
      continue;
    }
    if (SUBORDINATORS.has(w)) {
      clauseStart = t.end;
      opener = w;
      // A relative pronoun right before the verb: the subject is the noun it follows ("a
      // government that will give ...", "Mr Blair, who will ...").
      if (/^(?:that|who|which)$/.test(w) && i === toks.length - 1 - trailingAux(toks)) {
        const antecedent = toks.slice(0, toks[i - 1]?.text === ',' ? i - 1 : i);
        const near: Token[] = [];
        for (let j = antecedent.length - 1; j >= 0; j--) {
          const x = antecedent[j]!;
          if (!['NOUN', 'PROPN', 'PRON', 'DET', 'ADJ', 'NUM', 'PART'].includes(x.pos)) break;
          near.unshift(x);
        }
        if (near.length && near.some((x) => x.pos === 'NOUN' || x.pos === 'PROPN')) return nounPhrase(ctx, s, near, near[near.length - 1]!.end, rules, null, near[0]!.start, w, false);
      }
      // "said that ...", "told the Scottish Parliament on Wednesday that ...".
      if (w === 'that') {
        for (let j = i - 1; j >= Math.max(0, i - 7); j--) {
          if (/^[;:,"]$/.test(toks[j]!.text)) break;
          if (rules.blockers.test(toks[j]!.text)) {
            claim = true;
            break;
          }
          const say = sayingAt(s, toks[j]!, rules);
          if (say) {
            sayingVerb = say;
            break;
          }
        }
      }
      break;
    }
    const say = sayingAt(s, t, rules);
    if (say) {
      clauseStart = say.end;
      sayingVerb = say;
      break;
    }
    if (t.text === ',' && /^(?:and|but|with|as|or)$/i.test(toks[i + 1]?.text ?? '')) {
      clauseStart = toks[i + 1]!.end;
      break;
    }
  }
  // A dateline's place and agency are no part of the subject (it opens a paragraph).
  const dateline = ctx.doc.sentences[s.index - 1]?.block !== s.block ? DATELINE.exec(s.text) : null;
  if (dateline && clauseStart < s.start + dateline[0].length) clauseStart = s.start + dateline[0].length;
  // Leading adverbials and conjunctions.
  let region = s.tokens.filter((t) => t.start >= clauseStart && t.end <= pos && !skipped.some(([a, b]) => t.start >= a && t.end <= b));
  // "After a win over France, Clive Woodward said": of the SUBORDINATORS, those that are also
  // prepositions open a phrase, not a clause, when it has no verb and a comma closes it.
  if (/^(?:after|before|until|till)$/.test(opener)) {
    const comma = region.findIndex((t) => t.text === ',');
    if (comma >= 0 && comma < region.length - 1 && !region.slice(0, comma).some(isVerb)) {
      region = region.slice(comma + 1);
      opener = '';
    }
  }
  for (;;) {
    const comma = region.findIndex((t) => t.text === ',');
    if (comma >= 0) {
      const chunk = region.slice(0, comma);
      const head = chunk.find((t) => t.pos !== 'CCONJ');
      const noMention = !ctx.mentionsBetween(s.index, chunk[0]?.start ?? 0, chunk[chunk.length - 1]?.end ?? 0).length;
      // "In August 2017,", "Currently,", "2012,", "Last month,", "Following the takeover of X,",
      // "Speaking in Paris," but not "48-year-old Australian X,".
      const participle = !!head && head === chunk[0] && head.pos === 'VERB' && /\p{Ll}(?:ing|ed)$/u.test(head.text);
      // "Last month,", "On 5 May,": a date that is the whole chunk.
      const date = !!head && !!ctx.datesBySentence[s.index]?.some((d) => d.start <= head.start && chunk[chunk.length - 1]!.end <= d.end);
      const adverbial = !head || participle || date || ['ADP', 'ADV', 'SCONJ', 'PART'].includes(head.pos) || (head.pos === 'NUM' && noMention) || /^(?:up|beyond|despite|under|over)$/i.test(head.text);
      if (adverbial || (noMention && chunk.every((t) => t.pos !== 'NOUN' && t.pos !== 'PROPN' && t.pos !== 'PRON'))) {
        region = region.slice(comma + 1);
        continue;
      }
    }
    break;
  }
  while (region.length && (LEADING_JUNK.has(region[0]!.pos) || region[0]!.text === ',')) region = region.slice(1);
  region = afterLeadingDate(ctx, s, region);
  // "told the Sunday Times the party would": the first phrase after "told" is the addressee.
  if (sayingVerb && /^(?:told|tell|tells|telling|assured|assures)$/i.test(ctx.doc.clean.slice(sayingVerb.start, sayingVerb.end)) && region[0]?.start === nextTokenStart(s, sayingVerb.end)) {
    const addressee = ctx.mentionsBetween(s.index, region[0]!.start, pos).find((m) => m.start - region[0]!.start <= 5);
    const rest = addressee ? region.filter((t) => t.start >= addressee.end) : [];
    if (addressee && rest.some((t) => t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'PRON')) region = rest;
  }
  return nounPhrase(ctx, s, region, pos, rules, sayingVerb, clauseStart, opener, claim);
}

const NOMINAL = new Set(['NOUN', 'PROPN', 'PRON']);
/** A pronoun that can be a clause's subject. */
export const SUBJECT_PRONOUN = /^(?:i|we|you|he|she|it|they)$/i;
/** One to three lower-case words and no conjunction: the title between two names ("director"). */
const TITLE_BETWEEN = /^\s+(?:(?!(?:and|or|nor|with|but|plus|to|of|for|from|by|as|than|versus|vs?)\s)\p{Ll}[\p{L}-]*\s+){1,3}$/u;

/**
 * A date that opens the clause without a comma ("In 2002 S&N and United agreed", "Last year the
 * firm pledged") is an adverbial, like one with a comma: the subject is the noun phrase after it.
 * Kept when it is the subject itself ("2005 will be", "This year's budget").
 */
function afterLeadingDate(ctx: DocumentContext, s: Sentence, region: Token[]): Token[] {
  const first = region[0];
  const date = first && ctx.datesBySentence[s.index]?.find((d) => d.start >= first.start && d.start <= first.end + 1);
  const opener = first && date && date.start > first.start ? first : null;
  if (!date || (opener && (opener.pos !== 'ADP' || opener.end > date.start))) return region;
  const rest = region.filter((t) => t.start >= date.end);
  const verb = rest.findIndex(isVerb);
  const phrase = verb < 0 ? rest : rest.slice(0, verb);
  if (!rest.length || /^['’]s?$/.test(rest[0]!.text) || !phrase.some((t) => NOMINAL.has(t.pos))) return region;
  return rest;
}

/** The noun phrase that `[start, end)` starts with (e.g. the agent after "signed by"). */
export function phraseAt(ctx: DocumentContext, s: Sentence, start: number, end: number, rules: CompiledRules): Subject {
  const region = s.tokens.filter((t) => t.start >= start && t.end <= end);
  return nounPhrase(ctx, s, region, end, rules, null, start, '', false);
}

/** The words of `region` up to the first verb that is not part of a name, classified. */
function nounPhrase(
  ctx: DocumentContext,
  s: Sentence,
  region: readonly Token[],
  pos: number,
  rules: CompiledRules,
  sayingVerb: Subject['sayingVerb'],
  clauseStart: number,
  opener: string,
  claim: boolean,
): Subject {
  const mentionsHere = ctx.mentionsBetween(s.index, region[0]?.start ?? pos, pos);
  const inMention = (t: Token) => mentionsHere.some((m) => t.start >= m.start && t.end <= m.end);
  const np: Token[] = [];
  let nested = false;
  let depth = 0;
  for (const t of region) {
    // Words in brackets never end the phrase ("Ministries (now so-called ...) of the two countries").
    if (t.text === '(') depth++;
    if (t.text === ')') depth = Math.max(0, depth - 1);
    const verb = depth === 0 && isVerb(t) && !inMention(t);
    if (verb && np.length) break;
    if (verb) continue;
    np.push(t);
  }
  while (np.length && (np[np.length - 1]!.pos === 'ADV' || np[np.length - 1]!.pos === 'PUNCT') && !inMention(np[np.length - 1]!)) np.pop();
  // A complement clause without "that" ("she was pleased Scotland would ..."): when words other
  // than auxiliaries stand between the first phrase and `pos`, and the verb at `pos` is not
  // coordinated with the first ("... and are determined"), the subject is the phrase right before.
  const rest = region.filter((t) => t.start >= (np.length ? np[np.length - 1]!.end : pos) && t.end <= pos);
  const chain = [...rest];
  while (chain.length && ['AUX', 'ADV', 'PART'].includes(chain[chain.length - 1]!.pos)) chain.pop();
  const last = chain[chain.length - 1];
  // A finite verb in between: an auxiliary, or a verb right after a pronoun subject ("I know ...").
  const finite = chain.some((t) => t.pos === 'AUX') || (np.length === 1 && np[0]!.pos === 'PRON' && chain[0]?.pos === 'VERB');
  if (np.length && last && !['CCONJ'].includes(last.pos) && last.text !== ',' && chain.some(isVerb)) {
    const near: Token[] = [];
    for (let i = chain.length - 1; i >= 0; i--) {
      const t = chain[i]!;
      // A participle between a determiner and a noun is an adjective ("the looming election").
      const modifier = t.pos === 'VERB' && near.length > 0 && ['DET', 'ADJ'].includes(chain[i - 1]?.pos ?? '');
      const nounish = ['NOUN', 'PROPN', 'PRON', 'DET', 'ADJ', 'NUM', 'PART'].includes(t.pos) || inMention(t) || (t.pos === 'ADP' && /^of$/i.test(t.text)) || modifier;
      if (!nounish) break;
      near.unshift(t);
      if (t.pos === 'PRON' && near.length === 1) break;
    }
    const before = chain[chain.length - 1 - near.length];
    const objectOfPreposition = !!before && before.pos === 'ADP';
    // "Labour announced plans to help buyers and the Tories would extend ...": a modal after
    // "and" + a name or a pronoun starts a clause of its own.
    // Not when "and" joins two nouns ("saved by tackling bureaucracy and inefficient systems will").
    const coordinatedModal =
      before?.pos === 'CCONJ' && /^(?:will|would|shall|wo|'ll|’ll)\b/i.test(ctx.doc.clean.slice(pos, pos + 6)) && (near.some(inMention) || (near.length === 1 && near[0]!.pos === 'PRON'));
    if (near.length && near.some((t) => t.pos !== 'DET' && t.pos !== 'ADP') && !objectOfPreposition && (finite || coordinatedModal)) {
      np.splice(0, np.length, ...near);
      // "... would be levied and licences would be removed": a coordinated clause, not a nested one.
      nested = !before || !(before.pos === 'CCONJ' || before.text === ',');
    }
  }
  // "part of the £12bn we are going to apply": a fronted object before a subject pronoun.
  const tail = np[np.length - 1];
  if (np.length > 1 && tail && tail.pos === 'PRON' && SUBJECT_PRONOUN.test(tail.text)) np.splice(0, np.length - 1);
  const start = np[0]?.start ?? pos;
  const end = np.length ? np[np.length - 1]!.end : pos;
  const text = ctx.doc.clean.slice(start, end).trim();
  const inPhrase = mentionsHere.filter((m) => m.start >= start && m.end <= end && !insidePrepositionalPhrase(np, m));
  // "England captain Martin Johnson": the team in a player's title is not a subject beside them.
  // "Australian building group James Hardie", "the UK's biggest brewer, S&N": a place that only
  // describes the body after it is no subject either (a person's place comes back as the
  // affiliation their title gives them).
  const mentions = inPhrase.filter((m, i) => {
    const next = inPhrase[i + 1];
    if (m.type !== 'PERSON' && next?.type === 'PERSON' && rules.playerRole.test(ctx.doc.clean.slice(m.end, next.start))) return false;
    // "Harry Potter director Alfonso Cuaron": a name before another's lower-case title describes the title.
    if (next?.type === 'PERSON' && m.type === 'PERSON' && TITLE_BETWEEN.test(ctx.doc.clean.slice(m.end, next.start))) return false;
    const head = inPhrase.slice(i + 1).find((x) => x.type !== 'PLACE');
    return !(m.type === 'PLACE' && head && !/\b(?:and|or|with|together)\b|&/i.test(ctx.doc.clean.slice(m.end, head.start)));
  });
  return { ...classify(text, mentions, rules), start, end, text, mentions, sayingVerb, clauseStart, opener, claim, nested };
}

/** "the Prime Minister", "The leader": a person's title with its article (rules/commitments.yaml, personTitles). */
export function isPersonTitle(text: string, rules: CompiledRules): boolean {
  return rules.personTitle.test(text.replace(/^(?:the|The)\s+/, 'the '));
}

/** A subject phrase without the punctuation and quote marks that may close it ("the party,"). */
export const bareSubject = (text: string) => text.replace(/[.,;:"'’]+$/u, '').trim();

/** Is this first-person subject plural ("we", "our company")? */
export const pluralFirstPerson = (subj: { readonly text: string }) => FIRST_PERSON_PLURAL.test(bareSubject(subj.text));

function classify(text: string, mentions: readonly MentionRef[], rules: CompiledRules): { kind: SubjectKind; collective: CompiledCollective | null } {
  const bare = bareSubject(text);
  if (!bare) return { kind: 'empty', collective: null };
  if (FIRST_PERSON.test(bare)) return { kind: 'first-person', collective: null };
  if (PERSON_PRONOUN.test(bare)) return { kind: 'person-pronoun', collective: null };
  if (/^it$/i.test(bare)) return { kind: 'it', collective: null };
  if (/^there$/i.test(bare)) return { kind: 'there', collective: null };
  const collective = [...rules.collectives].sort((a, b) => b.phrase.length - a.phrase.length).find((c) => (c.phrase === 'they' ? /^they$/i.test(bare) : c.re.test(bare))) ?? null;
  if (collective) return { kind: 'collective', collective };
  // "The 24-year-old England midfielder is determined to ...": a player named by role, not the team.
  if (rules.playerRole.test(bare.split(/\s+/).pop() ?? '') && !mentions.some((m) => m.type === 'PERSON')) return { kind: 'title', collective: null };
  if (mentions.length) return { kind: 'entities', collective: null };
  if (isPersonTitle(bare, rules)) return { kind: 'title', collective: null };
  if (rules.nonActorSubjects.test(bare) || rules.nonActorSubjects.test(bare.split(/\s+/).pop() ?? '')) return { kind: 'none', collective: null };
  return { kind: 'thing', collective: null };
}

function nextTokenStart(s: Sentence, from: number): number {
  return s.tokens.find((t) => t.start >= from)?.start ?? -1;
}

/** How many auxiliaries and adverbs end `toks` ("who has already", "that will"). */
function trailingAux(toks: readonly Token[]): number {
  let n = 0;
  while (n < toks.length && ['AUX', 'ADV', 'PART'].includes(toks[toks.length - 1 - n]!.pos)) n++;
  return n;
}

/** A mention preceded inside the noun phrase by a preposition other than "of" ("together with X", "in Cambodia"). */
function insidePrepositionalPhrase(np: readonly Token[], m: MentionRef): boolean {
  for (const t of np) {
    if (t.end > m.start) break;
    if (t.pos === 'ADP' && !/^(?:of)$/i.test(t.text)) return true;
  }
  return false;
}

/** A saying verb starting at token `t` (single words and "made clear", "according to"). */
export function sayingAt(s: Sentence, t: Token, rules: CompiledRules): { start: number; end: number } | null {
  const rel = t.start - s.start;
  const m = rules.sayingAtStart.exec(s.text.slice(rel, rel + 40));
  if (!m) return null;
  // "says" as a noun, "told" in "all told": a saying verb needs a subject or an object nearby.
  if (!isVerb(t) && !/\s/.test(m[0])) return null;
  return { start: t.start, end: s.start + rel + m[0].length };
}

/** Saying verbs in a sentence, absolute ranges. */
export function sayingVerbs(s: Sentence, rules: CompiledRules): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const t of s.tokens) {
    const v = sayingAt(s, t, rules);
    if (v) out.push(v);
  }
  return out;
}
