import type { ParsedInput } from '../contract';
import { authorize, isHq } from '../domain/authority';
import type { Appointment, Claim } from '../domain/entities';
import { JiebangError, ruleError } from '../domain/errors';
import type { ClaimAction } from '../domain/machines';
import { challengeMachine, claimMachine, pledgeMachine } from '../domain/machines';
import { moveChallenge } from './challenges';
import type { ServiceContext } from './context';
import { requireActor } from './context';
import { find, listWhere, load } from './read';
import type { Change } from './write';
import { newId, write } from './write';

/** Claims 揭榜 and the appointment 挂帅. */

export function claimsSubmit(ctx: ServiceContext, input: ParsedInput<'claims.submit'>): Claim {
  const actor = requireActor(ctx);
  authorize(actor, 'claim.submit');
  const challenge = load(ctx, 'challenge', input.challengeId);
  if (challenge.status !== 'published') {
    throw ruleError(
      `榜题状态为「${challengeMachine.labels[challenge.status]}」，不接受揭榜`,
      `The challenge is ${challenge.status}; it takes no claims`,
    );
  }
  const open = ctx.db
    .prepare("SELECT count(*) FROM claims WHERE challenge_id = ? AND applicant_id = ? AND status IN ('submitted','shortlisted','selected')")
    .pluck()
    .get(challenge.id, actor.id) as number;
  if (open > 0) throw ruleError('您已揭此榜，申请尚在处理中', 'You already have an open claim on this challenge');
  if (input.teamId && !find(ctx, 'team', input.teamId)) {
    throw new JiebangError('VALIDATION', `突击队不存在（${input.teamId}）`, `Team ${input.teamId} does not exist`);
  }
  const members = input.members.length ? input.members : [{ personId: actor.id, share: 100 }];
  for (const m of members) {
    if (!find(ctx, 'person', m.personId)) throw new JiebangError('VALIDATION', `成员不存在（${m.personId}）`, `Member ${m.personId} does not exist`);
  }
  const total = members.reduce((a, m) => a + m.share, 0);
  if (Math.abs(total - 100) > 0.01) {
    throw new JiebangError('VALIDATION', `成员份额合计应为 100%，现为 ${total}%`, `Member shares must add up to 100 %, not ${total} %`);
  }
  const id = newId();
  write(ctx, 'claims.submit', actor, (w) => {
    w.put('claim', id, {
      challengeId: challenge.id, applicantId: actor.id, teamId: input.teamId, plan: input.plan, members,
      status: 'submitted', statusReason: null, submittedAt: w.nowIso(),
    });
    w.event('claim.submit', 'claim', id, challenge.id, { applicantId: actor.id });
  });
  return load(ctx, 'claim', id);
}

function moveClaim(ctx: ServiceContext, method: string, id: string, action: ClaimAction, reason: string | null): Claim {
  const actor = requireActor(ctx);
  const claim = load(ctx, 'claim', id);
  const challenge = load(ctx, 'challenge', claim.challengeId);
  authorize(actor, action, { siteId: challenge.siteId });
  if (action === 'claim.withdraw' && claim.applicantId !== actor.id && !isHq(actor)) {
    throw new JiebangError('FORBIDDEN', '只有申请人本人可以撤回揭榜申请', 'Only the applicant can withdraw a claim');
  }
  if (action === 'claim.select') {
    if (challenge.status !== 'published') {
      throw ruleError(`榜题状态为「${challengeMachine.labels[challenge.status]}」，不能再选定揭榜方`, `The challenge is ${challenge.status}; no more claims can be selected`);
    }
    const selected = ctx.db.prepare("SELECT count(*) FROM claims WHERE challenge_id = ? AND status = 'selected'").pluck().get(challenge.id) as number;
    if (selected > 0 && challenge.teamMode !== 'horse_race') {
      throw ruleError('非赛马模式只能选定一个揭榜方', 'Only horse-race (赛马) challenges can select more than one claim');
    }
  }
  if (action === 'claim.eliminate' && challenge.teamMode !== 'horse_race') {
    throw ruleError('只有赛马模式可以淘汰已选定的揭榜方', 'Only horse-race (赛马) challenges eliminate selected claims');
  }
  if (action === 'claim.eliminate') {
    const racing = ctx.db.prepare("SELECT count(*) FROM claims WHERE challenge_id = ? AND status = 'selected'").pluck().get(challenge.id) as number;
    if (racing <= 1) throw ruleError('赛马至少要保留一个揭榜方', 'A horse race must keep at least one claim');
  }
  write(ctx, method, actor, (w) => {
    w.transition(claimMachine, 'claim', claim, action, {
      challengeId: challenge.id,
      extra: reason === null ? {} : { statusReason: reason },
      detail: reason === null ? undefined : { reason },
    });
    if (action === 'claim.eliminate') endEliminatedPledges(ctx, w, claim.id, challenge.id, reason ?? '');
  });
  return load(ctx, 'claim', id);
}

/** A team eliminated from the 赛马 stops working: its pledge is abandoned (or voided if never signed). */
function endEliminatedPledges(ctx: ServiceContext, w: Change, claimId: string, challengeId: string, reason: string): void {
  for (const appointment of listWhere(ctx, 'appointment', 'claim_id', claimId)) {
    for (const pledge of listWhere(ctx, 'pledge', 'appointment_id', appointment.id)) {
      const action = pledge.status === 'signed' || pledge.status === 'active' ? 'pledge.abandon' : ['draft', 'ready_to_sign', 'partially_signed'].includes(pledge.status) ? 'pledge.void' : null;
      if (action) w.transition(pledgeMachine, 'pledge', pledge, action, { challengeId, detail: { reason } });
    }
  }
}

export const claimsShortlist = (ctx: ServiceContext, input: ParsedInput<'claims.shortlist'>) =>
  moveClaim(ctx, 'claims.shortlist', input.id, 'claim.shortlist', null);
export const claimsSelect = (ctx: ServiceContext, input: ParsedInput<'claims.select'>) =>
  moveClaim(ctx, 'claims.select', input.id, 'claim.select', null);
export const claimsReject = (ctx: ServiceContext, input: ParsedInput<'claims.reject'>) =>
  moveClaim(ctx, 'claims.reject', input.id, 'claim.reject', input.reason);
export const claimsWithdraw = (ctx: ServiceContext, input: ParsedInput<'claims.withdraw'>) =>
  moveClaim(ctx, 'claims.withdraw', input.id, 'claim.withdraw', null);
export const claimsEliminate = (ctx: ServiceContext, input: ParsedInput<'claims.eliminate'>) =>
  moveClaim(ctx, 'claims.eliminate', input.id, 'claim.eliminate', input.reason);

/**
 * 挂帅: HQ appoints the leader from a selected claim. The first appointment moves the challenge
 * to 已挂帅; in 赛马 mode each racing claim gets its own appointment.
 */
export function appointmentsAppoint(ctx: ServiceContext, input: ParsedInput<'appointments.appoint'>): Appointment {
  const actor = requireActor(ctx);
  authorize(actor, 'challenge.appoint');
  const claim = load(ctx, 'claim', input.claimId);
  if (claim.status !== 'selected') throw ruleError('只能从已选定的揭榜申请中挂帅', 'A leader can be appointed only from a selected claim');
  const challenge = load(ctx, 'challenge', claim.challengeId);
  const inTeam = claim.applicantId === input.leaderId || claim.members.some((m) => m.personId === input.leaderId);
  if (!inTeam) throw ruleError('挂帅人必须是该揭榜申请的申请人或成员', 'The leader must be the applicant or a member of the claim');
  const leader = load(ctx, 'person', input.leaderId);
  const existing = listWhere(ctx, 'appointment', 'challenge_id', challenge.id);
  if (existing.some((a) => a.claimId === claim.id)) throw ruleError('该揭榜申请已挂帅', 'This claim already has an appointed leader');
  if (input.publicityStart && input.publicityEnd && input.publicityEnd < input.publicityStart) {
    throw new JiebangError('VALIDATION', '公示结束日期早于开始日期', 'The publicity window ends before it starts');
  }
  if (existing.length > 0 && challenge.teamMode !== 'horse_race') throw ruleError('该榜题已挂帅', 'This challenge already has an appointed leader');
  const id = newId();
  write(ctx, 'appointments.appoint', actor, (w) => {
    w.put('appointment', id, {
      challengeId: challenge.id, claimId: claim.id, leaderId: leader.id, decidedBy: actor.id, decidedAt: w.nowIso(),
      publicityStart: input.publicityStart ?? null, publicityEnd: input.publicityEnd ?? null, note: input.note ?? '',
    });
    w.event('appointment.appoint', 'appointment', id, challenge.id, { leaderId: leader.id, leaderName: leader.name });
    if (challenge.status === 'published') {
      // the executing site follows the leader unless HQ set one
      moveChallenge(w, challenge, 'challenge.appoint', { leaderId: leader.id });
      if (!challenge.siteId) w.put('challenge', challenge.id, { siteId: leader.siteId });
      for (const other of listWhere(ctx, 'claim', 'challenge_id', challenge.id)) {
        if ((other.status === 'submitted' || other.status === 'shortlisted') && challenge.teamMode !== 'horse_race') {
          w.transition(claimMachine, 'claim', other, 'claim.reject', { challengeId: challenge.id, extra: { statusReason: '已挂帅' } });
        }
      }
    }
  });
  return load(ctx, 'appointment', id);
}
