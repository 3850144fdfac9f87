import { describe, expect, it } from 'vitest';
import { contract } from '../../main/contract';
import { claimAndAppoint, draftPledge, publishedChallenge } from '../support/flow';
import { makeOrg, openTestStore } from '../support/store';

/** An update changes what it names and nothing else: unsent fields are never reset to defaults. */
describe('partial updates', () => {
  it('no update method fills in a default for a field the caller did not send', () => {
    const updates = Object.keys(contract).filter((m) => m.endsWith('.update')) as (keyof typeof contract)[];
    expect(updates.length).toBeGreaterThanOrEqual(7);
    for (const method of updates) {
      const parsed = contract[method].safeParse({ id: 'row-1' });
      expect(parsed.success, method).toBe(true);
      expect(parsed.data, method).toEqual({ id: 'row-1' });
    }
  });

  it('a milestone’s new due date keeps its deliverable and evidence; a pledge’s new title keeps its clauses', () => {
    const s = openTestStore();
    const org = makeOrg(s);
    const { challengeId } = publishedChallenge(s, org);
    claimAndAppoint(s, org, challengeId);
    const pledgeId = draftPledge(s, org, challengeId);
    const before = s.call(org.officer, 'pledges.get', { id: pledgeId });
    const milestone = before.milestones[1]!;

    s.call(org.officer, 'milestones.update', { id: milestone.id, dueDate: s.clock.today(120) });
    const after = s.call(org.officer, 'pledges.get', { id: pledgeId });
    const moved = after.milestones.find((m) => m.id === milestone.id)!;
    expect(moved.dueDate).toBe(s.clock.today(120));
    expect({ deliverable: moved.deliverable, evidenceRequired: moved.evidenceRequired }).toEqual({ deliverable: '安装记录', evidenceRequired: '现场照片' });

    s.call(org.officer, 'pledges.update', { id: pledgeId, title: '大坝安全监测攻关军令状（修订标题）' });
    const renamed = s.call(org.officer, 'pledges.get', { id: pledgeId }).pledge;
    expect(renamed.title).toBe('大坝安全监测攻关军令状（修订标题）');
    expect(renamed.commitments).toEqual(before.pledge.commitments);
    expect(renamed.rewards).toEqual(before.pledge.rewards);
    expect(renamed.penalties).toEqual(before.pledge.penalties);
    expect(renamed.exemptions).toEqual(before.pledge.exemptions);
    expect(renamed.witnessIds).toEqual(before.pledge.witnessIds);
  });
});
