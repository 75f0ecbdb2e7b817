import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { SRC_DIR } from '../paths.js';
import type { ChartSpecs } from './charts.js';
import { MODALITY_COLORS } from './charts.js';
import type { ReportModel } from './model.js';

/** The stylesheet and browser script inlined into the page (read from the sources, also when bundled). */
const ASSETS = path.join(SRC_DIR, 'report');

/** The browser builds inlined into the page, in load order (vega-lite and vega-embed need vega). */
const LIBRARIES = [
  { pkg: 'vega', file: 'build/vega.min.js' },
  { pkg: 'vega-lite', file: 'build/vega-lite.min.js' },
  { pkg: 'vega-embed', file: 'build/vega-embed.min.js' },
] as const;

/** A package's folder in node_modules; `exports` maps hide their build files from `require.resolve`. */
function packageDir(pkg: string): string {
  const require = createRequire(import.meta.url);
  for (const base of require.resolve.paths(pkg) ?? []) {
    const dir = path.join(base, pkg);
    try {
      require.resolve(path.join(dir, 'package.json'));
      return dir;
    } catch {
      // not in this node_modules; try the next one up
    }
  }
  throw new Error(`cannot find the package ${pkg} in node_modules (npm ci installs it)`);
}

async function libraryScripts(): Promise<{ name: string; version: string; code: string }[]> {
  return Promise.all(
    LIBRARIES.map(async ({ pkg, file }) => {
      const dir = packageDir(pkg);
      const version = (JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
      const code = (await readFile(path.join(dir, file), 'utf8')).replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
      return { name: pkg, version, code: scriptSafe(code) };
    }),
  );
}

/** Text that cannot end the <script> element it sits in. */
function scriptSafe(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/** JSON for a <script type="application/json"> element. */
function jsonScript(id: string, value: unknown): string {
  const json = JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  return `<script type="application/json" id="${id}">${json}</script>`;
}

const esc = (s: string | number) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const fmt = (n: number) => n.toLocaleString('en');

function summaryHtml(model: ReportModel): string {
  const c = model.run.counts;
  const failures = model.run.failures.length;
  const card = (n: number, label: string, bad = false) => `<div class="card${bad ? ' bad' : ''}" data-testid="count-${esc(label)}"><div class="n">${fmt(n)}</div><div class="l">${esc(label)}</div></div>`;
  const cards = [card(c.documents ?? 0, 'documents'), card(c.entities ?? 0, 'entities'), card(c.mentions ?? 0, 'mentions'), card(c.dates ?? 0, 'dates'), card(c.commitments ?? 0, 'commitments'), card(failures, 'failures', failures > 0)].join('');
  const notes = model.notes.length ? `<ul class="notes" data-testid="notes">${model.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : '';
  const failed = failures
    ? `<ul class="failures"><li><b>Documents that failed</b> (not in the tables):</li>${model.run.failures.map((f) => `<li><code>${esc(f.source)}</code>: ${esc(f.error)}</li>`).join('')}</ul>`
    : '';
  return `<div class="cards">${cards}</div>${failed}${notes}`;
}

function rulesTable(model: ReportModel): string {
  const rows = model.ruleUse
    .map((r) => {
      const where = r.reason ? esc(r.file ?? '') : r.module ? `code: ${esc(r.module)}` : 'not found';
      return `<tr><td class="mono nowrap">${esc(r.id)}</td><td>${esc(r.table)}</td><td class="num">${fmt(r.records)}</td><td>${esc(r.reason ?? r.note ?? '')}</td><td class="mono">${where}</td></tr>`;
    })
    .join('');
  return `<div class="table-wrap"><table class="data static"><thead><tr><th>Rule</th><th>Table</th><th>Records</th><th>Why</th><th>Defined in</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

function documentsTable(model: ReportModel): string {
  const rows = model.documents
    .map((d) => `<tr><td>${esc(d.title || '(no title)')}</td><td class="nowrap">${esc(d.published)}</td><td>${esc(d.publisher)}</td><td class="mono">${esc(d.source)}</td><td class="mono">${esc(d.id)}</td></tr>`)
    .join('');
  return `<div class="table-wrap"><table class="data static"><thead><tr><th>Title</th><th>Published</th><th>Publisher</th><th>Source file</th><th>doc_id</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

/** Renders the whole self-contained page. */
export async function renderReportHtml(model: ReportModel, specs: ChartSpecs): Promise<string> {
  const [css, client, libs] = await Promise.all([readFile(path.join(ASSETS, 'report.css'), 'utf8'), readFile(path.join(ASSETS, 'client.js'), 'utf8'), libraryScripts()]);
  const r = model.run;
  const legend = Object.entries(MODALITY_COLORS)
    .map(([m]) => `<span class="chip ${m}">${m}</span>`)
    .join(' ');
  const tab = (name: string, label: string, n: number, first = false) =>
    `<button type="button" role="tab" data-tab="${name}" id="tab-${name}" aria-controls="pane-${name}" aria-selected="${first}">${label}<span class="count">${fmt(n)}</span></button>`;
  const pane = (name: string, inner: string, first = false) => `<div role="tabpanel" id="pane-${name}" aria-labelledby="tab-${name}"${first ? '' : ' hidden'}>${inner}</div>`;
  const built = libs.map((l) => `${l.name} ${l.version}`).join(', ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${esc(r.pipeline)} ${esc(r.version)}; charts by ${esc(built)}">
<title>Commitments report · ${fmt(r.counts.documents ?? 0)} documents</title>
<style>${css}</style>
</head>
<body>
<header class="top">
  <h1>Commitments in the news: analyst report</h1>
  <div class="sub">${esc(r.pipeline)} <code>${esc(r.version)}</code> · rules <code title="SHA-256 of the rule files: ${esc(r.rulesSha256)}">${esc(r.rulesSha256.slice(0, 12))}</code> · config <code title="${esc(r.configSha256)}">${esc(r.configSha256.slice(0, 12))}</code> · click any point, bar, cell or row to see where it comes from</div>
  ${summaryHtml(model)}
</header>
<div class="layout">
<main>
  <section class="panel" id="timeline">
    <header><h2>Commitments over time</h2><p class="legend">${legend}</p></header>
    <p class="caption">Commitments of one day and modality, sized by how many: at their due date when one is stated (◆), else at the publication date of their article (●). Click a mark to list them.</p>
    <div class="chart" data-chart="timeline" data-empty="No commitment has a due date or a publication date."></div>
  </section>
  <div class="grid2">
    <section class="panel" id="per-actor">
      <header><h2>Commitments per actor</h2><p>click a bar to list them</p></header>
      <p class="caption legend">${legend}</p>
      <div class="chart" data-chart="perActor" data-empty="No commitments."></div>
    </section>
    <section class="panel" id="together">
      <header><h2>Who commits together</h2><p>click a cell to list them</p></header>
      <p class="caption">Commitments that name both actors.</p>
      <div class="chart matrix" data-chart="cooccurrence" data-empty="No commitment names two or more actors."></div>
    </section>
  </div>
  <div class="grid2">
    <section class="panel" id="people">
      <header><h2>Most mentioned people</h2><p>mentions across all documents</p></header>
      <div class="chart" data-chart="people" data-empty="No people found."></div>
    </section>
    <section class="panel" id="organizations">
      <header><h2>Most mentioned organizations</h2><p>mentions across all documents</p></header>
      <div class="chart" data-chart="organizations" data-empty="No organizations found."></div>
    </section>
  </div>
  <section class="panel" id="tables">
    <div class="tabs" role="tablist">
      ${tab('commitments', 'Commitments', model.commitments.length, true)}
      ${tab('entities', 'Entities', model.entities.length)}
      ${tab('dates', 'Dates', model.dates.length)}
      ${tab('mentions', 'Mentions', model.mentions.length)}
      ${tab('documents', 'Documents', model.documents.length)}
      ${tab('rules', 'Rules', model.ruleUse.length)}
    </div>
    ${pane('commitments', '<div id="table-commitments"></div>', true)}
    ${pane('entities', '<div id="table-entities"></div>')}
    ${pane('dates', '<div id="table-dates"></div>')}
    ${pane('mentions', '<div id="table-mentions"></div>')}
    ${pane('documents', documentsTable(model))}
    ${pane('rules', rulesTable(model))}
  </section>
</main>
<aside class="panel" id="provenance" aria-live="polite">
  <h2>Provenance</h2>
  <p class="hint">Select a commitment, date, mention or entity (in a chart or a table) to see its source passage with the exact span highlighted, the document it comes from, and the rule that produced it.</p>
</aside>
</div>
${jsonScript('report-data', model)}
${jsonScript('report-specs', specs)}
${libs.map((l) => `<script>/* ${l.name} ${l.version} */\n${l.code}</script>`).join('\n')}
<script>${scriptSafe(client)}</script>
</body>
</html>
`;
}
