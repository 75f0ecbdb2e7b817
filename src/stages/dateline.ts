import { strict } from 'chrono-node/en';
import type { DatelineReader } from './clean.js';

/**
 * Reads a header line such as "Tuesday, 30 October 2018 09:26" as a publication date: chrono's
 * strict parser must find a full day-month-year date covering most of the line.
 */
export function createDatelineReader(): DatelineReader {
  return (line) => {
    const results = strict.parse(line, new Date(Date.UTC(2000, 0, 1)));
    const r = results[0];
    if (!r || results.length > 1) return null;
    if (!(r.start.isCertain('day') && r.start.isCertain('month') && r.start.isCertain('year'))) return null;
    if (r.text.length < line.trim().length * 0.6) return null;
    const y = r.start.get('year')!;
    const m = r.start.get('month')!;
    const d = r.start.get('day')!;
    return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  };
}
