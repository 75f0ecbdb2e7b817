import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { buildReportModel, writeReport, type ReportModel } from '../../src/report/index.js';
import { dayOf } from '../../src/report/model.js';
import { passageAround, readSourceText } from '../../src/report/sources.js';
import { runPipelineOnRaw, type PipelineRun } from './support.js';

let run: PipelineRun;
let model: ReportModel;

beforeAll(async () => {
  run = await runPipelineOnRaw('report-model-');
  model = await buildReportModel(run.outputDir, { inputDir: 'raw', rulesDir: 'rules' });
});

afterAll(async () => {
  if (run) await rm(run.outputDir, { recursive: true, force: true });
});

const spanRecords = (m: ReportModel) => [...m.commitments, ...m.dates, ...m.mentions];

describe('the report model of a run on raw/', () => {
  it('carries every record, each with a passage in which its span is exactly its text', () => {
    expect(model.commitments.length).toBe(run.tables.commitments.length);
    expect(model.dates.length).toBe(run.tables.dates.length);
    expect(model.mentions.length).toBe(run.tables.mentions.length);
    expect(model.entities.length).toBe(run.tables.entities.length);
    for (const r of spanRecords(model)) {
      expect(r.p, r.id).toBeDefined();
      const [i, s, e] = r.p!;
      expect(model.passages[i]!.slice(s, e)).toBe(r.text);
    }
    expect(model.notes.some((n) => /sampl|every \d|holds/.test(n))).toBe(false);
  });

  it('describes every rule it uses: a reason from rules/ or the module that produced it', () => {
    const used = new Set([...spanRecords(model).map((r) => r.rule), ...model.entities.flatMap((e) => e.mergeRules)]);
    for (const id of used) {
      const info = model.rules[id]!;
      expect(info, id).toBeDefined();
      expect(info.reason ?? info.module, id).toBeTruthy();
    }
  });

  it('counts commitments per actor and pairs of actors over every non-negated commitment', () => {
    const live = run.tables.commitments.filter((c) => !c.negated);
    const perActor = new Map<string, number>();
    for (const c of live) for (const a of c.actors as string[]) perActor.set(a, (perActor.get(a) ?? 0) + 1);
    const charted = new Map<string, number>();
    for (const r of model.charts.perActor) charted.set(r.actor, (charted.get(r.actor) ?? 0) + r.n);
    for (const [actor, n] of charted) if (actor) expect(n, actor).toBe(perActor.get(actor));
    for (const cell of model.charts.cooccurrence) {
      expect(cell.n).toBe(live.filter((c) => (c.actors as string[]).includes(cell.a) && (c.actors as string[]).includes(cell.b)).length);
    }
    const onTimeline = model.charts.timeline.reduce((a, t) => a + t.n, 0);
    expect(onTimeline + model.charts.undatedCommitments).toBe(live.length);
  });
});

describe('a large dataset', () => {
  it('keeps the file small by sampling the tables, and says so; charts still count every row', async () => {
    const small = await buildReportModel(run.outputDir, { inputDir: 'raw', rulesDir: 'rules', limits: { commitments: 10, dates: 10, mentions: 100, entities: 20, shortPassagesAbove: 50 } });
    expect(small.commitments.length).toBeLessThanOrEqual(10);
    expect(small.dates.length).toBeLessThanOrEqual(10);
    expect(small.entities.length).toBe(20);
    expect(small.mentions.length).toBeLessThanOrEqual(100);
    // The entities kept are the most mentioned, and each keeps some of its mentions.
    const least = Math.min(...small.entities.map((e) => e.mentions));
    expect(run.tables.entities.filter((e) => Number(e.mention_count) > least).length).toBeLessThan(20);
    for (const e of small.entities) expect(e.mentionIds.length, e.name).toBeGreaterThan(0);
    const notes = small.notes.join('\n');
    expect(notes).toMatch(new RegExp(`The commitments table holds every \\w+ commitment: \\d+ commitments of ${run.tables.commitments.length}\\.`));
    expect(notes).toMatch(/The dates table holds every/);
    expect(notes).toMatch(/The entities table lists the 20 most mentioned entities of/);
    expect(notes).toMatch(/The mentions table holds/);
    expect(notes).toMatch(/Passages are cut to 160 characters/);
    expect(small.charts.perActor).toEqual(model.charts.perActor);
    expect(small.charts.timeline).toEqual(model.charts.timeline);
    for (const r of spanRecords(small)) expect(small.passages[r.p![0]]!.slice(r.p![1], r.p![2])).toBe(r.text);
  });
});

describe('writeReport', () => {
  it('writes one self-contained report.html, and leaves it alone when nothing changed', async () => {
    const first = await writeReport(run.outputDir, { inputDir: 'raw', rulesDir: 'rules' });
    expect(first.file).toBe(path.join(run.outputDir, 'report.html'));
    const html = await readFile(first.file, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|@import/i);
    expect(html).toContain('vega-lite');
    expect((await stat(first.file)).size).toBeLessThan(3 * 1024 * 1024);
    const mtime = (await stat(first.file)).mtimeMs;
    const second = await writeReport(run.outputDir, { inputDir: 'raw', rulesDir: 'rules' });
    expect(second.changed).toBe(false);
    expect((await stat(first.file)).mtimeMs).toBe(mtime);
  });

  it('without the input folder, shows each sentence from the table and says why', async () => {
    // A run whose manifest does not say where its articles are (e.g. copied from elsewhere).
    const copy = await mkdtemp(path.join(tmpdir(), 'report-noinput-'));
    await cp(run.outputDir, copy, { recursive: true });
    const manifest = JSON.parse(await readFile(path.join(copy, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    delete manifest.input;
    await writeFile(path.join(copy, 'manifest.json'), JSON.stringify(manifest));
    const m = await buildReportModel(copy, { rulesDir: 'rules' });
    expect(m.notes.join('\n')).toMatch(/show the sentence from the table instead of the source passage: the input folder is not known/);
    for (const r of spanRecords(m)) expect(r.sentence, r.id).toBeTruthy();
  });
});

describe('passageAround', () => {
  const text = [...'Title\n\nFirst paragraph with a span in it. More words follow here.\nSecond paragraph.'];
  const at = text.join('').indexOf('span');

  it('gives the whole paragraph when it is short', () => {
    const p = passageAround(text, at, at + 4);
    expect(p.before + p.span + p.after).toBe('First paragraph with a span in it. More words follow here.');
    expect(p.span).toBe('span');
    expect([p.cutBefore, p.cutAfter]).toEqual([false, false]);
  });

  it('cuts a long paragraph at spaces around the span', () => {
    const p = passageAround(text, at, at + 4, { paragraph: 20, reach: 10 });
    expect(p.span).toBe('span');
    expect(p.before).toBe('with a ');
    expect(p.after).toBe(' in it.');
    expect([p.cutBefore, p.cutAfter]).toEqual([true, true]);
  });

  it('counts offsets in code points, not UTF-16 units', () => {
    const cps = [...'😀 Hà Nội said 😀'];
    const p = passageAround(cps, 2, 8);
    expect(p.span).toBe('Hà Nội');
  });
});

describe('dayOf', () => {
  it('turns date values into the first day they cover, or nothing', () => {
    expect(dayOf('2023-12')).toBe('2023-12-01');
    expect(dayOf('2023')).toBe('2023-01-01');
    expect(dayOf('2017-02-22/2017-02-23')).toBe('2017-02-22');
    expect(dayOf('199')).toBe('');
    expect(dayOf('2018-W15')).toBe('');
    expect(dayOf('')).toBe('');
  });
});

describe('readSourceText', () => {
  const sha = (s: string) => createHash('sha256').update(s).digest('hex');

  it('reads a file and checks it is the one the run read', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'report-src-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    await writeFile(path.join(dir, 'a.txt'), '\uFEFFHà Nội, 5 March');
    const got = await readSourceText(dir, 'a.txt', sha('\uFEFFHà Nội, 5 March'));
    expect(got.ok && got.codePoints.slice(0, 6).join('')).toBe('Hà Nội');
    const changed = await readSourceText(dir, 'a.txt', sha('something else'));
    expect(changed.ok ? '' : changed.problem).toMatch(/has changed since the run/);
  });

  it('reads one record of a JSON Lines export, as the ingest stage splits it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'report-src-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const second = 'Vietnam and Laos agreed to work together.';
    await writeFile(path.join(dir, 'export.jsonl'), `${JSON.stringify({ text: 'First article.' })}\n${JSON.stringify({ title: 'Two', text: second })}\n`);
    const got = await readSourceText(dir, 'export.jsonl#2', sha(second));
    expect(got.ok && got.text).toBe(second);
    const missing = await readSourceText(dir, 'export.jsonl#9', '');
    expect(missing.ok ? '' : missing.problem).toMatch(/has no record 9/);
  });
});
