import { MODALITIES, type ReportModel } from './model.js';

/**
 * Vega-Lite specs of the report's charts, with their data inline. Every mark's datum carries the
 * id the page needs to act on a click: `id` (a commitment), `actor`, `a`/`b` (two actors) or
 * `entity`. Plain JSON: the page hands them to vega-embed as they are.
 */
export type ChartSpec = Readonly<Record<string, unknown>>;

export interface ChartSpecs {
  readonly timeline: ChartSpec | null;
  readonly perActor: ChartSpec | null;
  readonly cooccurrence: ChartSpec | null;
  readonly people: ChartSpec | null;
  readonly organizations: ChartSpec | null;
}

/** Tableau 10 hues: distinct for colour-blind readers and in print. */
export const MODALITY_COLORS: Readonly<Record<(typeof MODALITIES)[number], string>> = {
  pledge: '#4e79a7',
  agreement: '#59a14f',
  signed: '#e15759',
  target: '#f28e2b',
  intention: '#b07aa1',
};
export const TYPE_COLORS = { PERSON: '#4e79a7', ORG: '#f28e2b', PLACE: '#59a14f' } as const;

const modalityScale = { domain: [...MODALITIES], range: MODALITIES.map((m) => MODALITY_COLORS[m]) };

/** Theme shared by all charts: the page's font, quiet axes. */
const config = {
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  view: { stroke: null },
  axis: { labelColor: '#3b4252', titleColor: '#3b4252', gridColor: '#eceff4', domainColor: '#a0a8b8', tickColor: '#a0a8b8', labelFontSize: 11, titleFontSize: 11, titleFontWeight: 600 },
  legend: { labelColor: '#3b4252', titleColor: '#3b4252', labelFontSize: 11, titleFontSize: 11 },
};

const short = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function chartSpecs(model: ReportModel): ChartSpecs {
  return {
    timeline: timeline(model),
    perActor: perActor(model),
    cooccurrence: cooccurrence(model),
    people: mostMentioned(model, 'PERSON'),
    organizations: mostMentioned(model, 'ORG'),
  };
}

function timeline(model: ReportModel): ChartSpec | null {
  const values = model.charts.timeline.map((t) => ({
    ...t,
    // Vega-Lite turns `when` into a timestamp as it parses dates; the page filters by `day`.
    day: t.when,
    basisLabel: t.basis === 'due' ? 'due date' : 'publication date',
    label: t.n === 1 ? t.first : `${t.n} commitments, e.g. ${t.first}`,
  }));
  if (!values.length) return null;
  const maxN = Math.max(...values.map((v) => v.n));
  const encoding = {
    // Padding in pixels keeps the marks at either end of the range whole.
    x: { field: 'when', type: 'temporal', timeUnit: 'utcyearmonthdate', title: null, scale: { padding: 24 }, axis: { format: '%b %Y', labelOverlap: true, grid: true, tickCount: 8 } },
    y: { field: 'modality', type: 'nominal', title: null, scale: { domain: [...MODALITIES] }, axis: { labelFontSize: 12, labelPadding: 6 } },
    tooltip: [
      { field: 'when', type: 'temporal', timeUnit: 'utcyearmonthdate', title: 'date', format: '%-d %b %Y' },
      { field: 'basisLabel', title: 'placed at its' },
      { field: 'modality' },
      { field: 'n', title: 'commitments' },
      { field: 'label', title: 'what' },
    ],
  };
  return {
    config,
    width: 'container',
    height: 220,
    data: { values },
    encoding,
    layer: [
      {
        mark: { type: 'point', filled: true, opacity: 0.85, cursor: 'pointer', stroke: 'white', strokeWidth: 1 },
        encoding: {
          // Commitments of one day and modality are one mark, sized by how many there are.
          size: { field: 'n', type: 'quantitative', scale: { domain: [1, Math.max(2, maxN)], range: [90, 900] }, legend: null },
          color: { field: 'modality', type: 'nominal', scale: modalityScale, legend: null },
          // The panel's caption explains the shapes; a legend here would repeat it.
          shape: { field: 'basisLabel', type: 'nominal', scale: { domain: ['publication date', 'due date'], range: ['circle', 'diamond'] }, legend: null },
        },
      },
      {
        transform: [{ filter: 'datum.n > 1' }],
        mark: { type: 'text', fontSize: 11, fontWeight: 600, color: 'white', cursor: 'pointer' },
        encoding: { text: { field: 'n', type: 'quantitative' } },
      },
    ],
  };
}

/** Bar labels must be unique: two entities may share a name. */
function uniqueLabels<T extends { readonly id: string; readonly name: string }>(items: readonly T[]): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Map<string, number>();
  for (const it of items) {
    if (out.has(it.id)) continue;
    const n = (used.get(it.name) ?? 0) + 1;
    used.set(it.name, n);
    out.set(it.id, n === 1 ? it.name : `${it.name} (${n})`);
  }
  return out;
}

function perActor(model: ReportModel): ChartSpec | null {
  const rows = model.charts.perActor;
  if (!rows.length) return null;
  const labels = uniqueLabels(rows.map((r) => ({ id: r.actor, name: r.name })));
  const order = [...labels.values()];
  const values = rows.map((r) => ({ actor: r.actor, label: labels.get(r.actor)!, modality: r.modality, n: r.n }));
  return {
    config,
    width: 'container',
    height: { step: 20 },
    data: { values },
    mark: { type: 'bar', cursor: 'pointer' },
    encoding: {
      y: { field: 'label', type: 'nominal', sort: order, title: null, axis: { labelLimit: 190 } },
      x: { field: 'n', type: 'quantitative', stack: 'zero', title: 'commitments', axis: { tickMinStep: 1, format: 'd' } },
      color: { field: 'modality', type: 'nominal', scale: modalityScale, legend: null },
      order: { field: 'modality', sort: 'ascending' },
      tooltip: [{ field: 'label', title: 'actor' }, { field: 'modality' }, { field: 'n', title: 'commitments' }],
    },
  };
}

function cooccurrence(model: ReportModel): ChartSpec | null {
  const cells = model.charts.cooccurrence;
  if (!cells.length) return null;
  const labels = uniqueLabels(cells.map((c) => ({ id: c.a, name: c.aName })));
  // Actors that commit together most come first; each pair once, below the diagonal.
  const together = new Map<string, number>();
  for (const c of cells) together.set(c.a, (together.get(c.a) ?? 0) + c.n);
  const ranked = [...together.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).map(([id]) => id);
  const rankOf = (id: string) => ranked.indexOf(id);
  const order = [...labels.entries()].sort((x, y) => rankOf(x[0]) - rankOf(y[0])).map(([, l]) => l);
  const values = cells
    .filter((c) => rankOf(c.a) < rankOf(c.b))
    .map((c) => ({ a: c.a, b: c.b, aLabel: labels.get(c.a)!, bLabel: labels.get(c.b)!, n: c.n }));
  const max = Math.max(...values.map((v) => v.n));
  const axis = { labelLimit: 110, domain: false, ticks: false, labelFontSize: 11 };
  return {
    config,
    width: { step: 24 },
    height: { step: 22 },
    data: { values },
    encoding: {
      x: { field: 'aLabel', type: 'nominal', title: null, scale: { domain: order.slice(0, -1) }, axis: { ...axis, labelAngle: -45, labelAlign: 'right' } },
      y: { field: 'bLabel', type: 'nominal', title: null, scale: { domain: order.slice(1) }, axis },
    },
    layer: [
      {
        mark: { type: 'rect', cursor: 'pointer', cornerRadius: 3, stroke: 'white', strokeWidth: 2 },
        encoding: {
          // Every cell prints its count, so the colour needs no legend.
          color: { field: 'n', type: 'quantitative', scale: { scheme: 'blues', domainMin: 0 }, legend: null },
          tooltip: [{ field: 'aLabel', title: 'actor' }, { field: 'bLabel', title: 'with' }, { field: 'n', title: 'commitments together' }],
        },
      },
      {
        mark: { type: 'text', fontSize: 11, cursor: 'pointer' },
        encoding: {
          text: { field: 'n', type: 'quantitative' },
          color: { condition: { test: `datum.n > ${max * 0.55}`, value: 'white' }, value: '#1d2433' },
          tooltip: [{ field: 'aLabel', title: 'actor' }, { field: 'bLabel', title: 'with' }, { field: 'n', title: 'commitments together' }],
        },
      },
    ],
  };
}

function mostMentioned(model: ReportModel, type: 'PERSON' | 'ORG'): ChartSpec | null {
  const rows = model.charts.topEntities.filter((e) => e.type === type);
  if (!rows.length) return null;
  const labels = uniqueLabels(rows);
  const values = rows.map((e) => ({ entity: e.id, label: labels.get(e.id)!, n: e.n }));
  return {
    config,
    width: 'container',
    height: { step: 20 },
    data: { values },
    mark: { type: 'bar', cursor: 'pointer', color: TYPE_COLORS[type], cornerRadiusEnd: 2 },
    encoding: {
      y: { field: 'label', type: 'nominal', sort: '-x', title: null, axis: { labelLimit: 200 } },
      x: { field: 'n', type: 'quantitative', title: 'mentions', axis: { tickMinStep: 1, format: 'd' } },
      tooltip: [{ field: 'label', title: type === 'PERSON' ? 'person' : 'organization' }, { field: 'n', title: 'mentions' }],
    },
  };
}
