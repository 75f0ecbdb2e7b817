import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { goldProblems, loadGoldCases, type Gold } from '../../src/eval/gold.js';

const CORPUS = path.resolve('..', 'shared', 'corpus');
const cases = await loadGoldCases(path.resolve('tests/gold'), process.cwd(), CORPUS);

describe('gold annotations follow their guideline (tests/gold/README.md)', () => {
  // The BBC articles live outside the repository: their gold files are checked where the corpus is.
  for (const c of cases.filter((c) => existsSync(c.articlePath))) {
    it(c.goldFile, () => {
      expect(goldProblems(c.gold, readFileSync(c.articlePath, 'utf8'))).toEqual([]);
    });
  }
});

describe('goldProblems', () => {
  const text = 'Ruritania and Freedonia agreed on 5 March to open a new border crossing near the old river bridge.';
  const base: Gold = {
    file: 'bbc-all/x.txt',
    corpus: 'bbc',
    published: null,
    people: [],
    organizations: [],
    places: [
      { name: 'Ruritania', aliases: [] },
      { name: 'Freedonia', aliases: [] },
    ],
    dates: [{ start: 34, end: 41, text: '5 March', value: 'XXXX-03-05' }],
    commitments: [
      { start: 0, end: text.length, trigger: 'agreed', modality: 'agreement', actors: ['Ruritania', 'Freedonia'], action: 'open a border post', object: null, amount: null, due: null, negated: false },
    ],
  };

  it('finds nothing wrong in a consistent file', () => {
    expect(goldProblems(base, text)).toEqual([]);
  });

  it('names each inconsistency', () => {
    const bad: Gold = {
      ...base,
      places: [...base.places, { name: 'Freedonian Republic', aliases: ['freedonia'] }],
      dates: [{ start: 33, end: 40, text: '5 March', value: 'XXXX-03-05' }],
      commitments: [{ ...base.commitments[0]!, trigger: 'pledged', actors: ['Ruritania', 'Sylvania'], action: 'open a new border crossing near the old river' }],
    };
    expect(goldProblems(bad, text)).toEqual([
      'date "5 March"@33: the text at 33-40 is " 5 Marc"',
      '"freedonia" is listed for two entities: places:Freedonia and places:Freedonian Republic',
      'commitment [pledged]@0: the trigger is not in the span 0-98',
      'commitment [pledged]@0: actor "Sylvania" is not the name of an entity of the file',
      'commitment @0 action: repeats 6 or more consecutive words of the article',
    ]);
  });

  it('counts offsets in code points', () => {
    const astral = `𝐀 ${text}`;
    const shifted: Gold = { ...base, dates: [{ ...base.dates[0]!, start: 36, end: 43 }], commitments: [{ ...base.commitments[0]!, end: [...astral].length }] };
    expect(goldProblems(shifted, astral)).toEqual([]);
  });
});
