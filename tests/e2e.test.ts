import { cp, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLES, TABLE_NAMES } from '../src/stages/emit.js';
import { cli } from './cli.js';
import { sliceCodePoints } from './helpers.js';

const readJsonl = async (file: string) =>
  (await readFile(file, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

let out: string;
let first: { code: number; stderr: string };
const tables: Record<string, Record<string, unknown>[]> = {};

beforeAll(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'e2e-out-'));
  first = await cli(['--input', 'raw', '--output', out]);
  for (const t of TABLE_NAMES) tables[t] = await readJsonl(path.join(out, `${t}.jsonl`));
});

describe('npm start on raw/', () => {
  it('exits 0 and writes every table as CSV and JSONL plus the manifest', async () => {
    expect(first.code).toBe(0);
    const files = (await readdir(out)).filter((f) => !f.startsWith('.')).sort();
    expect(files).toEqual([...TABLE_NAMES.flatMap((t) => [`${t}.csv`, `${t}.jsonl`]), 'manifest.json', 'report.html'].sort());
    expect(first.stderr).toMatch(/5 documents processed \(5 extracted, 0 from cache\), 0 failed/);
  });

  it('lists the five sample articles with their hashes, titles and dates', async () => {
    const docs = tables.documents!;
    expect(docs.map((d) => d.source)).toEqual((await readdir('raw')).sort());
    const byline = docs.find((d) => d.source === '001_4785fa3551a2d649.txt')!;
    expect(byline).toMatchObject({ published: '2023-03-24', publisher: 'MOIT VIETNAM', title: 'The Third Defense Policy Dialogue: Strengthening Ties between Vietnam and Laos' });
    expect(docs.find((d) => d.source === '000_8480816ee8cbe7ef.txt')).toMatchObject({ published: '2018-10-30' });
    for (const d of docs) expect(d.doc_id).toBe(String(d.sha256).slice(0, 16));
  });

  it('finds Saichay Kommasith with his titles as roles, not in his name', () => {
    const p = tables.entities!.find((e) => e.type === 'PERSON' && e.name === 'Saichay Kommasith')!;
    expect(p).toBeDefined();
    expect(p.roles).toEqual(expect.arrayContaining(['Lieut. Gen.', 'Chief of the General Staff']));
    expect(p.aliases).toContain('Kommasith');
  });

  it("links LPA to the Lao People's Army", () => {
    const org = tables.entities!.find((e) => e.type === 'ORG' && e.name === "Lao People's Army")!;
    expect(org).toBeDefined();
    expect(org.aliases).toContain('LPA');
  });

  it('normalizes "24th March 2023" to 2023-03-24', () => {
    const d = tables.dates!.find((x) => x.text === '24th March 2023')!;
    expect(d).toMatchObject({ value: '2023-03-24', start_day: '2023-03-24', end_day: '2023-03-24', granularity: 'day', inferred: false });
  });

  it('gives every mention, date and commitment offsets that slice back to its text in the original file', async () => {
    const texts = new Map<string, string>();
    for (const d of tables.documents!) texts.set(String(d.doc_id), (await readFile(path.join('raw', String(d.source)), 'utf8')).replace(/^\uFEFF/, ''));
    let checked = 0;
    for (const t of ['mentions', 'dates', 'commitments']) {
      for (const r of tables[t]!) {
        const text = texts.get(String(r.doc_id))!;
        expect(sliceCodePoints(text, Number(r.start), Number(r.end))).toBe(r.text);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(300);
    for (const m of tables.mentions!) {
      const text = texts.get(String(m.doc_id))!;
      expect(sliceCodePoints(text, Number(m.sentence_start), Number(m.sentence_end)).replace(/\s+/g, ' ').trim()).toBe(m.sentence);
    }
  });

  it('writes CSV with a BOM, the contract columns in order, and the same rows as the JSONL', async () => {
    for (const t of TABLE_NAMES) {
      const csv = await readFile(path.join(out, `${t}.csv`), 'utf8');
      expect(csv.startsWith('\uFEFF')).toBe(true);
      const rows = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
      expect(Object.keys(rows[0] ?? Object.fromEntries(TABLES[t].map((c) => [c.name, ''])))).toEqual(TABLES[t].map((c) => c.name));
      expect(rows.length).toBe(tables[t]!.length);
      rows.forEach((row, i) => {
        const j = tables[t]![i]!;
        for (const c of TABLES[t]) {
          const v = j[c.name];
          const expected = Array.isArray(v) ? v.join(' | ') : v === null ? '' : String(v);
          expect(row[c.name]!.replace(/^'(?=[=+\-@\t\r])/, '')).toBe(expected);
        }
      });
    }
  });

  it('records every input, the counts and the rules hash in the manifest', async () => {
    const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest.inputs).toHaveLength(5);
    expect(manifest.rules.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.counts.documents).toBe(5);
    expect(manifest.counts.mentions).toBe(tables.mentions!.length);
    expect(Object.keys(manifest.timings_ms)).toEqual(['ingest', 'clean', 'segment', 'extract', 'resolve', 'emit']);
    expect(manifest.failures).toEqual([]);
  });

  it('gives byte-identical tables on a second run and says nothing was rewritten', async () => {
    const before = await Promise.all(TABLE_NAMES.map((t) => readFile(path.join(out, `${t}.csv`))));
    const mtimes = await Promise.all(TABLE_NAMES.map(async (t) => (await stat(path.join(out, `${t}.jsonl`))).mtimeMs));
    const second = await cli(['--input', 'raw', '--output', out]);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/already up to date; nothing rewritten/);
    const after = await Promise.all(TABLE_NAMES.map((t) => readFile(path.join(out, `${t}.csv`))));
    after.forEach((b, i) => expect(b.equals(before[i]!)).toBe(true));
    const mtimesAfter = await Promise.all(TABLE_NAMES.map(async (t) => (await stat(path.join(out, `${t}.jsonl`))).mtimeMs));
    expect(mtimesAfter).toEqual(mtimes);
  });

  it('writes a table again when it was edited since, even if the input did not change', async () => {
    const file = path.join(out, 'entities.csv');
    const before = await readFile(file);
    await writeFile(file, Buffer.concat([before, Buffer.from('edited,by,hand\n')]));
    const third = await cli(['--input', 'raw', '--output', out]);
    expect(third.code).toBe(0);
    expect(third.stderr).not.toMatch(/already up to date/);
    expect((await readFile(file)).equals(before)).toBe(true);
  });
});

describe('exit codes', () => {
  it('exits 3 when a document fails, and still writes the good ones', async () => {
    const input = await mkdtemp(path.join(tmpdir(), 'e2e-in-'));
    await cp('raw/004_9d0597f215e0605a.txt', path.join(input, 'good.txt'));
    await writeFile(path.join(input, 'empty.txt'), '');
    const output = await mkdtemp(path.join(tmpdir(), 'e2e-out-'));
    const r = await cli(['--input', input, '--output', output]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('failed: empty.txt: file is empty');
    const docs = await readJsonl(path.join(output, 'documents.jsonl'));
    expect(docs.map((d) => d.source)).toEqual(['good.txt']);
    const manifest = JSON.parse(await readFile(path.join(output, 'manifest.json'), 'utf8'));
    expect(manifest.failures).toEqual([{ source: 'empty.txt', error: 'empty.txt: file is empty' }]);
  });

  it('exits 2 naming the file and field of a bad config, writing nothing', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'e2e-cfg-'));
    const config = path.join(dir, 'bad.config.mjs');
    await writeFile(config, 'export default { concurrency: "many", colour: true };\n');
    const output = path.join(dir, 'out');
    const r = await cli(['--config', config, '--output', output]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error: ${config}: concurrency: Invalid input: expected number, received string`);
    expect(r.stderr).toContain(`${config}: colour: unknown key; known keys: input, output, rules`);
    await expect(stat(output)).rejects.toThrow();
  });

  it('exits 2 naming the rules file when a rule is malformed', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'e2e-rules-'));
    await cp('rules', dir, { recursive: true });
    await writeFile(path.join(dir, 'titles.yaml'), 'kind: titles\ndescription: x\nentries:\n  - id: Bad Id\n    forms: [X]\n    category: political\n');
    const output = path.join(dir, 'out');
    const r = await cli(['--rules', dir, '--input', 'raw', '--output', output]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/titles\.yaml:4: entries\[0\]\.id: use lower-case words/);
    await expect(stat(output)).rejects.toThrow();
  });

  it('exits 2 naming a rules folder that cannot be read, writing nothing', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'e2e-norules-'));
    const output = path.join(dir, 'out');
    const r = await cli(['--rules', path.join(dir, 'missing'), '--input', 'raw', '--output', output]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error: ${path.join(dir, 'missing')}: cannot read the rules folder: ENOENT`);
    await expect(stat(output)).rejects.toThrow();
  });

  it('exits 2 on an unknown option, with usage', async () => {
    const r = await cli(['--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown option '--frobnicate'/);
    expect(r.stderr).toContain('Usage: npm start');
  });

  it('prints help', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--concurrency N');
  });
});


