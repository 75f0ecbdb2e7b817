/**
 * Spreadsheet safety: article text and metadata that look like formulas never become formula
 * cells; the CSV has a BOM (Excel reads the diacritics) and parses back to the JSONL rows.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLE_NAMES, type TableName } from '../../src/stages/emit.js';
import { cli, expectConsistentOutput, readTables, tempDir, writeConfig, type Row } from './support.js';

const ARTICLE = `---
title: '=HYPERLINK("http://evil.example/x","Click here")'
source: '@SUM(A1)'
url: '+1-555-0100'
published: 2024-05-01
---
=HYPERLINK("http://evil.example/x","Prime Minister Phạm Minh Chính") was the link in the page.

@SUM(A1:A9) Vietnam and Laos agreed to expand defence cooperation by 2025.

-2+3 Vietnamese Prime Minister Phạm Minh Chính pledged to strengthen ties with Laos on 5 March 2024.

+SUM(1;2) The Lao People's Army signed a memorandum of understanding with Vietnam.

＝HYPERLINK("http://x") is a fullwidth equals sign that Apple Numbers reads as one.
`;

const RECORD = { title: '=1+1', source: '-Example', url: '@home', published: '2024-05-02', text: '@SUM(1+1) Cambodia and Vietnam agreed to hold border talks in June 2024.\n\nThe Cambodian Ministry of National Defence pledged to send a delegation.' };

/** A cell a spreadsheet would run as a formula (or that Excel trims to one). */
const FORMULA = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

let output: string;
let tables: Record<TableName, Row[]>;
let csv: Record<TableName, { bytes: Buffer; rows: Record<string, string>[] }>;

beforeAll(async () => {
  const root = await tempDir('csv');
  const input = path.join(root, 'in');
  await mkdir(input);
  await writeFile(path.join(input, 'formulas.md'), ARTICLE);
  await writeFile(path.join(input, 'export.jsonl'), `${JSON.stringify(RECORD)}\n`);
  output = path.join(root, 'out');
  const r = await cli(['--config', await writeConfig(root), '--input', input, '--output', output]);
  expect(r.code, r.stderr).toBe(0);
  tables = await readTables(output);
  csv = {} as typeof csv;
  for (const t of TABLE_NAMES) {
    const bytes = await readFile(path.join(output, `${t}.csv`));
    csv[t] = { bytes, rows: parse(bytes, { bom: true, columns: true }) as Record<string, string>[] };
  }
});

describe('CSV for spreadsheets', () => {
  it('has formula-looking values in the data (the JSONL keeps them as written)', () => {
    const doc = tables.documents.find((d) => d.source === 'formulas.md')!;
    expect(doc).toMatchObject({ title: '=HYPERLINK("http://evil.example/x","Click here")', publisher: '@SUM(A1)', url: '+1-555-0100' });
    expect(tables.documents.find((d) => d.source === 'export.jsonl#1')).toMatchObject({ title: '=1+1', publisher: '-Example', url: '@home' });
    const sentences = tables.mentions.map((m) => String(m.sentence));
    for (const start of ['=HYPERLINK(', '@SUM(A1:A9)', '-2+3', '+SUM(1;2)', '＝HYPERLINK(', '@SUM(1+1)']) {
      expect(sentences.some((s) => s.startsWith(start)), `a sentence starts with ${start}`).toBe(true);
    }
  });

  it('writes no cell that a spreadsheet would run as a formula', () => {
    let escaped = 0;
    for (const t of TABLE_NAMES) {
      for (const row of csv[t].rows) {
        for (const [column, cell] of Object.entries(row)) {
          expect(cell, `${t}.${column}`).not.toMatch(FORMULA);
          if (/^'/.test(cell) && FORMULA.test(cell.slice(1))) escaped++;
        }
      }
    }
    expect(escaped).toBeGreaterThan(10);
    const title = csv.documents.rows.find((r) => r.source === 'formulas.md')!.title;
    expect(title).toBe(`'=HYPERLINK("http://evil.example/x","Click here")`);
  });

  it('starts every CSV with a UTF-8 BOM and keeps the diacritics', () => {
    for (const t of TABLE_NAMES) expect([...csv[t].bytes.subarray(0, 3)], t).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.entities.bytes.toString('utf8')).toContain('Phạm Minh Chính');
  });

  it('parses back to the same rows as the JSONL, once the escape is removed', async () => {
    await expectConsistentOutput(output);
  });
});
