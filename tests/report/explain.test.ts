import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { explain, locateSentence, UnknownIdError } from '../../src/explain.js';
import { OutputFolderError } from '../../src/report/tables.js';
import { runPipelineOnRaw, sliceSource, type PipelineRun, type Row } from './support.js';

let run: PipelineRun;
/** Every `id` with a `reason` in rules/*.yaml, read independently of the code under test. */
const reasons = new Map<string, string>();

function collectReasons(node: unknown): void {
  if (Array.isArray(node)) node.forEach(collectReasons);
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (typeof o.id === 'string' && typeof o.reason === 'string' && !reasons.has(o.id)) reasons.set(o.id, o.reason.replace(/\s+/g, ' ').trim());
    Object.values(o).forEach(collectReasons);
  }
}

beforeAll(async () => {
  run = await runPipelineOnRaw('report-explain-');
  for (const f of (await readdir('rules')).filter((f) => f.endsWith('.yaml'))) collectReasons(parse(await readFile(path.join('rules', f), 'utf8')));
});

afterAll(async () => {
  if (run) await rm(run.outputDir, { recursive: true, force: true });
});

const options = { inputDir: 'raw', rulesDir: 'rules' };

/** The lines of one section ("sentence", "rule", ...) of explain's output. */
function section(out: string, name: string): string {
  const lines = out.split('\n');
  const at = lines.indexOf(name);
  expect(at, `section "${name}" in:\n${out}`).toBeGreaterThan(-1);
  const end = lines.findIndex((l, i) => i > at && l === '');
  return lines.slice(at + 1, end === -1 ? undefined : end).join('\n');
}

/** What every span record's explanation must show. */
async function expectSpanExplained(out: string, row: Row, kind: string, id: string): Promise<void> {
  expect(out.split('\n')[0]).toContain(`${kind} ${id}`);
  // The record, field by field.
  for (const [k, v] of Object.entries(row)) {
    const plain = Array.isArray(v) ? v.join(' | ') : v === null ? '' : String(v);
    const text = /[\n\r\t]/.test(plain) ? JSON.stringify(plain) : plain;
    expect(out).toMatch(new RegExp(`^  ${k} +${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
  }
  // The source file, with line and column.
  expect(section(out, 'source file')).toContain(`raw/${row.source}, line `);
  // The sentence, with exactly the record's span between « and ».
  const sentence = section(out, 'sentence');
  const marked = /«([^»]*)»/.exec(sentence)![1]!;
  expect(marked).toBe(String(row.text).replace(/\s+/g, ' '));
  expect(await sliceSource(String(row.source), Number(row.start), Number(row.end))).toBe(row.text);
  // The rule, with its reason from rules/ when it has one, else the module that produced it.
  const rule = section(out, 'rule');
  expect(rule).toContain(String(row.rule));
  const reason = reasons.get(String(row.rule));
  if (reason) expect(rule).toContain(reason);
  else expect(rule).toMatch(/code rule in src\/[\w/.-]+\.ts:\d+/);
}

describe('explain', () => {
  it('explains a commitment: record, source file, marked sentence, rule and reason', async () => {
    for (const row of run.tables.commitments.slice(0, 5)) {
      const id = String(row.commitment_id);
      await expectSpanExplained(await explain(id, run.outputDir, options), row, 'commitment', id);
    }
  });

  it('explains a date', async () => {
    for (const row of run.tables.dates.slice(0, 5)) {
      const id = String(row.date_id);
      await expectSpanExplained(await explain(id, run.outputDir, options), row, 'date', id);
    }
  });

  it('explains a mention, with the gazetteer entry a gazetteer match came from', async () => {
    const rows = [run.tables.mentions.find((m) => String(m.rule).startsWith('gazetteer.'))!, run.tables.mentions.find((m) => !String(m.rule).startsWith('gazetteer.'))!];
    for (const row of rows) {
      const id = String(row.mention_id);
      const out = await explain(id, run.outputDir, options);
      await expectSpanExplained(out, row, 'mention', id);
      // A mention's sentence is exactly the one its sentence_start/sentence_end delimit.
      const original = await sliceSource(String(row.source), Number(row.sentence_start), Number(row.sentence_end));
      expect(section(out, 'sentence').replace(/[«»]/g, '').trim()).toBe(original.replace(/\s+/g, ' ').trim());
      if (String(row.rule).startsWith('gazetteer.')) expect(section(out, 'rule')).toMatch(/matched the entry [\w.-]+ \(rules\/\w+\.yaml:\d+\)/);
    }
  });

  it('explains an entity: every mention, and the merge rules that joined them', async () => {
    const entity = run.tables.entities.find((e) => (e.merge_rules as string[]).length > 0 && Number(e.mention_count) > 1)!;
    const id = String(entity.entity_id);
    const out = await explain(id, run.outputDir, options);
    expect(out.split('\n')[0]).toContain(`entity ${id}`);
    expect(out).toMatch(new RegExp(`^  name +${String(entity.name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    const merges = section(out, 'merge rules that joined its mentions');
    for (const r of entity.merge_rules as string[]) expect(merges).toMatch(new RegExp(`^  ${r} \\(`, 'm'));
    const mentions = run.tables.mentions.filter((m) => m.entity_id === id);
    expect(mentions.length).toBe(entity.mention_count);
    const listed = section(out, `mentions (${mentions.length} in ${new Set(mentions.map((m) => m.doc_id)).size} document${new Set(mentions.map((m) => m.doc_id)).size === 1 ? '' : 's'})`);
    for (const m of mentions) {
      expect(listed).toContain(`${m.mention_id}  ${m.source}:`);
      expect(listed).toContain(`«${String(m.text).replace(/\s+/g, ' ')}»`);
    }
  });

  it('rejects an unknown id with a clear message', async () => {
    await expect(explain('Cffffffffffff', run.outputDir, options)).rejects.toThrow(UnknownIdError);
    await expect(explain('Cffffffffffff', run.outputDir, options)).rejects.toThrow(/unknown id "Cffffffffffff": no mention, date, commitment or entity in .* has this id/);
    await expect(explain('not-an-id', run.outputDir, options)).rejects.toThrow(/Ids look like M…, D…, C… or E…/);
  });

  it('says when the output folder has no run in it', async () => {
    await expect(explain('Cffffffffffff', path.join(run.outputDir, 'nothing-here'), options)).rejects.toThrow(OutputFolderError);
    await expect(explain('Cffffffffffff', path.join(run.outputDir, 'nothing-here'), options)).rejects.toThrow(/no manifest.json in .*: run the pipeline first/);
  });

  it('still shows the sentence from the table when the source file is not available', async () => {
    const row = run.tables.dates[0]!;
    const out = await explain(String(row.date_id), run.outputDir, { inputDir: path.join(run.outputDir, 'no-such-input'), rulesDir: 'rules' });
    const sentence = section(out, 'sentence');
    expect(sentence).toContain(`«${row.text}»`);
    expect(sentence).toMatch(/from the table, not the source file: cannot read/);
  });
});

describe('locateSentence', () => {
  it('finds a collapsed, quote-straightened sentence in the original text', () => {
    const text = [...'Intro line.\nHe said  “we will\n sign” today.  Next one.'];
    const start = text.join('').indexOf('sign');
    const found = locateSentence(text, start, start + 4, 'He said "we will sign" today.')!;
    expect(text.slice(found.start, found.end).join('')).toBe('He said  “we will\n sign” today.');
  });

  it('returns null when the sentence is not around the span', () => {
    const text = [...'One sentence here. Another one there.'];
    expect(locateSentence(text, 0, 3, 'Something else entirely.')).toBeNull();
  });
});
