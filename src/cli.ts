import { access } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import { ConfigError, loadConfig, resolveConfig, type ResolvedConfig } from './config.js';
import { RuleFileError } from './rules/load.js';
import { mergeShards, runPipeline, type RunSummary, type Shard } from './pipeline.js';

export const EXIT = { ok: 0, unexpected: 1, usage: 2, documentsFailed: 3 } as const;

const HELP = `Usage: npm start -- [options]
       npm start -- merge --output DIR PART_DIR...
       npm start -- explain ID [--output DIR] [--input DIR]

Extracts people, organizations, places, dates and commitments from news articles
into CSV and JSON Lines tables, with provenance for every record.

Options:
  --input DIR        folder of articles, read recursively (default: raw)
  --output DIR       folder for tables and manifest.json (default: output)
  --config FILE      config file (default: pipeline.config.ts when present)
  --rules DIR        folder of rule files (default: rules)
  --concurrency N    parallel workers; 0 = one per core (default: 0)
  --full             ignore cached results and process every article again
  --shard I/N        process only slice I (0-based) of N, by document id, into a
                     partial output that \`merge\` combines
  --quiet            no progress and no summary (errors still go to stderr)
  -h, --help         show this help

explain ID prints the record with that mention_id, date_id, commitment_id or
entity_id: its source file and position, the sentence with the span marked «…»,
the rule that produced it and why; for an entity, every mention and the merge
rules that joined them. An unknown id exits 2.

Exit codes: 0 all documents processed; 3 some documents failed (the rest is written);
2 usage, config or rules error (nothing written); 1 anything unexpected.`;

class UsageError extends Error {}

interface CliOptions {
  readonly config?: string;
  readonly input?: string;
  readonly output?: string;
  readonly rules?: string;
  readonly concurrency?: number;
  readonly full: boolean;
  readonly quiet: boolean;
  readonly help: boolean;
  readonly shard?: Shard;
  readonly command: 'run' | 'merge' | 'explain';
  readonly parts: readonly string[];
}

export function parseCli(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: true,
      options: {
        input: { type: 'string' },
        output: { type: 'string' },
        config: { type: 'string' },
        rules: { type: 'string' },
        concurrency: { type: 'string' },
        full: { type: 'boolean', default: false },
        shard: { type: 'string' },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const v = parsed.values;
  let concurrency: number | undefined;
  if (v.concurrency !== undefined) {
    concurrency = Number(v.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 0) throw new UsageError(`--concurrency takes a whole number >= 0, got "${v.concurrency}"`);
  }
  let shard: Shard | undefined;
  if (v.shard !== undefined) {
    const m = /^(\d+)\/(\d+)$/.exec(v.shard);
    if (!m || Number(m[2]) < 1 || Number(m[1]) >= Number(m[2])) throw new UsageError(`--shard takes I/N with 0 <= I < N, e.g. 0/4, got "${v.shard}"`);
    shard = { index: Number(m[1]), count: Number(m[2]) };
  }
  const [command, ...parts] = parsed.positionals;
  if (command !== undefined && command !== 'merge' && command !== 'explain') throw new UsageError(`unknown command "${command}"`);
  if (command === 'explain' && parts.length !== 1) throw new UsageError('explain needs exactly one id: npm start -- explain ID [--output DIR]');
  if (command === 'merge' && (!parts.length || !v.output)) throw new UsageError('merge needs --output DIR and at least one PART_DIR');
  if (command === undefined && parts.length) throw new UsageError(`unexpected argument "${parts[0]}"`);
  return {
    config: v.config,
    input: v.input,
    output: v.output,
    rules: v.rules,
    concurrency,
    full: v.full!,
    quiet: v.quiet!,
    help: v.help!,
    shard,
    command: command === 'merge' || command === 'explain' ? command : 'run',
    parts,
  };
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

async function configFor(opts: CliOptions): Promise<ResolvedConfig> {
  const overrides = { input: opts.input, output: opts.output, rules: opts.rules, concurrency: opts.concurrency };
  if (opts.config) {
    if (!(await exists(opts.config))) throw new ConfigError(opts.config, '', 'config file not found');
    return loadConfig(opts.config, overrides);
  }
  const fallback = 'pipeline.config.ts';
  return (await exists(fallback)) ? loadConfig(fallback, overrides) : resolveConfig({}, 'defaults', overrides);
}

function progressReporter(quiet: boolean): { update(done: number, total: number): void; stop(): void } {
  if (quiet) return { update() {}, stop() {} };
  if (process.stderr.isTTY) {
    // Loaded only for a terminal: a run in CI or a no-op run does not pay for it.
    const cliProgress = createRequire(import.meta.url)('cli-progress') as typeof import('cli-progress');
    const bar = new cliProgress.SingleBar(
      { format: 'extracting [{bar}] {percentage}% | {value}/{total} articles | {rate}/s | ETA {eta_formatted}', stream: process.stderr, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    const t0 = Date.now();
    return {
      update(done, total) {
        if (!started) {
          bar.start(total, 0, { rate: '0' });
          started = true;
        }
        bar.update(done, { rate: (done / Math.max(0.001, (Date.now() - t0) / 1000)).toFixed(1) });
      },
      stop: () => started && bar.stop(),
    };
  }
  // Not a terminal (CI, logs): a plain line every few seconds.
  let last = 0;
  const t0 = Date.now();
  return {
    update(done, total) {
      const now = Date.now();
      if (now - last < 5000 && done !== total) return;
      last = now;
      const rate = done / Math.max(0.001, (now - t0) / 1000);
      process.stderr.write(`progress: ${done}/${total} articles, ${rate.toFixed(1)}/s\n`);
    },
    stop() {},
  };
}

function summaryText(s: RunSummary, outputDir: string): string {
  const tables = Object.entries(s.counts)
    .map(([t, n]) => `${t} ${n}`)
    .join(', ');
  const out = path.relative(process.cwd(), outputDir) || '.';
  return [
    `${s.documents} documents processed (${s.documents - s.cached} extracted, ${s.cached} from cache), ${s.failures.length} failed, in ${(s.wallMs / 1000).toFixed(1)} s`,
    `tables: ${tables}`,
    s.upToDate || !s.changedFiles.length ? `output in ${out}/ was already up to date; nothing rewritten` : `wrote ${s.changedFiles.length} changed files to ${out}/`,
  ].join('\n');
}

export async function main(argv: readonly string[]): Promise<number> {
  let opts: CliOptions;
  try {
    opts = parseCli(argv);
  } catch (err) {
    process.stderr.write(`error: ${(err as Error).message}\n\n${HELP}\n`);
    return EXIT.usage;
  }
  if (opts.help) {
    process.stdout.write(`${HELP}\n`);
    return EXIT.ok;
  }
  try {
    if (opts.command === 'merge') {
      for (const p of opts.parts) if (!(await exists(p))) throw new UsageError(`part folder not found: ${p}`);
      const output = path.resolve(opts.output!);
      const summary = await mergeShards(output, opts.parts.map((p) => path.resolve(p)), opts.concurrency || undefined);
      if (!opts.quiet) process.stderr.write(`${summaryText(summary, output)}\n`);
      return summary.failures.length ? EXIT.documentsFailed : EXIT.ok;
    }
    const config = await configFor(opts);
    if (opts.command === 'explain') {
      // The manifest names the input folder of the run; --input (or the config) is the fallback.
      const { explain } = await import('./explain.js');
      const explained = await explain(opts.parts[0]!, config.output, { inputDir: opts.input, defaultInputDir: config.input, rulesDir: opts.rules ? config.rules : undefined });
      process.stdout.write(explained);
      return EXIT.ok;
    }
    if (!(await exists(config.input))) throw new ConfigError(opts.input ? '--input' : config.configFile, 'input', `input folder not found: ${config.input}`);
    const progress = progressReporter(opts.quiet);
    const summary = await runPipeline(
      config,
      { full: opts.full, shard: opts.shard },
      {
        onProgress: (d, t) => progress.update(d, t),
        onFailure: (f) => process.stderr.write(`failed: ${f.error}\n`),
        onWarning: (message) => process.stderr.write(`warning: ${message}\n`),
      },
    );
    progress.stop();
    if (!opts.quiet) process.stderr.write(`${summaryText(summary, config.output)}\n`);
    return summary.failures.length ? EXIT.documentsFailed : EXIT.ok;
  } catch (err) {
    // Explain's errors (unknown id, no run in the folder) are usage errors too; by name, so that
    // an ordinary run does not load the explain and report modules.
    const explainError = err instanceof Error && (err.name === 'UnknownIdError' || err.name === 'OutputFolderError');
    if (err instanceof ConfigError || err instanceof RuleFileError || err instanceof UsageError || explainError) {
      process.stderr.write(`error: ${err.message}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`unexpected error: ${(err as Error).stack ?? String(err)}\n`);
    return EXIT.unexpected;
  }
}

/** Runs the command line and sets the process's exit code; `bin/pipeline.mjs` calls it from a build. */
export function runCli(argv: readonly string[]): void {
  let finished = false;
  // If nothing is left to wait on before the run settles (a worker lost without a word), Node
  // would end the process with code 0 and no output: say so and exit 1 instead.
  process.on('beforeExit', () => {
    if (finished) return;
    process.stderr.write('unexpected error: the run stopped before it finished (a worker thread was lost)\n');
    process.exit(EXIT.unexpected);
  });
  main(argv).then((code) => {
    finished = true;
    process.exitCode = code;
  });
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('cli.ts')) runCli(process.argv.slice(2));
