/** Loading rules/dates.yaml: good files load, bad ones are rejected with file, line and field. */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFinders, FINDER_IDS } from '../../src/extract/dates/finders/index.js';
import { createRefiners, REFINER_IDS } from '../../src/extract/dates/refiners/index.js';
import { loadDateRules, parseDateRules } from '../../src/extract/dates/rules.js';
import { compileVocabulary } from '../../src/extract/dates/vocabulary.js';
import { RuleFileError } from '../../src/rules/load.js';
import { RULES_DIR, rules } from './support.js';

const TEXT = readFileSync(join(RULES_DIR, 'dates.yaml'), 'utf8');
const FILE = 'rules/dates.yaml';

function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

function rejection(text: string): RuleFileError {
  try {
    parseDateRules(FILE, text);
  } catch (err) {
    expect(err).toBeInstanceOf(RuleFileError);
    return err as RuleFileError;
  }
  throw new Error('the file was accepted');
}

describe('rules/dates.yaml', () => {
  it('documents exactly the finders and refiners the code runs, in the code\'s order of ids', () => {
    const finders = createFinders(compileVocabulary(rules.vocabulary));
    expect(finders.map((f) => f.id)).toEqual(FINDER_IDS);
    expect(createRefiners(FINDER_IDS).map((r) => r.id)).toEqual(REFINER_IDS);
    expect(rules.finders.map((r) => r.id).sort()).toEqual([...FINDER_IDS].sort());
    expect(rules.refiners.map((r) => r.id).sort()).toEqual([...REFINER_IDS].sort());
  });

  it('rejects an id no finder has, naming its line and field', () => {
    const bad = TEXT.replace('- id: date.decade', '- id: date.decades');
    const err = rejection(bad);
    expect(err.file).toBe(FILE);
    expect(err.field).toMatch(/^finders\[\d+\]\.id$/);
    expect(err.line).toBe(lineOf(bad, '- id: date.decades'));
    expect(err.message).toContain('no finder has id "date.decades"');
  });

  it('rejects a file that leaves an implemented rule undocumented', () => {
    const bad = TEXT.replace('  - id: refine.overlaps\n', '  - id: refine.part-of-day\n');
    const err = rejection(bad);
    expect(err.field).toMatch(/^refiners/);
    expect(err.message).toMatch(/documented twice|refine\.overlaps/);
  });

  it('rejects a badly typed vocabulary entry and a bad example date', () => {
    const badList = rejection(TEXT.replace(/futureMarkers: \[[^\]]*\]/, 'futureMarkers: will'));
    expect(badList.field).toBe('vocabulary.futureMarkers');
    expect(badList.line).toBe(lineOf(TEXT, 'futureMarkers:'));
    const badDate = rejection(TEXT.replace('published: "2023-03-24"', 'published: "24/03/2023"'));
    expect(badDate.field).toMatch(/^finders\[\d+\]\.examples\[\d+\]\.published$/);
    expect(badDate.message).toContain('YYYY-MM-DD');
  });

  it('rejects a holiday whose day is not a month and day, naming the holiday', () => {
    const bad = TEXT.replace('Boxing Day: "12-26"', 'Boxing Day: "26-12"');
    const err = rejection(bad);
    expect(err.file).toBe(FILE);
    expect(err.field).toBe('vocabulary.holidays.Boxing Day');
    expect(err.line).toBe(lineOf(bad, 'Boxing Day: "26-12"'));
    expect(err.message).toContain('use MM-DD');
  });

  it('names the file when it cannot be read', async () => {
    await expect(loadDateRules('/nonexistent-rules-dir')).rejects.toThrow(/dates\.yaml: cannot read/);
  });
});
