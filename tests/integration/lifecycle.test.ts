import { describe, expect, it } from 'vitest';
import { CallError, makeOrg, openTestStore } from '../support/store';
import { claimAndAppoint, createBoard, createChallenge, deliverMilestones, draftPledge, inProgressChallenge, publishedChallenge, signPledge } from '../support/flow';

function refusal(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (err) {
    if (err instanceof CallError) return err.error;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('the full 揭榜挂帅 life cycle on a real SQLite file', () => {
  it('publish → claim → select → appoint → pledge signed → milestones → progress → acceptance → assessment → case', () => {
    const s = openTestStore();
    const org = makeOrg(s);
    const { challengeId, pledgeId } = inProgressChallenge(s, org);

    let detail = s.call(org.officer, 'challenges.get', { id: challengeId });
    expect(detail.challenge.status).toBe('in_progress');
    expect(detail.challenge.leaderId).toBe(org.lead);
    const pledge = s.call(org.officer, 'pledges.get', { id: pledgeId });
    expect(pledge.pledge.status).toBe('active');
    expect(pledge.pledge.textHash).toMatch(/^[0-9a-f]{64}$/);
    expect(pledge.signatures.map((x) => x.partyRole).sort()).toEqual(['issuer', 'pledger']);
    expect(pledge.intact).toBe(true);
    expect(pledge.missingSignatures).toEqual([]);

    s.clock.advanceDays(10);
    s.call(org.member, 'progress.add', {
      challengeId, date: s.clock.today(), workDone: '完成左岸坝肩 12 个渗压计安装', percent: 40,
      problems: '高海拔施工效率低', nextSteps: '右岸布设', safetyNotes: '注意落石',
    });
    deliverMilestones(s, org, challengeId);
    detail = s.call(org.officer, 'challenges.get', { id: challengeId });
    expect(detail.card.progress).toBe(100);
    expect(detail.milestones.every((m) => m.status === 'verified')).toBe(true);

    s.call(org.lead, 'acceptance.request', { challengeId, requestNote: '申请验收' });
    s.call(org.officer, 'acceptance.decide', {
      challengeId, decision: 'passed', criteriaResults: [{ criterion: '符合 DL/T 2096', met: true, note: '' }], note: '通过',
    });
    s.call(org.officer, 'assessments.assess', {
      challengeId, score: 95, grade: 'excellent', pledgeOutcome: 'fulfilled', rewardsApplied: '奖励 50 万元', penaltiesApplied: '', note: '',
    });
    expect(s.call(org.officer, 'pledges.get', { id: pledgeId }).pledge.status).toBe('fulfilled');
    s.call(org.officer, 'cases.promote', {
      challengeId, title: '高海拔大坝安全在线监测', problem: '人工巡检难', solution: '九大子系统', results: '在线率 99.5%', tags: ['水电', '监测'],
    });
    s.call(org.officer, 'challenges.archive', { id: challengeId });

    detail = s.call(org.officer, 'challenges.get', { id: challengeId });
    expect(detail.challenge.status).toBe('archived');
    expect(detail.case?.title).toBe('高海拔大坝安全在线监测');
    const actions = detail.timeline.map((e) => e.action);
    for (const a of ['challenge.create', 'challenge.publish', 'claim.submit', 'claim.select', 'appointment.appoint', 'challenge.appoint',
      'pledge.draft', 'pledge.sign', 'pledge.complete_signing', 'challenge.pledge', 'challenge.start', 'progress.add',
      'milestone.report', 'milestone.verify', 'challenge.request_acceptance', 'challenge.accept', 'challenge.assess', 'case.promote', 'challenge.archive']) {
      expect(actions, a).toContain(a);
    }
    // the timeline says who and from which site
    const report = detail.timeline.find((e) => e.action === 'milestone.report')!;
    expect(report.actorName).toBe('赵队员');
    expect(report.siteName).toBe('瓦托水电站坝址');
    expect(s.call(org.officer, 'cases.list', {})).toHaveLength(1);
  });

  it('rework sends the challenge back to work; not accepted ends in assessment with an unfulfilled pledge', () => {
    const s = openTestStore();
    const org = makeOrg(s);
    const a = inProgressChallenge(s, org);
    deliverMilestones(s, org, a.challengeId);
    s.call(org.lead, 'acceptance.request', { challengeId: a.challengeId, requestNote: '' });
    s.call(org.officer, 'acceptance.decide', { challengeId: a.challengeId, decision: 'rework', note: '数据不全，整改' });
    expect(s.call(org.officer, 'challenges.get', { id: a.challengeId }).challenge.status).toBe('rework');
    s.call(org.lead, 'challenges.resume', { id: a.challengeId });
    s.call(org.lead, 'acceptance.request', { challengeId: a.challengeId, requestNote: '整改完成' });
    s.call(org.officer, 'acceptance.decide', { challengeId: a.challengeId, decision: 'passed', note: '' });
    expect(s.call(org.officer, 'challenges.get', { id: a.challengeId }).acceptances.map((x) => x.decision)).toEqual(['rework', 'passed']);

    const b = inProgressChallenge(s, org);
    deliverMilestones(s, org, b.challengeId);
    s.call(org.lead, 'acceptance.request', { challengeId: b.challengeId, requestNote: '' });
    s.call(org.officer, 'acceptance.decide', { challengeId: b.challengeId, decision: 'failed', note: '未达到指标' });
    expect(refusal(() => s.call(org.officer, 'assessments.assess', {
      challengeId: b.challengeId, score: 40, grade: 'fail', pledgeOutcome: 'fulfilled', rewardsApplied: '', penaltiesApplied: '', note: '',
    })).code).toBe('RULE');
    s.call(org.officer, 'assessments.assess', {
      challengeId: b.challengeId, score: 40, grade: 'fail', pledgeOutcome: 'unfulfilled', rewardsApplied: '', penaltiesApplied: '扣减绩效', note: '',
    });
    expect(s.call(org.officer, 'pledges.get', { id: b.pledgeId }).pledge.status).toBe('unfulfilled');
    expect(refusal(() => s.call(org.officer, 'cases.promote', {
      challengeId: b.challengeId, title: 'x', problem: 'x', solution: 'x', results: 'x', tags: [],
    })).code).toBe('RULE');
  });

  it('赛马: several claims are selected, each gets a leader, and a later one is eliminated', () => {
    const s = openTestStore();
    const org = makeOrg(s);
    const { challengeId } = publishedChallenge(s, org, { teamMode: 'horse_race', siteId: null });
    const one = claimAndAppoint(s, org, challengeId, org.lead);
    // once a leader is appointed the challenge takes no more claims
    expect(refusal(() => s.call(org.otherLead, 'claims.submit', { challengeId, teamId: null, plan: '平台方案', members: [] })).code).toBe('RULE');

    const { challengeId: race } = publishedChallenge(s, org, { teamMode: 'horse_race', siteId: null });
    const c1 = s.call(org.lead, 'claims.submit', { challengeId: race, teamId: null, plan: '方案甲', members: [] }).id;
    const c2 = s.call(org.otherLead, 'claims.submit', { challengeId: race, teamId: null, plan: '方案乙', members: [] }).id;
    s.call(org.officer, 'claims.select', { id: c1 });
    s.call(org.officer, 'claims.select', { id: c2 });
    s.call(org.officer, 'appointments.appoint', { claimId: c1, leaderId: org.lead });
    s.call(org.officer, 'appointments.appoint', { claimId: c2, leaderId: org.otherLead });
    const detail = s.call(org.officer, 'challenges.get', { id: race });
    expect(detail.appointments).toHaveLength(2);
    expect(detail.challenge.status).toBe('appointed');
    // each racing leader signs their own pledge; the later one is drafted after the challenge moved on
    const p1 = draftPledge(s, org, race, org.lead);
    signPledge(s, org, p1, org.lead);
    expect(s.call(org.officer, 'challenges.get', { id: race }).challenge.status).toBe('pledged');
    const p2 = draftPledge(s, org, race, org.otherLead);
    signPledge(s, org, p2, org.otherLead);
    s.call(org.officer, 'challenges.start', { id: race });
    expect(s.call(org.officer, 'pledges.get', { id: p2 }).pledge.status).toBe('active');
    s.call(org.officer, 'claims.eliminate', { id: c2, reason: '中期评审落后' });
    // the eliminated team's pledge ends with it; the winner's stays active
    expect(s.call(org.officer, 'pledges.get', { id: p2 }).pledge.status).toBe('abandoned');
    expect(s.call(org.officer, 'pledges.get', { id: p1 }).pledge.status).toBe('active');
    expect(refusal(() => s.call(org.officer, 'claims.eliminate', { id: c1, reason: '最后一个' })).code).toBe('RULE');
    expect(s.call(org.officer, 'challenges.get', { id: race }).claims.map((c) => c.status).sort()).toEqual(['eliminated', 'selected']);
    expect(one.appointmentId).toBeTruthy();

    // outside 赛马 only one claim can be selected, and nothing can be eliminated
    const { challengeId: solo } = publishedChallenge(s, org);
    const s1 = s.call(org.lead, 'claims.submit', { challengeId: solo, teamId: null, plan: '甲', members: [] }).id;
    const s2 = s.call(org.otherLead, 'claims.submit', { challengeId: solo, teamId: null, plan: '乙', members: [] }).id;
    s.call(org.officer, 'claims.select', { id: s1 });
    expect(refusal(() => s.call(org.officer, 'claims.select', { id: s2 })).code).toBe('RULE');
    expect(refusal(() => s.call(org.officer, 'claims.eliminate', { id: s1, reason: 'x' })).code).toBe('RULE');
  });

  it('子榜 roll up into the parent, and the parent cannot be accepted before its required 子榜', () => {
    const s = openTestStore();
    const org = makeOrg(s);
    const boardId = createBoard(s, org);
    const parent = createChallenge(s, org, boardId, { title: '3500米超深海直缝埋弧焊管' });
    const subs = ['成型', '焊接', '无损检测'].map((t) => createChallenge(s, org, boardId, { parentId: parent, title: `${t}子榜` }));
    const optional = createChallenge(s, org, boardId, { parentId: parent, title: '可选子榜', required: false });
    s.call(org.officer, 'boards.publish', { id: boardId });
    const view = s.call(org.officer, 'boards.view', { id: boardId });
    expect(view.challenges.find((c) => c.id === parent)!.subCount).toBe(4);
    expect(view.challenges.find((c) => c.id === subs[1])!.code).toMatch(/-2$/);

    for (const id of [parent, ...subs]) {
      claimAndAppoint(s, org, id);
      signPledge(s, org, draftPledge(s, org, id));
      s.call(org.lead, 'challenges.start', { id });
    }
    // finish the first sub-board only
    deliverMilestones(s, org, subs[0]!);
    s.call(org.lead, 'acceptance.request', { challengeId: subs[0]!, requestNote: '' });
    s.call(org.officer, 'acceptance.decide', { challengeId: subs[0]!, decision: 'passed', note: '' });

    const rolled = s.call(org.officer, 'boards.view', { id: boardId }).challenges.find((c) => c.id === parent)!;
    // mean of 3 live required subs + the optional draft-less one: 100, 0, 0, 0
    expect(rolled.progress).toBe(25);

    deliverMilestones(s, org, parent);
    s.call(org.lead, 'acceptance.request', { challengeId: parent, requestNote: '' });
    const blocked = refusal(() => s.call(org.officer, 'acceptance.decide', { challengeId: parent, decision: 'passed', note: '' }));
    expect(blocked.code).toBe('RULE');
    expect(blocked.message).toContain('焊接子榜');
    expect(blocked.message).not.toContain('可选子榜');
    for (const id of subs.slice(1)) {
      deliverMilestones(s, org, id);
      s.call(org.lead, 'acceptance.request', { challengeId: id, requestNote: '' });
      s.call(org.officer, 'acceptance.decide', { challengeId: id, decision: 'passed', note: '' });
    }
    s.call(org.officer, 'acceptance.decide', { challengeId: parent, decision: 'passed', note: '' });
    expect(s.call(org.officer, 'challenges.get', { id: parent }).challenge.status).toBe('accepted');
    expect(optional).toBeTruthy();
  });

  it('an amendment is a new version needing new signatures, and replaces the old one once signed', () => {
    const s = openTestStore();
    const org = makeOrg(s);
    const { challengeId, pledgeId } = inProgressChallenge(s, org);
    const signedHash = s.call(org.officer, 'pledges.get', { id: pledgeId }).pledge.textHash;
    // a signed pledge is immutable
    expect(refusal(() => s.call(org.officer, 'pledges.update', { id: pledgeId, text: '改过的文本' })).code).toBe('RULE');

    const v2 = s.call(org.lead, 'pledges.amend', { id: pledgeId, reason: '汛期推迟安装' });
    expect(v2.pledge.version).toBe(2);
    expect(v2.pledge.status).toBe('draft');
    expect(v2.milestones).toHaveLength(2);
    expect(refusal(() => s.call(org.lead, 'pledges.amend', { id: pledgeId, reason: '再改' })).code).toBe('RULE');
    s.call(org.officer, 'pledges.update', { id: v2.pledge.id, deadline: s.clock.today(240) });
    s.call(org.officer, 'pledges.submit', { id: v2.pledge.id });
    s.call(org.lead, 'pledges.sign', { id: v2.pledge.id, role: 'pledger' });
    expect(s.call(org.officer, 'pledges.get', { id: pledgeId }).pledge.status).toBe('active');
    s.call(org.officer, 'pledges.sign', { id: v2.pledge.id, role: 'issuer' });

    const after = s.call(org.officer, 'pledges.get', { id: v2.pledge.id });
    expect(after.pledge.status).toBe('active');
    expect(after.pledge.textHash).not.toBe(signedHash);
    expect(after.versions.map((v) => [v.version, v.status])).toEqual([[1, 'superseded'], [2, 'active']]);
    expect(s.call(org.officer, 'pledges.get', { id: pledgeId }).pledge.textHash).toBe(signedHash);
    // the live plan is the new version's milestones
    const detail = s.call(org.officer, 'challenges.get', { id: challengeId });
    expect(detail.milestones.filter((m) => m.pledgeStatus === 'active')).toHaveLength(2);
  });

  it('signing is only for the named party, once, and a witness signature does not gate', () => {
    const s = openTestStore();
    const org = makeOrg(s);
    const { challengeId } = publishedChallenge(s, org);
    claimAndAppoint(s, org, challengeId);
    const pledgeId = draftPledge(s, org, challengeId, org.lead, org.supervisor);
    expect(refusal(() => s.call(org.lead, 'pledges.sign', { id: pledgeId, role: 'pledger' })).code).toBe('ILLEGAL_TRANSITION');
    s.call(org.officer, 'pledges.submit', { id: pledgeId });
    expect(refusal(() => s.call(org.member, 'pledges.sign', { id: pledgeId, role: 'pledger' })).code).toBe('FORBIDDEN');
    s.call(org.witness, 'pledges.sign', { id: pledgeId, role: 'witness' });
    s.call(org.lead, 'pledges.sign', { id: pledgeId, role: 'pledger' });
    expect(refusal(() => s.call(org.lead, 'pledges.sign', { id: pledgeId, role: 'pledger' })).code).toBe('RULE');
    s.call(org.officer, 'pledges.sign', { id: pledgeId, role: 'issuer' });
    let p = s.call(org.officer, 'pledges.get', { id: pledgeId });
    expect(p.pledge.status).toBe('partially_signed');
    expect(p.missingSignatures).toEqual([{ role: 'supervisor', personId: org.supervisor }]);
    s.call(org.supervisor, 'pledges.sign', { id: pledgeId, role: 'supervisor' });
    p = s.call(org.officer, 'pledges.get', { id: pledgeId });
    expect(p.pledge.status).toBe('signed');
    expect(new Set(p.signatures.map((x) => x.textHash)).size).toBe(1);
    expect(s.call(org.officer, 'challenges.get', { id: challengeId }).challenge.status).toBe('pledged');
  });

  it('refusals change nothing and say why in both languages', () => {
    const s = openTestStore();
    const org = makeOrg(s);
    const { challengeId } = publishedChallenge(s, org);
    const before = s.db.prepare('SELECT count(*) FROM sync_ops').pluck().get();
    const err = refusal(() => s.call(org.lead, 'challenges.withdraw', { id: challengeId, reason: '不想做了' }));
    expect(err.code).toBe('FORBIDDEN');
    const r = s.attempt(org.officer, 'acceptance.request', { challengeId, requestNote: '' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('ILLEGAL_TRANSITION');
      expect(r.error.message).toContain('已发榜');
      expect(r.error.messageEn).toContain('published');
    }
    // a site lead of another site cannot log progress here
    const other = inProgressChallenge(s, org);
    const countBefore = s.db.prepare('SELECT count(*) FROM sync_ops').pluck().get();
    expect(refusal(() => s.call(org.otherLead, 'progress.add', {
      challengeId: other.challengeId, date: s.clock.today(), workDone: '越权', percent: 1, problems: '', nextSteps: '', safetyNotes: '',
    })).code).toBe('FORBIDDEN');
    expect(s.db.prepare('SELECT count(*) FROM sync_ops').pluck().get()).toBe(countBefore);
    expect(before).toBeLessThan(countBefore as number);
  });

  it('withdrawal and 流标 decline open claims; a terminated challenge abandons its pledge', () => {
    const s = openTestStore();
    const org = makeOrg(s);
    const a = publishedChallenge(s, org);
    const claim = s.call(org.lead, 'claims.submit', { challengeId: a.challengeId, teamId: null, plan: '方案', members: [] }).id;
    s.call(org.officer, 'challenges.withdraw', { id: a.challengeId, reason: '需求变更' });
    expect(s.call(org.officer, 'challenges.get', { id: a.challengeId }).claims[0]!.status).toBe('not_selected');
    expect(claim).toBeTruthy();
    const b = publishedChallenge(s, org);
    s.call(org.officer, 'challenges.fail', { id: b.challengeId, reason: '无人揭榜' });
    expect(s.call(org.officer, 'challenges.get', { id: b.challengeId }).challenge.status).toBe('failed');
    const c = inProgressChallenge(s, org);
    s.call(org.officer, 'challenges.terminate', { id: c.challengeId, reason: '项目取消' });
    expect(s.call(org.officer, 'pledges.get', { id: c.pledgeId }).pledge.status).toBe('abandoned');
    // a 子榜 cannot be added under a withdrawn parent
    expect(refusal(() => createChallenge(s, org, a.boardId, { parentId: a.challengeId })).code).toBe('RULE');
  });
});
