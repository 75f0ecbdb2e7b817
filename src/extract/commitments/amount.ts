/** Amounts that quantify a commitment: money, percentages, counts and durations. */

export interface Amount {
  /** As written: "USD 5 billion", "£2,500", "0.7% of national income", "1.5 million", "12 months". */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly value: number | null;
  /** ISO currency code, "%", a counted noun ("homes"), or a time unit ("months"). */
  readonly unit: string;
}

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50, hundred: 100,
};
const SCALE: Readonly<Record<string, number>> = {
  k: 1e3, thousand: 1e3, m: 1e6, mn: 1e6, million: 1e6, bn: 1e9, billion: 1e9, tn: 1e12, trillion: 1e12,
};
const CURRENCY: Readonly<Record<string, string>> = {
  $: 'USD', us$: 'USD', usd: 'USD', dollar: 'USD', dollars: 'USD', '£': 'GBP', gbp: 'GBP', pound: 'GBP', pounds: 'GBP',
  '€': 'EUR', eur: 'EUR', euro: 'EUR', euros: 'EUR', vnd: 'VND', dong: 'VND', yen: 'JPY', yuan: 'CNY', riel: 'KHR', kip: 'LAK',
};

const NUM = String.raw`\d+(?:,\d{3})*(?:\.\d+)?`;
const WORDNUM = String.raw`(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|a\s+hundred)`;
const SCALE_RE = String.raw`(?:\s?(?:bn|m|mn|k|tn)\b|\s+(?:thousand|million|billion|trillion)\b)`;
/** After a number in words, only a scale in words: "a m" and "one k" are "am" and "one key". */
const WORD_SCALE_RE = String.raw`\s+(?:thousand|million|billion|trillion)\b`;
/** A number and its scale: "5bn", "2.5 million", "two million". */
const SCALED = String.raw`(?:${NUM}${SCALE_RE}|${WORDNUM}${WORD_SCALE_RE})`;
const CUR_PREFIX = String.raw`(?:US\$|USD|VND|EUR|GBP|[$£€])`;

/** Tried in order; the earliest match in the text wins, then the longest. */
const B = String.raw`(?<![\p{L}\p{N}.,])`;
const PATTERNS: readonly { kind: 'money' | 'percent' | 'count' | 'duration'; re: RegExp }[] = [
  { kind: 'money', re: new RegExp(String.raw`${B}${CUR_PREFIX}\s?${NUM}${SCALE_RE}?(?:\s+(?:a|per)\s+(?:year|week|month|day))?`, 'giu') },
  { kind: 'money', re: new RegExp(String.raw`${B}(?:${SCALED}|${NUM}|${WORDNUM})\s+(?:US\s+)?(?:dollars|pounds|euros|dong|yen|yuan|riel|kip)\b`, 'giu') },
  { kind: 'percent', re: new RegExp(String.raw`${B}${NUM}\s?(?:%|per\s?cent\b)(?:\s+of\s+(?:their\s+|its\s+|the\s+)?(?:national\s+|gross\s+)?(?:income|incomes|GDP|GNI|budget|spending)\b)?`, 'giu') },
  { kind: 'duration', re: new RegExp(String.raw`${B}(?:${NUM}|${WORDNUM})\s+(?:years?|months?|weeks?|days?|hours?)\b`, 'giu') },
  { kind: 'count', re: new RegExp(String.raw`${B}${SCALED}(?:\s+(?!by\b|in\b|of\b|to\b|a\b|the\b)[a-z][a-z-]+)?`, 'giu') },
  { kind: 'count', re: new RegExp(String.raw`${B}\d{1,3}(?:,\d{3})+(?:\s+(?!by\b|in\b|of\b|to\b)[a-z][a-z-]+)?`, 'giu') },
];

function numberOf(text: string): number | null {
  const digits = new RegExp(NUM).exec(text);
  let value: number | null = null;
  if (digits) value = Number(digits[0].replace(/,/g, ''));
  else {
    const w = /^(?:[^\w]*)(a\s+hundred|\w+)/i.exec(text.replace(/^(?:US\$|USD|VND|EUR|GBP|[$£€])\s?/i, ''));
    const key = w?.[1]?.toLowerCase().replace(/\s+/g, ' ');
    if (key === 'a hundred') value = 100;
    else if (key && key in NUMBER_WORDS) value = NUMBER_WORDS[key]!;
  }
  if (value === null) return null;
  const rest = digits ? text.slice(digits.index + digits[0].length) : text;
  const scale = /^\s?(bn|mn|m|k|tn|thousand|million|billion|trillion)\b/i.exec(rest) ?? /\s(thousand|million|billion|trillion)\b/i.exec(text);
  if (scale) value *= SCALE[scale[1]!.toLowerCase()]!;
  // Float noise from 8.1 * 1e9.
  return Number(value.toPrecision(12));
}

/**
 * Could some part of `text` hold an amount? Every amount above has a digit, or a number in
 * words with a currency, a time unit or a scale in words: where this fails, `findAmount` finds
 * nothing in any slice of the text.
 */
export function mayHaveAmount(text: string): boolean {
  return /\d|dollars|pounds|euros|dong|yen|yuan|riel|kip|year|month|week|day|hour|thousand|million|billion|trillion/i.test(text);
}

/** The first amount in `text` (offsets relative to `text`), or null. */
export function findAmount(text: string): Amount | null {
  let best: { kind: string; m: RegExpExecArray } | null = null;
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(text); m; m = p.re.exec(text)) {
      // A bare year ("by 2010") is a date, not a count.
      if (p.kind === 'count' && /^\d{4}$/.test(m[0])) continue;
      if (!best || m.index < best.m.index || (m.index === best.m.index && m[0].length > best.m[0].length)) best = { kind: p.kind, m };
      break;
    }
  }
  if (!best) return null;
  const raw = best.m[0].trim();
  const start = best.m.index;
  const value = best.kind === 'percent' ? Number(new RegExp(NUM).exec(raw)![0].replace(/,/g, '')) : numberOf(raw);
  let unit = '';
  if (best.kind === 'money') {
    const cur = /^(US\$|USD|VND|EUR|GBP|[$£€])/i.exec(raw)?.[1] ?? /(dollars|pounds|euros|dong|yen|yuan|riel|kip)\b/i.exec(raw)?.[1] ?? '';
    unit = CURRENCY[cur.toLowerCase()] ?? cur.toUpperCase();
  } else if (best.kind === 'percent') unit = '%';
  else if (best.kind === 'duration') unit = /(year|month|week|day|hour)/i.exec(raw)![1]!.toLowerCase() + 's';
  else unit = /\s([a-z][a-z-]+)$/i.exec(raw)?.[1]?.replace(/^(?:thousand|million|billion|trillion)$/i, '') ?? '';
  return { text: raw, start, end: start + raw.length, value, unit };
}
