import { describe, expect, it } from 'vitest';
import { mayPassGates } from '../../src/extract/commitments/05-records.js';
import { findAmount, mayHaveAmount } from '../../src/extract/commitments/amount.js';
import { compileRules } from '../../src/extract/commitments/rules.js';
import { testKit } from '../helpers.js';
import { commitmentKit } from './support.js';

const base = await testKit();
const kit = await commitmentKit();
const rules = compileRules(base.rules.commitments);
const rule = (id: string) => rules.triggers.find((t) => t.id === id)!;

describe('amount and plan gates checked before the parse', () => {
  it('a target with no sign of an amount in its sentence is not parsed; the extraction finds nothing there either', () => {
    const text = "The club's goal is to win the league again.";
    expect(mayPassGates(rule('commit.target.noun'), text, rules)).toBe(false);
    expect(kit.commitments(text).found).toEqual([]);
    expect(mayPassGates(rule('commit.target.noun'), 'The goal is to build 40,000 homes by 2030.', rules)).toBe(true);
    expect(mayPassGates(rule('commit.target.noun'), 'The goal is to double spending within five years.', rules)).toBe(true);
  });

  it('"agreed on" needs a plan noun somewhere in the sentence', () => {
    const text = 'Both leaders agreed on the significance of the visit.';
    expect(mayPassGates(rule('commit.agree.on'), text, rules)).toBe(false);
    expect(kit.commitments(text).found).toEqual([]);
    expect(mayPassGates(rule('commit.agree.on'), 'Both sides agreed on further\nplans and measures.', rules)).toBe(true);
  });

  it('a rule with neither gate always passes', () => {
    expect(mayPassGates(rule('commit.agree.to'), 'They agreed to meet.', rules)).toBe(true);
  });

  it('every amount findAmount reads is in a text mayHaveAmount accepts, and words alone are not', () => {
    for (const text of ['£5bn', 'two million homes', 'a million dollars', 'ten years', 'a week', 'five euros', '0.7%', '40,000 new']) {
      expect(findAmount(text), text).not.toBeNull();
      expect(mayHaveAmount(text), text).toBe(true);
    }
    expect(mayHaveAmount('I am going to win it all')).toBe(false);
  });
});
