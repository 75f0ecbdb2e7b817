import { describe, expect, it } from 'vitest';
import { entityId, entityKey, resolveEntities, type EntitySummary } from '../../src/stages/resolve.js';
import type { EntityType } from '../../src/types.js';

type E = { type: EntityType; name: string; aliases?: string[]; country?: string; roles?: string[] };

const doc = (docId: string, entities: E[]): EntitySummary => ({
  docId,
  source: `${docId}.txt`,
  entities: entities.map((e) => ({ type: e.type, name: e.name, aliases: e.aliases ?? [], roles: e.roles ?? [], country: e.country ?? '', mergeRules: [], mentionCount: 1 })),
});

const byName = (r: ReturnType<typeof resolveEntities>) => new Map(r.entities.map((e) => [e.name, e]));

describe('resolveEntities across documents', () => {
  it('joins a one-word reference to the one person whose full name ends with it (Vietnamese, Lao, English)', () => {
    const r = resolveEntities([
      doc('a', [{ type: 'PERSON', name: 'Phạm Minh Chính' }, { type: 'PERSON', name: 'Saichay Kommasith' }, { type: 'PERSON', name: 'Tony Blair' }]),
      doc('b', [{ type: 'PERSON', name: 'Chính' }, { type: 'PERSON', name: 'Kommasith' }, { type: 'PERSON', name: 'Blair' }]),
    ]);
    expect(r.entities.map((e) => [e.name, e.docCount, e.mergeRules])).toEqual([
      ['Phạm Minh Chính', 2, ['short-name-across-documents']],
      ['Saichay Kommasith', 2, ['short-name-across-documents']],
      ['Tony Blair', 2, ['short-name-across-documents']],
    ]);
    expect(r.localToGlobal.get('b')).toEqual(r.localToGlobal.get('a'));
  });

  it('counts the documents naming an entity, a copy of an article (same id) once, and its names once each', () => {
    const r = resolveEntities([
      doc('a', [{ type: 'ORG', name: 'Mekong River Commission' }, { type: 'PLACE', name: 'Vientiane' }]),
      doc('b', [{ type: 'PLACE', name: 'Vientiane' }]),
      // A copy of article a, read after another article, and a place named twice in one article.
      doc('a', [{ type: 'ORG', name: 'Mekong River Commission' }, { type: 'PLACE', name: 'Vientiane' }]),
      doc('c', [{ type: 'PLACE', name: 'Hanoi' }, { type: 'PLACE', name: 'Hanoi' }]),
    ]);
    expect(r.entities.map((e) => [e.name, e.docCount, e.mentionCount, e.mergeRules])).toEqual([
      ['Mekong River Commission', 1, 2, []],
      ['Hanoi', 1, 2, []],
      ['Vientiane', 2, 3, ['same-name-across-documents']],
    ]);
  });

  it('keeps Hun Sen and Hun Manet apart and never joins on a shared first word alone', () => {
    const r = resolveEntities([doc('a', [{ type: 'PERSON', name: 'Hun Sen' }]), doc('b', [{ type: 'PERSON', name: 'Hun Manet' }]), doc('c', [{ type: 'PERSON', name: 'Hun' }])]);
    expect(r.entities.map((e) => e.name)).toEqual(['Hun', 'Hun Manet', 'Hun Sen']);
  });

  it('prefers a missed merge to a wrong one: a short name shared by two people stays apart', () => {
    const r = resolveEntities([doc('a', [{ type: 'PERSON', name: 'Gordon Brown' }, { type: 'PERSON', name: 'Nick Brown' }]), doc('b', [{ type: 'PERSON', name: 'Brown' }])]);
    expect(r.entities).toHaveLength(3);
  });

  it('links an acronym used alone to the long form another article defines', () => {
    const r = resolveEntities([
      doc('a', [{ type: 'ORG', name: 'Royal Cambodian Armed Forces', aliases: ['RCAF'] }]),
      doc('b', [{ type: 'ORG', name: 'RCAF' }]),
    ]);
    expect(r.entities).toHaveLength(1);
    expect(r.entities[0]).toMatchObject({ name: 'Royal Cambodian Armed Forces', aliases: ['RCAF'], docCount: 2, mergeRules: ['acronym-across-documents'] });
  });

  it('folds case, diacritics, Defence/Defense, curly apostrophes and keeps the best-written name', () => {
    const r = resolveEntities([
      doc('a', [{ type: 'PERSON', name: 'Pham Minh Chinh' }, { type: 'ORG', name: 'Lao People’s Army' }, { type: 'ORG', name: 'Ministry of National Defense', country: 'Vietnam' }]),
      doc('b', [{ type: 'PERSON', name: 'Phạm Minh Chính' }, { type: 'ORG', name: "Lao People's Army" }, { type: 'ORG', name: 'Ministry of National Defence', country: 'Vietnam' }]),
      doc('c', [{ type: 'ORG', name: 'Ministry of National Defence', country: 'Laos' }]),
    ]);
    const names = byName(r);
    expect(names.get('Phạm Minh Chính')).toMatchObject({ aliases: ['Pham Minh Chinh'], docCount: 2 });
    expect(names.get("Lao People's Army")).toMatchObject({ docCount: 2 });
    const ministries = r.entities.filter((e) => e.type === 'ORG' && e.name.startsWith('Ministry'));
    expect(ministries.map((m) => [m.country, m.docCount]).sort()).toEqual([
      ['Laos', 1],
      ['Vietnam', 2],
    ]);
  });

  it('derives ids from the entity, not from the batch or its order', () => {
    const a = doc('a', [{ type: 'PERSON', name: 'Tony Blair' }]);
    const b = doc('b', [{ type: 'PLACE', name: 'Laos' }]);
    const one = resolveEntities([a, b]);
    const two = resolveEntities([b, a, doc('c', [{ type: 'PERSON', name: 'Gordon Brown' }])]);
    const id = (r: typeof one, n: string) => r.entities.find((e) => e.name === n)!.entityId;
    expect(id(two, 'Tony Blair')).toBe(id(one, 'Tony Blair'));
    expect(id(one, 'Tony Blair')).toBe(entityId(entityKey('PERSON', 'Tony Blair', '')));
  });

  it('keeps the id an entity already had when a new article proves two entities are one, and records the merge', () => {
    const before = resolveEntities([doc('a', [{ type: 'ORG', name: 'RCAF' }]), doc('b', [{ type: 'ORG', name: 'Royal Cambodian Armed Forces' }])]);
    expect(before.entities).toHaveLength(2);
    const known = new Map(before.entities.flatMap((e) => e.keys.map((k) => [k, e.entityId] as [string, string])));
    const after = resolveEntities(
      [doc('a', [{ type: 'ORG', name: 'RCAF' }]), doc('b', [{ type: 'ORG', name: 'Royal Cambodian Armed Forces' }]), doc('c', [{ type: 'ORG', name: 'Royal Cambodian Armed Forces', aliases: ['RCAF'] }])],
      known,
    );
    expect(after.entities).toHaveLength(1);
    const ids = before.entities.map((e) => e.entityId).sort();
    expect(after.entities[0]!.entityId).toBe(ids[0]);
    expect(after.merges).toEqual([{ kept: ids[0], merged: [ids[1]], rule: 'acronym-across-documents' }]);
  });
});
