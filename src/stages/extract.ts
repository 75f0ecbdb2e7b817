import type { CommitmentExtractor } from '../extract/commitments/index.js';
import type { DateExtractor } from '../extract/dates/index.js';
import type { EntityExtractor } from '../extract/entities/index.js';
import { codePointIndex } from '../text/offset-map.js';
import type { DateFinding, DocumentExtraction, MentionFinding, SegmentedDocument, Span } from '../types.js';

export interface Extractors {
  readonly entities: EntityExtractor;
  readonly dates: DateExtractor;
  readonly commitments: CommitmentExtractor;
}

/**
 * The dates of a document, with clean offsets. A date inside a person's or organization's name
 * is part of the name and left out: "Sunday" of "Sunday Telegraph" or "Mail on Sunday" (the date
 * finders read the text alone and cannot know the name).
 */
export function findDates(doc: SegmentedDocument, extractor: DateExtractor, mentions: readonly MentionFinding[], published = doc.meta.published): DateFinding[] {
  const lists = extractor.extract(
    doc.sentences.map((s) => s.text),
    { published },
  );
  const names = mentions.filter((m) => m.type !== 'PLACE');
  return lists.flatMap((list, i) => {
    const s = doc.sentences[i]!;
    return list
      .map((d) => ({ ...d, sentence: i, start: s.start + d.start, end: s.start + d.end }))
      .filter((d) => !names.some((m) => m.start <= d.start && d.end <= m.end));
  });
}

/**
 * The extract stage: runs every extractor on the segmented document and turns their clean,
 * sentence-relative offsets into offsets into the original file text. This is the one place
 * where that conversion happens; each record's `text` is the original slice it points to.
 */
export function extractDocument(doc: SegmentedDocument, extractors: Extractors): DocumentExtraction {
  const original = doc.source.text;
  const cp = codePointIndex(original);
  // clean offsets -> original UTF-16 offsets -> code points; `text` is the original slice.
  const toOriginal = <T extends Span>(s: T): T & { text: string } => {
    const start = doc.map.toOriginalStart(s.start);
    const end = Math.max(start, doc.map.toOriginalEnd(s.end));
    return { ...s, start: cp(start), end: cp(end), text: original.slice(start, end) };
  };
  const entities = extractors.entities.extract(doc);
  const dates = findDates(doc, extractors.dates, entities.mentions);
  const commitments = extractors.commitments.extract(doc, entities, dates);
  return {
    docId: doc.source.docId,
    source: doc.source.source,
    sha256: doc.source.sha256,
    meta: doc.meta,
    chars: [...original].length,
    encoding: doc.source.encoding,
    // Only where each sentence is: its tokens (clean offsets, for the extractors) would triple
    // the size of every cache entry and are read by nothing downstream.
    sentences: doc.sentences.map((s) => toOriginal({ start: s.start, end: s.end })),
    mentions: entities.mentions.map(toOriginal),
    entities: entities.entities,
    mentionEntity: entities.mentionEntity,
    dates: dates.map(toOriginal),
    commitments: commitments.map(toOriginal),
  };
}
