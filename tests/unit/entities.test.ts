import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bestLongForm } from '../../src/extract/entities/acronyms.js';
import { continuesWord, nextWord } from '../../src/extract/entities/lexicon.js';
import { testKit } from '../helpers.js';

const kit = await testKit();

function entities(text: string) {
  const r = kit.entities(text);
  return r.entities.map((e) => ({ type: e.type, name: e.name, aliases: [...e.aliases], roles: [...e.roles] }));
}

const named = (text: string, type: string) => entities(text).filter((e) => e.type === type);
/** The mentions of one type, as [text, rule]. */
const foundAs = (text: string, type: string) => kit.entities(text).mentions.filter((m) => m.type === type).map((m) => [m.text, m.rule]);
/** The texts of the mentions one rule found. */
const foundBy = (text: string, rule: string) => kit.entities(text).mentions.filter((m) => m.rule === rule).map((m) => m.text);

describe('organizations found by the words around them', () => {
  it('a leading "The" is not part of a known name, unless the name has it ("The Hague")', () => {
    const text = 'He told The Times and the Guardian that The Bahamas and The Hague were fine.';
    expect(entities(text).map((e) => e.name)).toEqual(['Times', 'Guardian', 'Bahamas', 'The Hague']);
    expect(kit.entities(text).mentions.map((m) => m.text)).toEqual(['Times', 'Guardian', 'Bahamas', 'The Hague']);
  });

  it('in a sports story a club is named by its city near a word of sport; elsewhere the city is the place', () => {
    const sport = 'Arsenal beat Bolton and Barcelona made a bid for the striker, who grew up in Liverpool.';
    expect(entities(sport).map((e) => [e.type, e.name, e.aliases])).toEqual([
      ['ORG', 'Arsenal', []],
      ['ORG', 'Bolton Wanderers', ['Bolton']],
      ['ORG', 'FC Barcelona', ['Barcelona']],
      ['PLACE', 'Liverpool', []],
    ]);
    // A city the story named as a club is the club again without a word of sport near it; after
    // "in" it is still the place.
    const again = 'Arsenal beat Bolton and Barcelona made a bid for the striker. He wants Barcelona to have these things. He grew up in Barcelona.';
    expect(kit.entities(again).mentions.filter((m) => m.text === 'Barcelona').map((m) => m.type)).toEqual(['ORG', 'ORG', 'PLACE']);
    // No club named: not a sports story, even with "bid" and "deal" about.
    expect(entities('Barcelona made a bid for the summit and Liverpool signed the deal.').map((e) => [e.type, e.name])).toEqual([
      ['PLACE', 'Barcelona'],
      ['PLACE', 'Liverpool'],
    ]);
  });

  it('a bare compass word before a place makes a place of its own, and an owner is not part of a square', () => {
    const text = 'Aid reached south Asia and north London, while northern Cyprus waited, and fans met in London\'s Leicester Square.';
    expect(named(text, 'PLACE').map((e) => e.name)).toEqual(['south Asia', 'north London', 'Cyprus', 'London', 'Leicester Square']);
  });

  it('a name has a capital: "law lords" is not the Law Lords, "eBay" is a company', () => {
    expect(named('The law lords ruled before the Law Lords sat, and eBay shares rose.', 'ORG').map((e) => [e.name, e.aliases])).toEqual([
      ['Law Lords', []],
      ['eBay', []],
    ]);
  });

  it('a company is named by its business noun ("Railways", "Studios", "Securities"), not taken for a person', () => {
    expect(named('Shares in Seibu Railways fell after Tyson Foods and Revolution Studios reported losses, said Daiwa Securities.', 'ORG').map((e) => e.name)).toEqual([
      'Seibu Railways',
      'Tyson Foods',
      'Revolution Studios',
      'Daiwa Securities',
    ]);
    expect(named('Shares in Seibu Railways fell after Tyson Foods reported losses.', 'PERSON')).toEqual([]);
  });

  it('a body named inside another is its "of the Y" only when it ends the whole name', () => {
    expect(named('Savings of £336m at the Department for Culture Media and Sport were found.', 'ORG').map((e) => e.name)).toEqual(['Department for Culture Media and Sport']);
    // A Y read from its shape is no body of its own; "Industry" is a head noun, so no person either.
    const text = 'The Confederation of British Industry and the British Phonographic Industry (BPI) agreed. The BPI said so.';
    expect(named(text, 'ORG').map((e) => e.name)).toEqual(['Confederation of British Industry', 'British Phonographic Industry']);
    expect(named(text, 'PERSON')).toEqual([]);
  });

  it('an event with the shape of a body is not one ("Champions League")', () => {
    expect(named("Arsenal lost Tuesday's Champions League tie, and the Champions League final is in May.", 'ORG').map((e) => e.name)).toEqual(['Arsenal']);
    // "the Premiership" is the competition; "the Premier League" may be the body.
    expect(named('Arsenal are top of the Premiership, and the Premier League fined Arsenal.', 'ORG').map((e) => e.name).sort()).toEqual(['Arsenal', 'Premier League']);
    expect(kit.entities('Arsenal are top of the Premiership, and the Premier League fined Arsenal.').mentions.map((m) => m.text)).toEqual(['Arsenal', 'Premier League', 'Arsenal']);
  });

  it('a body\'s name joined by "and" ends before a person\'s name ("University of California and Dan Gillmor")', () => {
    expect(entities('Lawyers at the University of California and Dan Gillmor wrote it. The Department of Trade and Industry agreed.').map((e) => [e.type, e.name])).toEqual([
      ['ORG', 'University of California'],
      ['PERSON', 'Dan Gillmor'],
      ['ORG', 'Department of Trade and Industry'],
    ]);
  });

  it('a broadcaster\'s channels and services are bodies of their own ("BBC Radio 4", "BBC News", "BBC World Service")', () => {
    const text = 'He told BBC Radio 4 and the BBC News website, and the BBC World Service and BBC One covered it for the BBC.';
    expect(kit.entities(text).mentions.map((m) => [m.text, m.rule])).toEqual([
      ['BBC Radio 4', 'gazetteer.channel'],
      ['BBC News', 'gazetteer.channel'],
      ['BBC World Service', 'gazetteer.channel'],
      ['BBC One', 'gazetteer.channel'],
      ['BBC', 'gazetteer.org'],
    ]);
  });

  it('Sky is a broadcaster, at the start of a sentence too, and its channels are bodies of their own ("Sky Movies")', () => {
    const text = 'Sky has signed a deal with the Academy. Films will run on Sky Movies and Sky Travel, and Sky One will show the night.';
    expect(foundAs(text, 'ORG')).toEqual([
      ['Sky', 'gazetteer.org'],
      ['Sky Movies', 'gazetteer.channel'],
      ['Sky Travel', 'gazetteer.channel'],
      ['Sky One', 'gazetteer.channel'],
    ]);
  });

  it('a name after a noun for a kind of body is an organization: any "-maker", a bank, a fund, a magazine; not "fund" as a verb', () => {
    const text = 'US-German carmaker Daimlerchrysler sold its stake to state bank Vneshtorgbank. Property fund Molsiris and gadget magazine Stuff agreed. They urged donors to fund Zorbex.';
    expect(foundAs(text, 'ORG')).toEqual([
      ['Daimlerchrysler', 'org.pattern.kind-noun'],
      ['Vneshtorgbank', 'org.pattern.kind-noun'],
      ['Molsiris', 'org.pattern.kind-noun'],
      ['Stuff', 'org.pattern.kind-noun'],
    ]);
  });

  it('a name before "magazine" or "newspaper" is a publication, without a possessive owner; a place there stays a place', () => {
    const text = "Empire magazine praised it, the Liverpool Echo newspaper said, and Saturday's Vedomosti newspaper agreed with a London newspaper.";
    expect(kit.entities(text).mentions.map((m) => [m.text, m.type, m.rule])).toEqual([
      ['Empire', 'ORG', 'org.pattern.publication'],
      ['Liverpool Echo', 'ORG', 'org.pattern.publication'],
      ['Vedomosti', 'ORG', 'org.pattern.publication'],
      ['London', 'PLACE', 'gazetteer.place'],
    ]);
  });

  it('a name after "at" and a job that only a workplace gives is an organization; a known place there stays a place, a possessive is no name', () => {
    const text = '"It is fine," said an economist at Quorvex Brunswick. Researchers at Halden Stoy & Co agreed, a worker at Swindon said, and analysts at Porsche\'s rivals were surprised.';
    expect(kit.entities(text).mentions.map((m) => [m.text, m.type, m.rule])).toEqual([
      ['Quorvex Brunswick', 'ORG', 'org.pattern.works-at'],
      ['Halden Stoy & Co', 'ORG', 'org.pattern.works-at'],
      ['Swindon', 'PLACE', 'gazetteer.place'],
      ['Porsche', 'ORG', 'gazetteer.org'],
    ]);
  });

  it('names listed with two or more organizations are organizations; not in a list with one, nor past a second "and"', () => {
    const orgs = (text: string) => foundBy(text, 'org.listed');
    expect(orgs('Phones made by Nokia, Quorvex, Samsung and Zintara Labs were recalled.')).toEqual(['Quorvex', 'Zintara Labs']);
    expect(orgs('Retailers such as Marks & Spencer, House of Quill and Tesco gained.')).toEqual(['House of Quill']);
    expect(orgs('Among them were Nokia, Samsung, Quorvex and Brown and Williamson.')).toEqual(['Quorvex']);
    expect(orgs('Nokia, Quorvex and Brindle gained.')).toEqual([]);
    expect(orgs('Yesterday, Nokia and Samsung gained.')).toEqual([]);
  });

  it('a company\'s legal suffix is part of its name as written ("Nissan Motor"), not a sentence\'s full stop', () => {
    const r = kit.entities('It signed a deal with Nissan Motor. Shares in Credit Suisse Group rose.');
    expect(r.mentions.map((m) => m.text)).toEqual(['Nissan Motor', 'Credit Suisse Group']);
    expect(r.entities.find((e) => e.name === 'Nissan')?.aliases).toEqual(['Nissan Motor']);
  });

  it('a research firm, a stock exchange and a library are named by their head word', () => {
    expect(named('Analysts at Jupiter Research said the Korea Stock Exchange would lend books to the Bodleian Library.', 'ORG').map((e) => e.name)).toEqual([
      'Jupiter Research',
      'Korea Stock Exchange',
      'Bodleian Library',
    ]);
  });

  it('a name inside the name of a cup, award or games is no mention ("FA Cup", "Athens Olympics")', () => {
    const text = 'Arsenal won the FA Cup before the Athens Olympics and the Australian Open. The FA fined Arsenal, and Athens is hot. The Zurich Premiership resumed.';
    expect(entities(text).map((e) => [e.type, e.name, e.aliases])).toEqual([
      ['ORG', 'Arsenal', []],
      ['ORG', 'Football Association', ['FA']],
      ['PLACE', 'Athens', []],
    ]);
    expect(kit.entities(text).mentions.map((m) => m.text)).toEqual(['Arsenal', 'FA', 'Arsenal', 'Athens']);
  });

  it('a kind noun or a band member names a body; a place or demonym there stays the place', () => {
    const text = 'Ukraine sent Ukrainian singer Ruslana. Security firm MessageLabs and the former Clash guitarist agreed.';
    expect(named(text, 'ORG').map((e) => e.name)).toEqual(['MessageLabs', 'Clash']);
    expect(named(text, 'PLACE')).toEqual([expect.objectContaining({ name: 'Ukraine', aliases: ['Ukrainian'] })]);
  });
});

describe('people', () => {
  it('a lower-case title that opens a sentence still names the person after it', () => {
    expect(entities('Chief executive Gerd Niebaum stepped down last week.')).toEqual([{ type: 'PERSON', name: 'Gerd Niebaum', aliases: [], roles: ['Chief executive'] }]);
  });

  it('an occupation before a full name names a person whose given name is also a word ("musician Ray Charles")', () => {
    const people = named('Jazz musician Ray Charles met documentary-maker Max Carlish and striker Didier Drogba.', 'PERSON');
    expect(people.map((p) => [p.name, p.roles])).toEqual([['Ray Charles', ['musician']], ['Max Carlish', ['documentary-maker']], ['Didier Drogba', ['striker']]]);
    // Only before a full name: "the singer said" names no one.
    expect(named('The singer Prince said no.', 'PERSON')).toEqual([]);
  });

  it('letters after a name ("QC", "OBE") mark a person and are no part of the name', () => {
    const people = named('The chairman of the Bar Council, Guy Mansfield QC, has warned of a risk. Magnate William Haughey OBE gave money.', 'PERSON');
    expect(people.map((p) => [p.name, p.roles])).toEqual([['Guy Mansfield', ['QC']], ['William Haughey', ['OBE']]]);
  });

  it('a hyphenated given name is one when each part is ("Anna-Lena")', () => {
    expect(named('In the final Anna-Lena Groenefeld beat her rival in straight sets.', 'PERSON').map((p) => p.name)).toEqual(['Anna-Lena Groenefeld']);
  });

  it('a name with a role in apposition is a person, the role\'s owner may be named ("X, ATR\'s chief executive")', () => {
    expect(named("Filippo Bagnato, ATR's chief executive, flew to India. Ruhi Dogusoy, a lawyer, stayed.", 'PERSON').map((p) => p.name)).toEqual(['Filippo Bagnato', 'Ruhi Dogusoy']);
  });

  it('a given name that ends a long run of capitals still starts a name ("Million Dollar Baby\'s Hilary Swank")', () => {
    expect(named("Million Dollar Baby's Hilary Swank is tipped to win.", 'PERSON').map((p) => p.name)).toEqual(['Hilary Swank']);
  });

  it('a Mc, Mac or O\' family name makes a person of an unknown given name ("Ewan McGregor")', () => {
    expect(named("Bookmakers backed Ewan McGregor and Ailis McSweeney, and Donnacha O'Callaghan agreed.", 'PERSON').map((p) => p.name)).toEqual([
      'Ewan McGregor',
      'Ailis McSweeney',
      "Donnacha O'Callaghan",
    ]);
  });

  it('given names compromise knows as words ("Bill", "Ray") start names, from the rules\' list; a law stays a law', () => {
    expect(named('The film stars Bill Murray and Ray Winstone. The Finance Bill was passed.', 'PERSON').map((p) => p.name)).toEqual(['Bill Murray', 'Ray Winstone']);
  });

  it('an acronym is no family name ("Ray DVD" is a film and its format), a generation\'s numeral is ("Richard III")', () => {
    expect(named('Ray DVD beats box office takings. Sales of the Mario Kart DS game rose.', 'PERSON')).toEqual([]);
    expect(named('Doctors who examined Richard III spoke.', 'PERSON').map((p) => p.name)).toEqual(['Richard III']);
  });

  it('a double family name may join an O\' name ("Murphy-O\'Connor")', () => {
    expect(named("Cardinal Cormac Murphy-O'Connor spoke. Later Mr Murphy-O'Connor left.", 'PERSON').map((p) => [p.name, p.aliases])).toEqual([
      ["Cormac Murphy-O'Connor", ["Murphy-O'Connor"]],
    ]);
  });

  it('takes titles as roles, never as part of the name', () => {
    const people = named('Vietnamese Prime Minister Phạm Minh Chính hosted Lao Deputy Minister of National Defence and Chief of the General Staff of the Lao People’s Army (LPA), Lieut. Gen. Saichay Kommasith, in Hanoi on 5 March.', 'PERSON');
    expect(people.map((p) => p.name)).toEqual(['Phạm Minh Chính', 'Saichay Kommasith']);
    expect(people[0]!.roles).toEqual(['Prime Minister']);
    expect(people[1]!.roles).toEqual(expect.arrayContaining(['Lieut. Gen.', 'Chief of the General Staff']));
    expect(people[1]!.roles).not.toContain('Prime Minister');
  });

  it('links short references to the full name by the name that ends it', () => {
    const people = named('Prime Minister Phạm Minh Chính met Lieut. Gen. Saichay Kommasith. PM Chính spoke first. Kommasith replied.', 'PERSON');
    expect(people).toEqual([
      expect.objectContaining({ name: 'Phạm Minh Chính', aliases: ['Chính'] }),
      expect.objectContaining({ name: 'Saichay Kommasith', aliases: ['Kommasith'] }),
    ]);
  });

  it('after a title, links one name to the full name it starts, as the title says', () => {
    const aliasesOf = (text: string) => named(text, 'PERSON').map((p) => [p.name, p.aliases]);
    // "Sir" and "Dame" stand before the given name: not Les Paul's last word.
    expect(aliasesOf('Sir Paul McCartney met Mr Les Paul. Sir Paul sang.')).toEqual([
      ['Paul McCartney', ['Paul']],
      ['Les Paul', []],
    ]);
    // A name that ends no full name may start one ("Ms Paetongtarn", "General Chansamone"): the
    // latter is found only so, as "General" alone takes no short name.
    expect(aliasesOf('Thai Prime Minister Paetongtarn Shinawatra met General Chansamone Chanyalath. Ms Paetongtarn and General Chansamone spoke.')).toEqual([
      ['Paetongtarn Shinawatra', ['Paetongtarn']],
      ['Chansamone Chanyalath', ['Chansamone']],
    ]);
    // A title with a modifier says what its title says ("Acting Prime Minister" as "Prime Minister").
    expect(aliasesOf('Thai Acting Prime Minister Phumtham Wechayachai arrived. Acting Prime Minister Phumtham spoke.')).toEqual([['Phumtham Wechayachai', ['Phumtham']]]);
    // Not a name whose last word the story uses alone: "Mr Howard" is not Mr Flight.
    expect(aliasesOf('Tory MP Howard Flight quit. Mr Flight was sacked by Mr Howard.')).toEqual([
      ['Howard Flight', ['Flight']],
      ['Howard', []],
    ]);
    // A royal title's name is a name of its own.
    expect(aliasesOf('Charles Kennedy spoke. Prince Charles did not.')).toEqual([
      ['Charles Kennedy', []],
      ['Charles', []],
    ]);
  });

  it('after a title, "To", "Do" and "An" may be Vietnamese names written without their marks', () => {
    const text = 'General Secretary To Lam met Deputy Minister Tran Quoc To and Mr Do Duc Duy. To date, Lam has spoken twice.';
    expect(foundAs(text, 'PERSON')).toEqual([
      ['To Lam', 'person.title'],
      ['Tran Quoc To', 'person.title'],
      ['Do Duc Duy', 'person.title'],
      ['Lam', 'person.short-reference'],
    ]);
    // Not a function word before a common word ("Prime Minister To Visit"), nor without a title.
    expect(foundAs('Prime Minister To Visit Hanoi.', 'PERSON')).toEqual([]);
  });

  it('keeps Hun Sen and Hun Manet apart: they share only the family name', () => {
    const people = named('Prime Minister Samdech Thipadei Hun Manet met Senate President Hun Sen. Hun Manet spoke.', 'PERSON');
    expect(people.map((p) => p.name).sort()).toEqual(['Hun Manet', 'Hun Sen']);
  });

  it('takes the other names of a list with a person as people, only in a list with a comma', () => {
    const text = 'He played alongside Frank Lebeouf, Josep Guardiola, Titi Camara and Oliver Bierhoff. Prizes went to Marc Forster and Spotless Mind.';
    expect(named(text, 'PERSON').map((p) => p.name)).toEqual(['Frank Lebeouf', 'Josep Guardiola', 'Titi Camara', 'Oliver Bierhoff', 'Marc Forster']);
  });

  it('a person\'s name inside the name of a show, venue or foundation names no person there', () => {
    const text = 'Doris Quell starred in The Doris Quell Show at the Tomas Varga Theatre. Quell also founded the Quell Foundation.';
    expect(kit.entities(text).mentions.filter((m) => m.type === 'PERSON').map((m) => [m.text, m.start])).toEqual([
      ['Doris Quell', 0],
      ['Quell', 72],
    ]);
  });

  it('takes one-word names of a list with a person as people, with another new name beside them; not a list the person only follows', () => {
    const people = (text: string) => foundBy(text, 'person.listed');
    expect(people('They will join Quelia, Sir Elton John, Varro and Dunmoor.')).toEqual(['Quelia', 'Varro', 'Dunmoor']);
    expect(people('Prizes went to Sir Elton John and Varro.')).toEqual([]);
    expect(people('They picked Sir Elton John, Pieter de Varro and Dunmoor.')).toEqual([]);
    expect(people('A spokesman for Quorvex, Tallis and Dunmoor, Sir Elton John, said so.')).toEqual([]);
  });

  it('a name with its country, place or club in brackets is a person, initial or not; not a body with its acronym, nor a phrase', () => {
    const people = (text: string) => foundBy(text, 'person.bracketed-origin');
    expect(people('Replacements: D Quorvane (France), A Lo Varrick (Italy), P de Tallis (Leicester Tigers), Naguib Ostrava (Egypt).')).toEqual([
      'D Quorvane',
      'A Lo Varrick',
      'P de Tallis',
      'Naguib Ostrava',
    ]);
    expect(people('Talks with the Quorvane Carrier Association (QCA) and the Tallis Group (Japan) went on.')).toEqual([]);
    expect(people('Even Denzel (Washington) was there, and The Varrick Show (BBC Three) ran late.')).toEqual([]);
  });

  it('finds English names by given name and by title', () => {
    const people = named('Tony Blair said the plan would work. Mr Blair added that Gordon Brown agreed.', 'PERSON');
    expect(people.map((p) => [p.name, p.aliases])).toEqual([
      ['Tony Blair', ['Blair']],
      ['Gordon Brown', []],
    ]);
  });

  it('a lone name after a possessive and a family noun is a person, known given name or not; not a place, nor after "partner"', () => {
    const text = "Mr Eavis' daughter Emily spoke. His younger brother Tariku won, and the Blairs' fourth child, Leo, was born. His wife London laughed. Sony's partner Zorbex agreed.";
    expect(foundAs(text, 'PERSON')).toEqual([
      ['Eavis', 'person.title'],
      ['Emily', 'person.kin'],
      ['Tariku', 'person.kin'],
      ['Leo', 'person.kin'],
    ]);
  });

  it('a given name before a town is a person with a place for a family name; a country after a name is not', () => {
    const text = 'Phil Redmond met Mary Chester in Washington. Mr Redmond and Lord Strathclyde spoke. Tony Blair Iraq visit.';
    expect(named(text, 'PERSON').map((p) => [p.name, p.aliases])).toEqual([
      ['Phil Redmond', ['Redmond']],
      ['Mary Chester', []],
      ['Strathclyde', []],
      ['Tony Blair', []],
    ]);
    expect(named(text, 'PLACE').map((p) => p.name)).toEqual(['Washington', 'Iraq']);
  });

  it('a given name before a company is a person with a company for a family name; before a party it is not', () => {
    const text = 'Ian Pearson, a futurologist, advised Gerald Ford. Blair Labour said so.';
    expect(kit.entities(text).mentions.map((m) => [m.text, m.type, m.rule])).toEqual([
      ['Ian Pearson', 'PERSON', 'person.given-name-org'],
      ['Gerald Ford', 'PERSON', 'person.given-name-org'],
      ['Labour', 'ORG', 'gazetteer.org'],
    ]);
  });

  it('records the country a titled person serves, from the demonym before the title', () => {
    const r = kit.entities('Cambodian Prime Minister Hun Manet met Lao Prime Minister Sonexay Siphandone and Tony Blair.');
    const people = r.entities.filter((e) => e.type === 'PERSON').map((e) => [e.name, e.country]);
    expect(people).toEqual([
      ['Hun Manet', 'Cambodia'],
      ['Sonexay Siphandone', 'Laos'],
      ['Tony Blair', ''],
    ]);
  });

  it('takes two people after a plural title', () => {
    const people = named('Deputy Ministers Hoang Xuan Chien and Vongkham Phommakone were pleased.', 'PERSON');
    expect(people.map((p) => p.name)).toEqual(['Hoang Xuan Chien', 'Vongkham Phommakone']);
    expect(people[0]!.roles).toEqual(['Deputy Minister']);
  });

  it('makes no person of a bare title or "the General Staff"', () => {
    expect(named('The President said the General Staff of the army would meet.', 'PERSON')).toEqual([]);
  });
});

describe('organizations and places', () => {
  it('links an acronym to the long form it is defined by', () => {
    const orgs = named('Vietnam provides the Royal Cambodian Armed Forces (RCAF) with aid. The RCAF thanked Vietnam.', 'ORG');
    expect(orgs).toEqual([expect.objectContaining({ name: 'Royal Cambodian Armed Forces', aliases: ['RCAF'] })]);
  });

  it('keeps the country of a country-qualified body as an attribute, not in its name', () => {
    const r = kit.entities("Vietnam's Ministry of National Defense helped Laos. The Ministry of National Defence of Vietnam sent advisers.");
    const orgs = r.entities.filter((e) => e.type === 'ORG');
    // One entity: spellings and the two ways of naming the country are the same body.
    expect(orgs.map((o) => [o.name, o.country])).toEqual([['Ministry of National Defence', 'Vietnam']]);
    expect(orgs[0]!.aliases).toEqual(['Ministry of National Defense']);
  });

  it('maps demonyms to their country and never makes a country an organization', () => {
    const places = named('The Vietnamese delegation met Laotian officials in Vientiane, Laos, and flew back to Vietnam.', 'PLACE');
    expect(places.find((p) => p.name === 'Vietnam')?.aliases).toEqual(['Vietnamese']);
    expect(places.find((p) => p.name === 'Laos')?.aliases).toEqual(['Laotian']);
    expect(named('Vietnam agreed.', 'ORG')).toEqual([]);
  });

  it('makes no place of a demonym whose place the document never names', () => {
    const { entities, mentions } = kit.entities('The Italian finance minister met Laotian officials in Vientiane, Laos.');
    expect(entities.filter((e) => e.type === 'PLACE').map((e) => [e.name, ...e.aliases])).toEqual([['Laos', 'Laotian'], ['Vientiane']]);
    expect(mentions.map((m) => m.text)).not.toContain('Italian');
  });

  it('finds places by their head word without the common noun', () => {
    const places = named('The dialogue was held at Xamneua town, Huaphanh province, on March 23.', 'PLACE');
    const forms = places.flatMap((p) => [p.name, ...p.aliases]);
    expect(forms).toEqual(expect.arrayContaining(['Xamneua', 'Huaphanh']));
    expect(forms).not.toContain('Huaphanh province');
  });

  it('does not take a headline-like fragment as an organization', () => {
    expect(named('Border Security and Beyond', 'ORG')).toEqual([]);
  });
});

describe('bestLongForm (Schwartz-Hearst)', () => {
  it.each([
    ['LPA', "the Lao People's Army", "Lao People's Army"],
    ['WTO', 'members of the World Trade Organization', 'World Trade Organization'],
    ['RCAF', 'the Royal Cambodian Armed Forces', 'Royal Cambodian Armed Forces'],
    ['XYZ', 'nothing matches here', null],
  ])('%s in "%s" -> %s', (short, long, expected) => {
    const got = bestLongForm(short, long);
    expect(got === null ? null : got.replace(/^the /, '')).toBe(expected);
  });
});

describe('continuesWord (where a gazetteer form may end)', () => {
  const byRegex = (text: string, end: number) => /^(?:[\p{L}\p{N}]|-\p{L})/u.test(text.slice(end, end + 2));
  it('says what the regex it replaces says, on any text and position', () => {
    const chars = fc.oneof(
      fc.constantFrom('a', 'Z', '5', '-', ' ', "'", '.', 'ạ', 'Đ', '٣', '—', '\u0301', '\ud835', '\udc00', '𝐀', '中'),
      fc.string({ unit: 'binary', maxLength: 1 }),
    );
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 6 }), fc.nat(8), (parts, at) => {
        const text = parts.join('');
        expect(continuesWord(text, at)).toBe(byRegex(text, at));
      }),
      { numRuns: 20000 },
    );
  });
  it('ends "Laos" before a space or a full stop, not before "-based" or a letter', () => {
    expect(['Laos is', 'Laos.', 'Laos-', 'Laos-based', 'Laoss', 'Laos-5'].map((t) => continuesWord(t, 4))).toEqual([false, false, false, true, true, false]);
  });
});

describe('nextWord (the word scan of the gazetteer and title finders)', () => {
  /** Every run the regex finds, restarting at `restart(match)` each time, as the finders restart after a form. */
  const scan = (text: string, step: (start: number, end: number) => number, find: (from: number) => { start: number; end: number } | null) => {
    const out: [number, number][] = [];
    for (let w = find(0); w && out.length < 50; w = find(Math.max(step(w.start, w.end), w.start + 1))) out.push([w.start, w.end]);
    return out;
  };
  const byRegex = (text: string) => (from: number) => {
    const re = /[\p{L}\p{N}]+/gu;
    re.lastIndex = from;
    const m = re.exec(text);
    return m ? { start: m.index, end: m.index + m[0].length } : null;
  };
  it('finds what /[\\p{L}\\p{N}]+/gu finds, from wherever the scan goes on', () => {
    const chars = fc.oneof(
      fc.constantFrom('a', 'Z', '5', '-', ' ', "'", '.', 'ạ', 'Đ', '٣', '—', '\u0301', '\ud835', '\udc00', '𝐀', '中', '\u00a0'),
      fc.string({ unit: 'binary', maxLength: 1 }),
    );
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 12 }), fc.nat(3), (parts, skip) => {
        const text = parts.join('');
        // Go on at the end of each word, or a few units further (after a form longer than its first
        // word), never inside a surrogate pair: a form or title ends with a whole character.
        const inPair = (i: number) => /[\ud800-\udbff]/.test(text[i - 1] ?? '') && /[\udc00-\udfff]/.test(text[i] ?? '');
        const step = (_: number, end: number) => (inPair(end + skip) ? end + skip + 1 : end + skip);
        expect(scan(text, step, (from) => nextWord(text, from))).toEqual(scan(text, step, byRegex(text)));
      }),
      { numRuns: 20000 },
    );
  });
  it('reads words of any script and skips what is between them', () => {
    const text = 'Phạm Minh Chính, 2025—中国 𝐀b';
    const words: string[] = [];
    for (let w = nextWord(text, 0); w; w = nextWord(text, w.end)) words.push(text.slice(w.start, w.end));
    expect(words).toEqual(['Phạm', 'Minh', 'Chính', '2025', '中国', '𝐀b']);
  });
});

