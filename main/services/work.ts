import type { ParsedInput } from '../contract';
import { authorize, isHq } from '../domain/authority';
import type { Milestone, ProgressEntry } from '../domain/entities';
import { JiebangError, ruleError } from '../domain/errors';
import type { MilestoneAction } from '../domain/machines';
import { challengeMachine, milestoneMachine } from '../domain/machines';
import type { ServiceContext } from './context';
import { requireActor } from './context';
import { addMilestone, requireDraft } from './pledges';
import { load } from './read';
import { decodeRow } from '../sync/codec';
import { newId, write } from './write';

/** The work itself: milestones 节点 and the progress log 攻关日志. */

/** Pledge statuses under which milestone work counts. */
const WORKING_PLEDGE = ['signed', 'active'];

export function milestonesAdd(ctx: ServiceContext, input: ParsedInput<'milestones.add'>): Milestone {
  const actor = requireActor(ctx);
  const { pledgeId, ...fields } = input;
  const pledge = load(ctx, 'pledge', pledgeId);
  const challenge = load(ctx, 'challenge', pledge.challengeId);
  authorize(actor, 'milestone.plan', { siteId: challenge.siteId });
  requireDraft(pledge);
  const seq = ((ctx.db.prepare('SELECT max(seq) FROM milestones WHERE pledge_id = ?').pluck().get(pledgeId) as number | null) ?? 0) + 1;
  let id = '';
  write(ctx, 'milestones.add', actor, (w) => {
    id = addMilestone(w, pledgeId, pledge.challengeId, seq, fields);
    w.event('milestone.add', 'milestone', id, pledge.challengeId, { title: fields.title });
  });
  return load(ctx, 'milestone', id);
}

export function milestonesUpdate(ctx: ServiceContext, input: ParsedInput<'milestones.update'>): Milestone {
  const actor = requireActor(ctx);
  const { id, ...fields } = input;
  const milestone = load(ctx, 'milestone', id);
  const pledge = load(ctx, 'pledge', milestone.pledgeId);
  const challenge = load(ctx, 'challenge', pledge.challengeId);
  authorize(actor, 'milestone.plan', { siteId: challenge.siteId });
  requireDraft(pledge);
  write(ctx, 'milestones.update', actor, (w) => {
    w.put('milestone', id, fields);
    w.event('milestone.update', 'milestone', id, pledge.challengeId, { fields: Object.keys(fields) });
  });
  return load(ctx, 'milestone', id);
}

function moveMilestone(
  ctx: ServiceContext,
  method: string,
  id: string,
  action: MilestoneAction,
  extra: (nowIso: string, actorId: string) => Partial<Milestone>,
): Milestone {
  const actor = requireActor(ctx);
  const milestone = load(ctx, 'milestone', id);
  const pledge = load(ctx, 'pledge', milestone.pledgeId);
  const challenge = load(ctx, 'challenge', milestone.challengeId);
  authorize(actor, action === 'milestone.reject' ? 'milestone.verify' : action, { siteId: challenge.siteId });
  if ((action === 'milestone.verify' || action === 'milestone.reject') && !isHq(actor) && pledge.supervisorId !== actor.id) {
    throw new JiebangError('FORBIDDEN', '只有总部或本军令状的监督人可以核验节点', 'Only HQ or the pledge’s supervisor can verify milestones');
  }
  if (!WORKING_PLEDGE.includes(pledge.status)) {
    throw ruleError('军令状签署生效后才能推进节点', 'Milestones move only under a signed, active pledge', { pledgeStatus: pledge.status });
  }
  if (['suspended', 'terminated', 'withdrawn', 'failed', 'archived'].includes(challenge.status)) {
    throw ruleError(`榜题状态为「${challengeMachine.labels[challenge.status]}」，节点不能推进`, `The challenge is ${challenge.status}; milestones cannot move`);
  }
  write(ctx, method, actor, (w) => {
    // reporting a milestone that was never started starts it first, so the timeline stays complete
    if (action === 'milestone.report' && (milestone.status === 'planned' || milestone.status === 'rejected')) {
      w.transition(milestoneMachine, 'milestone', milestone, 'milestone.start', { challengeId: challenge.id });
    }
    w.transition(milestoneMachine, 'milestone', milestone, action, { challengeId: challenge.id, extra: extra(w.nowIso(), actor.id) });
  });
  return load(ctx, 'milestone', id);
}

export const milestonesStart = (ctx: ServiceContext, input: ParsedInput<'milestones.start'>) =>
  moveMilestone(ctx, 'milestones.start', input.id, 'milestone.start', () => ({}));
export const milestonesReport = (ctx: ServiceContext, input: ParsedInput<'milestones.report'>) =>
  moveMilestone(ctx, 'milestones.report', input.id, 'milestone.report', (now) => ({ reportedAt: now, reportNote: input.note }));
export const milestonesVerify = (ctx: ServiceContext, input: ParsedInput<'milestones.verify'>) =>
  moveMilestone(ctx, 'milestones.verify', input.id, 'milestone.verify', (now, actorId) => ({ verifiedAt: now, verifiedBy: actorId, rejectReason: null }));
export const milestonesReject = (ctx: ServiceContext, input: ParsedInput<'milestones.reject'>) =>
  moveMilestone(ctx, 'milestones.reject', input.id, 'milestone.reject', () => ({ rejectReason: input.reason }));

const LOGGABLE = ['appointed', 'pledged', 'in_progress', 'suspended', 'rework', 'acceptance_requested'];

export function progressAdd(ctx: ServiceContext, input: ParsedInput<'progress.add'>): ProgressEntry {
  const actor = requireActor(ctx);
  const challenge = load(ctx, 'challenge', input.challengeId);
  authorize(actor, 'progress.add', { siteId: challenge.siteId });
  if (!LOGGABLE.includes(challenge.status)) {
    throw ruleError(`榜题状态为「${challengeMachine.labels[challenge.status]}」，不能填写攻关日志`, `The challenge is ${challenge.status}; no progress can be logged`);
  }
  const id = newId();
  write(ctx, 'progress.add', actor, (w) => {
    w.put('progress', id, { ...input, siteId: actor.siteId, authorId: actor.id, attachmentIds: [], createdAt: w.nowIso() });
    w.event('progress.add', 'progress', id, challenge.id, { percent: input.percent, date: input.date });
  });
  return load(ctx, 'progress', id);
}

export function progressList(ctx: ServiceContext, input: ParsedInput<'progress.list'>): ProgressEntry[] {
  load(ctx, 'challenge', input.challengeId);
  const rows = ctx.db
    .prepare('SELECT * FROM progress_entries WHERE challenge_id = ? ORDER BY date DESC, created_at DESC LIMIT ?')
    .all(input.challengeId, input.limit) as Record<string, unknown>[];
  return rows.map((r) => decodeRow<ProgressEntry>('progress', r));
}
