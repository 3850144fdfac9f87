import type { ParsedInput } from '../contract';
import { authorize } from '../domain/authority';
import type { Challenge } from '../domain/entities';
import { JiebangError, ruleError } from '../domain/errors';
import type { ChallengeAction, ChallengeStatus } from '../domain/machines';
import { challengeMachine, claimMachine, CLOSED_CHALLENGE_STATUSES, pledgeMachine } from '../domain/machines';
import type { ServiceContext } from './context';
import { requireActor } from './context';
import { find, listWhere, load } from './read';
import type { Change } from './write';
import { newId, write } from './write';

/** Challenges 榜题 and 子榜: create, edit and the life-cycle transitions HQ and the site drive. */

export function challengesCreate(ctx: ServiceContext, input: ParsedInput<'challenges.create'>): Challenge {
  const actor = requireActor(ctx);
  authorize(actor, 'challenge.create');
  const board = load(ctx, 'board', input.boardId);
  if (board.status === 'closed') throw ruleError('榜单已关闭，不能再添加榜题', 'The board is closed; no new challenges');
  if (input.parentId) {
    const parent = load(ctx, 'challenge', input.parentId);
    if (parent.boardId !== board.id) throw ruleError('子榜必须与上级榜题在同一榜单', 'A sub-challenge must be on its parent’s board');
    if (CLOSED_CHALLENGE_STATUSES.includes(parent.status)) {
      throw ruleError(
        `上级榜题状态为「${challengeMachine.labels[parent.status]}」，不能再添加子榜`,
        `The parent challenge is ${parent.status}; no sub-challenges can be added`,
      );
    }
  }
  if (input.siteId && !find(ctx, 'site', input.siteId)) {
    throw new JiebangError('VALIDATION', `执行单位不存在（${input.siteId}）`, `Site ${input.siteId} does not exist`);
  }
  const id = newId();
  write(ctx, 'challenges.create', actor, (w) => {
    const now = w.nowIso();
    const code = input.code || nextCode(ctx, board.id, input.parentId);
    w.put('challenge', id, {
      ...input, code, leaderId: null, status: 'draft', statusReason: null, createdAt: now, updatedAt: now,
    });
    w.event('challenge.create', 'challenge', id, id, { title: input.title, parentId: input.parentId });
  });
  return load(ctx, 'challenge', id);
}

/** Codes like 2026-03 for a challenge and 2026-03-2 for its second 子榜. */
function nextCode(ctx: ServiceContext, boardId: string, parentId: string | null): string {
  if (parentId) {
    const parent = load(ctx, 'challenge', parentId);
    const n = ctx.db.prepare('SELECT count(*) FROM challenges WHERE parent_id = ?').pluck().get(parentId) as number;
    return `${parent.code}-${n + 1}`;
  }
  const n = ctx.db.prepare('SELECT count(*) FROM challenges WHERE board_id = ? AND parent_id IS NULL').pluck().get(boardId) as number;
  return `J${String(n + 1).padStart(3, '0')}`;
}

export function challengesUpdate(ctx: ServiceContext, input: ParsedInput<'challenges.update'>): Challenge {
  const actor = requireActor(ctx);
  authorize(actor, 'challenge.edit');
  const { id, ...fields } = input;
  const challenge = load(ctx, 'challenge', id);
  if (CLOSED_CHALLENGE_STATUSES.includes(challenge.status)) {
    throw ruleError(
      `榜题状态为「${challengeMachine.labels[challenge.status]}」，不能再修改`,
      `The challenge is ${challenge.status} and can no longer be edited`,
    );
  }
  write(ctx, 'challenges.update', actor, (w) => {
    w.put('challenge', id, { ...fields, updatedAt: w.nowIso() });
    w.event('challenge.update', 'challenge', id, id, { fields: Object.keys(fields) });
  });
  return load(ctx, 'challenge', id);
}

/** Moves a challenge along its machine; used by every service that changes a challenge's status. */
export function moveChallenge(
  w: Change,
  challenge: Challenge,
  action: ChallengeAction,
  extra: { statusReason?: string | null; leaderId?: string | null } = {},
  to?: ChallengeStatus,
): void {
  w.transition(challengeMachine, 'challenge', challenge, action, {
    to,
    challengeId: challenge.id,
    extra: { ...extra, updatedAt: w.nowIso() },
    detail: extra.statusReason ? { reason: extra.statusReason } : undefined,
  });
}

function simpleTransition(
  ctx: ServiceContext,
  method: string,
  id: string,
  action: ChallengeAction,
  reason: string | null,
  also?: (w: Change, c: Challenge) => void,
): Challenge {
  const actor = requireActor(ctx);
  const challenge = load(ctx, 'challenge', id);
  authorize(actor, authorityFor(action), { siteId: challenge.siteId });
  write(ctx, method, actor, (w) => {
    moveChallenge(w, challenge, action, reason === null ? {} : { statusReason: reason });
    also?.(w, challenge);
  });
  return load(ctx, 'challenge', id);
}

function authorityFor(action: ChallengeAction) {
  switch (action) {
    case 'challenge.accept':
    case 'challenge.rework':
    case 'challenge.not_accept':
      return 'challenge.decide_acceptance' as const;
    case 'challenge.pledge':
      return 'pledge.sign' as const;
    default:
      return action;
  }
}

export function challengesPublish(ctx: ServiceContext, input: ParsedInput<'challenges.publish'>): Challenge {
  const challenge = load(ctx, 'challenge', input.id);
  const board = load(ctx, 'board', challenge.boardId);
  if (board.status !== 'published') {
    throw ruleError('榜单尚未发布：请先发布榜单', 'The board is not published yet; publish the board first');
  }
  if (challenge.parentId) {
    const parent = load(ctx, 'challenge', challenge.parentId);
    if (parent.status === 'draft') throw ruleError('上级榜题尚未发榜', 'The parent challenge is not published yet');
  }
  return simpleTransition(ctx, 'challenges.publish', input.id, 'challenge.publish', null);
}

export function challengesWithdraw(ctx: ServiceContext, input: ParsedInput<'challenges.withdraw'>): Challenge {
  return simpleTransition(ctx, 'challenges.withdraw', input.id, 'challenge.withdraw', input.reason, (w, c) => closeOpenClaims(ctx, w, c, input.reason));
}

/** 流标: no claimant came forward (or none was chosen); any open claims are declined. */
export function challengesFail(ctx: ServiceContext, input: ParsedInput<'challenges.fail'>): Challenge {
  const selected = ctx.db.prepare("SELECT count(*) FROM claims WHERE challenge_id = ? AND status = 'selected'").pluck().get(input.id) as number;
  if (selected > 0) throw ruleError('已有选定的揭榜方，不能流标', 'A claim has already been selected; the challenge cannot fail');
  return simpleTransition(ctx, 'challenges.fail', input.id, 'challenge.fail', input.reason, (w, c) => closeOpenClaims(ctx, w, c, input.reason));
}

function closeOpenClaims(ctx: ServiceContext, w: Change, challenge: Challenge, reason: string): void {
  for (const claim of listWhere(ctx, 'claim', 'challenge_id', challenge.id)) {
    if (claim.status === 'submitted' || claim.status === 'shortlisted') {
      w.transition(claimMachine, 'claim', claim, 'claim.reject', { challengeId: challenge.id, extra: { statusReason: reason } });
    }
  }
}

/** 开始攻关: the signed pledge becomes active. */
export function challengesStart(ctx: ServiceContext, input: ParsedInput<'challenges.start'>): Challenge {
  return simpleTransition(ctx, 'challenges.start', input.id, 'challenge.start', null, (w, c) => {
    for (const pledge of listWhere(ctx, 'pledge', 'challenge_id', c.id)) {
      if (pledge.status === 'signed') w.transition(pledgeMachine, 'pledge', pledge, 'pledge.activate', { challengeId: c.id });
    }
  });
}

export function challengesSuspend(ctx: ServiceContext, input: ParsedInput<'challenges.suspend'>): Challenge {
  return simpleTransition(ctx, 'challenges.suspend', input.id, 'challenge.suspend', input.reason);
}

export function challengesResume(ctx: ServiceContext, input: ParsedInput<'challenges.resume'>): Challenge {
  return simpleTransition(ctx, 'challenges.resume', input.id, 'challenge.resume', null);
}

/** 终止: the work stops for a stated reason; a signed or active pledge is abandoned with it. */
export function challengesTerminate(ctx: ServiceContext, input: ParsedInput<'challenges.terminate'>): Challenge {
  return simpleTransition(ctx, 'challenges.terminate', input.id, 'challenge.terminate', input.reason, (w, c) => {
    for (const pledge of listWhere(ctx, 'pledge', 'challenge_id', c.id)) {
      if (pledge.status === 'signed' || pledge.status === 'active') {
        w.transition(pledgeMachine, 'pledge', pledge, 'pledge.abandon', { challengeId: c.id, detail: { reason: input.reason } });
      } else if (['draft', 'ready_to_sign', 'partially_signed'].includes(pledge.status)) {
        w.transition(pledgeMachine, 'pledge', pledge, 'pledge.void', { challengeId: c.id, detail: { reason: input.reason } });
      }
    }
  });
}

export function challengesArchive(ctx: ServiceContext, input: ParsedInput<'challenges.archive'>): Challenge {
  return simpleTransition(ctx, 'challenges.archive', input.id, 'challenge.archive', null);
}

