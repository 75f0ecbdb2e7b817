import type { ParsedSentence } from './parse.js';
import type { CompiledRules, CompiledTrigger } from './rules.js';

/** A trigger found in one sentence. Offsets are relative to the sentence text. */
export interface TriggerCandidate {
  readonly rule: CompiledTrigger;
  readonly sentence: number;
  readonly triggerStart: number;
  readonly triggerEnd: number;
  /** Where the action starts. */
  readonly actionStart: number;
  /** Start and end of the whole pattern match. */
  readonly matchStart: number;
  readonly matchEnd: number;
}

const NOUN_CONTEXT = new Set(['Determiner', 'Possessive']);

/** Verbs that link a subject to an adjective, as a form of "be" does. */
const LINKING_VERB = /^(?:stands?|stood|remains?|remained|seems?|seemed|appears?|appeared)$/i;

/** A noun that is not a pronoun or a number: "(cut promised) benefits". */
const isPlainNoun = (t: { tags: ReadonlySet<string> } | undefined) => !!t && t.tags.has('Noun') && !t.tags.has('Pronoun') && !t.tags.has('Value');

/**
 * Finder: every trigger rule whose cue the sentence contains runs its compromise patterns on the
 * parsed sentence. A verb trigger right after a determiner, possessive or full verb is really a
 * noun ("the signing of", "discussed plans to"); a noun trigger must follow a determiner or be
 * a full verb's object ("announced plans to").
 */
export function findTriggers(sentence: number, text: string, parsed: ParsedSentence, rules: CompiledRules): TriggerCandidate[] {
  const out: TriggerCandidate[] = [];
  for (const rule of rules.triggers) {
    if (!rule.cue.test(text)) continue;
    for (const pattern of rule.match) {
      for (const m of parsed.match(pattern)) {
        const head = parsed.terms[m.triggerTerm];
        const auxiliary = !!head && (head.tags.has('Modal') || head.tags.has('Auxiliary') || head.tags.has('Copula'));
        if (rule.partOfSpeech !== 'any' && !auxiliary) {
          // The word before, skipping adjectives ("his party's previous pledge", "a £5bn plan").
          let k = m.triggerTerm - 1;
          while (k > 0 && m.triggerTerm - k <= 2 && (parsed.terms[k]!.tags.has('Adjective') || parsed.terms[k]!.tags.has('Value')) && !parsed.terms[k]!.tags.has('Verb')) k--;
          const before = parsed.terms[k];
          const skipped = k < m.triggerTerm - 1;
          const prev = parsed.terms[m.triggerTerm - 1];
          // An adjective or amount right before makes it a noun ("false promises", "a £5bn plan").
          const afterDeterminer =
            (!!before && [...before.tags].some((t) => NOUN_CONTEXT.has(t)) && !/^(?:that|this|which|who)$/i.test(before.text)) ||
            (skipped && !/[,;:]/.test(text.slice(prev!.end, m.triggerStart)));
          // "discussed plans to": the trigger is the verb's object. Not across a comma ("planting, determined to"),
          // nor after a linking verb, which compromise tags as a full verb ("stands ready to", "remains committed to").
          const afterFullVerb =
            !!prev &&
            !LINKING_VERB.test(prev.text) &&
            (!!parsed.terms[m.triggerTerm]?.tags.has('Noun') || !!parsed.terms[m.triggerTerm]?.tags.has('Adjective') || isPlainNoun(parsed.terms[m.triggerTerm + 1])) &&
            prev.tags.has('Verb') && !prev.tags.has('Auxiliary') && !prev.tags.has('Copula') && !prev.tags.has('Modal') && !prev.tags.has('Gerund') && !/[,;:]/.test(text.slice(prev.end, m.triggerStart));
          // "the government's aviation expansion plans to ...": a noun compound, not "the party plans to".
          const trig = parsed.terms[m.triggerTerm];
          const compound = !!prev && !!trig && trig.tags.has('Noun') && !trig.tags.has('Verb') && prev.tags.has('Noun') && !prev.tags.has('ProperNoun') && !prev.tags.has('Pronoun');
          // "the most promising newcomer", "promised benefits": an adjective, not a verb.
          const next = parsed.terms[m.triggerTerm + 1];
          const adjective = !!trig && trig.tags.has('Adjective') && !trig.tags.has('Verb') && !!next && next.tags.has('Noun') && !next.tags.has('Pronoun');
          // A noun trigger follows a determiner, or is a full verb's bare object ("announced plans to").
          if (rule.partOfSpeech === 'noun' ? !afterDeterminer && !afterFullVerb : afterDeterminer || afterFullVerb || compound || adjective) continue;
        }
        if (out.some((o) => o.rule === rule && o.triggerStart === m.triggerStart)) continue;
        out.push({ rule, sentence, triggerStart: m.triggerStart, triggerEnd: m.triggerEnd, actionStart: m.actionStart, matchStart: m.start, matchEnd: m.end });
      }
    }
  }
  return out;
}

/**
 * Refiner: where triggers overlap, or state one action, the earlier rule in the file wins (it is
 * the more specific one: "signed by" before "signed", "will be spent" before "will").
 */
export function resolveOverlaps(cands: readonly TriggerCandidate[]): TriggerCandidate[] {
  const sorted = [...cands].sort((a, b) => a.rule.order - b.rule.order || a.triggerStart - b.triggerStart);
  const kept: TriggerCandidate[] = [];
  for (const c of sorted) {
    if (kept.some((k) => c.triggerStart < k.triggerEnd && k.triggerStart < c.triggerEnd)) continue;
    // Two triggers for one action ("the targets intended to ensure ..."): one record.
    if (kept.some((k) => k.actionStart === c.actionStart)) continue;
    kept.push(c);
  }
  return kept.sort((a, b) => a.triggerStart - b.triggerStart);
}
