import type { ParsedInput } from '../contract';
import { authorize } from '../domain/authority';
import type { Acceptance, Assessment, Case, Challenge } from '../domain/entities';
import { JiebangError, ruleError } from '../domain/errors';
import { blockingChildren } from '../domain/derived';
import { pledgeMachine } from '../domain/machines';
import { moveChallenge } from './challenges';
import type { ServiceContext } from './context';
import { requireActor } from './context';
import { listWhere, load } from './read';
import { newId, write } from './write';

/** Closing a challenge: acceptance 验收, assessment 考核评价, and the 典型案例 library. */

function currentMilestones(ctx: ServiceContext, challengeId: string) {
  return ctx.db
    .prepare(
      `SELECT m.id, m.title, m.status FROM milestones m JOIN pledges p ON p.id = m.pledge_id
       WHERE m.challenge_id = ? AND p.status IN ('signed','active')`,
    )
    .all(challengeId) as { id: string; title: string; status: string }[];
}

export function acceptanceRequest(ctx: ServiceContext, input: ParsedInput<'acceptance.request'>): Acceptance {
  const actor = requireActor(ctx);
  const challenge = load(ctx, 'challenge', input.challengeId);
  authorize(actor, 'challenge.request_acceptance', { siteId: challenge.siteId });
  const undelivered = currentMilestones(ctx, challenge.id).filter((m) => m.status !== 'reported' && m.status !== 'verified');
  if (undelivered.length > 0) {
    throw ruleError(
      `还有 ${undelivered.length} 个节点未上报：${undelivered.map((m) => m.title).join('、')}`,
      `${undelivered.length} milestone(s) not yet reported`,
      { milestones: undelivered.map((m) => m.id) },
    );
  }
  const id = newId();
  write(ctx, 'acceptance.request', actor, (w) => {
    moveChallenge(w, challenge, 'challenge.request_acceptance');
    w.put('acceptance', id, {
      challengeId: challenge.id, requestedBy: actor.id, requestedAt: w.nowIso(), requestNote: input.requestNote,
      criteriaResults: [], decision: null, acceptorId: null, decidedAt: null, decisionNote: null,
    });
  });
  return load(ctx, 'acceptance', id);
}

/** HQ decides: 通过 (subject to the 子榜 rule) / 整改 / 不通过. */
export function acceptanceDecide(ctx: ServiceContext, input: ParsedInput<'acceptance.decide'>): Acceptance {
  const actor = requireActor(ctx);
  authorize(actor, 'challenge.decide_acceptance');
  const challenge = load(ctx, 'challenge', input.challengeId);
  if (input.decision === 'passed') {
    const children = listWhere(ctx, 'challenge', 'parent_id', challenge.id);
    const blocking = blockingChildren(children);
    if (blocking.length > 0) {
      throw ruleError(
        `子榜尚未通过验收：${blocking.map((c) => c.title).join('、')}`,
        `Required sub-challenges are not accepted yet: ${blocking.map((c) => c.code).join(', ')}`,
        { blocking: blocking.map((c) => c.id) },
      );
    }
  }
  const open = ctx.db
    .prepare('SELECT id FROM acceptances WHERE challenge_id = ? AND decision IS NULL ORDER BY requested_at DESC LIMIT 1')
    .pluck()
    .get(challenge.id) as string | undefined;
  if (!open) throw ruleError('没有待处理的验收申请', 'There is no open acceptance request');
  const action = input.decision === 'passed' ? 'challenge.accept' : input.decision === 'rework' ? 'challenge.rework' : 'challenge.not_accept';
  write(ctx, 'acceptance.decide', actor, (w) => {
    w.put('acceptance', open, {
      decision: input.decision, criteriaResults: input.criteriaResults, acceptorId: actor.id, decidedAt: w.nowIso(),
      decisionNote: input.note,
    });
    moveChallenge(w, challenge, action, input.note ? { statusReason: input.note } : {});
  });
  return load(ctx, 'acceptance', open);
}

/** 考核: score, grade and the pledge outcome; active pledges close with that outcome. */
export function assessmentsAssess(ctx: ServiceContext, input: ParsedInput<'assessments.assess'>): Assessment {
  const actor = requireActor(ctx);
  authorize(actor, 'challenge.assess');
  const challenge = load(ctx, 'challenge', input.challengeId);
  if (challenge.status === 'not_accepted' && input.pledgeOutcome === 'fulfilled') {
    throw ruleError('未通过验收的榜题，军令状不能评为「达成」', 'A challenge that failed acceptance cannot have a fulfilled pledge');
  }
  if (challenge.status === 'accepted' && input.grade === 'fail' && input.pledgeOutcome === 'fulfilled') {
    throw new JiebangError('VALIDATION', '考核不合格与「达成」相互矛盾', 'A failing grade contradicts a fulfilled pledge');
  }
  const id = newId();
  write(ctx, 'assessments.assess', actor, (w) => {
    moveChallenge(w, challenge, 'challenge.assess');
    w.put('assessment', id, { ...input, assessorId: actor.id, assessedAt: w.nowIso() });
    for (const pledge of listWhere(ctx, 'pledge', 'challenge_id', challenge.id)) {
      if (pledge.status === 'active') {
        w.transition(pledgeMachine, 'pledge', pledge, 'pledge.close', { to: input.pledgeOutcome, challengeId: challenge.id, extra: { updatedAt: w.nowIso() } });
      }
    }
  });
  return load(ctx, 'assessment', id);
}

export function casesPromote(ctx: ServiceContext, input: ParsedInput<'cases.promote'>): Case {
  const actor = requireActor(ctx);
  authorize(actor, 'case.promote');
  const challenge = load(ctx, 'challenge', input.challengeId);
  const passed = ctx.db.prepare("SELECT count(*) FROM acceptances WHERE challenge_id = ? AND decision = 'passed'").pluck().get(challenge.id) as number;
  if (!['assessed', 'archived'].includes(challenge.status) || passed === 0) {
    throw ruleError('只有通过验收并完成考核的榜题可以评为典型案例', 'Only an accepted and assessed challenge can become a case', {
      status: challenge.status,
    });
  }
  if (listWhere(ctx, 'case', 'challenge_id', challenge.id).length > 0) throw ruleError('该榜题已是典型案例', 'This challenge is already a case');
  const id = newId();
  write(ctx, 'cases.promote', actor, (w) => {
    w.put('case', id, { ...input, promotedBy: actor.id, promotedAt: w.nowIso() });
    w.event('case.promote', 'case', id, challenge.id, { title: input.title });
  });
  return load(ctx, 'case', id);
}

export function casesList(ctx: ServiceContext) {
  const rows = ctx.db
    .prepare(
      `SELECT k.*, c.title AS challenge_title, c.category, b.title AS board_title FROM cases k
       JOIN challenges c ON c.id = k.challenge_id JOIN boards b ON b.id = c.board_id ORDER BY k.promoted_at DESC`,
    )
    .all() as Record<string, unknown>[];
  return rows.map((r) => ({
    id: r.id as string, challengeId: r.challenge_id as string, title: r.title as string, problem: r.problem as string,
    solution: r.solution as string, results: r.results as string, tags: JSON.parse(r.tags as string) as string[],
    promotedBy: r.promoted_by as string, promotedAt: r.promoted_at as string,
    challengeTitle: r.challenge_title as string, category: r.category as Challenge['category'], boardTitle: r.board_title as string,
  }));
}

