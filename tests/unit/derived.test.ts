import { describe, expect, it } from 'vitest';
import { blockingChildren, daysBetween, isChallengeOverdue, isMilestoneOverdue, milestoneLight, rolledUpProgress, worstLight } from '../../main/domain/derived';

describe('derived values', () => {
  const today = '2026-06-15';
  it('milestone traffic light: done, green, yellow within 7 days, red overdue', () => {
    expect(milestoneLight({ status: 'verified', dueDate: '2026-01-01' }, today)).toBe('done');
    expect(milestoneLight({ status: 'reported', dueDate: '2026-01-01' }, today)).toBe('green');
    expect(milestoneLight({ status: 'planned', dueDate: '2026-06-14' }, today)).toBe('red');
    expect(milestoneLight({ status: 'rejected', dueDate: '2026-06-14' }, today)).toBe('red');
    expect(milestoneLight({ status: 'in_progress', dueDate: '2026-06-15' }, today)).toBe('yellow');
    expect(milestoneLight({ status: 'in_progress', dueDate: '2026-06-22' }, today)).toBe('yellow');
    expect(milestoneLight({ status: 'in_progress', dueDate: '2026-06-23' }, today)).toBe('green');
    expect(milestoneLight({ status: 'in_progress', dueDate: '2026-06-30' }, today, 20)).toBe('yellow');
  });
  it('overdue only for undelivered work past its date', () => {
    expect(isMilestoneOverdue({ status: 'planned', dueDate: '2026-06-14' }, today)).toBe(true);
    expect(isMilestoneOverdue({ status: 'reported', dueDate: '2026-06-14' }, today)).toBe(false);
    expect(isMilestoneOverdue({ status: 'planned', dueDate: today }, today)).toBe(false);
    expect(isChallengeOverdue({ status: 'in_progress', deadline: '2026-06-01' }, today)).toBe(true);
    expect(isChallengeOverdue({ status: 'accepted', deadline: '2026-06-01' }, today)).toBe(false);
  });
  it('worst light wins; no milestones, no light', () => {
    expect(worstLight([])).toBeNull();
    expect(worstLight(['done', 'green', 'yellow'])).toBe('yellow');
    expect(worstLight(['red', 'done'])).toBe('red');
  });
  it('progress rolls up from 子榜, milestones and the latest report', () => {
    const leaf = (status: 'in_progress' | 'accepted' | 'withdrawn', latestPercent: number | null) => ({ status, milestones: [], latestPercent, children: [] });
    expect(rolledUpProgress(leaf('in_progress', 42))).toBe(42);
    expect(rolledUpProgress(leaf('in_progress', null))).toBe(0);
    expect(rolledUpProgress(leaf('accepted', 10))).toBe(100);
    expect(rolledUpProgress({ status: 'in_progress', latestPercent: 90, children: [], milestones: [{ status: 'verified' }, { status: 'reported' }, { status: 'planned' }, { status: 'rejected' }] })).toBe(38);
    expect(rolledUpProgress({ status: 'in_progress', latestPercent: 0, milestones: [], children: [leaf('accepted', 0), leaf('in_progress', 50), leaf('withdrawn', 0)] })).toBe(75);
  });
  it('the parent acceptance rule: required, live, not accepted 子榜 block', () => {
    const kids = [
      { id: 'a', status: 'accepted' as const, required: true },
      { id: 'b', status: 'in_progress' as const, required: true },
      { id: 'c', status: 'in_progress' as const, required: false },
      { id: 'd', status: 'terminated' as const, required: true },
      { id: 'e', status: 'archived' as const, required: true },
    ];
    expect(blockingChildren(kids).map((k) => k.id)).toEqual(['b']);
  });
  it('days between dates', () => {
    expect(daysBetween('2026-02-27', '2026-03-01')).toBe(2);
    expect(daysBetween('2026-03-01', '2026-02-27')).toBe(-2);
  });
});
