import { appendFile, cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { RuleFileError } from '../../src/rules/load.js';
import { loadAllRules, parseAllRules, type LoadedRules } from '../../src/rules/loaded.js';

/** A copy of rules/ and an empty folder to keep parsed rules in. */
async function setup(): Promise<{ rules: string; kept: string }> {
  const root = await mkdtemp(path.join(tmpdir(), 'rules-kept-'));
  const rules = path.join(root, 'rules');
  await cp('rules', rules, { recursive: true });
  return { rules, kept: path.join(root, 'kept') };
}

const keptFiles = async (dir: string) => (await readdir(dir).catch(() => [] as string[])).sort();

describe('parsed rules kept by a build', () => {
  it('are parsed on first use, kept under their hash, and read back the same', async () => {
    const { rules, kept } = await setup();
    const first = await loadAllRules(rules, kept);
    expect(first).toEqual(await parseAllRules(rules));
    expect(await keptFiles(kept)).toEqual([`${first.rules.hash}.v8`]);
    expect(await loadAllRules(rules, kept)).toEqual(first);
  });

  it('are read from the kept file, not parsed again, while the rule files are unchanged', async () => {
    const { rules, kept } = await setup();
    const first = await loadAllRules(rules, kept);
    // Change the kept copy (not the rule files): what comes back shows where it was read from.
    const file = path.join(kept, `${first.rules.hash}.v8`);
    const copy = deserialize(await readFile(file)) as LoadedRules;
    await writeFile(file, serialize({ ...copy, rules: { ...copy.rules, abbreviations: { entries: ['Kept.'] } } }));
    const again = await loadAllRules(rules, kept);
    expect(again.rules.abbreviations.entries).toEqual(['Kept.']);
    // The folder is the one asked for, wherever the rules were first parsed from.
    const moved = path.join(path.dirname(rules), 'moved');
    await cp(rules, moved, { recursive: true });
    expect((await loadAllRules(moved, kept)).rules.dir).toBe(moved);
  });

  it('are parsed again when a rule file changes, and an unreadable kept file is ignored', async () => {
    const { rules, kept } = await setup();
    const first = await loadAllRules(rules, kept);
    await appendFile(path.join(rules, 'abbreviations.yaml'), '\n# a comment changes the hash\n');
    const second = await loadAllRules(rules, kept);
    expect(second.rules.hash).not.toBe(first.rules.hash);
    expect(await keptFiles(kept)).toEqual([`${first.rules.hash}.v8`, `${second.rules.hash}.v8`].sort());
    await writeFile(path.join(kept, `${second.rules.hash}.v8`), 'not a v8 value');
    expect(await loadAllRules(rules, kept)).toEqual(second);
  });

  it('are never kept when a rule file is invalid: every run reports it', async () => {
    const { rules, kept } = await setup();
    await appendFile(path.join(rules, 'abbreviations.yaml'), '\nextra: [1\n');
    for (let run = 0; run < 2; run++) await expect(loadAllRules(rules, kept)).rejects.toThrow(RuleFileError);
    expect(await keptFiles(kept)).toEqual([]);
  });

  it('are not kept when running from the sources (no build)', async () => {
    const { rules } = await setup();
    expect(await loadAllRules(rules)).toEqual(await parseAllRules(rules));
    expect(await readdir(path.dirname(rules))).toEqual(['rules']);
  });
});
