import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { z } from '../zod.js';

/** A rules or config file that cannot be used. `file`, `line` and `field` say where. */
export class RuleFileError extends Error {
  readonly code = 'E_RULES';
  constructor(
    readonly file: string,
    readonly field: string,
    readonly line: number | null,
    readonly detail: string,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${field ? `${field}: ` : ''}${detail}`);
    this.name = 'RuleFileError';
  }
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`))
    .join('');
}

/**
 * Parses YAML text and validates it with `schema`. Errors name the file, the line of the
 * offending entry and its field path, e.g. `rules/titles.yaml:12: entries[3].forms: Required`.
 */
export function parseRuleText<S extends z.ZodType>(file: string, text: string, schema: S): z.output<S> {
  // Loaded on first use: a run that finds its output up to date hashes the rule files, never parses them.
  const { isNode, LineCounter, parseDocument } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    throw new RuleFileError(file, '', e.linePos?.[0]?.line ?? lines.linePos(e.pos[0]).line, `invalid YAML: ${e.message.split('\n')[0]}`);
  }
  const result = schema.safeParse(doc.toJS());
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path as readonly PropertyKey[];
  // The deepest node that exists for the failing path gives the line.
  let line: number | null = null;
  for (let n = path.length; n >= 0 && line === null; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as unknown[], true);
    if (isNode(node) && node.range) line = lines.linePos(node.range[0]).line;
  }
  throw new RuleFileError(file, fieldPath(path), line, issue.message);
}

export async function loadRuleFile<S extends z.ZodType>(file: string, schema: S, displayName = file): Promise<z.output<S>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new RuleFileError(displayName, '', null, `cannot read: ${(err as Error).message}`);
  }
  return parseRuleText(displayName, text, schema);
}
