/**
 * date.season: "summer 2005", "the summer of 2005", "this summer", "last winter", "in the spring",
 * "during late autumn". Values are TIMEX3 seasons: `2005-SP`, `-SU`, `-FA` (autumn/fall), `-WI`.
 * Days follow the northern meteorological seasons; winter YYYY runs from 1 December YYYY to the
 * end of February YYYY+1.
 *
 * Without a year a season must be lower case and come after a preposition or this/last/next, or
 * come before last/this/next year ("Spring next year"):
 * "the Winter Olympics" and "a spring in his step" are not dates. "fall" is a season only next to
 * a year or this/last/next ("the fall of 1975" is usually a city's, not autumn).
 */

import { calendar, open, stated, type Candidate, type Direction, type Finder, type Season } from '../model.js';
import { YEAR, groupStart, matchAll, nameWordAfter } from '../text.js';

const RULE = 'date.season';
/**
 * Every pattern names a season. WITH_YEAR does in any case and with the `u` flag, which also reads
 * "ſ" as "s" ("ſpring"), so the cue has `iu` too; the other patterns are case-sensitive.
 */
const CUE = /spring|summer|autumn|fall|winter/iu;

const SEASONS: Readonly<Record<string, Season>> = { spring: 'SP', summer: 'SU', autumn: 'FA', fall: 'FA', winter: 'WI' };
const WITH_YEAR = new RegExp(
  `(?:\\b([Tt]he)\\s+)?(?:\\b(?:[Ee]arly|[Ll]ate|[Mm]id)[\\s-]+)?\\b(?:(spring|summer|autumn|winter)(?:\\s+of)?|(fall))\\s+${YEAR}`,
  'giud',
);
const MODIFIED = /\b([Tt]his|[Ll]ast|[Nn]ext|the\s+coming|the\s+past)\s+(?:(?:early|late|mid)[\s-]+)?(spring|summer|autumn|fall|winter)\b(?!-)/gud;
/** "Spring next year", "in winter last year": a season of any case before a relative year (refine.relative-year-suffix joins them). */
const BEFORE_RELATIVE_YEAR = /\b([Ss]pring|[Ss]ummer|[Aa]utumn|[Ww]inter)(?=\s+(?:last|this|next)\s+year\b)/gu;
const EARLY_LATE = /\b(?:[Ee]arly|[Ll]ate|[Mm]id)[\s-]+(spring|summer|autumn|winter)\b(?!-)/gud;
/** Not the year prepositions: "of summer stadium gigs" and "for summer" use the season as an adjective. */
const SEASON_PREPOSITIONS = '[Ii]n|[Dd]uring|[Oo]ver|[Tt]hrough|[Tt]hroughout|[Ss]ince|[Uu]ntil|[Tt]ill|[Bb]y|[Bb]efore|[Aa]fter|[Ff]rom';
const MODIFIER: Readonly<Record<string, Direction>> = { this: 'this', last: 'past', next: 'future', 'the coming': 'future', 'the past': 'past' };

const AFTER_PREPOSITION = new RegExp(
  `\\b(?:${SEASON_PREPOSITIONS})\\s+((?:the\\s+)?(spring|summer|autumn|winter))\\b(?![-'’]?\\p{L})(?!\\s+of\\b)`,
  'gud',
);

export const season: Finder = {
  id: RULE,
  cue: CUE,
  find(sentence) {
    const out: Candidate[] = [];
    const push = (start: number, end: number, word: string, direction: Direction | number): void => {
      // WITH_YEAR's `iu` also matches "ſpring", which lower-cases to no key: skip it, not throw later.
      const code = SEASONS[word.toLowerCase()];
      if (!code) return;
      const year = typeof direction === 'number' ? stated(direction) : open(direction);
      out.push({ start, end, rule: RULE, expr: calendar({ unit: 'season', season: code }, year) });
    };
    for (const m of matchAll(WITH_YEAR, sentence)) {
      push(m.index, m.index + m[0].length, (m[2] ?? m[3])!, Number(m[4]));
    }
    for (const m of matchAll(MODIFIED, sentence)) {
      const end = m.index + m[0].length;
      if (nameWordAfter(sentence, end)) continue;
      push(m.index, end, m[2]!, MODIFIER[m[1]!.toLowerCase().replace(/\s+/g, ' ')]!);
    }
    for (const m of matchAll(BEFORE_RELATIVE_YEAR, sentence)) {
      push(m.index, m.index + m[0].length, m[1]!, 'auto');
    }
    for (const m of matchAll(EARLY_LATE, sentence)) {
      const end = m.index + m[0].length;
      if (!nameWordAfter(sentence, end)) push(m.index, end, m[1]!, 'auto');
    }
    for (const m of matchAll(AFTER_PREPOSITION, sentence)) {
      const end = m.index + m[0].length;
      if (!nameWordAfter(sentence, end)) push(groupStart(m, 1), end, m[2]!, 'auto');
    }
    return out;
  },
};
