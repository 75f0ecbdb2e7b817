import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReport } from '../../src/report/index.js';
import { runPipelineOnRaw, type PipelineRun, type Row } from './support.js';

/** Debian's chromium package; CI installs it (apt-get install -y chromium). Never downloaded. */
const CHROMIUM = '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
if (!HAVE_CHROMIUM) console.warn(`tests/report/browser.test.ts: SKIPPED, ${CHROMIUM} not found; install Debian's chromium (apt-get install -y chromium) to run it`);

/** The flags this machine needs: no sandbox as root, and no background connections to a closed network. */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** `UPDATE_SCREENSHOT=1` also refreshes the README's picture, docs/report.png. */
const README_SCREENSHOT = path.resolve('docs/report.png');

let run: PipelineRun;
let reportFile: string;
let profile: string;
let context: BrowserContext;
let page: Page;
const offline: string[] = [];
const errors: string[] = [];

const byId = (table: keyof PipelineRun['tables'], column: string) => new Map(run.tables[table].map((r) => [String(r[column]), r]));

async function openReport(hash = ''): Promise<void> {
  // A new document each time: going to the same file with another #hash would not reload it.
  await page.goto('about:blank');
  await page.goto(pathToFileURL(reportFile).href + hash);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
}

/** The provenance panel's highlighted span, once it shows `id`. */
async function highlighted(id: string): Promise<string> {
  await page.waitForSelector(`#provenance[data-selected="${id}"]`);
  return page.locator('#provenance blockquote.passage mark').innerText();
}

/** The JSON the page carries in <script type="application/json" id="…">, read from the file. */
async function embedded(id: string): Promise<unknown> {
  const html = await readFile(reportFile, 'utf8');
  const m = new RegExp(`<script type="application/json" id="${id}">(.*?)</script>`, 's').exec(html);
  return JSON.parse(m![1]!);
}

const timelineValues = async () => ((await embedded('report-specs')) as { timeline: { data: { values: { n: number; when: string; modality: string }[] } } }).timeline.data.values;

const visibleRows = (table: string) => page.locator(`#${table}-table tbody tr`);

describe.skipIf(!HAVE_CHROMIUM)(HAVE_CHROMIUM ? 'report.html in headless Chromium' : `report.html in headless Chromium (skipped: ${CHROMIUM} not found)`, () => {
  beforeAll(async () => {
    run = await runPipelineOnRaw('report-browser-');
    const written = await writeReport(run.outputDir, { inputDir: 'raw', rulesDir: 'rules' });
    reportFile = written.file;
    profile = await mkdtemp(path.join(tmpdir(), 'report-chromium-'));
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1440, height: 1000 } });
    page = await context.newPage();
    page.on('request', (r) => {
      if (!/^(file|data|blob|about):/.test(r.url())) offline.push(r.url());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await openReport();
  });

  afterAll(async () => {
    await context?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
    // The screenshot stays in output/report-screenshot.png.
    if (run) await rm(run.outputDir, { recursive: true, force: true });
  });

  it('is one file that loads with no network request and no script error', async () => {
    const html = await readFile(reportFile, 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+href=/i);
    expect(offline).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('shows the run summary from the manifest', async () => {
    const manifest = JSON.parse(await readFile(path.join(run.outputDir, 'manifest.json'), 'utf8')) as { pipeline: { version: string }; rules: { sha256: string } };
    for (const t of ['documents', 'entities', 'mentions', 'dates', 'commitments'] as const) {
      await expect(page.locator(`[data-testid="count-${t}"] .n`).innerText()).resolves.toBe(run.tables[t].length.toLocaleString('en'));
    }
    await expect(page.locator('[data-testid="count-failures"] .n').innerText()).resolves.toBe('0');
    const header = await page.locator('header.top .sub').innerText();
    expect(header).toContain(manifest.pipeline.version);
    expect(header).toContain(manifest.rules.sha256.slice(0, 12));
  });

  it('renders every chart as SVG with marks', async () => {
    // Vega draws each mark type as <g class="mark-… role-mark">; axis labels are role-axis-label.
    const marks = async (chart: string, selector: string) => page.locator(`[data-chart="${chart}"] svg .role-mark${selector}`).count();
    for (const chart of ['timeline', 'perActor', 'cooccurrence', 'people', 'organizations']) {
      await expect(page.locator(`[data-chart="${chart}"]`).getAttribute('data-rendered')).resolves.toBe('true');
    }
    // One mark per day and modality, and together they count every dated commitment.
    const data = (await embedded('report-data')) as { commitments: { when: string; negated: boolean }[] };
    const dated = data.commitments.filter((c) => c.when && !c.negated).length;
    const groups = (await timelineValues()).map((v) => v.n);
    expect(dated).toBeGreaterThan(0);
    expect(groups.reduce((a, b) => a + b, 0)).toBe(dated);
    expect(await marks('timeline', '.mark-symbol path')).toBe(groups.length);
    expect(await marks('perActor', '.mark-rect path')).toBeGreaterThan(0);
    expect(await marks('cooccurrence', '.mark-rect path')).toBeGreaterThan(0);
    expect(await marks('cooccurrence', '.mark-text text')).toBe(await marks('cooccurrence', '.mark-rect path'));
    const people = run.tables.entities.filter((e) => e.type === 'PERSON').length;
    expect(await marks('people', '.mark-rect path')).toBe(Math.min(15, people));
    expect(await marks('organizations', '.mark-rect path')).toBeGreaterThan(0);
  });

  it('filters the commitments table as the analyst types in its search box', async () => {
    const total = run.tables.commitments.length;
    await expect(visibleRows('commitments').count()).resolves.toBe(total);
    await page.fill('#commitments-search', 'Cambodia');
    const n = await visibleRows('commitments').count();
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(total);
    for (const text of await visibleRows('commitments').allInnerTexts()) expect(text.toLowerCase()).toContain('cambodia');
    await expect(page.locator('[data-testid="commitments-shown"]').innerText()).resolves.toBe(`${n} of ${total} rows`);
    await page.fill('#commitments-search', 'no-such-words-anywhere');
    await expect(visibleRows('commitments').count()).resolves.toBe(0);
    await page.fill('#commitments-search', '');
    await expect(visibleRows('commitments').count()).resolves.toBe(total);
  });

  it('sorts the entities table by a column, and searches it without accents', async () => {
    await page.click('#tab-entities');
    await page.click('#entities-table th:has-text("Mentions")');
    const counts = (await page.locator('#entities-table tbody tr td:nth-child(3)').allInnerTexts()).map(Number);
    expect(counts.length).toBe(run.tables.entities.length);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    // Search ignores accents: an analyst can type Vietnamese names without diacritics.
    const accented = run.tables.entities.map((e) => String(e.name)).find((n) => n.normalize('NFD') !== n)!;
    const plain = accented.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
    await page.fill('#entities-search', plain);
    await expect(visibleRows('entities').allInnerTexts()).resolves.toEqual(expect.arrayContaining([expect.stringContaining(accented)]));
    await page.fill('#entities-search', '');
    await page.click('#tab-commitments');
  });

  it('shows, for every commitment clicked, its source passage with exactly its text highlighted, its document and its rule', async () => {
    const commitments = byId('commitments', 'commitment_id');
    const documents = byId('documents', 'doc_id');
    const ids = await visibleRows('commitments').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')!));
    expect(ids.length).toBe(commitments.size);
    for (const id of ids) {
      await page.click(`#commitments-table tbody tr[data-id="${id}"]`);
      const record = commitments.get(id)!;
      expect(await highlighted(id)).toBe(record.text);
      const panel = await page.locator('#provenance').innerText();
      expect(panel).toContain(String(record.source));
      const title = String(documents.get(String(record.doc_id))!.title);
      if (title) expect(panel).toContain(title);
      await expect(page.locator('#provenance [data-testid="rule"] code').innerText()).resolves.toBe(record.rule);
    }
  });

  it('does the same for a date and a mention', async () => {
    for (const [table, column] of [
      ['dates', 'date_id'],
      ['mentions', 'mention_id'],
    ] as const) {
      await page.click(`#tab-${table}`);
      const row = visibleRows(table).nth(3);
      const id = (await row.getAttribute('data-id'))!;
      await row.click();
      const record = byId(table, column).get(id)!;
      expect(await highlighted(id)).toBe(record.text);
      await expect(page.locator('#provenance [data-testid="rule"] code').innerText()).resolves.toBe(record.rule);
    }
    await page.click('#tab-commitments');
  });

  it('lists the commitments of a timeline mark, or opens the one it stands for', async () => {
    const values = await timelineValues();
    const points = page.locator('[data-chart="timeline"] svg .role-mark.mark-symbol path');
    const many = values.findIndex((v) => v.n > 1);
    if (many >= 0) {
      await points.nth(many).click();
      await expect(page.locator('[data-testid="commitments-filter"]').innerText()).resolves.toContain(values[many]!.when);
      await expect(visibleRows('commitments').count()).resolves.toBe(values[many]!.n);
      for (const text of await visibleRows('commitments').allInnerTexts()) expect(text).toContain(values[many]!.when);
      await page.click('[data-testid="commitments-filter"] button');
      await expect(visibleRows('commitments').count()).resolves.toBe(run.tables.commitments.length);
    }
    const one = values.findIndex((v) => v.n === 1);
    if (one >= 0) {
      await points.nth(one).click();
      await page.waitForSelector('#provenance[data-selected^="C"]');
      const id = (await page.locator('#provenance').getAttribute('data-selected'))!;
      const record: Row | undefined = byId('commitments', 'commitment_id').get(id);
      expect(record?.modality).toBe(values[one]!.modality);
      expect(await highlighted(id)).toBe(record!.text);
      await page.click('[data-testid="commitments-filter"] button');
    }
    expect(many >= 0 || one >= 0).toBe(true);
  });

  it('opens an entity with its merge rules and mentions from the people chart', async () => {
    await page.locator('[data-chart="people"] svg .role-mark.mark-rect path').first().click();
    const id = (await page.locator('#provenance').getAttribute('data-selected'))!;
    const entity = byId('entities', 'entity_id').get(id)!;
    expect(entity.type).toBe('PERSON');
    const mentions = run.tables.mentions.filter((m) => m.entity_id === id);
    expect(mentions.length).toBe(entity.mention_count);
    await expect(page.locator('#provenance .mentions-list li').count()).resolves.toBe(Math.min(20, mentions.length));
    for (const rule of entity.merge_rules as string[]) await expect(page.locator('#provenance').innerText()).resolves.toContain(rule);
  });

  it('opens the record a link names (report.html#id) and saves a screenshot', async () => {
    const pick = run.tables.commitments.find((c) => c.modality === 'pledge' && (c.actors as string[]).length > 1) ?? run.tables.commitments[0]!;
    const id = String(pick.commitment_id);
    await openReport(`#${id}`);
    expect(await highlighted(id)).toBe(pick.text);
    const shot = path.join(run.outputDir, 'report.png');
    await page.screenshot({ path: shot });
    expect((await readFile(shot)).subarray(1, 4).toString()).toBe('PNG');
    // A copy in the project's output/ folder (git-ignored), to look at after the run.
    await mkdir('output', { recursive: true });
    await copyFile(shot, path.join('output', 'report-screenshot.png'));
    if (process.env.UPDATE_SCREENSHOT) {
      await mkdir(path.dirname(README_SCREENSHOT), { recursive: true });
      await copyFile(shot, README_SCREENSHOT);
    }
  });
});
