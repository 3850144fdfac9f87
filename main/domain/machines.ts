import { JiebangError } from './errors';

/**
 * The four state machines as data. Each transition names the action that performs it;
 * the authority rules (authority.ts) say who may perform each action.
 */
export interface Transition<S extends string, A extends string> {
  from: S;
  to: S;
  action: A;
}

export interface Machine<S extends string, A extends string> {
  name: string;
  nameZh: string;
  initial: S;
  states: readonly S[];
  labels: Record<S, string>;
  transitions: readonly Transition<S, A>[];
}

// ── Challenge 榜题 ──────────────────────────────────────────────────────────────
export const CHALLENGE_STATUSES = [
  'draft', 'published', 'appointed', 'pledged', 'in_progress', 'suspended', 'acceptance_requested',
  'accepted', 'rework', 'not_accepted', 'assessed', 'archived', 'withdrawn', 'failed', 'terminated',
] as const;
export type ChallengeStatus = (typeof CHALLENGE_STATUSES)[number];
export type ChallengeAction =
  | 'challenge.publish' | 'challenge.withdraw' | 'challenge.fail' | 'challenge.appoint' | 'challenge.pledge'
  | 'challenge.start' | 'challenge.suspend' | 'challenge.resume' | 'challenge.request_acceptance'
  | 'challenge.accept' | 'challenge.rework' | 'challenge.not_accept' | 'challenge.assess' | 'challenge.archive'
  | 'challenge.terminate';

const TERMINABLE: ChallengeStatus[] = ['appointed', 'pledged', 'in_progress', 'suspended', 'rework'];

export const challengeMachine: Machine<ChallengeStatus, ChallengeAction> = {
  name: 'challenge',
  nameZh: '榜题',
  initial: 'draft',
  states: CHALLENGE_STATUSES,
  labels: {
    draft: '草拟', published: '已发榜', appointed: '已挂帅', pledged: '已立状', in_progress: '攻关中',
    suspended: '暂停', acceptance_requested: '申请验收', accepted: '通过验收', rework: '整改',
    not_accepted: '不通过', assessed: '已考核', archived: '归档', withdrawn: '撤榜', failed: '流标', terminated: '终止',
  },
  transitions: [
    { from: 'draft', to: 'published', action: 'challenge.publish' },
    { from: 'draft', to: 'withdrawn', action: 'challenge.withdraw' },
    { from: 'published', to: 'withdrawn', action: 'challenge.withdraw' },
    { from: 'published', to: 'failed', action: 'challenge.fail' },
    { from: 'published', to: 'appointed', action: 'challenge.appoint' },
    { from: 'appointed', to: 'pledged', action: 'challenge.pledge' },
    { from: 'pledged', to: 'in_progress', action: 'challenge.start' },
    { from: 'in_progress', to: 'suspended', action: 'challenge.suspend' },
    { from: 'suspended', to: 'in_progress', action: 'challenge.resume' },
    { from: 'in_progress', to: 'acceptance_requested', action: 'challenge.request_acceptance' },
    { from: 'acceptance_requested', to: 'accepted', action: 'challenge.accept' },
    { from: 'acceptance_requested', to: 'rework', action: 'challenge.rework' },
    { from: 'acceptance_requested', to: 'not_accepted', action: 'challenge.not_accept' },
    { from: 'rework', to: 'in_progress', action: 'challenge.resume' },
    { from: 'accepted', to: 'assessed', action: 'challenge.assess' },
    { from: 'not_accepted', to: 'assessed', action: 'challenge.assess' },
    { from: 'assessed', to: 'archived', action: 'challenge.archive' },
    ...TERMINABLE.map((from) => ({ from, to: 'terminated' as const, action: 'challenge.terminate' as const })),
  ],
};

/** Statuses in which a 子榜 counts as accepted for its parent's acceptance. */
export const ACCEPTED_STATUSES: readonly ChallengeStatus[] = ['accepted', 'assessed', 'archived'];
/** Statuses in which a challenge is finished and takes no more work. */
export const CLOSED_CHALLENGE_STATUSES: readonly ChallengeStatus[] = [
  'accepted', 'not_accepted', 'assessed', 'archived', 'withdrawn', 'failed', 'terminated',
];

// ── Claim 揭榜申请 ──────────────────────────────────────────────────────────────
export const CLAIM_STATUSES = ['submitted', 'shortlisted', 'selected', 'not_selected', 'withdrawn', 'eliminated'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
export type ClaimAction = 'claim.shortlist' | 'claim.select' | 'claim.reject' | 'claim.withdraw' | 'claim.eliminate';

export const claimMachine: Machine<ClaimStatus, ClaimAction> = {
  name: 'claim',
  nameZh: '揭榜申请',
  initial: 'submitted',
  states: CLAIM_STATUSES,
  labels: {
    submitted: '已申请', shortlisted: '入围', selected: '已选定', not_selected: '未选中', withdrawn: '已撤回',
    eliminated: '赛马淘汰',
  },
  transitions: [
    { from: 'submitted', to: 'shortlisted', action: 'claim.shortlist' },
    { from: 'submitted', to: 'selected', action: 'claim.select' },
    { from: 'shortlisted', to: 'selected', action: 'claim.select' },
    { from: 'submitted', to: 'not_selected', action: 'claim.reject' },
    { from: 'shortlisted', to: 'not_selected', action: 'claim.reject' },
    { from: 'submitted', to: 'withdrawn', action: 'claim.withdraw' },
    { from: 'shortlisted', to: 'withdrawn', action: 'claim.withdraw' },
    // 赛马: a selected claim can be eliminated later; the service allows this only in horse_race mode.
    { from: 'selected', to: 'eliminated', action: 'claim.eliminate' },
  ],
};

// ── Pledge 军令状 ───────────────────────────────────────────────────────────────
export const PLEDGE_STATUSES = [
  'draft', 'ready_to_sign', 'partially_signed', 'signed', 'active', 'fulfilled', 'partially_fulfilled',
  'unfulfilled_excused', 'unfulfilled', 'voided', 'abandoned', 'superseded',
] as const;
export type PledgeStatus = (typeof PLEDGE_STATUSES)[number];
export type PledgeAction =
  | 'pledge.submit' | 'pledge.reopen' | 'pledge.sign' | 'pledge.complete_signing' | 'pledge.activate'
  | 'pledge.close' | 'pledge.void' | 'pledge.abandon' | 'pledge.supersede';

export const pledgeMachine: Machine<PledgeStatus, PledgeAction> = {
  name: 'pledge',
  nameZh: '军令状',
  initial: 'draft',
  states: PLEDGE_STATUSES,
  labels: {
    draft: '草稿', ready_to_sign: '待签署', partially_signed: '部分签署', signed: '已签署', active: '执行中',
    fulfilled: '达成', partially_fulfilled: '部分达成', unfulfilled_excused: '未达成·免责', unfulfilled: '未达成',
    voided: '作废', abandoned: '放弃', superseded: '已被修订版取代',
  },
  transitions: [
    { from: 'draft', to: 'ready_to_sign', action: 'pledge.submit' },
    { from: 'ready_to_sign', to: 'draft', action: 'pledge.reopen' },
    { from: 'ready_to_sign', to: 'partially_signed', action: 'pledge.sign' },
    { from: 'partially_signed', to: 'partially_signed', action: 'pledge.sign' },
    { from: 'partially_signed', to: 'signed', action: 'pledge.complete_signing' },
    { from: 'signed', to: 'active', action: 'pledge.activate' },
    { from: 'active', to: 'fulfilled', action: 'pledge.close' },
    { from: 'active', to: 'partially_fulfilled', action: 'pledge.close' },
    { from: 'active', to: 'unfulfilled_excused', action: 'pledge.close' },
    { from: 'active', to: 'unfulfilled', action: 'pledge.close' },
    { from: 'draft', to: 'voided', action: 'pledge.void' },
    { from: 'ready_to_sign', to: 'voided', action: 'pledge.void' },
    { from: 'partially_signed', to: 'voided', action: 'pledge.void' },
    { from: 'signed', to: 'abandoned', action: 'pledge.abandon' },
    { from: 'active', to: 'abandoned', action: 'pledge.abandon' },
    // an amendment, once signed, replaces the version it amends
    { from: 'signed', to: 'superseded', action: 'pledge.supersede' },
    { from: 'active', to: 'superseded', action: 'pledge.supersede' },
  ],
};

/** A pledge whose text can no longer change: any change is an amendment. */
export const FROZEN_PLEDGE_STATUSES: readonly PledgeStatus[] = [
  'partially_signed', 'signed', 'active', 'fulfilled', 'partially_fulfilled', 'unfulfilled_excused', 'unfulfilled',
  'abandoned', 'superseded',
];

// ── Milestone 节点 ──────────────────────────────────────────────────────────────
export const MILESTONE_STATUSES = ['planned', 'in_progress', 'reported', 'verified', 'rejected'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];
export type MilestoneAction = 'milestone.start' | 'milestone.report' | 'milestone.verify' | 'milestone.reject';

export const milestoneMachine: Machine<MilestoneStatus, MilestoneAction> = {
  name: 'milestone',
  nameZh: '节点',
  initial: 'planned',
  states: MILESTONE_STATUSES,
  labels: { planned: '计划', in_progress: '进行中', reported: '已上报', verified: '已核验', rejected: '被退回' },
  transitions: [
    { from: 'planned', to: 'in_progress', action: 'milestone.start' },
    { from: 'in_progress', to: 'reported', action: 'milestone.report' },
    { from: 'reported', to: 'verified', action: 'milestone.verify' },
    { from: 'reported', to: 'rejected', action: 'milestone.reject' },
    { from: 'rejected', to: 'in_progress', action: 'milestone.start' },
  ],
};

export const MACHINES = {
  challenge: challengeMachine,
  claim: claimMachine,
  pledge: pledgeMachine,
  milestone: milestoneMachine,
} as const;

/** The target state of `action` from `from`, or null when the machine has no such transition. */
export function nextState<S extends string, A extends string>(
  machine: Machine<S, A>,
  from: S,
  action: A,
  to?: S,
): S | null {
  const match = machine.transitions.find((t) => t.from === from && t.action === action && (to === undefined || t.to === to));
  return match ? match.to : null;
}

/** Like nextState, but refuses with a clear, bilingual error. */
export function requireTransition<S extends string, A extends string>(
  machine: Machine<S, A>,
  from: S,
  action: A,
  to?: S,
): S {
  const next = nextState(machine, from, action, to);
  if (next === null) {
    const fromLabel = machine.labels[from] ?? from;
    const target = to ? `「${machine.labels[to]}」` : '';
    throw new JiebangError(
      'ILLEGAL_TRANSITION',
      `${machine.nameZh}当前状态为「${fromLabel}」，不能执行${target}操作（${action}）`,
      `The ${machine.name} is ${from}; ${action}${to ? ` to ${to}` : ''} is not allowed from there`,
      { machine: machine.name, from, action, to },
    );
  }
  return next;
}
