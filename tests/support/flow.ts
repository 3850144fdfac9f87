import type { Org, TestStore } from './store';

/** Steps of the 揭榜挂帅 life cycle, through the contract, as the right person each time. */

export function createBoard(s: TestStore, org: Org, title = '2026年度科技攻关榜'): string {
  return s.call(org.officer, 'boards.create', {
    title, source: 'superior', issuerSiteId: org.hqSiteId, description: '集团年度重点攻关', rules: '具备相关资质',
    process: '发榜—揭榜—挂帅—立状—攻关—验收', assessmentStandard: '按军令状指标考核',
    periodStart: s.clock.today(), periodEnd: s.clock.today(365),
  }).id;
}

export function createChallenge(
  s: TestStore,
  org: Org,
  boardId: string,
  extra: { parentId?: string | null; teamMode?: 'solo' | 'joint' | 'horse_race'; title?: string; required?: boolean; siteId?: string | null } = {},
): string {
  return s.call(org.officer, 'challenges.create', {
    boardId, parentId: extra.parentId ?? null, code: '', title: extra.title ?? '大坝安全在线监测系统', category: 'safety',
    background: '高海拔坝址需要在线监测渗流与变形', kpis: [{ name: '监测点在线率', baseline: '85', target: '99', unit: '%', method: '系统统计' }],
    eligibility: '有水工监测经验', acceptanceCriteria: '符合 DL/T 2096', reward: '奖励 50 万元', deadline: s.clock.today(200),
    teamMode: extra.teamMode ?? 'solo', required: extra.required ?? true, siteId: extra.siteId === undefined ? org.damSiteId : extra.siteId,
  }).id;
}

/** A published board with one published challenge. */
export function publishedChallenge(s: TestStore, org: Org, extra: Parameters<typeof createChallenge>[3] = {}) {
  const boardId = createBoard(s, org);
  const challengeId = createChallenge(s, org, boardId, extra);
  s.call(org.officer, 'boards.publish', { id: boardId });
  return { boardId, challengeId };
}

export function claimAndAppoint(s: TestStore, org: Org, challengeId: string, leader = org.lead): { claimId: string; appointmentId: string } {
  const claimId = s.call(leader, 'claims.submit', {
    challengeId, teamId: null, plan: '分三阶段完成监测系统建设', members: [{ personId: leader, share: 100 }],
  }).id;
  s.call(org.officer, 'claims.shortlist', { id: claimId });
  s.call(org.officer, 'claims.select', { id: claimId });
  const appointmentId = s.call(org.officer, 'appointments.appoint', { claimId, leaderId: leader }).id;
  return { claimId, appointmentId };
}

export function draftPledge(s: TestStore, org: Org, challengeId: string, leader = org.lead, supervisor: string | null = null): string {
  return s.call(org.officer, 'pledges.draft', {
    challengeId, number: '', title: '大坝安全监测攻关军令状', text: '立状人李坝址向集团立下军令状：按期完成监测系统建设。',
    pledgerId: leader, issuerId: org.officer, supervisorId: supervisor, deadline: s.clock.today(180),
    commitments: [{ kpi: '监测点在线率', target: '99', unit: '%' }], rewards: ['按期完成奖励 50 万元'],
    penalties: ['未完成扣减绩效 20%'], exemptions: ['不可抗力免责'], witnessIds: [org.witness],
    milestones: [
      { title: '完成方案设计', dueDate: s.clock.today(30), deliverable: '设计方案', evidenceRequired: '评审纪要' },
      { title: '完成设备安装', dueDate: s.clock.today(90), deliverable: '安装记录', evidenceRequired: '现场照片' },
    ],
  }).pledge.id;
}

export function signPledge(s: TestStore, org: Org, pledgeId: string, leader = org.lead): void {
  s.call(org.officer, 'pledges.submit', { id: pledgeId });
  s.call(leader, 'pledges.sign', { id: pledgeId, role: 'pledger' });
  s.call(org.officer, 'pledges.sign', { id: pledgeId, role: 'issuer' });
}

/** Up to 攻关中 with a signed, active pledge. */
export function inProgressChallenge(s: TestStore, org: Org, extra: Parameters<typeof createChallenge>[3] = {}) {
  const { boardId, challengeId } = publishedChallenge(s, org, extra);
  claimAndAppoint(s, org, challengeId);
  const pledgeId = draftPledge(s, org, challengeId);
  signPledge(s, org, pledgeId);
  s.call(org.lead, 'challenges.start', { id: challengeId });
  return { boardId, challengeId, pledgeId };
}

export function deliverMilestones(s: TestStore, org: Org, challengeId: string): void {
  const detail = s.call(org.officer, 'challenges.get', { id: challengeId });
  for (const m of detail.milestones.filter((x) => x.pledgeStatus === 'active' && x.status !== 'verified')) {
    s.call(org.member, 'milestones.report', { id: m.id, note: '已完成，附现场记录' });
    s.call(org.officer, 'milestones.verify', { id: m.id });
  }
}
