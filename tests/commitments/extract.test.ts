import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commitmentKit, sampleParagraph, sampleParagraphs, type Found } from './support.js';

const kit = await commitmentKit();

const counted = (found: readonly Found[]) => found.filter((f) => !f.negated);
const sorted = (xs: readonly string[]) => [...xs].sort();
/** An invented article: one paragraph per argument. */
const article = (...paragraphs: string[]) => paragraphs.join('\n\n');
/** The sorted actor names of the first record with this trigger. */
const actorsOf = (text: string, trigger: string) => sorted(kit.commitments(text).found.find((f) => f.trigger === trigger)!.actorNames);

// The paragraphs that introduce the meeting partners, so that "They", "Both sides" resolve.
const MEETING_003 = sampleParagraphs('003_47b344d10eea0029.txt', 'In an atmosphere of warmth', 'They pledged to prioritize');
const LEADERS_003 = ['Hun Manet', 'Phạm Minh Chính', 'Sonexay Siphandone', 'Cambodia', 'Laos', 'Vietnam'];

describe('modalities, with real sentences from the sample articles', () => {
  it('pledge: "They pledged to ..." after the three prime ministers are named', () => {
    const { found } = kit.commitments(MEETING_003);
    const c = found.find((f) => f.trigger === 'pledged')!;
    expect(c.modality).toBe('pledge');
    expect(c.action).toBe('prioritize connectivity across diverse fields');
    expect(sorted(c.actorNames)).toEqual(sorted(LEADERS_003));
    expect(c.negated).toBe(false);
  });

  it('pledge: a person speaking for a country keeps both ("PM Chính reiterated Vietnam\'s commitment")', () => {
    const text = sampleParagraphs('002_5604f4d1055f9bf5.txt', 'In a significant step', 'The encounter, marked by');
    const c = kit.commitments(text).found.find((f) => f.rule === 'commit.pledge.reiterate')!;
    expect(c.modality).toBe('pledge');
    expect(sorted(c.actorNames)).toEqual(['Phạm Minh Chính', 'Vietnam']);
    expect(c.action).toBe('standing by Laos during its developmental challenges');
  });

  it('agreement: "Both sides agreed to ..." resolves to the leaders and their countries', () => {
    const text = sampleParagraphs('002_5604f4d1055f9bf5.txt', 'In a significant step', 'Lieut. Gen. Kommasith reciprocated');
    const c = kit.commitments(text).found.find((f) => f.trigger === 'agreed')!;
    expect(c.modality).toBe('agreement');
    expect(c.action).toBe('accelerate joint initiatives');
    expect(sorted(c.actorNames)).toEqual(['Laos', 'Phạm Minh Chính', 'Saichay Kommasith', 'Vietnam']);
  });

  it('"the two ministers", "both delegations" are the parties named before; without countries, the people named with a title', () => {
    const intro = 'Vietnamese Defence Minister Phan Van Giang held talks with Lao Defence Minister Chansamone Chanyalath in Hanoi.';
    const named = 'Vietnam and Laos held defence talks.';
    for (const phrase of ['The two ministers', 'Both ministers', 'The two defence ministers', 'Both delegations', 'The two sides']) {
      const signed = `${phrase} signed a cooperation plan for 2025.`;
      expect(actorsOf(article(named, intro, signed), 'signed')).toEqual(['Chansamone Chanyalath', 'Laos', 'Phan Van Giang', 'Vietnam']);
      // The adjectives "Vietnamese" and "Lao" alone name no country (tests/gold/README.md 4.2).
      expect(actorsOf(article(intro, signed), 'signed')).toEqual(['Chansamone Chanyalath', 'Phan Van Giang']);
    }
    // One titled person is not two parties.
    expect(kit.commitments(article('Vietnamese Defence Minister Phan Van Giang held talks in Hanoi.', 'The two sides signed a plan.')).found).toEqual([]);
  });

  it('signed: two documents signed together are two records, one object each', () => {
    const text = sampleParagraph('000_8480816ee8cbe7ef.txt', 'they signed together the Protocol');
    const signed = counted(kit.commitments(text).found).filter((f) => f.modality === 'signed' && f.trigger === 'signed');
    expect(signed.map((f) => f.object)).toEqual(['Protocol on the Vietnam-Laos Borderline and Markers', 'Agreement on Regulations on Vietnam-Laos Border and Land Border Gate Management']);
    expect(signed.every((f) => f.code === '057')).toBe(true);
    for (const f of signed) expect(sorted(f.actorNames)).toEqual(['Laos', 'Vietnam']);
    // Coordinated records share the sentence's span.
    expect(signed[0]!.start).toBe(signed[1]!.start);
    expect(signed[0]!.end).toBe(signed[1]!.end);
  });

  it('signed: a signing after "in", "of", "on the verge of" is not done yet', () => {
    expect(kit.commitments('Arsenal are interested in signing Thierry Henry.').found).toEqual([]);
    expect(kit.commitments('Defender Sol Campbell is on the verge of signing a new deal with Arsenal.').found).toEqual([]);
    expect(kit.commitments('Defender Sol Campbell has signed a new deal with Arsenal.').found.map((f) => f.trigger)).toEqual(['signed']);
  });

  it('signed: a passive signing names the signers after "by" and the document before', () => {
    const text = sampleParagraphs('001_4785fa3551a2d649.txt', 'Deputy Ministers Hoang Xuan Chien', 'Working minutes were signed');
    const c = kit.commitments(text).found.find((f) => f.rule === 'commit.sign.passive')!;
    expect(c.object).toBe('Working minutes');
    expect(sorted(c.actorNames)).toEqual(['Laos', 'Vietnam']);
  });

  it('intention: "Vietnam expressed its readiness to ..."', () => {
    const text = sampleParagraph('003_47b344d10eea0029.txt', 'Vietnam expressed its readiness');
    const c = kit.commitments(text).found.find((f) => f.trigger === 'expressed its readiness')!;
    expect(c.modality).toBe('intention');
    expect(c.actorNames).toEqual(['Vietnam']);
    expect(c.action).toBe('expand scholarship programs for Lao and Cambodian students');
  });

  it('intention: an opening participle takes the subject after it ("Determined to ..., the three leaders")', () => {
    const text = `${MEETING_003}\n${sampleParagraph('003_47b344d10eea0029.txt', 'Determined to lift cooperation')}`;
    const c = kit.commitments(text).found.find((f) => f.trigger === 'Determined')!;
    expect(c.action).toBe('lift cooperation to new heights');
    expect(sorted(c.actorNames)).toEqual(sorted(LEADERS_003));
  });

  it('target: two trade goals with amounts, each for its own pair of countries', () => {
    const text = sampleParagraph('003_47b344d10eea0029.txt', 'Ambitious trade goals were set');
    const targets = kit.commitments(text).found.filter((f) => f.modality === 'target');
    expect(targets.map((t) => [t.trigger, t.amount, t.amountValue, t.amountUnit])).toEqual([
      ['is to reach', 'USD 5 billion', 5e9, 'USD'],
      ['is targeted at', 'USD 20 billion', 2e10, 'USD'],
    ]);
    expect(sorted(targets[0]!.actorNames)).toEqual(['Laos', 'Vietnam']);
    expect(sorted(targets[1]!.actorNames)).toEqual(['Cambodia', 'Vietnam']);
  });
});

describe('coordinated actions and deadlines', () => {
  const text = sampleParagraphs('001_4785fa3551a2d649.txt', 'The boundary between Vietnam and Laos', 'Furthermore, the two countries agreed');

  it('"agreed to A, ...; to B; agreed to C" gives three records sharing the sentence span', () => {
    const agreed = counted(kit.commitments(text).found).filter((f) => f.modality === 'agreement');
    expect(agreed.map((f) => f.action.split(' ').slice(0, 5).join(' '))).toEqual([
      'continue to attach importance to',
      'continue to strengthen propaganda and',
      'organize the border defence friendship',
    ]);
    expect(new Set(agreed.map((f) => `${f.start}-${f.end}`)).size).toBe(1);
    for (const f of agreed) expect(sorted(f.actorNames)).toEqual(['Laos', 'Vietnam']);
  });

  it('a deadline inside one action is that action\'s due date: "at the end of the year 2023" -> 2023-12', () => {
    const agreed = counted(kit.commitments(text).found).filter((f) => f.modality === 'agreement');
    expect(agreed.map((f) => f.due)).toEqual(['', '', '2023-12']);
  });

  it('"In 2023, Vietnam and Laos will continue to ..." is due in 2023; the hope that follows is no commitment', () => {
    const lede = sampleParagraph('001_4785fa3551a2d649.txt', 'In 2023, Vietnam and Laos will continue');
    const found = counted(kit.commitments(lede, '2023-03-24').found);
    expect(found.map((f) => [f.trigger, f.due, sorted(f.actorNames).join('+')])).toEqual([['will', '2023', 'Laos+Vietnam']]);
  });

  it('a gerund list after a promise is one record per item; a noun list is one action', () => {
    const list = kit.commitments('Vietnamese Prime Minister Phạm Minh Chính promised to focus on cutting fees, opening two border gates and training customs staff.').found;
    expect(list.map((f) => f.action)).toEqual(['focus on cutting fees', 'opening two border gates', 'training customs staff']);
    const text3 = `${MEETING_003}\n${sampleParagraph('003_47b344d10eea0029.txt', 'They committed to reinforcing')}`;
    expect(kit.commitments(text3).found.filter((f) => f.trigger === 'committed')).toHaveLength(1);
  });

  it('a gerund after "and" is no new action when the first one has no gerund to match ("battle falling prices and damaging floods")', () => {
    const one = kit.commitments('Tony Blair said the government would give farmers £70m in aid to help them battle falling prices and damaging floods.').found;
    expect(one.map((f) => f.action)).toEqual(['give farmers £70m in aid to help them battle falling prices and damaging floods']);
    const two = kit.commitments('Tony Blair said the government would cut taxes and build more homes.').found;
    expect(two.map((f) => f.action)).toEqual(['cut taxes', 'build more homes']);
  });

  it('"and" with a verb in the past tense and its object starts the subject\'s own clause, no action', () => {
    const found = kit.commitments('Tony Blair said Labour would set out new plans within weeks and attacked the Tory plans.').found;
    expect(found.map((f) => [f.trigger, f.action])).toEqual([['would', 'set out new plans within weeks']]);
    const both = kit.commitments('Tony Blair said Labour would set out new plans and improve services.').found;
    expect(both.map((f) => f.action)).toEqual(['set out new plans', 'improve services']);
    // After an object too: the signers witnessed the handover, they did not sign it.
    const signed = kit.commitments('Vietnam and Laos signed a cooperation plan for 2025 and witnessed the handover of medical equipment.').found;
    expect(signed.map((f) => [f.trigger, f.action])).toEqual([['signed', 'a cooperation plan for 2025']]);
    const documents = kit.commitments('Vietnam and Laos signed a cooperation plan and an agreement on border management.').found;
    expect(documents.map((f) => f.action)).toEqual(['a cooperation plan', 'an agreement on border management']);
  });
});

describe('what is not a commitment', () => {
  it("the author's recommendations (\"the three countries should ...\")", () => {
    const text = sampleParagraph('000_8480816ee8cbe7ef.txt', 'Vietnam, Laos and Cambodia should supplement');
    expect(counted(kit.commitments(text).found)).toEqual([]);
  });

  it("analysts' speculation, urging others, plans merely discussed, a shared commitment in the author's words", () => {
    for (const phrase of ['Analysts suggest that strengthening', 'PM Chính urged both armies', 'The leaders discussed plans', 'the initiative reflects a shared commitment']) {
      const para = sampleParagraph('002_5604f4d1055f9bf5.txt', phrase);
      const sentence = para.split(/(?<=\.)\s+/).find((s) => s.includes(phrase))!;
      expect(counted(kit.commitments(sentence).found), sentence).toEqual([]);
    }
  });

  it('agreement with a view ("agreed on the significance of ...") and a reported wish ("with the hope that ... would")', () => {
    const para = sampleParagraph('001_4785fa3551a2d649.txt', 'both countries agreed on the significance');
    expect(counted(kit.commitments(para).found).filter((f) => /significance/.test(f.action))).toEqual([]);
    const lede = sampleParagraph('001_4785fa3551a2d649.txt', 'with the hope that');
    expect(counted(kit.commitments(lede).found).filter((f) => f.trigger === 'would')).toEqual([]);
  });

  it('negated statements are kept with negated=true, never as commitments', () => {
    const { found } = kit.commitments('Laos and Vietnam met in Hanoi. Laos did not agree to open the border gate. Cambodia refused to sign the protocol.');
    expect(counted(found)).toEqual([]);
    expect(found.map((f) => [f.trigger, f.negated])).toEqual([
      ['agree', true],
      ['sign', true],
    ]);
  });

  it('a pledge with negative content is not negated ("pledge not to ...")', () => {
    const { found } = kit.commitments("Cambodia repeated its pledge not to allow foreign bases on its soil.");
    expect(found.map((f) => [f.trigger, f.negated, f.action])).toEqual([['pledge', false, 'not allow foreign bases on its soil']]);
  });

  it('will-statements in the narrator\'s voice, predictions and states are not commitments', () => {
    for (const text of [
      'The minister will visit Laos on Friday.',
      'Cambodian officials said the talks would be difficult.',
      'Laos will breach the cap this year.',
      'Analysts expect that Vietnam will raise tariffs.',
    ]) {
      expect(counted(kit.commitments(text).found), text).toEqual([]);
    }
  });

  it('a will-statement in the actor\'s own words, or reported after a saying verb, is an intention', () => {
    const quoted = kit.commitments('Vietnam and Laos held talks in Hanoi. "We will open two more border gates next year," Vietnamese Deputy Minister Nguyen Van Nam said.').found;
    expect(quoted.map((f) => [f.trigger, f.modality, sorted(f.actorNames).join('+')])).toEqual([['will', 'intention', 'Nguyen Van Nam+Vietnam']]);
    const reported = kit.commitments('Cambodian Prime Minister Hun Manet said Cambodia would open two more border gates by 2026.').found;
    expect(reported.map((f) => [f.trigger, f.due, sorted(f.actorNames).join('+')])).toEqual([['would', '2026', 'Cambodia+Hun Manet']]);
    // Diplomatic reports affirm, assert and note what will be done.
    for (const verb of ['affirmed', 'reaffirmed', 'asserted', 'noted']) {
      const affirmed = kit.commitments(`Vietnamese Defence Minister Phan Van Giang met his Lao counterpart. General Giang ${verb} that Vietnam will continue to train Lao officers.`).found;
      expect(affirmed.map((f) => [f.trigger, f.action, sorted(f.actorNames).join('+')])).toEqual([['will', 'continue to train Lao officers', 'Phan Van Giang+Vietnam']]);
    }
  });

  it('a will-statement a document states ("Under the memorandum, X will ...") is its named party\'s', () => {
    const found = (text: string) => kit.commitments(article('Cambodia and Vietnam held border talks on Monday.', text)).found.map((f) => [f.action, f.actorNames]);
    expect(found('Under the memorandum, Vietnam will train 100 Cambodian police officers every year.')).toEqual([['train 100 Cambodian police officers every year', ['Vietnam']]]);
    expect(found('As part of the new deal, Cambodia will open two border gates.')).toEqual([['open two border gates', ['Cambodia']]]);
    // Without the document, the narrator's will-statement is no one's; nor is one that names no party.
    expect(found('Vietnam will train 100 Cambodian police officers every year.')).toEqual([]);
    expect(found('Under the memorandum, 100 officers will be trained every year.')).toEqual([]);
  });

  it('"his firm", "their party" after a saying verb is the speaker\'s own body: its will-statement is the speaker\'s', () => {
    const own = kit.commitments('Tomas Varga, the chief executive, said his firm would open a training centre in Bangalore.').found;
    expect(own.map((f) => [f.trigger, f.action, f.actorNames])).toEqual([['would', 'open a training centre in Bangalore', ['Tomas Varga']]]);
    expect(kit.commitments('Tomas Varga said his savings would fall in value.').found).toEqual([]);
  });

  it('a company officer\'s "we" and "his firm" are the company too (officerRoles): in an appositive or a title before the name', () => {
    const at = '"We will open a training centre in Bangalore," said Tomas Varga, vice president of sales at Oxcart Holdings.';
    expect(actorsOf(at, 'will')).toEqual(['Oxcart Holdings', 'Tomas Varga']);
    const owned = 'Tomas Varga, Oxcart Holdings\' chief executive, said his firm would open a training centre in Bangalore.';
    expect(actorsOf(owned, 'would')).toEqual(['Oxcart Holdings', 'Tomas Varga']);
    const titled = article('Oxcart Holdings chairman Tomas Varga spoke in Prague.', '"We\'ll open a training centre in Bangalore," he said.');
    expect(actorsOf(titled, "'ll")).toEqual(['Oxcart Holdings', 'Tomas Varga']);
    // "I" is the person alone; so is the "we" of someone named with no office at the company.
    expect(actorsOf('"I will open a training centre in Bangalore," said Tomas Varga, vice president of sales at Oxcart Holdings.', 'will')).toEqual(['Tomas Varga']);
    expect(actorsOf('"We will open a training centre in Bangalore," said Tomas Varga, who once visited Oxcart Holdings.', 'will')).toEqual(['Tomas Varga']);
  });

  it('"the government" that names no country is the country the story is about (governmentNouns), but never England', () => {
    const plans = 'The government has announced plans to cut 2,000 jobs in the civil service.';
    const aboutBritain = article('Unemployment in Britain fell in March, and wages in Britain rose.', plans);
    expect(kit.commitments(aboutBritain).found.map((f) => [f.trigger, f.action, f.actorNames])).toEqual([['plans', 'cut 2,000 jobs in the civil service', ['United Kingdom']]]);
    const says = article('Unemployment in Britain fell in March, and wages in Britain rose.', 'The government says unions will be consulted before any change.');
    expect(actorsOf(says, 'will')).toEqual(['United Kingdom']);
    // England has no government of its own; a story with no country has no "government" to name.
    expect(kit.commitments(article('Unemployment in England fell in March, and wages in England rose.', plans)).found).toEqual([]);
    expect(kit.commitments(plans).found).toEqual([]);
  });
});

describe('records', () => {
  it('every record slices back to its text, with the whole sentence as its span', () => {
    for (const file of ['000_8480816ee8cbe7ef.txt', '001_4785fa3551a2d649.txt', '002_5604f4d1055f9bf5.txt', '003_47b344d10eea0029.txt']) {
      const { doc, found } = kit.commitments(readFileSync(`raw/${file}`, 'utf8'));
      for (const f of found) {
        expect(f.text).toBe(doc.clean.slice(f.start, f.end));
        expect(doc.sentences[f.sentence]!.start).toBe(f.start);
        expect(f.actors.length).toBeGreaterThan(0);
        expect(f.code).toMatch(/^\d{2,4}$/);
        expect(f.rule).toMatch(/^commit\./);
      }
    }
  });

  it('event codes come from the action: military cooperation is 0312, peacekeeping 0334', () => {
    const text = sampleParagraphs('002_5604f4d1055f9bf5.txt', 'In a significant step', 'In a significant step');
    expect(kit.commitments(text).found.find((f) => f.trigger === 'pledging')?.code).toBe('0312');
    const pk = sampleParagraph('002_5604f4d1055f9bf5.txt', 'peacekeeping force');
    expect(kit.commitments(pk).found.find((f) => f.trigger === 'pledge')?.code).toBe('0334');
  });
});

describe('who a politician speaks for (invented articles)', () => {
  it('"X has told voters his <party> will ...": the person and the party', () => {
    const text = 'Charles Dunmore has told voters his Liberal Democrats will offer a fair deal.\n\nMr Dunmore promised to scrap tuition fees.';
    expect(actorsOf(text, 'promised')).toEqual(['Charles Dunmore', 'Liberal Democrats']);
  });

  it('"X, the Tory leader, said": an appositive title names the party', () => {
    const text = 'Michael Greaves, the Tory leader, said the budget was wrong.\n\nMr Greaves pledged to cut council tax.';
    expect(actorsOf(text, 'pledged')).toEqual(['Conservative Party', 'Michael Greaves']);
  });

  it('a broadcaster before the name is where the person spoke, not whom for', () => {
    const text = 'In a separate BBC interview, Mr Greaves pledged to cut council tax.\n\nMichael Greaves is the member for Bexley.';
    expect(actorsOf(text, 'pledged')).toEqual(['Michael Greaves']);
  });

  it('"he" opening a sentence continues the previous sentence\'s subject, not its last name', () => {
    const text = article(
      'Michael Greaves met Tony Marsh on Monday.',
      'Mr Greaves argued voters had been let down by Mr Marsh.',
      'In the foreword, he promises to restore order.',
    );
    expect(actorsOf(text, 'promises')).toEqual(['Michael Greaves']);
    // A title with a party in it ("The Tory leader") is the subject as much as a name.
    const titled = article(
      'The Conservatives would cut taxes, Michael Greaves said on Monday.',
      'The Tory leader argued voters had been let down by Tony Marsh.',
      'In the foreword, he promises to restore order.',
    );
    expect(actorsOf(titled, 'promises')).toContain('Michael Greaves');
  });

  it('a politician seen speaking for one party in two sentences speaks for it where only the person is found', () => {
    const text = article(
      'The Conservatives would stand up for ordinary families, Michael Greaves pledged on Monday.',
      'And he says the Tories would get a grip on crime.',
      'He promises to restore order in the classroom.',
    );
    expect(actorsOf(text, 'promises')).toEqual(['Conservative Party', 'Michael Greaves']);
    // Once is not enough: a rival's plan is reported that way too.
    const once = article('Michael Greaves said Labour would raise taxes after the election.', 'He promises to restore order in the classroom.');
    expect(actorsOf(once, 'promises')).toEqual(['Michael Greaves']);
  });
});

describe('a list of pledges in the next sentence (invented articles)', () => {
  it('"... a series of pledges. They are to A, B and C": three records, by the pledger', () => {
    const text = 'Charles Dunmore promised to levy a tax to finance a series of pledges. They are to scrap student fees, fund free care and replace the council tax.';
    const listed = kit.commitments(text).found.filter((f) => f.trigger === 'are to');
    expect(listed.map((f) => f.action)).toEqual(['scrap student fees', 'fund free care', 'replace the council tax']);
    for (const f of listed) expect(f.actorNames).toEqual(['Charles Dunmore']);
    // Without pledges just named, "they" stays unresolved and nothing is recorded.
    expect(kit.commitments('Charles Dunmore promised to levy a tax. They are to scrap student fees.').found.filter((f) => f.trigger === 'are to')).toEqual([]);
  });
});

describe('plans in the narrator\'s voice (invented articles)', () => {
  it('"X is to ..." counts only quantified, as a target; a will-statement with figures still needs a speaker', () => {
    expect(kit.commitments('Portugal is to close two border posts next year.').found.filter((f) => f.trigger === 'is to')).toEqual([]);
    const quantified = kit.commitments('Portugal is to give its farmers 70m euros in aid.').found.filter((f) => !f.negated);
    expect(quantified.map((f) => [f.trigger, f.modality, f.amount, f.actorNames])).toEqual([['is to', 'target', '70m euros', ['Portugal']]]);
    expect(kit.commitments('Portugal will see its exports grow by 5% next year.').found).toEqual([]);
  });
});

describe('will-statements that are no plan (invented articles)', () => {
  it('an inverted condition ("should X decide to"), a feeling ("would be frustrated") and a forecast about "our" thing are no plans', () => {
    expect(kit.commitments('Leicester will not rush a bid should Andy Farrell decide to switch codes.').found.filter((f) => f.trigger === 'decide')).toEqual([]);
    const said = (clause: string) => kit.commitments(`"${clause}," Tony Blair said.`).found.map((f) => f.action);
    expect(said('If the trains ran late, users would be frustrated')).toEqual([]);
    expect(said('Our season would improve considerably')).toEqual([]);
    expect(said('Our party would cut taxes')).toEqual(['cut taxes']);
  });

  it('"will take place", "will take part" say what happens, like "will visit"; "will take action" is a plan', () => {
    const said = (clause: string) => kit.commitments(`"${clause}," Tony Blair said.`).found.map((f) => f.action);
    expect(said('The summit will take place in Hanoi next year')).toEqual([]);
    expect(said('We will take part in the talks')).toEqual([]);
    expect(said('We will take action on pensions')).toEqual(['take action on pensions']);
    // Quotes around the verb and "no doubt" before it do not hide it.
    expect(said('We would \'love\' to do another series')).toEqual([]);
    expect(said('The chancellor will no doubt tell us how well the economy is doing')).toEqual([]);
    expect(said('I shall miss him')).toEqual([]);
  });

  it('"Without it we would ..." is a counterfactual; the same words without it are an intention', () => {
    const said = (clause: string) => `President Jacques Chirac spoke in Paris. "${clause}," he said of France.`;
    expect(kit.commitments(said('Without it we would pay far more for energy')).found).toEqual([]);
    expect(kit.commitments(said('We would pay far more for energy')).found.map((f) => f.trigger)).toEqual(['would']);
  });

  it('a thing whose amount changes is a forecast, even with a figure and a deadline; a quantified plan is a target', () => {
    const company = 'Carmaker Velora Motors reported its results on Monday.';
    expect(kit.commitments(article(company, 'Velora Motors said its total debts will increase to 134m euros by the middle of 2006.')).found).toEqual([]);
    expect(kit.commitments(article(company, 'Velora Motors said sales of its hybrids will reach 90,000 cars by 2009.')).found).toEqual([]);
    const plan = kit.commitments(article('Health Minister Jane Hutt spoke in Cardiff.', 'Jane Hutt said no patient would wait more than 12 months by March 2006.')).found;
    expect(plan.map((f) => [f.trigger, f.actorNames, f.due])).toEqual([['would', ['Jane Hutt'], '2006-03']]);
  });

  it('an estimate or a guess before the will-statement makes it a prediction ("I estimate that ... will")', () => {
    const said = (words: string) => `Judge Anna Berg spoke in Oslo. "${words} the final ruling will be issued by the end of February," said Anna Berg.`;
    expect(kit.commitments(said('I estimate that')).found).toEqual([]);
    expect(kit.commitments(said('I reckon')).found).toEqual([]);
    expect(kit.commitments(said('I can confirm that')).found.map((f) => [f.trigger, f.actorNames])).toEqual([['will', ['Anna Berg']]]);
  });
});

describe('the country a government minister speaks for (invented articles)', () => {
  it('a story about England names the UK: its ministers are the UK\'s, England has no government', () => {
    const text = article(
      'Adult literacy classes in England will double, the UK government said.',
      'Skills minister Ian Lowry said: "We will fund new classes in every town in England."',
    );
    expect(actorsOf(text, 'will')).toEqual(['Ian Lowry', 'United Kingdom']);
  });

  it('a minister whose title names another country ("Lao Prime Minister X") is not the story\'s country\'s', () => {
    const text = article(
      'Cambodia opened a new border gate with Vietnam on Monday, the Cambodian government said.',
      'Lao Prime Minister Sonexay Siphandone, who also attended, promised to create favourable conditions for investors.',
      'Cambodian Prime Minister Hun Manet promised to build a second gate.',
    );
    const found = kit.commitments(text).found;
    expect(found.map((f) => [f.action, sorted(f.actorNames)])).toEqual([
      ['create favourable conditions for investors', ['Sonexay Siphandone']],
      ['build a second gate', ['Cambodia', 'Hun Manet']],
    ]);
  });

  it('a place and a name joined by a comma alone are no title: "a win over France, Woodward said"', () => {
    const text = article('Coach Clive Woodward spoke on Monday.', 'After a win over France, Clive Woodward said: "I intend to use the Six Nations as the benchmark."');
    expect(actorsOf(text, 'intend')).toEqual(['Clive Woodward']);
  });

  it('a country named once, and none of its places, is a topic: the minister is listed alone', () => {
    const text = article('Prime Minister Tony Blair spoke about the war in Iraq.', 'Prime Minister Tony Blair said: "We will fund new classes in every town."');
    expect(actorsOf(text, 'will')).toEqual(['Tony Blair']);
    // England has no government: without the UK named, its minister is listed alone too.
    const england = article('Adult literacy classes in England will double.', 'Skills minister Ian Lowry said: "We will fund new classes in every town in England."');
    expect(actorsOf(england, 'will')).toEqual(['Ian Lowry']);
  });

  it('the country whose bodies the story names is the minister\'s, before a country named more often as its topic', () => {
    const text = article(
      'Prime Minister Tony Blair spoke in London about Iraq.',
      'The war in Iraq and the vote in Iraq were discussed with the leaders of Iraq.',
      'The Home Office and the Foreign Office back the plan, and the Ministry of Defence and the Treasury agree.',
      'Britain has troops there. Tony Blair said he would send more troops.',
    );
    expect(actorsOf(text, 'would')).toEqual(['Tony Blair', 'United Kingdom']);
  });
});

describe('subjects named before the clause (invented articles)', () => {
  it('a wire dateline ("Hanoi (VNA) -") is no part of the subject of the paragraph it opens', () => {
    const signers = (lead: string) => kit.commitments(article('Border deal', `${lead}Vietnam and Laos signed a border deal.`)).found.map((f) => sorted(f.actorNames));
    expect(signers('Hanoi (VNA) - ')).toEqual([['Laos', 'Vietnam']]);
    expect(signers('PHNOM PENH, June 3 (AKP) – ')).toEqual([['Laos', 'Vietnam']]);
    // Only where it opens the paragraph: a bracket and dash later on is the writer's.
    const later = kit.commitments(article('Border deal', 'Talks went well. Reuters (the agency) - and Vietnam signed a border deal.')).found;
    expect(later.map((f) => sorted(f.actorNames))).toEqual([['Reuters', 'Vietnam']]);
  });

  it('"the party", "the company": the last organization of that kind named before', () => {
    const party = article('Sources within the Conservative Party spoke to reporters.', 'The party had now decided to back the bill, a source said.');
    expect(kit.commitments(party).found.map((f) => [f.trigger, f.actorNames])).toEqual([['decided', ['Conservative Party']]]);
    const firm = article('Scottish & Newcastle reported profits on Monday, the Financial Times said.', 'The company has agreed to buy a stake in a rival.');
    expect(kit.commitments(firm).found.map((f) => [f.trigger, f.actorNames])).toEqual([['agreed', ['Scottish & Newcastle']]]);
    // A party is no company: nothing of its kind was named.
    expect(kit.commitments(article('The Labour Party met in Brighton.', 'The company has agreed to buy a stake in a rival.')).found).toEqual([]);
  });

  it('a verb after "and" or "but" shares the subject of the verb before, past a dashed aside', () => {
    const found = (text: string) => kit.commitments(text).found.map((f) => [f.trigger, f.actorNames]);
    expect(found('The Conservative Party had been sceptical until now but had decided to back the bill, a source said.')).toEqual([['decided', ['Conservative Party']]]);
    expect(found('Boeing apologised - although it said it gained nothing - and pledged to improve its procedures.')).toEqual([['pledged', ['Boeing']]]);
    // "and we'll ...": the contraction is its own subject.
    expect(found('Coach Eddie Jones said: "Our focus is on that game and we\'ll worry about Ireland later."')).toEqual([]);
  });

  it('a modal after "and" and a name starts a clause of its own; after "and" and a noun it does not', () => {
    const text = article('The Labour Party and the Conservative Party published their plans on Monday.', 'The Labour Party has announced plans to help buyers and the Conservative Party would extend right-to-buy schemes.');
    expect(kit.commitments(text).found.filter((f) => f.trigger === 'would').map((f) => f.actorNames)).not.toContainEqual(['Labour Party']);
    const funds = kit.commitments('The bulk of the £35bn saved by tackling bureaucracy and waste will go back into schools, Michael Howard said.').found;
    expect(funds.map((f) => f.trigger)).toEqual(['will']);
  });

  it('an attribution between commas is no subject: "The idea, says BT, is to ..." names no one', () => {
    const found = (text: string) => kit.commitments(text).found.map((f) => [f.trigger, f.actorNames]);
    expect(found('The idea, says Microsoft, is to build a new search engine.')).toEqual([]);
    expect(found('Microsoft says it is to build a new search engine.')).toEqual([['is to', ['Microsoft']]]);
  });

    it('a place that describes a body is no actor beside it; a person\'s place stays, from the title', () => {
    expect(actorsOf('US aircraft maker Boeing has agreed to pay a $1.5m fine.', 'agreed')).toEqual(['Boeing']);
    expect(actorsOf("The UK's biggest brewer, Scottish & Newcastle, has agreed to buy a stake in a rival.", 'agreed')).toEqual(['Scottish & Newcastle']);
    expect(actorsOf('US President George Bush has pledged to halve the deficit.', 'pledged')).toEqual(['George Bush', 'United States']);
    expect(actorsOf('Vietnam and Boeing agreed to build a plant.', 'agreed')).toEqual(['Boeing', 'Vietnam']);
  });

  it('a date that opens the clause without a comma is no part of the subject; a date that is the subject stays', () => {
    const found = (text: string) => kit.commitments(text).found.map((f) => [f.trigger, f.actorNames]);
    expect(found('In 2002 Boeing and Airbus agreed to form a joint venture.')).toEqual([['agreed', ['Boeing', 'Airbus']]]);
    expect(found('Last year the Conservative Party decided to back the bill.')).toEqual([['decided', ['Conservative Party']]]);
    expect(found('In 2002, Boeing agreed to form a joint venture.')).toEqual([['agreed', ['Boeing']]]);
    expect(found("2005's budget agreed to cut taxes.")).toEqual([]);
  });

    it('the subject of a passive pledge receives it ("had been promised a game")', () => {
    expect(kit.commitments('Goalkeeper Carlo Cudicini had been promised a game in the cup final.').found).toEqual([]);
    expect(kit.commitments('Goalkeeper Carlo Cudicini has promised a win in the cup final.').found.map((f) => f.trigger)).toEqual(['promised']);
  });
});

describe('decisions and agreed deals (invented articles)', () => {
  it('"the two firms" are the two organizations just named; "Last month, it" is the firm before', () => {
    const text = article('Mitsubishi Motors struck a deal with Peugeot on Monday.', 'The two firms signed a memorandum of understanding, and say they expect a final agreement by May.');
    expect(kit.commitments(text).found.map((f) => [f.trigger, f.action, sorted(f.actorNames)])).toEqual([['signed', 'a memorandum of understanding', ['Mitsubishi', 'PSA Peugeot Citroën']]]);
    const dated = kit.commitments(article('Mitsubishi Motors lost money in 2004.', 'Last month, it signed a production agreement with Nissan.')).found;
    expect(dated.map((f) => [f.trigger, f.actorNames])).toEqual([['signed', ['Mitsubishi', 'Nissan']]]);
  });

  it('"the UK\'s biggest union" is a union of the UK, not the UK: the last union named, or no actor', () => {
    const bare = article('Civil servants in strike ballot.', "The UK's biggest civil service union is to ballot its 290,000 members on strikes.");
    expect(kit.commitments(bare).found).toEqual([]);
    const named = article('The Public and Commercial Services Union met on Monday.', "The UK's biggest civil service union is to ballot its 290,000 members on strikes.");
    expect(kit.commitments(named).found.map((f) => [f.trigger, f.actorNames])).toEqual([['is to', ['Public and Commercial Services Union']]]);
  });

  it('the party an agreement is signed or made with is a party to it; the partner of the action is not', () => {
    expect(actorsOf('Egypt signed a trade protocol with the US, allowing Egyptian goods in.', 'signed')).toEqual(['Egypt', 'United States']);
    expect(actorsOf('Vietnam agreed with China to open the border.', 'agreed')).toEqual(['China', 'Vietnam']);
    expect(actorsOf('Vietnam agreed to work with China on the border.', 'agreed')).toEqual(['Vietnam']);
  });

  it('deciding not to do something, or deciding on a date, is a decision', () => {
    const text = article('Tory candidate Danny Kruger spoke on Monday.', 'He has decided not to stand at the next election.', 'Tony Blair decided in April 2004 not to call an election.');
    expect(kit.commitments(text).found.map((f) => [f.trigger, f.action, f.actorNames])).toEqual([
      ['decided', 'not stand at the next election', ['Danny Kruger', 'Conservative Party']],
      ['decided', 'not call an election', ['Tony Blair']],
    ]);
  });

  const found = (text: string) => kit.commitments(text).found.map((f) => [f.trigger, f.actorNames, f.action]);

  it('a pledge someone has is made whatever the condition around it ("if he fulfils his promise to ...")', () => {
    expect(found('If Tony Blair wins and fulfils his promise to serve a full third term, he will stay.')).toEqual([['promise', ['Tony Blair'], 'serve a full third term']]);
    // A condition on the deciding itself is no decision.
    expect(found('If Boeing decided to close the plant, jobs would go.')).toEqual([]);
  });

  it('"made the right decision to ...": the decision is the maker\'s, in a quotation the speaker\'s', () => {
    expect(found('"I have made the right decision to retire," said Martin Johnson.')).toEqual([['decision', ['Martin Johnson'], 'retire']]);
    expect(found('The Boeing board took a decision to close the plant.')).toEqual([['decision', ['Boeing'], 'close the plant']]);
  });

  it('"X\'s decision to ..." and "a decision by X to ...": the action ends before the sentence\'s own verb', () => {
    expect(found('Boeing said its decision to close the plant was final.')).toEqual([['decision', ['Boeing'], 'close the plant']]);
    expect(found('A decision by Boeing to move its head office has angered unions.')).toEqual([['decision', ['Boeing'], 'move its head office']]);
    // No decider named: "the decision" may be anyone's.
    expect(found('Boeing defended the decision to close the plant.')).toEqual([]);
  });

  it('"agreed a deal": a plan noun as the object; trying to agree is no agreement', () => {
    expect(found('Boeing agreed a rescue plan with its creditors on Friday.').map((f) => f.slice(0, 2))).toEqual([['agreed', ['Boeing']]]);
    expect(found('Boeing has been trying to agree a rescue plan with its creditors.')).toEqual([]);
    expect(found('Boeing agreed the figures were wrong.')).toEqual([]);
  });
});

describe('who "they" are, and who is told (invented articles)', () => {
  const found = (text: string) => kit.commitments(text).found.map((f) => [f.trigger, f.actorNames]);

  it('"They" after a sentence about one party is the party; after a saying verb with no one known, no one', () => {
    expect(found(article('The Conservatives said the bill was flawed.', 'They pledged to assess the cost of the scheme.'))).toEqual([['pledged', ['Conservative Party']]]);
    expect(found(article('The Conservatives said the bill was flawed.', 'Until somebody says they are willing to leave, nothing changes.'))).toEqual([]);
    // "They said ... . They pledged ...": the "they" before is the same.
    expect(found(article('The Conservatives said the bill was flawed.', 'They said it would cost too much.', 'They pledged to assess the cost of the scheme.'))).toEqual([['pledged', ['Conservative Party']]]);
  });

  it('"insisted", "stressed" report speech as "said" does', () => {
    expect(found('The Conservatives insisted they would hold ministers to account.')).toEqual([['would', ['Conservative Party']]]);
    expect(found('Health Secretary Patricia Hewitt stressed the plans would be paid for by taxpayers.')).toEqual([['would', ['Patricia Hewitt']]]);
  });

  it('the subject of a passive saying verb is told, and says nothing ("he was told he would be released")', () => {
    expect(found('Prisoner Martin Mubanga was told he would be released in March.')).toEqual([]);
    expect(found('Prisoner Martin Mubanga said he would sue the government in March.')).toEqual([['would', ['Martin Mubanga']]]);
  });
});

describe('quotations, fronted clauses and announced plans (invented articles)', () => {
  it('an action in a quotation ends where the quotation does, before its attribution', () => {
    const found = kit.commitments(article('Lao Defence Minister Chansamone Chanyalath spoke in Vientiane on Monday.', '"We will open two border gates," said Chansamone Chanyalath.')).found;
    expect(found.map((f) => [f.trigger, f.action, f.actorNames])).toEqual([['will', 'open two border gates', ['Chansamone Chanyalath']]]);
  });

  it('the speaker before a relative clause that holds another ("X, who ... which beat France, added:") is X', () => {
    const text = article('Prop Duncan Bell trained with England on Monday.', 'Duncan Bell, who played in the side which beat France last week, added: "I intend to play my heart out for my country."');
    expect(actorsOf(text, 'intend')).toEqual(['Duncan Bell']);
  });

  it('a quotation that opens right after someone\'s reported words is theirs, not the previous quotation\'s speaker\'s', () => {
    const text = article(
      '"We will cut red tape," Tory spokesman John Redwood said.',
      'Lib Dem spokesman Ed Davey said there had been an explosion of agencies. "Liberal Democrats would abolish many of them."',
    );
    expect(actorsOf(text, 'would')).toEqual(['Ed Davey', 'Liberal Democrats']);
  });

  it('"but" between two adjectives joins them; "and said" starts the next statement; "would add" is discourse', () => {
    const intro = 'Robert Kilroy-Silk launched Veritas in London on Monday.';
    const found = kit.commitments(article(intro, 'Mr Kilroy-Silk promised a "firm but fair" policy on immigration and said they hoped to contest most seats.')).found;
    expect(found.map((f) => [f.trigger, f.action])).toEqual([['promised', 'a "firm but fair" policy on immigration']]);
    expect(kit.commitments(article(intro, '"I would add that the plan is flawed," Mr Kilroy-Silk said.')).found).toEqual([]);
  });

  it('"they" two sentences on is the party of a sentence that opens with a fronted clause', () => {
    const text = article(
      'Despite giving their backing to ID cards, the Conservatives insisted they would hold ministers to account.',
      'They said they would also press Labour on the costs. And they pledged to assess the cost of the scheme.',
    );
    const pledged = kit.commitments(text).found.find((f) => f.trigger === 'pledged');
    expect(pledged?.actorNames).toEqual(['Conservative Party']);
  });

  it('a team\'s player speaks for no one: "England captain X" lists X alone, "Tory leader X" lists the party too', () => {
    const player = kit.commitments(article('England captain Martin Johnson spoke at Twickenham on Monday.', 'Martin Johnson has pledged to play on until June.')).found;
    expect(player.map((f) => f.actorNames)).toEqual([['Martin Johnson']]);
    const byRole = kit.commitments(article('Liverpool captain Steven Gerrard spoke at Anfield on Monday.', 'The 24-year-old England midfielder is determined to see out his contract.')).found;
    expect(byRole.map((f) => [f.trigger, f.actorNames])).toEqual([['determined', ['Steven Gerrard']]]);
    const politician = kit.commitments(article('Tory leader Michael Howard spoke in London on Monday.', 'Michael Howard has pledged to cut taxes.')).found;
    expect(politician.map((f) => sorted(f.actorNames))).toEqual([['Conservative Party', 'Michael Howard']]);
  });

  it('someone else\'s will-statement about a country or body is a claim; a passive one is the speaker\'s plan', () => {
    const coach = 'Ireland coach Brian Kerr spoke in Dublin on Monday.';
    expect(kit.commitments(article(coach, 'Brian Kerr said China will provide difficult opposition.')).found).toEqual([]);
    const rivals = 'Labour launched its campaign in London on Monday.';
    expect(kit.commitments(article(rivals, 'A Labour spokesman said the Liberal Democrats would restrict access to higher education.')).found).toEqual([]);
    // A party leader on another party's plans claims; on his own party's, he commits with it.
    const howard = 'Tory leader Michael Howard spoke in London on Monday.';
    expect(kit.commitments(article(howard, 'Michael Howard said the Labour Party would raise taxes.')).found).toEqual([]);
    expect(actorsOf(article(howard, 'Michael Howard said the Conservative Party would cut taxes.'), 'would')).toEqual(['Conservative Party', 'Michael Howard']);
    const sale = kit.commitments(article('Egypt is selling state banks.', 'An Investment Ministry official said the Bank of Alexandria will be sold in 2005.')).found;
    expect(sale.map((f) => [f.trigger, f.actorNames])).toEqual([['will', ['Investment Ministry']]]);
  });

  it('a contracted will ("We\'ll", "I\'ll") has the words before its apostrophe for subject', () => {
    const intro = 'Microsoft vice president Mike Nash spoke in Seattle on Monday.';
    const found = kit.commitments(article(intro, '"We\'ll come up with a plan and roll it out," he said.')).found;
    expect(found.map((f) => [f.trigger, f.action, f.actorNames])).toEqual([
      ["'ll", 'come up with a plan', ['Mike Nash', 'Microsoft']],
      ["'ll", 'roll it out', ['Mike Nash', 'Microsoft']],
    ]);
    const single = kit.commitments(article(intro, '"I\'ll launch the toolkit in May," Mr Nash said.')).found;
    expect(single.map((f) => [f.trigger, f.action, f.actorNames])).toEqual([["'ll", 'launch the toolkit in May', ['Mike Nash', 'Microsoft']]]);
  });

  it('a pronoun right after a noun phrase opens a relative clause, which states no plan; after a time adverbial it does not', () => {
    const intro = 'Wales coach Mike Ruddock spoke in Cardiff on Monday.';
    expect(kit.commitments(article(intro, '"It is something we\'ll talk about this week," Ruddock said.')).found).toEqual([]);
    expect(kit.commitments(article(intro, '"The one thing we are going to do is rest," Ruddock said.')).found).toEqual([]);
    const later = kit.commitments(article(intro, '"Next month we will start a new training camp," Ruddock said.')).found;
    expect(later.map((f) => [f.trigger, f.action, f.actorNames])).toEqual([['will', 'start a new training camp', ['Mike Ruddock', 'Wales']]]);
  });

  it('"Plans to X have been unveiled by Y" are Y\'s plans; plans nobody is said to make are no one\'s', () => {
    const intro = 'Tory leader Michael Howard spoke in London on Monday.';
    const found = kit.commitments(article(intro, 'Plans to abolish 162 quangos have been unveiled by the Conservatives as part of their drive.')).found;
    expect(found.map((f) => [f.trigger, f.action, f.actorNames])).toEqual([['Plans', 'abolish 162 quangos', ['Conservative Party']]]);
    expect(kit.commitments(article(intro, 'Plans to abolish 162 quangos were criticised by the Conservatives.')).found).toEqual([]);
  });

  it('"The plans would abolish X" after a record is that record\'s actors\' plan; not what others say the plans would do', () => {
    const intro = 'Tory leader Michael Howard spoke in London on Monday. The Conservatives have unveiled plans to abolish 162 quangos.';
    const found = kit.commitments(article(intro, 'The plans would abolish regional assemblies. The plans would be popular.')).found;
    expect(found.map((f) => [f.trigger, f.action, f.actorNames])).toEqual([
      ['plans', 'abolish 162 quangos', ['Conservative Party']],
      ['would', 'abolish regional assemblies', ['Conservative Party']],
    ]);
    const claimed = kit.commitments(article(intro, 'Some charities say the plans would put lives at risk.')).found;
    expect(claimed.map((f) => f.trigger)).toEqual(['plans']);
  });

  it('"and" or "but" before a subject pronoun opens a clause of its own, still reported by the sentence\'s saying verb', () => {
    const intro = 'Lions coach Clive Woodward spoke in London on Monday.';
    const quoted = kit.commitments(article(intro, '"Eddie told me how tough it was and I will take their views on board," Woodward said.')).found;
    expect(quoted.map((f) => [f.trigger, f.action, f.actorNames])).toEqual([['will', 'take their views on board', ['Clive Woodward']]]);
    const reported = kit.commitments(article(intro, 'He says his remark was misrepresented but he will not contest the election.')).found;
    expect(reported.map((f) => [f.trigger, f.negated, f.actorNames])).toEqual([['will', true, ['Clive Woodward']]]);
  });

  it('"it" after a saying verb is the body speaking; inside its own quotation "it" is a thing', () => {
    const intro = 'China and the US met in Beijing on Monday.';
    expect(actorsOf(article(intro, 'China said that in future it will punish violators with up to seven years in jail.'), 'will')).toEqual(['China']);
    expect(kit.commitments(article('Apple spoke on Monday.', '"It will bring more customers to the platform," Apple said.')).found).toEqual([]);
  });

  it('a name before another person\'s lower-case title describes the title: "Harry Potter director X" is X alone', () => {
    const text = 'Harry Potter director Alfonso Cuaron has signed a three-year deal with Warner Brothers.';
    expect(actorsOf(text, 'signed')).toEqual(['Alfonso Cuaron', 'Warner Bros']);
    expect(actorsOf('Tony Blair and Gordon Brown have pledged to cut taxes.', 'pledged')).toEqual(['Gordon Brown', 'Tony Blair']);
  });

  it('a fronted participle clause ("Following the takeover of X,") holds no speaker', () => {
    const text = article('Microsoft bought Giant last month.', 'Following the takeover of anti-spyware firm Giant, Microsoft said it would release a toolkit.');
    expect(actorsOf(text, 'would')).toEqual(['Microsoft']);
  });

  it('"has announced he is to retire" is the announcer\'s intention; a narrator\'s "he is to" is not', () => {
    const intro = 'Former Leicester captain Martin Johnson spoke at Welford Road on Monday.';
    const said = kit.commitments(article(intro, 'Martin Johnson has announced he is to retire at the end of the season.')).found;
    expect(said.map((f) => [f.trigger, f.modality, f.action, f.actorNames])).toEqual([['is to', 'intention', 'retire at the end of the season', ['Martin Johnson']]]);
    expect(kit.commitments(article(intro, 'He is to retire at the end of the season.')).found).toEqual([]);
  });
});
