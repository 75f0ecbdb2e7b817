import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { TABLES, TABLE_NAMES } from '../../src/stages/emit.js';

describe('README documents the dataset contract', () => {
  it('lists every column of every table, in order, with the same meaning', async () => {
    const readme = await readFile('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('<!-- columns:start -->'), readme.indexOf('<!-- columns:end -->'));
    for (const t of TABLE_NAMES) {
      const part = section.slice(section.indexOf(`**${t}**`));
      const rows = [...part.matchAll(/^\| `([a-z0-9_]+)` \| (.*) \|$/gm)].slice(0, TABLES[t].length);
      expect(rows.map((r) => r[1])).toEqual(TABLES[t].map((c) => c.name));
      expect(rows.map((r) => r[2]!.replace(/\\\|/g, '|'))).toEqual(TABLES[t].map((c) => c.description));
    }
  });
});
