import type { ParsedInput } from '../contract';
import type { Actor } from '../domain/authority';
import { authorize, isHq } from '../domain/authority';
import type { Milestone, Pledge, Signature } from '../domain/entities';
import { JiebangError, ruleError } from '../domain/errors';
import { FROZEN_PLEDGE_STATUSES, pledgeMachine } from '../domain/machines';
import { isNamedParty, pledgeContent, pledgeTextHash, requiredParties } from '../domain/pledge-text';
import { PARTY_ROLE_LABELS } from '../domain/vocabulary';
import { moveChallenge } from './challenges';
import type { ServiceContext } from './context';
import { requireActor } from './context';
import { find, listWhere, load } from './read';
import type { Change } from './write';
import { newId, write } from './write';

/** 军令状: draft, sign as each party, amend as a new version. */

export function pledgeMilestones(ctx: ServiceContext, pledgeId: string): Milestone[] {
  return listWhere(ctx, 'milestone', 'pledge_id', pledgeId, 'seq');
}

export function pledgeSignatures(ctx: ServiceContext, pledgeId: string): Signature[] {
  return listWhere(ctx, 'signature', 'pledge_id', pledgeId, 'signed_at');
}

export function pledgesGet(ctx: ServiceContext, input: ParsedInput<'pledges.get'>) {
  const pledge = load(ctx, 'pledge', input.id);
  const milestones = pledgeMilestones(ctx, pledge.id);
  const signatures = pledgeSignatures(ctx, pledge.id);
  const currentHash = pledgeTextHash(pledgeContent(pledge, milestones));
  const people = new Map(
    [pledge.pledgerId, pledge.issuerId, pledge.supervisorId, ...pledge.witnessIds]
      .filter((id): id is string => !!id)
      .map((id) => [id, find(ctx, 'person', id)] as const),
  );
  const versions = ctx.db
    .prepare('SELECT id, version, status, amendment_reason AS amendmentReason, created_at AS createdAt FROM pledges WHERE challenge_id = ? AND pledger_id = ? ORDER BY version')
    .all(pledge.challengeId, pledge.pledgerId) as { id: string; version: number; status: string; amendmentReason: string | null; createdAt: string }[];
  return {
    pledge,
    milestones,
    signatures,
    currentHash,
    /** the text still matches what was signed (always true unless data was tampered with) */
    intact: signatures.every((s) => s.textHash === currentHash),
    parties: Object.fromEntries([...people].map(([id, p]) => [id, p ? { id, name: p.name, post: p.post, siteId: p.siteId } : null])),
    missingSignatures: requiredParties(pledge).filter((p) => !signatures.some((s) => s.partyRole === p.role && s.personId === p.personId)),
    versions,
  };
}

function checkParties(ctx: ServiceContext, p: { pledgerId: string; issuerId: string; supervisorId: string | null; witnessIds: readonly string[] }): void {
  if (p.pledgerId === p.issuerId) throw new JiebangError('VALIDATION', '立状人与发令方不能是同一人', 'The pledger and the issuer must be different people');
  for (const personId of [p.pledgerId, p.issuerId, p.supervisorId, ...p.witnessIds]) {
    if (personId && !find(ctx, 'person', personId)) throw new JiebangError('VALIDATION', `人员不存在（${personId}）`, `Person ${personId} does not exist`);
  }
}

function authorizeDrafting(ctx: ServiceContext, actor: Actor, challengeId: string, pledgerId: string): void {
  const challenge = load(ctx, 'challenge', challengeId);
  authorize(actor, 'pledge.draft', { siteId: challenge.siteId });
  if (!isHq(actor) && actor.id !== pledgerId) {
    throw new JiebangError('FORBIDDEN', '现场人员只能起草自己的军令状', 'Site staff can draft only their own pledge');
  }
}

export function pledgesDraft(ctx: ServiceContext, input: ParsedInput<'pledges.draft'>) {
  const actor = requireActor(ctx);
  const challenge = load(ctx, 'challenge', input.challengeId);
  authorizeDrafting(ctx, actor, challenge.id, input.pledgerId);
  // in 赛马 each racing leader pledges separately, so later pledges come after the challenge moved on
  const racing = challenge.teamMode === 'horse_race' && ['pledged', 'in_progress'].includes(challenge.status);
  if (challenge.status !== 'appointed' && !racing) {
    throw ruleError('榜题挂帅后才能立军令状（已有军令状的请走修订）', 'A pledge is drafted after appointment (use an amendment to change a signed one)');
  }
  const appointment = listWhere(ctx, 'appointment', 'challenge_id', challenge.id).find((a) => a.leaderId === input.pledgerId);
  if (!appointment) throw ruleError('立状人必须是该榜题的挂帅人', 'The pledger must be the appointed leader of this challenge');
  const live = listWhere(ctx, 'pledge', 'appointment_id', appointment.id).filter((p) => p.status !== 'voided');
  if (live.length > 0) throw ruleError('该挂帅人已有军令状', 'This leader already has a pledge for the challenge');
  checkParties(ctx, input);
  const id = newId();
  const { milestones, challengeId, ...content } = input;
  write(ctx, 'pledges.draft', actor, (w) => {
    const now = w.nowIso();
    w.put('pledge', id, {
      ...content, challengeId, appointmentId: appointment.id, version: 1, supersedesId: null,
      number: content.number || `JLZ-${challenge.code}`, status: 'draft', textHash: null, amendmentReason: null,
      createdAt: now, updatedAt: now,
    });
    milestones.forEach((m, i) => addMilestone(w, id, challengeId, i + 1, m));
    w.event('pledge.draft', 'pledge', id, challengeId, { version: 1 });
  });
  return pledgesGet(ctx, { id });
}

export function addMilestone(
  w: Change,
  pledgeId: string,
  challengeId: string,
  seq: number,
  m: Pick<Milestone, 'title' | 'dueDate' | 'deliverable' | 'evidenceRequired'>,
): string {
  const id = newId();
  w.put('milestone', id, {
    ...m, pledgeId, challengeId, seq, status: 'planned', reportedAt: null, reportNote: null, verifiedBy: null,
    verifiedAt: null, rejectReason: null,
  });
  return id;
}

export function requireDraft(pledge: Pledge): void {
  if (pledge.status !== 'draft') {
    throw ruleError(
      `军令状状态为「${pledgeMachine.labels[pledge.status]}」，只有草稿可以修改${FROZEN_PLEDGE_STATUSES.includes(pledge.status) ? '（已签署的请走修订）' : ''}`,
      `The pledge is ${pledge.status}; only a draft can be edited${FROZEN_PLEDGE_STATUSES.includes(pledge.status) ? ' (amend a signed pledge instead)' : ''}`,
    );
  }
}

export function pledgesUpdate(ctx: ServiceContext, input: ParsedInput<'pledges.update'>) {
  const actor = requireActor(ctx);
  const { id, ...fields } = input;
  const pledge = load(ctx, 'pledge', id);
  authorizeDrafting(ctx, actor, pledge.challengeId, pledge.pledgerId);
  requireDraft(pledge);
  if (fields.pledgerId && fields.pledgerId !== pledge.pledgerId) {
    throw ruleError('立状人由挂帅决定，不能在军令状中更换', 'The pledger is fixed by the appointment');
  }
  checkParties(ctx, { ...pledge, ...fields });
  write(ctx, 'pledges.update', actor, (w) => {
    w.put('pledge', id, { ...fields, updatedAt: w.nowIso() });
    w.event('pledge.update', 'pledge', id, pledge.challengeId, { fields: Object.keys(fields) });
  });
  return pledgesGet(ctx, { id });
}

export function pledgesSubmit(ctx: ServiceContext, input: ParsedInput<'pledges.submit'>) {
  const actor = requireActor(ctx);
  const pledge = load(ctx, 'pledge', input.id);
  authorizeDrafting(ctx, actor, pledge.challengeId, pledge.pledgerId);
  if (pledge.commitments.length === 0 && pledgeMilestones(ctx, pledge.id).length === 0) {
    throw ruleError('军令状至少要有一项承诺指标或一个节点', 'A pledge needs at least one commitment or milestone');
  }
  write(ctx, 'pledges.submit', actor, (w) => {
    w.transition(pledgeMachine, 'pledge', pledge, 'pledge.submit', { challengeId: pledge.challengeId, extra: { updatedAt: w.nowIso() } });
  });
  return pledgesGet(ctx, { id: pledge.id });
}

export function pledgesReopen(ctx: ServiceContext, input: ParsedInput<'pledges.reopen'>) {
  const actor = requireActor(ctx);
  const pledge = load(ctx, 'pledge', input.id);
  authorizeDrafting(ctx, actor, pledge.challengeId, pledge.pledgerId);
  write(ctx, 'pledges.reopen', actor, (w) => {
    w.transition(pledgeMachine, 'pledge', pledge, 'pledge.reopen', { challengeId: pledge.challengeId, extra: { updatedAt: w.nowIso() } });
  });
  return pledgesGet(ctx, { id: pledge.id });
}

/**
 * Signing as one party: the signature binds the person, the role, the time, this replica and the
 * sha256 of the canonical text. The last required signature freezes the hash; a signed amendment
 * replaces the version it amends.
 */
export function pledgesSign(ctx: ServiceContext, input: ParsedInput<'pledges.sign'>) {
  const actor = requireActor(ctx);
  const pledge = load(ctx, 'pledge', input.id);
  authorize(actor, 'pledge.sign');
  if (!isNamedParty(pledge, input.role, actor.id)) {
    throw new JiebangError(
      'FORBIDDEN',
      `${actor.name} 不是本军令状的${PARTY_ROLE_LABELS[input.role]}`,
      `${actor.name} is not named as ${input.role} on this pledge`,
    );
  }
  const signatures = pledgeSignatures(ctx, pledge.id);
  if (signatures.some((s) => s.personId === actor.id && s.partyRole === input.role)) {
    throw ruleError(`${actor.name} 已以${PARTY_ROLE_LABELS[input.role]}身份签署`, `${actor.name} has already signed as ${input.role}`);
  }
  const witnessLate = input.role === 'witness' && (pledge.status === 'signed' || pledge.status === 'active');
  if (!witnessLate && pledge.status !== 'ready_to_sign' && pledge.status !== 'partially_signed') {
    throw new JiebangError(
      'ILLEGAL_TRANSITION',
      `军令状状态为「${pledgeMachine.labels[pledge.status]}」，不能签署`,
      `The pledge is ${pledge.status} and cannot be signed`,
      { from: pledge.status, action: 'pledge.sign' },
    );
  }
  const milestones = pledgeMilestones(ctx, pledge.id);
  const textHash = pledgeTextHash(pledgeContent(pledge, milestones));
  const challenge = load(ctx, 'challenge', pledge.challengeId);
  write(ctx, 'pledges.sign', actor, (w) => {
    const signatureId = newId();
    w.put('signature', signatureId, {
      pledgeId: pledge.id, personId: actor.id, partyRole: input.role, signedAt: w.nowIso(), replicaId: w.replicaId,
      siteId: actor.siteId, textHash,
    });
    const signed = { role: input.role, textHash };
    // one 'pledge.sign' event per signature: the first one also carries the status change
    if (pledge.status === 'ready_to_sign' && !witnessLate) {
      w.transition(pledgeMachine, 'pledge', pledge, 'pledge.sign', { challengeId: pledge.challengeId, extra: { updatedAt: w.nowIso() }, detail: signed });
    } else {
      w.event('pledge.sign', 'pledge', pledge.id, pledge.challengeId, signed);
    }
    if (witnessLate) return;
    const all = [...signatures, { partyRole: input.role, personId: actor.id }];
    const complete = requiredParties(pledge).every((p) => all.some((s) => s.partyRole === p.role && s.personId === p.personId));
    if (!complete) return;
    w.transition(pledgeMachine, 'pledge', pledge, 'pledge.complete_signing', {
      challengeId: pledge.challengeId,
      extra: { textHash, updatedAt: w.nowIso() },
    });
    if (pledge.supersedesId) {
      const old = load(ctx, 'pledge', pledge.supersedesId);
      w.transition(pledgeMachine, 'pledge', old, 'pledge.supersede', { challengeId: pledge.challengeId, detail: { by: pledge.id } });
    }
    if (challenge.status === 'appointed') moveChallenge(w, challenge, 'challenge.pledge');
    else if (['in_progress', 'suspended', 'rework', 'acceptance_requested'].includes(challenge.status)) {
      // an amendment signed during the work takes effect at once
      w.transition(pledgeMachine, 'pledge', pledge, 'pledge.activate', { challengeId: pledge.challengeId });
    }
  });
  return pledgesGet(ctx, { id: pledge.id });
}

export function pledgesVoid(ctx: ServiceContext, input: ParsedInput<'pledges.void'>) {
  const actor = requireActor(ctx);
  authorize(actor, 'pledge.void');
  const pledge = load(ctx, 'pledge', input.id);
  write(ctx, 'pledges.void', actor, (w) => {
    w.transition(pledgeMachine, 'pledge', pledge, 'pledge.void', { challengeId: pledge.challengeId, detail: { reason: input.reason }, extra: { updatedAt: w.nowIso() } });
  });
  return pledgesGet(ctx, { id: pledge.id });
}

export function pledgesAbandon(ctx: ServiceContext, input: ParsedInput<'pledges.abandon'>) {
  const actor = requireActor(ctx);
  authorize(actor, 'pledge.abandon');
  const pledge = load(ctx, 'pledge', input.id);
  write(ctx, 'pledges.abandon', actor, (w) => {
    w.transition(pledgeMachine, 'pledge', pledge, 'pledge.abandon', { challengeId: pledge.challengeId, detail: { reason: input.reason }, extra: { updatedAt: w.nowIso() } });
  });
  return pledgesGet(ctx, { id: pledge.id });
}

/** An amendment: a new draft version with the same content and milestones, needing new signatures. */
export function pledgesAmend(ctx: ServiceContext, input: ParsedInput<'pledges.amend'>) {
  const actor = requireActor(ctx);
  const pledge = load(ctx, 'pledge', input.id);
  const challenge = load(ctx, 'challenge', pledge.challengeId);
  authorize(actor, 'pledge.amend', { siteId: challenge.siteId });
  if (pledge.status !== 'signed' && pledge.status !== 'active') {
    throw ruleError('只有已签署或执行中的军令状可以修订', 'Only a signed or active pledge can be amended', { status: pledge.status });
  }
  const pending = ctx.db
    .prepare("SELECT count(*) FROM pledges WHERE supersedes_id = ? AND status IN ('draft','ready_to_sign','partially_signed')")
    .pluck()
    .get(pledge.id) as number;
  if (pending > 0) throw ruleError('该军令状已有一份修订稿尚未签署完成', 'An amendment of this pledge is already in progress');
  const id = newId();
  write(ctx, 'pledges.amend', actor, (w) => {
    const now = w.nowIso();
    const { id: _old, status: _s, textHash: _h, createdAt: _c, updatedAt: _u, ...content } = pledge;
    w.put('pledge', id, {
      ...content, version: pledge.version + 1, supersedesId: pledge.id, status: 'draft', textHash: null,
      amendmentReason: input.reason, createdAt: now, updatedAt: now,
    });
    for (const m of pledgeMilestones(ctx, pledge.id)) {
      const { id: sourceId, pledgeId: _p, ...rest } = m;
      w.put('milestone', newId(), { ...rest, pledgeId: id, copiedFromId: sourceId });
    }
    w.event('pledge.amend', 'pledge', id, pledge.challengeId, { from: pledge.id, version: pledge.version + 1, reason: input.reason });
  });
  return pledgesGet(ctx, { id });
}
