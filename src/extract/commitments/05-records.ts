import type { CommitmentFinding, DateFinding, Modality, Sentence } from '../../types.js';
import type { TriggerCandidate } from './01-find-triggers.js';
import type { ActionReading, Range } from './02-read-actions.js';
import { SUBJECT_PRONOUN, isVerb, phraseAt, pluralFirstPerson, subjectBefore, type Subject } from './03-subjects.js';
import { uniq, type ActorResolver, type Speaker } from './04-actors.js';
import { findAmount, mayHaveAmount, type Amount } from './amount.js';
import type { DocumentContext, Quote } from './context.js';
import type { ParsedSentence } from './parse.js';
import type { CompiledRules, CompiledTrigger } from './rules.js';

/** A sentence that ends by naming commitments ("... a series of pledges."): the next one may list them. */
const COMMITMENTS_NAMED = /\b(?:pledges|promises|commitments|targets|goals|aims|plans|measures)\b[^.!?]*[.!?]?["”’)]*\s*$/i;

/** The sentence before gave a record and ends by naming commitments: this one may list them. */
export function listsNamedCommitments(input: { readonly ctx: DocumentContext; readonly sentence: Sentence; readonly state: RecordState }): boolean {
  const { ctx, sentence: s, state } = input;
  const prev = ctx.doc.sentences[s.index - 1];
  return !!prev && state.lastActors?.sentence === s.index - 1 && COMMITMENTS_NAMED.test(prev.text.slice(-80));
}

/** "The plans", "the proposals", "its manifesto": a document of plans as a clause's subject. */
const PLAN_DOCUMENT = /^(?:the|these|those|its|their|his|her|our)\s+(?:new\s+|latest\s+|proposed\s+)?(?:plans?|proposals?|measures|scheme|reforms?|package|manifesto|blueprint|programme|program)$/i;

/**
 * "The Tories unveiled plans to cut X. ... The plans would abolish Y": a will-statement of a
 * document of plans, in the five sentences after a record, is that record's actors' plan.
 */
export function planDocumentActors(input: Pick<SentenceInput, 'rules' | 'sentence' | 'state'>, subject: { readonly text: string }): readonly number[] | null {
  const last = input.state.lastActors;
  const s = input.sentence;
  // Not what someone says the plans would do ("Some charities say the plans would ...", "..., says the party").
  if (!last || s.index <= last.sentence || s.index - last.sentence > 5 || input.rules.sayingAnywhere.test(s.text)) return null;
  return PLAN_DOCUMENT.test(subject.text.trim()) ? last.actors : null;
}

/** What one sentence's records leave for the next: reported speech continues, targets inherit actors. */
export interface RecordState {
  lastSpeaker: { readonly sentence: number; readonly speaker: Speaker } | null;
  lastActors: { readonly sentence: number; readonly actors: readonly number[] } | null;
}

export interface SentenceInput {
  readonly ctx: DocumentContext;
  readonly resolver: ActorResolver;
  readonly rules: CompiledRules;
  readonly dates: readonly DateFinding[];
  readonly sentence: Sentence;
  readonly parsed: ParsedSentence;
  readonly cands: readonly TriggerCandidate[];
  readonly readings: ReadonlyMap<TriggerCandidate, ActionReading>;
  readonly state: RecordState;
  /**
   * The reported subjects read already in this sentence, by trigger span ("start:end"): the gate
   * before the parse (`willMayCommit`) and the records after it read the same will-words.
   */
  readonly subjects?: Map<string, ReportedSubject | null>;
}

/** A deadline: a date right after one of these words, or "the end of ...". */
const DEADLINE_BEFORE = /\b(?:(?:by|before|until|till|in|for|between|within|no later than|at|from|to|and)\s+(?:the\s+)?|(?:at|by|before|until)\s+the\s+end\s+of\s+)$/i;
const WILL_WORDS = String.raw`will|would|shall|won['’]t|\p{L}+['’]ll`;
/** Will-statement triggers: with figures but no speaker, as often forecasts as plans. */
const WILL = new RegExp(`^(?:${WILL_WORDS})\\b`, 'iu');
/** Modal triggers, which can stand inside another trigger's complement. */
const MODAL = new RegExp(`^(?:${WILL_WORDS}|(?:is|are|am|was|were)\\s+(?:to|going\\s+to))\\b`, 'iu');
const FUTURE_MODALITIES: ReadonlySet<Modality> = new Set(['intention', 'target', 'pledge', 'agreement']);

/**
 * The party an agreement is signed or made with, named in what was agreed: the first
 * organization, person or country after "with" ("signed a deal with Japanese rival Nissan
 * Motor"), with only title words between and no verb before "with". Null when there is none.
 * ("agreed with the US to ...", before the action, is `directActors`' to read.)
 */
function counterparty(input: SentenceInput, reading: ActionReading): number | null {
  const { ctx, sentence: s } = input;
  const w = /\bwith\s+/.exec(s.text.slice(reading.clause.start, reading.clause.end));
  if (!w) return null;
  const from = s.start + reading.clause.start + w.index + w[0].length;
  // "agreed to work with China": the "with" of the action's own verb, not of the agreement.
  if (s.tokens.some((t) => t.start >= s.start + reading.clause.start && t.end <= from && t.pos === 'VERB')) return null;
  for (const m of ctx.mentionsBetween(s.index, from, s.start + reading.clause.end)) {
    // Only title words before it: "Japanese rival", "the Scottish club".
    if (!/^(?:[\p{L}'’-]+\s+){0,3}$/u.test(ctx.doc.clean.slice(from, m.start)) || /\b(?:and|or|to|for|of|in|on|at|by)\s/.test(ctx.doc.clean.slice(from, m.start))) return null;
    const ent = ctx.entities.entities[m.entity]!;
    // A demonym or place describing the party ("Japanese rival Nissan"): the party follows.
    if (ent.type === 'PLACE' && /^\s+\p{Ll}/u.test(ctx.doc.clean.slice(m.end, m.end + 3))) continue;
    if (ent.type === 'PLACE' && !ctx.isCountry(m.entity)) return null;
    return m.entity;
  }
  return null;
}

/** Turns one sentence's triggers into records, or nothing when a gate fails. */
export function buildRecords(input: SentenceInput): CommitmentFinding[] {
  const { ctx, rules, sentence: s, cands, readings, state } = input;
  const out: CommitmentFinding[] = [];
  for (const c of cands) {
    const reading = readings.get(c)!;
    // A will-statement inside another trigger's clause belongs to it ("decided he would quit",
    // "announced £264m for health services will be spent ...").
    const modal = MODAL.test(s.text.slice(c.triggerStart, c.triggerEnd));
    if (modal && cands.some((o) => o !== c && o.rule.voice === 'direct' && o.triggerStart < c.triggerStart && c.triggerStart <= readings.get(o)!.clause.end + 1)) continue;
    const gate = staticGate(input.parsed, s.text, c, reading, rules);
    if (!gate || (c.rule.needsDeadline && dueOf(input, reading.clause) === null)) continue;
    const { amount } = gate;
    let modality = c.rule.modality;
    let resolved = c.rule.voice === 'reported' ? reportedActors(input, c, reading) : directActors(input, c, reading);
    // A plan in the narrator's voice ("X is to ...", not "X will ...": will-statements with figures
    // are as often forecasts), which no one is reported saying, still counts when it is quantified
    // (a target, whenever an actor can be named: tests/gold/README.md 6.1) or when it lists
    // commitments the sentence before named ("... a series of pledges. They are to ...").
    if ((!resolved || !resolved.actors.length) && c.rule.voice === 'reported' && !WILL.test(s.text.slice(c.triggerStart, c.triggerEnd)) && !ctx.quoteAt(s.start + c.triggerStart)) {
      const listed = listsNamedCommitments(input);
      if (amount || listed) {
        resolved = directActors(input, c, reading);
        if (!listed) modality = 'target';
      }
    }
    if (!resolved || !resolved.actors.length) continue;
    // "signed a supply deal with China", "reached an agreement with GM": the other party signs too.
    if (modality === 'signed' || modality === 'agreement') {
      const other = counterparty(input, reading);
      if (other !== null && !resolved.actors.includes(other)) resolved = { ...resolved, actors: [...resolved.actors, other] };
    }
    if (resolved.speaker) state.lastSpeaker = { sentence: s.index, speaker: resolved.speaker };
    state.lastActors = { sentence: s.index, actors: resolved.actors };
    const negated = isNegated(s.text, c, rules);
    const leading = leadingDate(input);
    // "pledge not to join a coalition": the negative content belongs to the action.
    const not = /\bnot\b/i.test(s.text.slice(c.triggerEnd, reading.clause.start)) ? 'not ' : '';
    reading.items.forEach((item, i) => {
      const action = not + cleanAction(s.text.slice(item.start, item.end));
      if (!action) return;
      const own = findAmount(s.text.slice(item.start, item.end)) ?? (i === 0 ? amount : null);
      const due = dueOf(input, item) ?? (FUTURE_MODALITIES.has(c.rule.modality) ? leading : null);
      out.push({
        sentence: s.index,
        start: s.start,
        end: s.end,
        text: s.text,
        actors: resolved.actors,
        trigger: s.text.slice(c.triggerStart, c.triggerEnd),
        modality,
        action,
        object: c.rule.object === 'subject' ? resolved.object ?? '' : reading.objects[i] ?? '',
        amount: own?.text ?? '',
        amountValue: own?.value ?? null,
        amountUnit: own?.unit ?? '',
        due: due ?? '',
        code: codeOf(rules, modality, action, c.rule.code),
        negated,
        rule: c.rule.id,
      });
    });
  }
  return out;
}

/**
 * Could a trigger of `rule` in this sentence pass `staticGate`'s amount and plan gates? Checked
 * before the sentence is parsed: the amount and the plan noun are looked for in slices of the
 * sentence, and none can be where the whole sentence has no sign of one.
 */
export function mayPassGates(rule: CompiledTrigger, text: string, rules: CompiledRules): boolean {
  return (!rule.needsAmount || mayHaveAmount(text)) && (!rule.needsPlan || rules.planNounsLoose.test(text.replace(/\s+/g, ' ')));
}

/**
 * The gates that need only the sentence: an action at all, an amount for targets, a plan for
 * "agreed on", no urging ("called on X to commit"), no "promises to be", and for will-statements
 * an action verb (not "will be hard", "would like", "will have gone").
 */
export function staticGate(parsed: ParsedSentence, text: string, c: TriggerCandidate, reading: ActionReading, rules: CompiledRules): { amount: Amount | null } | null {
  const clauseText = text.slice(reading.clause.start, reading.clause.end);
  if (!clauseText.trim()) return null;
  // A target's amount may follow a dash ("his target for overseas aid - spending 0.7% of ...")
  // or stand in the subject ("Some £3.7bn will be spent on ...").
  const target = c.rule.modality === 'target';
  const amount = findAmount(clauseText) ?? (target ? findAmount(text.slice(reading.clause.end)) ?? findAmount(text.slice(0, c.triggerStart)) : null);
  if (c.rule.needsAmount && !amount) return null;
  // "called on nations to commit ...", "wants X to pledge ...": urging others is no commitment.
  if (rules.urgedBefore.test(text.slice(Math.max(0, c.triggerStart - 120), c.triggerStart))) return null;
  // "interested in signing Farrell", "close to signing", "talk of signing": a signing not (yet) done.
  if (c.rule.modality === 'signed' && /ing$/i.test(text.slice(c.triggerStart, c.triggerEnd)) && /\b(?:in|of|about|on|for|at|to|towards|without|before)\s+$/i.test(text.slice(0, c.triggerStart))) return null;
  if (c.rule.needsPlan && !rules.planNouns.test(clauseText.split(/\s+/).slice(0, 6).join(' '))) return null;
  if (target && c.rule.partOfSpeech === 'any' && rules.staleTarget.test(text.slice(0, c.triggerStart))) return null;
  // "promises to be the best yet": a prediction, not an action.
  if (c.rule.voice === 'direct' && /^be\s/i.test(clauseText) && !isParticiple(parsed, reading.clause.start + 3, clauseText.split(/\s+/)[1] ?? '')) return null;
  if (c.rule.voice === 'reported') {
    const trigger = text.slice(c.triggerStart, c.triggerEnd);
    const v = mainVerb(parsed, text, reading, rules);
    if (!v) return null;
    if (/^(?:was|were)\s+going\s+to$/i.test(trigger)) return null;
    if (/^would$/i.test(trigger) && /^(?:like|love|prefer|rather|have)$/.test(v.verb)) return null;
    if (/^(?:have|has)$/.test(v.verb) && v.participle) return null;
    // "would be remembered as ...": what will happen to someone, not a plan.
    if (v.passive && rules.nonCommitmentParticiples.has(v.next)) return null;
    const there = /\bthere\s*$/i.test(text.slice(0, c.triggerStart)) && v.verb === 'be';
    if (rules.nonCommitmentVerbs.has(v.verb) && !v.passive && !there) return null;
  }
  return { amount };
}

/** Words between a modal and its verb that are not the verb: "will not", "would soon", "will then". */
export const MODAL_ADVERBS = String.raw`not|never|also|then|still|now|soon|only|far|and|away|more|most|than|at|the|very|least|rightly|eventually|initially|immediately|quite|probably|maybe|perhaps|always|ever|even|just|already|instead|first|yet|indeed|however|therefore|thus|certainly|surely|again|\p{L}+ly`;
const ADVERB = new RegExp(`^(?:${MODAL_ADVERBS})$`, 'u');

/** The main verb of a will-statement's action, after "not", adverbs and "continue to". */
function mainVerb(parsed: ParsedSentence, text: string, reading: ActionReading, rules: CompiledRules): { verb: string; passive: boolean; participle: boolean; next: string } | null {
  const action = text.slice(reading.clause.start, reading.clause.end);
  // Words without the quotes around them: 'would "love" to' is 'would love to'.
  const words = action.toLowerCase().split(/[\s,]+/).map((w) => w.replace(/^["'“‘]+|["'”’]+$/gu, '')).filter(Boolean);
  let i = 0;
  const adverb = (w: string) => ADVERB.test(w);
  for (;;) {
    if (i < words.length && adverb(words[i]!)) i++;
    else if (words[i] === 'no' && words[i + 1] === 'doubt') i += 2;
    else break;
  }
  // "will most likely end up": a hedge after the modal makes it a prediction.
  if (words.slice(0, i).some((w) => rules.blockers.test(w))) return null;
  if (words[i] === 'continue' && words[i + 1] === 'to') i += 2;
  let verb = words[i] ?? '';
  // "will of course be able to": skip a phrase before the verb.
  if (verb && !rules.nonCommitmentVerbs.has(verb)) {
    const firstVerb = parsed.terms.find((t) => t.start >= reading.clause.start && t.end <= reading.clause.end && t.tags.has('Verb') && !t.tags.has('Adverb'));
    const skipped = firstVerb ? text.slice(reading.clause.start, firstVerb.start).trim() : '';
    if (firstVerb && skipped && /^(?:of course|in future|in the future|at least|at last|in turn|again|all|both)$/i.test(skipped)) {
      verb = text.slice(firstVerb.start, firstVerb.end).toLowerCase();
      i = words.indexOf(verb, i);
    }
  }
  const participle = isParticiple(parsed, reading.clause.start, words[i + 1] ?? '');
  // A phrase listed as a verb ("take place": what happens, not what someone does) stands for it.
  if (rules.nonCommitmentVerbs.has(`${verb} ${words[i + 1] ?? ''}`)) verb = `${verb} ${words[i + 1]}`;
  return { verb, passive: verb === 'be' && participle, participle, next: words[i + 1] ?? '' };
}

interface Resolved {
  readonly actors: readonly number[];
  readonly speaker?: Speaker | null;
  readonly object?: string;
}

/** Actors of a direct trigger: the clause subject, with what the trigger itself names. */
function directActors(input: SentenceInput, c: TriggerCandidate, reading: ActionReading): Resolved | null {
  const { ctx, resolver, rules, sentence: s, state } = input;
  const abs = (rel: number) => s.start + rel;
  const quote = ctx.quoteAt(abs(c.triggerStart));
  const speaker = quote ? resolver.quoteSpeaker(quote) : null;
  let subj: Subject = subjectBefore(ctx, s, abs(c.triggerStart), rules);
  // The owner of a noun trigger (or "target", "goal"): "Vietnam's pledge", "his target", "the
  // party's previous pledge". Only those have one: verb triggers skip the two patterns.
  const nounLike = c.rule.partOfSpeech === 'noun' || /^(?:target|targets|goal|goals)$/i.test(s.text.slice(c.triggerStart, c.triggerEnd));
  const before = s.text.slice(Math.max(0, c.triggerStart - 80), c.triggerStart);
  const own = nounLike ? /([\p{L}\p{M}.' -]+?)['’]s\s+(?:[\p{L}-]+\s+){0,2}$/u.exec(before) : null;
  const pron = nounLike ? /\b(his|her|their|its|our|my)\s+(?:party['’]s\s+)?(?:[\p{L}-]+\s+){0,2}$/iu.exec(before) : null;
  // "If Wales decided to keep its assembly": a condition, not a decision; "a leak suggested Mr
  // Brown was ready to ...", "he believes voters are ready to ...": another's claim.
  // A pledge someone has ("if he fulfils his promise to ...") is made whatever the condition or
  // hedge around it.
  const possessed = c.rule.partOfSpeech === 'noun' && (!!own || !!pron);
  if ((/^(?:if|unless|whether)$/.test(subj.opener) && !possessed) || subj.claim) return null;
  // "... should Mourinho decide to call up a replacement": an inverted condition.
  if (subj.kind !== 'empty' && /\bshould\s+$/i.test(s.text.slice(0, subj.start - s.start))) return null;
  // "He had been promised a game": the subject of a passive pledge receives it, and pledges nothing.
  // ("He is committed to ...", "they are promising to ..." are no passives.)
  if (/^(?:promised|pledged|guaranteed|assured|offered)$/i.test(s.text.slice(c.triggerStart, c.triggerEnd)) && /\b(?:be|been|being|am|is|are|was|were)\s+(?:\p{L}+ly\s+)?$/iu.test(s.text.slice(0, c.triggerStart))) return null;
  if (subj.kind !== 'empty' && !possessed && rules.blockers.test(s.text.slice(Math.max(0, subj.clauseStart - s.start - 30), subj.start - s.start).split(/\s+/).slice(-4).join(' '))) return null;
  let object: string | undefined;
  const extra: number[] = [];
  const mentionsIn = (from: number, to: number) => ctx.mentionsBetween(s.index, abs(from), abs(to));

  if (nounLike) {
    // "Vietnam's pledge", "his target": the possessor is the actor.
    if (own) {
      const at = c.triggerStart - before.length + own.index;
      const ms = mentionsIn(at, at + own[1]!.length);
      if (ms.length) return { actors: resolver.withAffiliation([ms[ms.length - 1]!.entity]) };
    }
    // "a decision by the board to ...", "a pledge by Vietnam to ...": the agent after "by".
    const by = /^\s+by\s+/.exec(s.text.slice(c.triggerEnd, reading.clause.start));
    if (by) {
      const ms = mentionsIn(c.triggerEnd, reading.clause.start);
      if (ms.length) return { actors: resolver.withAffiliation(uniq(ms.map((m) => m.entity))) };
    }
    // "I have made the right decision to ...", "the board took a decision to ...": the subject of
    // the verb that makes or takes it.
    const made = /\b(?:made|make|makes|making|took|take|takes|taking|taken|reached|reach|reaches)\s+(?:the|a|an|this|that)\s+(?:[\p{L}-]+\s+){0,2}$/iu.exec(before);
    if (made) subj = subjectBefore(ctx, s, abs(c.triggerStart - before.length + made.index), rules);
    if (pron) {
      if (/^(?:our|my)$/i.test(pron[1]!) && speaker) return { actors: speaker.actors, speaker };
      const clauseSubj = subj.kind === 'entities' || subj.kind === 'person-pronoun' || subj.kind === 'title' || subj.kind === 'collective' ? subj : null;
      const fromClause = clauseSubj ? resolver.actorsOfSubject(s, clauseSubj, speaker) : [];
      if (fromClause.length) return { actors: fromClause };
      const p = ctx.lastPerson(abs(c.triggerStart), s.index, 3);
      if (p && /^(?:his|her)$/i.test(pron[1]!)) return { actors: resolver.withAffiliation([p.entity]) };
    }
  }
  // "Plans to abolish 162 quangos have been unveiled by the Conservatives": the agent after "by".
  if (subj.kind === 'empty' && c.rule.id.startsWith('commit.intend.plan')) {
    const unveiled = UNVEILED_BY.exec(s.text.slice(reading.clause.end));
    if (unveiled) {
      const actors = agentActors(input, reading.clause.end + unveiled[0].length, speaker);
      if (actors.length) return { actors };
    }
  }
  // "Determined to lift cooperation ..., the three leaders discussed": the subject follows.
  if (subj.kind === 'empty' && c.triggerStart <= 1) {
    const comma = s.text.indexOf(', ', reading.clause.end);
    if (comma > 0) {
      const verb = s.tokens.find((t) => t.start > abs(comma) && isVerb(t));
      if (verb) subj = phraseAt(ctx, s, abs(comma + 1), verb.start, rules);
    }
  }
  if (c.rule.object === 'subject') {
    // "Working minutes were signed by both parties": the signers follow "by".
    object = s.text.slice(Math.max(0, subj.clauseStart - s.start), c.matchStart).replace(/^(?:[\p{L}\s]+,\s+)+/u, '').trim();
    const by = /^\s*(?:together\s+)?by\s+/.exec(s.text.slice(c.triggerEnd));
    if (by) return { actors: agentActors(input, c.triggerEnd + by[0].length, speaker), object };
  }
  // "agreed with the Italian finance minister X to ...": X is a party too.
  if (c.rule.modality === 'agreement') {
    const between = s.text.slice(c.triggerEnd, reading.clause.start);
    if (/^\s*(?:\p{L}+ly\s+)?with\s/u.test(between)) extra.push(...mentionsIn(c.triggerEnd, reading.clause.start).map((m) => m.entity));
  }
  // "reiterated Vietnam's commitment": the possessor inside the trigger.
  extra.push(...mentionsIn(c.triggerStart, c.triggerEnd).map((m) => m.entity));
  // "assured X that the government and the army do ...": the bodies named as the embedded subject.
  if (c.rule.id.endsWith('assure')) {
    const verb = s.tokens.find((t) => t.start >= abs(reading.clause.start) && isVerb(t));
    if (verb) {
      const inner = subjectBefore(ctx, s, verb.start, rules);
      if (inner.kind === 'entities') extra.push(...inner.mentions.map((m) => m.entity));
    }
  }

  let actors = resolver.actorsOfSubject(s, subj, speaker);
  // "...; agreed to organize ...": a trigger after a semicolon shares the subject before it.
  if (!actors.length && subj.kind === 'empty' && state.lastActors?.sentence === s.index) actors = [...state.lastActors.actors];
  if (!actors.length && subj.sayingVerb && (subj.kind === 'thing' || subj.kind === 'empty' || subj.kind === 'none')) {
    actors = [...(resolver.speakerOfVerb(s, subj.sayingVerb)?.actors ?? [])];
  }
  // "... to finance a series of pledges. They are to scrap X, ...": "they" are the pledges just
  // named, whose actor the sentence before gave (tests/gold/README.md 6.4, two-sentence spans).
  if (!actors.length && subj.kind === 'collective' && subj.collective?.phrase === 'they' && listsNamedCommitments(input)) actors = [...state.lastActors!.actors];
  if (!actors.length && c.rule.modality === 'target') {
    const last = state.lastActors;
    if (last && s.index - last.sentence <= 4) actors = [...last.actors];
    else if (ctx.homePlace !== null) actors = [ctx.homePlace];
  }
  if (!actors.length) return null;
  return { actors: [...new Set([...actors, ...resolver.withAffiliation(extra)])], speaker: subj.kind === 'first-person' ? speaker : null, object };
}

/**
 * The actors of a passive's agent, the phrase that starts at `from` (sentence-relative, after
 * "by") and ends at its verb, a preposition or punctuation: "signed by both parties", "unveiled
 * by the Conservatives as part of ...".
 */
function agentActors(input: SentenceInput, from: number, speaker: Speaker | null): number[] {
  const { ctx, resolver, rules, sentence: s } = input;
  const verb = s.tokens.find((t) => t.start >= s.start + from && isVerb(t));
  const stop = /\s+(?:at|in|on|during|after|before|for|to|with)\s|[,.;]/.exec(s.text.slice(from));
  const to = Math.min(verb ? verb.start - s.start : s.text.length, stop ? from + stop.index : s.text.length);
  return resolver.actorsOfSubject(s, phraseAt(ctx, s, s.start + from, s.start + to, rules), speaker);
}

/** What the speaker and subject rules read of a sentence: everything but its compromise parse. */
export type SpeechInput = Pick<SentenceInput, 'ctx' | 'resolver' | 'rules' | 'sentence' | 'state' | 'subjects'>;

/** "... have been unveiled by": a plan's passive verb of making it known, before its agent. */
const UNVEILED_BY = /^\s*(?:has|have|had|was|were|is|are)\s+(?:also\s+|now\s+)?(?:been\s+)?(?:unveiled|announced|outlined|set\s+out|published|revealed|presented|proposed|put\s+forward|launched|drawn\s+up|detailed)\s+by\s+(?:the\s+)?/i;

/** Pronouns that a relative clause can follow: "something we will do". */
const INDEFINITE = /^(?:some|any|every|no)(?:thing|one|body)$/i;
/** Nouns that end a time adverbial rather than a noun a clause describes: "next month we will". */
const TIME_NOUN = /^(?:time|times|day|days|week|weeks|weekend|month|months|year|years|season|end|moment|night|morning|afternoon|evening|future|run)$/i;

/**
 * "something we'll talk about", "it is a badge I'll wear", "the one thing we are going to do":
 * a subject pronoun right after a noun phrase opens a relative clause with no "that", which
 * describes the noun and states no plan. Not after a time adverbial ("next month we will"), a
 * prepositional phrase ("in a statement they said"), a verb's object ("accept the ruling, we
 * will") or a bare noun ("told reporters he would").
 */
function inRelativeClause(s: Sentence, subj: Subject): boolean {
  if (!SUBJECT_PRONOUN.test(subj.text.split(/['’\s]/u)[0]!)) return false;
  const at = s.tokens.findIndex((t) => t.start === subj.start);
  const before = at > 0 ? s.tokens[at - 1]! : null;
  if (!before) return false;
  if (before.pos === 'PRON') return INDEFINITE.test(before.text);
  if (before.pos !== 'NOUN' || TIME_NOUN.test(before.text)) return false;
  let j = at - 1;
  while (j > 0 && ['NOUN', 'ADJ', 'DET', 'NUM', 'PROPN', 'PART'].includes(s.tokens[j - 1]!.pos)) j--;
  const lead = s.tokens[j - 1];
  return s.tokens[j]!.pos === 'DET' && !(lead && ['ADP', 'VERB', 'SCONJ'].includes(lead.pos));
}

/** A reported trigger's subject and speaker, read before its verb is known. */
export interface ReportedSubject {
  readonly subj: Subject;
  /** The subject's kind as the actor rules read it: a name that only modifies a thing is a thing. */
  readonly kind: Subject['kind'] | 'thing';
  readonly quote: Quote | null;
  readonly speaker: Speaker | null;
  readonly announced: boolean;
  /** The speaker is the one of the sentence before (reported speech goes on). */
  readonly continued: boolean;
}

/**
 * The part of `reportedActors` that needs no parse: the subject before the trigger and who says
 * it, or null when the subject or clause already rules the statement out. `mayHaveActors` says
 * whether some verb could still give it actors, so that a sentence none of whose will-words can
 * is not parsed at all.
 */
function reportedSubject(input: SpeechInput, trigger: { readonly triggerStart: number; readonly triggerEnd: number }): ReportedSubject | null {
  const key = `${trigger.triggerStart}:${trigger.triggerEnd}`;
  const read = input.subjects?.get(key);
  if (read !== undefined) return read;
  const r = readReportedSubject(input, trigger);
  input.subjects?.set(key, r);
  return r;
}

function readReportedSubject(input: SpeechInput, trigger: { readonly triggerStart: number; readonly triggerEnd: number }): ReportedSubject | null {
  const { ctx, resolver, rules, sentence: s, state } = input;
  const abs = (rel: number) => s.start + rel;
  const triggerText = s.text.slice(trigger.triggerStart, trigger.triggerEnd);
  const subj = subjectBefore(ctx, s, abs(trigger.triggerStart), rules);
  // Someone else's claim ("claims by the trade that jobs would be lost"), or the condition itself
  // ("if we are going to make an impact").
  if (subj.claim || rules.blockers.test(ctx.doc.clean.slice(subj.clauseStart, abs(trigger.triggerStart)))) return null;
  // Inside an adverbial or embedded clause ("before it will happen", "what I'll do next").
  if (/^(?:before|after|until|till|when|while|because|although|though|whereas|once|what|how|why|whether)$/.test(subj.opener)) return null;
  if (/^(?:was|were)\s+going\s+to$/i.test(triggerText)) return null;
  if (/^(?:if|unless|whether)$/.test(subj.opener) && !s.tokens.some((t) => t.start >= subj.clauseStart && t.end <= subj.start && isVerb(t))) {
    if (!s.tokens.some((t) => t.start >= subj.end && t.end <= abs(trigger.triggerStart) && t.pos === 'VERB')) return null;
  }
  if (inRelativeClause(s, subj)) return null;
  const quote = ctx.quoteAt(abs(trigger.triggerStart));
  // "He said there would be a campaign" reports a plan; in a quotation "there will be" predicts.
  if (subj.kind === 'there' && quote) return null;
  if (subj.kind === 'none' || subj.kind === 'empty') return null;

  // Who says it.
  let speaker: Speaker | null = null;
  let announced = false;
  let continued = false;
  if (quote) speaker = resolver.quoteSpeaker(quote);
  else {
    if (subj.sayingVerb && !subj.nested && !rules.blockers.test(ctx.doc.clean.slice(subj.sayingVerb.end, abs(trigger.triggerStart)))) {
      speaker = resolver.speakerOfVerb(s, subj.sayingVerb);
      announced = rules.announcing.test(ctx.doc.clean.slice(subj.sayingVerb.start, subj.sayingVerb.end));
    }
    if (!speaker) {
      const trailing = trailingSpeaker(input, trigger);
      speaker = trailing?.speaker ?? null;
      announced = trailing?.announced ?? false;
    }
    if (!speaker && /^would$/i.test(triggerText) && state.lastSpeaker && s.index - state.lastSpeaker.sentence === 1) {
      speaker = state.lastSpeaker.speaker;
      continued = true;
    }
  }
  // "more UK firms would go under": a name that only modifies the subject does not make it an actor.
  const headed = subj.mentions.some((m) => /^(?:['’]s?)?[\s,.]*$/u.test(ctx.doc.clean.slice(m.end, subj.end)));
  // ... unless the head is a body it qualifies ("a Conservative government that will give ...").
  const kind = subj.kind === 'entities' && !headed && !rules.bodyNouns.test(subj.text) ? 'thing' : subj.kind;
  return { subj, kind, quote, speaker, announced, continued };
}

/** Could some verb, active or passive, give this subject and speaker actors (see `reportedActors`)? */
function mayHaveActors(r: ReportedSubject, input: SpeechInput): boolean {
  const { ctx } = input;
  switch (r.kind) {
    case 'first-person':
    case 'there':
      return !!r.speaker;
    case 'thing':
      return !!r.speaker || (!r.quote && !!planDocumentActors(input, r.subj));
    case 'entities':
      return !!r.speaker || jointStatement(r.subj, ctx) || input.rules.underDocument.test(input.sentence.text);
    case 'it':
      return !r.quote && !!r.speaker && ctx.entities.entities[r.speaker.entity]?.type !== 'PERSON';
    case 'person-pronoun':
    case 'collective':
    case 'title':
      if (!r.speaker && !(r.kind === 'collective' && r.subj.collective!.phrase !== 'they')) return false;
      return !(r.kind === 'person-pronoun' && r.quote);
    default:
      return false;
  }
}

/** Several countries as one subject ("Vietnam and Laos will ..."): with a joint verb, a joint statement. */
const jointStatement = (subj: Subject, ctx: DocumentContext) => /\band\b/.test(subj.text) && new Set(subj.mentions.filter((m) => ctx.isCountry(m.entity)).map((m) => m.entity)).size >= 2;

/** Will-words as written, with the contractions compromise reads as one ("we'll", "he'd", "won't", "wouldn't"). */
const WILL_WRITTEN = /\p{L}+['’](?:ll|d)\b|\b(?:will|would|shall|wo|won['’]t|wouldn['’]t|shan['’]t)\b/giu;

/**
 * Can a will-statement of this sentence have actors, whatever its verbs turn out to be? Tried for
 * every will-word, at every start compromise may give its trigger (the word, or the apostrophe of
 * a contraction). Only for a sentence whose cued rules are all reported and cued only at its
 * will-words: other reported triggers ("is to") have a narrator's-voice path of their own.
 */
export function willMayCommit(input: SpeechInput, cueMatches: readonly { readonly index: number; readonly length: number }[]): boolean {
  const text = input.sentence.text;
  const spans = [...text.matchAll(WILL_WRITTEN)].map((m) => ({ start: m.index, end: m.index + m[0].length, apostrophe: m.index + m[0].search(/['’]/u) }));
  // A cue elsewhere ("going to") belongs to a trigger this test does not know: parse.
  if (!cueMatches.every((c) => spans.some((w) => c.index >= w.start && c.index + c.length <= w.end))) return true;
  return spans.some((w) =>
    [w.start, ...(w.apostrophe > w.start ? [w.apostrophe] : [])].some((triggerStart) => {
      const r = reportedSubject(input, { triggerStart, triggerEnd: w.end });
      return !!r && mayHaveActors(r, input);
    }),
  );
}

/** Does `own` name a party other than the one the person is known to speak for? */
function ofAnotherParty(ctx: DocumentContext, person: number, own: readonly number[]): boolean {
  const parties = ctx.affiliation(person).filter((e) => ctx.isParty(e));
  return parties.length > 0 && own.some((e) => ctx.isParty(e) && !parties.includes(e));
}

/**
 * A will-statement counts when the actor says it: in a quotation of theirs, after a saying verb
 * ("X said ... would"), before one (", X said"), or right after such a sentence (reported speech
 * goes on). Its verb must be an action, not a state or prediction ("will be hard", "will need").
 */
function reportedActors(input: SentenceInput, c: TriggerCandidate, reading: ActionReading): Resolved | null {
  const { ctx, resolver, rules, sentence: s } = input;
  const action = s.text.slice(reading.clause.start, reading.clause.end);
  const { verb, passive } = mainVerb(input.parsed, s.text, reading, rules)!;
  const r = reportedSubject(input, c);
  if (!r) return null;
  const { subj, kind, quote, speaker, announced, continued } = r;
  if (rules.nonCommitmentVerbs.has(verb) && !passive && subj.kind !== 'there') return null;

  let actors: number[] = [];
  // "I will be criticised": a first person that undergoes something commits to nothing.
  if (subj.kind === 'first-person' && passive) return null;
  // "Our season would improve considerably": a thing of ours whose level changes is a forecast.
  if (subj.kind === 'first-person' && /^(?:our|my)\s/i.test(subj.text) && !passive && rules.forecastVerbs.has(verb)) return null;
  switch (kind) {
    case 'first-person':
    case 'there':
      actors = !speaker ? [] : kind === 'first-person' && pluralFirstPerson(subj) ? resolver.withEmployer(speaker) : [...speaker.actors];
      break;
    case 'thing':
      // "Some of the savings will be redeployed", "embassies will close, X has announced": a plan
      // reported from the speaker. In a quotation an active thing ("these proposals would
      // increase costs") is a claim, not a plan.
      // Outside quotations an active thing counts only when announced, or when it is money to be
      // spent ("the remainder would go to ...").
      {
        // A quantified plan with a deadline ("no patient would wait more than 12 months by March 2006"),
        // unless the thing's own amount is what changes ("debts will increase to £5m by 2006").
        const forecast = !passive && rules.forecastVerbs.has(verb);
        const quantified = !forecast && !!findAmount(action) && dueOf(input, reading.clause) !== null;
        // "his firm will also work with ...", said by its chief executive: the speaker's own body.
        const own = rules.ownBody.test(subj.text);
        const body = rules.bodyNouns.test(subj.text.replace(/['’]s$/, '')) || own;
        const plan = !quote && ((announced && !forecast) || body || quantified || rules.fundsNouns.test(subj.text) || (continued && !!findAmount(subj.text)));
        actors = !speaker || !(passive || plan) ? [] : own ? resolver.withEmployer(speaker) : [...speaker.actors];
        const documented = !speaker && !quote && !passive && !forecast ? planDocumentActors(input, subj) : null;
        if (documented) actors = [...documented];
      }
      break;
    case 'entities': {
      const own = resolver.actorsOfSubject(s, subj, speaker);
      if (speaker) {
        const same = own.some((e) => speaker!.actors.includes(e));
        const people = subj.mentions.filter((m) => ctx.entities.entities[m.entity]?.type === 'PERSON');
        // Another person's will ("Mr X will waste more") is a claim about them, not a commitment;
        // a person who "will be released" is what the speaker's plan is about.
        if (!same && !passive && people.length && !people.some((p) => p.entity === speaker!.entity)) return null;
        // "X will be released, the US announced": the person is what the plan is about.
        if (passive && !same && people.length) actors = [...speaker.actors];
        else if (same) actors = [...new Set([...speaker.actors, ...own])];
        // "The Conservatives would ..., Michael Howard pledged": a politician on the party's
        // policy counts with the party; on another party's ("Tory leader Michael Howard said
        // Labour would raise taxes") it is a claim, below.
        else if (!people.length && ctx.entities.entities[speaker.entity]?.type === 'PERSON' && own.some((e) => ctx.entities.entities[e]?.type === 'ORG') && !ofAnotherParty(ctx, speaker.entity, own)) actors = [speaker.entity, ...own];
        // "An Investment Ministry official said the Bank of Alexandria will be sold": the speaker's plan.
        else if (passive) actors = [...speaker.actors];
        // Otherwise someone else's claim about a body or country ("Brian Kerr said China will
        // provide difficult opposition", "the Tories say the Lib Dems would ..."): the will-statement
        // is not the actor's own (tests/gold/README.md 6.1, attribution).
        else return null;
      } else if (jointStatement(subj, ctx) && rules.jointVerbs.has(verb)) {
        // A joint statement of several countries ("Vietnam and Laos will continue to work together").
        actors = own;
      } else if (!quote && rules.underDocument.test(s.text)) {
        // "Under the memorandum, Vietnam will train ...": what a document binds its party to.
        actors = own;
      }
      break;
    }
    case 'it':
      // "Microsoft has said it will replace ...": "it" is the organization speaking; in its own
      // words it says "we" ("it'll give us a boost" is about a thing).
      if (quote || !speaker || ctx.entities.entities[speaker.entity]?.type === 'PERSON') return null;
      actors = [...speaker.actors];
      break;
    case 'person-pronoun':
    case 'collective':
    case 'title':
      if (!speaker && !(subj.kind === 'collective' && subj.collective!.phrase !== 'they')) return null;
      // "he will get my vote" inside someone's quotation is about a third person.
      if (kind === 'person-pronoun' && quote) return null;
      // "Newcastle said the player would not be sold": the person is what the speaker's plan is about.
      if (kind === 'title' && passive && speaker) actors = [...speaker.actors];
      else actors = resolver.actorsOfSubject(s, subj, speaker);
      break;
    default:
      return null;
  }
  if (!actors.length) return null;
  return { actors, speaker };
}

/** ", UK Foreign Secretary Jack Straw has announced." at the end of the sentence. */
function trailingSpeaker(input: SpeechInput, c: { readonly triggerEnd: number }): { speaker: Speaker | null; announced: boolean } | null {
  const { rules, sentence: s, resolver } = input;
  const after = s.text.slice(c.triggerEnd);
  const comma = after.lastIndexOf(',');
  if (comma < 0) return null;
  const tail = after.slice(comma);
  if (tail.length > 120 || /[;:]/.test(tail)) return null;
  const re = new RegExp(rules.saying.source, 'giu');
  let m: RegExpExecArray | null = null;
  // A saying verb, not a name that looks like one ("the United States").
  for (let x = re.exec(tail); x; x = re.exec(tail)) {
    const at = s.start + c.triggerEnd + comma + x.index;
    const tok = s.tokens.find((t) => t.start === at);
    if (tok && (tok.pos === 'VERB' || tok.pos === 'AUX' || /\s/.test(x[0]))) {
      m = x;
      break;
    }
  }
  if (!m) return null;
  const at = s.start + c.triggerEnd + comma + m.index;
  return { speaker: resolver.speakerOfVerb(s, { start: at, end: at + m[0].length }, s.start + c.triggerEnd + comma + 1), announced: rules.announcing.test(m[0]) };
}

/** Is `word` at the start of the action (after "be") a past participle ("be levied", "be spent")? */
function isParticiple(parsed: ParsedSentence, from: number, word: string): boolean {
  if (!word) return false;
  const term = parsed.terms.find((t) => t.start >= from && t.text.toLowerCase().replace(/[^\p{L}-]/gu, '') === word.replace(/[^\p{L}-]/gu, ''));
  if (term && (term.tags.has('Participle') || (term.tags.has('PastTense') && term.tags.has('Verb')))) return true;
  return /^[\p{L}-]+ed$/u.test(word) && !term?.tags.has('Adjective');
}

function isNegated(text: string, c: TriggerCandidate, rules: CompiledRules): boolean {
  const trig = text.slice(c.triggerStart, c.triggerEnd);
  if (/n['’]t$/i.test(trig)) return true;
  // "has no plans to": but "no patient would wait" negates the subject, not the will.
  if (c.rule.voice !== 'reported' && /\bno\s+(?:[\p{L}-]+\s+){0,2}$/iu.test(text.slice(Math.max(0, c.triggerStart - 30), c.triggerStart))) return true;
  if (rules.negationBefore.test(text.slice(Math.max(0, c.triggerStart - 40), c.triggerStart))) return true;
  if (c.rule.voice === 'reported' && rules.negationAfter.test(text.slice(c.triggerEnd))) return true;
  return false;
}

/** "In 2023, Vietnam and Laos will ...": a date that opens the sentence frames its plans. */
function leadingDate(input: SentenceInput): string | null {
  const { dates, sentence: s } = input;
  const d = dates.find((x) => x.sentence === s.index && x.value && /^\s*(?:in|by)\s+$/i.test(s.text.slice(0, x.start - s.start)) && /^\s*,/.test(s.text.slice(x.end - s.start)));
  return d ? deadlineValue(d.value) : null;
}

/** The last deadline date inside an action. */
function dueOf(input: SentenceInput, item: Range): string | null {
  const { dates, sentence: s } = input;
  const from = s.start + item.start;
  const to = s.start + item.end;
  const found = dates.filter(
    (d) => d.sentence === s.index && d.start >= from && d.end <= to && d.value && (DEADLINE_BEFORE.test(s.text.slice(Math.max(0, d.start - s.start - 25), d.start - s.start)) || /^the end of/i.test(d.text)),
  );
  const last = found[found.length - 1];
  return last ? deadlineValue(last.value) : null;
}

/** A range's end point is the deadline: "2005/2008" -> "2008". */
function deadlineValue(value: string): string {
  const slash = value.indexOf('/');
  return slash >= 0 ? value.slice(slash + 1) : value;
}

function codeOf(rules: CompiledRules, modality: Modality, action: string, fallback: string): string {
  for (const c of rules.codes) {
    if (c.modalities && !c.modalities.includes(modality)) continue;
    if (c.re.test(action)) return c.code;
  }
  return fallback;
}

/** The action as a verb phrase: no leading "to", no trailing punctuation or quote marks. */
export function cleanAction(text: string): string {
  return text
    .replace(/^\s*(?:to|on|upon|that)\s+/i, '')
    .replace(/[\s,;:.!?"'”’—–-]+$/u, '')
    .trim();
}
