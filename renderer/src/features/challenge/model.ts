import type { Output } from '../../../../main/contract/index';
import type { ChallengeDetail } from './types';

/** Small pure helpers shared by the challenge page's sections. */

export type Claim = ChallengeDetail['claims'][number];
export type Appointment = ChallengeDetail['appointments'][number];
export type PledgeRow = ChallengeDetail['pledges'][number];
export type TimelineEvent = ChallengeDetail['timeline'][number];
export type Team = Output<'teams.list'>[number];
export type Site = Output<'sites.list'>[number];

/** Finished challenges: no more claims, 子榜 or life-cycle moves except archiving. */
export const CLOSED_STATUSES: readonly string[] = [
  'accepted', 'not_accepted', 'assessed', 'archived', 'withdrawn', 'failed', 'terminated',
];

export type LifecycleKey = 'publish' | 'withdraw' | 'fail' | 'start' | 'suspend' | 'resume' | 'terminate' | 'archive';

export interface LifecycleAction {
  key: LifecycleKey;
  /** the service needs a reason (asked in a TextDialog) */
  reason: boolean;
  /** cannot be undone: asked for confirmation, shown in red */
  irreversible: boolean;
  /** only HQ roles may do it anywhere (a site lead may start/resume on their own site) */
  hqOnly: boolean;
}

const ACTIONS: Record<LifecycleKey, LifecycleAction> = {
  publish: { key: 'publish', reason: false, irreversible: false, hqOnly: true },
  withdraw: { key: 'withdraw', reason: true, irreversible: true, hqOnly: true },
  fail: { key: 'fail', reason: true, irreversible: true, hqOnly: true },
  start: { key: 'start', reason: false, irreversible: false, hqOnly: false },
  suspend: { key: 'suspend', reason: true, irreversible: false, hqOnly: true },
  resume: { key: 'resume', reason: false, irreversible: false, hqOnly: false },
  terminate: { key: 'terminate', reason: true, irreversible: true, hqOnly: true },
  archive: { key: 'archive', reason: false, irreversible: true, hqOnly: true },
};

/** What the challenge machine (main/domain/machines.ts) allows from each status through these methods. */
const BY_STATUS: Record<string, LifecycleKey[]> = {
  draft: ['publish', 'withdraw'],
  published: ['withdraw', 'fail'],
  appointed: ['terminate'],
  pledged: ['start', 'terminate'],
  in_progress: ['suspend', 'terminate'],
  suspended: ['resume', 'terminate'],
  rework: ['resume', 'terminate'],
  assessed: ['archive'],
};

export function lifecycleActions(status: string): LifecycleAction[] {
  return (BY_STATUS[status] ?? []).map((key) => ACTIONS[key]);
}

/** "20 %", "3500 m", "IP66": a value with its unit; symbols stick to the number, words get a space. */
export function withUnit(value: string | undefined | null, unit: string): string {
  const v = (value ?? '').trim();
  if (!v) return '';
  if (!unit || !/\d/.test(v)) return v;
  return /^[%°‰℃]/.test(unit) ? `${v}${unit}` : `${v} ${unit}`;
}

/** Shares of 100 split as evenly as whole numbers allow (the first members take the remainder). */
export function evenShares(count: number): number[] {
  if (count <= 0) return [];
  const base = Math.floor(100 / count);
  const extra = 100 - base * count;
  return Array.from({ length: count }, (_, i) => base + (i < extra ? 1 : 0));
}

/** Who may be appointed from a claim: its applicant and its members, once each. */
export function claimCandidates(claim: Claim): string[] {
  return [...new Set([claim.applicantId, ...claim.members.map((m) => m.personId)])];
}

/** The sensible default leader: the team's leader if part of the claim, else the largest share, else the applicant. */
export function defaultLeader(claim: Claim, team: Team | undefined): string {
  const candidates = claimCandidates(claim);
  if (team && candidates.includes(team.leaderId)) return team.leaderId;
  const top = [...claim.members].sort((a, b) => b.share - a.share)[0];
  return top?.personId ?? claim.applicantId;
}

/**
 * Whether a pledge may be drafted now (as pledges.draft decides): the challenge is appointed — or, in
 * 赛马, already under way — and an appointed leader has no pledge that is drafted, signed or in force.
 */
export function canDraftPledge(detail: ChallengeDetail): boolean {
  const { status, teamMode } = detail.challenge;
  const racing = teamMode === 'horse_race' && (status === 'pledged' || status === 'in_progress');
  if (status !== 'appointed' && !racing) return false;
  return detail.appointments.some((a) => !detail.pledges.some((p) => p.appointmentId === a.id && p.status !== 'voided'));
}

/** Statuses whose labels live in the domain catalogue, by the entity an event is about. */
export const STATUS_KIND: Record<string, 'challengeStatus' | 'claimStatus' | 'pledgeStatus' | 'milestoneStatus' | undefined> = {
  challenge: 'challengeStatus',
  claim: 'claimStatus',
  pledge: 'pledgeStatus',
  milestone: 'milestoneStatus',
};

/** The event's detail as a plain record (it is stored as JSON; anything may be missing). */
export function detailOf(event: TimelineEvent): Record<string, unknown> {
  const d = event.detail;
  return d && typeof d === 'object' ? (d as Record<string, unknown>) : {};
}

export function str(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}
