import type { Sentence } from '../../types.js';
import type { TriggerCandidate } from './01-find-triggers.js';
import type { ParsedSentence } from './parse.js';
import type { CompiledRules } from './rules.js';

/** A half-open range relative to the sentence text. */
export interface Range {
  readonly start: number;
  readonly end: number;
}

/** What a trigger commits to: the clause after it, split into coordinated actions. */
export interface ActionReading {
  /** The whole action clause. */
  readonly clause: Range;
  /** One range per coordinated action (at least one). */
  readonly items: readonly Range[];
  /** The object of each item ("a protocol"), or '' (parallel to `items`). */
  readonly objects: readonly string[];
}

/** Verbs that may repeat inside one coordinated commitment: "to A; agreed to B". */
const COMMIT_VERBS = '(?:agreed|decided|pledged|promised|vowed|resolved|committed|undertook|planned)';

/** Where an action clause ends: sentence punctuation, a dash, a colon, or a new clause. */
const CLAUSE_END = new RegExp(
  [
    String.raw`[.!?](?=["'”’)\]]*(?:\s|$))`,
    String.raw`\s*[:]\s`,
    // A dash, but not one between names ("Vietnam - Laos - Cambodia").
    String.raw`\s*[—–]\s*(?!\p{Lu})`,
    String.raw`\s+-\s+(?!\p{Lu})`,
    String.raw`;\s+(?!(?:and\s+)?(?:${COMMIT_VERBS}\s+)?to\s)`,
    String.raw`,?\s+(?:while|whereas|although|though|because|since|unless|so that|but)\s`,
    String.raw`,\s+(?:which|where|who|but|as|with|according|including|especially|particularly|amid|despite|after|before|a\s+(?:gesture|move|step|sign|decision|pledge)|the\s+(?:report|statement|minister|ministry)|he|she|they|it|we|i|you|said|says|adding|saying)\b`,
    String.raw`,\s+(?=\p{Ll}+ing\b)`,
    String.raw`,?\s+"?\s*(?:he|she|they)\s+(?:said|added|told)\b`,
    // "promised a fair policy and said they hoped to ...": the subject's next statement.
    String.raw`,?\s+and\s+(?:said|says|say|added|adds|told|tells)\b`,
    String.raw`"\s*,`,
    // The end of a quotation before its attribution: "We will open two gates," said X.
    String.raw`,["”’'](?=\s)`,
  ].join('|'),
  'u',
);

/**
 * The verb of the sentence a noun trigger's action is the subject of ("... to ban X has once more
 * turned", "... to close was taken"), unless a subordinate clause of the action comes first
 * ("to ensure that pupils are taught").
 */
const NOUN_ACTION_END = /^(?:(?!\b(?:that|who|which|where|when|if|whether|what|how)\b)[\s\S])*?(?=\s+(?:has|have|had|is|was|were|are)\s)/iu;

/** "; to B", "; agreed to C": a new coordinated infinitive after a semicolon. */
const SEMICOLON_COORDINATION = new RegExp(String.raw`;\s+(?:and\s+)?(?:${COMMIT_VERBS}\s+)?to\s+`, 'u');

/** Coordination markers that always start a new action: "; to", "; agreed to", ", and to", " and to". */
const INFINITIVE_COORDINATION = new RegExp(String.raw`;\s+(?:and\s+)?(?:${COMMIT_VERBS}\s+)?to\s+|,?\s+and\s+to\s+|,\s+to\s+(?=\p{Ll})`, 'gu');

const VERB_TAGS = ['Verb', 'Infinitive', 'Gerund', 'PresentTense', 'PastTense'];

const NOT_VERB = /^(?:the|a|an|its|their|his|her|our|other|more|new|all|any|some|each|every|both|this|that|these|those)$/i;

/**
 * "is determined to return to Scotland and rejected a move to Everton", "signed a plan and
 * witnessed a handover": after an action in the base form or an object, "and" and a verb in the
 * past tense with an object start a clause of the subject's own. Where it starts, or `b`.
 */
function pastTenseClause(text: string, parsed: ParsedSentence, a: number, b: number): number {
  const first = parsed.terms.find((t) => t.start === a);
  if (!first || (!first.tags.has('Infinitive') && first.tags.has('Verb'))) return b;
  for (const m of text.slice(a, b).matchAll(/,?\s+and\s+(?=\p{Ll})/gu)) {
    const at = parsed.terms.findIndex((t) => t.start === a + m.index + m[0].length);
    const verb = parsed.terms[at];
    if (verb?.tags.has('PastTense') && !verb.tags.has('Infinitive') && parsed.terms[at + 1]?.tags.has('Determiner')) return a + m.index;
  }
  return b;
}

export function readAction(
  s: Sentence,
  parsed: ParsedSentence,
  cand: TriggerCandidate,
  others: readonly TriggerCandidate[],
  rules: CompiledRules,
): ActionReading {
  const text = s.text;
  const from = skipSpace(text, cand.actionStart);
  // The action never runs into the next trigger's clause.
  const next = others.filter((o) => o !== cand && o.triggerStart >= from).sort((a, b) => a.triggerStart - b.triggerStart)[0];
  let limit = text.length;
  if (next) {
    const between = text.slice(from, next.triggerStart);
    const cut = Math.max(between.lastIndexOf(', '), between.lastIndexOf(' and '), between.lastIndexOf('; '));
    if (cut > 0) limit = from + cut;
  }
  const isList = cand.rule.split && verbList(text, from, limit, s, parsed).length > 1;
  // "to A, recognizing ...; to B; agreed to C": each coordinated infinitive has its own clause.
  const pieces: Range[] = [];
  if (cand.rule.split) {
    let at = from;
    for (const m of text.slice(from, limit).matchAll(new RegExp(SEMICOLON_COORDINATION.source, 'gu'))) {
      pieces.push({ start: at, end: from + m.index });
      at = from + m.index + m[0].length;
    }
    pieces.push({ start: at, end: limit });
  } else pieces.push({ start: from, end: limit });
  const clauseEnd = (a: number, b: number) => {
    // A gerund list ("restoring order, trying ... and giving ...") is not a participial clause.
    for (const m of text.slice(a, b).matchAll(new RegExp(CLAUSE_END.source, 'gu'))) {
      if (isList && /^,\s+\p{Ll}+ing\b/u.test(text.slice(a + m.index))) continue;
      // "a firm but fair policy": a "but" between two adjectives joins them and ends no clause.
      if (/^\s+but\s/.test(m[0]) && adjectivesAround(parsed, a + m.index, a + m.index + m[0].length)) continue;
      return pastTenseClause(text, parsed, a, a + m.index);
    }
    return pastTenseClause(text, parsed, a, b);
  };
  if (pieces.length > 1) {
    const ranges = pieces.map((p) => ({ start: p.start, end: trimEnd(text, p.start, clauseEnd(p.start, p.end)) })).filter((r) => r.end > r.start);
    const clause = { start: from, end: ranges[ranges.length - 1]!.end };
    const items = ranges.flatMap((r) => splitCoordination(text, r, s, parsed, rules));
    return { clause, items, objects: items.map((it) => (cand.rule.object === 'after' ? objectOf(text.slice(it.start, it.end)) : '')) };
  }
  let end = clauseEnd(from, limit);
  // "X's decision to ban Y has turned ...", "Plans to abolish X have been unveiled": after a noun
  // trigger, or a verb rule's trigger that opens the sentence as a noun, the sentence's own verb
  // ends the action.
  const trig = parsed.terms.find((t) => t.start === cand.triggerStart);
  const openingNoun = !text.slice(0, cand.triggerStart).trim() && !!trig?.tags.has('Noun') && !trig.tags.has('Verb');
  if (cand.rule.partOfSpeech === 'noun' || openingNoun) {
    const finite = NOUN_ACTION_END.exec(text.slice(from, end));
    if (finite) end = from + finite[0].length;
  }
  // "Determined to lift cooperation ..., the leaders discussed": an opening participle ends at its comma.
  if (cand.triggerStart <= 1 && cand.rule.voice === 'direct') {
    const comma = text.indexOf(', ', from);
    if (comma > 0 && comma < end) end = comma;
  }
  end = trimEnd(text, from, end);
  const clause = { start: from, end };
  let items: Range[] = [{ start: from, end }];
  if (cand.rule.split) items = splitCoordination(text, clause, s, parsed, rules);
  const objects = items.map((it) => (cand.rule.object === 'after' ? objectOf(text.slice(it.start, it.end)) : ''));
  return { clause, items, objects };
}

/** Coordinated actions inside a clause, each a range. */
function splitCoordination(text: string, clause: Range, s: Sentence, parsed: ParsedSentence, rules: CompiledRules): Range[] {
  const body = text.slice(clause.start, clause.end);
  // 1. Explicit infinitives: "to A; to B; agreed to C", "to A and to B".
  const cuts: Range[] = [];
  let at = 0;
  for (const m of body.matchAll(INFINITIVE_COORDINATION)) {
    // "able to deliver X and to restore Y" coordinates an inner infinitive, not the action.
    if (!m[0].startsWith(';') && /\bto\s+\p{Ll}/u.test(body.slice(at, m.index))) continue;
    cuts.push({ start: clause.start + at, end: clause.start + m.index });
    at = m.index + m[0].length;
  }
  cuts.push({ start: clause.start + at, end: clause.end });
  const out: Range[] = [];
  for (const c of cuts) {
    const r = { start: c.start, end: trimEnd(text, c.start, c.end) };
    if (r.end <= r.start) continue;
    // 2. Verb lists: "scrap A, finance B and replace C"; 3. document lists: "the Protocol on X and Agreement on Y".
    const verbs = verbList(text, r.start, r.end, s, parsed);
    if (verbs.length > 1) {
      out.push(...verbs);
      continue;
    }
    const docs = nounPhraseList(text, r, rules);
    out.push(...docs);
  }
  return out.length ? out : [clause];
}

/**
 * "scrap A, finance B and replace C" -> three ranges. Every conjunct must start with a verb, the
 * last must be joined by "and", and the first must have an object of its own: "review and update
 * existing agreements" is one action with a shared object.
 */
function verbList(text: string, start: number, end: number, s: Sentence, parsed: ParsedSentence): Range[] {
  const body = text.slice(start, end);
  const seps = [...body.matchAll(/,\s+(?:and\s+)?|\s+and\s+/g)];
  if (!seps.length) return [{ start, end }];
  const parts: Range[] = [];
  let at = 0;
  for (const m of seps) {
    parts.push({ start: start + at, end: start + m.index });
    at = m.index + m[0].length;
  }
  parts.push({ start: start + at, end });
  // Merge each part that does not start with a verb into the part before it, and a gerund part
  // unless the first part has a gerund to coordinate with, as its verb or after a preposition:
  // "to hand X in aid to help it battle falling sales and damaging overproduction" is one action;
  // "to focus on restoring order, trying to lower taxes and giving ..." and "restoring order and
  // giving ..." are three and two.
  const isGerund = (at: number) => !!parsed.terms.find((t) => t.start === at)?.tags.has('Gerund');
  const firstPart = s.tokens.filter((t) => t.start >= s.start + parts[0]!.start && t.end <= s.start + parts[0]!.end);
  const head = firstPart.find((t) => t.pos === 'VERB');
  const gerund = !!head && (isGerund(head.start - s.start) || firstPart.some((t, i) => i > 0 && firstPart[i - 1]!.pos === 'ADP' && isGerund(t.start - s.start)));
  const merged: Range[] = [];
  const joinedByAnd: boolean[] = [];
  parts.forEach((p, i) => {
    const sep = i > 0 ? seps[i - 1]![0] : '';
    if (i === 0 || !startsWithVerb(text, p.start, s, parsed) || (!!head && isGerund(p.start) && !gerund)) {
      if (merged.length) merged[merged.length - 1] = { start: merged[merged.length - 1]!.start, end: p.end };
      else merged.push(p);
      return;
    }
    merged.push(p);
    joinedByAnd.push(/and/.test(sep));
  });
  if (merged.length < 2 || !joinedByAnd[joinedByAnd.length - 1]) return [{ start, end }];
  const first = text.slice(merged[0]!.start, merged[0]!.end).trim();
  if (first.split(/\s+/).length < 2) return [{ start, end }];
  return merged.map((r) => ({ start: r.start, end: trimEnd(text, r.start, r.end) }));
}

function startsWithVerb(text: string, at: number, s: Sentence, parsed: ParsedSentence): boolean {
  const word = /^[\p{L}'’-]+/u.exec(text.slice(at))?.[0];
  if (!word || NOT_VERB.test(word)) return false;
  const abs = s.start + at;
  const tok = s.tokens.find((t) => t.start === abs);
  // "... will be produced and is due for release": a finite auxiliary starts another statement.
  if (tok?.pos === 'AUX' || /^(?:is|are|was|were|has|have|had|be|been)$/i.test(word)) return false;
  if (tok && tok.pos === 'VERB') return true;
  const term = parsed.terms.find((t) => t.start === at);
  if (term && !term.tags.has('Noun') && VERB_TAGS.some((t) => term.tags.has(t))) return true;
  if (term && term.tags.has('Verb') && tok?.pos !== 'PROPN' && tok?.pos !== 'NOUN' && tok?.pos !== 'ADJ') return true;
  return /^\p{Ll}+ing$/u.test(word) && tok?.pos !== 'NOUN';
}

/**
 * Coordinated objects: "the Protocol on X and Agreement on Y" (a document head starts the second),
 * "a maternity guarantee and a pension system" (each starts with "a"/"an").
 */
function nounPhraseList(text: string, r: Range, rules: CompiledRules): Range[] {
  const body = text.slice(r.start, r.end);
  const indefinite = /^(?:[a-z]+\s+)?(?:a|an)\s/i.test(body);
  const out: Range[] = [];
  let at = 0;
  for (const m of body.matchAll(/\s+and\s+/g)) {
    const rest = body.slice(m.index + m[0].length);
    const isDoc = rules.documentHeads.test(rest) && /^(?:the\s+)?\p{Lu}/u.test(rest);
    const isIndef = indefinite && /^(?:a|an)\s/.test(rest);
    if (!isDoc && !isIndef) continue;
    out.push({ start: r.start + at, end: r.start + m.index });
    at = m.index + m[0].length;
  }
  out.push({ start: r.start + at, end: r.end });
  return out;
}

/** The object noun phrase at the start of an action: up to a purpose clause or a new clause. */
function objectOf(action: string): string {
  const cut = /\s+(?:to\s+(?=\p{Ll})|for\s+\p{Ll}+ing\b|in\s+order\b|so\s+as\b|which\b|that\b|who\b|when\b|at\s+the\s+(?:end|conclusion|meeting)\b|during\b|after\b)|,\s/u.exec(action);
  let obj = (cut ? action.slice(0, cut.index) : action).trim();
  // Written as a name: no leading "the", no quote marks ("the \"ASEAN Human Rights Declaration\"").
  obj = obj.replace(/^(?:on|upon|together|jointly|also|formally)\s+/i, '').replace(/^the\s+(?=["“]?\p{Lu})/u, '').replace(/["“”]/g, '').replace(/[\s,;:]+$/, '');
  return obj;
}

function skipSpace(text: string, at: number): number {
  while (at < text.length && /\s/.test(text[at]!)) at++;
  return at;
}

/** Is the word ending at `before` an adjective, and the one starting at `after`? */
function adjectivesAround(parsed: ParsedSentence, before: number, after: number): boolean {
  const left = parsed.terms.find((t) => t.end === before);
  const right = parsed.terms.find((t) => t.start === after);
  return !!left && !!right && left.tags.has('Adjective') && right.tags.has('Adjective');
}

/** Drops trailing spaces, punctuation and closing quotes from `[start, end)`. */
function trimEnd(text: string, start: number, end: number): number {
  while (end > start && /[\s,;:.!?"'”’—–-]/.test(text[end - 1]!)) end--;
  return end;
}
