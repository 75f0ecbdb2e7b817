import type { CommitmentsRules } from '../../rules/schemas.js';
import type { Modality } from '../../types.js';
import { caseInsensitive } from '../../text/regex.js';
import { compilePattern, type Pattern } from './parse.js';

/** One trigger rule, compiled once per process. */
export interface CompiledTrigger {
  readonly id: string;
  readonly order: number;
  readonly modality: Modality;
  readonly code: string;
  readonly cue: RegExp;
  /** The cue with the global flag, for every place it matches. */
  readonly cues: RegExp;
  /** compromise patterns, parsed once. */
  readonly match: readonly Pattern[];
  readonly voice: 'direct' | 'reported';
  readonly needsAmount: boolean;
  readonly needsDeadline: boolean;
  readonly needsPlan: boolean;
  readonly split: boolean;
  readonly partOfSpeech: 'verb' | 'noun' | 'any';
  readonly object: 'none' | 'after' | 'subject';
}

export interface CompiledCollective {
  readonly phrase: string;
  readonly re: RegExp;
  readonly refersTo: 'countries' | 'parties' | 'bodies';
  readonly count: number | null;
}

/** Everything the commitment finders and refiners read, compiled from rules/commitments.yaml. */
export interface CompiledRules {
  readonly triggers: readonly CompiledTrigger[];
  /** Any rule's cue: sentences that miss it are never parsed. */
  readonly prefilter: RegExp;
  /** Negation right before a trigger ("did not agree", "has not yet signed"). */
  readonly negationBefore: RegExp;
  /** Negation right after a modal trigger ("will not", "would never"). */
  readonly negationAfter: RegExp;
  readonly collectives: readonly CompiledCollective[];
  /** Any saying or announcing verb as a whole word; the match is the verb (global: use matchAll or exec loops). */
  readonly saying: RegExp;
  /** The same, for a plain test. */
  readonly sayingAnywhere: RegExp;
  /** The same, anchored at the start of the string. */
  readonly sayingAtStart: RegExp;
  /** Announcing verbs only, anchored: the whole string is one. */
  readonly announcing: RegExp;
  readonly fundsNouns: RegExp;
  readonly bodyNouns: RegExp;
  /** "The government", "the new administration": a government that names no country. */
  readonly unnamedGovernment: RegExp;
  /** A sentence opening "Under the <document>," or "As part of the <document>,". */
  readonly underDocument: RegExp;
  readonly jointVerbs: ReadonlySet<string>;
  /** A player's role in a title (rules' playerRoles). */
  readonly playerRole: RegExp;
  /** Between an organization and a person's name, an officer's title: "Microsoft chairman", "ATR's chief executive" (rules' officerRoles). */
  readonly officerBefore: RegExp;
  /** After a person's name, an appositive officer's title that ends where the organization starts: ", vice president in ". */
  readonly officerOf: RegExp;
  /** After an organization, its officer's title: "'s chief executive" in "X, ATR's chief executive". */
  readonly officerOwned: RegExp;
  /** An urging verb and "to" right before a trigger: "called on nations to [commit]". */
  readonly urgedBefore: RegExp;
  readonly blockers: RegExp;
  readonly nonCommitmentVerbs: ReadonlySet<string>;
  readonly nonCommitmentParticiples: ReadonlySet<string>;
  readonly forecastVerbs: ReadonlySet<string>;
  readonly nonActorSubjects: RegExp;
  readonly planNouns: RegExp;
  /** A plan noun anywhere, even inside a word: where this fails, no part of the text has one. */
  readonly planNounsLoose: RegExp;
  readonly documentHeads: RegExp;
  readonly staleTarget: RegExp;
  readonly personTitle: RegExp;
  /**
   * "the party", "the Dutch company": the organization types a definite description may refer back
   * to. `re`: "the company", "this Japanese firm"; `head`: a phrase that ends in one of the nouns.
   */
  readonly definiteBodies: readonly { readonly re: RegExp; readonly head: RegExp; readonly orgTypes: ReadonlySet<string> }[];
  /** "his firm", "their party": a body of definiteBodies' kinds that a possessive makes the speaker's own. */
  readonly ownBody: RegExp;
  readonly codes: readonly { readonly id: string; readonly code: string; readonly modalities: readonly Modality[] | null; readonly re: RegExp }[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Alternation of phrases, longest first, with flexible whitespace. */
const alternation = (phrases: readonly string[]) =>
  [...new Set(phrases)]
    .sort((a, b) => b.length - a.length)
    .map((p) => escape(p).replace(/\s+/g, '\\s+'))
    .join('|');
const words = (phrases: readonly string[], flags = 'iu') => new RegExp(`(?<![\\p{L}\\p{N}'’])(?:${alternation(phrases)})(?![\\p{L}\\p{N}])`, flags);

export function compileRules(rules: CommitmentsRules): CompiledRules {
  const triggers = rules.triggers.map(
    (t, order): CompiledTrigger => ({
      id: t.id,
      order,
      modality: t.modality,
      code: t.code,
      cue: caseInsensitive(t.cue),
      cues: caseInsensitive(t.cue, 'g'),
      match: t.match.map(compilePattern),
      voice: t.voice,
      needsAmount: t.needsAmount,
      needsDeadline: t.needsDeadline,
      needsPlan: t.needsPlan,
      split: t.split,
      partOfSpeech: t.partOfSpeech,
      object: t.object,
    }),
  );
  const negations = alternation(rules.negations);
  return {
    triggers,
    prefilter: caseInsensitive(rules.triggers.map((t) => `(?:${t.cue})`).join('|')),
    negationBefore: new RegExp(`(?:^|[^\\p{L}])(?:${negations})\\s+(?:[\\p{L}-]+\\s+){0,2}$`, 'iu'),
    negationAfter: new RegExp(`^(?:n't|\\s+(?:(?:also|still|then|\\p{L}+ly)\\s+)?(?:not|never)\\b)`, 'iu'),
    collectives: rules.collectives.map((c) => ({ phrase: c.phrase, re: words([c.phrase]), refersTo: c.refersTo, count: c.count })),
    saying: words([...rules.sayingVerbs, ...rules.announcingVerbs], 'giu'),
    sayingAnywhere: words([...rules.sayingVerbs, ...rules.announcingVerbs]),
    sayingAtStart: new RegExp(`^(?:${alternation([...rules.sayingVerbs, ...rules.announcingVerbs])})(?![\\p{L}\\p{N}])`, 'iu'),
    announcing: new RegExp(`^(?:${alternation(rules.announcingVerbs)})$`, 'iu'),
    fundsNouns: words(rules.fundsNouns),
    jointVerbs: new Set(rules.jointVerbs.map((v) => v.toLowerCase())),
    playerRole: words(rules.playerRoles),
    officerBefore: new RegExp(`^(?:['’]s?)?\\s+(?:[\\p{L}-]+\\s+){0,2}?(?:${alternation(rules.officerRoles)})\\s+$`, 'iu'),
    // ", president and chief operating officer at ", ", director of corporate responsibility at ", ", vice president of anti-piracy firm ".
    officerOf: new RegExp(
      `^,\\s+(?:(?:the|a|an|its)\\s+)?(?:[\\p{Ll}-]+\\s+(?:and\\s+)?){0,4}?(?:${alternation(rules.officerRoles)})(?:\\s+(?:of|for)(?:\\s+[\\p{Ll}-]+){1,3})?\\s+(?:of|at|in|for|with|from)\\s+(?:the\\s+)?(?:[\\p{Ll}-]+\\s+){0,3}$`,
      'u',
    ),
    officerOwned: new RegExp(`^['’]s?\\s+(?:[\\p{Ll}-]+\\s+){0,2}?(?:${alternation(rules.officerRoles)})(?![\\p{L}-])`, 'u'),
    underDocument: new RegExp(`^(?:Under|As\\s+part\\s+of)\\s+(?:the|this|that|its|their|his|her|our|a|an)\\s+(?:[\\p{L}\\d-]+\\s+){0,3}?(?:${alternation(rules.bindingDocuments)})\\s*,`, 'iu'),
    unnamedGovernment: new RegExp(`^[Tt]he\\s+(?:[\\p{Ll}-]+\\s+)?(?:${alternation(rules.governmentNouns)})$`, 'u'),
    bodyNouns: new RegExp(`(?<![\\p{L}])(?:${alternation(rules.bodyNouns)})$`, 'iu'),
    urgedBefore: new RegExp(`(?<![\\p{L}])(?:${alternation(rules.urgingVerbs)})\\s+(?:[^.;:]{0,80}?\\s)?to\\s+(?:\\p{L}+ly\\s+)?$`, 'iu'),
    blockers: words(rules.reportBlockers),
    nonCommitmentVerbs: new Set(rules.nonCommitmentVerbs.map((v) => v.toLowerCase())),
    nonCommitmentParticiples: new Set(rules.nonCommitmentParticiples.map((v) => v.toLowerCase())),
    forecastVerbs: new Set(rules.forecastVerbs.map((v) => v.toLowerCase())),
    nonActorSubjects: new RegExp(`^(?:${alternation(rules.nonActorSubjects)})$`, 'iu'),
    planNouns: words(rules.planNouns),
    planNounsLoose: new RegExp(alternation(rules.planNouns), 'iu'),
    documentHeads: new RegExp(`^(?:the\\s+)?(?:${alternation(rules.documentHeads)})\\b`, 'u'),
    staleTarget: new RegExp(`(?:${alternation(rules.staleTargetWords)})\\s+(?:[\\p{L}-]+\\s+){0,2}$`, 'iu'),
    definiteBodies: rules.definiteBodies.map((d) => ({
      re: new RegExp(`^(?:the|this)\\s+(?:[\\p{L}-]+\\s+){0,2}?(?:${alternation(d.nouns)})$`, 'iu'),
      head: new RegExp(`(?<![\\p{L}-])(?:${alternation(d.nouns)})$`, 'iu'),
      orgTypes: new Set(d.orgTypes),
    })),
    ownBody: new RegExp(`^(?:his|her|its|their)\\s+(?:[\\p{L}-]+\\s+){0,2}?(?:${alternation(rules.definiteBodies.flatMap((d) => d.nouns))})$`, 'iu'),
    personTitle: new RegExp(`^(?:the\\s+)(?:${alternation(rules.personTitles)})$`, 'iu'),
    codes: rules.codes.map((c) => ({ id: c.id, code: c.code, modalities: c.modalities ?? null, re: new RegExp(c.pattern, 'iu') })),
  };
}
