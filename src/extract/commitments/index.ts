/**
 * The commitment extractor: who pledged, agreed, signed, set a target or stated an intention to do
 * what, by when (tests/gold/README.md, section 6). Trigger rules are data (rules/commitments.yaml).
 * The steps, in order:
 *   01 find triggers: a regex cue selects candidate sentences; compromise patterns find triggers;
 *      overlapping triggers keep the earlier rule.
 *   02 read actions: the clause after the trigger, split into coordinated actions.
 *   03 subjects: the clause's subject (entities, collectives, pronouns, titles).
 *   04 actors: collectives -> the parties named before; pronouns and titles -> people; speakers of
 *      quotations and reported speech.
 *   05 records: gates (reported will-statements need a speaker, targets need an amount), amount,
 *      deadline, event code, negation.
 */
import type { CommitmentsRules } from '../../rules/schemas.js';
import type { CommitmentFinding, DateFinding, SegmentedDocument, Sentence } from '../../types.js';
import type { EntityExtraction } from '../entities/index.js';
import { findTriggers, resolveOverlaps, type TriggerCandidate } from './01-find-triggers.js';
import { readAction, type ActionReading } from './02-read-actions.js';
import { MODAL_ADVERBS, buildRecords, cleanAction, listsNamedCommitments, mayPassGates, planDocumentActors, staticGate, willMayCommit, type RecordState, type ReportedSubject } from './05-records.js';
import { findAmount } from './amount.js';
import { ActorResolver, shareParties } from './04-actors.js';
import { buildContext, type DocumentContext } from './context.js';
import { parseSentence } from './parse.js';
import { compileRules, type CompiledRules } from './rules.js';

export { findAmount } from './amount.js';

/** A will-word and the verb after it (past `MODAL_ADVERBS`, as `mainVerb` reads it), with the word after that. */
const MODAL_VERB = new RegExp(String.raw`\b(?:will|would|shall|won't)\s+(?:(?:${MODAL_ADVERBS}),?\s+)*([\w'-]+)(?:\s+([\w'-]+))?|'ll\s+([\w'-]+)`, 'giu');

/**
 * Could a will-statement in this sentence be someone's words? A quotation mark or a quotation
 * around it, a saying verb, reported speech in the sentence before, or several countries named
 * (a joint statement).
 */
function maySpeak(ctx: DocumentContext, s: Sentence, state: RecordState, rules: CompiledRules): boolean {
  // Every modal followed by a state or prediction verb ("will need", "would mean"): nothing to find.
  const verbs = [...s.text.matchAll(MODAL_VERB)];
  const stated = (v: RegExpMatchArray) => {
    const verb = (v[1] ?? v[3] ?? '').toLowerCase();
    // "be" may start a passive ("would then be spent"): only a parse tells.
    if (verb === 'be') return true;
    return !rules.nonCommitmentVerbs.has(verb) && !(v[2] && rules.nonCommitmentVerbs.has(`${verb} ${v[2].toLowerCase()}`));
  };
  if (verbs.length && !verbs.some(stated) && !/\bgoing\s+to\b|\b(?:is|are)\s+to\b/i.test(s.text)) return false;
  if (/["“”]/.test(s.text) || ctx.quoteAt(s.start) || ctx.quoteAt(s.end - 1)) return true;
  // A quantified plan ("X is to spend £5m") needs no speaker; nor does a list of the pledges the
  // sentence before named.
  if ((/\b(?:is|are)\s+(?:going\s+)?to\b/i.test(s.text) && findAmount(s.text)) || listsNamedCommitments({ ctx, sentence: s, state })) return true;
  if (rules.sayingAnywhere.test(s.text) || rules.underDocument.test(s.text)) return true;
  if (state.lastSpeaker && state.lastSpeaker.sentence === s.index - 1) return true;
  // "The plans would abolish ...": a document of plans just after a record (`planDocumentActors`).
  const lead = /^(?:\p{L}+\s+){1,3}?(?=(?:will|would)\b)/iu.exec(s.text);
  if (lead && planDocumentActors({ rules, sentence: s, state }, { text: lead[0] })) return true;
  return new Set((ctx.mentionsBySentence[s.index] ?? []).filter((m) => ctx.isCountry(m.entity)).map((m) => m.entity)).size >= 2;
}

/** A trigger that passed the sentence-level gates, before actors are resolved. */
export interface CommitmentCandidate {
  readonly sentence: number;
  readonly rule: string;
  readonly trigger: string;
  /** One per coordinated action. */
  readonly actions: readonly string[];
}

export interface CommitmentExtractor {
  /** Commitments with clean, absolute offsets; actors index `entities.entities`. */
  extract(doc: SegmentedDocument, entities: EntityExtraction, dates: readonly DateFinding[]): CommitmentFinding[];
  /** What the trigger rules find sentence by sentence, without context (the rule examples test this). */
  candidates(doc: SegmentedDocument): CommitmentCandidate[];
}

export function createCommitmentExtractor(rules: CommitmentsRules): CommitmentExtractor {
  const compiled = compileRules(rules);
  /** A sentence with a trigger cue, outside another article's teaser (no commitment is read from one). */
  const mayCommit = (doc: SegmentedDocument, s: Sentence) => compiled.prefilter.test(s.text) && doc.blocks[s.block]?.kind !== 'teaser';
  return {
    extract(doc, entities, dates) {
      const ctx = buildContext(doc, entities, compiled, dates);
      const resolver = new ActorResolver(ctx, compiled);
      const state: RecordState = { lastSpeaker: null, lastActors: null };
      const out: CommitmentFinding[] = [];
      for (const s of doc.sentences) {
        if (!mayCommit(doc, s)) continue;
        // Rules that could give a record here: a target needs an amount, "agreed on" a plan.
        const cued = compiled.triggers.filter((r) => r.cue.test(s.text) && mayPassGates(r, s.text, compiled));
        if (!cued.length) continue;
        const subjects = new Map<string, ReportedSubject | null>();
        // Will-statements count only when someone says them: skip parsing sentences that only
        // have a will and no sign of speech.
        if (cued.every((r) => r.voice === 'reported')) {
          if (!maySpeak(ctx, s, state, compiled)) continue;
          // Nor those whose will-words have no subject and speaker that could give actors: the
          // parse would only find the verb, and no verb would give the statement an actor.
          const cues = cued.flatMap((r) => [...s.text.matchAll(r.cues)].map((m) => ({ index: m.index, length: m[0].length })));
          if (!willMayCommit({ ctx, resolver, rules: compiled, sentence: s, state, subjects }, cues)) continue;
        }
        const parsed = parseSentence(s.text);
        const cands: TriggerCandidate[] = resolveOverlaps(findTriggers(s.index, s.text, parsed, compiled));
        if (!cands.length) continue;
        const readings = new Map<TriggerCandidate, ActionReading>(cands.map((c) => [c, readAction(s, parsed, c, cands, compiled)]));
        out.push(...buildRecords({ ctx, resolver, rules: compiled, dates, sentence: s, parsed, cands, readings, state, subjects }));
      }
      return shareParties(out, ctx).sort((a, b) => a.start - b.start || a.end - b.end);
    },
    candidates(doc) {
      const out: CommitmentCandidate[] = [];
      for (const s of doc.sentences) {
        if (!mayCommit(doc, s)) continue;
        const parsed = parseSentence(s.text);
        const cands = resolveOverlaps(findTriggers(s.index, s.text, parsed, compiled));
        for (const c of cands) {
          const reading = readAction(s, parsed, c, cands, compiled);
          if (!staticGate(parsed, s.text, c, reading, compiled)) continue;
          out.push({
            sentence: s.index,
            rule: c.rule.id,
            trigger: s.text.slice(c.triggerStart, c.triggerEnd),
            actions: reading.items.map((it) => cleanAction(s.text.slice(it.start, it.end))).filter(Boolean),
          });
        }
      }
      return out;
    },
  };
}
