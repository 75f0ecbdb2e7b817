import { describe, expect, it } from 'vitest';
import { ActorResolver } from '../../src/extract/commitments/04-actors.js';
import { willMayCommit } from '../../src/extract/commitments/05-records.js';
import { buildContext } from '../../src/extract/commitments/context.js';
import { compileRules } from '../../src/extract/commitments/rules.js';
import { testKit } from '../helpers.js';
import { commitmentKit } from './support.js';

const base = await testKit();
const kit = await commitmentKit();
const rules = compileRules(base.rules.commitments);
const willRule = rules.triggers.find((t) => t.voice === 'reported' && t.cue.test('they will'))!;
const goingTo = rules.triggers.find((t) => t.voice === 'reported' && t.cue.test('going to') && !t.cue.test('will'))!;

/** The pre-parse check on the last sentence of `text`, with the cues of the given rules. */
function mayCommit(text: string, cued = [willRule]): boolean {
  const ents = base.entities(text);
  const ctx = buildContext(ents.doc, ents, rules);
  const sentence = ents.doc.sentences[ents.doc.sentences.length - 1]!;
  const cues = cued.flatMap((r) => [...sentence.text.matchAll(r.cues)].map((m) => ({ index: m.index, length: m[0].length })));
  return willMayCommit({ ctx, resolver: new ActorResolver(ctx, rules), rules, sentence, state: { lastSpeaker: null, lastActors: null } }, cues);
}

describe('will-statements ruled out before the parse', () => {
  it('a thing or "it" with no one saying it cannot commit, whatever the verb', () => {
    expect(mayCommit('Interest rates will rise again next year.')).toBe(false);
    expect(mayCommit('It will rain in Leeds on Friday.')).toBe(false);
    // The same sentences, said by someone, are parsed: their verb decides.
    expect(mayCommit('Interest rates will rise again next year, the Bank of England said.')).toBe(true);
  });

  it('"it" said by a person is no organization speaking; said by one, it may be', () => {
    expect(mayCommit('Chief executive Anna Berg said it would be a hard winter.')).toBe(false);
    expect(mayCommit('Microsoft said it would close two offices in Dublin.')).toBe(true);
  });

  it('a will-word inside a clause that cannot hold a plan ("before it will happen", "if we are ...")', () => {
    expect(mayCommit('Mr Straw said nothing would change before the talks would end.')).toBe(false);
  });

  it('contractions are tried where compromise puts their will: "wouldn\'t", "we\'ll", "he\'d"', () => {
    expect(mayCommit('Tony Blair said he wouldn\'t stand again.')).toBe(true);
    expect(mayCommit('"We\'ll open two border gates," Tony Blair said.')).toBe(true);
    expect(mayCommit('Tony Blair said he\'d open two border gates.')).toBe(true);
  });

  it('a cue outside the will-words belongs to a trigger this check does not know: the sentence is parsed', () => {
    expect(mayCommit('Interest rates are going to rise and prices will follow.', [willRule, goingTo])).toBe(true);
  });

  it('what it rules out, the full extraction finds nothing in either', () => {
    expect(kit.commitments('Interest rates will rise again next year.').found).toEqual([]);
    expect(kit.commitments('Chief executive Anna Berg said it would be a hard winter.').found).toEqual([]);
    expect(kit.commitments('Microsoft said it would close two offices in Dublin.').found.map((f) => [f.trigger, f.actorNames])).toEqual([['would', ['Microsoft']]]);
  });
});
