import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { matchNamePattern } from '../../src/extract/entities/finders.js';
import { loadRules } from '../../src/rules/index.js';
import { RuleFileError } from '../../src/rules/load.js';
import { testKit } from '../helpers.js';

const kit = await testKit();
const { rules, lexicon } = kit;

const namesOf = (text: string, type: string) => {
  const r = kit.entities(text);
  return r.entities.filter((e) => e.type === type).flatMap((e) => [e.name, ...e.aliases]);
};

describe('every rule file loads and its inline examples hold', () => {
  it('loads all rule files with a content hash', () => {
    expect(rules.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rules.titles.entries.length).toBeGreaterThan(20);
    expect(rules.places.countries.length).toBeGreaterThan(150);
  });

  describe('furniture.yaml', () => {
    for (const rule of rules.furniture.lines) {
      for (const ex of rule.examples) {
        it(`${rule.id}: ${ex.matches ? 'matches' : 'does not match'} "${ex.line}"`, () => {
          expect(new RegExp(rule.pattern, rule.ignoreCase ? 'iu' : 'u').test(ex.line)).toBe(ex.matches);
        });
      }
    }
  });

  describe('name-patterns.yaml', () => {
    for (const [i, rule] of rules.namePatterns.patterns.entries()) {
      for (const ex of rule.examples) {
        it(`${rule.id}: "${ex.text}" -> ${ex.match ?? 'no match'}`, () => {
          const found = matchNamePattern(lexicon.patterns[i]!, ex.text, lexicon)[0]?.text ?? null;
          expect(found).toBe(ex.match);
        });
      }
    }
  });

  describe('abbreviations.yaml', () => {
    for (const ex of rules.abbreviations.examples) {
      it(`splits "${ex.text}" into ${ex.sentences.length} sentences`, () => {
        expect(kit.segment(ex.text).sentences.map((s) => s.text)).toEqual(ex.sentences);
      });
    }
  });

  const gazetteerExamples: [string, readonly { text: string; names: readonly string[] }[], string][] = [
    ['titles.yaml', rules.titles.examples.map((e) => ({ text: e.text, names: e.people })), 'PERSON'],
    ['places.yaml', rules.places.examples.map((e) => ({ text: e.text, names: e.places })), 'PLACE'],
    ['organizations.yaml', rules.organizations.examples.map((e) => ({ text: e.text, names: e.organizations })), 'ORG'],
  ];
  for (const [file, examples, type] of gazetteerExamples) {
    describe(file, () => {
      it('has examples', () => expect(examples.length).toBeGreaterThan(0));
      for (const ex of examples) {
        it(`finds ${ex.names.join(', ')} in "${ex.text}"`, () => {
          const found = namesOf(ex.text, type);
          for (const n of ex.names) expect(found).toContain(n);
        });
      }
    });
  }
});

describe('malformed rule files are rejected with the file, line and field', () => {
  async function rulesWith(file: string, edit: (text: string) => string): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'rules-'));
    await cp('rules', dir, { recursive: true });
    const target = path.join(dir, file);
    await writeFile(target, edit(await readFile(target, 'utf8')));
    return dir;
  }

  it('names the entry and field of a missing required value', async () => {
    const dir = await rulesWith('titles.yaml', () =>
      ['kind: titles', 'description: test', 'entries:', '  - id: title.a', '    forms: [A]', '    category: political', '  - id: title.b', '    category: political', ''].join('\n'),
    );
    const err = await loadRules(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RuleFileError);
    expect((err as RuleFileError).message).toMatch(/titles\.yaml:7: entries\[1\]\.forms: Invalid input: expected array, received undefined$/);
  });

  it('rejects an invalid regular expression in a pattern', async () => {
    const dir = await rulesWith('furniture.yaml', (t) => t.replace("pattern: '^/\\s*\\p{L}[^.!?]*$'", "pattern: '^/(unclosed'"));
    const err = (await loadRules(dir).catch((e: unknown) => e)) as RuleFileError;
    expect(err.message).toMatch(/furniture\.yaml:\d+: lines\[0\]\.pattern: not a valid regular expression/);
  });

  it('rejects broken YAML with its line', async () => {
    const dir = await rulesWith('abbreviations.yaml', (t) => `${t}\nentries: [unclosed\n`);
    const err = (await loadRules(dir).catch((e: unknown) => e)) as RuleFileError;
    expect(err.message).toMatch(/abbreviations\.yaml(:\d+)?: (invalid YAML|entries)/);
  });

  it('rejects an unknown rules file by name', async () => {
    const dir = await rulesWith('titles.yaml', (t) => t);
    await writeFile(path.join(dir, 'typo.yaml'), 'kind: titles\n');
    const err = (await loadRules(dir).catch((e: unknown) => e)) as RuleFileError;
    expect(err.message).toContain('typo.yaml');
    expect(err.message).toContain('unknown rules file');
  });

  it('rejects duplicate rule ids', async () => {
    const dir = await rulesWith('name-patterns.yaml', (t) => t.replace('id: org.pattern.named-head', 'id: org.pattern.head-of'));
    const err = (await loadRules(dir).catch((e: unknown) => e)) as RuleFileError;
    expect(err.message).toMatch(/duplicate rule id "org\.pattern\.head-of"/);
  });
});
