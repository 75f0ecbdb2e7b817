import { appendFile, cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { loadRuleCatalog } from '../../src/report/rule-catalog.js';
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
    expect(await keptFiles(kept)).toEqual([`${first.rules.hash}.rules.v8`]);
    expect(await loadAllRules(rules, kept)).toEqual(first);
  });

  it('are read from the kept file, not parsed again, while the rule files are unchanged', async () => {
    const { rules, kept } = await setup();
    const first = await loadAllRules(rules, kept);
    // Change the kept copy (not the rule files): what comes back shows where it was read from.
    const file = path.join(kept, `${first.rules.hash}.rules.v8`);
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
    expect(await keptFiles(kept)).toEqual([`${first.rules.hash}.rules.v8`, `${second.rules.hash}.rules.v8`].sort());
    await writeFile(path.join(kept, `${second.rules.hash}.rules.v8`), 'not a v8 value');
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

  it('include the rule catalog of the report, shown relative to the folder it is read from', async () => {
    const { rules, kept } = await setup();
    const ids = ['commit.pledge.to', 'gazetteer.country', 'person.title'];
    const parsed = await loadRuleCatalog(rules, { keptDir: null });
    const first = await loadRuleCatalog(rules, { keptDir: kept });
    const hash = (await loadAllRules(rules, null)).rules.hash;
    expect(await keptFiles(kept)).toEqual([`${hash}.catalog.v8`]);
    const second = await loadRuleCatalog(rules, { keptDir: kept });
    for (const catalog of [first, second]) {
      expect(ids.map((id) => catalog.describe(id))).toEqual(ids.map((id) => parsed.describe(id)));
      expect(catalog.entriesFor('Vietnam')).toEqual(parsed.entriesFor('Vietnam'));
    }
    expect(parsed.describe('commit.pledge.to').file).toMatch(/rules\/commitments\.yaml:\d+$/);
    expect(parsed.entriesFor('Vietnam')).not.toEqual([]);
    // Read from the kept copy: a reason changed there shows.
    const file = path.join(kept, `${hash}.catalog.v8`);
    const data = deserialize(await readFile(file)) as { reasons: Map<string, { reason: string }> };
    data.reasons.get('commit.pledge.to')!.reason = 'kept';
    await writeFile(file, serialize(data));
    expect((await loadRuleCatalog(rules, { keptDir: kept })).describe('commit.pledge.to').reason).toBe('kept');
  });
});
