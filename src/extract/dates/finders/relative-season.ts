/**
 * date.relative-season: a sporting or broadcasting season counted from the present: "this
 * season", "last season", "next season", "earlier this season". Such a season is no calendar
 * period (a football season runs from August to May), so it has no value: like "next week" in
 * an undated article, it is found and left unresolved (tests/gold/README.md 5).
 *
 * "the last season of ..." and "the next season" are an ordinal and a duration, not dates; a
 * season of the year ("this spring", "the summer season") is date.season's.
 */

import { type Candidate, type Finder } from '../model.js';
import { deicticMatches } from '../text.js';

const RULE = 'date.relative-season';
/** Every pattern needs "season"; `iu` as the pattern has it. */
const CUE = /season/iu;

const SEASON = /\b(?:(?:earlier|later)\s+)?(this|last|next)\s+season\b(?!-)/giu;

export const relativeSeason: Finder = {
  id: RULE,
  cue: CUE,
  find(sentence) {
    const out: Candidate[] = [];
    for (const { m, offset } of deicticMatches(SEASON, sentence)) {
      out.push({ start: m.index, end: m.index + m[0].length, rule: RULE, expr: { kind: 'relative-season', offset } });
    }
    return out;
  },
};
