import { describe, expect, it } from 'vitest';
import type { Actor } from '../../main/domain/authority';
import { refuseOp } from '../../main/domain/op-authority';

const hq: Actor = { id: 'hq1', name: '总部', siteId: 'HQ', roles: ['hq_officer'] };
const lead: Actor = { id: 'lead1', name: '李坝址', siteId: 'DAM', roles: ['site_lead'] };
const member: Actor = { id: 'm1', name: '赵队员', siteId: 'DAM', roles: ['site_member'] };
const supervisor: Actor = { id: 's1', name: '周监督', siteId: 'HQ', roles: ['supervisor'] };
const op = (entity: string, field: string, value: unknown, rowId = 'r1') => ({ entity, rowId, field, value });
const fresh = { current: null };
const ownSite = { current: null, challengeSiteId: 'DAM' };
const otherSite = { current: null, challengeSiteId: 'SEA' };
const code = (r: ReturnType<typeof refuseOp>) => r?.code ?? null;

describe('the hub’s authority check on each op', () => {
  it('HQ may change anything except a signed pledge’s text', () => {
    for (const [entity, field, value] of [['board', 'title', 'x'], ['challenge', 'status', 'accepted'], ['assessment', 'grade', 'good'], ['person', 'roles', ['hq_admin']]] as const) {
      expect(refuseOp(hq, op(entity, field, value), fresh)).toBeNull();
    }
    const signed = { current: { status: 'active', text: '原文', pledger_id: 'lead1' } };
    expect(code(refuseOp(hq, op('pledge', 'text', '改过的'), signed))).toBe('SIGNED_PLEDGE');
    expect(refuseOp(hq, op('pledge', 'text', '原文'), signed)).toBeNull(); // re-sending the same value is no change
    expect(refuseOp(hq, op('pledge', 'status', 'fulfilled'), signed)).toBeNull();
  });

  it('a site cannot touch HQ’s records or decisions', () => {
    for (const entity of ['site', 'person', 'board', 'appointment', 'assessment', 'case']) {
      expect(code(refuseOp(lead, op(entity, 'id', 'x'), fresh)), entity).toBe('HQ_ONLY');
    }
    expect(code(refuseOp(lead, op('challenge', 'status', 'accepted'), ownSite))).toBe('HQ_ONLY');
    expect(code(refuseOp(lead, op('challenge', 'title', '改名'), ownSite))).toBe('HQ_ONLY');
    expect(code(refuseOp(lead, op('claim', 'status', 'selected'), fresh))).toBe('HQ_ONLY');
    expect(code(refuseOp(lead, op('pledge', 'status', 'voided'), fresh))).toBe('HQ_ONLY');
    expect(code(refuseOp(lead, op('acceptance', 'decision', 'passed'), ownSite))).toBe('HQ_ONLY');
    expect(code(refuseOp(member, op('milestone', 'status', 'verified'), { current: { status: 'reported' }, challengeSiteId: 'DAM' }))).toBe('HQ_ONLY');
  });

  it('a site does its own work at its own site', () => {
    expect(refuseOp(lead, op('challenge', 'status', 'in_progress'), { current: { site_id: 'DAM' }, challengeSiteId: 'DAM' })).toBeNull();
    expect(code(refuseOp(lead, op('challenge', 'status', 'in_progress'), { current: { site_id: 'SEA' }, challengeSiteId: 'SEA' }))).toBe('OTHER_SITE');
    expect(code(refuseOp(member, op('challenge', 'status', 'in_progress'), { current: { site_id: 'DAM' }, challengeSiteId: 'DAM' }))).toBe('NOT_ALLOWED');
    expect(refuseOp(member, op('challenge', 'status', 'pledged'), { current: { site_id: 'DAM' }, challengeSiteId: 'DAM' })).toBeNull();
    expect(refuseOp(member, op('progress', 'author_id', 'm1'), ownSite)).toBeNull();
    expect(code(refuseOp(member, op('progress', 'author_id', 'someone'), ownSite))).toBe('NOT_YOURS');
    expect(code(refuseOp(member, op('progress', 'site_id', 'SEA'), ownSite))).toBe('NOT_YOURS');
    expect(code(refuseOp(member, op('progress', 'work_done', 'x'), otherSite))).toBe('OTHER_SITE');
    expect(refuseOp(member, op('milestone', 'status', 'reported'), { current: { status: 'in_progress' }, challengeSiteId: 'DAM' })).toBeNull();
    expect(code(refuseOp(member, op('signature', 'person_id', 'lead1'), fresh))).toBe('NOT_YOURS');
    expect(refuseOp(lead, op('signature', 'person_id', 'lead1'), fresh)).toBeNull();
    expect(code(refuseOp(member, op('event', 'actor_id', 'hq1'), fresh))).toBe('NOT_YOURS');
    expect(code(refuseOp(member, op('claim', 'applicant_id', 'lead1'), fresh))).toBe('NOT_YOURS');
    expect(code(refuseOp(member, op('claim', 'plan', 'x'), { current: { applicant_id: 'lead1' } }))).toBe('NOT_YOURS');
    expect(code(refuseOp(member, op('team', 'name', 'x'), { current: { site_id: 'DAM' } }))).toBe('NOT_ALLOWED');
    expect(code(refuseOp(lead, op('team', 'site_id', 'SEA'), fresh))).toBe('OTHER_SITE');
    expect(code(refuseOp(lead, op('pledge', 'text', 'x'), { current: { pledger_id: 'other', status: 'draft' }, challengeSiteId: 'DAM' }))).toBe('NOT_YOURS');
    expect(refuseOp(lead, op('pledge', 'status', 'partially_signed'), { current: { pledger_id: 'other', status: 'ready_to_sign' }, challengeSiteId: 'DAM' })).toBeNull();
  });

  it('an amendment’s copied milestone may carry its source’s status; a forged 已核验 may not', () => {
    const source = { id: 'm-old', status: 'verified', challenge_id: 'c1' };
    const copy = { current: null, challengeSiteId: 'DAM', copiedFrom: source, copiedFromChallengeId: 'c1' };
    expect(refuseOp(lead, op('milestone', 'status', 'verified'), copy)).toBeNull();
    // no source named, a source that was never verified, or one from another challenge: refused
    expect(code(refuseOp(lead, op('milestone', 'status', 'verified'), ownSite))).toBe('HQ_ONLY');
    expect(code(refuseOp(lead, op('milestone', 'status', 'verified'), { ...copy, copiedFrom: { ...source, status: 'planned' } }))).toBe('HQ_ONLY');
    expect(code(refuseOp(lead, op('milestone', 'status', 'verified'), { ...copy, copiedFrom: null }))).toBe('HQ_ONLY');
    expect(code(refuseOp(lead, op('milestone', 'status', 'verified'), { ...copy, copiedFromChallengeId: 'c2' }))).toBe('HQ_ONLY');
    // a newly planned milestone needs no source
    expect(refuseOp(lead, op('milestone', 'status', 'planned'), ownSite)).toBeNull();
  });

  it('a supervisor verifies milestones anywhere', () => {
    expect(refuseOp(supervisor, op('milestone', 'status', 'verified'), { current: { status: 'reported' }, challengeSiteId: 'SEA' })).toBeNull();
    expect(refuseOp(supervisor, op('milestone', 'verified_by', 's1'), { current: { status: 'reported' }, challengeSiteId: 'SEA' })).toBeNull();
  });
});
