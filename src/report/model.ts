import path from 'node:path';
import { loadRuleCatalog, type RuleCatalog, type RuleInfo } from './rule-catalog.js';
import { passageAround, readSourceText, type SourceText } from './sources.js';
import { straightenQuotes } from '../text/fold.js';
import { forEachRow, manifestInputDir, readAllRows, readManifest, type CommitmentRow, type DocumentRow, type EntityRow, type MentionRow, type SpanRow } from './tables.js';

/** How much of a large dataset the report carries. Charts are always computed over every row. */
export interface ReportLimits {
  /** Rows of each table kept for the searchable tables and one-click provenance. */
  readonly commitments: number;
  readonly dates: number;
  readonly entities: number;
  readonly mentions: number;
  /** Bars in "commitments per actor"; rows and columns of the co-occurrence matrix. */
  readonly actors: number;
  readonly matrixActors: number;
  /** Bars in each "most mentioned" chart. */
  readonly topEntities: number;
  /** Records above which passages are cut shorter, to keep the file small. */
  readonly shortPassagesAbove: number;
}

export const DEFAULT_LIMITS: ReportLimits = Object.freeze({
  commitments: 5000,
  dates: 2000,
  entities: 2000,
  mentions: 4000,
  actors: 20,
  matrixActors: 15,
  topEntities: 15,
  shortPassagesAbove: 3000,
});

export const MODALITIES = ['pledge', 'agreement', 'signed', 'target', 'intention'] as const;

export interface ReportOptions {
  /** Folder of the source articles; default: the one the manifest names. Needed for passages. */
  readonly inputDir?: string;
  /** Folder of rule files; default: the one the manifest names, else `rules`. */
  readonly rulesDir?: string;
  readonly limits?: Partial<ReportLimits>;
  /** The rule catalog of `rulesDir`, when the caller has loaded it already (or is loading it). */
  readonly catalog?: RuleCatalog | Promise<RuleCatalog>;
}

/** Where a record's span sits in a passage: [passage index, start, end) in UTF-16 units of that passage. */
export type PassageRef = readonly [number, number, number];

interface SpanRecord {
  readonly id: string;
  /** Index into `documents`. */
  readonly doc: number;
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly rule: string;
  /** The passage with the span, or, when the source cannot be read, the sentence from the table. */
  readonly p?: PassageRef;
  readonly sentence?: string;
}

export interface ReportMention extends SpanRecord {
  readonly entity: string;
  /** For gazetteer matches: the rule-file entry that lists the name. */
  readonly entry?: string;
  readonly type: string;
  readonly roles: readonly string[];
}

export interface ReportDate extends SpanRecord {
  readonly value: string;
  readonly granularity: string;
  readonly inferred: boolean;
}

export interface ReportCommitment extends SpanRecord {
  readonly actors: readonly string[];
  readonly actorNames: readonly string[];
  readonly trigger: string;
  readonly modality: string;
  readonly action: string;
  readonly object: string;
  readonly amount: string;
  readonly due: string;
  readonly code: string;
  readonly negated: boolean;
  /** Day the timeline places it on, and why: the due date when stated, else the publication date. */
  readonly when: string;
  readonly basis: 'due' | 'published' | '';
}

export interface ReportEntity {
  readonly id: string;
  readonly type: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly mentions: number;
  readonly docs: number;
  readonly roles: readonly string[];
  readonly country: string;
  readonly mergeRules: readonly string[];
  /** Ids of this entity's mentions that the report carries. */
  readonly mentionIds: string[];
}

export interface ReportDocument {
  readonly id: string;
  readonly source: string;
  readonly title: string;
  readonly published: string;
  readonly publisher: string;
  readonly url: string;
}

export interface RuleUse extends RuleInfo {
  readonly table: string;
  readonly records: number;
}

export interface ReportModel {
  readonly run: {
    readonly pipeline: string;
    readonly version: string;
    readonly rulesSha256: string;
    readonly configSha256: string;
    readonly counts: Readonly<Record<string, number>>;
    readonly failures: readonly { readonly source: string; readonly error: string }[];
  };
  /** Plain sentences for the reader: what was sampled, what could not be shown, and why. */
  readonly notes: readonly string[];
  readonly documents: readonly ReportDocument[];
  readonly passages: readonly string[];
  readonly rules: Readonly<Record<string, RuleInfo>>;
  readonly ruleUse: readonly RuleUse[];
  readonly entities: readonly ReportEntity[];
  readonly mentions: readonly ReportMention[];
  readonly dates: readonly ReportDate[];
  readonly commitments: readonly ReportCommitment[];
  readonly charts: {
    /** Commitments per day, modality and date basis, over every commitment; `first` describes one of them. */
    readonly timeline: readonly { readonly when: string; readonly modality: string; readonly basis: 'due' | 'published'; readonly n: number; readonly first: string }[];
    readonly perActor: readonly { readonly actor: string; readonly name: string; readonly modality: string; readonly n: number }[];
    readonly topEntities: readonly { readonly id: string; readonly name: string; readonly type: string; readonly n: number }[];
    readonly cooccurrence: readonly { readonly a: string; readonly b: string; readonly aName: string; readonly bName: string; readonly n: number }[];
    readonly undatedCommitments: number;
    readonly negatedCommitments: number;
  };
}

/** A calendar day for a date value (2023-12 -> 2023-12-01), or '' when the value names no year-month-day prefix. */
export function dayOf(value: string): string {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:$|\/|T)/.exec(value.split('/')[0] ?? '');
  if (!m) return '';
  return `${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}`;
}

/** Keeps the `k` largest items by `score` while items stream past, in bounded memory. */
class TopK<T> {
  private items: T[] = [];
  constructor(
    private readonly k: number,
    private readonly order: (a: T, b: T) => number,
  ) {}
  add(item: T): void {
    this.items.push(item);
    if (this.items.length >= this.k * 2) this.items = this.items.sort(this.order).slice(0, this.k);
  }
  result(): T[] {
    return this.items.sort(this.order).slice(0, this.k);
  }
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/**
 * Reads an output folder and builds everything the report shows. Tables are streamed: charts
 * count every row; the searchable tables keep up to `limits` rows (every k-th row when over),
 * and the notes say so.
 */
export async function buildReportModel(outputDir: string, options: ReportOptions = {}): Promise<ReportModel> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const manifest = await readManifest(outputDir);
  const counts = manifest.counts ?? {};
  const notes: string[] = [];
  const inputDir = options.inputDir ? path.resolve(options.inputDir) : manifestInputDir(manifest);
  const rulesDir = path.resolve(options.rulesDir ?? manifest.rules?.dir ?? 'rules');
  const catalog = await (options.catalog ?? loadRuleCatalog(rulesDir));

  const docRows = await readAllRows(outputDir, 'documents');
  const docIndex = new Map(docRows.map((d, i) => [d.doc_id, i]));
  const documents: ReportDocument[] = docRows.map((d) => ({ id: d.doc_id, source: d.source, title: d.title, published: d.published, publisher: d.publisher, url: d.url }));

  const total = (t: string) => counts[t] ?? 0;
  const keptRecords = Math.min(total('commitments'), limits.commitments) + Math.min(total('dates'), limits.dates) + Math.min(total('mentions'), limits.mentions);
  const passageLimits = keptRecords > limits.shortPassagesAbove ? { paragraph: 600, reach: 160 } : { paragraph: 1200, reach: 360 };
  const passages = new PassagePool(docRows, inputDir, passageLimits);

  const ruleIds = new Map<string, { table: string; records: number; kind: 'finder' | 'merge' }>();
  const countRule = (table: string, id: string, kind: 'finder' | 'merge' = 'finder') => {
    const key = `${table}\0${id}`;
    const u = ruleIds.get(key) ?? { table, records: 0, kind };
    u.records++;
    ruleIds.set(key, u);
  };

  // Entities: the most mentioned ones when there are too many.
  const entityTop = new TopK<EntityRow>(limits.entities, (a, b) => b.mention_count - a.mention_count || (a.name < b.name ? -1 : 1));
  const people = new TopK<EntityRow>(limits.topEntities, (a, b) => b.mention_count - a.mention_count || (a.name < b.name ? -1 : 1));
  const orgs = new TopK<EntityRow>(limits.topEntities, (a, b) => b.mention_count - a.mention_count || (a.name < b.name ? -1 : 1));
  let entityTotal = 0;
  await forEachRow(outputDir, 'entities', (e) => {
    entityTotal++;
    entityTop.add(e);
    if (e.type === 'PERSON') people.add(e);
    if (e.type === 'ORG') orgs.add(e);
    for (const r of e.merge_rules) countRule('entities', r, 'merge');
  });
  const entities: ReportEntity[] = entityTop.result().map((e) => ({
    id: e.entity_id,
    type: e.type,
    name: e.name,
    aliases: e.aliases,
    mentions: e.mention_count,
    docs: e.doc_count,
    roles: e.roles,
    country: e.country,
    mergeRules: e.merge_rules,
    mentionIds: [],
  }));
  if (entityTotal > entities.length) notes.push(`The entities table lists the ${plural(entities.length, 'most mentioned entity', 'most mentioned entities')} of ${entityTotal.toLocaleString('en')}.`);
  const entityById = new Map(entities.map((e) => [e.id, e]));

  // Mentions: up to a share per entity, so every listed entity keeps some of its mentions.
  const mentionTotal = total('mentions');
  const perEntity = mentionTotal <= limits.mentions ? Infinity : Math.max(1, Math.floor(limits.mentions / Math.max(1, entities.length)));
  const mentions: ReportMention[] = [];
  let mentionsSeen = 0;
  await forEachRow(outputDir, 'mentions', (m) => {
    mentionsSeen++;
    countRule('mentions', m.rule);
    const e = entityById.get(m.entity_id);
    if (!e || e.mentionIds.length >= perEntity || mentions.length >= limits.mentions) return;
    e.mentionIds.push(m.mention_id);
    const entry = gazetteerEntry(m, catalog);
    mentions.push({ id: m.mention_id, entity: m.entity_id, type: m.type, roles: m.roles, ...(entry ? { entry } : {}), ...spanFields(m, docIndex) } as ReportMention);
  });
  if (mentionsSeen > mentions.length) {
    notes.push(
      `The mentions table holds ${plural(mentions.length, 'mention')} of ${mentionsSeen.toLocaleString('en')}: ` +
        (perEntity === Infinity ? 'those of the listed entities.' : `at most ${plural(perEntity, 'mention')} per listed entity, in source order.`),
    );
  }

  // Dates and commitments: every k-th row when there are too many.
  const dates: ReportDate[] = [];
  const dateStride = Math.max(1, Math.ceil(total('dates') / limits.dates));
  let datesSeen = 0;
  await forEachRow(outputDir, 'dates', (d, i) => {
    datesSeen++;
    countRule('dates', d.rule);
    if (i % dateStride !== 0 || dates.length >= limits.dates) return;
    dates.push({ id: d.date_id, value: d.value, granularity: d.granularity, inferred: d.inferred, ...spanFields(d, docIndex) } as ReportDate);
  });
  if (datesSeen > dates.length) notes.push(`The dates table holds ${sample(dateStride, 'date', dates.length, datesSeen)}.`);

  const commitments: ReportCommitment[] = [];
  const commitStride = Math.max(1, Math.ceil(total('commitments') / limits.commitments));
  const perActor = new Map<string, { name: string; total: number; byModality: Map<string, number> }>();
  const pairs = new Map<string, number>();
  const timeline = new Map<string, { when: string; modality: string; basis: 'due' | 'published'; n: number; first: string }>();
  let commitmentsSeen = 0;
  let negated = 0;
  let undated = 0;
  await forEachRow(outputDir, 'commitments', (c, i) => {
    commitmentsSeen++;
    countRule('commitments', c.rule);
    const doc = docRows[docIndex.get(c.doc_id) ?? -1];
    const due = dayOf(c.due);
    const when = due || doc?.published || '';
    if (c.negated) negated++;
    else {
      if (!when) undated++;
      else {
        const basis = due ? 'due' : 'published';
        const key = `${when}|${c.modality}|${basis}`;
        const t = timeline.get(key) ?? { when, modality: c.modality, basis, n: 0, first: describeCommitment(c) };
        t.n++;
        timeline.set(key, t);
      }
      tallyActors(c, perActor, pairs);
    }
    if (i % commitStride !== 0 || commitments.length >= limits.commitments) return;
    commitments.push({
      id: c.commitment_id,
      actors: c.actors,
      actorNames: c.actor_names,
      trigger: c.trigger,
      modality: c.modality,
      action: c.action,
      object: c.object,
      amount: c.amount,
      due: c.due,
      code: c.code,
      negated: c.negated,
      when,
      basis: due ? 'due' : when ? 'published' : '',
      ...spanFields(c, docIndex),
    } as ReportCommitment);
  });
  if (passageLimits.paragraph < 1200) notes.push(`Passages are cut to ${passageLimits.reach} characters either side of the span, to keep this file small.`);
  if (commitmentsSeen > commitments.length) notes.push(`The commitments table holds ${sample(commitStride, 'commitment', commitments.length, commitmentsSeen)}. The charts count all of them.`);
  if (undated) notes.push(`${plural(undated, 'commitment')} ${undated === 1 ? 'is' : 'are'} not on the timeline: neither a due date nor the article's publication date is known.`);
  if (negated) notes.push(`${plural(negated, 'negated statement')} ("did not agree to") ${negated === 1 ? 'is' : 'are'} listed in the table but not counted in the charts.`);

  await passages.resolve([mentions, dates, commitments]);
  notes.push(...passages.notes());

  const topActors = [...perActor.entries()].sort((a, b) => b[1].total - a[1].total || (a[1].name < b[1].name ? -1 : 1));
  const chartActors = topActors.slice(0, limits.actors);
  // The matrix shows the actors that most often commit together with others.
  const together = new Map<string, number>();
  for (const [key, n] of pairs) for (const id of key.split('\0')) together.set(id, (together.get(id) ?? 0) + n);
  const matrixIds = new Set(
    [...together.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, limits.matrixActors)
      .map(([id]) => id),
  );
  const cooccurrence = [...pairs.entries()].flatMap(([key, n]) => {
    const [a, b] = key.split('\0') as [string, string];
    if (!matrixIds.has(a) || !matrixIds.has(b)) return [];
    const aName = perActor.get(a)!.name;
    const bName = perActor.get(b)!.name;
    return [
      { a, b, aName, bName, n },
      { a: b, b: a, aName: bName, bName: aName, n },
    ];
  });
  if (topActors.length > chartActors.length) notes.push(`"Commitments per actor" shows the ${chartActors.length} actors with the most commitments of ${topActors.length.toLocaleString('en')}.`);

  const rules: Record<string, RuleInfo> = {};
  const ruleUse: RuleUse[] = [];
  for (const [key, u] of [...ruleIds.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const id = key.split('\0')[1]!;
    const info = catalog.describe(id, u.kind);
    rules[id] = info;
    ruleUse.push({ ...info, table: u.table, records: u.records });
  }

  return {
    run: {
      pipeline: manifest.pipeline?.name ?? 'pipeline',
      version: manifest.pipeline?.version ?? '',
      rulesSha256: manifest.rules?.sha256 ?? '',
      configSha256: manifest.config?.sha256 ?? '',
      counts: { ...counts, documents: docRows.length, entities: entityTotal, mentions: mentionsSeen, dates: datesSeen, commitments: commitmentsSeen },
      failures: manifest.failures ?? [],
    },
    notes,
    documents,
    passages: passages.texts,
    rules,
    ruleUse,
    entities,
    mentions,
    dates,
    commitments,
    charts: {
      timeline: [...timeline.values()].sort((a, b) => (a.when < b.when ? -1 : a.when > b.when ? 1 : 0)),
      perActor: chartActors.flatMap(([actor, a]) => [...a.byModality.entries()].map(([modality, n]) => ({ actor, name: a.name, modality, n }))),
      topEntities: [...people.result(), ...orgs.result()].map((e) => ({ id: e.entity_id, name: e.name, type: e.type, n: e.mention_count })),
      cooccurrence,
      undatedCommitments: undated,
      negatedCommitments: negated,
    },
  };
}

/** "Vietnam, Laos: agreed to accelerate joint initiatives", at most about 120 characters. */
function describeCommitment(c: CommitmentRow): string {
  const s = `${c.actor_names.join(', ') || '(no actor found)'}: ${c.trigger} ${c.action}`;
  return s.length > 120 ? `${s.slice(0, 119)}…` : s;
}

/** Counts a commitment for each of its actors, and for each pair of actors that commit together. */
function tallyActors(c: CommitmentRow, perActor: Map<string, { name: string; total: number; byModality: Map<string, number> }>, pairs: Map<string, number>): void {
  const actors = c.actors.length ? c.actors : [''];
  actors.forEach((id, k) => {
    const a = perActor.get(id) ?? { name: id ? (c.actor_names[k] ?? id) : '(no actor found)', total: 0, byModality: new Map() };
    a.total++;
    a.byModality.set(c.modality, (a.byModality.get(c.modality) ?? 0) + 1);
    perActor.set(id, a);
  });
  const ids = [...new Set(c.actors)].sort();
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const key = `${ids[i]}\0${ids[j]}`;
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
    }
  }
}

/** The rule-file entry a gazetteer mention matched, e.g. `place.country.vn (rules/places.yaml:218)`. */
function gazetteerEntry(m: MentionRow, catalog: RuleCatalog): string | undefined {
  if (!m.rule.startsWith('gazetteer.')) return undefined;
  const found = catalog.entriesFor(m.text)[0] ?? catalog.entriesFor(straightenQuotes(m.text))[0];
  return found ? `${found.id} (${found.file})` : undefined;
}

/** "every 5th date: 1,606 dates of 8,026", or "the first 2,000 dates of 8,026" when the total was not known up front. */
function sample(stride: number, noun: string, kept: number, seen: number): string {
  const of = `${plural(kept, noun)} of ${seen.toLocaleString('en')}`;
  return stride > 1 ? `every ${ordinal(stride)} ${noun}: ${of}` : `the first ${of}`;
}

function ordinal(n: number): string {
  if (n === 2) return 'second';
  if (n === 3) return 'third';
  const s = n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th';
  return `${n}${s}`;
}

interface PendingSpan {
  readonly doc: number;
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly rule: string;
  sentence?: string;
  p?: PassageRef;
}

/** The fields every span record shares; `PassagePool.resolve` later swaps `sentence` for a passage. */
function spanFields(row: SpanRow, docIndex: ReadonlyMap<string, number>): PendingSpan {
  return { doc: docIndex.get(row.doc_id) ?? -1, text: row.text, start: row.start, end: row.end, rule: row.rule, sentence: row.sentence };
}

/**
 * Passages for records, shared between records in the same paragraph. Each source file is read
 * once, and checked against the SHA-256 the run recorded.
 */
class PassagePool {
  readonly texts: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly problems = new Map<string, string>();
  private mismatches = 0;
  private withoutSource = 0;

  constructor(
    private readonly docs: readonly DocumentRow[],
    private readonly inputDir: string | undefined,
    private readonly limits: { readonly paragraph: number; readonly reach: number },
  ) {}

  /**
   * Gives each record its passage (`p`) in place of the table's sentence. The records are the
   * report's own objects, built just before; nothing outside this module has seen them yet.
   */
  async resolve(tables: readonly (readonly object[])[]): Promise<void> {
    const byDoc = new Map<number, PendingSpan[]>();
    for (const t of tables) {
      for (const r of t as PendingSpan[]) {
        const list = byDoc.get(r.doc) ?? [];
        list.push(r);
        byDoc.set(r.doc, list);
      }
    }
    for (const [doc, records] of [...byDoc.entries()].sort((a, b) => a[0] - b[0])) {
      const d = this.docs[doc];
      let source: SourceText;
      if (!d) source = { ok: false, problem: 'the document is not in the documents table' };
      else if (!this.inputDir) source = { ok: false, problem: 'the input folder is not known (pass inputDir)' };
      else source = await readSourceText(this.inputDir, d.source, d.sha256);
      if (!source.ok) {
        this.problems.set(d?.source ?? `document ${doc}`, source.problem);
        this.withoutSource += records.length;
        continue;
      }
      for (const r of records) {
        const p = passageAround(source.codePoints, r.start, r.end, this.limits);
        if (p.span !== r.text) {
          this.mismatches++;
          continue;
        }
        const lead = p.cutBefore ? '… ' : '';
        const key = `${doc}:${p.start}:${p.end}`;
        let i = this.index.get(key);
        if (i === undefined) {
          i = this.texts.length;
          this.texts.push(`${lead}${p.before}${p.span}${p.after}${p.cutAfter ? ' …' : ''}`);
          this.index.set(key, i);
        }
        const at = lead.length + p.before.length;
        r.p = [i, at, at + p.span.length];
        delete r.sentence;
      }
    }
  }

  notes(): string[] {
    const out: string[] = [];
    if (this.withoutSource) {
      const first = [...this.problems.values()][0]!;
      out.push(
        `${plural(this.withoutSource, 'record')} ${this.withoutSource === 1 ? 'shows' : 'show'} the sentence from the table instead of the source passage: ${first}` +
          (this.problems.size > 1 ? ` (and ${plural(this.problems.size - 1, 'other file')})` : '') +
          '.',
      );
    }
    if (this.mismatches) out.push(`${plural(this.mismatches, 'record')}: the offsets do not slice the record's text out of its source file; the table's sentence is shown instead.`);
    return out;
  }
}
