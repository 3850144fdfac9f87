import { diffArrays, diffWordsWithSpace } from 'diff';
import type { ChangeObject } from 'diff';

/** A readable comparison of two versions of a 军令状: inline for text, item by item for clauses. */

export interface Segment {
  kind: 'same' | 'ins' | 'del';
  text: string;
}

export type ItemChange =
  | { kind: 'same'; text: string }
  | { kind: 'added'; text: string }
  | { kind: 'removed'; text: string }
  | { kind: 'changed'; segments: Segment[] };

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
/** a diff that would take longer than this is shown as "replaced" instead */
const TIMEOUT_MS = 1500;

/** Folds a short run of unchanged characters between two changes into both, so a phrase reads as one change. */
function tidy(segments: Segment[]): Segment[] {
  const out = segments.filter((s) => s.text.length > 0);
  let merged = true;
  while (merged) {
    merged = false;
    for (let i = 1; i < out.length - 1; i++) {
      const s = out[i] as Segment;
      if (s.kind !== 'same' || s.text.length > 1 || s.text.includes('\n')) continue;
      const before = out[i - 1] as Segment;
      const after = out[i + 1] as Segment;
      if (before.kind === 'same' || after.kind === 'same') continue;
      // gather the change runs on both sides into one deletion and one insertion around the folded text
      let start = i - 1;
      while (start > 0 && (out[start - 1] as Segment).kind !== 'same') start--;
      let end = i + 1;
      while (end < out.length - 1 && (out[end + 1] as Segment).kind !== 'same') end++;
      const run = out.slice(start, end + 1);
      const del = run.map((r) => (r.kind === 'ins' ? '' : r.text)).join('');
      const ins = run.map((r) => (r.kind === 'del' ? '' : r.text)).join('');
      out.splice(start, run.length, { kind: 'del', text: del }, { kind: 'ins', text: ins });
      merged = true;
      break;
    }
  }
  return out;
}

const kindOf = (p: { added: boolean; removed: boolean }): Segment['kind'] => (p.added ? 'ins' : p.removed ? 'del' : 'same');

/**
 * Chinese text has no spaces between words: it is compared character by character, except that a
 * number, a Latin word or a run of spaces stays whole ("3月10日" → "3月20日" changes "10", not "1").
 */
function cjkTokens(text: string): string[] {
  return text.match(/[0-9]+(?:\.[0-9]+)?|[A-Za-z]+|\s+|[\s\S]/gu) ?? [];
}

/** Inline changes between two texts: by character (numbers whole) for Chinese, by word for other languages. */
export function textSegments(before: string, after: string): Segment[] {
  if (before === after) return before ? [{ kind: 'same', text: before }] : [];
  if (!before) return [{ kind: 'ins', text: after }];
  if (!after) return [{ kind: 'del', text: before }];
  let segments: Segment[] | null;
  if (CJK.test(before) || CJK.test(after)) {
    const parts = diffArrays(cjkTokens(before), cjkTokens(after), { timeout: TIMEOUT_MS });
    segments = parts ? parts.map((p) => ({ kind: kindOf(p), text: p.value.join('') })) : null;
  } else {
    const parts = diffWordsWithSpace(before, after, { timeout: TIMEOUT_MS });
    segments = parts ? parts.map((p: ChangeObject<string>) => ({ kind: kindOf(p), text: p.value })) : null;
  }
  if (!segments) return [{ kind: 'del', text: before }, { kind: 'ins', text: after }];
  return tidy(segments);
}

/** How much of a pair is unchanged (0…1): a pair that shares little reads better as removed + added. */
function likeness(segments: Segment[]): number {
  const same = segments.filter((s) => s.kind === 'same').reduce((n, s) => n + s.text.length, 0);
  const total = segments.reduce((n, s) => n + s.text.length, 0);
  return total === 0 ? 1 : same / total;
}

/** Item-by-item changes of two lists; a removed item followed by an added one that resembles it is "changed". */
export function listChanges(before: readonly string[], after: readonly string[]): ItemChange[] {
  const parts = diffArrays([...before], [...after]);
  const out: ItemChange[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as ChangeObject<string[]>;
    if (!part.added && !part.removed) {
      out.push(...part.value.map((text) => ({ kind: 'same' as const, text })));
      continue;
    }
    const next = parts[i + 1];
    if (part.removed && next?.added) {
      const paired = Math.min(part.value.length, next.value.length);
      for (let k = 0; k < paired; k++) {
        const segments = textSegments(part.value[k] as string, next.value[k] as string);
        if (likeness(segments) >= 0.3) out.push({ kind: 'changed', segments });
        else out.push({ kind: 'removed', text: part.value[k] as string }, { kind: 'added', text: next.value[k] as string });
      }
      out.push(...part.value.slice(paired).map((text) => ({ kind: 'removed' as const, text })));
      out.push(...next.value.slice(paired).map((text) => ({ kind: 'added' as const, text })));
      i++;
      continue;
    }
    out.push(...part.value.map((text) => ({ kind: part.added ? ('added' as const) : ('removed' as const), text })));
  }
  return out;
}

export function segmentsChanged(segments: readonly Segment[]): boolean {
  return segments.some((s) => s.kind !== 'same');
}

export function itemsChanged(items: readonly ItemChange[]): boolean {
  return items.some((i) => i.kind !== 'same');
}

/** A version as the comparison sees it: single values and lists of already formatted lines. */
export interface Comparable {
  number: string;
  title: string;
  deadline: string;
  text: string;
  parties: string[];
  commitments: string[];
  milestones: string[];
  rewards: string[];
  penalties: string[];
  exemptions: string[];
}

export const SINGLE_FIELDS = ['number', 'title', 'deadline', 'text'] as const;
export const LIST_FIELDS = ['parties', 'commitments', 'milestones', 'rewards', 'penalties', 'exemptions'] as const;
export type SingleField = (typeof SINGLE_FIELDS)[number];
export type ListField = (typeof LIST_FIELDS)[number];

export type SectionDiff =
  | { field: SingleField; kind: 'single'; changed: boolean; segments: Segment[] }
  | { field: ListField; kind: 'list'; changed: boolean; items: ItemChange[] };

export function compareVersions(before: Comparable, after: Comparable): SectionDiff[] {
  const singles = SINGLE_FIELDS.map((field): SectionDiff => {
    const segments = textSegments(before[field], after[field]);
    return { field, kind: 'single', changed: segmentsChanged(segments), segments };
  });
  const lists = LIST_FIELDS.map((field): SectionDiff => {
    const items = listChanges(before[field], after[field]);
    return { field, kind: 'list', changed: itemsChanged(items), items };
  });
  return [...singles, ...lists];
}
