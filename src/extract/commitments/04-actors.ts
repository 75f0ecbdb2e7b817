import type { Sentence } from '../../types.js';
import { bareSubject, firstMainVerb, isPersonTitle, phraseAt, pluralFirstPerson, sayingVerbs, subjectBefore, type Subject } from './03-subjects.js';
import type { DocumentContext, MentionRef, Quote } from './context.js';
import type { CompiledCollective, CompiledRules } from './rules.js';

/** Who said something: the speaker entity and the actors a statement of theirs is credited to. */
export interface Speaker {
  readonly entity: number;
  /** The speaker and the body they speak for. */
  readonly actors: readonly number[];
}

export const uniq = (xs: readonly number[]) => [...new Set(xs)];

/** Per entity, how much the last sentences name it (nearer weighs more) and where it was last named. */
type Weights = Map<number, { w: number; last: number }>;

/** Counts a mention `k` sentences back. */
function weigh(weights: Weights, m: MentionRef, k: number): void {
  const cur = weights.get(m.entity) ?? { w: 0, last: -1 };
  weights.set(m.entity, { w: cur.w + 1 / (1 + k), last: Math.max(cur.last, m.start) });
}

/** The entities by weight, then the one named last first. */
const ranked = (weights: Weights): number[] => [...weights.entries()].sort((a, b) => b[1].w - a[1].w || b[1].last - a[1].last).map(([e]) => e);

/**
 * A politician the article shows speaking for one party in two sentences or more ("The Tories
 * would ..., Mr X pledged", "he says the Tories would ...") speaks for it in the article's other
 * commitments too, where only the person was found ("He promises to ..."): those get the party
 * as well (tests/gold/README.md 6.5, a party politician on party policy). One sentence is not
 * enough: it is as often a rival's plan reported ("Mr X said Labour would ..."). Not when the
 * person is seen with two parties.
 */
export function shareParties<T extends { readonly sentence: number; readonly actors: readonly number[] }>(records: readonly T[], ctx: DocumentContext): T[] {
  const ents = ctx.entities.entities;
  // person -> party -> the sentences that pair them
  const seen = new Map<number, Map<number, Set<number>>>();
  for (const r of records) {
    const people = r.actors.filter((a) => ents[a]?.type === 'PERSON');
    if (people.length !== 1) continue;
    for (const a of r.actors) {
      if (!ctx.isParty(a)) continue;
      let byParty = seen.get(people[0]!);
      if (!byParty) seen.set(people[0]!, (byParty = new Map()));
      let sentences = byParty.get(a);
      if (!sentences) byParty.set(a, (sentences = new Set()));
      sentences.add(r.sentence);
    }
  }
  return records.map((r) => {
    const byParty = r.actors.length === 1 ? seen.get(r.actors[0]!) : undefined;
    if (byParty?.size !== 1) return r;
    const [party, sentences] = [...byParty][0]!;
    return sentences.size >= 2 ? { ...r, actors: [...r.actors, party] } : r;
  });
}

/**
 * Resolves actors and speakers in one document. Holds caches for the document only; a new one is
 * made per document.
 */
export class ActorResolver {
  private readonly quoteSpeakers = new Map<number, Speaker | null>();

  constructor(
    private readonly ctx: DocumentContext,
    private readonly rules: CompiledRules,
  ) {}

  /** People with the place or party they speak for. */
  withAffiliation(entities: readonly number[]): number[] {
    const out: number[] = [];
    for (const e of entities) {
      out.push(e);
      if (this.ctx.entities.entities[e]?.type === 'PERSON') out.push(...this.ctx.affiliation(e));
    }
    return uniq(out);
  }

  /**
   * What a speaker's "we" or "his firm" commits: the speaker's actors, and the organization they
   * are an officer of when they speak for no place or party ("We'll come up with a plan," said
   * Microsoft's Mike Nash: Mike Nash and Microsoft).
   */
  withEmployer(speaker: Speaker): number[] {
    const actors = [...speaker.actors];
    if (this.ctx.entities.entities[speaker.entity]?.type !== 'PERSON' || actors.some((e) => e !== speaker.entity)) return actors;
    const body = this.ctx.employer(speaker.entity);
    return body === null ? actors : [...actors, body];
  }

  speakerOf(entities: readonly number[]): Speaker | null {
    if (!entities.length) return null;
    const ents = this.ctx.entities.entities;
    const main = entities.find((e) => ents[e]?.type === 'PERSON') ?? entities.find((e) => ents[e]?.type === 'ORG') ?? entities[0]!;
    return { entity: main, actors: this.withAffiliation(entities) };
  }

  /** The actors a subject names, or [] when it names none. */
  actorsOfSubject(s: Sentence, subj: Subject, speaker: Speaker | null): number[] {
    switch (subj.kind) {
      case 'entities': {
        const owned = this.ownedBody(s, subj);
        if (owned !== undefined) return owned === null ? [] : [owned];
        return this.withAffiliation(uniq(subj.mentions.map((m) => m.entity)));
      }
      case 'collective':
        return this.collective(s, subj, speaker);
      case 'first-person':
        if (!speaker) return [];
        return pluralFirstPerson(subj) ? this.withEmployer(speaker) : [...speaker.actors];
      case 'person-pronoun': {
        const sv = subj.sayingVerb ? this.speakerOfVerb(s, subj.sayingVerb) : null;
        if (sv && this.ctx.entities.entities[sv.entity]?.type === 'PERSON') return [...sv.actors];
        const p = this.previousSubject(s, subj.start) ?? this.ctx.lastPerson(subj.start, s.index)?.entity;
        return p !== undefined ? this.withAffiliation([p]) : [];
      }
      case 'it': {
        const sv = subj.sayingVerb ? this.speakerOfVerb(s, subj.sayingVerb) : null;
        if (sv && this.ctx.entities.entities[sv.entity]?.type !== 'PERSON') return [...sv.actors];
        const m = this.lastBody(s, subj.start);
        return m ? [m.entity] : [];
      }
      case 'title': {
        const p = this.personByTitle(s, subj);
        return p === null ? [] : this.withAffiliation([p]);
      }
      case 'thing': {
        const body = this.definiteBody(s, subj) ?? this.ownGovernment(subj);
        return body === null ? [] : [body];
      }
      default:
        return [];
    }
  }

  /**
   * "The party had decided to ...", "the company has agreed to ...": the last organization of the
   * description's kind (rules/commitments.yaml, definiteBodies) named before it in its sentence or
   * the three before; null for other things, or when none is named.
   */
  definiteBody(s: Sentence, subj: Subject): number | null {
    const text = bareSubject(subj.text);
    const kind = this.rules.definiteBodies.find((d) => d.re.test(text));
    return kind ? this.lastBodyOfKind(s, subj, kind.orgTypes) : null;
  }

  /**
   * "The government": the country or nation the story is about (`homePlace`), or null. Not
   * England, which has no government of its own (its government is the UK's, which such a story
   * does not name).
   */
  private ownGovernment(subj: Subject): number | null {
    const home = this.ctx.homePlace;
    if (home === null || this.ctx.entities.entities[home]?.name === 'England') return null;
    return this.rules.unnamedGovernment.test(bareSubject(subj.text)) ? home : null;
  }

  /** The last organization of one of these types named before the subject, in its sentence or the three before. */
  private lastBodyOfKind(s: Sentence, subj: Subject, orgTypes: ReadonlySet<string>): number | null {
    const body = this.ctx.lastMention(subj.start, s.index, 3, (m) => {
      const type = m.type === 'ORG' ? this.ctx.orgType(m.entity) : null;
      return type !== null && orgTypes.has(type);
    });
    return body?.entity ?? null;
  }

  /**
   * "The UK's biggest civil service union", "Japan's second-largest carmaker": a body that the
   * names before it own, which is not them. The last body of its kind named before (as with "the
   * union"), or null when none is; undefined when the subject is no such phrase.
   */
  private ownedBody(s: Sentence, subj: Subject): number | null | undefined {
    const clean = this.ctx.doc.clean;
    if (!subj.mentions.length || !subj.mentions.every((m) => /^['’]s?\s/u.test(clean.slice(m.end, m.end + 3)))) return undefined;
    const head = bareSubject(clean.slice(subj.mentions[subj.mentions.length - 1]!.end, subj.end));
    const kind = this.rules.definiteBodies.find((d) => d.head.test(head));
    return kind ? this.lastBodyOfKind(s, subj, kind.orgTypes) : undefined;
  }

  /**
   * "The Tory leader argued ... let down by Tony Blair. ... he promises to ...": a "he" or "she"
   * that opens its sentence's story continues the previous sentence's subject, not its last
   * name. The person the previous sentence is about (its subject: a name, or a title such as "the
   * Tory leader"), when no one is named before the pronoun in its own sentence.
   */
  private previousSubject(s: Sentence, pos: number): number | undefined {
    if ((this.ctx.mentionsBySentence[s.index] ?? []).some((m) => m.type === 'PERSON' && m.end <= pos)) return undefined;
    const prev = this.ctx.doc.sentences[s.index - 1];
    const first = prev && firstMainVerb(prev);
    if (!prev || !first) return undefined;
    const subj = subjectBefore(this.ctx, prev, first.start, this.rules);
    const ents = this.ctx.entities.entities;
    if (subj.kind === 'entities') {
      const people = uniq(subj.mentions.filter((m) => ents[m.entity]?.type === 'PERSON').map((m) => m.entity));
      if (people.length === 1 && subj.mentions.length === 1) return people[0];
      // "The Tory leader": a title with a party or country in it is still a title.
      let bare = subj.text;
      for (const m of subj.mentions) bare = bare.replace(m.text, ' ');
      if (!people.length && isPersonTitle(bare.replace(/\s+/g, ' ').trim(), this.rules)) return this.personByTitle(prev, subj) ?? undefined;
      return undefined;
    }
    if (subj.kind === 'title') return this.personByTitle(prev, subj) ?? undefined;
    return undefined;
  }

  /** The nearest organization (else country) mentioned before `pos` in this or the last two sentences. */
  private lastBody(s: Sentence, pos: number): MentionRef | null {
    return this.ctx.lastMention(pos, s.index, 2, (m) => m.type === 'ORG') ?? this.ctx.lastMention(pos, s.index, 2, (m) => this.ctx.isCountry(m.entity));
  }

  /** "The Deputy Defense Minister" -> the person named before with that role (else the last person named). */
  private personByTitle(s: Sentence, subj: Subject): number | null {
    const norm = (x: string) => x.toLowerCase().replace(/defence/g, 'defense').replace(/[^a-z ]/g, ' ');
    const want = norm(subj.text).split(/\s+/).filter((w) => w && w !== 'the' && w !== 'of');
    let best: { e: number; score: number; at: number } | null = null;
    const ents = this.ctx.entities;
    ents.mentions.forEach((m, i) => {
      if (m.type !== 'PERSON' || m.end > subj.start) return;
      const e = ents.mentionEntity[i]!;
      const roles = norm(ents.entities[e]!.roles.join(' ')).split(/\s+/);
      const score = want.filter((w) => roles.includes(w)).length;
      if (score > 0 && (!best || score > best.score || (score === best.score && m.start > best.at))) best = { e, score, at: m.start };
    });
    if (best) return (best as { e: number }).e;
    const p = this.ctx.lastPerson(subj.start, s.index, 3);
    return p ? p.entity : null;
  }

  /** "Both sides", "the two countries", "they": the parties named just before. */
  private collective(s: Sentence, subj: Subject, speaker: Speaker | null, depth = 0): number[] {
    const c = subj.collective!;
    if (c.phrase === 'they') {
      // "until somebody says they are willing": "they" is whoever says it, or someone in the
      // sentence; not the sentences before.
      const sv = subj.sayingVerb ? this.speakerOfVerb(s, subj.sayingVerb) : null;
      if (sv) return [...sv.actors];
      if (speaker && this.ctx.entities.entities[speaker.entity]?.type !== 'PERSON') return [...speaker.actors];
      // The sentence's own subject ("both sides held ..., where they agreed").
      const lead = this.leadSubject(s, subj.start);
      if (lead && lead.kind !== 'collective') {
        const a = this.actorsOfSubject(s, lead, speaker);
        if (a.length) return a;
      } else if (lead) return this.parties(s.index, lead.start, lead.collective!);
      // An organization named earlier in the sentence, on the same side of any quotation mark.
      const body = this.lastBody(s, subj.start);
      const here = this.ctx.quoteAt(subj.start);
      if (body && body.sentence === s.index && this.ctx.entities.entities[body.entity]?.type === 'ORG' && this.ctx.quoteAt(body.start) === here) return [body.entity];
      if (subj.sayingVerb) return [];
      // The previous sentence's subject ("The leaders recognized ... . They committed to ..."),
      // or a group phrase anywhere in it ("Determined to ..., the three leaders discussed ...").
      const prev = this.ctx.doc.sentences[s.index - 1];
      if (prev) {
        const first = firstMainVerb(prev);
        if (first) {
          const ps = subjectBefore(this.ctx, prev, first.start, this.rules);
          const fromSubject = ps.kind === 'collective' && ps.collective!.phrase !== 'they' ? this.parties(prev.index, prev.end, ps.collective!) : [];
          if (fromSubject.length) return fromSubject;
          if (ps.kind === 'entities' && ps.mentions.length >= 2) return this.withAffiliation(uniq(ps.mentions.map((m) => m.entity)));
          // "The Conservatives said ... . They pledged ...": a party (or a body with a plural name) is "they".
          const one = ps.kind === 'entities' && ps.mentions.length === 1 ? ps.mentions[0]!.entity : null;
          const named = one === null ? undefined : this.ctx.entities.entities[one];
          if (one !== null && named?.type === 'ORG' && (this.ctx.isParty(one) || /s$/.test(named.name))) return [one];
          // "They said ... . They pledged ...": the same "they", a few sentences back at most.
          if (ps.kind === 'collective' && ps.collective!.phrase === 'they' && depth < 3) {
            const before = this.collective(prev, ps, null, depth + 1);
            if (before.length) return before;
          }
        }
        const group = this.rules.collectives.find((g) => g.phrase !== 'they' && g.re.test(prev.text));
        const fromGroup = group ? this.parties(prev.index, prev.end, group) : [];
        if (fromGroup.length) return fromGroup;
      }
      // Otherwise "they" are the parties only where several countries were just named.
      const recent = new Set<number>();
      for (let k = 0; k <= 3 && s.index - k >= 0; k++) {
        for (const m of this.ctx.mentionsBySentence[s.index - k] ?? []) if (this.ctx.isCountry(m.entity) && (k > 0 || m.end <= subj.start)) recent.add(m.entity);
      }
      if (recent.size < 2) return [];
    }
    return this.parties(s.index, subj.start, c);
  }

  /** The subject of the sentence's first verb, if it starts before `pos`. */
  private leadSubject(s: Sentence, pos: number): Subject | null {
    const first = firstMainVerb(s, pos);
    if (!first) return null;
    const subj = subjectBefore(this.ctx, s, first.start, this.rules);
    if (subj.start >= pos) return null;
    // A group, not one person: "both sides held ..., where they", not "X said: 'they ...'".
    const people = subj.mentions.filter((m) => m.type === 'PERSON').length;
    if (subj.kind === 'entities' && (subj.mentions.length >= 2 || people === 0)) return subj;
    if (subj.kind === 'collective' && subj.collective!.phrase !== 'they') return subj;
    return null;
  }

  /**
   * "The two firms", "both clubs": the organizations most named in this sentence (before `pos`)
   * and the three before it, nearer ones weighing more; none when fewer than `count` are named.
   */
  private bodies(sentence: number, pos: number, count: number): number[] {
    const weights: Weights = new Map();
    for (let k = 0; k <= 3 && sentence - k >= 0; k++) {
      for (const m of this.ctx.mentionsBySentence[sentence - k] ?? []) {
        if (m.type !== 'ORG' || (k === 0 && m.end > pos) || this.ctx.isCountry(m.entity)) continue;
        weigh(weights, m, k);
      }
    }
    if (weights.size < count) return [];
    return ranked(weights).slice(0, count);
  }

  /**
   * The parties of the meeting: the countries most mentioned in the last sentences (as many as
   * the phrase says, else as many as the last sentence naming several), and for "sides",
   * "leaders" and "they" the leader of each country who has been named most.
   */
  parties(sentence: number, pos: number, c: CompiledCollective): number[] {
    if (c.refersTo === 'bodies') return this.bodies(sentence, pos, c.count ?? 2);
    const weights: Weights = new Map();
    let count = c.count;
    // Look back ten sentences, or further until two countries have been named.
    for (let k = 0; sentence - k >= 0 && (k <= 10 || weights.size < (count ?? 2)); k++) {
      const list = (this.ctx.mentionsBySentence[sentence - k] ?? []).filter((m) => (k > 0 || m.end <= pos) && this.ctx.isCountry(m.entity));
      for (const m of list) weigh(weights, m, k);
      const distinct = new Set(list.map((m) => m.entity)).size;
      if (count === null && c.refersTo === 'countries' && distinct >= 2) count = Math.min(distinct, 4);
    }
    // Too few countries ("the two sides" of the EU and the US): bodies without a country join in.
    if (weights.size < (count ?? 2)) {
      for (let k = 0; k <= 3 && sentence - k >= 0; k++) {
        for (const m of this.ctx.mentionsBySentence[sentence - k] ?? []) {
          const ent = this.ctx.entities.entities[m.entity]!;
          if (ent.type === 'ORG' && !ent.country && (k > 0 || m.end <= pos) && !weights.has(m.entity)) weights.set(m.entity, { w: 0.5 / (1 + k), last: m.start });
        }
      }
    }
    const order = ranked(weights);
    if (c.refersTo === 'countries') return order.slice(0, count ?? 2);
    // "Vietnamese Defence Minister X met Lao Defence Minister Y. The two ministers signed ...":
    // with too few countries or bodies named, the people named with a title just before.
    if (weights.size < (count ?? 2)) return this.titledPeople(sentence, pos, count ?? 2);
    // Leaders: per country, the person with that affiliation named most often so far. Without a
    // number in the phrase, the parties are the countries whose leaders have been named.
    const ents = this.ctx.entities;
    const leaders: number[] = [];
    const led: number[] = [];
    for (const country of order.slice(0, count ?? 4)) {
      let best: { e: number; n: number; first: number } | null = null;
      ents.entities.forEach((ent, e) => {
        if (ent.type !== 'PERSON' || !ent.roles.length || !this.ctx.affiliation(e).includes(country)) return;
        const before = ent.mentions.filter((mi) => ents.mentions[mi]!.start < pos);
        if (!before.length) return;
        const first = Math.min(...before.map((mi) => ents.mentions[mi]!.start));
        if (!best || before.length > best.n || (before.length === best.n && first < best.first)) best = { e, n: before.length, first };
      });
      if (best) {
        leaders.push((best as { e: number }).e);
        led.push(country);
      }
    }
    if (leaders.length >= 2) return uniq([...leaders, ...(count === null ? led : order.slice(0, count))]);
    return order.slice(0, count ?? 2);
  }

  /** The last `count` people with a title named in this sentence (before `pos`) or the two before it; none if fewer. */
  private titledPeople(sentence: number, pos: number, count: number): number[] {
    const people: number[] = [];
    for (let k = 0; k <= 2 && sentence - k >= 0; k++) {
      const list = (this.ctx.mentionsBySentence[sentence - k] ?? []).filter((m) => k > 0 || m.end <= pos);
      for (const m of [...list].reverse()) {
        const ent = this.ctx.entities.entities[m.entity]!;
        if (ent.type === 'PERSON' && ent.roles.length && !people.includes(m.entity)) people.push(m.entity);
      }
    }
    return people.length >= count ? people.slice(0, count).reverse() : [];
  }

  /** The speaker of a saying verb: its subject, or the name right after it ("said Mr Howard"). */
  speakerOfVerb(s: Sentence, verb: { start: number; end: number }, from?: number): Speaker | null {
    // "They were told it would ...": the subject of a passive saying verb is its addressee.
    if (from === undefined && /\b(?:was|were|been|being|is|are)\s+$/i.test(this.ctx.doc.clean.slice(Math.max(s.start, verb.start - 12), verb.start))) return null;
    const subj = from === undefined ? subjectBefore(this.ctx, s, verb.start, this.rules) : phraseAt(this.ctx, s, from, verb.start, this.rules);
    let actors = subj.clauseStart <= verb.start ? this.actorsOfSubject(s, subj, null) : [];
    if (!actors.length && (subj.kind === 'empty' || subj.kind === 'thing' || subj.kind === 'none')) {
      const after = (this.ctx.mentionsBySentence[s.index] ?? []).find((m) => m.start >= verb.end && m.start - verb.end <= 12);
      if (after) actors = this.withAffiliation([after.entity]);
    }
    if (!actors.length && subj.kind === 'thing') {
      // "Mr Blair's spokesman said": the possessor speaks.
      const own = subj.mentions[0] ?? (this.ctx.mentionsBySentence[s.index] ?? []).find((m) => m.start >= subj.start && m.end <= subj.end);
      if (own) actors = this.withAffiliation([own.entity]);
    }
    return this.speakerOf(actors);
  }

  /** Who speaks a quotation: the attribution after it, before it, or that of the quote before. */
  quoteSpeaker(q: Quote): Speaker | null {
    if (this.quoteSpeakers.has(q.start)) return this.quoteSpeakers.get(q.start)!;
    this.quoteSpeakers.set(q.start, null);
    const found = this.findQuoteSpeaker(q);
    this.quoteSpeakers.set(q.start, found);
    return found;
  }

  private findQuoteSpeaker(q: Quote): Speaker | null {
    const sentences = this.ctx.doc.sentences;
    const closing = sentences.find((s) => s.start <= q.end - 1 && q.end - 1 < s.end);
    if (closing && q.end < closing.end) {
      const verbs = sayingVerbs(closing, this.rules).filter((v) => v.start >= q.end && v.start - q.end <= 60);
      if (verbs.length) {
        const v = verbs[0]!;
        const between = (this.ctx.mentionsBySentence[closing.index] ?? []).filter((m) => m.start >= q.end && m.end <= closing.end);
        const tail = this.ctx.doc.clean.slice(q.end, v.start);
        if (/\b(?:he|she)\s*$/i.test(tail)) {
          const p = this.ctx.lastPerson(q.start, closing.index, 6);
          if (p) return this.speakerOf([p.entity]);
        }
        const person = between.find((m) => m.type === 'PERSON') ?? between[0];
        if (person) return this.speakerOf([person.entity]);
        const sv = this.speakerOfVerb(closing, v);
        if (sv) return sv;
      }
    }
    const opening = sentences.find((s) => s.start <= q.start && q.start < s.end);
    if (opening) {
      const verbs = sayingVerbs(opening, this.rules).filter((v) => v.end <= q.start);
      const v = verbs[verbs.length - 1];
      if (v) {
        const sv = this.speakerOfVerb(opening, v);
        if (sv) return sv;
      }
      if (/:\s*$/.test(this.ctx.doc.clean.slice(opening.start, q.start))) {
        const m = (this.ctx.mentionsBySentence[opening.index] ?? []).find((x) => x.end <= q.start && x.type === 'PERSON');
        if (m) return this.speakerOf([m.entity]);
      }
    }
    const earlier = this.ctx.quotes.filter((x) => x.end <= q.start && q.block - x.block <= 2).pop();
    // A quote that opens right after someone's reported words goes on with them: "X said
    // instead of ..., there had been ... . "For over two decades ..."".
    const before = opening && opening.start === q.start ? sentences[opening.index - 1] : undefined;
    if (before && before.block === q.block && (!earlier || earlier.end <= before.start)) {
      for (const v of sayingVerbs(before, this.rules)) {
        const sv = this.speakerOfVerb(before, v);
        if (sv && this.ctx.entities.entities[sv.entity]?.type === 'PERSON') return sv;
      }
    }
    // A quote that continues an earlier one (a new paragraph of the same speech).
    if (earlier) return this.quoteSpeaker(earlier);
    return null;
  }
}
