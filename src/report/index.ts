import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../stages/emit.js';
import { chartSpecs } from './charts.js';
import { renderReportHtml } from './html.js';
import { buildReportModel, type ReportOptions } from './model.js';

export { buildReportModel, DEFAULT_LIMITS, type ReportLimits, type ReportModel, type ReportOptions } from './model.js';
export { OutputFolderError } from './tables.js';

export const REPORT_FILE = 'report.html';

export interface ReportResult {
  readonly file: string;
  readonly bytes: number;
  /** False when report.html already had exactly this content and was left alone. */
  readonly changed: boolean;
  /** What the report sampled or could not show (also printed in the report). */
  readonly notes: readonly string[];
}

/**
 * Writes `report.html` into `outputDir` from the tables and manifest there: one self-contained
 * file (styles, scripts, charts library and data inline) that opens from disk with no network.
 * Written through a temporary file and a rename, and not rewritten when unchanged.
 */
export async function writeReport(outputDir: string, options: ReportOptions = {}): Promise<ReportResult> {
  const model = await buildReportModel(outputDir, options);
  const html = await renderReportHtml(model, chartSpecs(model));
  const file = path.join(outputDir, REPORT_FILE);
  const existing = await readFile(file, 'utf8').catch(() => null);
  const bytes = Buffer.byteLength(html);
  if (existing === html) return { file, bytes, changed: false, notes: model.notes };
  await writeFileAtomic(file, html);
  return { file, bytes, changed: true, notes: model.notes };
}
