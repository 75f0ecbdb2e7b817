/** The examples in rules/dates.yaml: each lists every finding its text must yield. */

import { describe, expect, it } from 'vitest';
import { extractOne, rules } from './support.js';

const cases = rules.finders.flatMap((rule) => rule.examples.map((example, i) => [rule.id, i, example] as const));

describe('rules/dates.yaml examples', () => {
  it.each(cases)('%s example %i', (id, _i, example) => {
    const found = extractOne(example.text, example.published);
    expect(found.map((f) => ({ text: f.text, value: f.value }))).toEqual(example.expect);
    // Each example exercises the rule it documents.
    if (example.expect.length > 0) expect(found.map((f) => f.rule)).toContain(id);
  });
});
