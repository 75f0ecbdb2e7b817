import { availableParallelism } from 'node:os';
import path from 'node:path';
import { importConfig } from './config-module.js';
import { z } from './zod.js';

/** Everything a run can be told; every field is optional in `pipeline.config.ts`. */
export const ConfigSchema = z.strictObject({
  /** Folder of articles, read recursively. */
  input: z.string().min(1).default('raw'),
  /** Folder the tables, manifest and cache are written to. */
  output: z.string().min(1).default('output'),
  /** Folder of rule files. */
  rules: z.string().min(1).default('rules'),
  /** Worker threads for extraction; 0 means one per core. */
  concurrency: z.number().int().min(0).max(256).default(0),
  /** Article file endings read, lower case with the dot (`.jsonl`/`.json` are exports of many articles). */
  extensions: z.array(z.string().regex(/^\.[a-z0-9]+$/, 'write endings like ".txt"')).min(1).default(['.txt', '.md', '.html', '.htm', '.jsonl', '.json']),
  /** Files larger than this are skipped and reported. */
  maxFileBytes: z.number().int().positive().default(10 * 1024 * 1024),
  /**
   * Heap limit of each worker thread, in MB. A worker keeps about 60 MB live; the limit keeps its
   * heap from growing over a long batch. A document that needs more is extracted on the main thread.
   */
  workerHeapMb: z.number().int().min(64).max(65536).default(256),
});

export type PipelineConfig = z.input<typeof ConfigSchema>;
export type ResolvedConfig = Readonly<z.output<typeof ConfigSchema>> & {
  /** The config file the values came from, or '' for built-in defaults. */
  readonly configFile: string;
};

/** Typed identity for `pipeline.config.ts`, like vitest's `defineConfig`. */
export function defineConfig(config: PipelineConfig): PipelineConfig {
  return config;
}

/** A config problem; the message has one line per problem, each naming the file and field. */
export class ConfigError extends Error {
  readonly code = 'E_CONFIG';
  constructor(
    readonly file: string,
    readonly field: string,
    detail: string,
    more: readonly { field: string; detail: string }[] = [],
  ) {
    super([{ field, detail }, ...more].map((p) => `${file}: ${p.field ? `${p.field}: ` : ''}${p.detail}`).join('\n'));
    this.name = 'ConfigError';
  }
}

function configProblems(issues: readonly z.core.$ZodIssue[]): { field: string; detail: string }[] {
  return issues.map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    return keys.length
      ? { field: fieldPath([...issue.path, keys[0]!]), detail: `unknown key; known keys: ${Object.keys(ConfigSchema.shape).join(', ')}` }
      : { field: fieldPath(issue.path), detail: issue.message };
  });
}

function fieldPath(p: readonly PropertyKey[]): string {
  return p.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i ? '.' : ''}${String(k)}`)).join('');
}

/** Validates raw config values; `file` names the source in errors. */
export function resolveConfig(raw: unknown, file: string, overrides: Partial<z.output<typeof ConfigSchema>> = {}): ResolvedConfig {
  const parsed = ConfigSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const [first, ...more] = configProblems(parsed.error.issues);
    throw new ConfigError(file, first!.field, first!.detail, more);
  }
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  const merged = ConfigSchema.safeParse({ ...parsed.data, ...defined });
  if (!merged.success) {
    const issue = merged.error.issues[0]!;
    throw new ConfigError('command line', fieldPath(issue.path), issue.message);
  }
  const base = file && file !== 'defaults' ? path.dirname(path.resolve(file)) : process.cwd();
  const abs = (p: string) => path.resolve(base, p);
  const data = merged.data;
  return {
    ...data,
    input: defined.input ? path.resolve(String(defined.input)) : abs(data.input),
    output: defined.output ? path.resolve(String(defined.output)) : abs(data.output),
    rules: defined.rules ? path.resolve(String(defined.rules)) : abs(data.rules),
    concurrency: data.concurrency || availableParallelism(),
    configFile: file,
  };
}

/** Loads `pipeline.config.ts` (or .js/.mjs) at run time; see `importConfig` for how TypeScript is compiled. */
export async function loadConfig(file: string, overrides: Partial<z.output<typeof ConfigSchema>> = {}): Promise<ResolvedConfig> {
  let mod: { default?: unknown };
  try {
    mod = await importConfig(file);
  } catch (err) {
    throw new ConfigError(file, '', `cannot load: ${(err as Error).message.split('\n')[0]}`);
  }
  if (mod.default === undefined) throw new ConfigError(file, '', 'must `export default defineConfig({...})`');
  return resolveConfig(mod.default, file, overrides);
}
