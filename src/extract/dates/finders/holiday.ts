/**
 * date.holiday: holidays that fall on the same day every year ("Christmas", "Boxing Day",
 * "New Year's Day"), named in rules/dates.yaml with their month and day. "Christmas 2004" and
 * "Boxing Day of 2004" state the year; "before Christmas" and "on Boxing Day" do not, and are
 * resolved like "on 26 December".
 *
 * A name is matched as written (capitalized). Without a year it must follow one of the holiday
 * prepositions, and it must not modify a noun: "before Christmas" is a date, "Christmas shopping",
 * "the Christmas number one", "Christmas Island" and "the Boxing Day Test" are not.
 */

import { calendar, open, stated, type Candidate, type Finder } from '../model.js';
import { YEAR, groupEnd, groupStart, matchAll, wordAfter } from '../text.js';
import { holidayKey, type Vocabulary } from '../vocabulary.js';

const RULE = 'date.holiday';

/**
 * Words that may follow a holiday without making it a modifier: conjunctions, prepositions,
 * pronouns, auxiliaries and parts of the day ("on Christmas morning").
 */
const CLAUSE_WORDS = new Set(
  ('and or but nor so yet to with without when while as is was will would has had have are were be been in on at into by this that ' +
    'these those last next because before after until till since the a an for of from alone itself where which who whom whose ' +
    'he she they we i you it there then if than though although once onwards morning afternoon evening night eve')
    .split(' '),
);

export function createHolidayFinder(v: Vocabulary): Finder {
  if (!v.holidays.size) return { id: RULE, cue: /(?!)/, find: () => [] };
  const name = `(${v.holidaySource})(?![\\p{L}\\p{N}'’-])`;
  // Both patterns match a whole name, so they match its last word too, case-sensitively: a few
  // words ("Day", "Eve", "Christmas") are much quicker to look for than every name.
  const cue = new RegExp(v.holidayLastWordSource, 'u');
  const withYear = new RegExp(`(?<![\\p{L}\\p{N}])${name}(?:\\s+of)?,?\\s+${YEAR}`, 'gud');
  const alone = new RegExp(`\\b(?:${v.holidayPrepositionSource})\\s+${name}`, 'gud');
  return {
    id: RULE,
    cue,
    find(sentence) {
      const out: Candidate[] = [];
      const period = (written: string) => v.holidays.get(holidayKey(written))!;
      for (const m of matchAll(withYear, sentence)) {
        out.push({ start: m.index, end: m.index + m[0].length, rule: RULE, expr: calendar(period(m[1]!), stated(Number(m[2]))) });
      }
      for (const m of matchAll(alone, sentence)) {
        const end = groupEnd(m, 1);
        // Right after the name, punctuation or a word that starts a new phrase: in "Christmas
        // shoppers", "Christmas Island" and "Boxing Day Test" the holiday is a modifier or a name.
        const next = wordAfter(sentence, end);
        if (next && !CLAUSE_WORDS.has(next.word.toLowerCase())) continue;
        out.push({ start: groupStart(m, 1), end, rule: RULE, expr: calendar(period(m[1]!), open()) });
      }
      return out;
    },
  };
}
