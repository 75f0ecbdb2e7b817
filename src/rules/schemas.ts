import { z } from '../zod.js';

/** Rule ids are dotted lower-case words: `title.prime-minister`, `org.pattern.ministry-of`. */
export const RuleId = z
  .string()
  .regex(/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/, 'use lower-case words joined by "." or "-", e.g. "org.pattern.ministry-of"');

const NonEmpty = z.string().trim().min(1, 'must not be empty');
/** Organization types of the gazetteer (rules/organizations.yaml). */
const ORG_TYPES = ['international', 'government', 'legislature', 'military', 'police', 'party', 'company', 'media', 'ngo', 'education', 'research', 'sports', 'religious', 'union', 'court', 'other'] as const;
const Names = z.array(NonEmpty).default([]);
const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'use an ISO 3166-1 alpha-2 code such as "VN"');

/** A sentence and what the rules file must find in it; these run as tests. */
const Example = <T extends z.ZodRawShape>(expect: T) => z.strictObject({ text: NonEmpty, ...expect });

export const TitlesFile = z.strictObject({
  kind: z.literal('titles'),
  description: NonEmpty,
  /** Words that may stand before a title and belong to the role ("Deputy", "Senior", "Acting"). */
  modifiers: z.array(NonEmpty).default([]),
  entries: z.array(
    z.strictObject({
      id: RuleId,
      reason: NonEmpty.optional(),
      /** Surface forms, case-sensitive, e.g. ["Prime Minister", "PM", "Premier"]. */
      forms: z.array(NonEmpty).min(1),
      /** The role recorded on the entity; defaults to the first form. */
      role: NonEmpty.optional(),
      category: z.enum(['political', 'military', 'honorific', 'royal', 'religious', 'academic', 'professional', 'party']),
      /** Titles that may precede a bare family/given name ("Mr Blair", "PM Chính"). */
      beforeShortName: z.boolean().default(true),
      /**
       * Which part of a full name one word after this title stands for: `family` ("Mr Blair"; a
       * word that ends no full name may start one: "Ms Paetongtarn"), `given` ("Sir Paul"), or
       * `own` ("Prince Charles": a name of its own). Default: `own` for royal titles, else `family`.
       */
      shortName: z.enum(['family', 'given', 'own']).optional(),
    }),
  ),
  examples: z.array(Example({ people: z.array(NonEmpty) })).default([]),
});

export const PlacesFile = z.strictObject({
  kind: z.literal('places'),
  description: NonEmpty,
  countries: z.array(
    z.strictObject({
      id: RuleId,
      name: NonEmpty,
      aliases: Names,
      demonyms: Names,
      code: CountryCode,
      /** The name is also a common word or given name ("Chad", "Jordan"): match only in place-like context. */
      ambiguous: z.boolean().default(false),
    }),
  ),
  places: z.array(
    z.strictObject({
      id: RuleId,
      name: NonEmpty,
      type: z.enum(['city', 'town', 'province', 'state', 'region', 'continent', 'sea', 'river', 'island', 'district', 'county', 'nation']),
      country: CountryCode.nullable().default(null),
      aliases: Names,
      demonyms: Names,
      ambiguous: z.boolean().default(false),
    }),
  ),
  examples: z.array(Example({ places: z.array(NonEmpty) })).default([]),
});

export const OrganizationsFile = z.strictObject({
  kind: z.literal('organizations'),
  description: NonEmpty,
  entries: z.array(
    z.strictObject({
      id: RuleId,
      name: NonEmpty,
      /** Other names and acronyms ("UN", "U.N."). */
      aliases: Names,
      type: z.enum(ORG_TYPES),
      country: CountryCode.nullable().default(null),
      ambiguous: z.boolean().default(false),
      /** For a club: the place names sports reports call it by ("Barcelona"), taken for the club only in a sports story. */
      cityNames: Names,
    }),
  ),
  /** Words that make a sentence of a sports story about a club named by its city ("beat", "striker", "signed"). */
  clubContext: z.array(NonEmpty).default([]),
  examples: z.array(Example({ organizations: z.array(NonEmpty) })).default([]),
});

export type TitlesRules = z.output<typeof TitlesFile>;
export type PlacesRules = z.output<typeof PlacesFile>;
export type OrganizationsRules = z.output<typeof OrganizationsFile>;

const RegexSource = z.string().superRefine((src, ctx) => {
  try {
    new RegExp(src, 'u');
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: `not a valid regular expression: ${(err as Error).message}` });
  }
});

export const FurnitureFile = z.strictObject({
  kind: z.literal('furniture'),
  description: NonEmpty,
  lines: z.array(
    z.strictObject({
      id: RuleId,
      reason: NonEmpty,
      /** Tested against each trimmed line (JavaScript regular expression, `u` flag). */
      pattern: RegexSource,
      ignoreCase: z.boolean().default(false),
      /**
       * drop: leave the line out; drop-rest: leave out this line and everything after it (only
       * once article prose has started); site-title: a `publisher | title` line, groups
       * `publisher` and `title`; byline: groups `date` and/or `author`, kept as prose.
       */
      action: z.enum(['drop', 'drop-rest', 'site-title', 'byline', 'teaser']),
      examples: z.array(z.strictObject({ line: z.string(), matches: z.boolean() })).min(1, 'give at least one example line'),
    }),
  ),
  /** Lines mostly in another language (image captions, untranslated headings) are left out. */
  foreignLine: z.strictObject({ minWords: z.number().int().min(1), minShare: z.number().gt(0).max(1) }),
  /** Lines shorter than this many words that end without sentence punctuation are headings. */
  headingMaxWords: z.number().int().min(1),
});

export const AbbreviationsFile = z.strictObject({
  kind: z.literal('abbreviations'),
  description: NonEmpty,
  /** Written without the final dot, case-sensitive: "Lieut", "Gen", "Dr". */
  entries: z.array(NonEmpty).min(1),
  examples: z.array(z.strictObject({ text: NonEmpty, sentences: z.array(NonEmpty).min(1) })).default([]),
});

export type FurnitureRules = z.output<typeof FurnitureFile>;
export type AbbreviationsRules = z.output<typeof AbbreviationsFile>;

/**
 * Name patterns: regular expressions over a sentence, written with macros that the loader expands:
 * `{Name}` a capitalized word, `{Names}` capitalized words joined by "of", "and", "for", "the"...,
 * `{OrgHead}` one of the head nouns listed in this file; a group named `name` narrows the mention.
 */
export const NamePatternsFile = z.strictObject({
  kind: z.literal('name-patterns'),
  description: NonEmpty,
  orgHeads: z.array(NonEmpty).min(1),
  /** Capitalized words that never start or end a name (sentence-initial function words, months...). */
  notNames: z.array(NonEmpty).default([]),
  /** Of `notNames`, those that are also names (Vietnamese Tô, Đỗ, An written without marks): part of a name right after a title. */
  namesAfterTitle: z.array(NonEmpty).default([]),
  /** Words that are never part of a person's name ("Plan", "Radio", "Street"): a run holding one is not a person. */
  notPersonWords: z.array(NonEmpty).default([]),
  /** Given names compromise knows only as common words ("Bill", "Ray"), added to its given names. */
  givenNames: z.array(NonEmpty).default([]),
  /** Lower-case role nouns that stand right before a person's name ("editor John Smith"), besides compromise's Actor nouns. */
  roleNouns: z.array(NonEmpty).default([]),
  /** Lower-case family nouns ("wife", "brother"): after a possessive, a lone capitalized word right after one is a person ("his wife Sarah"). */
  kinNouns: z.array(NonEmpty).default([]),
  /** A company's legal suffixes ("Motor", "Corp", "plc"): after a known company's name, part of the name as written. */
  companySuffixes: z.array(NonEmpty).default([]),
  /** Words that, after a broadcaster's name, name one of its channels ("BBC Radio 4", "BBC Scotland"). */
  channelWords: z.array(NonEmpty).default([]),
  /** Events the shape patterns would take for bodies ("Champions League"): never an organization or place. */
  events: z.array(NonEmpty).default([]),
  /** Head words of events and awards ("Cup", "Awards"): a name right before one is inside the event's name ("FA Cup"), no mention. */
  eventHeads: z.array(NonEmpty).default([]),
  /** Head words of shows, venues and foundations ("Show", "Theatre"): a person's name right before one is inside a bigger name, no person. */
  namedAfterHeads: z.array(NonEmpty).default([]),
  patterns: z.array(
    z.strictObject({
      id: RuleId,
      reason: NonEmpty,
      type: z.enum(['ORG', 'PLACE']),
      /** Words the pattern cannot match without (same macros): a sentence without them is not tried. */
      cue: z.string().min(1).optional(),
      pattern: z.string().min(1),
      examples: z.array(z.strictObject({ text: NonEmpty, match: z.string().nullable() })).min(1, 'give at least one example'),
    }),
  ),
});

export type NamePatternsRules = z.output<typeof NamePatternsFile>;

const Modality = z.enum(['pledge', 'agreement', 'target', 'signed', 'intention']);
/** A CAMEO-style event code such as "057". */
const CameoCode = z.string().regex(/^\d{2,4}$/, 'a CAMEO code of 2 to 4 digits such as "057"');
/** Lower-case words or phrases, matched as whole words. */
const Phrases = z.array(NonEmpty).min(1);

/**
 * An example sentence for a trigger rule; these run as tests. `trigger` is the trigger text the
 * rule must report (null: no commitment at all), `records` how many records the sentence yields
 * (coordinated actions), `action` the first record's action.
 */
const CommitmentExample = z.strictObject({
  text: NonEmpty,
  trigger: NonEmpty.nullable(),
  action: NonEmpty.optional(),
  records: z.number().int().min(1).optional(),
});

export const CommitmentsFile = z.strictObject({
  kind: z.literal('commitments'),
  description: NonEmpty,
  triggers: z
    .array(
      z.strictObject({
        id: RuleId,
        reason: NonEmpty,
        modality: Modality,
        /** The default event code; `codes` refines it from the action's words. */
        code: CameoCode,
        /** Cheap prefilter: a sentence is parsed with compromise only if one rule's cue matches it (case-insensitive). */
        cue: RegexSource,
        /**
         * compromise match patterns. The group `trigger` marks the trigger words; an optional group
         * `action` marks where the action starts (otherwise right after the match).
         */
        match: z.array(NonEmpty).min(1),
        /**
         * direct: the clause's subject states it ("X pledged to ..."); reported: a will-statement that
         * counts only in the actor's own quoted words or after a saying verb ("X said ... would ...").
         */
        voice: z.enum(['direct', 'reported']).default('direct'),
        /** A quantified goal: the action must hold an amount (money, percentage, count, duration). */
        needsAmount: z.boolean().default(false),
        /** The action must hold a dated deadline ("by 2030", "by the end of 2026"). */
        needsDeadline: z.boolean().default(false),
        /** The words after the trigger name a plan or measures (see `planNouns`), as in "agreed on further plans". */
        needsPlan: z.boolean().default(false),
        /** Coordinated actions ("to A and to B", "scrap A, finance B and replace C") become separate records. */
        split: z.boolean().default(true),
        /**
         * verb: the trigger must not follow a determiner, a possessive or a full verb ("the signing
         * of", "discussed plans to" are nouns); noun: it must follow a determiner or possessive
         * ("his pledge to"); any: either.
         */
        partOfSpeech: z.enum(['verb', 'noun', 'any']).default('verb'),
        /** Where the object is: the noun phrase after the trigger (`after`), the passive subject (`subject`), or none. */
        object: z.enum(['none', 'after', 'subject']).default('none'),
        examples: z.array(CommitmentExample).min(1, 'give at least one example sentence'),
      }),
    )
    .min(1),
  /** Words right before a trigger (or right after a modal) that negate it: "did not agree", "will not". */
  negations: Phrases,
  /** Collective actor phrases standing for parties named before ("both sides", "the two countries"). */
  collectives: z
    .array(
      z.strictObject({
        phrase: NonEmpty,
        /** countries: only the countries; parties: the leaders named with their countries, else the countries; bodies: the organizations named last ("the two firms"). */
        refersTo: z.enum(['countries', 'parties', 'bodies']),
        /** How many parties the phrase names ("the two countries": 2), or null when it does not say. */
        count: z.number().int().min(2).nullable().default(null),
      }),
    )
    .min(1),
  /** Verbs that attribute reported speech ("said", "told", "added"), all forms. */
  sayingVerbs: Phrases,
  /**
   * Saying verbs that announce a decision ("announced", "confirmed", "pledged"): after them even a
   * plan stated about a thing counts ("embassies will close, X has announced").
   */
  announcingVerbs: Phrases,
  /** Nouns for money to be spent: "the remainder would go to ..." states a spending plan. */
  fundsNouns: Phrases,
  /** Nouns for public bodies a speaker speaks for: "He said police would challenge ...". */
  bodyNouns: Phrases,
  /** Nouns for a story's own government: "the government" unnamed is the country the story is about. */
  governmentNouns: Phrases,
  /** Documents that state what their parties will do: "Under the memorandum, Vietnam will train ...". */
  bindingDocuments: Phrases,
  /**
   * A player's place in a team ("England captain X", "Liverpool striker X"): the team or country
   * in such a title is not one the person speaks for, and is no actor beside them.
   */
  playerRoles: Phrases,
  /**
   * Roles that make a person speak for the organization named with them ("Microsoft chairman X",
   * "X, ATR's chief executive"): their "we" and "his firm" are that organization.
   */
  officerRoles: Phrases,
  /**
   * Verbs of joint cooperation that several countries named together may state in the narrator's
   * voice ("Vietnam and Laos will continue to work together"); other will-statements need a speaker.
   */
  jointVerbs: Phrases,
  /**
   * Verbs before "to" that make the trigger no commitment: urging or asking others ("called on
   * nations to commit" is not the nations' commitment) and attempts ("trying to agree a deal").
   */
  urgingVerbs: Phrases,
  /** Words between a saying verb and a will-statement that make it a belief or another's claim ("expected", "claims"). */
  reportBlockers: Phrases,
  /**
   * Verbs after will/would that state a prediction, a state or a schedule, not a commitment ("be",
   * "need", "visit"); a two-word entry is a verb with the word after it ("take place").
   */
  nonCommitmentVerbs: Phrases,
  /** Verbs of a quantity's change or level: with a thing as subject ("sales will reach $5bn") a will-statement is a forecast. */
  forecastVerbs: Phrases,
  /** Participles after "will be" that say what happens to someone, not what anyone will do ("remembered", "affected"). */
  nonCommitmentParticiples: Phrases,
  /** Subjects that are never actors of a will-statement ("it", "nothing", "people"). */
  nonActorSubjects: Phrases,
  /** Head nouns of agreed plans ("plans", "measures", "roadmap"). */
  planNouns: Phrases,
  /** Document head nouns that start a new signed object ("Agreement", "Protocol", "Memorandum"). */
  documentHeads: Phrases,
  /** Words before a target noun that make it a past or another's target, not a goal set ("current", "failed"). */
  staleTargetWords: Phrases,
  /** Definite descriptions of a body ("the party", "the company") and the organization types they refer back to. */
  definiteBodies: z.array(z.strictObject({ nouns: Phrases, orgTypes: z.array(z.enum([...ORG_TYPES, 'unknown'])).min(1) })),
  /** Titles that refer back to a person named before ("the prime minister", "the chancellor"). */
  personTitles: Phrases,
  /** Event codes refined from the action: the first entry whose pattern matches the action wins. */
  codes: z.array(
    z.strictObject({
      id: RuleId,
      reason: NonEmpty,
      code: CameoCode,
      /** Modalities the entry applies to; all when absent. */
      modalities: z.array(Modality).optional(),
      /** Tested against the action (JavaScript regular expression, case-insensitive). */
      pattern: RegexSource,
    }),
  ),
});

export type CommitmentsRules = z.output<typeof CommitmentsFile>;
