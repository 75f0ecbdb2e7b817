import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { isScalar, isSeq, LineCounter, parseDocument, visit, type Node } from 'yaml';
import { KEPT_DIR, readKept, writeKept } from '../kept.js';
import { SRC_DIR } from '../paths.js';
import { hashRuleTexts, readRuleFiles } from '../rules/index.js';
import { RuleFileError } from '../rules/load.js';

/**
 * What a record's `rule` (or an entity's merge rule) means: the `reason` of its entry in
 * `rules/` when it has one, else the module whose code produced it and that code's own comment.
 */
export interface RuleInfo {
  readonly id: string;
  /** Rule file and line of the entry, e.g. `rules/commitments.yaml:9`. */
  readonly file?: string;
  readonly reason?: string;
  /** Source module that emits the id (for code-level rules), e.g. `src/extract/entities/finders.ts:97`. */
  readonly module?: string;
  /** The comment on that code: the doc comment of its function, or the comment right above it. */
  readonly note?: string;
}

/** A surface form listed in a gazetteer (places, organizations, titles) and the entry that lists it. */
export interface GazetteerEntry {
  readonly id: string;
  readonly file: string;
}

/**
 * A finder rule is a function of its own, documented by its doc comment; a merge rule is a step
 * inside one function, documented by the `//` comment above that step.
 */
export type RuleKind = 'finder' | 'merge';

export interface RuleCatalog {
  describe(id: string, kind?: RuleKind): RuleInfo;
  /** Entries of the rule files that list `form` as a name, alias, demonym or form. */
  entriesFor(form: string): readonly GazetteerEntry[];
}

const FORM_KEYS = ['name', 'aliases', 'demonyms', 'forms'] as const;

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

interface CatalogOptions {
  /** Folder of the pipeline's TypeScript sources, searched for code-level rule ids. */
  readonly srcDir?: string;
  /** Paths in messages are shown relative to this folder. */
  readonly cwd?: string;
  /** Where to keep the parsed catalog; null: parse every time. Default: the build's (none from the sources). */
  readonly keptDir?: string | null;
}

/** A rule file's entry, by file name (in the rules folder) and line. */
interface Entry {
  readonly id: string;
  readonly file: string;
  readonly line: number;
}

/** What the rule files say: each id's entry and reason, and the entries that list each surface form. */
interface CatalogData {
  readonly reasons: Map<string, Entry & { readonly reason: string }>;
  readonly forms: Map<string, Entry[]>;
}

/** Reads every rule file in `rulesDir` (YAML, any shape) and indexes ids, reasons and surface forms. */
export async function loadRuleCatalog(rulesDir: string, options: CatalogOptions = {}): Promise<RuleCatalog> {
  const cwd = options.cwd ?? process.cwd();
  const show = (p: string) => path.relative(cwd, p) || p;
  const where = (e: Entry) => `${show(path.join(rulesDir, e.file))}${e.line ? `:${e.line}` : ''}`;
  const { reasons, forms } = await catalogData(rulesDir, options.keptDir === undefined ? KEPT_DIR : options.keptDir);
  const sources = await readSources(options.srcDir ?? SRC_DIR);
  const codeCache = new Map<string, RuleInfo>();
  return {
    describe(id, kind = 'finder') {
      const known = reasons.get(id);
      if (known) return { id, file: where(known), reason: known.reason };
      const key = `${kind}:${id}`;
      let info = codeCache.get(key);
      if (!info) {
        info = findInCode(id, kind, sources, show) ?? { id };
        codeCache.set(key, info);
      }
      return info;
    },
    entriesFor: (form) => (forms.get(form) ?? []).map((e) => ({ id: e.id, file: where(e) })),
  };
}

/**
 * The catalog's data, parsed from the rule files (a third of a second: every file again, for the
 * line of each entry) or, from a build, kept by the hash of the rule files (`src/kept.ts`). The
 * files are read once: the hash is of the bytes parsed.
 */
async function catalogData(rulesDir: string, keptDir: string | null): Promise<CatalogData> {
  // A folder that cannot be read gives no entries (the pipeline's loader reports it).
  const files = await readRuleFiles(rulesDir).catch((err: unknown) => {
    if (err instanceof RuleFileError) return [];
    throw err;
  });
  const file = keptDir && files.length ? path.join(keptDir, `${hashRuleTexts(files)}.catalog.v8`) : null;
  const kept = file ? readKept<CatalogData>(file) : null;
  if (kept?.reasons instanceof Map && kept.forms instanceof Map) return kept;
  const data = parseCatalog(files);
  if (file) await writeKept(file, data);
  return data;
}

function parseCatalog(files: readonly { name: string; text: string }[]): CatalogData {
  const reasons: CatalogData['reasons'] = new Map();
  const forms: CatalogData['forms'] = new Map();
  for (const { name: f, text } of files) {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines });
    if (doc.errors.length) continue; // The pipeline's loader reports bad rule files; here they only lack reasons.
    visit(doc, {
      Map(_, node) {
        const id = scalar(node.get('id', true));
        if (!id) return;
        const entry = { id, file: f, line: node.range ? lines.linePos(node.range[0]).line : 0 };
        const reason = scalar(node.get('reason', true));
        if (reason && !reasons.has(id)) reasons.set(id, { ...entry, reason: oneLine(reason) });
        for (const key of FORM_KEYS) {
          const v = node.get(key, true);
          const values = isSeq(v) ? v.items.map((i) => scalar(i as Node)) : [scalar(v as Node)];
          for (const form of values) {
            if (!form) continue;
            const list = forms.get(form) ?? [];
            if (!list.some((e) => e.id === id)) list.push(entry);
            forms.set(form, list);
          }
        }
      },
    });
  }
  return { reasons, forms };
}

function scalar(node: unknown): string {
  return isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number') ? String(node.value) : '';
}

interface SourceFile {
  readonly file: string;
  readonly text: string;
}

async function readSources(dir: string): Promise<SourceFile[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const out: SourceFile[] = [];
  for (const e of entries) {
    if (!e.isFile() || !e.name.endsWith('.ts')) continue;
    const file = path.join(e.parentPath, e.name);
    // This module and the report itself mention rule ids only to describe them.
    if (file.startsWith(path.join(dir, 'report') + path.sep) || e.name === 'explain.ts') continue;
    out.push({ file, text: await readFile(file, 'utf8') });
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : 1));
}

/**
 * The module that emits a code-level rule id: the id as a string literal ('person.title'), or
 * its family as a template literal (`gazetteer.${kind}` for 'gazetteer.country').
 */
function findInCode(id: string, kind: RuleKind, sources: readonly SourceFile[], show: (p: string) => string): RuleInfo | undefined {
  const literal = new RegExp(`(['"\`])${escapeRegExp(id)}\\1`);
  const family = id.includes('.') ? new RegExp(`\`${escapeRegExp(id.slice(0, id.lastIndexOf('.') + 1))}\\$\\{`) : null;
  for (const re of [literal, family]) {
    if (!re) continue;
    for (const s of sources) {
      const m = re.exec(s.text);
      if (!m) continue;
      const line = s.text.slice(0, m.index).split('\n').length;
      const note = firstSentences(commentFor(s.text, m.index, kind), 220);
      return { id, module: `${show(s.file)}:${line}`, ...(note ? { note } : {}) };
    }
  }
  return undefined;
}

const TOP_LEVEL = /^(?:export\s+)?(?:async\s+)?(?:function|const|class)\b/;

/**
 * The comment that explains the code at `at`: for a merge step, the nearest `//` comment above it
 * inside its function; otherwise (or when there is none) the doc comment of that function.
 */
function commentFor(text: string, at: number, kind: RuleKind): string {
  const lines = text.slice(0, at).split('\n');
  const current = lines.length - 1;
  for (let i = current - 1; kind === 'merge' && i >= 0 && !TOP_LEVEL.test(lines[i]!); i--) {
    if (!lines[i]!.trim().startsWith('//')) continue;
    const block: string[] = [];
    for (let j = i; j >= 0 && lines[j]!.trim().startsWith('//'); j--) block.unshift(lines[j]!.trim().replace(/^\/\/\s?/, ''));
    return oneLine(block.join(' '));
  }
  // The nearest top-level declaration above, and the doc comment right before it.
  for (let i = current; i >= 0; i--) {
    if (!TOP_LEVEL.test(lines[i]!)) continue;
    if (i === 0 || !lines[i - 1]!.trim().endsWith('*/')) return '';
    const block: string[] = [];
    for (let j = i - 1; j >= 0; j--) {
      block.unshift(lines[j]!);
      if (lines[j]!.trim().startsWith('/**')) break;
    }
    return oneLine(block.join('\n').replace(/^\s*\/\*\*|\*\/\s*$/g, '').replace(/^\s*\*\s?/gm, ''));
  }
  return '';
}

/** The leading sentences of a comment, up to about `max` characters: what the code does, not how. */
function firstSentences(text: string, max: number): string {
  if (text.length <= max) return text;
  const ends = [...text.matchAll(/[.!?](?=\s+[A-Z`"'(])/g)].map((m) => m.index + 1);
  const cut = ends.filter((e) => e <= max).pop() ?? ends[0];
  return cut ? text.slice(0, cut) : text;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One line that says where a rule comes from and why, for text output. */
export function ruleSummary(info: RuleInfo): string {
  if (info.reason) return `${info.id} (${info.file}): ${info.reason}`;
  if (info.module) return `${info.id} (code rule in ${info.module})${info.note ? `: ${info.note}` : ''}`;
  return `${info.id} (not found in rules/ or in the source code; the rules may have changed since this run)`;
}
