import type { CommitmentsRules } from '../../rules/schemas.js';
import type { CommitmentFinding, DateFinding, Modality, SegmentedDocument } from '../../types.js';
import type { EntityExtraction } from '../entities/index.js';

export interface CommitmentExtractor {
  /** Commitments with clean, absolute offsets; actors index `entities.entities`. */
  extract(doc: SegmentedDocument, entities: EntityExtraction, dates: readonly DateFinding[]): CommitmentFinding[];
}

interface CompiledTrigger {
  readonly id: string;
  readonly modality: Modality;
  readonly code: string;
  readonly regex: RegExp;
}

const AMOUNT =
  /(?:(?:USD|US\$|\$|£|€|EUR|GBP|VND)\s?\d[\d,.]*(?:\s?(?:bn|billion|million|m|trillion|tn))?|\d[\d,.]*\s?(?:bn|billion|million|trillion)?\s?(?:dollars|pounds|euros|USD|EUR|GBP))/;
const SCALE: Readonly<Record<string, number>> = { bn: 1e9, billion: 1e9, million: 1e6, m: 1e6, trillion: 1e12, tn: 1e12 };
const UNIT: Readonly<Record<string, string>> = { $: 'USD', US$: 'USD', USD: 'USD', dollars: 'USD', '£': 'GBP', GBP: 'GBP', pounds: 'GBP', '€': 'EUR', EUR: 'EUR', euros: 'EUR', VND: 'VND' };

export function parseAmount(text: string): { amount: string; value: number | null; unit: string } {
  const m = AMOUNT.exec(text);
  if (!m) return { amount: '', value: null, unit: '' };
  const amount = m[0].trim();
  const num = /\d[\d,]*(?:\.\d+)?/.exec(amount);
  const scale = /(bn|billion|million|trillion|tn|m)\b/.exec(amount.replace(/^\D+/, ''));
  const unit = /^(USD|US\$|\$|£|€|EUR|GBP|VND)/.exec(amount)?.[1] ?? /(dollars|pounds|euros|USD|EUR|GBP)$/.exec(amount)?.[1] ?? '';
  const value = num ? Number(num[0].replace(/,/g, '')) * (scale ? SCALE[scale[1]!]! : 1) : null;
  return { amount, value, unit: UNIT[unit] ?? unit };
}

/** Where a clause ends: the action stops there. */
const CLAUSE_END = /[;.!?]|,\s+(?:while|which|where|but|as|since|although|though|recognizing|recognising)\b|\s+(?:while|whereas)\s+/;
/** Coordinated actions: "agreed to X; to continue Y; agreed to Z". */
const COORDINATION = /;\s+(?:and\s+)?(?:agreed\s+)?to\s+|,\s+and\s+to\s+|\s+and\s+to\s+/g;

export function createCommitmentExtractor(rules: CommitmentsRules): CommitmentExtractor {
  const triggers: CompiledTrigger[] = rules.triggers.map((t) => ({ id: t.id, modality: t.modality, code: t.code, regex: new RegExp(t.pattern, 'giu') }));
  const negation = new RegExp(`\\b(?:${rules.negations.map((n) => n.replace(/\s+/g, '\\s+')).join('|')})\\s+(?:\\S+\\s+){0,2}$`, 'i');
  const collective = new RegExp(`\\b(?:${rules.collectiveActors.map((c) => c.replace(/\s+/g, '\\s+')).join('|')})\\b`, 'i');
  return {
    extract(doc, ents, dates) {
      const out: CommitmentFinding[] = [];
      doc.sentences.forEach((s, si) => {
        const taken: [number, number][] = [];
        for (const t of triggers) {
          for (const m of s.text.matchAll(t.regex)) {
            const tStart = m.index;
            const tEnd = m.index + m[0].length;
            if (taken.some(([a, b]) => tStart < b && a < tEnd)) continue;
            const rest = s.text.slice(tEnd);
            const stop = CLAUSE_END.exec(rest);
            const actionText = rest.slice(0, stop ? stop.index : rest.length);
            if (!actionText.trim()) continue;
            taken.push([tStart, tEnd]);
            const before = s.text.slice(0, tStart);
            const negated = negation.test(before);
            const actors = actorsFor(doc, ents, si, s.start + tStart, collective.test(before));
            // One record per coordinated action, each with its own span.
            const parts: [number, number][] = [];
            let from = 0;
            for (const c of actionText.matchAll(COORDINATION)) {
              parts.push([from, c.index]);
              from = c.index + c[0].length;
            }
            parts.push([from, actionText.length]);
            parts.forEach(([a, b], pi) => {
              const action = actionText.slice(a, b).trim();
              if (!action) return;
              const aStart = s.start + tEnd + a + (actionText.slice(a, b).length - actionText.slice(a, b).trimStart().length);
              const aEnd = aStart + action.length;
              const start = pi === 0 ? s.start : aStart;
              const due = dates.find((d) => d.start >= aStart && d.end <= aEnd && /\b(?:by|before|until|at the end of|within)\s+(?:the\s+)?$/i.test(doc.clean.slice(Math.max(s.start, d.start - 20), d.start)) || (d.start >= aStart && d.end <= aEnd && /end of/i.test(d.text)));
              const amt = parseAmount(action);
              out.push({
                sentence: si,
                start,
                end: aEnd,
                text: doc.clean.slice(start, aEnd),
                actors,
                trigger: m[0].trim(),
                modality: t.modality,
                action,
                object: '',
                amount: amt.amount,
                amountValue: amt.value,
                amountUnit: amt.unit,
                due: due?.value ?? '',
                code: t.code,
                negated,
                rule: t.id,
              });
            });
          }
        }
      });
      return out.sort((a, b) => a.start - b.start || a.end - b.end);
    },
  };
}

/** The entities named before the trigger in the sentence; for "Both sides"/"They", the parties named just before. */
function actorsFor(doc: SegmentedDocument, ents: EntityExtraction, sentence: number, triggerAt: number, collective: boolean): number[] {
  const inSentence = (si: number, until: number) =>
    ents.mentions
      .map((m, i) => ({ m, e: ents.mentionEntity[i]! }))
      .filter(({ m }) => m.sentence === si && m.end <= until)
      .map(({ e }) => e);
  const own = [...new Set(inSentence(sentence, triggerAt))];
  if (own.length && !collective) return own;
  for (let si = sentence - 1; si >= Math.max(0, sentence - 3); si--) {
    const prev = [...new Set(inSentence(si, doc.sentences[si]!.end))].filter((e) => ents.entities[e]!.type !== 'ORG' || true);
    if (prev.length >= 2) return prev;
  }
  return own;
}
