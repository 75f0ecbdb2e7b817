import { hash } from 'node:crypto';
import { bestName } from '../text/names.js';
import { matchKey, straightenQuotes } from '../text/fold.js';
import type { EntityType, LocalEntity } from '../types.js';

/** What resolution needs of one document: its id, source and local entities (no mention lists). */
export interface EntitySummary {
  readonly docId: string;
  readonly source: string;
  readonly entities: readonly (Omit<LocalEntity, 'mentions'> & { readonly mentionCount: number })[];
}

export function summarize(doc: { docId: string; source: string; entities: readonly LocalEntity[] }): EntitySummary {
  return {
    docId: doc.docId,
    source: doc.source,
    entities: doc.entities.map(({ mentions, ...e }) => ({ ...e, mentionCount: mentions.length })),
  };
}

/** One real-world entity across all documents. */
export interface ResolvedEntity {
  readonly entityId: string;
  readonly type: EntityType;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly roles: readonly string[];
  readonly country: string;
  readonly mentionCount: number;
  readonly docCount: number;
  /** Document id of the first document (in source order) that mentions it. */
  readonly firstSeen: string;
  readonly mergeRules: readonly string[];
  /** Every key this entity is known by; kept so later runs can keep its id. */
  readonly keys: readonly string[];
}

export interface MergeRecord {
  readonly kept: string;
  readonly merged: readonly string[];
  readonly rule: string;
}

export interface Resolution {
  /** Sorted by type, then name, then id. */
  readonly entities: readonly ResolvedEntity[];
  /** The id of the entity each key (see `entityKey`) belongs to. */
  readonly idOfKey: ReadonlyMap<string, string>;
  /** Entities of the previous run that this run joined into another, and why. */
  readonly merges: readonly MergeRecord[];
}

/** The key one entity is known by across documents: its type, folded name and country qualifier. */
export function entityKey(type: EntityType, name: string, country: string): string {
  const k = `${type}|${matchKey(name)}`;
  return type === 'ORG' && country ? `${k}|${matchKey(country)}` : k;
}

/** Ids depend only on the entity's key, never on run order or on the other documents in the batch. */
export function entityId(key: string): string {
  return `E${hash('sha256', key, 'hex').slice(0, 12)}`;
}

interface Cluster {
  type: EntityType;
  keys: Set<string>;
  /** The names it was found under, each once (a corpus names "Tony Blair" thousands of times). */
  names: Set<string>;
  forms: Set<string>;
  roles: Set<string>;
  country: string;
  mentions: number;
  /**
   * The documents naming it, by number (`EntityResolver.docNumbers`), each once in a row: a
   * document's entities are added together, and a copy of an article (the same id) comes again
   * later. Numbers, not a set of ids: a 4x corpus has 225,000 of them, and a set took 9 MB.
   */
  docs: number[];
  firstSeen: string;
  firstSource: string;
  rules: Set<string>;
  /** Rules of the cross-document refiners that joined other clusters into this one. */
  joins: Set<string>;
}

/** A refiner joins clusters that are one entity; it returns pairs [into, from] and the rule. */
type ClusterRefiner = (clusters: readonly Cluster[]) => { into: number; from: number; rule: string }[];

const words = (s: string) => matchKey(s).split(' ').filter(Boolean);
const isAcronym = (s: string) => /^[\p{Lu}\d&.-]{2,12}$/u.test(s) && /\p{Lu}.*\p{Lu}/u.test(s);

/** "RCAF" alone in one article is the "Royal Cambodian Armed Forces (RCAF)" defined in another. */
const linkAcronyms: ClusterRefiner = (clusters) => {
  // A cluster known only by acronyms is one to link; one with a full name may own its acronyms.
  const acronymOnly = clusters.map((c) => [...c.names].every((n) => isAcronym(n)));
  const owners = new Map<string, number[]>();
  clusters.forEach((c, i) => {
    if (acronymOnly[i]) return;
    for (const f of c.forms) {
      if (!isAcronym(f)) continue;
      const list = owners.get(`${c.type}|${f}`) ?? [];
      list.push(i);
      owners.set(`${c.type}|${f}`, list);
    }
  });
  const out: { into: number; from: number; rule: string }[] = [];
  clusters.forEach((c, i) => {
    if (!acronymOnly[i]) return;
    const o = owners.get(`${c.type}|${bestName(c.names)}`);
    if (o && o.length === 1 && o[0] !== i) out.push({ into: o[0]!, from: i, rule: 'acronym-across-documents' });
  });
  return out;
};

/**
 * A person known only by one word ("Kommasith", "Chính", "Blair") is the one person whose full
 * name ends with it. Never by a first word: "Hun Sen" and "Hun Manet" stay apart.
 */
const linkShortNames: ClusterRefiner = (clusters) => {
  const byLast = new Map<string, number[]>();
  clusters.forEach((c, i) => {
    if (c.type !== 'PERSON') return;
    const w = words(bestName(c.names));
    if (w.length < 2) return;
    const list = byLast.get(w[w.length - 1]!) ?? [];
    list.push(i);
    byLast.set(w[w.length - 1]!, list);
  });
  const out: { into: number; from: number; rule: string }[] = [];
  clusters.forEach((c, i) => {
    if (c.type !== 'PERSON') return;
    const w = words(bestName(c.names));
    if (w.length !== 1) return;
    const o = byLast.get(w[0]!);
    if (o && o.length === 1) out.push({ into: o[0]!, from: i, rule: 'short-name-across-documents' });
  });
  return out;
};

/** A name that another entity of the same type lists as a multi-word alias ("Foreign Office"). */
const linkAliases: ClusterRefiner = (clusters) => {
  const byAlias = new Map<string, Set<number>>();
  clusters.forEach((c, i) => {
    for (const f of c.forms) {
      if (words(f).length < 2) continue;
      const k = `${c.type}|${matchKey(f)}`;
      const set = byAlias.get(k) ?? new Set();
      set.add(i);
      byAlias.set(k, set);
    }
  });
  const out: { into: number; from: number; rule: string }[] = [];
  clusters.forEach((c, i) => {
    const k = `${c.type}|${matchKey(bestName(c.names))}`;
    const owners = [...(byAlias.get(k) ?? [])].filter((j) => j !== i);
    if (owners.length === 1 && (c.country === '' || clusters[owners[0]!]!.country === '' || c.country === clusters[owners[0]!]!.country)) {
      out.push({ into: owners[0]!, from: i, rule: 'alias-across-documents' });
    }
  });
  return out;
};

/** The cross-document refiners, in order. */
export const CLUSTER_REFINERS: readonly ClusterRefiner[] = [linkAcronyms, linkShortNames, linkAliases];

const bySourceThenId = (a: { source: string; docId: string }, b: { source: string; docId: string }) =>
  a.source < b.source ? -1 : a.source > b.source ? 1 : a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : 0;

/**
 * The resolve stage, as an accumulator: documents are added one at a time, in any order, and only
 * per-entity state is kept (no per-document lists), so memory follows the number of entities,
 * not the size of the corpus. `resolve` joins the clusters with the cross-document refiners.
 */
export class EntityResolver {
  private readonly clusters: Cluster[] = [];
  private readonly byKey = new Map<string, number>();
  private readonly docNumbers = new Map<string, number>();

  add(doc: EntitySummary): void {
    let n = this.docNumbers.get(doc.docId);
    if (n === undefined) this.docNumbers.set(doc.docId, (n = this.docNumbers.size));
    for (const e of doc.entities) {
      const key = entityKey(e.type, e.name, e.country);
      let i = this.byKey.get(key);
      if (i === undefined) {
        i = this.clusters.length;
        this.byKey.set(key, i);
        this.clusters.push({ type: e.type, keys: new Set([key]), names: new Set(), forms: new Set(), roles: new Set(), country: '', mentions: 0, docs: [], firstSeen: doc.docId, firstSource: doc.source, rules: new Set(), joins: new Set() });
      }
      const c = this.clusters[i]!;
      const last = c.docs[c.docs.length - 1];
      if (last !== undefined && last !== n) c.rules.add('same-name-across-documents');
      c.names.add(e.name);
      c.forms.add(e.name);
      for (const a of e.aliases) c.forms.add(a);
      for (const r of e.roles) c.roles.add(r);
      for (const r of e.mergeRules) c.rules.add(r);
      // Order-independent choices: the first source in path order, the smallest country name.
      if (e.country && (!c.country || e.country < c.country)) c.country = e.country;
      c.mentions += e.mentionCount;
      if (last !== n) c.docs.push(n);
      if (bySourceThenId(doc, { source: c.firstSource, docId: c.firstSeen }) < 0) {
        c.firstSource = doc.source;
        c.firstSeen = doc.docId;
      }
    }
  }

  /**
   * Joins clusters that are one entity. `knownIds` maps keys to the ids a previous run gave them:
   * when this run joins entities, the joined entity keeps an id it had before.
   */
  resolve(knownIds: ReadonlyMap<string, string> = new Map()): Resolution {
    // Refiners see clusters in a fixed order (by first key), whatever order documents came in.
    const clusters = [...this.clusters].sort((a, b) => ([...a.keys][0]! < [...b.keys][0]! ? -1 : 1));
    const parent = clusters.map((_, i) => i);
    const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
    for (const refine of CLUSTER_REFINERS) {
      const live = clusters.map((c, i) => ({ c, i })).filter(({ i }) => find(i) === i);
      for (const { into, from, rule } of refine(live.map((l) => l.c))) {
        const a = find(live[into]!.i);
        const b = find(live[from]!.i);
        if (a === b) continue;
        parent[b] = a;
        clusters[a] = joinClusters(clusters[a]!, clusters[b]!, rule);
      }
    }
    const idOfKey = new Map<string, string>();
    const merges: MergeRecord[] = [];
    const entities: ResolvedEntity[] = [];
    clusters.forEach((c, i) => {
      if (find(i) !== i) return;
      const keys = [...c.keys].sort();
      // Keep an id a previous run gave one of the keys; else the smallest id of the keys.
      const previous = [...new Set(keys.map((k) => knownIds.get(k)).filter((x): x is string => !!x))].sort();
      const id = previous[0] ?? keys.map(entityId).sort()[0]!;
      for (const k of keys) idOfKey.set(k, id);
      if (previous.length > 1) merges.push({ kept: id, merged: previous.slice(1), rule: [...c.joins].sort().join(' | ') });
      // Names and aliases use straight apostrophes so analysts can type them; mentions keep the text as written.
      const name = straightenQuotes(bestName(c.names));
      entities.push({
        entityId: id,
        type: c.type,
        name,
        aliases: [...new Set([...c.forms].map(straightenQuotes))].filter((f) => f !== name).sort(),
        roles: [...c.roles].sort(),
        country: c.country,
        mentionCount: c.mentions,
        docCount: new Set(c.docs).size,
        firstSeen: c.firstSeen,
        mergeRules: [...c.rules].sort(),
        keys,
      });
    });
    entities.sort((x, y) => (x.type < y.type ? -1 : x.type > y.type ? 1 : x.name < y.name ? -1 : x.name > y.name ? 1 : x.entityId < y.entityId ? -1 : 1));
    merges.sort((a, b) => (a.kept < b.kept ? -1 : 1));
    return { entities, idOfKey, merges };
  }
}

function joinClusters(a: Cluster, b: Cluster, rule: string): Cluster {
  const first = bySourceThenId({ source: b.firstSource, docId: b.firstSeen }, { source: a.firstSource, docId: a.firstSeen }) < 0 ? b : a;
  return {
    type: a.type,
    keys: new Set([...a.keys, ...b.keys]),
    names: new Set([...a.names, ...b.names]),
    forms: new Set([...a.forms, ...b.forms]),
    roles: new Set([...a.roles, ...b.roles]),
    country: [a.country, b.country].filter(Boolean).sort()[0] ?? '',
    mentions: a.mentions + b.mentions,
    docs: [...a.docs, ...b.docs],
    firstSeen: first.firstSeen,
    firstSource: first.firstSource,
    rules: new Set([...a.rules, ...b.rules, rule]),
    joins: new Set([...a.joins, ...b.joins, rule]),
  };
}

/** The global entity id of each local entity of a document. */
export function localIds(doc: { readonly entities: readonly { type: EntityType; name: string; country: string }[] }, resolution: Pick<Resolution, 'idOfKey'>): string[] {
  return doc.entities.map((e) => resolution.idOfKey.get(entityKey(e.type, e.name, e.country))!);
}

/** Resolves a whole batch at once (the accumulator, fed in order); also returns each document's entity ids. */
export function resolveEntities(
  docs: readonly EntitySummary[],
  knownIds: ReadonlyMap<string, string> = new Map(),
): Resolution & { readonly localToGlobal: ReadonlyMap<string, readonly string[]> } {
  const resolver = new EntityResolver();
  for (const d of docs) resolver.add(d);
  const resolution = resolver.resolve(knownIds);
  return { ...resolution, localToGlobal: new Map(docs.map((d) => [d.docId, localIds(d, resolution)])) };
}
