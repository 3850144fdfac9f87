import type { ChallengeStatus, MilestoneStatus } from './machines';
import { ACCEPTED_STATUSES } from './machines';

/** Values computed from the stored facts; never stored themselves. */
export type TrafficLight = 'green' | 'yellow' | 'red' | 'done';

/** Days a milestone may be from its due date before it turns yellow. */
export const YELLOW_DAYS = 7;

export function daysBetween(fromDate: string, toDate: string): number {
  return Math.round((Date.parse(`${toDate}T00:00:00Z`) - Date.parse(`${fromDate}T00:00:00Z`)) / 86_400_000);
}

interface MilestoneFacts {
  status: MilestoneStatus;
  dueDate: string;
}

/** Overdue: past its due date and not yet delivered (reported or verified). */
export function isMilestoneOverdue(m: MilestoneFacts, today: string): boolean {
  return (m.status === 'planned' || m.status === 'in_progress' || m.status === 'rejected') && m.dueDate < today;
}

export function milestoneLight(m: MilestoneFacts, today: string, yellowDays = YELLOW_DAYS): TrafficLight {
  if (m.status === 'verified') return 'done';
  if (m.status === 'reported') return 'green';
  if (isMilestoneOverdue(m, today)) return 'red';
  return daysBetween(today, m.dueDate) <= yellowDays ? 'yellow' : 'green';
}

const LIGHT_RANK: Record<TrafficLight, number> = { done: 0, green: 1, yellow: 2, red: 3 };

/** A challenge shows the worst light of its open milestones; null when it has none. */
export function worstLight(lights: readonly TrafficLight[]): TrafficLight | null {
  if (lights.length === 0) return null;
  return lights.reduce((worst, l) => (LIGHT_RANK[l] > LIGHT_RANK[worst] ? l : worst));
}

export function isChallengeOverdue(c: { status: ChallengeStatus; deadline: string }, today: string): boolean {
  return (
    c.deadline < today &&
    ['published', 'appointed', 'pledged', 'in_progress', 'suspended', 'rework'].includes(c.status)
  );
}

export interface ProgressFacts {
  status: ChallengeStatus;
  milestones: readonly { status: MilestoneStatus }[];
  latestPercent: number | null;
  children: readonly ProgressFacts[];
}

const IGNORED_CHILD: readonly ChallengeStatus[] = ['withdrawn', 'failed', 'terminated'];

/**
 * Progress 0–100 rolled up: an accepted challenge is done; a parent is the mean of its live 子榜;
 * otherwise milestones count (verified 1, reported ½); otherwise the latest reported percent.
 */
export function rolledUpProgress(c: ProgressFacts): number {
  if (ACCEPTED_STATUSES.includes(c.status)) return 100;
  const live = c.children.filter((child) => !IGNORED_CHILD.includes(child.status));
  if (live.length > 0) {
    const sum = live.reduce((acc, child) => acc + rolledUpProgress(child), 0);
    return Math.round(sum / live.length);
  }
  if (c.milestones.length > 0) {
    const done = c.milestones.reduce(
      (acc, m) => acc + (m.status === 'verified' ? 1 : m.status === 'reported' ? 0.5 : 0),
      0,
    );
    return Math.round((100 * done) / c.milestones.length);
  }
  return Math.max(0, Math.min(100, c.latestPercent ?? 0));
}

/** The parent/子榜 acceptance rule: the required 子榜 not yet accepted. */
export function blockingChildren<T extends { status: ChallengeStatus; required: boolean }>(children: readonly T[]): T[] {
  return children.filter((c) => c.required && !ACCEPTED_STATUSES.includes(c.status) && !IGNORED_CHILD.includes(c.status));
}
