/**
 * The data that flows between stages. Everything is readonly: a stage returns new values and
 * never mutates its input.
 *
 * Offset conventions (one place converts between them, see `text/offset-map.ts`):
 * - *clean offsets*: UTF-16 indexes into `CleanDocument.clean`, the text extractors read;
 * - *original offsets*: UTF-16 indexes into `SourceDocument.text`, the decoded file;
 * - *output offsets*: Unicode code point indexes into `SourceDocument.text` (what tables carry),
 *   end exclusive, so `[...text].slice(start, end).join('')` is the record's `text`.
 * Rules report offsets relative to the sentence they read; the extract stage makes them absolute.
 */

export type EntityType = 'PERSON' | 'ORG' | 'PLACE';

export interface DocumentMeta {
  readonly title: string;
  /** ISO date `YYYY-MM-DD`, or null when neither front matter nor the article states it. */
  readonly published: string | null;
  readonly publisher: string;
  readonly url: string;
  /** Where each field came from, e.g. `front-matter`, `dateline`, `byline`, `headline`. */
  readonly origin: Readonly<Record<string, string>>;
}

/** A file as read from disk: the ingest stage's output. */
export interface SourceDocument {
  /** First 16 hex characters of the SHA-256 of the file's bytes. */
  readonly docId: string;
  readonly sha256: string;
  /** Path relative to the input directory, with `/` separators. */
  readonly source: string;
  /** The file's text, decoded, BOM removed. All provenance offsets point into this string. */
  readonly text: string;
  readonly encoding: string;
  readonly bytes: number;
  /** Metadata the container states (a JSONL record's title, published, url), used like front matter. */
  readonly meta?: Readonly<Record<string, string>>;
}

/** A half-open range `[start, end)`. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** `teaser`: another article's teaser, cut off mid-word; its names and dates count, its statements do not. */
export type BlockKind = 'prose' | 'heading' | 'dateline' | 'byline' | 'teaser';

/** A unit of the cleaned text: a paragraph, heading or header line. Sentences never cross blocks. */
export interface Block extends Span {
  readonly kind: BlockKind;
}

/** Maps clean offsets back to original offsets. */
export interface OffsetMapper {
  /** Original offset of the character at clean offset `c` (for a span's start). */
  toOriginalStart(c: number): number;
  /** Original offset just after the character before clean offset `c` (for a span's end). */
  toOriginalEnd(c: number): number;
}

export interface CleanDocument {
  readonly source: SourceDocument;
  readonly meta: DocumentMeta;
  /** Article prose with page furniture left out, whitespace collapsed, quotes straightened. */
  readonly clean: string;
  readonly map: OffsetMapper;
  readonly blocks: readonly Block[];
  /** Original-offset ranges left out as page furniture, each with the rule that removed it. */
  readonly removed: readonly (Span & { readonly rule: string })[];
}

export interface Token extends Span {
  /** Token text as it stands in the clean text (diacritics kept). */
  readonly text: string;
  /** Universal POS tag from wink-nlp. */
  readonly pos: string;
}

export interface Sentence extends Span {
  readonly index: number;
  /** Clean text of the sentence; `clean.slice(start, end)`. */
  readonly text: string;
  readonly block: number;
  /** Tokens with clean offsets (absolute, not sentence-relative). */
  readonly tokens: readonly Token[];
}

export interface SegmentedDocument extends CleanDocument {
  readonly sentences: readonly Sentence[];
}

/** An entity mention found by a rule, before cross-document resolution. Offsets are clean. */
export interface MentionFinding extends Span {
  readonly type: EntityType;
  readonly text: string;
  readonly sentence: number;
  readonly rule: string;
  /** Titles and positions attached to this mention ("Lieut. Gen.", "Prime Minister"). */
  readonly roles: readonly string[];
  /** Canonical name when a gazetteer or definition states it ("Vietnamese" -> "Vietnam"). */
  readonly canonical?: string;
  /** Country the mention is qualified by ("Vietnam's Ministry of National Defence"). */
  readonly country?: string;
  /** For an organization a gazetteer lists: the kind its entry states (`party`, `media`, `company`, ...). */
  readonly orgType?: string;
}

/** A within-document entity: the mentions that one document makes of one thing. */
export interface LocalEntity {
  readonly type: EntityType;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly roles: readonly string[];
  readonly country: string;
  /** Indexes into `DocumentExtraction.mentions`. */
  readonly mentions: readonly number[];
  /** Why mentions were joined (rule ids), for auditing. */
  readonly mergeRules: readonly string[];
}

export type DateGranularity =
  | 'day'
  | 'week'
  | 'month'
  | 'quarter'
  | 'season'
  | 'year'
  | 'decade'
  | 'century'
  | 'range';

export interface DateFinding extends Span {
  readonly text: string;
  readonly sentence: number;
  /** ISO 8601 / TIMEX3 value at the stated precision; '' when nothing anchors it. */
  readonly value: string;
  /** Inclusive first and last day the value covers (`YYYY-MM-DD`), or '' when unknown. */
  readonly startDay: string;
  readonly endDay: string;
  readonly granularity: DateGranularity;
  /** True when any part of the value was not stated (e.g. the year taken from the publication date). */
  readonly inferred: boolean;
  readonly rule: string;
}

export type Modality = 'pledge' | 'agreement' | 'target' | 'signed' | 'intention';

export interface CommitmentFinding extends Span {
  readonly sentence: number;
  readonly text: string;
  /** Indexes into `DocumentExtraction.entities`. */
  readonly actors: readonly number[];
  readonly trigger: string;
  readonly modality: Modality;
  readonly action: string;
  readonly object: string;
  readonly amount: string;
  readonly amountValue: number | null;
  readonly amountUnit: string;
  readonly due: string;
  readonly code: string;
  readonly negated: boolean;
  readonly rule: string;
}

/**
 * Everything extracted from one document, with *output offsets* (code points into the original
 * file text) and each record's `text` the exact original slice. Plain JSON: it is what the cache keeps.
 */
export interface DocumentExtraction {
  readonly docId: string;
  readonly source: string;
  readonly sha256: string;
  readonly meta: DocumentMeta;
  readonly chars: number;
  readonly encoding: string;
  readonly sentences: readonly (Span & { readonly text: string })[];
  readonly mentions: readonly MentionFinding[];
  readonly entities: readonly LocalEntity[];
  /** Entity index of each mention (parallel to `mentions`). */
  readonly mentionEntity: readonly number[];
  readonly dates: readonly DateFinding[];
  readonly commitments: readonly CommitmentFinding[];
}
