import { createHash } from 'node:crypto';
import { bestName } from '../extract/entities/index.js';
import { matchKey, straightenQuotes } from '../text/fold.js';
import type { DocumentExtraction, EntityType } from '../types.js';

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
}

export interface Resolution {
  /** Sorted by type, then name, then id. */
  readonly entities: readonly ResolvedEntity[];
  /** For each document id, the global entity id of each of its local entities. */
  readonly localToGlobal: ReadonlyMap<string, readonly string[]>;
}

/** The key one entity is known by across documents: its type, folded name and country qualifier. */
export function entityKey(type: EntityType, name: string, country: string): string {
  const k = `${type}|${matchKey(name)}`;
  return type === 'ORG' && country ? `${k}|${matchKey(country)}` : k;
}

/** Ids depend only on the entity's key, never on run order or on the other documents in the batch. */
export function entityId(key: string): string {
  return `E${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
}

/**
 * The resolve stage: joins local entities of all documents that share a key. Documents are
 * visited in source order so that names and `firstSeen` do not depend on processing order.
 */
export function resolveEntities(docs: readonly DocumentExtraction[]): Resolution {
  const ordered = [...docs].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  interface Acc {
    key: string;
    type: EntityType;
    names: string[];
    forms: Set<string>;
    roles: Set<string>;
    country: string;
    mentions: number;
    docs: Set<string>;
    firstSeen: string;
    rules: Set<string>;
  }
  const byKey = new Map<string, Acc>();
  const localToGlobal = new Map<string, string[]>();
  for (const doc of ordered) {
    const ids: string[] = [];
    for (const e of doc.entities) {
      const key = entityKey(e.type, e.name, e.country);
      let acc = byKey.get(key);
      if (!acc) {
        acc = { key, type: e.type, names: [], forms: new Set(), roles: new Set(), country: e.country, mentions: 0, docs: new Set(), firstSeen: doc.docId, rules: new Set() };
        byKey.set(key, acc);
      } else if (!acc.docs.has(doc.docId)) acc.rules.add('same-name-across-documents');
      acc.names.push(e.name);
      acc.forms.add(e.name);
      for (const a of e.aliases) acc.forms.add(a);
      for (const r of e.roles) acc.roles.add(r);
      for (const r of e.mergeRules) acc.rules.add(r);
      acc.mentions += e.mentions.length;
      acc.docs.add(doc.docId);
      ids.push(entityId(key));
    }
    localToGlobal.set(doc.docId, ids);
  }
  const entities = [...byKey.values()].map((a): ResolvedEntity => {
    // Names and aliases use straight apostrophes so that analysts can type them; mentions keep the text as written.
    const name = straightenQuotes(bestName([...new Set(a.names)]));
    return {
      entityId: entityId(a.key),
      type: a.type,
      name,
      aliases: [...new Set([...a.forms].map(straightenQuotes))].filter((f) => f !== name).sort(),
      roles: [...a.roles].sort(),
      country: a.country,
      mentionCount: a.mentions,
      docCount: a.docs.size,
      firstSeen: a.firstSeen,
      mergeRules: [...a.rules].sort(),
    };
  });
  entities.sort((x, y) => (x.type < y.type ? -1 : x.type > y.type ? 1 : x.name < y.name ? -1 : x.name > y.name ? 1 : x.entityId < y.entityId ? -1 : 1));
  return { entities, localToGlobal };
}
