import type { Output } from '../../../../main/contract/index';
import type { ChallengeStatus } from '../../../../main/domain/machines';

/** One challenge on a board, as boards.view gives it. */
export type Card = Output<'boards.view'>['challenges'][number];

/** The board's columns, left to right: where a challenge stands in the 揭榜挂帅 process. */
export const COLUMN_IDS = ['draft', 'open', 'claiming', 'appointed', 'pledged', 'in_progress', 'acceptance', 'done', 'closed'] as const;
export type ColumnId = (typeof COLUMN_IDS)[number];

/** Drop targets: every column, plus two strips inside columns (暂停 in 攻关中, 归档 in 已完成). */
export type TargetId = ColumnId | 'suspend' | 'archive';
export const TARGET_IDS: readonly TargetId[] = [
  'draft', 'open', 'claiming', 'appointed', 'pledged', 'in_progress', 'suspend', 'acceptance', 'done', 'archive', 'closed',
];

/** The statuses each column gathers (published is split by whether live claims came in). */
export const COLUMN_STATUSES: Record<ColumnId, readonly ChallengeStatus[]> = {
  draft: ['draft'],
  open: ['published'],
  claiming: ['published'],
  appointed: ['appointed'],
  pledged: ['pledged'],
  in_progress: ['in_progress', 'suspended'],
  acceptance: ['acceptance_requested', 'rework'],
  done: ['accepted', 'assessed', 'archived'],
  closed: ['withdrawn', 'failed', 'terminated', 'not_accepted'],
};

/** The life-cycle order of statuses, for sorting. */
export const STATUS_ORDER: readonly ChallengeStatus[] = [
  'draft', 'published', 'appointed', 'pledged', 'in_progress', 'suspended', 'acceptance_requested', 'rework',
  'accepted', 'assessed', 'archived', 'not_accepted', 'withdrawn', 'failed', 'terminated',
];

export function columnOf(card: Pick<Card, 'status' | 'claimCount'>): ColumnId {
  switch (card.status) {
    case 'draft':
      return 'draft';
    case 'published':
      return card.claimCount > 0 ? 'claiming' : 'open';
    case 'appointed':
      return 'appointed';
    case 'pledged':
      return 'pledged';
    case 'in_progress':
    case 'suspended':
      return 'in_progress';
    case 'acceptance_requested':
    case 'rework':
      return 'acceptance';
    case 'accepted':
    case 'assessed':
    case 'archived':
      return 'done';
    default:
      return 'closed';
  }
}

/** The column a target lives in. */
export function columnOfTarget(target: TargetId): ColumnId {
  if (target === 'suspend') return 'in_progress';
  if (target === 'archive') return 'done';
  return target;
}

export type DirectMethod = 'publish' | 'start' | 'resume' | 'archive';
export type ReasonMethod = 'withdraw' | 'fail' | 'terminate' | 'suspend';
/** A step that needs more than a drop: done on the challenge page. */
export type OpenWhy = 'claim' | 'claimsOpen' | 'appoint' | 'pledge' | 'requestAcceptance' | 'decideAcceptance' | 'assess';

export type Move =
  /** already there */
  | { kind: 'none' }
  /** one service call; archive asks for confirmation first */
  | { kind: 'call'; method: DirectMethod; confirm: boolean }
  /** asks for a reason first; several methods = the person chooses (撤榜 or 流标) */
  | { kind: 'reason'; methods: readonly ReasonMethod[]; irreversible: boolean }
  /** needs data a drop cannot give: open the challenge */
  | { kind: 'open'; why: OpenWhy }
  /** the process has no such step */
  | { kind: 'illegal' };

const TERMINABLE: readonly ChallengeStatus[] = ['appointed', 'pledged', 'in_progress', 'suspended', 'rework'];

/**
 * What dropping `card` on `target` means. Where a service method leads there it is called, even when
 * the challenge's status does not allow it, so the service's own reason is what the person reads;
 * steps that need a reason or more data say so first.
 */
export function resolveMove(card: Pick<Card, 'status' | 'claimCount'>, target: TargetId): Move {
  const s = card.status;
  switch (target) {
    case 'draft':
      return s === 'draft' ? { kind: 'none' } : { kind: 'illegal' };
    case 'open':
      if (s === 'draft') return { kind: 'call', method: 'publish', confirm: false };
      if (s === 'published') return card.claimCount > 0 ? { kind: 'open', why: 'claimsOpen' } : { kind: 'none' };
      return { kind: 'call', method: 'publish', confirm: false };
    case 'claiming':
      if (s === 'published' && card.claimCount > 0) return { kind: 'none' };
      return s === 'draft' || s === 'published' ? { kind: 'open', why: 'claim' } : { kind: 'illegal' };
    case 'appointed':
      if (s === 'appointed') return { kind: 'none' };
      return s === 'published' ? { kind: 'open', why: 'appoint' } : { kind: 'illegal' };
    case 'pledged':
      if (s === 'pledged') return { kind: 'none' };
      return s === 'appointed' ? { kind: 'open', why: 'pledge' } : { kind: 'illegal' };
    case 'in_progress':
      if (s === 'in_progress') return { kind: 'none' };
      if (s === 'suspended' || s === 'rework') return { kind: 'call', method: 'resume', confirm: false };
      return { kind: 'call', method: 'start', confirm: false };
    case 'suspend':
      if (s === 'suspended') return { kind: 'none' };
      return s === 'in_progress' ? { kind: 'reason', methods: ['suspend'], irreversible: false } : { kind: 'illegal' };
    case 'acceptance':
      if (s === 'acceptance_requested' || s === 'rework') return { kind: 'none' };
      return s === 'in_progress' ? { kind: 'open', why: 'requestAcceptance' } : { kind: 'illegal' };
    case 'done':
      if (s === 'accepted' || s === 'assessed' || s === 'archived') return { kind: 'none' };
      if (s === 'acceptance_requested') return { kind: 'open', why: 'decideAcceptance' };
      if (s === 'not_accepted') return { kind: 'open', why: 'assess' };
      return { kind: 'illegal' };
    case 'archive':
      if (s === 'archived') return { kind: 'none' };
      if (s === 'accepted' || s === 'not_accepted') return { kind: 'open', why: 'assess' };
      // only a real archive is confirmed; any other status is refused by the service at once
      return { kind: 'call', method: 'archive', confirm: s === 'assessed' };
    case 'closed':
      if (s === 'withdrawn' || s === 'failed' || s === 'terminated' || s === 'not_accepted') return { kind: 'none' };
      if (s === 'draft') return { kind: 'reason', methods: ['withdraw'], irreversible: true };
      if (s === 'published') return { kind: 'reason', methods: ['withdraw', 'fail'], irreversible: true };
      if (TERMINABLE.includes(s)) return { kind: 'reason', methods: ['terminate'], irreversible: true };
      return { kind: 'illegal' };
  }
}

/** Cards by column, in the order given (boards.view sorts by code). */
export function groupByColumn<T extends Pick<Card, 'status' | 'claimCount'>>(cards: readonly T[]): Record<ColumnId, T[]> {
  const out = Object.fromEntries(COLUMN_IDS.map((c) => [c, [] as T[]])) as Record<ColumnId, T[]>;
  for (const card of cards) out[columnOf(card)].push(card);
  return out;
}

const NOT_COUNTED: readonly ChallengeStatus[] = ['draft', 'withdrawn', 'failed', 'terminated'];

/** A board's progress: the mean of its top-level challenges that are (or were) under way. */
export function boardProgress(cards: readonly Pick<Card, 'parentId' | 'status' | 'progress'>[]): number | null {
  const counted = cards.filter((c) => !c.parentId && !NOT_COUNTED.includes(c.status));
  if (counted.length === 0) return null;
  return counted.reduce((sum, c) => sum + c.progress, 0) / counted.length;
}

const LIGHT_ORDER = { red: 0, yellow: 1, green: 2, done: 3 } as const;
/** red first: the light that needs attention sorts to the top */
export function lightRank(light: Card['light']): number {
  return light ? LIGHT_ORDER[light] : 4;
}
